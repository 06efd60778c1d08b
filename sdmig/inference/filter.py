"""A vectorized bootstrap particle filter with systematic resampling.

The filter is generic: it moves a population of particles held by a *state-space model*
object through time, weights them by the likelihood of each step's observations, and
resamples them when the weights grow uneven. The model object decides what a particle is
(for the border model, a member of a :class:`stockflow.Stepper` ensemble plus its latent
drivers, see :mod:`sdmig.inference.statespace`). It must provide:

``n_steps``
    Number of time steps.
``start(n, rng)``
    Draw `n` particles from the prior of the state before the first step.
``propagate(step, rng)``
    Move every particle from the end of step ``step - 1`` to the end of step ``step``
    (process noise included).
``log_likelihood(step) -> ndarray (n,)``
    ``log p(y_step | x_step)`` for each particle (0 where the step has no observation).
``resample(index)``
    Keep particle ``index[i]`` as particle ``i``.
``values(step) -> dict[str, ndarray (n, ...)]``
    What to record of each particle at the end of a step.

and optionally ``predict(step, rng) -> dict[str, ndarray (n, ...)]``: a draw of each
particle's observations at a step, recorded *before* weighting, which gives the one-step
-ahead predictive distribution.

The log-likelihood is the usual unbiased estimate of ``p(y_1..T)``:
``sum_t log sum_i W_{t-1,i} p(y_t | x_t,i)`` with ``W`` the normalized weights carried from
the previous step (uniform after a resampling).

Reference: Doucet, de Freitas and Gordon (eds.), *Sequential Monte Carlo Methods in
Practice*, Springer 2001; systematic resampling: Kitagawa (1996), J. Comput. Graph. Stat.
5(1), 1-25.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from scipy.special import logsumexp

#: Quantiles of the filtered distribution kept at every step.
FILTER_QUANTILES = (0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975)


class StateSpaceModel(Protocol):
    """What :func:`particle_filter` needs of a model (see the module docstring).

    Parameters
    ----------
    n_steps : int
        Number of time steps.
    """

    n_steps: int

    def start(self, n: int, rng: np.random.Generator) -> None:
        """Draw `n` particles from the prior.

        Parameters
        ----------
        n : int
        rng : numpy.random.Generator
        """

    def propagate(self, step: int, rng: np.random.Generator) -> None:
        """Move the particles to the end of `step`, process noise included.

        Parameters
        ----------
        step : int
        rng : numpy.random.Generator
        """

    def log_likelihood(self, step: int) -> np.ndarray:
        """Log-likelihood of the observations at `step` for each particle.

        Parameters
        ----------
        step : int

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``.
        """

    def resample(self, index: np.ndarray) -> None:
        """Keep particle ``index[i]`` as particle ``i``.

        Parameters
        ----------
        index : numpy.ndarray of int
        """

    def values(self, step: int) -> dict[str, np.ndarray]:
        """What to record of each particle at the end of `step`.

        Parameters
        ----------
        step : int

        Returns
        -------
        dict of str to numpy.ndarray
            Each of shape ``(n, ...)``.
        """


def systematic_resample(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Indices of `len(weights)` particles drawn by systematic resampling.

    One uniform number places ``n`` evenly spaced points on the cumulative weights, so
    particle ``i`` is kept ``floor(n w_i)`` or ``ceil(n w_i)`` times.

    Parameters
    ----------
    weights : ndarray (n,)
        Normalized weights (non-negative, summing to 1).
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of int (n,)
        Sorted indices.
    """
    n = len(weights)
    points = (rng.random() + np.arange(n)) / n
    cumulative = np.cumsum(weights)
    cumulative[-1] = 1.0
    return np.minimum(np.searchsorted(cumulative, points, side="right"), n - 1)


def weighted_quantiles(
    values: np.ndarray, weights: np.ndarray, quantiles: Sequence[float]
) -> np.ndarray:
    """Quantiles of weighted samples along axis 0.

    Uses the inverse of the weighted empirical distribution, interpolated between the
    midpoints of each sample's weight (with equal weights this is numpy's ``'hazen'``
    method).

    Parameters
    ----------
    values : ndarray (n, ...)
    weights : ndarray (n,)
        Normalized weights.
    quantiles : sequence of float in [0, 1]

    Returns
    -------
    ndarray (len(quantiles), ...)
    """
    flat = values.reshape(len(values), -1)
    order = np.argsort(flat, axis=0)
    sorted_values = np.take_along_axis(flat, order, axis=0)
    w = weights[order]
    mid = np.cumsum(w, axis=0) - 0.5 * w
    q = np.asarray(quantiles, dtype=float)
    # np.interp(q, mid[:, j], sorted_values[:, j]) for every column j at once: the
    # midpoints (in [0, 1]) of column j shifted by 2 j are one increasing sequence, so
    # one search counts the midpoints at or below each quantile in every column
    n, k = flat.shape
    shift = 2.0 * np.arange(k)
    keys = (mid.T + shift[:, None]).ravel()
    found = np.searchsorted(keys, (q[None, :] + shift[:, None]).ravel(), side="right")
    above = (found.reshape(k, len(q)) - n * np.arange(k)[:, None]).T  # (len(q), columns)
    hi = np.clip(above, 1, n - 1)
    lo = hi - 1
    x0, x1 = np.take_along_axis(mid, lo, axis=0), np.take_along_axis(mid, hi, axis=0)
    y0 = np.take_along_axis(sorted_values, lo, axis=0)
    y1 = np.take_along_axis(sorted_values, hi, axis=0)
    width = x1 - x0
    frac = np.divide(q[:, None] - x0, width, out=np.ones_like(width), where=width > 0)
    out = y0 + np.clip(frac, 0.0, 1.0) * (y1 - y0)
    out = np.where(above == 0, sorted_values[0], np.where(above == n, sorted_values[-1], out))
    return out.reshape((len(q), *values.shape[1:]))


@dataclass
class FilterRun:
    """What :func:`particle_filter` returns.

    Parameters
    ----------
    loglik : float
        Estimate of the log-likelihood of all observations.
    increments : ndarray (n_steps,)
        Its terms, ``log p(y_t | y_1..t-1)``.
    ess : ndarray (n_steps,)
        Effective sample size after weighting, at each step.
    resampled : ndarray of bool (n_steps,)
    mean, quantiles : dict of str to ndarray
        Filtered mean ``(n_steps, ...)`` and quantiles ``(n_steps, len(FILTER_QUANTILES),
        ...)`` of each recorded value.
    predicted : dict of str to ndarray
        One-step-ahead predictive quantiles ``(n_steps, len(FILTER_QUANTILES), ...)``
        of the model's observation draws (empty if the model has no ``predict``).
    snapshots : dict of int to Any
        What ``snapshot(step, model)`` returned at the steps asked for.
    """

    loglik: float
    increments: np.ndarray
    ess: np.ndarray
    resampled: np.ndarray
    mean: dict[str, np.ndarray]
    quantiles: dict[str, np.ndarray]
    predicted: dict[str, np.ndarray] = field(default_factory=dict)
    snapshots: dict[int, Any] = field(default_factory=dict)


def particle_filter(
    model: StateSpaceModel,
    n_particles: int,
    *,
    seed: int | np.random.SeedSequence | None = 0,
    resample_threshold: float = 0.5,
    quantiles: Sequence[float] = FILTER_QUANTILES,
    snapshot_steps: Sequence[int] = (),
    snapshot: Callable[[int, Any], Any] | None = None,
) -> FilterRun:
    """Run a bootstrap particle filter over `model`'s steps.

    Parameters
    ----------
    model : StateSpaceModel
    n_particles : int
    seed : int or SeedSequence, default 0
        The same seed gives the same run (common random numbers across noise parameters).
    resample_threshold : float, default 0.5
        Resample when the effective sample size falls below this fraction of the
        particles (1 resamples at every step).
    quantiles : sequence of float
        Quantiles of the filtered distribution to record.
    snapshot_steps : sequence of int
        Steps after which ``snapshot(step, model)`` is called (after resampling, so that
        the particles are equally weighted); its results are kept in ``snapshots``.
    snapshot : callable, optional

    Returns
    -------
    FilterRun
    """
    if n_particles < 2:
        raise ValueError(f"need at least 2 particles, got {n_particles}")
    rng = np.random.default_rng(seed)
    n = int(n_particles)
    model.start(n, rng)
    log_w = np.full(n, -np.log(n))
    steps = model.n_steps
    increments, ess = np.zeros(steps), np.zeros(steps)
    resampled = np.zeros(steps, dtype=bool)
    mean: dict[str, list] = {}
    quants: dict[str, list] = {}
    predicted: dict[str, list] = {}
    snapshots: dict[int, Any] = {}
    wanted = set(int(s) for s in snapshot_steps)
    predict = getattr(model, "predict", None)
    for step in range(steps):
        model.propagate(step, rng)
        w_prior = np.exp(log_w - logsumexp(log_w))
        if predict is not None:
            for name, draw in predict(step, rng).items():
                predicted.setdefault(name, []).append(weighted_quantiles(draw, w_prior, quantiles))
        ll = model.log_likelihood(step)
        ll = np.where(np.isfinite(ll), ll, -np.inf)
        joint = log_w + ll
        increments[step] = logsumexp(joint)
        if not np.isfinite(increments[step]):
            raise FloatingPointError(f"every particle has zero likelihood at step {step}")
        log_w = joint - increments[step]
        w = np.exp(log_w)
        ess[step] = 1.0 / np.sum(w**2)
        if ess[step] < resample_threshold * n or step in wanted:
            index = systematic_resample(w, rng)
            model.resample(index)
            log_w = np.full(n, -np.log(n))
            w = np.full(n, 1.0 / n)
            resampled[step] = True
        for name, value in model.values(step).items():
            value = np.asarray(value, dtype=float)
            mean.setdefault(name, []).append(np.tensordot(w, value, axes=1))
            quants.setdefault(name, []).append(weighted_quantiles(value, w, quantiles))
        if step in wanted and snapshot is not None:
            snapshots[step] = snapshot(step, model)
    return FilterRun(
        loglik=float(increments.sum()),
        increments=increments,
        ess=ess,
        resampled=resampled,
        mean={k: np.stack(v) for k, v in mean.items()},
        quantiles={k: np.stack(v) for k, v in quants.items()},
        predicted={k: np.stack(v) for k, v in predicted.items()},
        snapshots=snapshots,
    )
