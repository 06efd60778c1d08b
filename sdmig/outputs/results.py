"""A forecast's results as one object: the data, what produced it, and what can be made of it.

:func:`forecast` runs scenarios (:func:`sdmig.run.forecast.forecast`) and returns a
:class:`ForecastResults`, in the manner of a statsmodels results object: it holds the
forecast Dataset, the scenarios run, the calibration and the history the run used, its
provenance and a reporting window, and gives the tables, the comparison with the baseline,
the benchmarks, the plots, the Markdown summary and the output folder. The tables are
computed once (:func:`sdmig.outputs.report.build_report`), so what is printed and what
is written are the same numbers; ``sdmig forecast`` is this object on the command line.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import xarray as xr

from sdmig.arguments import as_month
from sdmig.errors import CalibrationError, ForecastError
from sdmig.model.parameters import END, REPORT_WINDOW, START
from sdmig.outputs.report import (
    FORMATS,
    ForecastReport,
    build_report,
    check_formats,
    prepare_output,
    summary_markdown,
    write_outputs,
)
from sdmig.run.forecast import DEFAULT_SCENARIOS
from sdmig.run.forecast import forecast as run_forecast

__all__ = ["ForecastResults", "forecast"]


class ForecastResults:
    """A forecast with what produced it: tables, comparison, plots, files.

    Made by :func:`forecast` (``sdmig.forecast``); the methods give what ``sdmig forecast``
    prints and writes, from the same computation.

    Parameters
    ----------
    dataset : xarray.Dataset
        The forecast (:func:`sdmig.run.forecast.forecast`), members not reduced, with the
        provenance of the run in its attrs.
    scenarios : mapping of str to Scenario
        The scenarios run, by name, in the order of ``dataset.scenario``.
    calibration : CalibrationResults, optional
        The calibration the run used (its estimates and its draws); None when there was
        none to load.
    history : xarray.Dataset, optional
        The history the run is based on (:func:`sdmig.data.history.load_history`); it is
        drawn in the plots. Default: the shipped history.
    window : tuple of str, optional
        The reporting window ``(start, end)``, ``YYYY-MM``, of the tables, the comparison
        and the files; default :func:`default_window`.
    baseline : str, default "baseline"
        The scenario the others are compared with.

    Attributes
    ----------
    dataset : xarray.Dataset
        The forecast.
    scenarios : dict of str to Scenario
        The scenarios run.
    calibration : CalibrationResults or None
        The calibration used.
    history : xarray.Dataset
        The history used.
    start, end : str
        The reporting window.
    baseline : str
        The reference scenario.

    Examples
    --------
    >>> import sdmig
    >>> res = sdmig.forecast(["baseline", "binational_phased"], end="2020-03", origin="open-loop")
    >>> res.start, res.end
    ('2019-10', '2020-03')
    >>> float(res.compare().query("metric == 'crossings'")["median"].iloc[0])
    0.0
    """

    def __init__(
        self,
        dataset: xr.Dataset,
        scenarios,
        *,
        calibration=None,
        history: xr.Dataset | None = None,
        window: tuple[str, str] | None = None,
        baseline: str = "baseline",
    ):
        from sdmig.data.history import load_history

        self.dataset = dataset
        self.scenarios = dict(scenarios)
        self.calibration = calibration
        self.history = load_history() if history is None else history
        last = str(pd.Timestamp(dataset["time"].values[-1]).to_period("M"))
        self.start, self.end = _window(window, last)
        self.baseline = str(baseline)

    # ------------------------------------------------------------------ what was run
    @property
    def scenario_names(self) -> list[str]:
        """The scenarios run, in order."""
        return [str(s) for s in self.dataset["scenario"].values]

    @property
    def members(self) -> int:
        """The number of ensemble members (1 for a single run)."""
        return int(self.dataset.sizes.get("member", 1))

    @property
    def seed(self) -> int:
        """The seed of the parameter draws and the observation noise."""
        return int(self.dataset.attrs.get("seed", 0))

    @property
    def provenance(self) -> dict[str, Any]:
        """Where the numbers come from, as the run recorded it (:mod:`sdmig.run.provenance`).

        Returns
        -------
        dict
            ``sdmig_version``, ``solver``, ``data_vintage``, ``data_sha256``, ``members``,
            ``seed``, ``calibration_summary`` and ``calibration`` (the estimates, the
            log-likelihood, the fit window and the data checksum of the calibration used;
            None without one).
        """
        a = self.dataset.attrs
        keys = ("sdmig_version", "solver", "data_vintage", "data_sha256", "members", "seed")
        out: dict[str, Any] = {k: a.get(k) for k in keys}
        out["calibration_summary"] = a.get("calibration_summary", "")
        out["calibration"] = json.loads(a["calibration"]) if "calibration" in a else None
        return out

    @functools.cached_property
    def report(self) -> ForecastReport:
        """The tables over the reporting window, computed once (:func:`build_report`)."""
        return build_report(
            self.dataset,
            self.scenarios,
            start=self.start,
            end=self.end,
            baseline=self.baseline,
            calibration=self.calibration,
        )

    @property
    def has_comparison(self) -> bool:
        """Whether the baseline and at least one other scenario were run."""
        names = self.scenario_names
        return self.baseline in names and len(names) > 1

    # ------------------------------------------------------------------ tables
    def table(self, start: str | None = None, end: str | None = None) -> pd.DataFrame:
        """The levels over `start`..`end` (:func:`sdmig.outputs.tables.summary_table`).

        Parameters
        ----------
        start, end : str, optional
            The window, ``YYYY-MM``; default the reporting window.

        Returns
        -------
        pandas.DataFrame
            One row per scenario (an ensemble: ``(scenario, statistic)`` rows with the
            median, p10 and p90 across members); the table ``sdmig forecast`` prints.

        Raises
        ------
        ForecastError
            A window that does not parse or lies outside the forecast.
        """
        start, end = self._or_window(start, end)
        if (start, end) == (self.start, self.end):
            return self.report.table.copy()
        return self.dataset.sdmig.table(start, end)

    def compare(
        self, baseline: str | None = None, start: str | None = None, end: str | None = None
    ) -> pd.DataFrame:
        """Each scenario against `baseline`, over the window and per phase.

        The paired comparison of :func:`sdmig.outputs.compare.compare`: the table
        ``sdmig forecast`` prints and writes to ``comparison.csv``.

        Parameters
        ----------
        baseline : str, optional
            The scenario subtracted; default :attr:`baseline`.
        start, end : str, optional
            The window, ``YYYY-MM``; default the reporting window.

        Returns
        -------
        pandas.DataFrame
            Long table: scenario, period, from, to, metric, units, median, p10, p90.

        Raises
        ------
        ForecastError
            `baseline` was not run or was the only scenario, or a bad window.
        """
        baseline = self.baseline if baseline is None else str(baseline)
        start, end = self._or_window(start, end)
        if (baseline, start, end) == (self.baseline, self.start, self.end) and self.has_comparison:
            return self.report.comparison.copy()
        return self.dataset.sdmig.compare(baseline, start, end, scenarios=self.scenarios)

    def benchmarks(self, start: str | None = None, end: str | None = None) -> pd.DataFrame:
        """The scenarios' benchmarks (:func:`sdmig.outputs.report.benchmark_report`).

        Parameters
        ----------
        start, end : str, optional
            The window, ``YYYY-MM``; default the reporting window.

        Returns
        -------
        pandas.DataFrame
            One row per benchmark, with the probability across members of meeting it in
            time; empty when no scenario declares any.
        """
        from sdmig.outputs.report import benchmark_report

        start, end = self._or_window(start, end)
        if (start, end) == (self.start, self.end):
            return self.report.benchmarks.copy()
        return benchmark_report(self.dataset, self.scenarios, start=start, end=end)

    def summary(self) -> str:
        """The Markdown summary (``summary.md``) over the reporting window.

        Returns
        -------
        str
            Provenance, comparison, levels, benchmarks, levers by phase, assumptions and
            limitations; after :meth:`write`, with the plots written.
        """
        return summary_markdown(self.report)

    # ------------------------------------------------------------------ plots and files
    def plot(self, kind: str = "encounters", **kwargs: Any):
        """One plot of the forecast (:func:`sdmig.outputs.plots.plot`).

        Parameters
        ----------
        kind : str, default "encounters"
            One of :data:`sdmig.outputs.plots.PLOT_KINDS`.
        **kwargs
            Passed on; by default the plot gets the scenarios, the history and the
            baseline of the run.

        Returns
        -------
        matplotlib.figure.Figure

        Raises
        ------
        ForecastError
            An unknown `kind`.
        """
        from sdmig.outputs.plots import plot

        shared = {"scenarios": self.scenarios, "history": self.history, "baseline": self.baseline}
        return plot(self.dataset, kind, **{**shared, **kwargs})

    def write(
        self,
        out: str | os.PathLike,
        *,
        formats: str | Sequence[str] = FORMATS,
        plots: str | Sequence[str] | None = "all",
        overwrite: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Path]:
        """Write the output folder ``sdmig forecast --out`` writes, whole or not at all.

        ``forecast.nc`` (an ensemble as quantiles, with each member's totals),
        ``forecast.csv``, ``comparison.csv``, ``benchmarks.csv``, the plots,
        ``summary.md`` and ``report.html`` (:func:`sdmig.outputs.report.write_outputs`).

        Parameters
        ----------
        out : str or path-like
            The output folder; it may not exist yet.
        formats : str or sequence of str, default ("nc", "csv")
            Data files: ``"nc"``, ``"csv"`` or both (``"nc,csv"``).
        plots : str, sequence of str or None, default "all"
            ``"all"`` (or None) for every plot that applies, ``"none"`` (or an empty
            sequence) for none, or the kinds (:data:`sdmig.outputs.plots.PLOT_KINDS`).
        overwrite : bool, default False
            Replace the run in a non-empty `out`.
        cancelled : callable, optional
            Asked before the run is moved into place; True drops it.

        Returns
        -------
        list of pathlib.Path
            The files written.

        Raises
        ------
        ForecastError
            An unknown format, `out` a file, or not empty without `overwrite`.
        """
        formats = check_formats(formats)
        if plots is None or plots == "all":
            kinds = None
        elif plots == "none":
            kinds = ()
        else:
            kinds = tuple(plots.split(",") if isinstance(plots, str) else plots)
        out = prepare_output(out, overwrite=overwrite)
        return write_outputs(
            self.report,
            out,
            formats=formats,
            plots=kinds,
            overwrite=overwrite,
            cancelled=cancelled,
            history=self.history,
        )

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        first = str(pd.Timestamp(self.dataset["time"].values[0]).to_period("M"))
        last = str(pd.Timestamp(self.dataset["time"].values[-1]).to_period("M"))
        p = self.provenance
        run = f"{self.members} members, seed {self.seed}" if self.members > 1 else "single run"
        sha = str(p["data_sha256"] or "")[:12]
        compared = (
            f"{len(self.scenario_names) - 1} against {self.baseline!r}"
            if self.has_comparison
            else "none (needs the baseline and another scenario)"
        )
        lines = [
            f"<ForecastResults: {len(self.scenario_names)} scenario(s), {first}..{last}, {run}>",
            f"  scenarios:   {', '.join(self.scenario_names)}",
            f"  comparison:  {compared}",
            f"  window:      {self.start}..{self.end} (tables, comparison, files)",
            f"  solver:      {p['solver']}",
            f"  calibration: {p['calibration_summary']}",
            f"  data:        {p['data_vintage'] or 'unknown vintage'} (sha256 {sha}...)",
            "  methods:     .table() .compare() .benchmarks() .plot(kind) .summary() "
            ".write(dir); .dataset",
        ]
        return "\n".join(lines)

    def _or_window(self, start, end) -> tuple[str, str]:
        return (self.start if start is None else str(start), self.end if end is None else str(end))


def default_window(end: str = END) -> tuple[str, str]:
    """The reporting window of a forecast that runs to `end`.

    Parameters
    ----------
    end : str, default "2028-12"
        The forecast's last month, ``YYYY-MM``.

    Returns
    -------
    tuple of str
        2026-07..`end` (:data:`sdmig.model.parameters.REPORT_WINDOW`), or the whole
        forecast, 2019-10..`end`, when it ends before 2026-07.

    Examples
    --------
    >>> default_window("2028-12")
    ('2026-07', '2028-12')
    >>> default_window("2020-06")
    ('2019-10', '2020-06')
    """
    last = str(as_month("end", end, earliest=START, latest=END))
    return (REPORT_WINDOW[0], last) if REPORT_WINDOW[0] <= last else (START, last)


def _window(window, last: str) -> tuple[str, str]:
    """`window` checked against a forecast that runs 2019-10..`last`."""
    if window is None:
        return default_window(last)
    try:
        start, end = window
    except (TypeError, ValueError):
        raise ForecastError(
            f"window = {window!r} must be two months (start, end), e.g. ('2026-07', '2028-12')"
        ) from None
    lo = as_month("window start", start, earliest=START, latest=last)
    hi = as_month("window end", end, earliest=START, latest=last)
    if lo > hi:
        raise ForecastError(f"window start = {lo} is after window end = {hi}")
    return str(lo), str(hi)


def _calibration_used(calibration):
    """The CalibrationResults a run with `calibration` uses (None if there is none)."""
    from sdmig.inference.calibrate import CalibrationResults

    if calibration is not None and hasattr(calibration, "draw"):
        return calibration
    if calibration is not None:
        return CalibrationResults.load(calibration)
    try:
        return CalibrationResults.load()
    except CalibrationError:  # no saved calibration: the run says so in its provenance
        return None


def forecast(
    scenarios: Sequence = DEFAULT_SCENARIOS,
    *,
    model=None,
    end: str = END,
    method: str | None = None,
    members: int = 1,
    seed: int = 0,
    calibration=None,
    history=None,
    client=None,
    chunk_size: int = 2048,
    progress: Callable[[str], None] | None = None,
    window: tuple[str, str] | None = None,
    baseline: str = "baseline",
    fixed_assumptions: bool = False,
    origin: str = "last",
    particles: int | None = None,
) -> ForecastResults:
    """Run scenarios from the filtered state at the last observed month to `end`.

    By default the run starts from the particle filter's estimate of the model's state at
    the last month with encounters (``origin="last"``), as ``sdmig forecast`` does;
    ``origin="open-loop"`` runs the model from 2019-10 instead.

    The run is :func:`sdmig.run.forecast.forecast`; the results remember the scenarios,
    the calibration and the history it used.

    Parameters
    ----------
    scenarios : str, path, Scenario or a sequence of them, default baseline and binational_phased
        Built-in scenario names, scenario files, or :class:`~sdmig.policy.scenario.Scenario`
        objects; one name is one scenario.
    model : BorderModel, optional
        Defaults to the model with the calibration's estimates.
    end : str, default "2028-12"
        Last month simulated, ``YYYY-MM``.
    method : str, optional
        Integrator (see :func:`stockflow.simulate`); default ``"RK45"`` for one member,
        ``"rk4"`` for ensembles.
    members : int, default 1
        Ensemble members drawn from the calibration's estimated distribution; every
        scenario gets the same draws, so differences are paired.
    seed : int, default 0
        Seed of the draws and the observation noise.
    calibration : CalibrationResults or path, optional
        The calibration to use; default the package's saved calibration.
    history : xarray.Dataset or path, optional
        The history the run is based on (a Dataset from
        :func:`sdmig.data.history.load_history` or anything it reads); default the
        shipped history.
    client : distributed.Client, optional
        Run the members as tasks on this Dask cluster.
    chunk_size : int, default 2048
        Members a task integrates at once.
    progress : callable, optional
        Called with each scenario's name before it runs.
    window : tuple of str, optional
        The reporting window ``(start, end)`` of the tables, the comparison and the files;
        default 2026-07..`end`, or the whole run when it ends earlier
        (:func:`default_window`).
    baseline : str, default "baseline"
        The scenario the others are compared with.
    fixed_assumptions : bool, default False
        With several members, keep the assumed elasticities and lever effects at their
        values instead of drawing them from their documented ranges.
    origin : str, default "last"
        ``"last"`` (the last month with encounters) or ``YYYY-MM``: start from the particle
        filter's state at the end of that month, estimated from the history up to it and
        no later; the results start the month after. ``"open-loop"``: run the model from
        2019-10 with its driver curves. See :func:`sdmig.run.forecast.forecast`.
    particles : int, optional
        Particles of the filter (default that of :func:`sdmig.run.forecast.forecast`).

    Returns
    -------
    ForecastResults
        The forecast (``.dataset``) with ``.table()``, ``.compare()``, ``.benchmarks()``,
        ``.plot()``, ``.summary()`` and ``.write(dir)``.

    Raises
    ------
    ForecastError
        A bad argument (named as Python spells it), or scenario names that are not
        distinct.
    ScenarioError
        A scenario that does not load.
    CalibrationError
        A calibration file that does not load.
    HistoryError
        A history that does not load.

    Examples
    --------
    >>> import sdmig
    >>> res = sdmig.forecast(["baseline"], end="2020-03", origin="open-loop")
    >>> res.scenario_names
    ['baseline']
    >>> res.table().index.tolist()
    ['baseline']
    """
    from sdmig.arguments import as_count, as_scenario_list, as_seed
    from sdmig.data.history import load_history
    from sdmig.policy.scenario import load_scenario

    # the cheap checks first, as the run makes them, then what is read from files, once
    scenarios = as_scenario_list("scenarios", scenarios)
    as_count("members", members)
    as_seed("seed", seed)
    window = _window(window, str(as_month("end", end, earliest=START, latest=END)))
    loaded = [s if hasattr(s, "bind") else load_scenario(s) for s in scenarios]
    history = history if hasattr(history, "attrs") else load_history(history)
    used = _calibration_used(calibration)
    ds = run_forecast(
        loaded,
        model=model,
        end=end,
        method=method,
        members=members,
        seed=seed,
        calibration=calibration,  # a path is named in the provenance
        history=history,
        client=client,
        chunk_size=chunk_size,
        progress=progress,
        fixed_assumptions=fixed_assumptions,
        origin=origin,
        **({} if particles is None else {"particles": particles}),
    )
    return ForecastResults(
        ds,
        {s.name: s for s in loaded},
        calibration=used,
        history=history,
        window=window,
        baseline=baseline,
    )
