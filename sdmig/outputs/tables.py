"""Tables of a forecast: window totals, the scenario summary, quantiles, the tidy CSV form."""

from __future__ import annotations

import pandas as pd
import xarray as xr

from sdmig.errors import ForecastError

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

QUANTILES = (0.05, 0.1, 0.5, 0.9, 0.95)


def reduce_members(ds: xr.Dataset, quantiles=QUANTILES) -> xr.Dataset:
    """Quantiles over ``member``, on a ``quantile`` dimension, with the attrs kept.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast; returned unchanged when it has no ``member`` dim.
    quantiles : sequence of float, default :data:`QUANTILES`

    Returns
    -------
    xarray.Dataset
    """
    if "member" not in ds.dims:
        return ds
    out = ds.quantile(list(quantiles), dim="member", keep_attrs=True)
    out.attrs = dict(ds.attrs)
    return out


def window_value(ds: xr.Dataset, var: str, how: str, start: str, end: str) -> xr.DataArray:
    """`var` over the months `start`..`end`, summed over origins and corridors.

    ``how = "sum"`` sums over the months, and only month totals (flows, whose
    ``cell_methods`` attr starts ``"time: sum"``); ``"last"`` takes the value at the end of
    month `end` (stocks). The ``scenario`` and ``member`` dims are kept.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast.
    var : str
        The variable.
    how : {"sum", "last"}
    start, end : str
        The window, ``YYYY-MM``, inclusive.

    Returns
    -------
    xarray.DataArray

    Raises
    ------
    ForecastError
        `how` is "sum" and `var` is a value at the end of each month (its
        ``cell_methods`` attr says ``"time: point"``): adding such values would mix rates
        with totals.
    """
    if how == "sum" and str(ds[var].attrs.get("cell_methods", "")).startswith("time: point"):
        raise ForecastError(
            f"{var!r} holds values at the end of each month "
            f"(cell_methods {ds[var].attrs['cell_methods']!r}), not month totals; "
            "only month totals are summed over months"
        )
    da = ds[var].sel(time=slice(str(start), str(end)))
    da = da.sum([d for d in da.dims if d not in ("scenario", "time", "member")])
    return da.sum("time") if how == "sum" else da.isel(time=-1)


def summary_table(ds: xr.Dataset, start: str, end: str) -> pd.DataFrame:
    """One row per scenario with the figures of :data:`SUMMARY_COLUMNS` over the window.

    Sums run over the months `start`..`end` inclusive and over origins and corridors;
    "at end" values are those at the end of month `end`. For an ensemble (a ``member``
    dim) each figure is computed per member first, and the rows are the median and the
    10 % and 90 % quantiles across members: index ``(scenario, statistic)``.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast, members not reduced.
    start, end : str
        The window, ``YYYY-MM``, inclusive.

    Returns
    -------
    pandas.DataFrame
        One column per entry of :data:`SUMMARY_COLUMNS`.
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
    """The levels table as Markdown, numbers rounded for reading.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`summary_table`.

    Returns
    -------
    str
    """
    units = {label: u for label, _v, _h, u in SUMMARY_COLUMNS}
    header = ["scenario", *[f"{c} [{units[c]}]" for c in table.columns]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in table.iterrows():
        cells = [f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}" for x in row]
        label = f"{name[0]} ({name[1]})" if isinstance(name, tuple) else str(name)
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join(lines)


def to_tidy(ds: xr.Dataset) -> pd.DataFrame:
    """Long table: scenario, variable, time (YYYY-MM), origin, corridor, factor, [quantile,] value.

    ``origin``, ``corridor`` and ``factor`` are empty where a variable does not have that
    dimension (only the push factors have ``factor``);
    the ``quantile`` column is there for reduced ensembles only.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast, single run or reduced to quantiles.

    Returns
    -------
    pandas.DataFrame
    """
    frames = []
    for var in ds.data_vars:
        df = ds[var].to_dataframe(name="value").reset_index()
        df["variable"] = var
        for dim in ("origin", "corridor", "factor"):
            if dim not in df:
                df[dim] = ""
        frames.append(df)
    tidy = pd.concat(frames, ignore_index=True)
    tidy["time"] = pd.to_datetime(tidy["time"]).dt.strftime("%Y-%m")
    columns = ["scenario", "variable", "time", "origin", "corridor", "factor"]
    if "quantile" in tidy:
        columns.append("quantile")
    return tidy[[*columns, "value"]]
