"""``sdmig calibrate``: estimate the model's parameters from a history."""

from __future__ import annotations

import click

from sdmig.cli.common import user_errors

DEFAULT_WINDOW = "2020-01..2023-09"


@click.command("calibrate")
@click.option(
    "--history",
    "history_path",
    type=click.Path(),
    default=None,
    metavar="DIR|FILE",
    help="A history folder laid out like sdmig/data (its files replace the shipped ones of "
    "the same name) or a tidy history CSV (default: the shipped history).",
)
@click.option(
    "--window",
    default=DEFAULT_WINDOW,
    show_default=True,
    metavar="YYYY-MM..YYYY-MM",
    help="Months fitted, whatever the history holds: from 2020-01 (after the spin-up) to "
    "the last month with encounters by origin and by corridor, at least 12 months.",
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
@click.option(
    "--noise",
    is_flag=True,
    help="Then estimate the noise parameters of the state-space model (particle filter; "
    "a few minutes).",
)
@click.option(
    "--hold",
    multiple=True,
    metavar="NAME",
    help="A free parameter held at the model's value instead of estimated (repeatable).",
)
@click.option(
    "--hold-unidentified",
    is_flag=True,
    help="Then fit again with the parameters the window does not identify held (a bounded "
    "parameter whose 95 % interval covers 99 % of its range).",
)
@click.option("--quiet", is_flag=True, help="Print no progress.")
def calibrate_command(
    history_path, window, out_path, maxiter, noise, hold, hold_unidentified, quiet
) -> None:
    """Fit the free parameters by maximum likelihood and print the summary.

    The package's default parameters are the result of this command on the shipped
    history with the default window and --noise, saved to sdmig/data/calibration.json
    (on the NumPy path: `sdmig --backend numpy calibrate` gives the same numbers again;
    the compiled kernel gives them to within 1 % of a standard error). The results
    record the window and the backend they were fitted with.
    """
    from sdmig.data.history import load_history
    from sdmig.inference.calibrate import calibrate
    from sdmig.inference.fit_window import check_fit_window

    def progress(i: int, llf: float) -> None:
        if not quiet:
            click.echo(f"iteration {i:3d}  log-likelihood {llf:,.3f}", err=True)

    with user_errors():
        history = load_history(history_path)
        months = check_fit_window(window, history, name="--window")
        results = calibrate(
            history_path,
            window=months,
            maxiter=maxiter,
            progress=progress,
            noise=noise,
            hold=hold,
            hold_unidentified=hold_unidentified,
        )
        click.echo(results.summary().as_text())
        if out_path is not None:
            path = results.save(out_path)
            if not quiet:
                click.echo(f"wrote {path}", err=True)
