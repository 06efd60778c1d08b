"""Writing a forecast: NetCDF, tidy CSV, the comparison, plots, ``summary.md`` and ``report.html``.

:func:`build_report` computes everything a reader is shown from a forecast once, into a
:class:`ForecastReport`: the levels table, the comparison with the baseline (over the
window and per phase), and the benchmarks. The command line prints it, and
:func:`write_outputs` writes it: the data files, the plots, and two renderings of the same
object from the Jinja2 templates in ``sdmig/outputs/templates``, the Markdown summary and
a self-contained HTML report (images embedded, no network access) that can be emailed.

The whole run is written into a staging folder beside the output folder and renamed into
place at the end (:func:`sdmig.outputs.folder.staged_folder`): an error or an interrupt
leaves nothing behind, and ``--overwrite`` leaves exactly one run in the folder.

The reports state what a reader needs to trust or reproduce the numbers: the sdmig
version, the data vintage and its checksum, the calibration used and the ranges of the
parameters it draws, the seed and the number of members, each scenario's levers by phase,
the benchmarks, and what the model cannot tell (:data:`LIMITATIONS`).
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from sdmig import __version__
from sdmig.errors import CalibrationError, ForecastError
from sdmig.outputs.compare import compare, format_comparison, format_number
from sdmig.outputs.folder import prepare_output, staged_folder
from sdmig.outputs.tables import SUMMARY_COLUMNS, format_table, reduce_members, summary_table

__all__ = [
    "FORMATS",
    "LIMITATIONS",
    "ForecastReport",
    "benchmark_report",
    "benchmark_table",
    "build_report",
    "check_formats",
    "prepare_output",
    "report_html",
    "summary_markdown",
    "write_outputs",
]

FORMATS = ("nc", "csv")
#: The known limitations, in Markdown: the section "What this model cannot tell you".
LIMITATIONS = files("sdmig.outputs").joinpath("limitations.md")
#: Quantiles of the calibration's distribution shown as the range of a drawn parameter.
ASSUMPTION_RANGE = (0.05, 0.95)


@dataclass
class ForecastReport:
    """What a forecast's reports show, computed once from the forecast.

    Parameters
    ----------
    ds : xarray.Dataset
        The forecast (:func:`sdmig.run.forecast.forecast`), members not reduced.
    start, end : str
        The reporting window, ``YYYY-MM``.
    table : pandas.DataFrame
        Levels over the window (:func:`sdmig.outputs.tables.summary_table`).
    comparison : pandas.DataFrame or None
        Each scenario against `baseline` over the window and per phase
        (:func:`sdmig.outputs.compare.compare`); None without a baseline and another
        scenario.
    benchmarks : pandas.DataFrame
        The scenarios' benchmarks (:func:`benchmark_report`); empty when none declares any.
    scenarios : mapping of str to Scenario
        The scenarios run, by name.
    baseline : str
        The scenario the others are compared with.
    calibration : CalibrationResults or None
        The calibration the members were drawn from, for the ranges of the assumptions.
    """

    ds: xr.Dataset
    start: str
    end: str
    table: pd.DataFrame
    comparison: pd.DataFrame | None
    benchmarks: pd.DataFrame
    scenarios: Mapping[str, Any]
    baseline: str = "baseline"
    calibration: Any = None
    plots: list[Path] = field(default_factory=list)


def build_report(
    ds: xr.Dataset,
    scenarios: Mapping[str, Any],
    *,
    start: str,
    end: str,
    baseline: str = "baseline",
    calibration=None,
) -> ForecastReport:
    """The tables of a forecast's reports.

    Parameters
    ----------
    ds : xarray.Dataset
        From :func:`sdmig.run.forecast.forecast`.
    scenarios : mapping of str to Scenario
        The scenarios of `ds`, by name (for the phases, levers and benchmarks).
    start, end : str
        The reporting window, ``YYYY-MM``.
    baseline : str, default "baseline"
        The reference scenario of the comparison.
    calibration : CalibrationResults, optional
        The calibration the members were drawn from; default the package's.

    Returns
    -------
    ForecastReport
    """
    names = [str(s) for s in ds["scenario"].values]
    comparison = None
    if baseline in names and len(names) > 1:
        comparison = compare(ds, baseline=baseline, start=start, end=end, scenarios=scenarios)
    return ForecastReport(
        ds=ds,
        start=str(start),
        end=str(end),
        table=summary_table(ds, start, end),
        comparison=comparison,
        benchmarks=benchmark_report(ds, scenarios, start=start, end=end),
        scenarios=dict(scenarios),
        baseline=baseline,
        calibration=calibration,
    )


def check_formats(formats: str | Sequence[str], *, name: str = "formats") -> tuple[str, ...]:
    """Parse ``"nc,csv"``; an unknown format is a :class:`ForecastError`.

    Parameters
    ----------
    formats : str or sequence of str
        Comma-separated names, or a sequence of them, from :data:`FORMATS`.
    name : str, default "formats"
        How the error names the argument (the CLI passes ``"--format"``).

    Returns
    -------
    tuple of str
        The formats, in the order given, without repeats.

    Raises
    ------
    ForecastError
        If a format is unknown or none is given.

    Examples
    --------
    >>> check_formats("csv, nc, csv")
    ('csv', 'nc')
    >>> check_formats(["xlsx"])
    Traceback (most recent call last):
    ...
    sdmig.errors.ForecastError: formats = xlsx: allowed formats are nc, csv (comma-separated)
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    items = [f.strip() for f in items if f.strip()]
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise ForecastError(
            f"{name} = {','.join(items) or '(empty)'}: allowed formats are "
            f"{', '.join(FORMATS)} (comma-separated)"
        )
    return tuple(dict.fromkeys(items))


def benchmark_report(
    ds: xr.Dataset, scenarios, *, start: str, end: str | None = None
) -> pd.DataFrame:
    """Every scenario's benchmarks evaluated on `ds` over `start`..`end`.

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast with a ``scenario`` dimension and the benchmarks' metrics.
    scenarios : mapping of str to Scenario
        The scenarios of `ds` by name, with their benchmarks.
    start : str
        First month of the reporting window, ``YYYY-MM``.
    end : str, optional
        Last month; default the forecast's last month.

    Returns
    -------
    pandas.DataFrame
        One row per benchmark, with the columns of
        :data:`sdmig.policy.benchmarks.EVALUATION_COLUMNS` (see
        :func:`sdmig.policy.benchmarks.evaluate`); empty when no scenario declares any.

    Examples
    --------
    >>> import numpy as np, pandas as pd, xarray as xr
    >>> from sdmig.policy.benchmarks import Benchmark
    >>> from sdmig.policy.scenario import Scenario
    >>> ds = xr.Dataset(
    ...     {"waiting": (("scenario", "time"), [np.linspace(100, 50, 6)])},
    ...     coords={"scenario": ["plan"],
    ...             "time": pd.date_range("2026-01-01", periods=6, freq="MS")})
    >>> plan = Scenario(name="plan",
    ...                 benchmarks=(Benchmark("halve", "waiting", "2026-06", target=60),))
    >>> frame = benchmark_report(ds, {"plan": plan}, start="2026-01")
    >>> frame[["name", "probability", "first_met"]].values.tolist()
    [['halve', 1.0, '2026-05']]
    """
    from sdmig.policy.benchmarks import EVALUATION_COLUMNS, evaluate

    frames = [
        evaluate(ds, name, scen.benchmarks, start=start, end=end)
        for name, scen in scenarios.items()
        if scen.benchmarks
    ]
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=list(EVALUATION_COLUMNS))
    )


def benchmark_table(frame: pd.DataFrame) -> str:
    """Benchmarks as Markdown: the probability across members of meeting each in time.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`benchmark_report`.

    Returns
    -------
    str
        A Markdown table, one row per benchmark, followed by the notes.

    Examples
    --------
    >>> import numpy as np, pandas as pd, xarray as xr
    >>> from sdmig.policy.benchmarks import Benchmark
    >>> from sdmig.policy.scenario import Scenario
    >>> ds = xr.Dataset(
    ...     {"waiting": (("scenario", "time"), [np.linspace(100, 50, 6)])},
    ...     coords={"scenario": ["plan"],
    ...             "time": pd.date_range("2026-01-01", periods=6, freq="MS")})
    >>> plan = Scenario(name="plan",
    ...                 benchmarks=(Benchmark("halve", "waiting", "2026-06", target=60),))
    >>> text = benchmark_table(benchmark_report(ds, {"plan": plan}, start="2026-01"))
    >>> print(text.splitlines()[2])
    | plan | halve | waiting | below 60 people | 2026-06 | 2026-01..2026-06 | 100% | 2026-05 |
    """
    return _environment().get_template("benchmarks.md.j2").render(rows=_benchmark_rows(frame))


def summary_markdown(report: ForecastReport) -> str:
    """The Markdown summary of a forecast (``summary.md``).

    Parameters
    ----------
    report : ForecastReport
        What to show (:func:`build_report`).

    Returns
    -------
    str
        The Markdown document: provenance, levers by phase, levels, comparison,
        benchmarks and limitations.

    Examples
    --------
    A forecast takes a while to run, so this one is not executed::

        results = sdmig.forecast(["baseline", "binational_phased"], end="2028-12")
        Path("summary.md").write_text(summary_markdown(results.report), encoding="utf-8")
    """
    return _environment().get_template("summary.md.j2").render(**_context(report, embed=False))


def report_html(report: ForecastReport) -> str:
    """The self-contained HTML report of a forecast (``report.html``).

    The plots of ``report.plots`` are embedded as base64 PNGs; the page loads nothing
    from the network.

    Parameters
    ----------
    report : ForecastReport
        What to show (:func:`build_report`).

    Returns
    -------
    str
        The page, one self-contained HTML document.
    """
    return _environment().get_template("report.html.j2").render(**_context(report, embed=True))


def write_outputs(
    report: ForecastReport,
    out: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    plots: Sequence[str] | None = (),
    overwrite: bool = False,
    cancelled=None,
    history=None,
) -> list[Path]:
    """Write a forecast's files into `out`, all or nothing.

    Parameters
    ----------
    report : ForecastReport
        From :func:`build_report`.
    out : str or path-like
        The output folder (checked beforehand with :func:`prepare_output`).
    formats : sequence of str
        Data files: ``nc`` (``forecast.nc``) and ``csv`` (``forecast.csv``,
        ``comparison.csv``, ``benchmarks.csv``). An ensemble is written as quantiles
        across members; ``forecast.nc`` also keeps each member's monthly totals
        (:func:`sdmig.outputs.member_totals.member_totals`) and the reporting window
        (attrs ``report_start`` and ``report_end``), so that ``ds.sdmig.compare()`` on the
        file gives the numbers of ``comparison.csv``.
    plots : sequence of str or None
        The plots to write (:data:`sdmig.outputs.plots.PLOT_KINDS`); None means every
        plot that applies.
    overwrite : bool, default False
        Replace the run already in `out`.
    cancelled : callable, optional
        Asked before the run is moved into place; True drops it
        (:func:`sdmig.outputs.folder.staged_folder`).
    history : xarray.Dataset, optional
        The history drawn in the plots; default the shipped history.

    Returns
    -------
    list of pathlib.Path
        The files written, in `out`.
    """
    from sdmig.files import atomic_write

    out = Path(out)
    reduced = reduce_members(report.ds)
    csv = {"index": False, "float_format": "%.6g", "lineterminator": "\n"}
    names: list[str] = []
    with staged_folder(out, overwrite=overwrite, cancelled=cancelled) as stage:

        def write(name: str, writer) -> None:
            atomic_write(stage / name, writer)
            names.append(name)

        if "nc" in formats:
            write("forecast.nc", lambda p: _netcdf(report, reduced, p))
        if "csv" in formats:
            from sdmig.outputs.tables import to_tidy

            write("forecast.csv", lambda p: to_tidy(reduced).to_csv(p, **csv))
            if report.comparison is not None:
                # ten significant digits: window totals run into the billions
                write(
                    "comparison.csv",
                    lambda p: report.comparison.to_csv(p, **{**csv, "float_format": "%.10g"}),
                )
            if not report.benchmarks.empty:
                write("benchmarks.csv", lambda p: report.benchmarks.to_csv(p, **csv))
        report.plots = []
        if plots is None or plots:
            from sdmig.outputs.plots import write_plots

            pngs = write_plots(
                report.ds,
                stage,
                kinds=plots,
                scenarios=report.scenarios,
                baseline=report.baseline,
                history=history,
            )
            report.plots = list(pngs)
            names += [p.name for p in pngs]
        write("summary.md", lambda p: Path(p).write_text(summary_markdown(report), "utf-8"))
        write("report.html", lambda p: Path(p).write_text(report_html(report), "utf-8"))
    report.plots = [out / p.name for p in report.plots]
    return [out / name for name in names]


def _netcdf(report: ForecastReport, reduced: xr.Dataset, path) -> None:
    """``forecast.nc``: `reduced`, each member's totals and the reporting window."""
    from sdmig.outputs.member_totals import member_totals

    totals = member_totals(report.ds)
    ds = xr.merge([reduced, totals], combine_attrs="override") if totals.data_vars else reduced
    ds.attrs = {**reduced.attrs, "report_start": report.start, "report_end": report.end}
    encoding = {v: {"zlib": True, "complevel": 4} for v in totals.data_vars}
    ds.to_netcdf(path, engine="h5netcdf", encoding=encoding)


# ===================================================================== rendering
@functools.cache
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sdmig.outputs", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = format_number
    env.filters["pct"] = lambda x: "–" if x is None or np.isnan(x) else f"{x:.0%}"
    return env


def _context(report: ForecastReport, *, embed: bool) -> dict[str, Any]:
    """Everything the templates show, from `report`."""
    from sdmig.outputs.compare import periods_of

    a = report.ds.attrs
    members = int(a.get("members", 1))
    others = [n for n in report.scenarios if n != report.baseline]
    phases = {}
    for name in others:
        phases[name] = [
            {"name": p, "from": lo, "to": hi}
            for p, (lo, hi) in periods_of(report.scenarios[name], report.start, report.end).items()
            if p != "window"
        ]
    return {
        "title": f"sdmig forecast, {report.start} to {report.end}",
        "start": report.start,
        "end": report.end,
        "baseline": report.baseline,
        "scenario_names": [str(s) for s in report.ds["scenario"].values],
        "phases": phases,
        "provenance": {
            "version": a.get("sdmig_version", __version__),
            "vintage": a.get("data_vintage", ""),
            "sha256": str(a.get("data_sha256", "")),
            "calibration": a.get("calibration_summary", ""),
            "members": members,
            "seed": a.get("seed", 0),
            "solver": a.get("solver", ""),
        },
        "comparison_md": (
            format_comparison(report.comparison)
            if report.comparison is not None and not report.comparison.empty
            else ""
        ),
        "comparison": _comparison_groups(report.comparison),
        "levels_md": format_table(report.table),
        "levels": _level_rows(report.table),
        "level_columns": [f"{label} [{units}]" for label, _v, _h, units in SUMMARY_COLUMNS],
        "benchmarks": _benchmark_rows(report.benchmarks),
        "benchmarks_md": benchmark_table(report.benchmarks) if not report.benchmarks.empty else "",
        "levers": _lever_rows(report.scenarios, report.baseline),
        "assumptions": _assumption_rows(report.calibration),
        "assumption_range": ASSUMPTION_RANGE,
        "plots": _plots(report.plots, embed=embed),
        "limitations": _limitations(),
    }


def _comparison_groups(table: pd.DataFrame | None) -> list[dict]:
    """Per scenario and period, the rows of the comparison: metric, units, numbers."""
    if table is None or table.empty:
        return []
    groups = []
    for (name, period), group in table.groupby(["scenario", "period"], sort=False):
        rows = []
        for _, r in group.iterrows():
            interval = not (
                str(r["metric"]).startswith("cost") or np.isnan(r["p10"]) or r["p10"] == r["p90"]
            )
            rows.append(
                {
                    "metric": r["metric"].replace("_", " "),
                    "key": r["metric"],
                    "units": r["units"],
                    "median": r["median"],
                    "p10": r["p10"] if interval else None,
                    "p90": r["p90"] if interval else None,
                    "change": not str(r["metric"]).startswith("cost"),
                }
            )
        groups.append(
            {
                "scenario": name,
                "period": period,
                "from": group["from"].iloc[0],
                "to": group["to"].iloc[0],
                "rows": rows,
            }
        )
    return groups


def _level_rows(table: pd.DataFrame) -> list[dict]:
    rows = []
    for index, row in table.iterrows():
        label = f"{index[0]} ({index[1]})" if isinstance(index, tuple) else str(index)
        rows.append({"label": label, "values": [float(x) for x in row]})
    return rows


def _benchmark_rows(frame: pd.DataFrame) -> list[dict]:
    rows = []
    for _, r in frame.iterrows():
        p = r["probability"]
        evaluable = not (p is None or np.isnan(p))
        rows.append(
            {
                "scenario": r["scenario"],
                "name": r["name"],
                "metric": r["metric"],
                "target": r["target"],
                "by": r["by"],
                "evaluated": r.get("evaluated", ""),
                "probability": f"{p:.0%}" if evaluable else "not evaluable",
                "first_met": (r["first_met"] or "not met") if evaluable else "–",
                "note": r.get("note", "") or "",
            }
        )
    return rows


def _lever_rows(scenarios: Mapping[str, Any], baseline: str) -> list[dict]:
    """Per scenario and phase, each lever with its timing and settings.

    A scenario other than `baseline` lists only the levers that are not the baseline's.
    """
    status_quo = set(scenarios[baseline].levers) if baseline in scenarios else set()
    out = []
    for name, scen in scenarios.items():
        phases = []
        inherited = 0
        for phase, entries in scen.by_phase().items():
            levers = []
            for label, lever in entries:
                if name != baseline and lever in status_quo:
                    inherited += 1
                    continue
                spec = type(lever).params
                settings = []
                for key, value in lever.values().items():
                    if key not in spec:
                        continue
                    p = spec[key]
                    settings.append(
                        {
                            "name": key,
                            "value": _setting(value),
                            "units": "" if p.units == "1" else p.units,
                            "allowed": f"{p.low:g} to {p.high:g}",
                        }
                    )
                levers.append({"label": label, "timing": str(lever.timing), "settings": settings})
            if levers:
                phases.append({"phase": phase or "no phase", "levers": levers})
        out.append(
            {
                "scenario": name,
                "description": scen.description or "",
                "phases": phases,
                "inherited": inherited,
            }
        )
    return out


def _setting(value) -> str:
    arr = np.asarray(value, dtype=float)
    if arr.size == 1:
        return f"{float(arr):,.6g}"
    return f"{arr.min():,.6g} to {arr.max():,.6g} across members"


def _assumption_rows(calibration) -> list[dict]:
    """The calibrated parameters the members draw: estimate and range of the draws."""
    from scipy.stats import norm

    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.model.estimable import FREE_PARAMETERS
    from sdmig.model.parameters import PARAMS_BY_NAME

    try:
        cal = calibration if calibration is not None else CalibrationResults.load()
    except CalibrationError:
        return []
    se = np.sqrt(np.diag(cal.cov_theta))
    z = norm.ppf(ASSUMPTION_RANGE[1])
    rows = []
    for p, theta, s in zip(FREE_PARAMETERS, cal.theta, se, strict=True):
        lo, hi = sorted((float(p.to_natural(theta - z * s)), float(p.to_natural(theta + z * s))))
        spec = PARAMS_BY_NAME.get(p.param) if p.param else None
        rows.append(
            {
                "name": p.name,
                "doc": spec.doc if spec else "dispersion of the negative-binomial likelihood",
                "units": spec.units if spec else "1",
                "estimate": _significant(float(p.to_natural(theta))),
                "low": _significant(lo),
                "high": _significant(hi),
            }
        )
    return rows


def _significant(x: float) -> str:
    """Four significant digits, without an exponent from 1e-3 to 1e7."""
    if x == 0 or 1e-3 <= abs(x) < 1e7:
        return f"{x:,.{max(0, 3 - int(np.floor(np.log10(abs(x) or 1.0))))}f}"
    return f"{x:.3e}"


def _plots(paths: Sequence[Path], *, embed: bool) -> list[dict]:
    from sdmig.outputs.plots import PLOT_CAPTIONS

    out = []
    for path in paths:
        path = Path(path)
        item = {"kind": path.stem, "src": path.name, "caption": PLOT_CAPTIONS.get(path.stem, "")}
        if embed:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            item["src"] = f"data:image/png;base64,{data}"
        out.append(item)
    return out


@functools.cache
def _limitations() -> tuple[str, ...]:
    """The bullet points of :data:`LIMITATIONS`, as plain text."""
    text = LIMITATIONS.read_text(encoding="utf-8")
    return tuple(m.strip() for m in re.findall(r"^- (.+)$", text, flags=re.MULTILINE))
