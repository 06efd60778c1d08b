"""``sdmig forecast``: run scenarios and compare them with the baseline."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator

import click
import pandas as pd

from sdmig.cli.common import user_errors
from sdmig.model.parameters import REPORT_WINDOW

PLOT_HELP = "Plots to write with --out: 'all' (default), 'none', or a comma-separated list"
#: Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


class _OneLineUsage(click.Command):
    """A command whose usage errors (a bad option value) are one ``Error:`` line, exit 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:
            raise _UsageLine(err.format_message()) from None


class _UsageLine(click.ClickException):
    exit_code = 2


class _WholeNumber(click.IntRange):
    """An integer with a lower bound; a non-integer is "not a valid integer"."""

    name = "integer"


@click.command("forecast", cls=_OneLineUsage)
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
    type=_WholeNumber(min=1),
    default=1,
    show_default=True,
    help="Ensemble members drawn from the calibration's parameter distribution.",
)
@click.option(
    "--seed",
    type=_WholeNumber(min=0),
    default=0,
    show_default=True,
    help="Seed of the parameter draws and the observation noise.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for forecast.nc, forecast.csv, comparison.csv, summary.md, report.html "
    "and plots; written whole or not at all.",
)
@click.option(
    "--format",
    "formats",
    default="nc,csv",
    show_default=True,
    help="Data files to write with --out: nc, csv, or nc,csv for both.",
)
@click.option("--plot", "plots", default="all", show_default=True, help=PLOT_HELP + ".")
@click.option("--overwrite", is_flag=True, help="Replace the run in a non-empty --out folder.")
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
    "--fixed-assumptions",
    is_flag=True,
    help="With --members, keep the assumed elasticities and lever effects at their values "
    "(by default they are drawn from their documented ranges, paired across scenarios).",
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
    fixed_assumptions,
    origin,
    quiet,
) -> None:
    """Run scenarios from the filtered state at the last observed month (or --origin) and
    compare each with the baseline over START..END.

    The first table gives each scenario's change against the baseline, over the window and
    per phase, with its 80 % interval across members and the cost per avoided crossing and
    death; the second gives the levels. With --out, the data, the plots, a Markdown
    summary and a self-contained HTML report (report.html) are written there, whole or not
    at all: an interrupted run (Ctrl-C, exit status 130) leaves nothing behind.
    """
    written = None
    try:
        with _sigint() as interrupted, user_errors():
            # imported here, so that a Ctrl-C while they load is an interrupted run too
            from sdmig.data.history import load_history
            from sdmig.inference.calibrate import CalibrationResults
            from sdmig.outputs.compare import format_comparison
            from sdmig.outputs.report import benchmark_table, check_formats, prepare_output
            from sdmig.outputs.results import forecast
            from sdmig.outputs.tables import format_table
            from sdmig.policy.scenario import check_scenario_names, load_scenario
            from sdmig.run.distributed import connect
            from sdmig.run.forecast import DEFAULT_SCENARIOS, check_window

            lo, hi = check_window(start, end)
            fmt = check_formats(formats, name="--format")
            kinds = _plot_kinds(plots, out_dir)
            listed = [load_scenario(name) for name in scenarios or DEFAULT_SCENARIOS]
            check_scenario_names(listed)
            loaded = {scen.name: scen for scen in listed}
            history = None if history_path is None else load_history(history_path)
            if origin != "open-loop":
                _check_start_after_origin(lo, origin, history)
            if calibration_path is not None:
                CalibrationResults.load(calibration_path)  # a bad file fails before the run
            out = prepare_output(out_dir, overwrite=overwrite) if out_dir is not None else None
            show = not quiet and sys.stderr.isatty()
            with (
                connect(scheduler, workers) as client,
                click.progressbar(
                    length=len(loaded), label="scenarios", file=sys.stderr, hidden=not show
                ) as bar,
            ):
                res = forecast(
                    list(loaded.values()),
                    members=members,
                    seed=seed,
                    calibration=calibration_path,
                    history=history,
                    client=client,
                    progress=lambda _name: bar.update(1),
                    fixed_assumptions=fixed_assumptions,
                    window=(str(lo), str(hi)),
                    origin=origin,
                )
            if res.has_comparison:
                click.echo(format_comparison(res.compare()))
                click.echo()
            click.echo(format_table(res.table()))
            switches = res.dataset.attrs.get("trigger_switches")
            if switches:
                click.echo()
                click.echo("Triggered levers (member 0): " + switches)
            if not res.benchmarks().empty:
                click.echo()
                click.echo(benchmark_table(res.benchmarks()))
            if out is not None:
                written = res.write(
                    out, formats=fmt, plots=kinds, overwrite=overwrite, cancelled=interrupted
                )
                if not quiet:
                    for path in written:
                        click.echo(f"wrote {path}", err=True)
            if interrupted() and written is None:  # a Ctrl-C that Python dropped
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        if written is not None:
            click.echo(f"Interrupted: the run was already written to {out_dir}.", err=True)
        else:
            where = f" to {out_dir}" if out_dir is not None else ""
            click.echo(f"Interrupted: nothing was written{where}.", err=True)
        sys.exit(EXIT_INTERRUPTED)


def _check_start_after_origin(start: pd.Period, origin: str, history) -> None:
    """A reporting window must start after the month the forecast starts from."""
    from sdmig.arguments import as_month
    from sdmig.inference.nowcast import last_observed, resolve_history

    month = (
        last_observed(resolve_history(history)) if origin == "last" else as_month("origin", origin)
    )
    if start <= month:
        raise click.BadParameter(
            f"{start} is not after the forecast origin {month} (use --origin open-loop to "
            "report months before it)",
            param_hint="--start",
        )


@contextlib.contextmanager
def _sigint() -> Iterator[Callable[[], bool]]:
    """Record Ctrl-C as well as raising it; yields "was it pressed?".

    Python cannot raise a KeyboardInterrupt that arrives while a garbage-collection
    callback runs: it prints it and goes on. Here the record lets the run be dropped
    anyway before it is moved into place, and such an interrupt is not printed.
    """
    received: list[int] = []

    def handler(signum, _frame):
        received.append(signum)
        raise KeyboardInterrupt

    def unraisable(args, _previous=sys.unraisablehook):
        if args.exc_type is not KeyboardInterrupt:
            _previous(args)

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield lambda: False
        return
    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        yield lambda: bool(received)
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook


def _plot_kinds(value: str, out_dir) -> tuple[str, ...] | None:
    """The plot kinds of ``--plot``; None means every plot that applies."""
    from click.core import ParameterSource

    from sdmig.outputs.plots import PLOT_KINDS

    given = click.get_current_context().get_parameter_source("plots") is ParameterSource.COMMANDLINE
    if given and out_dir is None and value != "none":
        raise _UsageLine("--plot needs --out, the folder to write the plots to")
    if value == "none":
        return ()
    if value == "all":
        return None  # every plot that applies (no difference chart for one scenario)
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in PLOT_KINDS]
    if bad or not kinds:
        shown = repr(bad[0]) if bad else "(empty)"
        raise _UsageLine(
            f"Invalid value for '--plot': unknown plot {shown}; allowed: all, none, "
            f"{', '.join(PLOT_KINDS)}"
        )
    return kinds
