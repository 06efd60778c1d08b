"""``sdmig backtest``: rolling-origin forecast skill against statistical baselines."""

from __future__ import annotations

from pathlib import Path

import click

from sdmig.cli.common import user_errors


@click.command("backtest")
@click.option(
    "--history",
    "history_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="A tidy history CSV (default: the shipped history).",
)
@click.option(
    "--first",
    default="2021-10",
    show_default=True,
    metavar="YYYY-MM",
    help="First forecast origin.",
)
@click.option(
    "--last", default="2023-06", show_default=True, metavar="YYYY-MM", help="Last forecast origin."
)
@click.option(
    "--draws",
    type=click.IntRange(min=10),
    default=200,
    show_default=True,
    help="Parameter draws for the model's prediction intervals.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for mase.csv, coverage.csv, errors.csv and backtest.md.",
)
@click.option("--quiet", is_flag=True, help="Print no progress.")
def backtest_command(history_path, first, last, draws, seed, out_dir, quiet) -> None:
    """Re-fit the model at each origin and compare its MASE with the baselines'."""
    from sdmig.files import atomic_write
    from sdmig.inference.backtest import backtest

    def progress(origin: str) -> None:
        if not quiet:
            click.echo(f"origin {origin} ...", err=True)

    with user_errors():
        results = backtest(
            history_path, first=first, last=last, n_draws=draws, seed=seed, progress=progress
        )
        text = results.format()
        click.echo(text)
        if out_dir is not None:
            out = Path(out_dir)
            out.mkdir(parents=True, exist_ok=True)
            atomic_write(out / "mase.csv", lambda p: results.mase.to_csv(p))
            atomic_write(out / "coverage.csv", lambda p: results.coverage.to_csv(p))
            atomic_write(out / "errors.csv", lambda p: results.errors.to_csv(p, index=False))
            atomic_write(out / "backtest.md", lambda p: Path(p).write_text(text + "\n"))
