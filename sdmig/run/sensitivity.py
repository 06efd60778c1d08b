"""Global sensitivity: which parameters, lever intensities and lever timings drive outcomes.

:func:`sensitivity` samples *factors* with SALib, runs every sample as one member of a
vectorized ensemble (:func:`sdmig.run.ensemble.member_outcomes`, in this process or on a Dask
cluster), and returns Sobol indices (first order ``S1`` and total ``ST``, with bootstrap
confidence intervals) or Morris screening measures (``mu_star``, ``sigma``) for each
outcome. :func:`analyze` does the same for any vectorized function ``f(X) -> Y``, which is
how the method is checked against functions whose indices are known.

Factors
-------
A :class:`Factor` is one uncertain input with a uniform range. Its `kind`:

- ``"parameter"``: a scalar model parameter (``enforcement_deterrence``) or one element
  of a dimensioned one, labels in brackets (``base_departures[MEX]``,
  ``economic_driver[NTCA,2021-07]``); the member's value is the factor's value.
- ``"scale"``: a dimensioned parameter as a whole (``base_departures``), multiplied by the
  factor's value.
- ``"lever"``: a parameter of one of the scenario's levers, ``<label>.<param>``
  (``pre_screening_hub.capacity``); the value must lie in the lever's declared range.
- ``"timing"``: a lever's timing shifted by a whole number of months,
  ``<label>.start`` (start and end move together); the factor's value is rounded to
  whole months, so each shift in ``[low, high]`` is equally likely.

The ranges come from the caller, or by default from a spread around the model's or
scenario's value, clipped to the declared bounds (:func:`make_factor`). Lever values and
timings vary by member through ``Scenario.bind(member_values=...)``, so all samples run
in one vectorized integration per chunk.

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

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.errors import ForecastError, SensitivityError
from sdmig.files import atomic_write
from sdmig.model.border import START
from sdmig.policy.levers import Param, format_number
from sdmig.run.ensemble import DEFAULT_OUTCOMES, DEFAULT_WINDOW, member_outcomes

__all__ = [
    "KINDS",
    "METHODS",
    "Factor",
    "SensitivityError",
    "analyze",
    "default_factors",
    "factor_values",
    "format_ranked",
    "make_factor",
    "plot_indices",
    "ranked_table",
    "sample",
    "sensitivity",
]

#: Sensitivity methods.
METHODS = ("sobol", "morris")
#: Kinds of factor.
KINDS = ("parameter", "scale", "lever", "timing")
#: Levers starting in or after this month are the policy levers varied by default (the
#: history the model is calibrated on ends in 2023-09).
POLICY_FROM = "2023-10"


@dataclass(frozen=True)
class Factor:
    """One uncertain input of a sensitivity analysis, uniform on ``[low, high]``.

    Parameters
    ----------
    name : str
        ``param``, ``param[label,...]``, ``<lever label>.<param>`` or
        ``<lever label>.start``; see "Factors" in :mod:`sdmig.run.sensitivity`.
    kind : {'parameter', 'scale', 'lever', 'timing'}
    low, high : float
        The range; for ``"timing"``, whole months of shift.
    units : str
        Units of the value (``"1"`` for a scale, ``"months"`` for a shift).
    base : float
        The value in the model or scenario (1 for a scale, 0 for a shift).
    index : tuple of int, optional
        The element of a dimensioned parameter (``"parameter"`` only).
    start, end : float, optional
        The lever's start and end [model months] (``"timing"`` only).
    """

    name: str
    kind: str
    low: float
    high: float
    units: str = ""
    base: float = float("nan")
    index: tuple[int, ...] | None = None
    start: float | None = None
    end: float | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise SensitivityError(f"factor {self.name!r}: kind {self.kind!r} is not in {KINDS}")
        if not (np.isfinite(self.low) and np.isfinite(self.high) and self.low < self.high):
            raise SensitivityError(
                f"factor {self.name!r}: range {format_number(self.low)} to "
                f"{format_number(self.high)} must be finite, with low below high"
            )

    @property
    def target(self) -> str:
        """The parameter, lever field (``label.param``) or lever label it acts on."""
        if self.kind == "timing":
            return self.name.rsplit(".", 1)[0]
        if self.kind == "lever":
            return self.name
        return self.name.split("[", 1)[0]

    @property
    def sample_bounds(self) -> tuple[float, float]:
        """The range SALib samples: a timing's is widened by half a month on each side, so
        that rounding makes every whole shift equally likely."""
        if self.kind == "timing":
            return self.low - 0.5, self.high + 0.5
        return self.low, self.high

    def describe(self) -> str:
        """The range in words: ``"6,400 to 9,600 people/month"``, ``"shift -6 to 6 months"``."""
        return _describe_range(self.kind, self.low, self.high, self.units)


# ============================================================================ factors
def make_factor(
    model,
    scenario,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    spread: float = 0.2,
    months: int = 6,
) -> Factor:
    """The factor called `name`, with range ``[low, high]`` or a default range.

    Parameters
    ----------
    model : BorderModel
    scenario : Scenario or None
        Needed for lever factors.
    name : str
        - ``"enforcement_deterrence"``: a scalar parameter;
        - ``"base_departures[MEX]"``: one element of a dimensioned parameter (labels of
          its dims, comma-separated);
        - ``"base_departures"``: a dimensioned parameter, scaled as a whole;
        - ``"pre_screening_hub.capacity"``: a lever's parameter (by the lever's label);
        - ``"pre_screening_hub.start"``: a lever's timing, shifted by whole months.
    low, high : float, optional
        The range. By default the value ``x`` (a scale: 1) ``-+ spread * |x|`` (or
        ``-+ spread`` of half the declared range when ``x`` is 0), clipped to the declared
        bounds; for a timing, ``-months`` to ``+months``.
    spread : float, default 0.2
    months : int, default 6

    Returns
    -------
    Factor

    Raises
    ------
    SensitivityError
        Unknown name, a lever factor without a scenario, or a range that is empty or
        leaves the declared bounds.

    Examples
    --------
    >>> from sdmig.model.border import BorderModel
    >>> make_factor(BorderModel(), None, "enforcement_deterrence").describe()
    '0.4 to 0.6'
    """
    if not isinstance(name, str) or not name:
        raise SensitivityError(f"factor name {name!r} must be a non-empty string")
    if "." in name:
        return _lever_factor(scenario, name, low, high, spread, months)
    return _parameter_factor(model, name, low, high, spread)


def _range(value, lo_bound, hi_bound, low, high, spread, what) -> tuple[float, float]:
    if low is None or high is None:
        if value != 0:
            half = spread * abs(value)
        elif np.isfinite(lo_bound) and np.isfinite(hi_bound):
            half = spread * (hi_bound - lo_bound) / 2
        else:
            half = spread
        low = max(value - half, lo_bound) if low is None else low
        high = min(value + half, hi_bound) if high is None else high
    low, high = float(low), float(high)
    if not (lo_bound <= low and high <= hi_bound):
        raise SensitivityError(
            f"factor {what}: range {format_number(low)} to {format_number(high)} leaves the "
            f"allowed range {format_number(lo_bound)} to {format_number(hi_bound)}"
        )
    return low, high


def _parameter_factor(model, name, low, high, spread) -> Factor:
    match = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?", name)
    sfm = model.stockflow_model
    var = sfm.variables.get(match.group(1)) if match else None
    if var is None or var.kind != "param":
        params = sorted(n for n, v in sfm.variables.items() if v.kind == "param")
        raise SensitivityError(
            f"factor {name!r} is not a model parameter (param, param[label]) nor a lever "
            f"field (label.param, label.start); the parameters: {', '.join(params)}"
        )
    value = np.asarray(var.value, dtype=float)
    lo_bound, hi_bound = (float(b) for b in var.bounds)
    if match.group(2) is not None:
        labels = [s.strip() for s in match.group(2).split(",")]
        if len(labels) != len(var.dims):
            example = ",".join(sfm.dims[d][0] for d in var.dims)
            raise SensitivityError(
                f"factor {name!r}: parameter {var.name!r} has dims {var.dims}; give one label "
                f"for each, e.g. {var.name}[{example}]"
            )
        index = []
        for dim, label in zip(var.dims, labels, strict=True):
            if label not in sfm.dims[dim]:
                raise SensitivityError(
                    f"factor {name!r}: {label!r} is not a label of {dim!r}; its labels: "
                    f"{', '.join(sfm.dims[dim])}"
                )
            index.append(list(sfm.dims[dim]).index(label))
        x = float(value[tuple(index)])
        low, high = _range(x, lo_bound, hi_bound, low, high, spread, repr(name))
        return Factor(name, "parameter", low, high, var.units, x, tuple(index))
    if value.ndim == 0:
        x = float(value)
        low, high = _range(x, lo_bound, hi_bound, low, high, spread, repr(name))
        return Factor(name, "parameter", low, high, var.units, x)
    # a dimensioned parameter as a whole: a common multiplier s >= 0 that keeps every
    # element s * v within the bounds
    if not np.any(value != 0):
        raise SensitivityError(f"factor {name!r}: every element is 0, so scaling changes nothing")
    cap_lo, cap_hi = 0.0, np.inf
    for v in value[value != 0].ravel():
        a, b = sorted((lo_bound / v, hi_bound / v))
        cap_lo, cap_hi = max(cap_lo, a), min(cap_hi, b)
    low, high = _range(1.0, cap_lo, cap_hi, low, high, spread, f"{name!r} (a scale)")
    return Factor(name, "scale", low, high, "1", 1.0)


def _lever_factor(scenario, name, low, high, spread, months) -> Factor:
    if scenario is None:
        raise SensitivityError(f"factor {name!r} names a lever field, but no scenario is given")
    label, field = name.rsplit(".", 1)
    labels = list(scenario.labels)
    if label not in labels:
        raise SensitivityError(
            f"factor {name!r}: scenario {scenario.name!r} has no lever labelled {label!r}; its "
            f"labels: {', '.join(labels)}"
        )
    lever = scenario.levers[labels.index(label)].in_months(START)
    if field == "start":
        lo = -months if low is None else low
        hi = months if high is None else high
        if float(lo) != round(float(lo)) or float(hi) != round(float(hi)):
            raise SensitivityError(
                f"factor {name!r}: a timing shift is in whole months; got {lo} to {hi}"
            )
        tm = lever.timing
        end = None if tm.end is None else float(tm.end)
        return Factor(
            name, "timing", float(lo), float(hi), "months", 0.0, None, float(tm.start), end
        )
    param: Param | None = type(lever).params.get(field)
    if param is None:
        allowed = [*type(lever).params, "start"]
        raise SensitivityError(
            f"factor {name!r}: lever {label!r} ({lever.name}) has no parameter {field!r}; "
            f"allowed: {', '.join(allowed)}"
        )
    x = float(getattr(lever, field))
    low, high = _range(x, param.low, param.high, low, high, spread, repr(name))
    return Factor(name, "lever", low, high, param.units, x)


def assumption_factors(model, scenario) -> list[Factor]:
    """The assumed elasticities and lever effects, over their documented ranges.

    The model assumptions of :data:`sdmig.policy.assumptions.MODEL_ASSUMPTIONS` and the
    effect parameters of `scenario`'s levers over the range their effect scale spans
    (:func:`sdmig.policy.assumptions.lever_effect_ranges`): what ``sdmig forecast`` draws
    for its ensembles, so that ``sdmig sensitivity --assumptions`` ranks them.
    """
    from sdmig.policy.assumptions import MODEL_ASSUMPTIONS, lever_effect_ranges

    sfm = model.stockflow_model
    factors = [
        make_factor(model, None, name, low=a.low, high=a.high)
        for name, a in MODEL_ASSUMPTIONS.items()
        if name in sfm.variables
    ]
    if scenario is not None:
        for key, (low, high, _kind) in lever_effect_ranges(scenario).items():
            factors.append(make_factor(model, scenario, key, low=low, high=high))
    return factors


def default_factors(model, scenario, *, spread: float = 0.2, months: int = 6) -> list[Factor]:
    """The calibrated parameters, and the intensities and timings of the policy levers.

    - The parameters the calibration estimates (:data:`sdmig.inference.calibrate.FREE_PARAMETERS`,
      dispersions left out), each ``-+ spread`` around the model's value.
    - For every lever of `scenario` that starts in 2023-10 or later (after the history
      the model is fitted to): each of its parameters, ``-+ spread`` around the
      scenario's value, and its start, shifted by ``-months`` to ``+months``.
    """
    try:
        from sdmig.inference.calibrate import FREE_PARAMETERS

        names = [p.name for p in FREE_PARAMETERS if p.param is not None]
    except ImportError:  # pragma: no cover - a tree without the calibration
        names = ["base_departures", "season_amplitude", "season_peak", "interior_receipts"]
    sfm = model.stockflow_model
    factors = [
        make_factor(model, None, n, spread=spread)
        for n in names
        if n.split("[", 1)[0] in sfm.variables
    ]
    if scenario is not None:
        from stockflow import months_since

        first = months_since(START, POLICY_FROM)
        for label, lever in zip(scenario.labels, scenario.levers, strict=True):
            if float(lever.in_months(START).timing.start) < first:
                continue
            for field in type(lever).params:
                factors.append(make_factor(model, scenario, f"{label}.{field}", spread=spread))
            factors.append(make_factor(model, scenario, f"{label}.start", months=months))
    return factors


def factor_values(model, factors: Sequence[Factor], X: np.ndarray) -> dict[str, np.ndarray]:
    """Members' values (``draws`` for :mod:`sdmig.run.ensemble`) from a sample matrix.

    Parameters
    ----------
    model : BorderModel
    factors : sequence of Factor
    X : ndarray, shape (n, len(factors))
        One row per member, one column per factor (as SALib samples them).

    Returns
    -------
    dict
        Parameter arrays with a leading member axis, and ``"<label>.<param>"``,
        ``"<label>.start"`` and ``"<label>.end"`` lever values [model months].
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != len(factors):
        raise SensitivityError(
            f"sample matrix of shape {X.shape} does not fit {len(factors)} factors"
        )
    n = X.shape[0]
    sfm = model.stockflow_model
    values: dict[str, np.ndarray] = {}

    def full(name: str) -> np.ndarray:
        if name not in values:
            base = np.asarray(sfm.variables[name].value, dtype=float)
            values[name] = np.repeat(base[None], n, axis=0)
        return values[name]

    for j, f in enumerate(factors):
        x = X[:, j]
        if f.kind == "parameter" and f.index is None:
            values[f.name] = x.copy()
        elif f.kind == "parameter":
            full(f.target)[(slice(None), *f.index)] = x
        elif f.kind == "scale":
            arr = full(f.target)
            arr *= x.reshape(-1, *(1,) * (arr.ndim - 1))
        elif f.kind == "lever":
            values[f.name] = x.copy()
        else:  # timing: whole months of shift, start and end together
            shift = np.clip(np.rint(x), f.low, f.high)
            values[f"{f.target}.start"] = f.start + shift
            if f.end is not None:
                values[f"{f.target}.end"] = f.end + shift
    return values


# ============================================================================ analysis
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
    dt: float = 0.25,
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
def ranked_table(ds: xr.Dataset, outcome: str | None = None) -> pd.DataFrame:
    """Factors ranked by ``ST`` (Sobol) or ``mu_star`` (Morris), most influential first.

    One outcome's table, or (``outcome=None``) every outcome's, stacked, with columns
    ``outcome``, ``rank``, ``range`` and the indices, indexed by factor.
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
        df.insert(0, "range", [_describe_range(*r) for r in ranges])
        df = df.sort_values(key, ascending=False, kind="stable")
        df.insert(0, "rank", np.arange(1, len(df) + 1))
        df.insert(0, "outcome", name)
        df.index.name = "factor"
        frames.append(df)
    return pd.concat(frames)


def _describe_range(kind, low, high, units) -> str:
    units = "" if units in ("", "1") else f" {units}"
    what = {"scale": "x ", "timing": "shift "}.get(str(kind), "")
    return f"{what}{_short(float(low))} to {_short(float(high))}{units}"


def _short(x: float) -> str:
    """Four significant digits, thousands separated: ``19,305``, ``0.1233``, ``1.5e+08``."""
    if (x == round(x) or abs(x) >= 1e3) and abs(x) < 1e7:
        return f"{x:,.0f}"
    return f"{x:.4g}"


def format_ranked(ds: xr.Dataset) -> str:
    """The ranked tables of every outcome, as Markdown."""
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
