"""Factors of a sensitivity analysis: uncertain inputs with uniform ranges.

A :class:`Factor` is one uncertain input. Its `kind`:

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
scenario's value, clipped to the declared bounds (:func:`make_factor`).
:func:`factor_values` turns a sample matrix into member values for one vectorized run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sdmig.errors import SensitivityError
from sdmig.model.border import START
from sdmig.policy.levers import Param, format_number

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
        """The range in words: ``"6,400 to 9,600 people/month"``, ``"shift -6 to 6 months"``.

        Returns
        -------
        str
        """
        return describe_range(self.kind, self.low, self.high, self.units)


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


def default_factors(model, scenario, *, spread: float = 0.2, months: int = 6) -> list[Factor]:
    """The calibrated parameters, and the intensities and timings of the policy levers.

    - The parameters the calibration estimates (:data:`sdmig.inference.calibrate.FREE_PARAMETERS`,
      dispersions left out), each ``-+ spread`` around the model's value.
    - For every lever of `scenario` that starts in 2023-10 or later (after the history
      the model is fitted to): each of its parameters, ``-+ spread`` around the
      scenario's value, and its start, shifted by ``-months`` to ``+months``.

    Parameters
    ----------
    model : BorderModel
        The model whose parameter values are the centres.
    scenario : Scenario
        The scenario whose policy levers are varied.
    spread : float, default 0.2
        Relative half-width of each range around its centre.
    months : int, default 6
        Largest shift of a lever's start, in months either way.

    Returns
    -------
    list of Factor
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


def describe_range(kind: str, low: float, high: float, units: str) -> str:
    """A factor's range in words: ``"6,400 to 9,600 people/month"``, ``"shift -6 to 6 months"``.

    Parameters
    ----------
    kind : str
        The factor's kind (:data:`KINDS`).
    low, high : float
        Its range.
    units : str
        Its units (``"1"`` or empty for none).

    Returns
    -------
    str
    """
    units = "" if units in ("", "1") else f" {units}"
    what = {"scale": "x ", "timing": "shift "}.get(str(kind), "")
    return f"{what}{_short(float(low))} to {_short(float(high))}{units}"


def _short(x: float) -> str:
    """Four significant digits, thousands separated: ``19,305``, ``0.1233``, ``1.5e+08``."""
    if (x == round(x) or abs(x) >= 1e3) and abs(x) < 1e7:
        return f"{x:,.0f}"
    return f"{x:.4g}"
