"""Sensitivity results for reading: the ranked table, its text form and a bar chart."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.files import atomic_write
from sdmig.run.factors import describe_range


def ranked_table(ds: xr.Dataset, outcome: str | None = None) -> pd.DataFrame:
    """Factors ranked by ``ST`` (Sobol) or ``mu_star`` (Morris), most influential first.

    Parameters
    ----------
    ds : xarray.Dataset
        The result of :func:`sdmig.run.sensitivity.sensitivity`.
    outcome : str, optional
        One outcome; default every outcome, stacked.

    Returns
    -------
    pandas.DataFrame
        Indexed by factor, with columns ``outcome``, ``rank``, ``range`` and the indices.
    """
    method = ds.attrs.get("method", "sobol" if "ST" in ds else "morris")
    key = "ST" if method == "sobol" else "mu_star"
    if method == "sobol":
        cols = ["S1", "S1_conf", "ST", "ST_conf"]
    else:
        cols = ["mu_star", "mu_star_conf", "mu", "sigma"]
    names = [outcome] if outcome is not None else [str(o) for o in ds["outcome"].values]
    frames = []
    for name in names:
        sub = ds.sel(outcome=name)
        df = pd.DataFrame({c: sub[c].values for c in cols}, index=sub["factor"].values)
        ranges = zip(
            sub["kind"].values, sub["low"].values, sub["high"].values, sub["units"].values,
            strict=True,
        )  # fmt: skip
        df.insert(0, "range", [describe_range(*r) for r in ranges])
        df = df.sort_values(key, ascending=False, kind="stable")
        df.insert(0, "rank", np.arange(1, len(df) + 1))
        df.insert(0, "outcome", name)
        df.index.name = "factor"
        frames.append(df)
    return pd.concat(frames)


def format_ranked(ds: xr.Dataset) -> str:
    """The ranked tables of every outcome, as Markdown.

    Parameters
    ----------
    ds : xarray.Dataset
        The result of :func:`sdmig.run.sensitivity.sensitivity`.

    Returns
    -------
    str
        One Markdown table per outcome, indices with their confidence intervals.
    """
    method = ds.attrs.get("method", "sobol")
    blocks = []
    for name in (str(o) for o in ds["outcome"].values):
        table = ranked_table(ds, name)
        how = ""
        if "outcome_how" in ds.coords:
            how = ds["outcome_how"].sel(outcome=name).item()
            how = " (sum over the window)" if how == "sum" else " (at the end)"
        if method == "sobol":
            header = ["rank", "factor", "range", "S1", "ST"]
            rows = [
                [str(r["rank"]), f, r["range"], _pm(r["S1"], r["S1_conf"]),
                 _pm(r["ST"], r["ST_conf"])]
                for f, r in table.iterrows()
            ]  # fmt: skip
        else:
            header = ["rank", "factor", "range", "mu*", "sigma"]
            rows = [
                [str(r["rank"]), f, r["range"], f"{_num(r['mu_star'])} ± "
                 f"{_num(r['mu_star_conf'])}", _num(r["sigma"])]
                for f, r in table.iterrows()
            ]  # fmt: skip
        lines = [f"{name}{how}", "", "| " + " | ".join(header) + " |", "|" + "---|" * 5]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _num(x: float) -> str:
    return f"{x:,.3g}" if abs(x) < 1e5 else f"{x:,.0f}"


def _pm(x: float, half: float) -> str:
    return f"{x:.3f} ± {half:.3f}"


def plot_indices(ds: xr.Dataset, path: str | os.PathLike) -> Path:
    """A bar chart of the indices, one panel per outcome, factors ranked; written as PNG.

    Sobol: ``S1`` and ``ST`` side by side with their confidence intervals; Morris:
    ``mu_star`` with its interval. Uses matplotlib's Agg canvas (no display, no global
    backend change) and writes to a temporary file first, then renames it.

    Parameters
    ----------
    ds : xarray.Dataset
        The result of :func:`sdmig.run.sensitivity.sensitivity`.
    path : str or path-like
        The PNG file to write.

    Returns
    -------
    pathlib.Path
        `path`.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    method = ds.attrs.get("method", "sobol")
    names = [str(o) for o in ds["outcome"].values]
    n_factors = ds.sizes["factor"]
    fig = Figure(figsize=(7.5, 0.9 + (0.32 * n_factors + 0.8) * len(names)))
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(names), 1, squeeze=False)[:, 0]
    for ax, name in zip(axes, names, strict=True):
        table = ranked_table(ds, name).iloc[::-1]
        y = np.arange(len(table))
        if method == "sobol":
            ax.barh(y + 0.2, table["S1"], 0.4, xerr=table["S1_conf"], label="first order S1",
                    color="#4C72B0", capsize=2)  # fmt: skip
            ax.barh(y - 0.2, table["ST"], 0.4, xerr=table["ST_conf"], label="total ST",
                    color="#DD8452", capsize=2)  # fmt: skip
            ax.set_xlabel("Sobol index")
            ax.axvline(0, color="black", lw=0.6)
        else:
            ax.barh(y, table["mu_star"], 0.6, xerr=table["mu_star_conf"], color="#4C72B0",
                    capsize=2, label="mu*")  # fmt: skip
            units = ""
            if "outcome_units" in ds.coords:
                units = f" [{ds['outcome_units'].sel(outcome=name).item()}]"
            ax.set_xlabel(f"mean absolute elementary effect mu*{units}")
        ax.set_yticks(y)
        ax.set_yticklabels(table.index, fontsize=8)
        ax.set_title(name, fontsize=10, loc="left")
        ax.legend(fontsize=8, loc="lower right")
    title = "Sobol indices" if method == "sobol" else "Morris screening"
    if ds.attrs.get("scenario"):
        title += f", scenario {ds.attrs['scenario']}"
    if ds.attrs.get("window"):
        title += f", {ds.attrs['window']}"
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=120))
