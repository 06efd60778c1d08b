"""Global sensitivity: which parameters, lever intensities and lever timings drive outcomes.

:func:`sensitivity` samples *factors* with SALib, runs every sample as one member of a
vectorized ensemble (:func:`sdmig.run.ensemble.member_outcomes`, in this process or on a Dask
cluster), and returns Sobol indices (first order ``S1`` and total ``ST``, with bootstrap
confidence intervals) or Morris screening measures (``mu_star``, ``sigma``) for each
outcome. :func:`analyze` does the same for any vectorized function ``f(X) -> Y``, which is
how the method is checked against functions whose indices are known.

Factors (:mod:`sdmig.run.factors`) are uncertain inputs with uniform ranges: parameters,
lever settings and lever timings. Lever values and timings vary by member through
``Scenario.bind(member_values=...)``, so all samples run in one vectorized integration per
chunk. :mod:`sdmig.outputs.sensitivity` ranks and draws the results.

Methods
-------
- ``"sobol"``: Saltelli's scheme on a scrambled Sobol' sequence (``SALib.sample.sobol``,
  no second-order terms): ``n_base * (k + 2)`` runs for `k` factors;
  ``SALib.analyze.sobol`` estimates ``S1`` and ``ST`` and bootstraps their confidence
  intervals. `n_base` must be a power of 2.
- ``"morris"``: elementary effects on `n_base` trajectories (``SALib.sample.morris``,
  ``num_levels`` levels): ``n_base * (k + 1)`` runs, cheap enough to screen many
  factors; ``mu_star`` ranks them, ``sigma`` flags interactions and nonlinearity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from sdmig.errors import ForecastError, SensitivityError
from sdmig.model.parameters import ENSEMBLE_DT
from sdmig.run.ensemble import DEFAULT_OUTCOMES, DEFAULT_WINDOW, member_outcomes
from sdmig.run.factors import (
    KINDS,
    Factor,
    default_factors,
    factor_values,
    make_factor,
)

__all__ = [
    "KINDS",
    "METHODS",
    "Factor",
    "SensitivityError",
    "analyze",
    "default_factors",
    "factor_values",
    "make_factor",
    "sample",
    "sensitivity",
]

#: Sensitivity methods.
METHODS = ("sobol", "morris")


def _problem(factors: Sequence[Factor]) -> dict[str, Any]:
    names = [f.name for f in factors]
    if not factors:
        raise SensitivityError("a sensitivity analysis needs at least one factor")
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise SensitivityError(f"factors must be distinct; repeated: {', '.join(dup)}")
    return {
        "num_vars": len(factors),
        "names": names,
        "bounds": [list(f.sample_bounds) for f in factors],
    }


def _check_n(method: str, n_base: Any) -> int:
    if method not in METHODS:
        raise SensitivityError(f"`method` must be one of {METHODS}, got {method!r}")
    if isinstance(n_base, bool) or not isinstance(n_base, int | np.integer) or n_base < 2:
        raise SensitivityError(f"`n_base` must be an integer of 2 or more, got {n_base!r}")
    if method == "sobol" and n_base & (n_base - 1):
        below = 1 << (int(n_base).bit_length() - 1)
        raise SensitivityError(
            f"`n_base` = {n_base} must be a power of 2 for Sobol' sampling (e.g. {below} or "
            f"{2 * below})"
        )
    return int(n_base)


def _seed(seed: int, stream: int) -> int:
    """A non-zero seed for SALib, one stream for the sample and one for the bootstrap
    (``SALib.analyze.sobol`` ignores a seed of 0 and would bootstrap at random)."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SensitivityError(f"`seed` must be a non-negative integer, got {seed!r}")
    return int(np.random.SeedSequence([int(seed), stream]).generate_state(1)[0]) | 1


def sample(
    factors: Sequence[Factor],
    *,
    method: str = "sobol",
    n_base: int = 1024,
    num_levels: int = 4,
    seed: int = 0,
) -> np.ndarray:
    """SALib's sample matrix for `factors`: ``n_base * (k + 2)`` rows (Sobol) or
    ``n_base * (k + 1)`` (Morris), one column per factor.

    Parameters
    ----------
    factors : sequence of Factor
        The uncertain inputs.
    method : {"sobol", "morris"}, default "sobol"
    n_base : int, default 1024
        Base sample size; a power of 2 for Sobol.
    num_levels : int, default 4
        Levels of the Morris grid.
    seed : int, default 0
        Seed of the sample; the same seed gives the same matrix.

    Returns
    -------
    numpy.ndarray
        The sample, one row per run.

    Raises
    ------
    SensitivityError
        No factors, repeated factors, an unknown method, or a bad `n_base`.
    """
    problem = _problem(factors)
    n_base = _check_n(method, n_base)
    if method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(problem, n_base, calc_second_order=False, seed=_seed(seed, 0))
    from SALib.sample import morris

    return morris.sample(problem, n_base, num_levels=num_levels, seed=_seed(seed, 0))


def analyze(
    func: Callable[[np.ndarray], np.ndarray],
    factors: Sequence[Factor],
    *,
    outcomes: Sequence[str] = ("y",),
    method: str = "sobol",
    n_base: int = 1024,
    num_levels: int = 4,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    seed: int = 0,
) -> xr.Dataset:
    """Sensitivity indices of a vectorized function: ``func(X) -> Y``.

    Parameters
    ----------
    func : callable
        Takes the sample matrix ``X`` (n, k) and returns ``Y`` of shape (n,) or
        (n, len(outcomes)).
    factors : sequence of Factor
    outcomes : sequence of str
        Names of the columns of ``Y``.
    method : {'sobol', 'morris'}
    n_base : int, default 1024
        Base samples (Sobol; a power of 2) or trajectories (Morris).
    num_levels : int, default 4
        Levels of the Morris grid.
    conf_level : float, default 0.95
        Confidence level of the bootstrap intervals.
    num_resamples : int, default 200
        Bootstrap resamples.
    seed : int, default 0
        Seeds the sampling and the bootstrap.

    Returns
    -------
    xarray.Dataset
        Dims ``outcome`` and ``factor``. Sobol: ``S1``, ``S1_conf``, ``ST``, ``ST_conf``
        (the ``_conf`` are half-widths of the `conf_level` intervals). Morris: ``mu``,
        ``mu_star``, ``mu_star_conf``, ``sigma``. Coordinates ``kind``, ``low``,
        ``high`` and ``units`` per factor.

    Examples
    --------
    >>> f = [Factor("a", "parameter", 0, 1), Factor("b", "parameter", 0, 1)]
    >>> ds = analyze(lambda X: X[:, 0] + 2 * X[:, 1], f, n_base=256)
    >>> ds["ST"].sel(outcome="y").round(1).values.tolist()
    [0.2, 0.8]
    """
    X = sample(factors, method=method, n_base=n_base, num_levels=num_levels, seed=seed)
    Y = np.asarray(func(X), dtype=float)
    return _indices(
        factors, X, Y, outcomes, method, n_base, num_levels, conf_level, num_resamples, seed
    )


def _indices(
    factors, X, Y, outcomes, method, n_base, num_levels, conf_level, num_resamples, seed
) -> xr.Dataset:
    problem = _problem(factors)
    outcomes = list(outcomes)
    if Y.ndim == 1:
        Y = Y[:, None]
    if Y.shape != (X.shape[0], len(outcomes)):
        raise SensitivityError(
            f"outputs of shape {Y.shape} do not fit {X.shape[0]} runs x {len(outcomes)} outcomes"
        )
    bad = [o for k, o in enumerate(outcomes) if not np.isfinite(Y[:, k]).all()]
    if bad:
        raise SensitivityError(f"outcome {bad[0]!r} is not finite for some runs")
    rows = []
    if method == "sobol":
        from SALib.analyze import sobol

        keys = ("S1", "S1_conf", "ST", "ST_conf")
        for k in range(len(outcomes)):
            res = sobol.analyze(
                problem,
                Y[:, k],
                calc_second_order=False,
                conf_level=conf_level,
                num_resamples=num_resamples,
                seed=_seed(seed, 1),
            )
            rows.append([np.asarray(res[key], dtype=float) for key in keys])
    else:
        from SALib.analyze import morris

        keys = ("mu", "mu_star", "mu_star_conf", "sigma")
        for k in range(len(outcomes)):
            res = morris.analyze(
                problem,
                X,
                Y[:, k],
                num_levels=num_levels,
                conf_level=conf_level,
                num_resamples=num_resamples,
                seed=_seed(seed, 1),
            )
            rows.append([np.asarray(res[key], dtype=float) for key in keys])
    data = {
        key: (("outcome", "factor"), np.stack([row[i] for row in rows]))
        for i, key in enumerate(keys)
    }
    ds = xr.Dataset(
        data,
        coords={
            "outcome": outcomes,
            "factor": [f.name for f in factors],
            "kind": ("factor", [f.kind for f in factors]),
            "low": ("factor", [f.low for f in factors]),
            "high": ("factor", [f.high for f in factors]),
            "units": ("factor", [f.units for f in factors]),
        },
    )
    long_names = {
        "S1": "first-order Sobol index",
        "ST": "total Sobol index",
        "mu": "mean elementary effect",
        "mu_star": "mean absolute elementary effect (Morris)",
        "sigma": "standard deviation of the elementary effects",
    }
    for key in keys:
        text = long_names[key.removesuffix("_conf")]
        if key.endswith("_conf"):
            text = f"half-width of the {conf_level:.0%} confidence interval of the {text}"
        ds[key].attrs["long_name"] = text
    ds.attrs.update(
        method=method,
        n_base=int(n_base),
        n_runs=int(X.shape[0]),
        conf_level=float(conf_level),
        num_resamples=int(num_resamples),
        seed=int(seed),
    )
    if method == "morris":
        ds.attrs["num_levels"] = int(num_levels)
    return ds


def sensitivity(
    model,
    scenario,
    factors: Sequence[Factor | str] | None = None,
    outcomes: Sequence[str] = DEFAULT_OUTCOMES,
    *,
    method: str = "sobol",
    n_base: int = 1024,
    window: tuple[str, str] = DEFAULT_WINDOW,
    solver: str = "rk4",
    dt: float = ENSEMBLE_DT,
    chunk_size: int = 2048,
    num_levels: int = 4,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    client=None,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> xr.Dataset:
    """Sobol indices or Morris measures of `outcomes` to `factors` under `scenario`.

    Parameters
    ----------
    model : BorderModel or None
        None: ``BorderModel()``.
    scenario : Scenario, str or None
        A scenario, a built-in scenario's name or a file.
    factors : sequence of Factor or str, optional
        Factors, or their names with default ranges (:func:`make_factor`); default:
        :func:`default_factors`.
    outcomes : sequence of str, default ("encounters", "deaths", "court_backlog")
        Model variables totalled over origins and corridors: rates summed over `window`,
        stocks at its last month (:func:`sdmig.run.ensemble.outcome`).
    method : {'sobol', 'morris'}, default 'sobol'
    n_base : int, default 1024
        Sobol: base samples, a power of 2 (``n_base * (k + 2)`` runs). Morris:
        trajectories (``n_base * (k + 1)`` runs).
    window : (str, str), default ("2026-07", "2028-12")
    solver : {'rk4', 'euler'}, default 'rk4'
    dt : float, default 0.25
        Integrator and step [months] of the runs.
    chunk_size : int, default 2048
        Runs per vectorized integration (and per Dask task).
    num_levels, conf_level, num_resamples
        See :func:`analyze`.
    client : distributed.Client, optional
        Run the chunks on this Dask cluster.
    seed : int, default 0
        Seeds the sample and the bootstrap; the runs themselves are deterministic.
    progress : callable, optional
        ``progress(runs_done, n_runs)`` (in this process only).

    Returns
    -------
    xarray.Dataset
        As :func:`analyze`, with coords ``outcome_units`` and ``outcome_how`` and attrs
        ``scenario``, ``window``, ``solver`` and ``dt``.

    Raises
    ------
    SensitivityError
        A bad factor, method or sample size.
    ForecastError
        A bad outcome or window, or a run that fails (naming its members).
    sdmig.run.distributed.ClusterError
        The Dask cluster lost work it could not redo.
    """
    from sdmig.model.border import BorderModel

    model = model if model is not None else BorderModel()
    if isinstance(scenario, str):
        from sdmig.policy.scenario import load_scenario

        scenario = load_scenario(scenario)
    if factors is None:
        factors = default_factors(model, scenario)
    factors = [f if isinstance(f, Factor) else make_factor(model, scenario, f) for f in factors]
    outcomes = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    if not outcomes:
        raise ForecastError("`outcomes` must name at least one model variable")
    X = sample(factors, method=method, n_base=n_base, num_levels=num_levels, seed=seed)
    runs = member_outcomes(
        model,
        scenario,
        factor_values(model, factors, X),
        outcomes,
        n_members=X.shape[0],
        window=window,
        method=solver,
        dt=dt,
        chunk_size=chunk_size,
        client=client,
        progress=progress,
    )
    Y = np.stack([runs[o].values for o in outcomes], axis=1)
    ds = _indices(
        factors, X, Y, outcomes, method, n_base, num_levels, conf_level, num_resamples, seed
    )
    ds = ds.assign_coords(
        outcome_units=("outcome", [runs[o].attrs["units"] for o in outcomes]),
        outcome_how=("outcome", [runs[o].attrs["how"] for o in outcomes]),
    )
    ds.attrs.update(
        scenario="" if scenario is None else scenario.name,
        window=f"{window[0]}..{window[1]}",
        solver=solver,
        dt=float(dt),
    )
    return ds


# ============================================================================ reporting
