"""Per-member lever values: levers whose parameters or timing vary by ensemble member.

Member-varying levers
---------------------
Levers hold scalars. For an ensemble in which each member has its own lever intensity or
timing (a sensitivity analysis over levers), ``bind(model, member_values=...)`` binds
the scenario with per-member values of some levers' fields, so that all members run in one
vectorized integration::

    bound = scenario.bind(model, member_values={
        "pre_screening_hub": {"capacity": [4000.0, 8000.0, 12000.0]},
        "joint_task_forces": {"start": [78.0, 81.0, 84.0]},   # model months
    })

The fields that can vary are the lever's declared parameters (``params``) and the
timing's ``start``, ``ramp_months``, ``end`` and ``ramp_down_months`` in model months
(:data:`MEMBER_TIMING_FIELDS`). Each value is checked against its declared range. The
bound lever then holds an array of shape ``(n_members,)`` in each such field, so its
:meth:`~sdmig.policy.levers.Lever.effect` and :meth:`~sdmig.policy.levers.Lever.weight` see one value
per member: an effect computed from such a field is taken to have a leading member axis
(shape ``(n_members,)``, the same value for every element of the input, or ``(n_members,
*dims)``). The integration is split at every member's switch times, so keep the number of
distinct times small (whole months add no split: the month ends are split points
already). The bound scenario must be integrated with all members in one chunk
(:meth:`~sdmig.policy.binding.BoundScenario.simulate` does that), and it has no
:meth:`~sdmig.policy.binding.BoundScenario.cost`.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from typing import Any

import numpy as np

from sdmig.errors import ScenarioError
from sdmig.policy.levers import (
    Lever,
    Param,
    Timing,
    format_number,
)
from stockflow import Model

__all__ = ["MEMBER_TIMING_FIELDS"]

#: Timing fields that ``Scenario.bind(member_values=...)`` can vary by member [model months].
MEMBER_TIMING_FIELDS = ("start", "ramp_months", "end", "ramp_down_months")


def _member_levers(
    scenario: Any,
    levers: tuple[Lever, ...],
    member_values: Mapping[str, Mapping],
    model: Model,
) -> tuple[tuple[Lever, ...], frozenset[int], int]:
    """`levers` (timings in model months) with per-member values put into their fields.

    Returns the levers, the ids of those whose parameters vary by member, and the number
    of members.
    """
    if not isinstance(member_values, Mapping):
        raise ScenarioError(
            f"`member_values` must be a mapping {{lever label: {{field: values}}}}, got "
            f"{type(member_values).__name__}"
        )
    where = scenario.source or f"scenario {scenario.name!r}"
    index = {label: i for i, label in enumerate(scenario.labels)}
    out = list(levers)
    varying: set[int] = set()
    sizes: dict[str, int] = {}
    errors: list[str] = []
    for label, fields in member_values.items():
        i = index.get(label)
        if i is None:
            close = difflib.get_close_matches(str(label), list(index), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            errors.append(
                f"{where}: member values for unknown lever label {label!r};{hint} labels: "
                f"{', '.join(index)}"
            )
            continue
        lever, loc = levers[i], scenario.locations[i]
        if not isinstance(fields, Mapping) or not fields:
            errors.append(f"{loc}: member values must be a non-empty {{field: values}} mapping")
            continue
        params, timing = {}, {}
        for field_name, raw in fields.items():
            arr = np.asarray(raw, dtype=float)
            if arr.ndim != 1 or len(arr) == 0:
                errors.append(
                    f"{loc}: member values of {field_name!r} must have shape (n_members,), "
                    f"got {arr.shape}"
                )
                continue
            sizes[f"{label}.{field_name}"] = len(arr)
            p = type(lever).params.get(field_name)
            if p is not None:
                errors += _member_range_errors(loc, field_name, arr, p)
                params[field_name] = arr
            elif field_name in MEMBER_TIMING_FIELDS:
                timing[field_name] = arr
            else:
                allowed = [*type(lever).params, *MEMBER_TIMING_FIELDS]
                errors.append(
                    f"{loc}: {field_name!r} cannot vary by member; allowed: {', '.join(allowed)}"
                )
        if timing:
            errors += _member_timing_errors(loc, lever.timing, timing)
        if errors:
            continue
        new = dataclasses.replace(lever)
        for name, arr in params.items():
            object.__setattr__(new, name, arr)
        if timing:
            tm = dataclasses.replace(lever.timing)
            for name, arr in timing.items():
                object.__setattr__(tm, name, arr)
            object.__setattr__(new, "timing", tm)
        if params:
            errors += _member_effect_errors(new, params, loc, model)
            varying.add(id(new))
        out[i] = new
    if len(set(sizes.values())) > 1:
        listed = ", ".join(f"{k}: {n}" for k, n in sizes.items())
        errors.append(f"{where}: member values disagree on the number of members ({listed})")
    if errors:
        raise ScenarioError("\n".join(errors))
    return tuple(out), frozenset(varying), next(iter(sizes.values()))


def _member_effect_errors(
    lever: Lever, params: dict[str, np.ndarray], loc: str, model: Model
) -> list[str]:
    """Check that the lever's effect keeps a leading member axis when its parameters vary.

    The effect is computed once with the parameters as arrays of a probe length that is no
    dimension's length, so that an effect that mixes the member axis with a dimension is
    caught here rather than broadcast wrongly. An effect that needs the model state (it
    fails without ``v``) is checked as it runs instead.
    """
    lengths = {len(labels) for labels in model.dims.values()}
    k = 2
    while k in lengths:
        k += 1
    probe = dataclasses.replace(lever, **{name: float(arr[0]) for name, arr in params.items()})
    for name, arr in params.items():
        object.__setattr__(probe, name, np.full(k, arr[0]))
    fix = (
        "an effect computed from a member-varying parameter must keep its leading member "
        "axis (e.g. `self.x[..., None] * per_corridor` rather than `self.x * per_corridor` "
        "or `np.array([self.x, ...])`); vary only its timing, or its other parameters"
    )
    names = ", ".join(params) + (" vary" if len(params) > 1 else " varies")
    try:
        effects = probe.effect(float(np.min(lever.timing.start)), None)
    except (TypeError, AttributeError):
        return []  # it reads the model state: checked as the run goes
    except ValueError as exc:
        return [f"{loc}: effect() fails when {names} by member ({exc}); {fix}"]
    errors = []
    for name, value in effects.items():
        var = model.variables.get(name)
        if var is None:
            continue
        shape = np.shape(value)
        if shape and (shape[0] != k or len(shape) > len(var.dims) + 1):
            errors.append(
                f"{loc}: effect() on {name!r} has shape {shape} when {names} over {k} "
                f"members; expected ({k},) or ({k}, *{var.dims}): {fix}"
            )
    return errors


def _member_range_errors(loc: str, name: str, arr: np.ndarray, p: Param) -> list[str]:
    bad = np.flatnonzero(np.isnan(arr) | (arr < p.low) | (arr > p.high))
    if not len(bad):
        return []
    k = int(bad[0])
    return [
        f"{loc}: {name} = {format_number(arr[k])} (member {k}) is out of range; allowed "
        f"{p.allowed()}"
    ]


def _member_timing_errors(loc: str, timing: Timing, values: dict[str, np.ndarray]) -> list[str]:
    """Per-member timing values must make valid timings (see :class:`Timing`)."""
    if timing.end is None and ("end" in values or "ramp_down_months" in values):
        return [f"{loc}: the lever has no end, so its end and ramp-down cannot vary by member"]
    n = {len(arr) for arr in values.values()}
    if len(n) > 1:
        return []  # reported as a disagreement on the number of members
    fields = MEMBER_TIMING_FIELDS if timing.end is not None else ("start", "ramp_months")
    size = len(next(iter(values.values())))
    get = {
        f: np.broadcast_to(np.asarray(values.get(f, getattr(timing, f)), dtype=float), (size,))
        for f in fields
    }
    checks = [
        ("start", ~np.isfinite(get["start"]), "is not a finite number of months"),
        ("ramp_months", ~(get["ramp_months"] >= 0), "must be 0 or more"),
    ]
    if timing.end is not None:
        checks += [
            ("end", ~(get["end"] >= get["start"]), "is before the start"),
            ("ramp_down_months", ~(get["ramp_down_months"] >= 0), "must be 0 or more"),
        ]
    errors = []
    for name, bad, why in checks:
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            errors.append(f"{loc}: {name} = {format_number(get[name][k])} (member {k}) {why}")
    return errors
