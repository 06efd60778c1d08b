"""The economic-driver knots, derived from the encounters up to a given month.

The open-loop model (``sdmig forecast --origin open-loop``, the scenario runs from 2019-10
and the structural calibration) moves the level of departures by an economic driver per
origin group: values at the knot dates of :data:`sdmig.model.parameters.KNOTS`, linear
between them and held after the last one. This module derives those values from data, and
only from the months up to `end`:

- the value at the first knot (2019-10) is 1;
- each later knot dated in or before `end` is estimated;
- a knot dated after `end` takes the value of the last estimated knot (no value is fitted
  on months the data do not cover, and the curve stays flat after them);

by least squares on the log of the monthly encounters by origin group (2019-10..`end`)
against the model's means under the historical levers (``baseline`` scenario), with the
other parameters held, plus a roughness penalty: ``smoothing`` times the second
differences of the log knot values (the first knot's log is 0). The driver reaches
departures through the push factors' adjustment (``push_time``, 6 months for the economic
factor), so neighbouring knots trade off against each other; without the penalty the fit
to 2023-09 zigzags between 0.01 and 112. The knot values are estimated on a log scale; the Jacobian is a
forward difference computed as one ensemble run (the point plus one member per knot).

:func:`sdmig.inference.calibrate.calibrate` derives them for its window before the
maximum-likelihood fit and saves them with the estimates, so a calibration uses no value
fitted after its window's end. The state-space model (filter, nowcasts, forecasts from the
filtered state, backtests) does not use them at all: it holds the driver at 1 and lets a
latent state carry the level.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from sdmig.errors import CalibrationError
from sdmig.model.parameters import ENSEMBLE_DT, KNOTS, ORIGINS, START
from sdmig.model.runner import run_model

#: Step of the forward differences on the log knot values.
FD_STEP = 1e-3
#: Weight of the second differences of the log knot values in the least squares.
SMOOTHING = 1.0
#: Knot values are kept inside this range (the parameter's documented bounds are 0..1000).
KNOT_BOUNDS = (1e-2, 1e3)


def fitted_knots(end: str) -> tuple[str, ...]:
    """The knot dates estimated from data up to `end`: every knot after the first, up to it.

    Parameters
    ----------
    end : str
        Last month of data, ``YYYY-MM``.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> fitted_knots("2021-03")
    ('2020-07', '2021-01')
    """
    last = pd.Period(end, freq="M")
    return tuple(k for k in KNOTS[1:] if pd.Period(k, freq="M") <= last)


def expand_knots(values: np.ndarray, end: str) -> np.ndarray:
    """The full ``(origin, knot)`` driver from the estimated knots' values.

    Parameters
    ----------
    values : numpy.ndarray
        Shape ``(..., len(ORIGINS), len(fitted_knots(end)))``.
    end : str
        Last month of data.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., len(ORIGINS), len(KNOTS))``: 1 at the first knot, `values` at the
        estimated ones, the last estimated value at the knots after `end`.
    """
    values = np.asarray(values, dtype=float)
    k = len(fitted_knots(end))
    out = np.ones((*values.shape[:-1], len(KNOTS)))
    out[..., 1 : 1 + k] = values
    if k:
        out[..., 1 + k :] = values[..., -1:]
    return out


def fit_driver_knots(
    history,
    end: str,
    *,
    model=None,
    scenario=None,
    max_nfev: int = 40,
    smoothing: float = SMOOTHING,
) -> np.ndarray:
    """Economic-driver knot values estimated on the encounters of 2019-10..`end`.

    Parameters
    ----------
    history : xarray.Dataset
        From :func:`sdmig.data.history.load_history`; months after `end` are not read.
    end : str
        Last month used, ``YYYY-MM``; at least 2020-07 (the first knot estimated).
    model : BorderModel, optional
        Supplies every other parameter; default the model with the values of
        :mod:`sdmig.model.parameters`.
    scenario : Scenario, optional
        The historical levers; default the built-in ``baseline``.
    max_nfev : int, default 40
        Largest number of ensemble runs.
    smoothing : float, default 1.0
        Weight of the second differences of the log knot values.

    Returns
    -------
    numpy.ndarray
        The ``economic_driver`` parameter, shape ``(len(ORIGINS), len(KNOTS))``.

    Raises
    ------
    CalibrationError
        When `end` leaves no knot to estimate or the history lacks encounters by origin
        for a month of 2019-10..`end`.

    Examples
    --------
    >>> from sdmig.data.history import load_history
    >>> knots = fit_driver_knots(load_history(), "2020-09")
    >>> knots.shape, float(knots[0, 0])
    ((3, 9), 1.0)
    """
    from sdmig.model.border import BorderModel
    from sdmig.policy.scenario import load_scenario

    estimated = fitted_knots(end)
    if not estimated:
        raise CalibrationError(
            f"driver knots: end = {end} leaves no knot to estimate; the first is {KNOTS[1]}"
        )
    months = pd.period_range(START, end, freq="M")
    times = pd.DatetimeIndex(months.to_timestamp())
    if "encounters_by_origin" not in history:
        raise CalibrationError("driver knots: the history has no encounters_by_origin")
    obs = history["encounters_by_origin"].reindex(time=times).sel(origin=list(ORIGINS))
    obs = obs.transpose("origin", "time").values.astype(float)
    if not np.all(np.isfinite(obs) & (obs > 0)):
        raise CalibrationError(
            f"driver knots: encounters by origin must be positive in every month {START}..{end}"
        )
    log_obs = np.log(obs).ravel()
    model = model or BorderModel(use_calibration=False)
    scenario = scenario or load_scenario("baseline")
    bound = scenario.bind(model.stockflow_model)  # once: the kernel is built once
    base = model.params
    shape = (len(ORIGINS), len(estimated))
    n_free = shape[0] * shape[1]
    cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def log_means(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        key = x.tobytes()
        if key not in cache:
            xs = np.repeat(x[None], n_free + 1, axis=0)
            xs[np.arange(1, n_free + 1), np.arange(n_free)] += FD_STEP
            driver = expand_knots(np.exp(xs).reshape(-1, *shape), end)
            params = {
                k: np.repeat(np.asarray(v)[None], n_free + 1, axis=0)
                for k, v in base.items()
                if k != "economic_driver"
            }
            params["economic_driver"] = driver
            ds = run_model(
                model.compiled,
                end,
                bound=bound,
                params=params,
                method="rk4",
                dt=ENSEMBLE_DT,
                variables=["encounters"],
            )
            enc = ds["encounters"].sum("corridor").transpose("member", "origin", "time").values
            mu = np.log(np.maximum(enc, 1e-6)).reshape(n_free + 1, -1)
            cache.clear()
            cache[key] = (mu[0], ((mu[1:] - mu[0]) / FD_STEP).T)
        return cache[key]

    def penalty(x: np.ndarray) -> np.ndarray:
        logs = np.concatenate([np.zeros((shape[0], 1)), x.reshape(shape)], axis=1)
        return smoothing * np.diff(logs, n=2, axis=1).ravel()

    # the penalty is linear in x: its Jacobian is the matrix of that map
    eye = np.eye(n_free)
    penalty_jac = np.stack([penalty(e) - penalty(np.zeros(n_free)) for e in eye], axis=1)

    x0 = np.log(np.clip(base["economic_driver"][:, 1 : 1 + shape[1]], *KNOT_BOUNDS)).ravel()
    lo, hi = np.log(KNOT_BOUNDS)
    res = least_squares(
        lambda x: np.concatenate([log_means(x)[0] - log_obs, penalty(x)]),
        np.clip(x0, lo + 1e-9, hi - 1e-9),
        jac=lambda x: np.vstack([log_means(x)[1], penalty_jac]),
        bounds=(lo, hi),
        method="trf",
        max_nfev=max_nfev,
        x_scale=1.0,
    )
    return expand_knots(np.exp(res.x).reshape(shape), end)
