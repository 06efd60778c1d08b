"""``sdmig backtest``: rolling-origin forecast skill of the filtered model and baselines."""

from __future__ import annotations

from pathlib import Path

import click

from sdmig.cli.common import user_errors


@click.command("backtest")
@click.option(
    "--history",
    "history_path",
    type=click.Path(exists=True),
    default=None,
    help="A history file or folder laid out like sdmig/data (default: the shipped history).",
)
@click.option(
    "--first",
    default="2021-10",
    show_default=True,
    metavar="YYYY-MM",
    help="First forecast origin.",
)
@click.option(
    "--last", default="2024-06", show_default=True, metavar="YYYY-MM", help="Last forecast origin."
)
@click.option(
    "--particles",
    type=click.IntRange(min=10),
    default=1000,
    show_default=True,
    help="Particles of the filter (and members of the model's forecasts).",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for scores.csv, table.csv and backtest.md.",
)
@click.option("--quiet", is_flag=True, help="Print no progress.")
def backtest_command(history_path, first, last, particles, seed, out_dir, quiet) -> None:
    """Forecast 1-12 months from every origin, starting from the filtered state there.

    Prints MASE, CRPS skill against seasonal naive, bias and interval coverage by horizon
    band for the model ('status quo' and 'known policy') and the baselines.
    """
    from sdmig.files import atomic_write
    from sdmig.inference.backtest import backtest

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"{message} ...", err=True)

    with user_errors():
        results = backtest(
            history_path,
            first=first,
            last=last,
            n_particles=particles,
            seed=seed,
            progress=progress,
        )
        text = results.format()
        click.echo(text)
        if out_dir is not None:
            out = Path(out_dir)
            out.mkdir(parents=True, exist_ok=True)
            atomic_write(out / "table.csv", lambda p: results.table().to_csv(p))
            atomic_write(out / "scores.csv", lambda p: results.scores.to_csv(p, index=False))
            atomic_write(out / "backtest.md", lambda p: Path(p).write_text(text + "\n"))
