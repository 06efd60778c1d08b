"""Writing a forecast: NetCDF, tidy CSV, the comparison, plots and a Markdown summary.

Every file goes to a temporary file in the output folder first and is renamed into place
(:func:`sdmig.files.atomic_write`), so a failed run leaves no half-written file. An
output folder that already holds files is refused unless ``overwrite=True``.

The summary states what a reader needs to trust or reproduce the numbers: the sdmig
version, the data vintage and its checksum, the calibration used, the seed and the number
of members, each scenario's levers by phase, and the benchmarks of the brief.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import xarray as xr

from sdmig import __version__
from sdmig.errors import ForecastError
from sdmig.files import atomic_write
from sdmig.outputs.compare import format_comparison
from sdmig.outputs.tables import format_table, reduce_members, to_tidy

FORMATS = ("nc", "csv")


def check_formats(formats: str | Sequence[str]) -> tuple[str, ...]:
    """Parse ``"nc,csv"``; an unknown format is a :class:`ForecastError`."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    items = [f.strip() for f in items if f.strip()]
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise ForecastError(
            f"--format = {','.join(items) or '(empty)'}: allowed formats are "
            f"{', '.join(FORMATS)} (comma-separated)"
        )
    return tuple(dict.fromkeys(items))


def prepare_output(out_dir: str | os.PathLike, *, overwrite: bool) -> Path:
    """Create `out_dir` (or check it) before any work is done.

    Raises
    ------
    ForecastError
        The folder holds files and `overwrite` is false, is a file, or is not writable.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ForecastError(f"--out {out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise ForecastError(
            f"output folder {out} is not empty; use --overwrite to replace its files"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ForecastError(f"cannot create output folder {out}: {exc.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ForecastError(f"output folder {out} is not writable")
    return out


def summary_markdown(
    ds: xr.Dataset,
    table: pd.DataFrame,
    comparison: pd.DataFrame | None,
    *,
    start: str,
    end: str,
    plots: Sequence[Path] = (),
    benchmarks: pd.DataFrame | None = None,
    scenarios=None,
) -> str:
    """The Markdown report of a forecast."""
    a = ds.attrs
    members = int(a.get("members", 1))
    lines = [
        f"# sdmig forecast, {start} to {end}",
        "",
        f"- sdmig version: {a.get('sdmig_version', __version__)}",
        f"- data: {a.get('data_vintage', '')} (sha256 {str(a.get('data_sha256', ''))[:16]}…)",
        f"- calibration: {a.get('calibration_summary', '')}",
        f"- scenarios: {a.get('scenarios', '')}",
        f"- members: {members}"
        + (
            f", seed {a.get('seed')}"
            if members > 1
            else " (a single run at the calibrated parameters)"
        ),
        f"- integrator: {a.get('solver', '')}",
        "",
    ]
    if comparison is not None and not comparison.empty:
        lines += [
            "## Change against the baseline",
            "",
            "Median change and, in brackets, its 80 % interval across members (the "
            "scenarios share their parameter draws, so differences are paired).",
            "",
            format_comparison(comparison),
            "",
        ]
    lines += [
        "## Levels",
        "",
        "Sums over the window and over origins and corridors; stocks at its end.",
        "",
        format_table(table),
        "",
    ]
    if benchmarks is not None and not benchmarks.empty:
        lines += ["## Benchmarks", "", benchmark_table(benchmarks), ""]
    if scenarios:
        lines += ["## Levers by phase", ""]
        for name, scen in scenarios.items():
            lines.append(f"### {name}")
            if scen.description:
                lines += ["", scen.description]
            lines.append("")
            for phase, entries in scen.by_phase().items():
                lines.append(
                    f"- {phase or 'no phase'}: "
                    + "; ".join(f"{label} ({lever.timing})" for label, lever in entries)
                )
            lines.append("")
    if plots:
        lines += ["## Plots", ""]
        lines += [f"![{p.stem}]({p.name})" for p in plots]
        lines.append("")
    return "\n".join(lines)


def benchmark_report(ds: xr.Dataset, scenarios, *, start: str) -> pd.DataFrame:
    """Every scenario's benchmarks evaluated on `ds` (empty when none declares any)."""
    from sdmig.policy.benchmarks import evaluate

    frames = [
        evaluate(ds, name, scen.benchmarks, start=start)
        for name, scen in scenarios.items()
        if scen.benchmarks
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def benchmark_table(frame: pd.DataFrame) -> str:
    """Benchmarks as Markdown: the probability across members of meeting each in time."""
    header = (
        "| scenario | benchmark | metric | target | by | probability met | first met (median) |"
    )
    lines = [header, "|---|---|---|---|---|---|---|"]
    for _, r in frame.iterrows():
        lines.append(
            f"| {r['scenario']} | {r['name']} | {r['metric']} | {r['target']} | "
            f"{r['by']} | {r['probability']:.0%} | {r['first_met'] or 'not met'} |"
        )
    return "\n".join(lines)


def write_outputs(
    ds: xr.Dataset,
    out: Path,
    *,
    table: pd.DataFrame,
    comparison: pd.DataFrame | None,
    start: str,
    end: str,
    formats: Sequence[str] = FORMATS,
    plots: Sequence[str] | None = (),
    benchmarks: pd.DataFrame | None = None,
    scenarios=None,
) -> list[Path]:
    """Write the forecast files into `out` (made by :func:`prepare_output`).

    `plots` names the plots to write; ``None`` means every plot that applies.
    """
    reduced = reduce_members(ds)
    written = []
    if "nc" in formats:
        written.append(
            atomic_write(out / "forecast.nc", lambda p: reduced.to_netcdf(p, engine="h5netcdf"))
        )
    if "csv" in formats:
        written.append(
            atomic_write(
                out / "forecast.csv",
                lambda p: to_tidy(reduced).to_csv(
                    p, index=False, float_format="%.6g", lineterminator="\n"
                ),
            )
        )
        if comparison is not None:
            written.append(
                atomic_write(
                    out / "comparison.csv",
                    lambda p: comparison.to_csv(
                        p, index=False, float_format="%.6g", lineterminator="\n"
                    ),
                )
            )
        if benchmarks is not None and not benchmarks.empty:
            written.append(
                atomic_write(
                    out / "benchmarks.csv",
                    lambda p: benchmarks.to_csv(
                        p, index=False, float_format="%.6g", lineterminator="\n"
                    ),
                )
            )
    pngs: list[Path] = []
    if plots is None or plots:
        from sdmig.outputs.plots import write_plots

        pngs = list(write_plots(ds, out, kinds=plots, scenarios=scenarios))
        written += pngs
    text = summary_markdown(
        ds,
        table,
        comparison,
        start=start,
        end=end,
        plots=pngs,
        benchmarks=benchmarks,
        scenarios=scenarios,
    )
    written.append(
        atomic_write(out / "summary.md", lambda p: Path(p).write_text(text, encoding="utf-8"))
    )
    return written
