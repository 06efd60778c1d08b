"""``sdmig calibrate``: estimate the model's parameters from a history."""

from __future__ import annotations

import click

from sdmig.cli.common import user_errors


@click.command("calibrate")
@click.option(
    "--history",
    "history_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="A tidy history CSV (default: the shipped 2019-2023 history).",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to save the results as JSON (default: only print them).",
)
@click.option(
    "--maxiter",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Largest number of optimizer iterations.",
)
@click.option("--quiet", is_flag=True, help="Print no progress.")
def calibrate_command(history_path, out_path, maxiter, quiet) -> None:
    """Fit the free parameters by maximum likelihood and print the summary.

    The package's default parameters are the result of this command on the shipped
    history, saved to sdmig/data/calibration.json; running it again gives the same numbers.
    """
    from sdmig.inference.calibrate import calibrate

    def progress(i: int, llf: float) -> None:
        if not quiet:
            click.echo(f"iteration {i:3d}  log-likelihood {llf:,.3f}", err=True)

    with user_errors():
        results = calibrate(history_path, maxiter=maxiter, progress=progress)
        click.echo(results.summary().as_text())
        if out_path is not None:
            path = results.save(out_path)
            if not quiet:
                click.echo(f"wrote {path}", err=True)
