"""Assumed elasticities and lever effects, with the ranges ensembles draw them from.

The calibration estimates some parameters from data; the others are assumptions, and so is
every lever's effect (how much a barrier raises enforcement, how fast Mexico interdicts).
They often decide a comparison, so forecast ensembles draw them too (see
:func:`draw_assumptions`), paired across scenarios: member *k* of every scenario gets the
same values. ``sdmig forecast --fixed-assumptions`` turns this off, and ``sdmig sensitivity
--assumptions`` ranks them.

Model assumptions (:data:`MODEL_ASSUMPTIONS`) are drawn uniformly over their documented
range. A lever effect (:data:`LEVER_EFFECTS`) is drawn as a scale on the scenario's value:
``u`` uniform in :data:`EFFECT_SCALE` (0.5 to 1.5: the effect may be half or half again as
large as assumed; an assumption), applied to the distance from no effect: a multiplier
``f`` becomes ``1 + u (f - 1)``, an amount or a rate ``x`` becomes ``u x`` (both clipped to
the parameter's valid range).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "EFFECT_SCALE",
    "LEVER_EFFECTS",
    "MODEL_ASSUMPTIONS",
    "Assumption",
    "draw_assumptions",
    "effects_of",
    "lever_effect_ranges",
]


@dataclass(frozen=True)
class Assumption:
    """An assumed model parameter: its documented range and the reason for it.

    Parameters
    ----------
    low, high : float
        Range the ensembles draw the parameter from, uniformly, in the parameter's units.
    source : str
        Why this range (``"assumption"``, with the reasoning or the reference).

    Examples
    --------
    >>> MODEL_ASSUMPTIONS["perception_delay"]
    Assumption(low=0.5, high=6.0, source='assumption [months]')
    """

    low: float
    high: float
    source: str


#: Assumed model parameters (not estimated by the calibration) with their ranges.
MODEL_ASSUMPTIONS: dict[str, Assumption] = {
    "enforcement_deterrence": Assumption(
        -0.2,
        1.0,
        "assumption: studies of border enforcement find effects on attempts from none to "
        "moderate, and a rush ahead of a crackdown can even raise departures",
    ),
    "backlog_deterrence": Assumption(0.0, 0.6, "assumption (brief: backlogs weaken deterrence)"),
    "stay_deterrence": Assumption(
        0.0,
        2.0,
        "assumption; examples/regime_2024 fits the 2024 path (see forecasts/baseline.toml)",
    ),
    "perception_delay": Assumption(0.5, 6.0, "assumption [months]"),
    "route_stay": Assumption(0.0, 2.0, "assumption"),
    "route_enforcement": Assumption(0.5, 1.5, "assumption"),
    "apprehension_elasticity": Assumption(0.1, 0.5, "assumption"),
    "adaptation_strength": Assumption(0.3, 0.9, "assumption (brief: routes adapt)"),
    "death_enforcement": Assumption(0.5, 2.5, "assumption (brief: deadlier routes)"),
    "development_effect": Assumption(0.15, 0.55, "assumption (brief: years to materialize)"),
    "reception_patience": Assumption(0.5, 1.5, "assumption"),
    "prescreen_out": Assumption(0.2, 0.6, "assumption"),
}

#: Scale of a lever's effect relative to the scenario's value (assumption).
EFFECT_SCALE = (0.5, 1.5)

#: The effect parameters of the built-in levers: ``{lever: {param: "factor" | "amount"}}``.
#: Decisions (capacities, spending, staff, start dates) are not drawn: they are the policy.
LEVER_EFFECTS: dict[str, dict[str, str]] = {
    "physical_barriers": {"enforcement_factor": "factor"},
    "surveillance_technology": {"enforcement_factor": "factor", "detection_factor": "factor"},
    "border_patrol_staffing": {"enforcement_factor": "factor"},
    "joint_task_forces": {"disruption": "amount", "intelligence_factor": "factor"},
    "humanitarian_safeguards": {"averted": "amount"},
    "coordination_breakdown": {"interdiction_factor": "factor", "intelligence_factor": "factor"},
    "joint_oversight": {"effectiveness": "factor"},
    "streamlined_processing": {"gain": "amount"},
    "military_zones": {"enforcement_per_1000": "amount", "detection_per_1000": "amount"},
    "mexican_enforcement": {"south_rate": "amount", "north_rate": "amount"},
    "mexico_enforcement_surge": {"interdiction_factor": "factor"},
    "entry_suspension": {"removal_share": "amount"},
    "expedited_removal": {"share": "amount"},
    "lawful_pathways_rule": {"bar": "amount"},
}


def effects_of(lever: Any) -> dict[str, str]:
    """A lever's uncertain effect parameters.

    Parameters
    ----------
    lever : Lever
        A lever instance.

    Returns
    -------
    dict of str to str
        ``{param: "factor" | "amount"}``: its class's ``effects``, else the entry of the
        built-in table :data:`LEVER_EFFECTS`, else empty.

    Examples
    --------
    >>> from sdmig.policy.levers import Timing
    >>> from sdmig.policy.registry import get_lever
    >>> effects_of(get_lever("physical_barriers")(timing=Timing(start=0)))
    {'enforcement_factor': 'factor'}
    """
    return dict(getattr(type(lever), "effects", {}) or LEVER_EFFECTS.get(lever.name, {}))


def _uniform(seed: int, key: str, n: int) -> np.ndarray:
    """`n` uniforms for `key`, the same for every scenario (pairing) and every run."""
    return np.random.default_rng([int(seed), 7, zlib.crc32(key.encode())]).random(n)


def _scaled(kind: str, value: float, u: np.ndarray, low: float, high: float) -> np.ndarray:
    out = 1.0 + u * (value - 1.0) if kind == "factor" else u * value
    return np.clip(out, low, high)


def lever_effect_ranges(scenario: Any) -> dict[str, tuple[float, float, str]]:
    """The range each drawn lever effect of `scenario` spans.

    Parameters
    ----------
    scenario : Scenario
        Its levers' values are the centre of the ranges.

    Returns
    -------
    dict of str to (float, float, str)
        ``{"label.param": (low, high, kind)}``: the parameter's range when its effect
        scale runs over :data:`EFFECT_SCALE`, clipped to the parameter's valid range;
        effects whose range is a single value are left out.

    Examples
    --------
    >>> from sdmig.policy.levers import Timing
    >>> from sdmig.policy.registry import get_lever
    >>> from sdmig.policy.scenario import Scenario
    >>> walls = get_lever("physical_barriers")(enforcement_factor=1.2, timing=Timing(start=0))
    >>> ranges = lever_effect_ranges(Scenario(name="walls", levers=(walls,)))
    >>> low, high, kind = ranges["physical_barriers.enforcement_factor"]
    >>> round(float(low), 3), round(float(high), 3), kind
    (1.1, 1.3, 'factor')
    """
    out = {}
    lo, hi = EFFECT_SCALE
    for label, lever in zip(scenario.labels, scenario.levers, strict=True):
        for param, kind in effects_of(lever).items():
            p = type(lever).params[param]
            value = float(getattr(lever, param))
            a, b = (_scaled(kind, value, np.array([u]), p.low, p.high)[0] for u in (lo, hi))
            if a != b:
                out[f"{label}.{param}"] = (min(a, b), max(a, b), kind)
    return out


def draw_assumptions(
    scenario: Any,
    n: int,
    seed: int,
    *,
    model_assumptions: Mapping[str, Assumption] | None = None,
    param_shapes: Mapping[str, Sequence[int]] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, dict[str, np.ndarray]]]:
    """Draw the assumptions for `n` members of `scenario`.

    Parameters
    ----------
    scenario : Scenario
    n : int
        Members.
    seed : int
        The same seed gives the same draws; member *k* gets the same values in every
        scenario (the draws depend on the assumption's name, not on the scenario).
    model_assumptions : mapping, optional
        Ranges of model parameters (default :data:`MODEL_ASSUMPTIONS`).
    param_shapes : mapping, optional
        Shapes of model parameters; a parameter with dims gets the same draw in every
        element.

    Returns
    -------
    params : dict
        ``{parameter: array (n, *shape)}`` for the model.
    member_values : dict
        ``{lever label: {param: array (n,)}}`` for ``Scenario.bind(member_values=...)``.
    """
    ranges = MODEL_ASSUMPTIONS if model_assumptions is None else model_assumptions
    params = {}
    for name, a in ranges.items():
        x = a.low + (a.high - a.low) * _uniform(seed, f"param:{name}", n)
        shape = tuple((param_shapes or {}).get(name, ()))
        params[name] = np.broadcast_to(x.reshape((n,) + (1,) * len(shape)), (n, *shape)).copy()
    lo, hi = EFFECT_SCALE
    member_values: dict[str, dict[str, np.ndarray]] = {}
    for label, lever in zip(scenario.labels, scenario.levers, strict=True):
        for param, kind in effects_of(lever).items():
            p = type(lever).params[param]
            u = lo + (hi - lo) * _uniform(seed, f"lever:{lever.name}.{param}", n)
            values = _scaled(kind, float(getattr(lever, param)), u, p.low, p.high)
            member_values.setdefault(label, {})[param] = values
    return params, member_values
