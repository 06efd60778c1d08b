"""``sdmig export`` and ``sdmig import``: meet the tools of system-dynamics modelers.

``sdmig export`` writes the binational model as XMILE (Stella, ``pysd.read_xmile``);
``sdmig import`` reads a Vensim or XMILE model through PySD, rebuilds it on stockflow and
runs it, under a scenario whose levers act on the model's constants.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import numpy as np
import pandas as pd

from sdmig.cli.common import user_errors
from sdmig.errors import ForecastError
from sdmig.files import atomic_write
from sdmig.model.parameters import END, ENSEMBLE_DT

FORMATS = ("xmile",)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="xmile",
    show_default=True,
    help="File format (XMILE 1.0, read by Stella and by pysd.read_xmile).",
)
@click.option(
    "--scenario",
    default="baseline",
    show_default=True,
    metavar="NAME|FILE",
    help="Scenario whose policy inputs are written as time series.",
)
@click.option(
    "--end",
    default=END,
    show_default=True,
    metavar="YYYY-MM",
    help="Last simulated month.",
)
@click.option(
    "--dt",
    type=click.FloatRange(min=0, min_open=True, max=1),
    default=ENSEMBLE_DT,
    show_default=True,
    help="Euler time step [months]; rounded down to a whole number of steps a month.",
)
@click.option("--quiet", is_flag=True, help="Print nothing on success.")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
def export_command(fmt, scenario, end, dt, quiet, out) -> None:
    """Write the binational model under a scenario to OUT.

    The file runs from 2019-10 to the end of --end with Euler steps of --dt months, and
    holds every stock, flow and auxiliary, the parameters, and the scenario's policy inputs
    as graphical functions of TIME sampled at every step. An Euler run of it (Stella, or
    pysd.read_xmile(OUT).run()) reproduces sdmig's Euler run of the model on the same grid
    (stockflow.interop.xmile.euler_reference). Inputs whose levers read the model's state are
    sampled from that run and say so in their documentation.
    """
    from sdmig.model.border import END, START, BorderModel
    from sdmig.policy.scenario import load_scenario
    from stockflow.interop.xmile import export_xmile

    with user_errors():
        last = _month(end, START, END)
        target = Path(out)
        if not target.parent.is_dir():
            raise ForecastError(f"{out}: the folder {target.parent} does not exist")
        model = BorderModel()
        sc = load_scenario(scenario)
        bound = sc.bind(model.stockflow_model)
        result = export_xmile(
            bound.compiled(),  # with the averaging stocks of any triggered lever
            str(last),
            dt=dt,
            inputs=bound.inputs,
            title=f"{model.stockflow_model.name}, scenario {sc.name}",
        )
        path = result.write(target)
    if not quiet:
        series = ", ".join(result.time_series) or "none"
        click.echo(
            f"wrote {path} ({fmt}, scenario {sc.name}, {START}..{last}, "
            f"DT {result.dt:g} month; inputs as time series: {series})"
        )
        if result.state_aware:
            click.echo(
                "note: sampled from sdmig's Euler run because their levers read the model's "
                f"state: {', '.join(result.state_aware)}",
                err=True,
            )


def _month(value: str, first: str, last: str) -> pd.Period:
    """`value` as a month within ``first..last``; :class:`ForecastError` otherwise."""
    month = _parse_month("--end", value)
    if not pd.Period(first, freq="M") <= month <= pd.Period(last, freq="M"):
        raise ForecastError(f"--end {value} is outside the simulated range {first}..{last}")
    return month


@click.command("import")
@click.argument("model_file", metavar="MODEL", type=click.Path(dir_okay=False))
@click.option(
    "--input",
    "inputs",
    multiple=True,
    metavar="NAME",
    help="A constant of the model to make a policy input that levers act on (repeatable).",
)
@click.option(
    "--scenario",
    default=None,
    metavar="FILE",
    help="Scenario file whose levers act on the inputs.",
)
@click.option(
    "--start",
    default="2000-01",
    show_default=True,
    metavar="YYYY-MM",
    help="Calendar month of the model's INITIAL TIME.",
)
@click.option(
    "--method",
    type=click.Choice(["euler", "rk4", "RK45", "LSODA"]),
    default="euler",
    show_default=True,
    help="Integrator; euler and rk4 step by the model's TIME STEP.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the run to this NetCDF file.",
)
def import_command(model_file, inputs, scenario, start, method, out_path) -> None:
    """Import MODEL (Vensim .mdl or XMILE) through PySD and run it with stockflow.

    Every constant becomes a parameter, or with --input a policy input; the model runs
    from INITIAL TIME to FINAL TIME and the command prints each stock at the end. Variables
    PySD or stockflow cannot translate are listed by name and the command fails.
    """
    import stockflow as sf
    from sdmig.model.runner import run_model
    from sdmig.policy.scenario import load_scenario
    from stockflow.interop.pysd_import import PysdImportError, import_model

    with user_errors():
        month = _parse_month("--start", start)
        try:
            imported = import_model(model_file, start=str(month), inputs=inputs)
        except PysdImportError as exc:
            raise ForecastError(str(exc)) from None
        model = imported.model
        bound = None
        if scenario is not None:
            sc = load_scenario(scenario, date_range=(imported.start, imported.end))
            bound = sc.bind(model)
        try:
            ds = run_model(
                imported.compiled, imported.n_months, bound=bound, method=method, dt=imported.dt
            )
        except sf.StockflowError as exc:
            raise ForecastError(f"{Path(model_file).name}: {exc}") from None
        if bound is not None:
            ds["lever_cost"] = bound.cost(ds["time"])
            ds.attrs["scenario"] = bound.scenario.name
        ds.attrs["source"] = str(imported.source)
        if out_path is not None:
            written = _write_netcdf(ds, Path(out_path))
    kinds = {
        "stock": "stocks",
        "flow": "flows",
        "aux": "auxiliaries",
        "param": "parameters",
        "input": "policy inputs",
    }
    counts = ", ".join(
        f"{len([v for v in model.of_kind(k) if not v.internal])} {label}"
        for k, label in kinds.items()
    )
    click.echo(f"imported {Path(model_file).name}: {counts}")
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
    title = f" under scenario {bound.scenario.name}" if bound is not None else ""
    click.echo(f"stocks at the end of {imported.end}{title} ({method}):")
    for var in model.of_kind("stock"):
        if var.internal:
            continue
        value = np.asarray(ds[var.name].isel(time=-1).values)
        shown = ", ".join(f"{x:,.6g}" for x in value.ravel())
        click.echo(f"  {var.name} [{var.units}]: {shown}")
    if out_path is not None:
        click.echo(f"wrote {written}", err=True)


def _write_netcdf(ds, path: Path) -> Path:
    """Write `ds` to `path` through a temporary file in the same folder."""
    if not path.parent.is_dir():
        raise ForecastError(f"{path}: the folder {path.parent} does not exist")
    return atomic_write(path, lambda tmp: ds.to_netcdf(tmp, engine="h5netcdf"))


def _parse_month(option: str, value: str) -> pd.Period:
    if not re.fullmatch(r"\d{4}-\d{2}", str(value)):
        raise ForecastError(f"{option} {value!r} is not a month; use YYYY-MM")
    return pd.Period(value, freq="M")
