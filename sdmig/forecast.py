"""Forecasts: run scenarios, compare them over a window, write the results.

:func:`forecast` runs scenarios through :class:`~sdmig.model.BorderModel` and stacks the
results on a ``scenario`` dimension; :func:`summary_table` reduces them to the figures a
policy team compares; :func:`write_forecast` writes ``forecast.nc``, ``forecast.csv``
and ``summary.md``, each to a temporary file first and then renamed, so that a failed run
never leaves a half-written file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import xarray as xr

from . import __version__
from .errors import ForecastError
from .model import END, START, BorderModel

#: Variables written to forecast.nc and forecast.csv.
OUTPUT_VARIABLES = (
    "encounters",
    "apprehensions",
    "port_processing",
    "crossings",
    "evasions",
    "deaths",
    "departures",
    "in_transit",
    "waiting",
    "unsheltered",
    "court_backlog",
    "processing_time",
    "judges",
    "legal_pathway_entries",
    "expulsions",
    "releases",
)

#: Columns of the comparison table: (label, variable, how, units).
SUMMARY_COLUMNS = (
    ("encounters", "encounters", "sum", "encounters"),
    ("crossings incl. evasions", "crossings", "sum", "people"),
    ("evasions", "evasions", "sum", "people"),
    ("deaths", "deaths", "sum", "people"),
    ("waiting in Mexico at end", "waiting", "last", "people"),
    ("court backlog at end", "court_backlog", "last", "cases"),
    ("processing time at end", "processing_time", "last", "months"),
    ("legal-pathway entries", "legal_pathway_entries", "sum", "people"),
    ("cost", "lever_cost", "sum", "USD"),
)

DEFAULT_SCENARIOS = ("baseline", "binational_phased")


def check_window(start: str, end: str) -> tuple[pd.Period, pd.Period]:
    """Parse and check a reporting window inside the simulated range.

    Raises
    ------
    ForecastError
        A month that does not parse, lies outside 2019-10..2028-12, or a start after
        the end.
    """
    months = []
    for name, value in (("start", start), ("end", end)):
        if not re.fullmatch(r"\d{4}-\d{2}", str(value)) or not 1 <= int(str(value)[5:]) <= 12:
            raise ForecastError(f"--{name} = {value!r} is not a month; use YYYY-MM")
        months.append(pd.Period(str(value), freq="M"))
    lo, hi = pd.Period(START, "M"), pd.Period(END, "M")
    for name, month in zip(("start", "end"), months, strict=True):
        if not lo <= month <= hi:
            raise ForecastError(f"--{name} = {month} is outside the simulated range {lo}..{hi}")
    if months[0] > months[1]:
        raise ForecastError(f"--start = {months[0]} is after --end = {months[1]}")
    return months[0], months[1]


def forecast(
    scenarios: Sequence = DEFAULT_SCENARIOS,
    *,
    model: BorderModel | None = None,
    end: str = END,
    method: str = "RK45",
    progress: Callable[[str], None] | None = None,
) -> xr.Dataset:
    """Run each scenario from 2019-10 to `end` and stack the results.

    Parameters
    ----------
    scenarios : sequence of str, path or Scenario
        Built-in scenario names, scenario files, or :class:`~sdmig.scenario.Scenario`
        objects.
    model : BorderModel, optional
        Defaults to the model with its default (calibrated) parameters.
    end : str, default "2028-12"
    method : str, default "RK45"
        Integrator (see :func:`stockflow.simulate`).
    progress : callable, optional
        Called with each scenario's name before it runs.

    Returns
    -------
    xarray.Dataset
        :data:`OUTPUT_VARIABLES` and ``lever_cost`` with a leading ``scenario`` dim.
    """
    from .scenario import load_scenario

    model = model or BorderModel()
    loaded = [s if hasattr(s, "bind") else load_scenario(s) for s in scenarios]
    names = [s.name for s in loaded]
    if len(set(names)) != len(names):
        raise ForecastError(f"scenario names must be distinct, got {names}")
    runs = []
    for scenario in loaded:
        if progress is not None:
            progress(scenario.name)
        ds = model.simulate(scenario, end=end, method=method)
        run = ds[[v for v in OUTPUT_VARIABLES if v in ds]]
        run["lever_cost"] = ds["lever_cost"].sum("lever", keep_attrs=True)
        runs.append(run.drop_vars("lever", errors="ignore"))
    out = xr.concat(runs, dim=pd.Index(names, name="scenario"), combine_attrs="drop")
    for v in out.data_vars:
        out[v].attrs = dict(runs[0][v].attrs)
    out["lever_cost"].attrs.update(units="USD/month", long_name="cost of the scenario's levers")
    out.attrs.update(
        title="sdmig forecast",
        sdmig_version=__version__,
        start=START,
        solver=method,
        scenarios=" ".join(names),
    )
    return out


def summary_table(ds: xr.Dataset, start: str, end: str) -> pd.DataFrame:
    """One row per scenario with the figures of :data:`SUMMARY_COLUMNS` over the window.

    Sums run over the months `start`..`end` inclusive and over origins and corridors;
    "at end" values are those at the end of month `end`.
    """
    window = ds.sel(time=slice(str(start), str(end)))
    rows = {}
    for label, var, how, _units in SUMMARY_COLUMNS:
        da = window[var]
        da = da.sum([d for d in da.dims if d not in ("scenario", "time")])
        rows[label] = (da.sum("time") if how == "sum" else da.isel(time=-1)).to_series()
    table = pd.DataFrame(rows)
    table.index.name = "scenario"
    return table


def format_table(table: pd.DataFrame) -> str:
    """The comparison table as Markdown, numbers rounded for reading."""
    units = {label: u for label, _v, _h, u in SUMMARY_COLUMNS}
    header = ["scenario", *[f"{c} [{units[c]}]" for c in table.columns]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in table.iterrows():
        cells = [f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}" for x in row]
        lines.append("| " + " | ".join([str(name), *cells]) + " |")
    return "\n".join(lines)


def to_tidy(ds: xr.Dataset) -> pd.DataFrame:
    """Long table: scenario, variable, time (YYYY-MM), origin, corridor, value.

    ``origin`` and ``corridor`` are empty where a variable does not have that dimension.
    """
    frames = []
    for var in ds.data_vars:
        df = ds[var].to_dataframe(name="value").reset_index()
        df["variable"] = var
        for dim in ("origin", "corridor"):
            if dim not in df:
                df[dim] = ""
        frames.append(df)
    tidy = pd.concat(frames, ignore_index=True)
    tidy["time"] = pd.to_datetime(tidy["time"]).dt.strftime("%Y-%m")
    return tidy[["scenario", "variable", "time", "origin", "corridor", "value"]]


def write_forecast(
    ds: xr.Dataset, table: pd.DataFrame, out_dir: str | os.PathLike, *, start: str, end: str
) -> list[Path]:
    """Write ``forecast.nc``, ``forecast.csv`` and ``summary.md`` into `out_dir`.

    Each file is written to a temporary file in `out_dir` and renamed into place.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ForecastError(f"cannot create output folder {out}: {exc.strerror}") from None
    if not os.access(out, os.W_OK):
        raise ForecastError(f"output folder {out} is not writable")
    summary = "\n".join(
        [
            f"# sdmig forecast, {start} to {end}",
            "",
            f"sdmig {__version__}; scenarios: {', '.join(map(str, table.index))}; solver "
            f"{ds.attrs.get('solver', '')}.",
            "",
            "Sums over the window and over origins and corridors; stocks at the end of the window.",
            "",
            format_table(table),
            "",
        ]
    )
    written = []
    writers = {
        "forecast.nc": lambda p: ds.to_netcdf(p, engine="h5netcdf"),
        "forecast.csv": lambda p: to_tidy(ds).to_csv(p, index=False, float_format="%.6g"),
        "summary.md": lambda p: Path(p).write_text(summary, encoding="utf-8"),
    }
    for name, write in writers.items():
        written.append(_atomic_write(out / name, write))
    return written


def _atomic_write(path: Path, write: Callable[[str], object]) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
