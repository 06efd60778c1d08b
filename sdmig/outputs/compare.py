"""Scenario comparison: each scenario against the baseline, over a window and per phase.

Each metric is computed per ensemble member and the difference taken member by member
(every scenario of a forecast gets the same parameter draws, so the difference is paired);
the table gives the median difference and its 80 % interval (10 % and 90 % quantiles).
Encounters are compared without their observation noise (``expected_encounters``), which
would otherwise add scatter that has nothing to do with the policy. A single-run forecast
gives the difference itself three times.

Costs are the scenario's lever costs over the period (they do not vary by member); the
cost per avoided crossing and per avoided death divide the cost by the median reduction,
and are left empty where the scenario avoids none.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.errors import ForecastError, SdmigError
from sdmig.model.parameters import REPORT_WINDOW
from sdmig.outputs.tables import window_value

#: Metrics compared: (name, variable, how, units). "sum" over the period, "last" at its end.
COMPARE_METRICS = (
    ("encounters", "encounters", "sum", "encounters"),
    ("crossings", "crossings", "sum", "people"),
    ("deaths", "deaths", "sum", "people"),
    ("waiting", "waiting", "last", "people"),
    ("in_transit", "in_transit", "last", "people"),
    ("court_backlog", "court_backlog", "last", "cases"),
    ("processing_time", "processing_time", "last", "months"),
    ("legal_pathway_entries", "legal_pathway_entries", "sum", "people"),
)


def periods_of(scenario, start: str, end: str) -> dict[str, tuple[str, str]]:
    """The reporting window and, inside it, each phase of `scenario`.

    A phase runs from the earliest start of its levers to the month before the next
    phase starts (or the window's end). Phases that start after the window are left out.

    Parameters
    ----------
    scenario : Scenario
        The scenario whose phases are wanted.
    start, end : str
        The reporting window, ``YYYY-MM``.

    Returns
    -------
    dict of str to (str, str)
        ``"window"`` and each phase label, with its first and last month.
    """
    lo, hi = pd.Period(start, "M"), pd.Period(end, "M")
    out = {"window": (str(lo), str(hi))}
    starts = {}
    for phase, entries in scenario.by_phase().items():
        if phase is None:
            continue
        months = [
            pd.Timestamp(lever.timing.start).to_period("M")
            for _label, lever in entries
            if lever.timing.is_dated
        ]
        if months:
            starts[phase] = min(months)
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    for i, (phase, first) in enumerate(ordered):
        stop = ordered[i + 1][1] - 1 if i + 1 < len(ordered) else hi
        first, stop = max(first, lo), min(stop, hi)
        if first <= stop:
            out[phase] = (str(first), str(stop))
    return out


def _metric(ds: xr.Dataset, var: str, how: str, lo: str, hi: str) -> xr.DataArray:
    if var == "encounters" and "expected_encounters" in ds:
        var = "expected_encounters"  # noise drawn per scenario would not cancel in the pair
    return window_value(ds, var, how, lo, hi)


def compare(
    ds: xr.Dataset,
    *,
    baseline: str = "baseline",
    start: str = REPORT_WINDOW[0],
    end: str = REPORT_WINDOW[1],
    scenarios=None,
) -> pd.DataFrame:
    """Differences of each scenario from `baseline`, over the window and per phase.

    Parameters
    ----------
    ds : xarray.Dataset
        From :func:`sdmig.forecast.forecast` (single runs or members, not quantiles).
    baseline : str, default "baseline"
        The scenario the others are compared with; it must be in `ds`.
    start, end : str
        The reporting window.
    scenarios : mapping of str to Scenario, optional
        For the phase periods; default: the scenarios recorded in the forecast's attrs
        (:func:`recorded_scenarios`).

    Returns
    -------
    pandas.DataFrame
        Long table: scenario, period, from, to, metric, units, median, p10, p90.
    """
    if "quantile" in ds.dims:
        raise ForecastError("compare needs members or single runs, not quantiles")
    names = [str(s) for s in ds["scenario"].values]
    if baseline not in names:
        raise ForecastError(f"the comparison needs the scenario {baseline!r}; ran {names}")
    if scenarios is None:
        scenarios = recorded_scenarios(ds)
    rows = []
    for name in names:
        if name == baseline:
            continue
        scen = scenarios.get(name)
        periods = periods_of(scen, start, end) if scen is not None else {"window": (start, end)}
        for period, (lo, hi) in periods.items():
            deltas = {}
            for metric, var, how, units in COMPARE_METRICS:
                value = _metric(ds, var, how, lo, hi)
                diff = value.sel(scenario=name) - value.sel(scenario=baseline)
                deltas[metric] = diff
                rows.append(_row(name, period, lo, hi, metric, units, diff))
            cost = float(ds["lever_cost"].sel(scenario=name, time=slice(lo, hi)).sum()) - float(
                ds["lever_cost"].sel(scenario=baseline, time=slice(lo, hi)).sum()
            )
            rows.append(
                {
                    "scenario": name,
                    "period": period,
                    "from": lo,
                    "to": hi,
                    "metric": "cost",
                    "units": "USD",
                    "median": cost,
                    "p10": cost,
                    "p90": cost,
                }
            )
            for metric, label in (("crossings", "crossing"), ("deaths", "death")):
                avoided = (
                    -float(deltas[metric].median())
                    if "member" in deltas[metric].dims
                    else -float(deltas[metric])
                )
                per = cost / avoided if avoided > 0 and cost > 0 else np.nan
                rows.append(
                    {
                        "scenario": name,
                        "period": period,
                        "from": lo,
                        "to": hi,
                        "metric": f"cost_per_avoided_{label}",
                        "units": f"USD/{label}",
                        "median": per,
                        "p10": np.nan,
                        "p90": np.nan,
                    }
                )
    return pd.DataFrame(
        rows,
        columns=["scenario", "period", "from", "to", "metric", "units", "median", "p10", "p90"],
    )


def _row(name, period, lo, hi, metric, units, diff: xr.DataArray) -> dict:
    if "member" in diff.dims:
        q = diff.quantile([0.5, 0.1, 0.9], dim="member").values
    else:
        q = np.repeat(float(diff), 3)
    return {
        "scenario": name,
        "period": period,
        "from": lo,
        "to": hi,
        "metric": metric,
        "units": units,
        "median": float(q[0]),
        "p10": float(q[1]),
        "p90": float(q[2]),
    }


def recorded_scenarios(ds: xr.Dataset) -> dict:
    """The scenarios of a forecast, read back from the scenario files its attrs record.

    :func:`sdmig.run.forecast.forecast` records each scenario as its TOML text
    (``scenario_files``); a scenario whose text is not recorded or does not load is looked
    up among the built-in scenarios by name, and left out (no phases) if it is not one.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast, with its attrs.

    Returns
    -------
    dict of str to Scenario
        The scenarios by name.
    """
    from sdmig.policy.scenario import Scenario, load_scenario

    names = [str(s) for s in ds["scenario"].values]
    texts = {}
    parts = re.split(
        r"^# --- (.+?) ---[^\n]*\n", str(ds.attrs.get("scenario_files", "")), flags=re.M
    )
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        texts[name] = text
    out = {}
    for name in names:
        try:
            if texts.get(name, "").strip():
                out[name] = Scenario.from_toml(texts[name], source=f"{name}.toml")
            else:
                out[name] = load_scenario(name)
        except SdmigError:  # neither recorded nor built in: no phases
            continue
    return out


def format_comparison(table: pd.DataFrame) -> str:
    """The comparison as Markdown: one row per scenario and period, median [p10, p90].

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`compare`.

    Returns
    -------
    str
    """
    if table.empty:
        return "(no scenario to compare with the baseline)"
    metrics = list(dict.fromkeys(table["metric"]))
    units = dict(zip(table["metric"], table["units"], strict=False))
    header = [
        "scenario",
        "period",
        *[
            f"Δ {m} [{units[m]}]" if not m.startswith("cost") else f"{m} [{units[m]}]"
            for m in metrics
        ],
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for (name, period), group in table.groupby(["scenario", "period"], sort=False):
        by = group.set_index("metric")
        cells = []
        for m in metrics:
            r = by.loc[m]
            if np.isnan(r["median"]):
                cells.append("–")
            elif m.startswith("cost") or r["p10"] == r["p90"] or np.isnan(r["p10"]):
                cells.append(format_number(r["median"]))
            else:
                cells.append(
                    f"{format_number(r['median'])} [{format_number(r['p10'])}, {format_number(r['p90'])}]"
                )
        span = f"{period} ({group['from'].iloc[0]}..{group['to'].iloc[0]})"
        lines.append("| " + " | ".join([name, span, *cells]) + " |")
    return "\n".join(lines)


def format_number(x: float) -> str:
    """A number as the tables show it: one decimal below 100, none from 100, with commas.

    Parameters
    ----------
    x : float or None
        The number; None or NaN is shown as a dash.

    Returns
    -------
    str
    """
    if x is None or np.isnan(x):
        return "–"
    text = f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}"
    return "0.0" if text == "-0.0" else text
