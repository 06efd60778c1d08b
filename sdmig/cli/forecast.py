"""``sdmig forecast``: run scenarios and compare them with the baseline."""

from __future__ import annotations

import sys

import click
import pandas as pd

from sdmig.cli.common import user_errors
from sdmig.model.parameters import REPORT_WINDOW

PLOT_HELP = "Plots to write with --out: 'all' (default), 'none', or a comma-separated list"


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
    default=REPORT_WINDOW[0],
    show_default=True,
    metavar="YYYY-MM",
    help="First month of the reported window.",
)
@click.option(
    "--end",
    default=REPORT_WINDOW[1],
    show_default=True,
    metavar="YYYY-MM",
    help="Last month of the reported window.",
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
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for forecast.nc, forecast.csv, comparison.csv, summary.md, plots.",
)
@click.option(
    "--format",
    "formats",
    default="nc,csv",
    show_default=True,
    help="Data files to write with --out: nc, csv or both.",
)
@click.option("--plot", "plots", default="all", show_default=True, help=PLOT_HELP + ".")
@click.option("--overwrite", is_flag=True, help="Replace the files of a non-empty --out folder.")
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS|local",
    help="Run the members on a Dask cluster: a scheduler address, or 'local' to "
    "start one on this machine.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Workers of the local cluster (with --scheduler local).",
)
@click.option(
    "--history",
    "history_path",
    type=click.Path(),
    default=None,
    metavar="DIR|FILE",
    help="History the run is based on: a folder laid out like sdmig/data (its files replace "
    "the shipped ones of the same name) or a tidy history CSV; its vintage and checksum go "
    "into the provenance, and the filter behind --origin reads it (default: the shipped "
    "history).",
)
@click.option(
    "--calibration",
    "calibration_path",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="A calibration saved by 'sdmig calibrate --out': its estimates set the parameters "
    "and the member draws (default: sdmig/data/calibration.json).",
)
@click.option(
    "--origin",
    default="last",
    show_default=True,
    metavar="YYYY-MM|last|open-loop",
    help="Start from the particle filter's state at the end of this month, estimated from "
    "the data up to it; 'open-loop' runs from 2019-10 without data.",
)
@click.option("--quiet", is_flag=True, help="Print only the tables.")
def forecast_command(
    scenarios,
    start,
    end,
    members,
    seed,
    out_dir,
    formats,
    plots,
    overwrite,
    scheduler,
    workers,
    history_path,
    calibration_path,
    origin,
    quiet,
) -> None:
    """Run scenarios from 2019-10 and compare each with the baseline over START..END.

    The first table gives each scenario's change against the baseline, over the window and
    per phase, with its 80 % interval across members and the cost per avoided crossing and
    death; the second gives the levels. With --out, the data, the plots and a Markdown
    summary with their provenance are written there.
    """
    from sdmig.data.history import load_history
    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.outputs.compare import compare, format_comparison
    from sdmig.outputs.report import (
        benchmark_report,
        benchmark_table,
        check_formats,
        prepare_output,
        write_outputs,
    )
    from sdmig.outputs.tables import format_table, summary_table
    from sdmig.policy.scenario import load_scenario
    from sdmig.run.distributed import connect
    from sdmig.run.forecast import DEFAULT_SCENARIOS, check_window, forecast

    with user_errors():
        lo, hi = check_window(start, end)
        if members < 1:
            raise click.BadParameter(f"{members} must be at least 1", param_hint="--members")
        fmt = check_formats(formats)
        kinds = _plot_kinds(plots)
        loaded = {}
        for name in scenarios or DEFAULT_SCENARIOS:
            scen = load_scenario(name)
            loaded[scen.name] = scen
        history = None if history_path is None else load_history(history_path)
        if calibration_path is not None:
            CalibrationResults.load(calibration_path)  # a bad file fails before any output
        out = prepare_output(out_dir, overwrite=overwrite) if out_dir is not None else None
        show = not quiet and sys.stderr.isatty()
        with (
            connect(scheduler, workers) as client,
            click.progressbar(
                length=len(loaded), label="scenarios", file=sys.stderr, hidden=not show
            ) as bar,
        ):
            ds = forecast(
                list(loaded.values()),
                members=members,
                seed=seed,
                calibration=calibration_path,
                history=history,
                client=client,
                progress=lambda _name: bar.update(1),
                origin=None if origin == "open-loop" else origin,
            )
        if "origin" in ds.attrs and lo <= pd.Period(ds.attrs["origin"], freq="M"):
            raise click.BadParameter(
                f"{lo} is not after the forecast origin {ds.attrs['origin']}", param_hint="--start"
            )
        table = summary_table(ds, str(lo), str(hi))
        comparison = None
        if "baseline" in loaded and len(loaded) > 1:
            comparison = compare(ds, start=str(lo), end=str(hi), scenarios=loaded)
            click.echo(format_comparison(comparison))
            click.echo()
        click.echo(format_table(table))
        met = benchmark_report(ds, loaded, start=str(lo))
        if not met.empty:
            click.echo()
            click.echo(benchmark_table(met))
        if out is not None:
            written = write_outputs(
                ds,
                out,
                table=table,
                comparison=comparison,
                start=str(lo),
                end=str(hi),
                formats=fmt,
                plots=kinds,
                benchmarks=met,
                scenarios=loaded,
            )
            if not quiet:
                for path in written:
                    click.echo(f"wrote {path}", err=True)


def _plot_kinds(value: str) -> tuple[str, ...] | None:
    if value == "none":
        return ()
    from sdmig.outputs.plots import PLOT_KINDS

    if value == "all":
        return None  # every plot that applies (no difference chart for one scenario)
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in PLOT_KINDS]
    if bad:
        raise click.BadParameter(
            f"unknown plot {bad[0]!r}; allowed: all, none, {', '.join(PLOT_KINDS)}",
            param_hint="--plot",
        )
    return kinds
