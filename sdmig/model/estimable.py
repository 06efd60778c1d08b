"""Which model parameters the calibration estimates, and the saved estimates.

This is the model's side of calibration: the free parameters, the scale each is estimated
on, and how a saved calibration file becomes model parameter arrays.
:mod:`sdmig.inference.calibrate` estimates them; :class:`sdmig.model.border.BorderModel`
starts from the saved estimates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
from scipy.special import expit, logit

from sdmig.errors import CalibrationError
from sdmig.model.parameters import CORRIDORS, ORIGINS, default_parameters

#: File name of the package's saved calibration in ``sdmig/data``.
DEFAULT_CALIBRATION = "calibration.json"


@dataclass(frozen=True)
class FreeParameter:
    """A quantity the likelihood estimates.

    Parameters
    ----------
    name : str
        Its name in results, e.g. ``"base_departures[MEX]"``.
    param : str or None
        The model parameter it sets; None for a dispersion of the likelihood.
    index : tuple of int
        The element of `param` it sets (empty for a scalar).
    transform : {"log", "logit"}
        The scale it is estimated on: ``log`` for a positive value, ``logit`` for one
        between `low` and `high`.
    low, high : float
        The bounds of a ``logit`` parameter.
    """

    name: str
    param: str | None
    index: tuple[int, ...]
    transform: str
    low: float = 0.0
    high: float = np.inf

    def to_natural(self, theta):
        """The value on the model's scale of `theta`, given on the estimation scale.

        Parameters
        ----------
        theta : float or numpy.ndarray

        Returns
        -------
        float or numpy.ndarray
        """
        if self.transform == "log":
            return np.exp(theta)
        return self.low + (self.high - self.low) * expit(theta)

    def to_theta(self, value):
        """The estimation-scale value of `value`, given on the model's scale.

        Parameters
        ----------
        value : float or numpy.ndarray

        Returns
        -------
        float or numpy.ndarray
        """
        if self.transform == "log":
            return np.log(value)
        return logit((np.asarray(value) - self.low) / (self.high - self.low))


def _free_parameters() -> tuple[FreeParameter, ...]:
    out = []
    for i, g in enumerate(ORIGINS):
        out.append(FreeParameter(f"base_departures[{g}]", "base_departures", (i,), "log"))
    out.append(FreeParameter("season_amplitude", "season_amplitude", (), "logit", 0.0, 0.9))
    out.append(FreeParameter("season_peak", "season_peak", (), "logit", 0.0, 12.0))
    for j, c in enumerate(CORRIDORS[1:], start=1):
        out.append(
            FreeParameter(f"corridor_shift[{c}]", "corridor_shift", (j,), "logit", -8.0, 8.0)
        )
    out.append(FreeParameter("case_share", "case_share", (), "logit", 0.0, 1.0))
    out.append(FreeParameter("interior_receipts", "interior_receipts", (), "log"))
    out.append(FreeParameter("alpha_encounters", None, (), "log"))
    out.append(FreeParameter("alpha_court", None, (), "log"))
    return tuple(out)


#: The estimated quantities, in order.
FREE_PARAMETERS: tuple[FreeParameter, ...] = _free_parameters()
FREE_NAMES = tuple(p.name for p in FREE_PARAMETERS)


def params_from_estimates(estimates: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Model parameter arrays holding the estimated values (dispersions left out).

    Parameters
    ----------
    estimates : mapping
        Natural-scale estimates by free-parameter name (:data:`FREE_NAMES`).

    Returns
    -------
    dict of str to numpy.ndarray
        Each estimated model parameter, with its other elements at their defaults.
    """
    base = default_parameters()
    out: dict[str, np.ndarray] = {}
    for p in FREE_PARAMETERS:
        if p.param is None or p.name not in estimates:
            continue
        out.setdefault(p.param, base[p.param].copy())[p.index] = estimates[p.name]
    return out


def calibrated_params(path: str | os.PathLike | None = None) -> dict[str, np.ndarray]:
    """Parameter values of a saved calibration (default: the package's; empty if none).

    Parameters
    ----------
    path : str or path-like, optional
        A calibration file written by :meth:`CalibrationResults.save
        <sdmig.inference.calibrate.CalibrationResults.save>`.

    Returns
    -------
    dict of str to numpy.ndarray
        The estimated model parameters, with the economic-driver knots derived for the
        calibration's window when it has them; an empty dict when the package has no
        saved calibration.

    Raises
    ------
    CalibrationError
        When the file cannot be read or was made for other free parameters.
    """
    source = files("sdmig.data") / DEFAULT_CALIBRATION if path is None else Path(path)
    if path is None and not source.is_file():
        return {}
    try:
        saved = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CalibrationError(
            f"cannot read calibration {path or DEFAULT_CALIBRATION}: {exc}"
        ) from None
    if saved.get("names") != list(FREE_NAMES):
        raise CalibrationError(
            f"calibration {path or DEFAULT_CALIBRATION} was made for other free parameters; "
            "run 'sdmig calibrate' again"
        )
    out = params_from_estimates(saved["params"])
    knots = (saved.get("driver_knots") or {}).get("economic_driver")
    if knots is not None:
        out["economic_driver"] = np.asarray(knots, dtype=float)
    return out
