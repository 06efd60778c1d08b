"""``sdmig nowcast``: the model's filtered state at the last observed month."""

from __future__ import annotations

import click

from sdmig.cli.common import user_errors


@click.command("nowcast")
@click.option(
    "--history",
    "history_path",
    type=click.Path(exists=True),
    default=None,
    help="A history file or folder laid out like sdmig/data (default: the shipped history).",
)
@click.option(
    "--through",
    default=None,
    metavar="YYYY-MM",
    help="Last month filtered (default: the last month with encounters).",
)
@click.option(
    "--particles",
    type=click.IntRange(min=10),
    default=2000,
    show_default=True,
    help="Particles of the filter.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the filter.")
@click.option(
    "--calibration",
    "calibration_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A saved calibration (default: the package's).",
)
def nowcast_command(history_path, through, particles, seed, calibration_path) -> None:
    """Filter every stock and latent driver from 2019-10 through the last observed month.

    Prints the filtered state at that month with 80 % intervals (departure pressure and
    people in transit by origin, people waiting by corridor, the court backlog) and the
    one-step-ahead check of the last 6 months.
    """
    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.inference.nowcast import nowcast

    with user_errors():
        calibration = CalibrationResults.load(calibration_path) if calibration_path else None
        results = nowcast(
            history_path, through, n_particles=particles, seed=seed, calibration=calibration
        )
        click.echo(results.format())
