"""Provenance of a run: the data, the calibration and the scenarios it used."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sdmig.errors import CalibrationError, ScenarioError


def provenance(
    scenarios: Sequence,
    *,
    members: int,
    seed: int,
    calibration=None,
    calibration_source: str | None = None,
    history=None,
) -> dict[str, object]:
    """Attrs that say where a forecast's numbers come from (strings and numbers only).

    Parameters
    ----------
    scenarios : sequence of Scenario
        The scenarios that were run; each is recorded as its TOML text.
    members, seed : int
        The ensemble size and seed of the run.
    calibration : CalibrationResults, optional
        The calibration the run used; default: the package's saved calibration.
    calibration_source : str, optional
        Where `calibration` was read from (a file name), for the summary.
    history : xarray.Dataset or path, optional
        The history the run is based on (a Dataset from
        :func:`sdmig.data.history.load_history`, or what it reads); default: the shipped one.

    Returns
    -------
    dict
        ``data_vintage``, ``data_sha256``, ``members``, ``seed``, ``calibration`` (JSON),
        ``calibration_summary`` and ``scenario_files``.
    """
    from sdmig.data.history import load_history
    from sdmig.inference.calibrate import CalibrationResults

    if not hasattr(history, "attrs"):
        history = load_history(history)
    attrs: dict[str, object] = {
        "data_vintage": str(history.attrs.get("vintage", "")),
        "data_sha256": str(history.attrs.get("sha256", "")),
        "members": int(members),
        "seed": int(seed),
    }
    try:
        cal = calibration if calibration is not None else CalibrationResults.load()
        attrs["calibration"] = json.dumps(
            {
                "params": cal.params.to_dict(),
                "llf": cal.llf,
                "data_sha256": cal.data_checksum,
                "fit_window": list(cal.window),
                "sdmig_version": cal.version,
            }
        )
        where = (
            "sdmig/data/calibration.json"
            if calibration is None
            else calibration_source or "a calibration passed in"
        )
        attrs["calibration_summary"] = (
            f"{where} (fit window {cal.window[0]}..{cal.window[1]}, sdmig {cal.version}, "
            f"log-likelihood {cal.llf:.1f}, {cal.k_params} free parameters)"
        )
    except CalibrationError as exc:  # a missing calibration is reported, not fatal
        attrs["calibration_summary"] = f"none ({exc})"
    texts = []
    for scen in scenarios:
        try:
            texts.append(f"# --- {scen.name} ---\n{scen.to_toml()}")
        except ScenarioError:  # timings in model months cannot be written as a file
            texts.append(f"# --- {scen.name} --- (timings in model months; not shown)")
    attrs["scenario_files"] = "\n".join(texts)
    return attrs
