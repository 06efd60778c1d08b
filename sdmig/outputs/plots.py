"""Plots of a forecast: history and fit, fan charts per scenario, scenario differences.

Every function takes the Dataset :func:`sdmig.forecast.forecast` returns, with single
runs, with ensemble members (a ``member`` dim) or with members already reduced to
quantiles (a ``quantile`` dim, :func:`sdmig.outputs.tables.reduce_members`), and returns a
:class:`matplotlib.figure.Figure`. Figures are built with the object-oriented API on an Agg
canvas: no pyplot, no global backend switch, no ``show()``. In Jupyter a returned Figure
renders as the cell's output once the inline backend is active (``%matplotlib inline``,
or any earlier ``import matplotlib.pyplot``); :func:`write_plots` writes ``<kind>.png``
files.

The kinds (:data:`PLOT_KINDS`):

- ``encounters``: the monthly total with the CBP history, the calibration window, and per
  scenario the median and the 10-90 % and 5-95 % bands across members (a line for a
  single run);
- ``encounters_by_origin``: the same, one panel per origin;
- ``encounters_by_corridor``: Border Patrol apprehensions (between ports) per corridor
  against the USBP sector history; the model's ``encounters`` also count ports of entry,
  which the sector history does not;
- ``backlog``: the immigration-court backlog with EOIR's pending cases at fiscal-year ends;
- ``deaths``: deaths per month with IOM's annual counts divided by 12;
- ``difference``: each scenario minus the baseline for encounters, crossings, deaths and
  the court backlog; the median and 10-90 % band of the paired member differences.

The start date of each phase of the scenarios plotted is a dashed vertical line (see
:func:`phase_marks`). Axis labels come from each variable's ``long_name`` and ``units``.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.errors import ForecastError, SdmigError
from sdmig.files import atomic_write
from sdmig.model.border import START
from sdmig.outputs.tables import reduce_members

__all__ = [
    "BANDS",
    "PLOT_CAPTIONS",
    "DIFFERENCE_QUANTILES",
    "DPI",
    "PLOT_KINDS",
    "PhaseMark",
    "phase_marks",
    "plot",
    "plot_backlog",
    "plot_deaths",
    "plot_difference",
    "plot_encounters",
    "plot_encounters_by_corridor",
    "plot_encounters_by_origin",
    "write_plots",
]

#: The plots :func:`plot` and :func:`write_plots` make, in the order they are written.
PLOT_KINDS = (
    "encounters",
    "encounters_by_origin",
    "encounters_by_corridor",
    "backlog",
    "deaths",
    "difference",
)
#: What each plot shows, for the captions of the reports.
PLOT_CAPTIONS = {
    "encounters": (
        "Monthly Southwest-border encounters, all origins and corridors. Black: CBP's counts, "
        "as far as the shipped data go; grey: the calibration window. Each scenario has its "
        "median (line) and its 10-90 % and 5-95 % bands across members (shaded, with the "
        "outer band outlined), which include the observation noise of the counts. Where the "
        "fans overlap, both stay visible; dashed lines mark the start of each phase."
    ),
    "encounters_by_origin": (
        "Monthly encounters by origin group against CBP's counts by citizenship; median "
        "and bands across members."
    ),
    "encounters_by_corridor": (
        "Border Patrol apprehensions between ports of entry, by corridor, against the "
        "sector counts; the bands show parameter uncertainty only."
    ),
    "backlog": "The immigration-court backlog against EOIR's pending cases at fiscal-year ends.",
    "deaths": "Deaths and disappearances per month against IOM's annual counts divided by 12.",
    "difference": (
        "Each scenario minus the baseline, member by member: median (line) and 10-90 % band "
        "(shaded, same colour). Encounters are expected counts, without observation noise. "
        "Where the band jumps away from the median for a few months (seasonal peaks), the "
        "members split into two regimes rather than spreading evenly: a capacity binds in "
        "some members' baseline but not in others'. In the shipped scenarios with the "
        "pre-screening hub at Tijuana, in about 40 % of the members the port of entry is full at the spring peak in the "
        "baseline, so the hub's screenings are used and add port encounters (processing at "
        "a port counts as an encounter) while crossings fall further; in the others the "
        "port already processes everyone waiting and the hub adds little. The band is "
        "right: the spread across members is lumpy, not a sampling artefact."
    ),
}
#: Quantile pairs drawn as bands, outermost first, when the Dataset has them.
BANDS = ((0.05, 0.95), (0.1, 0.9))
#: Resolution of the written PNGs [dots per inch].
DPI = 110
#: Quantiles of the paired differences in the ``difference`` plot: 10 %, median, 90 %.
DIFFERENCE_QUANTILES = (0.1, 0.5, 0.9)

_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
_BAND_ALPHA = {(0.05, 0.95): 0.12, (0.1, 0.9): 0.24}
_BAND_EDGE = {(0.05, 0.95): ":", (0.1, 0.9): "-"}
_ORIGIN_NAMES = {
    "MEX": "Mexico",
    "NTCA": "Northern Triangle (Guatemala, Honduras, El Salvador)",
    "OTHER": "other countries",
}
_CORRIDOR_NAMES = {
    "tijuana_san_diego": "Tijuana - San Diego",
    "juarez_el_paso": "Ciudad Juárez - El Paso",
    "reynosa_mcallen": "Reynosa - McAllen (Rio Grande Valley)",
    "rest_of_border": "rest of the border",
}
_DIFFERENCE_VARIABLES = ("encounters", "crossings", "deaths", "court_backlog")


class PhaseMark(NamedTuple):
    """A date to mark on the time axis: the start of a phase of a scenario.

    Parameters
    ----------
    scenario : str
        The scenario whose phase starts.
    phase : str or None
        The phase label, or None for a scenario's own unphased levers.
    date : pandas.Timestamp
        When it starts.
    """

    date: pd.Timestamp
    scenario: str
    phase: str | None

    @property
    def label(self) -> str:
        """``"phase 1"``, or the scenario's name for its unphased levers."""
        return self.phase if self.phase is not None else self.scenario


# ====================================================================== public API
def plot(ds: xr.Dataset, kind: str = "encounters", **kwargs: Any):
    """One plot of a forecast, by name.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast (:func:`sdmig.forecast.forecast`): dims ``scenario``, ``time``,
        ``origin``, ``corridor``, and ``member`` or ``quantile`` for an ensemble.
    kind : str, default "encounters"
        One of :data:`PLOT_KINDS`.
    **kwargs
        Passed on to the ``plot_<kind>`` function: ``scenarios``, ``history``, and
        ``baseline`` for ``difference``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ForecastError
        An unknown `kind`, or a Dataset without the variables the plot needs.
    """
    return _PLOTTERS[_check_kind(kind)](ds, **kwargs)


def plot_encounters(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """Monthly encounters, all origins and corridors: history, fit and forecast fan.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast with ``encounters``.
    scenarios : mapping of str to Scenario, optional
        The scenarios of `ds` by name, for the phase dates. Default: the built-in
        scenarios of those names (:func:`sdmig.policy.scenario.load_scenario`); names that do
        not load get no marks.
    history : xarray.Dataset or bool, optional
        Observations (:func:`sdmig.data.history.load_history`); None or True loads the shipped
        history, False draws none.
    baseline : str, default "baseline"
        The reference scenario: its levers are the status quo, not phases to mark.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: history as a black line with dots, the calibration window shaded, and
        per scenario a median line with 10-90 % and 5-95 % bands (a plain line for a
        single run).
    """
    ctx = _Context(ds, scenarios, history, baseline)
    fig, axes = _figure(1, 1, (9.0, 5.6))
    ax = axes[0]
    total, approx = _totals(ctx.ds, "encounters")
    _fit_window(ax)
    _draw_runs(ax, total, ctx.colors)
    obs = _history_var(ctx.history, "encounters_total")
    if obs is not None:
        _draw_history(ax, obs, f"{obs.attrs.get('long_name', 'history')} (history)")
    ax.set_ylabel(_axis_label(total.attrs))
    _finish_axes(axes, ctx, y_from_zero=True)
    phases = _mark_phases(axes, ctx.marks, text_on=axes)
    _finish(
        fig,
        ctx,
        "Southwest border encounters: history, fit and forecast",
        _uncertainty_note(ctx, approx),
        history=obs is not None,
        phases=phases,
    )
    return fig


def plot_encounters_by_origin(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """Monthly encounters by origin, one panel per origin, with CBP's citizenship history.

    Parameters
    ----------
    ds, scenarios, history, baseline
        As for :func:`plot_encounters`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per ``origin`` (rows, shared time axis).
    """
    ctx = _Context(ds, scenarios, history, baseline)
    origins = [str(o) for o in ctx.ds["origin"].values]
    fig, axes = _figure(len(origins), 1, (9.0, 2.1 + 2.5 * len(origins)), sharex=True)
    by_origin, approx = _totals(ctx.ds, "encounters", keep=("origin",))
    obs_all = _history_var(ctx.history, "encounters_by_origin")
    for ax, origin in zip(axes, origins, strict=True):
        _fit_window(ax)
        _draw_runs(ax, by_origin.sel(origin=origin), ctx.colors)
        if obs_all is not None and origin in obs_all["origin"].values:
            _draw_history(ax, obs_all.sel(origin=origin), "CBP encounters by citizenship (history)")
        ax.set_title(_ORIGIN_NAMES.get(origin, origin), loc="left", fontsize=10)
    fig.supylabel(_axis_label(by_origin.attrs, width=80), fontsize=10)
    _finish_axes(axes, ctx, y_from_zero=True)
    phases = _mark_phases(axes, ctx.marks, text_on=axes[:1])
    _finish(
        fig,
        ctx,
        "Southwest border encounters by origin: history, fit and forecast",
        _uncertainty_note(ctx, approx),
        history=obs_all is not None,
        phases=phases,
    )
    return fig


def plot_encounters_by_corridor(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """Border Patrol apprehensions by corridor against the USBP sector history.

    The model's ``encounters`` add people processed at ports of entry, which the Border
    Patrol sector series does not count; so this plot shows the model's
    ``apprehensions`` (between ports, Title 42 expulsions included), the quantity the
    calibration fits to the sector history. They carry no observation noise, so an
    ensemble's bands show parameter uncertainty only.

    Parameters
    ----------
    ds, scenarios, history, baseline
        As for :func:`plot_encounters`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per ``corridor`` (a 2-column grid, shared time axis).
    """
    ctx = _Context(ds, scenarios, history, baseline)
    corridors = [str(c) for c in ctx.ds["corridor"].values]
    ncols = 2 if len(corridors) > 1 else 1
    nrows = -(-len(corridors) // ncols)
    fig, axes = _figure(nrows, ncols, (11.0, 2.0 + 2.9 * nrows), sharex=True)
    by_corridor, approx = _totals(ctx.ds, "apprehensions", keep=("corridor",))
    obs_all = _history_var(ctx.history, "usbp_by_corridor")
    for ax, corridor in zip(axes, corridors, strict=False):
        _fit_window(ax)
        _draw_runs(ax, by_corridor.sel(corridor=corridor), ctx.colors)
        if obs_all is not None and corridor in obs_all["corridor"].values:
            _draw_history(
                ax, obs_all.sel(corridor=corridor), "USBP encounters, sectors of the corridor"
            )
        ax.set_title(_CORRIDOR_NAMES.get(corridor, corridor), loc="left", fontsize=10)
    for ax in axes[len(corridors) :]:
        ax.set_visible(False)
    axes = axes[: len(corridors)]
    fig.supylabel(
        _axis_label(by_corridor.attrs, width=80) + "\n(model; ports of entry not included)",
        fontsize=10,
    )
    _finish_axes(axes, ctx, y_from_zero=True)
    phases = _mark_phases(axes, ctx.marks, text_on=axes[:ncols])
    note = _uncertainty_note(ctx, approx)
    if ctx.kind != "single":
        note += "; apprehensions carry no observation noise: bands show parameter uncertainty"
    _finish(
        fig,
        ctx,
        "Border Patrol apprehensions by corridor (between ports of entry): history and forecast",
        note,
        history=obs_all is not None,
        phases=phases,
    )
    return fig


def plot_backlog(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """The immigration-court backlog with EOIR's pending cases at fiscal-year ends.

    Parameters
    ----------
    ds, scenarios, history, baseline
        As for :func:`plot_encounters`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: ``court_backlog`` per scenario, EOIR ``court_pending`` as black points
        at the end of each fiscal year (September) in the plotted range.
    """
    ctx = _Context(ds, scenarios, history, baseline)
    fig, axes = _figure(1, 1, (9.0, 5.6))
    ax = axes[0]
    backlog, approx = _totals(ctx.ds, "court_backlog")
    _fit_window(ax)
    _draw_runs(ax, backlog, ctx.colors)
    obs = _history_var(ctx.history, "court_pending")
    if obs is not None and "fiscal_year" in obs.dims:
        years = obs["fiscal_year"].values.astype(int)
        dates = pd.to_datetime([f"{y}-09-01" for y in years])
        lo, hi = ctx.time[0] - pd.DateOffset(months=1), ctx.time[-1]
        keep = np.asarray((dates >= lo) & (dates <= hi) & np.isfinite(obs.values))
        ax.plot(
            dates[keep],
            obs.values[keep],
            "o",
            color="black",
            ms=5,
            zorder=5,
            gid="history",
            label="EOIR cases pending at fiscal-year end (September)",
        )
    else:
        obs = None
    ax.set_ylabel(_axis_label(backlog.attrs))
    _finish_axes(axes, ctx, y_from_zero=True)
    phases = _mark_phases(axes, ctx.marks, text_on=axes)
    _finish(
        fig,
        ctx,
        "Immigration-court backlog: history, fit and forecast",
        _uncertainty_note(ctx, approx),
        history=obs is not None,
        phases=phases,
    )
    return fig


def plot_deaths(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """Deaths and disappearances per month, with IOM's annual counts divided by 12.

    Parameters
    ----------
    ds, scenarios, history, baseline
        As for :func:`plot_encounters`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: ``deaths`` summed over origins and corridors per scenario, and for each
        calendar year with an IOM Missing Migrants count a dashed segment at that count / 12
        with a marker at mid-year.
    """
    ctx = _Context(ds, scenarios, history, baseline)
    fig, axes = _figure(1, 1, (9.0, 5.6))
    ax = axes[0]
    deaths, approx = _totals(ctx.ds, "deaths")
    _draw_runs(ax, deaths, ctx.colors)
    obs = _history_var(ctx.history, "border_deaths")
    drawn = False
    if obs is not None and "year" in obs.dims:
        lo, hi = ctx.time[0], ctx.time[-1]
        for year, value in zip(obs["year"].values.astype(int), obs.values, strict=True):
            first, last = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-01")
            if not np.isfinite(value) or last < lo or first > hi:
                continue
            ax.plot(
                [first, last],
                [value / 12] * 2,
                ls="--",
                color="black",
                lw=1.2,
                gid="history",
            )
            ax.plot(pd.Timestamp(f"{year}-07-01"), value / 12, "D", color="black", ms=4)
            drawn = True
    ax.set_ylabel(_axis_label(deaths.attrs))
    _finish_axes(axes, ctx, y_from_zero=True)
    phases = _mark_phases(axes, ctx.marks, text_on=axes)
    extra = []
    if drawn:
        from matplotlib.lines import Line2D

        name = obs.attrs.get("long_name", "IOM dead and missing")
        extra.append(
            Line2D(
                [],
                [],
                ls="--",
                marker="D",
                ms=4,
                color="black",
                label=f"{name}: calendar-year count / 12 (monthly average)",
            )
        )
    _finish(
        fig,
        ctx,
        "Deaths and disappearances at the border: model and IOM counts",
        _uncertainty_note(ctx, approx),
        extra=extra,
        phases=phases,
    )
    return fig


def plot_difference(
    ds: xr.Dataset,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
):
    """Each scenario minus the baseline: encounters, crossings, deaths, court backlog.

    With members, the differences are paired (member by member, so that the members'
    shared parameters cancel) and the plot shows their median and 10-90 % band; with
    single runs, one line per scenario. For ensembles, encounters are the expected counts
    (``expected_encounters``, else ``apprehensions + port_processing``), without the
    observation noise of the ensemble's ``encounters``: noise is not a policy effect. Sums run over origins and corridors. The time
    axis starts 6 months before the first month in which any scenario differs from the
    baseline.

    Parameters
    ----------
    ds, scenarios
        As for :func:`plot_encounters`.
    history
        Ignored (the differences have no history); accepted so that every plot takes the
        same keywords.
    baseline : str, default "baseline"
        The scenario subtracted.

    Returns
    -------
    matplotlib.figure.Figure
        A 2 x 2 grid, one panel per variable, with a zero line.

    Raises
    ------
    ForecastError
        `baseline` is not a scenario of `ds`, or no other scenario is.
    """
    ctx = _Context(ds, scenarios, False, baseline)
    others = _others(ctx.ds, baseline)
    missing = [v for v in _DIFFERENCE_VARIABLES if v not in ctx.ds]
    if missing:
        raise ForecastError(
            f"`ds` has no variable {', '.join(map(repr, missing))}, needed by the difference "
            "plot; pass the Dataset sdmig.forecast.forecast returns"
        )
    data = ctx.ds
    mean = None  # differences of the noisy counts would mostly show noise
    if "expected_encounters" in data and ctx.kind != "single":
        mean = data["expected_encounters"].copy(deep=False)
    elif ctx.kind == "members" and {"apprehensions", "port_processing"} <= set(data):
        mean = data["apprehensions"] + data["port_processing"]
    if mean is not None:
        mean.attrs = dict(data["encounters"].attrs)
        mean.attrs["long_name"] = (
            f"{mean.attrs.get('long_name', 'encounters')}, expected (no observation noise)"
        )
        data = data.assign(encounters=mean)
    fig, axes = _figure(2, 2, (11.0, 7.6), sharex=True)
    first_change = None
    for ax, var in zip(axes, _DIFFERENCE_VARIABLES, strict=True):
        total, _ = _totals(data, var, reduce=False)
        diff = total.sel(scenario=others) - total.sel(scenario=baseline, drop=True)
        changed = np.abs(diff).max([d for d in diff.dims if d != "time"]).values > 0
        if changed.any():
            t = pd.Timestamp(diff["time"].values[int(np.argmax(changed))])
            first_change = t if first_change is None else min(first_change, t)
        if "member" in diff.dims:
            diff = diff.quantile(list(DIFFERENCE_QUANTILES), dim="member")
        elif "quantile" in diff.dims:  # no members to pair: difference of the medians
            diff = diff.sel(quantile=_nearest(diff["quantile"].values, 0.5), drop=True)
        diff.attrs = dict(total.attrs)
        ax.axhline(0.0, color="black", lw=0.8, gid="zero")
        _draw_runs(ax, diff, ctx.colors, bands=((0.1, 0.9),))
        title = textwrap.fill(total.attrs.get("long_name", var), 58, break_long_words=False)
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_ylabel(f"difference [{total.attrs.get('units', '?')}]")
    start = None
    if first_change is not None:
        start = max(ctx.time[0], first_change - pd.DateOffset(months=6))
    _finish_axes(axes, ctx, start=start)
    phases = _mark_phases(axes, [m for m in ctx.marks if m.scenario in others], text_on=axes[:2])
    if ctx.kind == "members":
        note = (
            f"paired member differences ({ctx.n_members} members): median and 10-90 % band; "
            "summed over origins and corridors. Where the band jumps away from the median, "
            "the members split into two regimes (a capacity that binds in some members only)"
        )
    elif ctx.kind == "quantiles":
        note = (
            "difference of the medians (the Dataset holds quantiles, not members, so no "
            "paired band); summed over origins and corridors"
        )
    else:
        note = "single runs; summed over origins and corridors"
    shown = {name: ctx.colors[name] for name in others}
    _finish(
        fig,
        ctx,
        f"Scenario minus {baseline}",
        note,
        colors=shown,
        bands=((0.1, 0.9),) if ctx.kind == "members" else (),
        phases=phases,
    )
    return fig


def phase_marks(
    scenarios: Mapping[str, Any],
    *,
    baseline: str = "baseline",
    origin: str = START,
) -> list[PhaseMark]:
    """The start date of each phase of each scenario, to mark on a time axis.

    Parameters
    ----------
    scenarios : mapping of str to Scenario
        The scenarios plotted, by name.
    baseline : str, default "baseline"
        The reference scenario. Its levers (from `scenarios`, else the built-in scenario
        of that name) are the status quo: they are not marked in any scenario.
    origin : str, default "2019-10"
        The model's start month, to turn timings in model months into dates.

    Returns
    -------
    list of PhaseMark
        Sorted by date. For each scenario and each phase (``phase = "..."`` in the
        scenario file), the earliest start of the phase's levers; the scenario's levers
        without a phase that are not the baseline's are grouped by start date, each
        group marked with ``phase = None``.
    """
    reference = scenarios.get(baseline) if baseline in scenarios else _load(baseline)
    status_quo = set(reference.levers) if reference is not None else set()
    marks = set()
    for name, scenario in scenarios.items():
        for phase, members in scenario.by_phase().items():
            dates = [
                _timing_date(lever.timing, origin)
                for _label, lever in members
                if phase is not None or lever not in status_quo
            ]
            dates = [d for d in dates if d is not None]
            if not dates:
                continue
            if phase is None:
                marks.update(PhaseMark(d, str(name), None) for d in dates)
            else:
                marks.add(PhaseMark(min(dates), str(name), phase))
    return sorted(marks, key=lambda m: (m.date, m.scenario, m.phase or ""))


def write_plots(
    ds: xr.Dataset,
    out_dir: str | os.PathLike,
    kinds: Sequence[str] | None = None,
    *,
    scenarios: Mapping[str, Any] | None = None,
    history: xr.Dataset | bool | None = None,
    baseline: str = "baseline",
    dpi: int = DPI,
) -> list[Path]:
    """Write ``<kind>.png`` for each plot kind into `out_dir`.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast (see :func:`plot`).
    out_dir : str or path-like
        Folder, created if needed. Each PNG is written to a temporary file there and
        renamed into place, so a failure leaves no partial file.
    kinds : sequence of str, optional
        Kinds from :data:`PLOT_KINDS`. Default: all of them, except ``difference`` when
        `ds` has no `baseline` or no other scenario (asking for it explicitly then
        raises).
    scenarios, history, baseline
        As for :func:`plot_encounters`; the scenarios and the history are loaded once for
        all plots.
    dpi : int, default 110
        Resolution [dots per inch].

    Returns
    -------
    list of Path
        The files written, in the order of `kinds`.

    Raises
    ------
    ForecastError
        An unknown kind (before anything is written), a folder that cannot be created or
        written, or a Dataset a plot cannot use.
    """
    if kinds is None:
        names = [str(s) for s in _with_scenario(ds)["scenario"].values]
        comparable = baseline in names and len(names) > 1
        kinds = [k for k in PLOT_KINDS if k != "difference" or comparable]
    elif isinstance(kinds, str):
        kinds = [kinds]
    kinds = [_check_kind(k) for k in kinds]
    if "difference" in kinds:
        _others(_with_scenario(ds), baseline)  # fail before writing anything
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ForecastError(f"cannot create plot folder {out}: {exc.strerror}") from None
    if not os.access(out, os.W_OK):
        raise ForecastError(f"plot folder {out} is not writable")
    ctx = _Context(ds, scenarios, history, baseline)
    shared = {"scenarios": ctx.scenarios, "history": ctx.history_arg, "baseline": baseline}
    written = []
    for kind in dict.fromkeys(kinds):
        fig = _PLOTTERS[kind](ds, **shared)
        written.append(
            atomic_write(out / f"{kind}.png", lambda p, f=fig: f.savefig(p, format="png", dpi=dpi))
        )
    return written


# ====================================================================== internals
class _Context:
    """What every plot needs: the Dataset with a scenario dim, scenarios, history, marks."""

    def __init__(self, ds, scenarios, history, baseline):
        if not isinstance(ds, xr.Dataset):
            raise ForecastError(
                f"`ds` is a {type(ds).__name__}; expected the xarray.Dataset that "
                "sdmig.forecast.forecast returns"
            )
        self.ds = _with_scenario(ds)
        if "time" not in self.ds.dims or self.ds.sizes["time"] == 0:
            raise ForecastError("`ds` has no `time` dimension; expected a forecast Dataset")
        self.names = [str(s) for s in self.ds["scenario"].values]
        self.time = pd.DatetimeIndex(self.ds["time"].values)
        self.colors = {n: _COLORS[i % len(_COLORS)] for i, n in enumerate(self.names)}
        if "member" in self.ds.dims:
            self.kind, self.n_members = "members", self.ds.sizes["member"]
        elif "quantile" in self.ds.dims:
            self.kind, self.n_members = "quantiles", self.ds.attrs.get("members")
        else:
            self.kind, self.n_members = "single", 1
        if scenarios is None:
            loaded = {n: _load(n) for n in self.names}
            scenarios = {n: s for n, s in loaded.items() if s is not None}
        self.scenarios = dict(scenarios)
        origin = str(self.ds.attrs.get("start", START))
        shown = {n: s for n, s in self.scenarios.items() if n in self.names}
        if baseline in self.scenarios:
            shown.setdefault(baseline, self.scenarios[baseline])
        self.marks = [
            m
            for m in phase_marks(shown, baseline=baseline, origin=origin)
            if self.time[0] <= m.date <= self.time[-1] and m.scenario in self.names
        ]
        if history is None or history is True:
            from sdmig.data.history import load_history

            history = load_history()
        self.history_arg = history
        self.history = history if isinstance(history, xr.Dataset) else None


def _with_scenario(ds: xr.Dataset) -> xr.Dataset:
    """`ds` with a ``scenario`` dim (a one-scenario selection gets it back)."""
    if "scenario" in ds.dims:
        return ds
    name = str(ds["scenario"].item()) if "scenario" in ds.coords else "run"
    return ds.drop_vars("scenario", errors="ignore").expand_dims(scenario=[name])


def _check_kind(kind: str) -> str:
    if kind not in PLOT_KINDS:
        import difflib

        close = difflib.get_close_matches(str(kind), PLOT_KINDS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ForecastError(
            f"plot kind = {kind!r} is unknown; allowed: {', '.join(PLOT_KINDS)}.{hint}"
        )
    return kind


def _load(name: str):
    """The built-in scenario `name`, or None when it does not load."""
    from sdmig.policy.scenario import load_scenario

    try:
        return load_scenario(name)
    except (SdmigError, OSError):
        return None


def _timing_date(timing, origin: str) -> pd.Timestamp | None:
    """A timing's start as a date; model months count from `origin`."""
    start = timing.start
    if isinstance(start, pd.Timestamp):
        return start
    if isinstance(start, np.ndarray):  # member-varying: no single date
        return None
    whole = int(np.floor(start))
    month = pd.Timestamp(origin) + pd.DateOffset(months=whole)
    days = (month + pd.DateOffset(months=1) - month).days
    return month + pd.Timedelta(days=(float(start) - whole) * days)


def _others(ds: xr.Dataset, baseline: str) -> list[str]:
    names = [str(s) for s in ds["scenario"].values]
    if baseline not in names:
        raise ForecastError(
            f"baseline = {baseline!r} is not a scenario of the forecast; its scenarios are "
            f"{', '.join(names)}; pass one of them as `baseline`"
        )
    others = [n for n in names if n != baseline]
    if not others:
        raise ForecastError(
            f"the forecast has only the scenario {baseline!r}; a comparison needs at least "
            "one other scenario"
        )
    return others


def _totals(ds: xr.Dataset, var: str, keep: Iterable[str] = (), *, reduce: bool = True):
    """`var` summed over every dim but scenario, time, member, quantile and `keep`.

    Members are summed first, then reduced to quantiles (unless `reduce` is False). The
    second value is True when quantiles were summed over cells: such a band is only an
    approximation of the quantiles of the sum.
    """
    if var not in ds:
        raise ForecastError(
            f"`ds` has no variable {var!r}; expected the Dataset sdmig.forecast.forecast "
            f"returns (it has {', '.join(map(str, ds.data_vars))})"
        )
    da = ds[var]
    kept = ("scenario", "time", "member", "quantile", *keep)
    summed = [d for d in da.dims if d not in kept]
    approx = "quantile" in da.dims and any(da.sizes[d] > 1 for d in summed)
    total = da.sum(summed, keep_attrs=True) if summed else da.copy(deep=False)
    if reduce and "member" in total.dims:
        total = reduce_members(total.to_dataset(name=var))[var]
    total.attrs = dict(da.attrs)
    return total, approx


def _nearest(values: np.ndarray, q: float) -> float:
    """The entry of `values` equal to `q` (to rounding), else NaN."""
    hits = [v for v in np.asarray(values, dtype=float) if np.isclose(v, q)]
    return hits[0] if hits else float("nan")


def _draw_runs(ax, da: xr.DataArray, colors: Mapping[str, str], bands=BANDS) -> None:
    """Per scenario: bands and a median for a ``quantile`` dim, else a line.

    Every scenario's bands are drawn translucent with their edges outlined in the
    scenario's colour, and every median line is drawn above all the bands, so that a fan
    drawn later does not hide an earlier one. Where a scenario equals the first one (the
    months before its levers act), it is not drawn again: the first scenario's colour
    shows the months they share.
    """
    first = da.isel(scenario=0)
    lines = []
    for i, name in enumerate(da["scenario"].values):
        run = da.sel(scenario=name)
        if i > 0:
            same = (run == first) | (run.isnull() & first.isnull())
            same = same.all([d for d in run.dims if d != "time"]).values
            if same.all():
                continue
            run = run.isel(time=slice(max(int(np.argmin(same)) - 1, 0), None))
        times = run["time"].values
        color = colors[str(name)]
        if "quantile" not in run.dims:
            lines.append((times, run.values, color, f"run:{name}"))
            continue
        qs = run["quantile"].values
        for lo, hi in bands:
            qlo, qhi = _nearest(qs, lo), _nearest(qs, hi)
            if np.isnan(qlo) or np.isnan(qhi):
                continue
            low, high = run.sel(quantile=qlo).values, run.sel(quantile=qhi).values
            ax.fill_between(
                times,
                low,
                high,
                color=color,
                alpha=_BAND_ALPHA.get((lo, hi), 0.2),
                lw=0,
                gid=f"band:{name}:{lo:g}-{hi:g}",
                zorder=2,
            )
            style = _BAND_EDGE.get((lo, hi), "-")
            for edge in (low, high):
                ax.plot(
                    times,
                    edge,
                    color=color,
                    lw=0.7,
                    ls=style,
                    alpha=0.8,
                    zorder=2.5,
                    gid=f"band_edge:{name}:{lo:g}-{hi:g}",
                )
        q50 = _nearest(qs, 0.5)
        if not np.isnan(q50):
            lines.append((times, run.sel(quantile=q50).values, color, f"median:{name}"))
    # later scenarios first and wider, the first on top and narrower: both stay visible
    # where they coincide
    for k, (times, values, color, gid) in enumerate(reversed(lines)):
        first_drawn_last = k == len(lines) - 1 and len(lines) > 1
        ax.plot(
            times, values, color=color, lw=1.3 if first_drawn_last else 2.2, gid=gid, zorder=3.5
        )


def _draw_history(ax, da: xr.DataArray, label: str) -> None:
    """The observations, with the last observed month in the label."""
    observed = da["time"].values[np.isfinite(np.asarray(da.values, dtype=float))]
    if observed.size:
        label = f"{label}, to {pd.Timestamp(observed[-1]):%Y-%m}"
    ax.plot(
        da["time"].values,
        da.values,
        color="black",
        lw=0.9,
        marker="o",
        ms=2.2,
        gid="history",
        label=label,
        zorder=4,
    )


def _history_var(history: xr.Dataset | None, var: str) -> xr.DataArray | None:
    if history is None or var not in history:
        return None
    return history[var]


def _fit_window(ax) -> None:
    from sdmig.inference.calibrate import FIT_WINDOW

    lo = pd.Timestamp(FIT_WINDOW[0])
    hi = pd.Timestamp(FIT_WINDOW[1]) + pd.DateOffset(months=1)
    ax.axvspan(lo, hi, color="0.93", lw=0, zorder=0, gid="fit_window")


def _axis_label(attrs: Mapping[str, Any], width: int = 42) -> str:
    name = attrs.get("long_name", "")
    units = attrs.get("units", "")
    text = f"{name} [{units}]" if units else str(name)
    return textwrap.fill(text, width=width, break_long_words=False)


def _figure(nrows: int, ncols: int, size: tuple[float, float], sharex: bool = False):
    """A Figure on an Agg canvas (no pyplot), constrained layout, flat list of axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharex=sharex)
    return fig, list(axes.ravel())


def _finish_axes(axes, ctx: _Context, *, y_from_zero: bool = False, start=None) -> None:
    """Time limits and ticks (years, or half-years for short spans), count tick labels."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator, FuncFormatter

    lo = pd.Timestamp(start) if start is not None else ctx.time[0]
    lo, hi = lo - pd.DateOffset(months=1), ctx.time[-1] + pd.DateOffset(months=1)
    months = pd.date_range(lo.to_period("M").to_timestamp(), hi, freq="MS")
    if (hi - lo).days > 3 * 365:  # fixed ticks: rrule-based date locators are slow
        major, minor, fmt = months[months.month == 1], months[months.month % 3 == 1], "%Y"
    else:
        major, minor, fmt = months[months.month % 6 == 1], months, "%Y-%m"
    for ax in axes:
        ax.set_xlim(lo, hi)
        ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(major)))
        ax.xaxis.set_minor_locator(FixedLocator(mdates.date2num(minor)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
        ax.yaxis.set_major_formatter(FuncFormatter(_count))
        ax.grid(True, axis="y", color="0.85", lw=0.6)
        ax.tick_params(labelsize=9)
        ax.tick_params(axis="x", labelbottom=True)
        if y_from_zero:
            ax.set_ylim(bottom=0)


def _count(x: float, _pos=None) -> str:
    """Tick labels: 250k, 1.5M."""
    for scale, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(x) >= scale:
            return f"{x / scale:g}{suffix}"
    return f"{x:g}"


def _mark_phases(axes, marks: Sequence[PhaseMark], *, text_on) -> list:
    """A dashed vertical line per date, tagged A, B, ... at the top of the `text_on` axes.

    Returns legend handles that spell out each tag: date, scenario and phase.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    by_date: dict[pd.Timestamp, list[PhaseMark]] = {}
    for mark in marks:
        by_date.setdefault(mark.date, []).append(mark)
    handles = []
    for i, (date, group) in enumerate(sorted(by_date.items())):
        tag = _tag(i)
        x = mdates.date2num(date)
        for ax in axes:
            ax.axvline(
                x, color="0.25", ls=(0, (4, 3)), lw=0.9, zorder=1, gid=f"phase:{date:%Y-%m-%d}"
            )
        for ax in text_on:
            ax.text(
                x,
                0.985,
                tag,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                fontsize=8,
                fontweight="bold",
                color="0.15",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "0.4", "lw": 0.6},
                zorder=6,
                gid=f"phase_label:{date:%Y-%m-%d}",
            )
        what = []
        for m in group:
            text = m.scenario if m.phase is None else f"{m.scenario} {m.phase}"
            if text not in what:
                what.append(text)
        day = f"{date:%Y-%m}" if date.day == 1 and date.hour == 0 else f"{date:%Y-%m-%d}"
        handles.append(
            Line2D(
                [],
                [],
                color="0.25",
                ls=(0, (4, 3)),
                lw=0.9,
                label=f"{tag}  {day}: {', '.join(what)} starts",
            )
        )
    return handles


def _tag(i: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def _uncertainty_note(ctx: _Context, approx: bool) -> str:
    if ctx.kind == "members":
        note = f"ensemble of {ctx.n_members} members: median, 10-90 % and 5-95 % bands"
    elif ctx.kind == "quantiles":
        qs = ", ".join(f"{q:g}" for q in ctx.ds["quantile"].values)
        note = f"ensemble quantiles ({qs}): median, 10-90 % and 5-95 % bands"
        if approx:
            note += " (sums of per-cell quantiles: wider than the quantiles of the sum)"
    else:
        note = "single run per scenario"
    return note


def _finish(fig, ctx, title, note, *, phases=(), history=False, extra=(), colors=None, bands=None):
    """Title, and one legend below the panels: the model on the left, data and marks right."""
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    colors = ctx.colors if colors is None else colors
    bands = (BANDS if ctx.kind != "single" else ()) if bands is None else bands
    suffix = " (median)" if ctx.kind != "single" else ""
    model = [Line2D([], [], color=c, lw=1.8, label=f"{n}{suffix}") for n, c in colors.items()]
    for lo, hi in bands:  # swatches as drawn: each scenario's colour, alpha and edge
        for name, color in colors.items():
            who = f"{name}: " if len(colors) > 1 else ""
            model.append(
                Patch(
                    facecolor=to_rgba(color, _BAND_ALPHA.get((lo, hi), 0.2)),
                    edgecolor=to_rgba(color, 0.8),
                    linestyle=_BAND_EDGE.get((lo, hi), "-"),
                    lw=0.7,
                    label=f"{who}{lo * 100:g}-{hi * 100:g} % of members",
                )
            )
    data = []
    if history:
        ax = next(a for a in fig.axes if any(ln.get_gid() == "history" for ln in a.lines))
        line = next(ln for ln in ax.lines if ln.get_gid() == "history")
        data.append(
            Line2D(
                [],
                [],
                color="black",
                lw=0.9,
                marker=line.get_marker(),
                ls=line.get_linestyle(),
                ms=4,
                label=line.get_label(),
            )
        )
    data.extend(extra)
    if any(p.get_gid() == "fit_window" for ax in fig.axes for p in ax.patches):
        from sdmig.inference.calibrate import FIT_WINDOW

        data.append(
            Patch(color="0.93", label=f"calibration window {FIT_WINDOW[0]}..{FIT_WINDOW[1]}")
        )
    data.extend(phases)
    rows = max(len(model), len(data))
    blank = Line2D([], [], alpha=0.0, label=" ")
    handles = [*model, *[blank] * (rows - len(model)), *data, *[blank] * (rows - len(data))]
    for handle in handles:
        handle.set_label(textwrap.fill(handle.get_label(), width=78, break_long_words=False))
    fig.suptitle(title, fontsize=12, x=0.01, ha="left")
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=2 if data else 1,
        fontsize=8,
        frameon=False,
        title=textwrap.fill(note, width=140, break_long_words=False),
        title_fontsize=8,
        columnspacing=3.0,
    )


_PLOTTERS = {
    "encounters": plot_encounters,
    "encounters_by_origin": plot_encounters_by_origin,
    "encounters_by_corridor": plot_encounters_by_corridor,
    "backlog": plot_backlog,
    "deaths": plot_deaths,
    "difference": plot_difference,
}
