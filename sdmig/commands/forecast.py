"""``sdmig forecast``: run scenarios and compare them over a window."""

from __future__ import annotations

import click

from ..errors import SdmigError
from ..forecast import (
    DEFAULT_SCENARIOS,
    check_window,
    format_table,
    reduce_members,
    summary_table,
)


@click.command("forecast")
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    metavar="NAME|FILE",
    help="Scenario to run (repeatable); default: baseline and binational_phased.",
)
@click.option(
    "--start",
    default="2026-07",
    show_default=True,
    metavar="YYYY-MM",
    help="First month of the reported window.",
)
@click.option(
    "--end",
    default="2028-12",
    show_default=True,
    metavar="YYYY-MM",
    help="Last month of the reported window.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for forecast.nc, forecast.csv and summary.md.",
)
@click.option(
    "--members",
    type=int,
    default=1,
    show_default=True,
    help="Ensemble members drawn from the calibration's parameter distribution.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the parameter draws and the observation noise.",
)
@click.option("--quiet", is_flag=True, help="Print only the table.")
def forecast_command(scenarios, start, end, out_dir, members, seed, quiet) -> None:
    """Run scenarios from 2019-10 and compare them over START..END.

    The table sums encounters, crossings (including evasions), deaths, legal-pathway
    entries and lever cost over the window, and gives the people waiting in Mexico, the
    court backlog and the asylum processing time at its end.
    """
    from ..forecast import forecast, write_forecast

    try:
        lo, hi = check_window(start, end)
        names = scenarios or DEFAULT_SCENARIOS

        def say(name: str) -> None:
            if not quiet:
                click.echo(f"running {name} ...", err=True)

        ds = forecast(names, members=members, seed=seed, progress=say)
        table = summary_table(ds, str(lo), str(hi))
        if out_dir is not None:
            written = write_forecast(reduce_members(ds), table, out_dir, start=str(lo), end=str(hi))
    except SdmigError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_table(table))
    if out_dir is not None and not quiet:
        for path in written:
            click.echo(f"wrote {path}", err=True)
