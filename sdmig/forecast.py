"""Forecasts: run scenarios, compare them over a window, write the results.

:func:`forecast` runs scenarios through :class:`~sdmig.model.BorderModel` and stacks the
results on a ``scenario`` dimension; :func:`summary_table` reduces them to the figures a
policy team compares; :func:`to_tidy` and :func:`atomic_write` are what
:mod:`sdmig.report` writes the files with: each to a temporary file first and then renamed,
so that a failed run never leaves a half-written file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
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
#: Step [months] of the fixed-step integrators. RK4 at 0.25 month stays within 0.2 % of
#: RK45 on the window totals; at 0.5 month it did not (the shortest waiting times are
#: 0.4 month, so the non-negativity limit acts at every step and biases the flows).
ENSEMBLE_DT = 0.25


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
    method: str | None = None,
    members: int = 1,
    seed: int = 0,
    calibration=None,
    client=None,
    chunk_size: int = 2048,
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
    method : str, optional
        Integrator (see :func:`stockflow.simulate`); default ``"RK45"`` for one member
        and ``"rk4"`` (step 0.25 month, all members at once) for ensembles.
    members : int, default 1
        With more than one, draw parameter sets from the calibration's estimated
        distribution (:meth:`~sdmig.calibrate.CalibrationResults.draw`) and add
        negative-binomial observation noise to ``encounters``. Every scenario gets the
        same draws and the same noise, so differences between scenarios are paired.
    seed : int, default 0
        Seed of the draws and the noise; the same seed gives the same numbers.
    calibration : CalibrationResults, optional
        Default: the package's saved calibration.
    client : distributed.Client, optional
        Run the members in chunks of `chunk_size` as tasks on this Dask cluster (see
        :func:`sdmig.distributed.get_client`). The parameter draws and the noise are made
        here, so the result equals the single-process one for the same seed.
    chunk_size : int, default 2048
        Members a task integrates at once.
    progress : callable, optional
        Called with each scenario's name before it runs.

    Returns
    -------
    xarray.Dataset
        :data:`OUTPUT_VARIABLES` and ``lever_cost`` with a leading ``scenario`` dim, and
        ``member`` when `members` > 1 (see :func:`reduce_members`).

    Raises
    ------
    ForecastError
        `members` below 1, or scenario names that are not distinct.
    """
    from .scenario import load_scenario

    if int(members) < 1:
        raise ForecastError(f"--members = {members} must be at least 1")
    model = model or BorderModel()
    loaded = [s if hasattr(s, "bind") else load_scenario(s) for s in scenarios]
    names = [s.name for s in loaded]
    if len(set(names)) != len(names):
        raise ForecastError(f"scenario names must be distinct, got {names}")
    params, alpha = None, None
    if members > 1:
        from .calibrate import CalibrationResults

        draws = (calibration or CalibrationResults.load()).draw(int(members), seed=seed)
        alpha = draws.pop("alpha_encounters")
        draws.pop("alpha_court", None)
        params = draws
        method = method or "rk4"
    method = method or "RK45"
    runs = []
    for scenario in loaded:
        if progress is not None:
            progress(scenario.name)
        if client is not None and params is not None:
            ds = _simulate_on_cluster(client, model, scenario, params, end, method, chunk_size)
        else:
            ds = _simulate_chunk(model, scenario, params, end, method, chunk_size)
        run = ds[[v for v in OUTPUT_VARIABLES if v in ds]]
        if alpha is not None:
            run["expected_encounters"] = run["encounters"].copy()
            run["expected_encounters"].attrs["long_name"] = (
                "expected encounters (no observation noise)"
            )
            run["encounters"] = _observation_noise(run["encounters"], alpha, seed)
        run["lever_cost"] = ds["lever_cost"].sum("lever", keep_attrs=True)
        runs.append(run.drop_vars("lever", errors="ignore"))
    out = xr.concat(runs, dim=pd.Index(names, name="scenario"), combine_attrs="drop")
    for v in out.data_vars:
        out[v].attrs = dict(runs[0][v].attrs)
    out["lever_cost"].attrs.update(units="USD/month", long_name="cost of the scenario's levers")
    from .report import provenance

    out.attrs.update(
        title="sdmig forecast",
        sdmig_version=__version__,
        start=START,
        solver=method if members == 1 else f"{method}, step 0.25 month",
        scenarios=" ".join(names),
        **provenance(loaded, members=int(members), seed=int(seed)),
    )
    return out


def _simulate_chunk(model, scenario, params, end, method, chunk_size=2048) -> xr.Dataset:
    return model.simulate(
        scenario,
        params=params,
        end=end,
        method=method,
        dt=ENSEMBLE_DT,
        variables=list(OUTPUT_VARIABLES),
        chunk_size=chunk_size,
    )


def _simulate_on_cluster(client, model, scenario, params, end, method, chunk_size):
    """The members in chunks as Dask tasks, joined back in member order."""
    from .distributed import gather

    n = len(next(iter(params.values())))
    starts = list(range(0, n, chunk_size))
    futures = [
        client.submit(
            _simulate_chunk,
            model,
            scenario,
            {k: v[lo : lo + chunk_size] for k, v in params.items()},
            end,
            method,
            pure=False,
        )
        for lo in starts
    ]
    parts = gather(
        client,
        futures,
        describe=lambda key: f"forecast of {scenario.name} (a chunk of {chunk_size} members)",
    )
    parts = [
        p.assign_coords(member=p["member"].values + lo) for p, lo in zip(parts, starts, strict=True)
    ]
    out = xr.concat(
        parts,
        dim="member",
        data_vars="minimal",
        coords="minimal",
        compat="override",
        join="override",
        combine_attrs="override",
    )
    return out


def _observation_noise(mu: xr.DataArray, alpha: np.ndarray, seed: int) -> xr.DataArray:
    """Negative-binomial counts around `mu` (with a member dim), dispersion per member.

    The counts are quantiles of shared uniform numbers (``nbinom.ppf``), so that every
    scenario run with the same seed gets the same noise: where two scenarios have the same
    mean, they have the same count, and differences between scenarios stay paired.
    """
    from scipy.stats import nbinom

    values = mu.transpose("member", ...).values
    uniforms = np.random.default_rng([int(seed), 1]).random(values.shape)
    r = 1.0 / alpha.reshape((-1,) + (1,) * (values.ndim - 1))
    noisy = nbinom.ppf(uniforms, r, r / (r + np.maximum(values, 1e-9)))
    out = mu.transpose("member", ...).copy(data=noisy.astype(float))
    return out.transpose(*mu.dims)


QUANTILES = (0.05, 0.1, 0.5, 0.9, 0.95)


def reduce_members(ds: xr.Dataset, quantiles=QUANTILES) -> xr.Dataset:
    """Quantiles over ``member``, on a ``quantile`` dimension, with the attrs kept."""
    if "member" not in ds.dims:
        return ds
    out = ds.quantile(list(quantiles), dim="member", keep_attrs=True)
    out.attrs = dict(ds.attrs)
    return out


def window_value(ds: xr.Dataset, var: str, how: str, start: str, end: str) -> xr.DataArray:
    """`var` over the months `start`..`end`, summed over origins and corridors.

    ``how = "sum"`` sums over the months (flows); ``"last"`` takes the value at the end of
    month `end` (stocks). The ``scenario`` and ``member`` dims are kept.
    """
    da = ds[var].sel(time=slice(str(start), str(end)))
    da = da.sum([d for d in da.dims if d not in ("scenario", "time", "member")])
    return da.sum("time") if how == "sum" else da.isel(time=-1)


def summary_table(ds: xr.Dataset, start: str, end: str) -> pd.DataFrame:
    """One row per scenario with the figures of :data:`SUMMARY_COLUMNS` over the window.

    Sums run over the months `start`..`end` inclusive and over origins and corridors;
    "at end" values are those at the end of month `end`. For an ensemble (a ``member``
    dim) each figure is computed per member first, and the rows are the median and the
    10 % and 90 % quantiles across members: index ``(scenario, statistic)``.
    """
    rows = {}
    for label, var, how, _units in SUMMARY_COLUMNS:
        da = window_value(ds, var, how, start, end)
        if "member" in ds.dims and "member" not in da.dims:  # e.g. the cost
            da = da.expand_dims(member=ds["member"].values)
        if "member" in da.dims:
            q = da.quantile([0.5, 0.1, 0.9], dim="member")
            q = q.assign_coords(quantile=["median", "p10", "p90"]).rename(quantile="statistic")
            da = q.transpose("scenario", "statistic")
        rows[label] = da.to_series()
    table = pd.DataFrame(rows)
    return table


def format_table(table: pd.DataFrame) -> str:
    """The comparison table as Markdown, numbers rounded for reading."""
    units = {label: u for label, _v, _h, u in SUMMARY_COLUMNS}
    header = ["scenario", *[f"{c} [{units[c]}]" for c in table.columns]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in table.iterrows():
        cells = [f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}" for x in row]
        label = f"{name[0]} ({name[1]})" if isinstance(name, tuple) else str(name)
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join(lines)


def to_tidy(ds: xr.Dataset) -> pd.DataFrame:
    """Long table: scenario, variable, time (YYYY-MM), origin, corridor, [quantile,] value.

    ``origin`` and ``corridor`` are empty where a variable does not have that dimension;
    the ``quantile`` column is there for reduced ensembles only.
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
    columns = ["scenario", "variable", "time", "origin", "corridor"]
    if "quantile" in tidy:
        columns.append("quantile")
    return tidy[[*columns, "value"]]


def atomic_write(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside `path`, then rename it to `path`.

    A failure removes the temporary file, so `path` is either complete or untouched.
    """
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
