"""Performance benchmarks of a scenario: targets with a metric and a date.

The brief's phase 3 asks for "performance benchmarks tied to reductions in irregular
migration, improved processing timelines, and enhanced migrant protections". A scenario
file declares them as data::

    [[benchmark]]
    name = "a fifth fewer irregular crossings"
    metric = "crossings"       # one of METRICS
    change = -0.2              # relative to the value in `reference` ... or `target = 80000`
    reference = "2026-06"
    by = "2028-06"             # the date by which it should be met

A benchmark is met in a month when the metric (summed over origins and corridors; flows
as their mean over the twelve months ending then, to look through the seasons) is at or
below the threshold (``direction = "below"``, the default) or at or above it
(``"above"``). The report gives, per benchmark, the share of ensemble members that meet it
by its date, and the median first month in which it is met. Only the months of the
reporting window on or after the reference month count: a window that ends before the
reference month cannot say anything about the benchmark ("not evaluable").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.errors import ScenarioError

#: Metrics a benchmark may name: variable -> (units of the target, is a flow).
METRICS = {
    "crossings": ("people/month", True),
    "encounters": ("encounters/month", True),
    "evasions": ("people/month", True),
    "deaths": ("people/month", True),
    "legal_pathway_entries": ("people/month", True),
    "processing_time": ("months", False),
    "court_backlog": ("cases", False),
    "waiting": ("people", False),
    "unsheltered": ("people", False),
}
FIELDS = ("name", "metric", "target", "change", "reference", "by", "direction")
DIRECTIONS = ("below", "above")
#: Columns of :func:`evaluate`'s table.
EVALUATION_COLUMNS = (
    "scenario",
    "name",
    "metric",
    "target",
    "by",
    "evaluated",
    "probability",
    "first_met",
    "note",
)


@dataclass(frozen=True)
class Benchmark:
    """A target on a metric, to be met by a date.

    Made by :func:`parse_benchmark` from a scenario's ``[[benchmark]]`` table, which
    checks the fields.

    Parameters
    ----------
    name : str
        What the benchmark is, for people.
    metric : str
        One of :data:`METRICS`.
    by : str
        Month (``YYYY-MM``) by which it should be met.
    target : float, optional
        A level, in the metric's units (:data:`METRICS`); or
    change : float, optional
        A relative change from the value in `reference` (``-0.2``: 20 % lower).
    reference : str, optional
        Month (``YYYY-MM``) `change` is relative to.
    direction : {'below', 'above'}, default 'below'
        Met at or below the threshold, or at or above it.

    Examples
    --------
    >>> Benchmark("fewer waiting", "waiting", "2028-06", target=80000)
    Benchmark(name='fewer waiting', metric='waiting', by='2028-06', target=80000, change=None, reference=None, direction='below')
    """

    name: str
    metric: str
    by: str
    target: float | None = None
    change: float | None = None
    reference: str | None = None
    direction: str = "below"

    def describe(self) -> str:
        """The threshold in words: direction, level with units, or change and reference.

        Returns
        -------
        str

        Examples
        --------
        >>> Benchmark("fewer waiting", "waiting", "2028-06", target=80000).describe()
        'below 80,000 people'
        >>> Benchmark("fewer crossings", "crossings", "2028-06", change=-0.2,
        ...           reference="2026-06").describe()
        'below -20% from 2026-06'
        """
        units = METRICS[self.metric][0]
        what = (
            f"{self.target:,.6g} {units}"
            if self.target is not None
            else f"{self.change:+.0%} from {self.reference}"
        )
        return f"{self.direction} {what}"


def parse_benchmark(table, loc: str, date_range: tuple[str, str]) -> Benchmark:
    """Check one ``[[benchmark]]`` table; errors name `loc`, the field and what is allowed.

    Parameters
    ----------
    table : mapping
        The table as read from TOML: keys of :data:`FIELDS`.
    loc : str
        Where the table is (file and index), for the messages.
    date_range : (str, str)
        First and last simulated month (``YYYY-MM``); `by` and `reference` must lie in it.

    Returns
    -------
    Benchmark

    Raises
    ------
    ScenarioError
        If `table` is not a table, has an unknown or missing field, an unknown metric or
        direction, a month that is not ``YYYY-MM`` or lies outside `date_range`, both or
        neither of `target` and `change`, a value that is not a number, a negative
        target, a change outside -1 to 10, or a change without a reference.

    Examples
    --------
    >>> table = {"name": "fewer crossings", "metric": "crossings", "change": -0.2,
    ...          "reference": "2026-06", "by": "2028-06"}
    >>> parse_benchmark(table, "plan.toml [[benchmark]] 1", ("2019-10", "2030-12")).describe()
    'below -20% from 2026-06'
    >>> parse_benchmark({**table, "metric": "arrivals"}, "plan.toml", ("2019-10", "2030-12"))
    Traceback (most recent call last):
    ...
    sdmig.errors.ScenarioError: plan.toml (fewer crossings): metric = 'arrivals' is unknown; allowed: crossings, encounters, evasions, deaths, legal_pathway_entries, processing_time, court_backlog, waiting, unsheltered
    """
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{loc}: must be a table ([[benchmark]]), got {table!r}")
    unknown = sorted(set(table) - set(FIELDS))
    if unknown:
        raise ScenarioError(f"{loc}: unknown field {unknown[0]!r}; allowed: {', '.join(FIELDS)}")
    for key in ("name", "metric", "by"):
        if key not in table:
            raise ScenarioError(f"{loc}: `{key}` is missing")
    name = table["name"]
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(f"{loc}: name = {name!r} must be a non-empty string")
    loc = f"{loc} ({name})"
    metric = table["metric"]
    if metric not in METRICS:
        raise ScenarioError(f"{loc}: metric = {metric!r} is unknown; allowed: {', '.join(METRICS)}")
    direction = table.get("direction", "below")
    if direction not in DIRECTIONS:
        raise ScenarioError(f"{loc}: direction = {direction!r}; allowed: below, above")
    lo, hi = (pd.Period(d, "M") for d in date_range)
    months = {}
    for key in ("by", "reference"):
        if key not in table:
            continue
        value = str(table[key])
        try:
            month = pd.Period(value, "M")
        except ValueError:
            raise ScenarioError(f"{loc}: {key} = {value!r} is not a month (YYYY-MM)") from None
        if not lo <= month <= hi:
            raise ScenarioError(f"{loc}: {key} = {month} is outside the simulated range {lo}..{hi}")
        months[key] = str(month)
    has_target, has_change = "target" in table, "change" in table
    if has_target == has_change:
        raise ScenarioError(
            f"{loc}: give either `target` (a level) or `change` with "
            "`reference` (a relative change), not both or neither"
        )
    for key in ("target", "change"):
        if key in table and (
            isinstance(table[key], bool) or not isinstance(table[key], int | float)
        ):
            raise ScenarioError(f"{loc}: {key} = {table[key]!r} must be a number")
    if has_target and table["target"] < 0:
        raise ScenarioError(
            f"{loc}: target = {table['target']} is negative; allowed >= 0 {METRICS[metric][0]}"
        )
    if has_change:
        if "reference" not in table:
            raise ScenarioError(f"{loc}: `change` needs `reference`, the month it is relative to")
        if not -1 <= table["change"] <= 10:
            raise ScenarioError(
                f"{loc}: change = {table['change']} is out of range; allowed "
                "-1 to 10 (a fraction: -0.2 is 20 % lower)"
            )
    return Benchmark(
        name=name,
        metric=metric,
        by=months["by"],
        target=float(table["target"]) if has_target else None,
        change=float(table["change"]) if has_change else None,
        reference=months.get("reference"),
        direction=direction,
    )


def _series(ds: xr.Dataset, metric: str) -> xr.DataArray:
    da = ds[metric]
    da = da.sum([d for d in da.dims if d not in ("scenario", "time", "member")])
    if METRICS[metric][1]:
        da = da.rolling(time=12, min_periods=1).mean()
    return da


def evaluate(
    ds: xr.Dataset, scenario: str, benchmarks, *, start: str, end: str | None = None
) -> pd.DataFrame:
    """Whether and when each benchmark of `scenario` is met, across members.

    A benchmark is evaluated on the months of the reporting window `start`..`end` that
    are on or after its reference month (for a relative change) and on or before its
    ``by`` month. A window that ends before the reference month, or starts after the
    ``by`` month, leaves no month to evaluate: the benchmark is reported as not evaluable
    (``probability`` NaN). A window that ends before ``by`` is evaluated up to its end
    only, and the ``note`` says so.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast with the benchmarks' metrics (single runs or members).
    scenario : str
        The scenario of `ds` the benchmarks belong to.
    benchmarks : iterable of Benchmark
    start, end : str
        The reporting window (``YYYY-MM``); `end` defaults to the forecast's last month.

    Returns
    -------
    pandas.DataFrame
        One row per benchmark: scenario, name, metric, target, by, evaluated (the months
        evaluated, ``YYYY-MM..YYYY-MM``, empty when none), probability (the share of
        members that meet it in those months), first_met (the median first month met,
        empty when none), note.
    """
    last = pd.Period(pd.Timestamp(ds["time"].values[-1]), "M")
    lo = pd.Period(start, "M")
    hi = pd.Period(end, "M") if end is not None else last
    rows = []
    for b in benchmarks:
        series = _series(ds.sel(scenario=scenario), b.metric)
        if "member" not in series.dims:
            series = series.expand_dims(member=[0])
        by = pd.Period(b.by, "M")
        first_month = max(lo, pd.Period(b.reference, "M")) if b.reference else lo
        last_month = min(hi, by)
        row = {
            "scenario": scenario,
            "name": b.name,
            "metric": b.metric,
            "target": b.describe(),
            "by": b.by,
            "evaluated": "",
            "probability": np.nan,
            "first_met": "",
            "note": "",
        }
        if b.reference and hi < pd.Period(b.reference, "M"):
            row["note"] = (
                f"not evaluable: the window {lo}..{hi} ends before the reference month "
                f"{b.reference}"
            )
        elif lo > by:
            row["note"] = f"not evaluable: the window {lo}..{hi} starts after {b.by}"
        else:
            if b.target is not None:
                threshold = xr.full_like(series.isel(time=0, drop=True), b.target)
            else:
                threshold = series.sel(time=b.reference).squeeze(drop=True) * (1 + b.change)
            window = series.sel(time=slice(str(first_month), str(last_month)))
            met = window <= threshold if b.direction == "below" else window >= threshold
            times = pd.PeriodIndex(pd.to_datetime(window["time"].values), freq="M")
            met_np = met.transpose("member", "time").values
            first = [times[np.argmax(r)] for r in met_np if r.any()]
            when = sorted(first)[len(first) // 2] if first else None
            row.update(
                evaluated=f"{first_month}..{last_month}",
                probability=len(first) / met_np.shape[0],
                first_met=str(when) if when is not None else "",
            )
            if last_month < by:
                row["note"] = f"evaluated to the window's end {hi} only, before {b.by}"
        rows.append(row)
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
