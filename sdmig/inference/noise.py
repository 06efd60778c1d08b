"""Noise parameters of the state-space model, estimated by the particle filter's likelihood."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize

from sdmig.inference.filter import particle_filter
from sdmig.inference.statespace import FILTER_METHOD, BorderStateSpace, NoiseParameters


def estimate_noise(
    history,
    calibration,
    *,
    end: str = "2023-09",
    n_particles: int = 1000,
    seed: int = 0,
    start: NoiseParameters | None = None,
    maxiter: int = 60,
    progress: Callable[[int, float], None] | None = None,
) -> tuple[NoiseParameters, float]:
    """Maximum-likelihood noise parameters from the particle filter's likelihood.

    The filter is run with the same seed at every evaluation (common random numbers), so
    the estimated log-likelihood is a smooth-enough function of the parameters for
    Nelder-Mead on their logarithms (the logit of those between 0 and 1, such as
    ``level_corr``, whose start at 0 or 1 becomes 0.001 or 0.999). Only
    :attr:`NoiseParameters.ESTIMATED` are fitted,
    on the observations of 2019-10..`end` (by default the structural calibration's
    window).

    Parameters
    ----------
    history : xarray.Dataset
        The observations (:func:`sdmig.data.history.load_history`).
    calibration : CalibrationResults
        The structural parameters (each particle draws its own).
    end : str, default "2023-09"
        Last month used.
    n_particles : int, default 1000
    seed : int, default 0
        The seed of every filter run (common random numbers).
    start : NoiseParameters, optional
        Start of the search, and the values of the parameters not estimated.
    maxiter : int, default 60
        Largest number of filter runs.
    progress : callable, optional
        Called as ``progress(evaluation, loglik)``.

    Returns
    -------
    (NoiseParameters, float)
        The estimate and the filter's log-likelihood there.
    """
    from sdmig.model.border import BorderModel

    start = start or NoiseParameters()
    model = BorderModel()
    state = {"i": 0}

    def negative_loglik(log_values):
        noise = start.from_unconstrained(log_values)
        ss = BorderStateSpace(
            model, history, end, noise=noise, calibration=calibration, method=FILTER_METHOD
        )
        try:
            ll = particle_filter(ss, n_particles, seed=seed).loglik
        except FloatingPointError:
            ll = -np.inf
        state["i"] += 1
        if progress is not None:
            progress(state["i"], ll)
        return -ll if np.isfinite(ll) else 1e12

    x0 = start.to_unconstrained()
    # first moves of 15 % on the log scale, 0.7 on the logit scale
    steps = [0.7 if k in start.UNIT_INTERVAL else 0.15 for k in start.ESTIMATED]
    simplex = np.vstack([x0, x0 + np.diag(steps)])
    res = minimize(
        negative_loglik,
        x0,
        method="Nelder-Mead",
        options={"maxfev": maxiter, "xatol": 0.02, "fatol": 1.0, "initial_simplex": simplex},
    )
    return start.from_unconstrained(res.x), float(-res.fun)
