"""Scenarios: lever instances with their timing, read from TOML files and bound to a model.

A :class:`Scenario` is an immutable list of :class:`~sdmig.policy.levers.Lever` instances with a
name and a description. :func:`load_scenario` reads one from a TOML file (or a built-in
scenario by name) and checks its structure; :meth:`Scenario.bind` checks it against a
model (inputs, dims, targeting labels) and returns a :class:`BoundScenario` holding what a
run needs:

- ``inputs``: ``{input_name: f(t, v)}`` for ``stockflow.simulate(inputs=...)``;
- ``breakpoints``: model times [months] where a lever switches, for
  ``stockflow.simulate(breakpoints=...)``, so that no step straddles a switch;
- ``cost(times)``: each lever's cost per month as an ``xarray.DataArray`` (lever x time,
  USD).

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
(:meth:`BoundScenario.simulate` does that), and it has no :meth:`~BoundScenario.cost`.

Composition rules
-----------------
Each lever contributes, on each input it acts on, its full effect ``e`` (:meth:`Lever.effect`)
scaled by its weight ``w`` (:meth:`Lever.weight`: the timing's 0-to-1 ramp, times any
state-aware factor), times its targeting mask ``m`` (1 on the corridors/origins chosen, 0
elsewhere; 1 everywhere when not targeted). With ``a = w * m``, the input's value is::

    x = default
    x = x + a_s * (e_s - x)          for each "set" lever s     (blend towards e_s)
    x = x * (1 + a_k * (e_k - 1))    for each "multiply" lever k (factors multiply)
    x = x + a_j * e_j                for each "add" lever j      (additions add)

So: "set" replaces the default (where and while it acts), multipliers then scale the
result, additions come last. Levers of one kind commute, and the levers are applied in a
canonical order (by name, then by value), so the result does not depend on their order in
a file, to the last bit. Two "set" levers on one input whose active windows (start to end
of ramp-down) and targets overlap are an error: there is no rule for which one wins.

Scenario files
--------------
TOML, read with :mod:`tomllib`; data only, nothing in them is executed::

    name = "binational"                        # default: the file name without .toml
    description = "Phased binational strategy" # optional
    extends = "baseline"                       # optional: levers of baseline.toml first

    [[lever]]
    lever = "pre_screening_hub"                # an installed lever (sdmig levers)
    label = "tijuana_hub"                      # optional, unique in the scenario
    phase = "phase 2"                          # optional label
    start = "2027-01"                          # 'YYYY-MM' or 'YYYY-MM-DD' (or a TOML date)
    ramp_months = 6                            # optional, default 0 (a step)
    shape = "s_curve"                          # optional: "linear" (default) or "s_curve"
    end = "2028-06"                            # optional: start of the ramp-down
    ramp_down_months = 3                       # optional, needs end
    corridor = ["tijuana_san_diego"]           # optional targeting: corridor, origin
    monthly_cost = 1.5e6                       # optional [USD/month at full effect]
    setup_cost = 4e6                           # optional [USD, once, at the start]
    capacity = 1500                            # the lever's own parameters

``extends`` names a file beside this one (``baseline`` -> ``baseline.toml``) or a
built-in scenario. The parent's levers come first; a lever whose ``label`` equals an
inherited lever's label replaces it. Every date must lie in the simulated range
(default :data:`DEFAULT_RANGE`, 2019-10 to 2028-12).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import importlib.resources
import json
import math
import os
import re
import tomllib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import xarray as xr

import stockflow
from sdmig.errors import LeverError, ScenarioError
from sdmig.model.parameters import END, START
from sdmig.policy.benchmarks import Benchmark, parse_benchmark
from sdmig.policy.levers import (
    BASE_FIELDS,
    TARGET_DIMS,
    Lever,
    Param,
    Timing,
    format_date,
    format_number,
)
from sdmig.policy.registry import available_levers, unknown_lever_message
from stockflow import Model, months_since

__all__ = [
    "COMMON_FIELDS",
    "DEFAULT_RANGE",
    "MEMBER_TIMING_FIELDS",
    "TIMING_FIELDS",
    "TOP_LEVEL_FIELDS",
    "BoundScenario",
    "ComposedInput",
    "Scenario",
    "builtin_scenarios",
    "load_scenario",
]

#: The simulated range that dates in scenario files must lie in (months, inclusive).
DEFAULT_RANGE = (START, END)
#: Keys allowed at the top of a scenario file.
TOP_LEVEL_FIELDS = ("name", "description", "extends", "lever", "benchmark")
#: Keys of a ``[[lever]]`` table that make its :class:`~sdmig.policy.levers.Timing`.
TIMING_FIELDS = ("start", "ramp_months", "shape", "end", "ramp_down_months", "phase")
#: Keys every ``[[lever]]`` table may have, besides the timing and the lever's parameters.
COMMON_FIELDS = ("lever", "label", "corridor", "origin", "monthly_cost", "setup_cost")

#: Timing fields that ``Scenario.bind(member_values=...)`` can vary by member [model months].
MEMBER_TIMING_FIELDS = ("start", "ramp_months", "end", "ramp_down_months")

# Sub-steps per month when averaging a lever's cost rate over the month.
_COST_SUBSTEPS = 64


# =============================================================================== Scenario
@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A named, immutable set of lever instances.

    Parameters
    ----------
    name : str
        Short identifier (``"binational"``).
    description : str, optional
        One paragraph for listings and forecast attrs.
    levers : sequence of Lever
        The lever instances, in file order (the order does not change the results).
    extends : str, optional
        The scenario this one was built on (its levers are already included).
    source : str, optional
        Where it was read from (file name), for messages; not part of equality.
    locations : sequence of str, optional
        Where each lever was declared (``"binational.toml, lever 3 (hub)"``), for messages;
        made up from `name` when not given.
    benchmarks : sequence of Benchmark, optional
        Performance benchmarks (``[[benchmark]]`` tables; see :mod:`sdmig.policy.benchmarks`),
        inherited from the scenario it extends, then its own.

    Raises
    ------
    ScenarioError
        A lever is not a :class:`~sdmig.policy.levers.Lever`, two levers share a label, or two
        "set" levers on one input overlap in time and targets.

    Examples
    --------
    >>> from sdmig.policy.levers import Timing
    >>> from sdmig_levers.generic import ScaleInput
    >>> s = Scenario(name="demo", levers=[ScaleInput(input="court_capacity", factor=1.2,
    ...                                               timing=Timing(start="2026-07"))])
    >>> s.labels
    ('scale_input',)
    """

    name: str
    description: str = ""
    levers: tuple[Lever, ...] = ()
    extends: str | None = None
    source: str | None = field(default=None, compare=False)
    locations: tuple[str, ...] = field(default=(), compare=False, repr=False)
    benchmarks: tuple[Benchmark, ...] = ()

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ScenarioError(f"scenario name = {self.name!r} must be a non-empty string")
        levers = tuple(self.levers)
        where = self.source or f"scenario {self.name!r}"
        for i, lever in enumerate(levers, 1):
            if not isinstance(lever, Lever):
                raise ScenarioError(
                    f"{where}, lever {i}: {lever!r} is not a sdmig.policy.levers.Lever"
                )
        locations = tuple(self.locations) or tuple(
            f"{where}, lever {i} ({lever.name})" for i, lever in enumerate(levers, 1)
        )
        if len(locations) != len(levers):
            raise ScenarioError(
                f"{where}: {len(locations)} locations given for {len(levers)} levers"
            )
        object.__setattr__(self, "levers", levers)
        object.__setattr__(self, "locations", locations)
        errors = _label_errors(levers, locations)
        if not errors:
            comparable = {lever.timing.is_dated for lever in levers}
            if len(comparable) <= 1:
                resolved = [lever.in_months("2000-01") for lever in levers]
                errors = _set_conflicts(resolved, locations)
        if errors:
            raise ScenarioError("\n".join(errors))

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_toml(
        cls,
        text: str,
        *,
        source: str = "<string>",
        date_range: tuple[str, str] = DEFAULT_RANGE,
        levers: Mapping[str, type[Lever]] | None = None,
    ) -> Scenario:
        """A scenario from TOML text; `source` names it in messages. See
        :func:`load_scenario`; ``extends`` can name only built-in scenarios here."""
        loader = _Loader(date_range, levers)
        stem = Path(source).name.removesuffix(".toml") if source != "<string>" else "scenario"
        ref = _Ref(display=source, key=f"text:{source}", stem=stem, read=lambda: text)
        return loader.load(ref, ())

    # ---------------------------------------------------------------- accessors
    @property
    def labels(self) -> tuple[str, ...]:
        """One unique label per lever: its ``label``, else its name (``name#2`` on repeats)."""
        taken = {lever.label for lever in self.levers if lever.label}
        out = []
        for lever in self.levers:
            if lever.label:
                out.append(lever.label)
                continue
            label, n = lever.name, 1
            while label in taken:
                n += 1
                label = f"{lever.name}#{n}"
            taken.add(label)
            out.append(label)
        return tuple(out)

    def by_phase(self) -> dict[str | None, list[tuple[str, Lever]]]:
        """``{phase: [(label, lever), ...]}``; phases in natural order, unphased last."""
        groups: dict[str | None, list[tuple[str, Lever]]] = {}
        for label, lever in zip(self.labels, self.levers, strict=True):
            groups.setdefault(lever.timing.phase, []).append((label, lever))

        def key(phase):
            if phase is None:
                return (1, [])
            return (
                0,
                [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", phase)],
            )

        return {p: groups[p] for p in sorted(groups, key=key)}

    # -------------------------------------------------------------------- binding
    def bind(
        self,
        model: Model | stockflow.CompiledModel,
        *,
        member_values: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> BoundScenario:
        """Check the scenario against `model` and prepare what a run needs.

        The model is only read, never changed.

        Parameters
        ----------
        model : stockflow.Model or stockflow.CompiledModel
        member_values : mapping, optional
            ``{lever label: {field: values}}``: per-member values, each of shape
            ``(n_members,)``, of levers' parameters or timing fields (``start``,
            ``ramp_months``, ``end``, ``ramp_down_months``, in model months); see
            "Member-varying levers" in :mod:`sdmig.policy.scenario`. Labels are
            :attr:`labels`.

        Returns
        -------
        BoundScenario
            ``inputs`` (callables for ``stockflow.simulate``), ``breakpoints`` [months],
            ``cost(times)``, and ``n_members`` (None unless `member_values` is given).

        Raises
        ------
        ScenarioError
            A lever acts on something that is not a policy input of `model`, targets a
            dimension the input lacks or a label the model does not have, or two "set"
            levers overlap; a member value names an unknown label or field, is out of its
            range, or the values disagree on the number of members. Every problem is
            listed, one per line.
        """
        if isinstance(model, stockflow.CompiledModel):
            model = model.model
        levers = tuple(lever.in_months(model.start) for lever in self.levers)
        n_members, varying = None, frozenset()
        if member_values:
            levers, varying, n_members = _member_levers(self, levers, member_values, model)
        inputs = [v for v in model.variables.values() if v.kind == "input"]
        input_names = ", ".join(v.name for v in inputs) or "none"
        errors: list[str] = []
        terms: dict[str, dict[str, list[_Term]]] = {}
        for lever, loc in zip(levers, self.locations, strict=True):
            for name, mode in lever.actions().items():
                var = model.variables.get(name)
                if var is None or var.kind != "input":
                    what = "not a variable" if var is None else f"a {var.kind}, not a policy input"
                    close = difflib.get_close_matches(name, [v.name for v in inputs], n=1)
                    hint = f" Did you mean {close[0]!r}?" if close else ""
                    errors.append(
                        f"{loc}: acts on {name!r}, which is {what} of model {model.name!r}; "
                        f"its inputs: {input_names}.{hint}"
                    )
                    continue
                try:
                    mask = _mask(lever, var, model)
                except ScenarioError as err:
                    errors.append(f"{loc}: {err}")
                    continue
                terms.setdefault(name, {"set": [], "multiply": [], "add": []})[mode].append(
                    _Term(lever, loc, mask, n_members if id(lever) in varying else 0)
                )
            errors += _untargetable(lever, loc, model)
        if not errors:
            errors = _set_conflicts(levers, self.locations)
        if errors:
            raise ScenarioError("\n".join(dict.fromkeys(errors)))
        composed = {
            name: ComposedInput(
                name=name,
                dims=model.variables[name].dims,
                default=np.asarray(model.variables[name].value, dtype=float),
                sets=_canonical(by_mode["set"]),
                multipliers=_canonical(by_mode["multiply"]),
                additions=_canonical(by_mode["add"]),
            )
            for name, by_mode in terms.items()
        }
        breakpoints = sorted({b for lever in levers for b in lever.timing.breakpoints()})
        return BoundScenario(
            scenario=self,
            model=model,
            levers=levers,
            inputs=types.MappingProxyType(composed),
            breakpoints=tuple(breakpoints),
            n_members=n_members,
        )

    # -------------------------------------------------------------------- writing
    def to_toml(self) -> str:
        """The scenario as a scenario file (``extends`` already flattened).

        Raises
        ------
        ScenarioError
            A lever's timing is in model months rather than dates, or a field has a
            value TOML cannot hold.
        """
        lines = [f"name = {_toml(self.name)}"]
        if self.description:
            lines.append(f"description = {_toml(self.description)}")
        for lever, loc in zip(self.levers, self.locations, strict=True):
            tm = lever.timing
            if not tm.is_dated:
                raise ScenarioError(
                    f"{loc}: timing {tm} is in model months; scenario files need dates"
                )
            lines += ["", "[[lever]]", f"lever = {_toml(lever.name)}"]
            items: list[tuple[str, Any]] = [
                ("label", lever.label),
                ("phase", tm.phase),
                ("start", format_date(tm.start)),
                ("ramp_months", tm.ramp_months or None),
                ("shape", None if tm.shape == "linear" else tm.shape),
                ("end", None if tm.end is None else format_date(tm.end)),
                ("ramp_down_months", tm.ramp_down_months or None),
                ("corridor", lever.corridor),
                ("origin", lever.origin),
                ("monthly_cost", lever.monthly_cost or None),
                ("setup_cost", lever.setup_cost or None),
                *lever.values().items(),
            ]
            for key, value in items:
                if value is not None:
                    lines.append(f"{key} = {_toml(value, loc, key)}")
        return "\n".join(lines) + "\n"


def _label_errors(levers: Sequence[Lever], locations: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    errors = []
    for lever, loc in zip(levers, locations, strict=True):
        if lever.label is None:
            continue
        if lever.label in seen:
            errors.append(
                f"{loc}: label {lever.label!r} is already used by {seen[lever.label]}; "
                "labels must be unique within a scenario"
            )
        seen.setdefault(lever.label, loc)
    return errors


def _targets_overlap(a: Lever, b: Lever) -> bool:
    ta, tb = a.targets(), b.targets()
    return all(set(ta[d]) & set(tb[d]) for d in TARGET_DIMS if d in ta and d in tb)


def _set_conflicts(levers: Sequence[Lever], locations: Sequence[str]) -> list[str]:
    """Pairs of "set" levers on one input that overlap in time and targets.

    The levers' timings must all be in model months.
    """
    errors = []
    sets = [
        (i, name)
        for i, lever in enumerate(levers)
        for name, mode in lever.actions().items()
        if mode == "set"
    ]
    for x, (i, name) in enumerate(sets):
        for j, other in sets[x + 1 :]:
            if other != name or i == j:
                continue
            a, b = levers[i], levers[j]
            (a0, a1), (b0, b1) = a.timing.window(), b.timing.window()
            if a0 < b1 and b0 < a1 and _targets_overlap(a, b):
                errors.append(
                    f"{locations[j]} and {locations[i]} both set {name!r} at overlapping "
                    "times and targets; 'set' levers on one input must not overlap (end one "
                    "before the other starts, or target different corridors or origins)"
                )
    return errors


def _mask(lever: Lever, var: stockflow.Variable, model: Model) -> np.ndarray | None:
    """1 where the lever acts on `var`, 0 elsewhere (shape: the input's dims)."""
    targets = lever.targets()
    if not targets:
        return None
    mask = np.ones(model.shape(var.dims))
    for dim, labels in targets.items():
        if dim not in model.dims:
            raise ScenarioError(
                f"targets {dim} {list(labels)} but model {model.name!r} has no {dim!r} "
                f"dimension; its dimensions: {', '.join(model.dims) or 'none'}"
            )
        known = model.dims[dim]
        for label in labels:
            if label not in known:
                close = difflib.get_close_matches(label, known, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise ScenarioError(
                    f"{dim} = {label!r} is not a label of dimension {dim!r}; allowed: "
                    f"{', '.join(known)}.{hint}"
                )
        if dim not in var.dims:
            continue  # the effect on an input without this dimension is not masked
        shape = [1] * len(var.dims)
        shape[var.dims.index(dim)] = -1
        mask = mask * np.isin(known, labels).astype(float).reshape(shape)
    return mask


def _untargetable(lever: Lever, loc: str, model: Model) -> list[str]:
    """A targeted dimension that none of the lever's inputs has would select nothing."""
    errors = []
    inputs = [model.variables[n] for n in lever.actions() if n in model.variables]
    for dim, labels in lever.targets().items():
        if dim in model.dims and inputs and not any(dim in var.dims for var in inputs):
            dims = "; ".join(f"{var.name}: {', '.join(var.dims) or 'a scalar'}" for var in inputs)
            errors.append(
                f"{loc}: targets {dim} {list(labels)} but none of the inputs it acts on has "
                f"the {dim!r} dimension ({dims})"
            )
    return errors


# ============================================================================ binding
class _Term(NamedTuple):
    lever: Lever
    location: str
    mask: np.ndarray | None
    members: int = 0  # the number of members when the lever's parameters vary by member


def _member_levers(
    scenario: Scenario,
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


def _canonical(terms: list[_Term]) -> tuple[_Term, ...]:
    return tuple(sorted(terms, key=lambda term: (term.lever.name, repr(term.lever))))


@dataclass(frozen=True, eq=False)
class ComposedInput:
    """The value of one policy input under a scenario: ``f(t, v)`` for stockflow.

    Calling it returns an array of shape ``(1 or n_members, *dims)``; see the composition
    rules in :mod:`sdmig.policy.scenario`.
    """

    name: str
    dims: tuple[str, ...]
    default: np.ndarray
    sets: tuple[_Term, ...] = ()
    multipliers: tuple[_Term, ...] = ()
    additions: tuple[_Term, ...] = ()

    def __call__(self, t: float, v: Any) -> np.ndarray:
        x = self.default[None]
        for term in self.sets:
            if (ae := self._weighted(term, t, v)) is not None:
                a, e = ae
                x = self._combine(term, e, lambda e, a=a, x=x: x + a * (e - x))
        for term in self.multipliers:
            if (ae := self._weighted(term, t, v)) is not None:
                a, e = ae
                x = self._combine(term, e, lambda e, a=a, x=x: x * (1.0 + a * (e - 1.0)))
        for term in self.additions:
            if (ae := self._weighted(term, t, v)) is not None:
                a, e = ae
                x = self._combine(term, e, lambda e, a=a, x=x: x + a * e)
        return x

    def _weighted(self, term: _Term, t: float, v: Any) -> tuple[np.ndarray, np.ndarray] | None:
        """``(w * mask, effect)``, or None when the lever is off (its term would change
        nothing: ``x * 1``, ``x + 0``)."""
        nd = len(self.dims)
        w = np.asarray(term.lever.weight(t, v), dtype=float)
        if w.ndim == 0 and w == 0.0:
            return None
        if w.ndim == 1:
            w = w.reshape(-1, *(1,) * nd)
        elif w.ndim != 0:
            raise LeverError(
                f"{term.location}: weight() returned an array of shape {w.shape}; expected "
                "a scalar or one value per member, shape (n_members,)"
            )
        if term.mask is not None:
            w = w * term.mask
        try:
            effects = term.lever.effect(t, v)
        except ValueError as exc:
            if not term.members:
                raise
            raise LeverError(
                f"{term.location}: effect() fails with per-member parameter values ({exc}); "
                "an effect computed from a member-varying parameter must keep its leading "
                "member axis"
            ) from None
        if self.name not in effects:
            raise LeverError(
                f"{term.location}: effect() gave no value for input {self.name!r}; it "
                f"returned {sorted(effects)}"
            )
        e = np.asarray(effects[self.name], dtype=float)
        if term.members and nd > 0 and e.shape == (term.members,):
            e = e.reshape(-1, *(1,) * nd)  # one value per member (member-varying levers)
        if e.ndim > nd + 1:
            raise LeverError(
                f"{term.location}: effect on {self.name!r} has shape {e.shape}, more axes "
                f"than the input's dims {self.dims} and a member axis"
            )
        return w, e

    def _combine(self, term: _Term, e: np.ndarray, op) -> np.ndarray:
        try:
            return op(e)
        except ValueError:
            raise LeverError(
                f"{term.location}: effect on {self.name!r} of shape {e.shape} does not fit "
                f"the input's dims {self.dims} of shape {self.default.shape}"
            ) from None


@dataclass(frozen=True, eq=False)
class BoundScenario:
    """A scenario checked against a model: what ``stockflow.simulate`` needs.

    Attributes
    ----------
    scenario : Scenario
    model : stockflow.Model
        Read, never changed.
    levers : tuple of Lever
        The scenario's levers with their timing in model months.
    inputs : mapping of str to ComposedInput
        ``{input_name: f(t, v)}``, one per input some lever acts on.
    breakpoints : tuple of float
        Every lever's start, end of ramp, end and end of ramp-down [model months].
    n_members : int or None
        The number of members when bound with ``member_values`` (the inputs then give
        one value per member, and the run must have exactly that many members in one
        chunk); None otherwise.

    Examples
    --------
    ::

        bound = scenario.bind(model)
        ds = stockflow.simulate(model, "2028-12", inputs=bound.inputs,
                                breakpoints=bound.breakpoints)
        ds["lever_cost"] = bound.cost(ds.time)
    """

    scenario: Scenario
    model: Model
    levers: tuple[Lever, ...]
    inputs: Mapping[str, ComposedInput]
    breakpoints: tuple[float, ...]
    n_members: int | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """One unique label per lever (see :attr:`Scenario.labels`)."""
        return self.scenario.labels

    def cost(self, times: Iterable[Any]) -> xr.DataArray:
        """Each lever's cost in each month, in USD.

        Parameters
        ----------
        times : sequence of date-like or float, or DataArray
            Month starts (``ds.time``, a ``DatetimeIndex``, ``"2027-01"``) or model times
            [months]; each stands for the month that begins there.

        Returns
        -------
        xarray.DataArray
            ``lever_cost`` with dims ``(lever, time)``, coords ``lever`` (labels),
            ``lever_name``, ``phase`` and ``time`` (as given); units USD. A month's value
            is the lever's ``cost_rate`` averaged over the month (times one month), plus
            its ``setup_cost`` in the month its start falls in.

        Raises
        ------
        ScenarioError
            The scenario was bound with ``member_values``: costs are per scenario, not
            per member; bind without them to get the costs.
        """
        if self.n_members is not None:
            raise ScenarioError(
                f"scenario {self.scenario.name!r} was bound with member values; its costs are "
                "not defined per member: bind it without `member_values` for cost()"
            )
        if isinstance(times, xr.DataArray):
            times = times.values
        index = pd.Index(list(times) if not isinstance(times, pd.Index) else times)
        t0 = np.array([months_since(self.model.start, x) for x in index], dtype=float)
        grid = t0[:, None] + (np.arange(_COST_SUBSTEPS) + 0.5) / _COST_SUBSTEPS
        data = np.zeros((len(self.levers), len(t0)))
        for i, lever in enumerate(self.levers):
            rate = np.broadcast_to(np.asarray(lever.cost_rate(grid), dtype=float), grid.shape)
            start = lever.timing.start
            data[i] = rate.mean(axis=1) + lever.setup_cost * ((t0 <= start) & (start < t0 + 1))
        return xr.DataArray(
            data,
            dims=("lever", "time"),
            coords={
                "lever": list(self.labels),
                "time": index,
                "lever_name": ("lever", [lever.name for lever in self.levers]),
                "phase": ("lever", [lever.timing.phase or "" for lever in self.levers]),
            },
            name="lever_cost",
            attrs={
                "units": "USD",
                "long_name": "fiscal cost of each lever",
                "cell_methods": "time: sum (over the month)",
            },
        )

    def simulate(self, end: Any, **kwargs: Any) -> xr.Dataset:
        """``stockflow.simulate(model, end, inputs=..., breakpoints=..., **kwargs)``.

        Bound with member values, the run integrates all :attr:`n_members` members in one
        chunk (``chunk_size`` at least ``n_members``).
        """
        for key in ("inputs", "breakpoints"):
            if key in kwargs:
                raise TypeError(f"`{key}` comes from the scenario; it cannot be passed too")
        if self.n_members is not None:
            kwargs["chunk_size"] = max(int(kwargs.get("chunk_size", 1)), self.n_members)
            kwargs["params"] = _with_members(self.model, kwargs.get("params"), self.n_members)
        return stockflow.simulate(
            self.model, end, inputs=dict(self.inputs), breakpoints=self.breakpoints, **kwargs
        )


def _with_members(model: Model, params: Mapping[str, Any] | None, n: int) -> dict[str, Any]:
    """`params`, with one scalar parameter repeated `n` times if none has a member axis,
    so that the run is an ensemble of `n` members (the member-varying inputs need it)."""
    params = dict(params or {})
    for name, value in params.items():
        var = model.variables.get(name)
        if var is not None and np.ndim(value) == len(var.dims) + 1:
            return params
    name = next(
        v.name
        for v in model.variables.values()
        if v.kind == "param" and not v.dims and v.name not in params
    )
    params[name] = np.repeat(np.asarray(model.variables[name].value, dtype=float), n)
    return params


# ============================================================================ loading
def builtin_scenarios() -> dict[str, Any]:
    """The built-in scenario files, ``{name: resource}`` (``forecasts/*.toml``)."""
    try:
        root: Any = importlib.resources.files("sdmig._scenarios")
    except ModuleNotFoundError:  # a source tree that was never installed
        root = Path(__file__).resolve().parent.parent / "forecasts"
        if not root.is_dir():
            return {}
    files = [p for p in root.iterdir() if p.name.endswith(".toml") and p.is_file()]
    return {p.name.removesuffix(".toml"): p for p in sorted(files, key=lambda p: p.name)}


def load_scenario(
    source: str | os.PathLike,
    *,
    date_range: tuple[str, str] = DEFAULT_RANGE,
    levers: Mapping[str, type[Lever]] | None = None,
) -> Scenario:
    """Read and check a scenario file, or a built-in scenario by name.

    Parameters
    ----------
    source : str or path
        A TOML file, or the name of a built-in scenario (``"baseline"``). A string that
        ends in ``.toml``, contains a path separator or names an existing file is a file.
    date_range : (str, str), default ("2019-10", "2028-12")
        First and last simulated months; every date in the file must lie within.
    levers : mapping of str to Lever subclass, optional
        The levers a file may use (default: the installed ones,
        :func:`sdmig.policy.registry.available_levers`).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        One line per problem, each naming the file, the lever's position and name, the
        field, the value and what is allowed::

            binational.toml, lever 3 (pre_screening_hub): capacity = -500 is out of
            range; allowed 0 to 20000 people/month
    """
    loader = _Loader(date_range, levers)
    return loader.load(loader.ref(source), ())


@dataclass(frozen=True)
class _Ref:
    """Where a scenario's text comes from."""

    display: str
    key: str
    stem: str
    read: Any
    directory: Path | None = None


def _month(value: str, what: str) -> pd.Period:
    try:
        return pd.Period(value, freq="M")
    except (ValueError, TypeError):
        raise ScenarioError(f"`date_range` {what} = {value!r} is not a month 'YYYY-MM'") from None


def _toml_type(value: Any) -> str:
    kinds = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        (datetime.datetime, "a date-time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
    ]
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Loader:
    def __init__(self, date_range: tuple[str, str], levers: Mapping[str, type[Lever]] | None):
        if not (isinstance(date_range, Sequence) and len(date_range) == 2):
            raise ScenarioError(f"`date_range` = {date_range!r} must be (first, last) months")
        self.first = _month(date_range[0], "first")
        self.last = _month(date_range[1], "last")
        if self.last < self.first:
            raise ScenarioError(f"`date_range` ends ({self.last}) before it starts ({self.first})")
        self.levers = dict(available_levers() if levers is None else levers)
        self._builtins: dict[str, Any] | None = None

    @property
    def builtins(self) -> dict[str, Any]:
        if self._builtins is None:
            self._builtins = builtin_scenarios()
        return self._builtins

    # ------------------------------------------------------------------ sources
    def _file_ref(self, path: Path) -> _Ref:
        return _Ref(
            display=path.name,
            key=f"file:{path.resolve()}",
            stem=path.name.removesuffix(".toml"),
            read=path.read_bytes,
            directory=path.parent,
        )

    def _builtin_ref(self, name: str) -> _Ref:
        res = self.builtins[name]
        return _Ref(display=f"{name}.toml", key=f"builtin:{name}", stem=name, read=res.read_bytes)

    def _builtin_hint(self, name: str) -> str:
        names = list(self.builtins)
        close = difflib.get_close_matches(name, names, n=1)
        text = f" Did you mean {close[0]!r}?" if close else ""
        return text + f" Built-in scenarios: {', '.join(names) or 'none'}."

    def ref(self, source: str | os.PathLike) -> _Ref:
        if isinstance(source, os.PathLike):
            return self._file_ref(Path(source))
        if not isinstance(source, str):
            raise ScenarioError(f"scenario source {source!r} must be a file path or a name")
        path = Path(source)
        if source.endswith(".toml") or os.sep in source or "/" in source or path.exists():
            return self._file_ref(path)
        if source in self.builtins:
            return self._builtin_ref(source)
        raise ScenarioError(
            f"no scenario {source!r}: not a file and not a built-in scenario."
            + self._builtin_hint(source)
        )

    def _extends_ref(self, ref: _Ref, name: str) -> _Ref:
        stem = name.removesuffix(".toml")
        if ref.directory is not None:
            path = ref.directory / f"{stem}.toml"
            if path.is_file():
                return self._file_ref(path)
        if stem in self.builtins:
            return self._builtin_ref(stem)
        beside = f"no file {stem}.toml beside {ref.display} and " if ref.directory else ""
        raise ScenarioError(
            f"{ref.display}: extends = {name!r} names no scenario: {beside}no built-in "
            f"scenario of that name." + self._builtin_hint(stem)
        )

    # ------------------------------------------------------------------ parsing
    def load(self, ref: _Ref, chain: tuple[_Ref, ...]) -> Scenario:
        if any(r.key == ref.key for r in chain):
            cycle = " -> ".join(r.display for r in (*chain, ref))
            raise ScenarioError(
                f"{chain[0].display}: `extends` forms a cycle: {cycle}; a scenario cannot "
                "extend itself, directly or through others"
            )
        data = self._parse(ref)
        errors: list[str] = []
        for key in data:
            if key not in TOP_LEVEL_FIELDS:
                close = difflib.get_close_matches(key, TOP_LEVEL_FIELDS, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                errors.append(
                    f"{ref.display}: unknown field {key!r};{hint} allowed at the top level: "
                    f"{', '.join(TOP_LEVEL_FIELDS)} (levers go in [[lever]] tables)"
                )
        text_fields = {}
        for key in ("name", "description", "extends"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                errors.append(
                    f"{ref.display}: {key} = {_shown(value)} has the wrong type "
                    f"({_toml_type(value)}); expected a string"
                )
            else:
                text_fields[key] = value
        if text_fields.get("name") == "":
            errors.append(f"{ref.display}: name = '' must not be empty")
        tables = data.get("lever", [])
        if not isinstance(tables, list):
            errors.append(
                f"{ref.display}: lever = {_shown(tables)} has the wrong type "
                f"({_toml_type(tables)}); expected [[lever]] tables"
            )
            tables = []
        if errors:
            raise ScenarioError("\n".join(errors))
        parent = None
        if text_fields.get("extends"):
            parent = self.load(self._extends_ref(ref, text_fields["extends"]), (*chain, ref))
        own: list[tuple[Lever, str]] = []
        for i, table in enumerate(tables, 1):
            try:
                own.append(self._lever(table, ref.display, i))
            except ScenarioError as err:
                errors.append(str(err))
        benchmarks = list(parent.benchmarks) if parent else []
        bench_tables = data.get("benchmark", [])
        if not isinstance(bench_tables, list):
            errors.append(
                f"{ref.display}: benchmark = {_shown(bench_tables)} has the wrong "
                f"type ({_toml_type(bench_tables)}); expected [[benchmark]] tables"
            )
            bench_tables = []
        for i, table in enumerate(bench_tables, 1):
            try:
                benchmarks.append(
                    parse_benchmark(
                        table, f"{ref.display}, benchmark {i}", (str(self.first), str(self.last))
                    )
                )
            except ScenarioError as err:
                errors.append(str(err))
        if errors:
            raise ScenarioError("\n".join(errors))
        levers = list(parent.levers) if parent else []
        locations = list(parent.locations) if parent else []
        inherited = {lever.label: k for k, lever in enumerate(levers) if lever.label}
        for lever, loc in own:
            if lever.label in inherited:
                k = inherited.pop(lever.label)
                levers[k] = lever
                locations[k] = loc
            else:
                levers.append(lever)
                locations.append(loc)
        return Scenario(
            name=text_fields.get("name") or ref.stem,
            description=text_fields.get("description") or "",
            levers=tuple(levers),
            extends=text_fields.get("extends"),
            source=ref.display,
            locations=tuple(locations),
            benchmarks=tuple(benchmarks),
        )

    def _parse(self, ref: _Ref) -> dict:
        try:
            raw = ref.read()
        except FileNotFoundError:
            raise ScenarioError(f"{ref.display}: no such file") from None
        except OSError as err:
            raise ScenarioError(f"{ref.display}: cannot be read: {err.strerror or err}") from None
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            raise ScenarioError(f"{ref.display}: is not UTF-8 text") from None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ScenarioError(f"{ref.display}: not valid TOML: {err}") from None

    def _date(self, loc: str, key: str, value: Any) -> pd.Timestamp:
        expected = "expected a date 'YYYY-MM' or 'YYYY-MM-DD'"
        if isinstance(value, datetime.date):
            stamp = pd.Timestamp(value)
        elif isinstance(value, str):
            try:
                stamp = Timing(start=value).start
            except LeverError:
                raise ScenarioError(f"{loc}: {key} = {value!r} is not a date; {expected}") from None
        else:
            raise ScenarioError(
                f"{loc}: {key} = {_shown(value)} has the wrong type ({_toml_type(value)}); "
                f"{expected}"
            )
        month = stamp.to_period("M")
        if not self.first <= month <= self.last:
            shown = value if isinstance(value, str) else _shown(value)
            raise ScenarioError(
                f"{loc}: {key} = {shown} is outside the simulated range; allowed "
                f"{self.first} to {self.last}"
            )
        return stamp

    def _lever(self, table: Any, display: str, i: int) -> tuple[Lever, str]:
        loc = f"{display}, lever {i}"
        if not isinstance(table, dict):
            raise ScenarioError(
                f"{loc}: {_shown(table)} has the wrong type ({_toml_type(table)}); expected "
                "a [[lever]] table"
            )
        name = table.get("lever")
        if name is None:
            raise ScenarioError(
                f"{loc}: missing field 'lever', the name of an installed lever. Run "
                "'sdmig levers' to list installed levers."
            )
        if not isinstance(name, str):
            raise ScenarioError(
                f"{loc}: lever = {_shown(name)} has the wrong type ({_toml_type(name)}); "
                "expected the name of an installed lever"
            )
        cls = self.levers.get(name)
        if cls is None:
            raise ScenarioError(f"{loc}: {unknown_lever_message(name, self.levers)}")
        loc = f"{loc} ({name})"
        own = [f for f in dataclasses.fields(cls) if f.name not in BASE_FIELDS]
        allowed = [*COMMON_FIELDS, *TIMING_FIELDS, *(f.name for f in own)]
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise ScenarioError(
                    f"{loc}: unknown field {key!r};{hint} allowed: {', '.join(allowed[1:])}"
                )
        timing = self._timing(loc, table)
        kwargs: dict[str, Any] = {"timing": timing}
        if "label" in table:
            kwargs["label"] = self._typed(loc, "label", table["label"], str)
        for dim in TARGET_DIMS:
            if dim in table:
                value = table[dim]
                labels = [value] if isinstance(value, str) else value
                if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                    raise ScenarioError(
                        f"{loc}: {dim} = {_shown(value)} has the wrong type "
                        f"({_toml_type(value)}); expected a label or an array of labels"
                    )
                kwargs[dim] = tuple(labels)
        for key, units in (("monthly_cost", "USD/month"), ("setup_cost", "USD")):
            if key in table:
                kwargs[key] = self._number(loc, key, table[key], Param(units, low=0))
        hints = _type_hints(cls)
        for f in own:
            if f.name in table:
                p = cls.params.get(f.name)
                if p is not None:
                    kwargs[f.name] = self._number(loc, f.name, table[f.name], p)
                else:
                    kwargs[f.name] = self._typed(loc, f.name, table[f.name], hints.get(f.name))
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                p = cls.params.get(f.name)
                what = f" ({p.allowed()})" if p is not None else ""
                raise ScenarioError(f"{loc}: missing required field {f.name!r}{what}")
        try:
            return cls(**kwargs), loc
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _timing(self, loc: str, table: dict) -> Timing:
        if "start" not in table:
            raise ScenarioError(
                f"{loc}: missing field 'start', the date the lever starts ('YYYY-MM')"
            )
        kwargs: dict[str, Any] = {"start": self._date(loc, "start", table["start"])}
        if "end" in table:
            kwargs["end"] = self._date(loc, "end", table["end"])
        for key in ("ramp_months", "ramp_down_months"):
            if key in table:
                kwargs[key] = self._number(loc, key, table[key], Param("months", low=0))
        for key in ("shape", "phase"):
            if key in table:
                kwargs[key] = self._typed(loc, key, table[key], str)
        try:
            return Timing(**kwargs)
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _number(self, loc: str, key: str, value: Any, param: Param) -> float:
        if not _is_number(value):
            raise ScenarioError(
                f"{loc}: {key} = {_shown(value)} has the wrong type ({_toml_type(value)}); "
                f"expected a number, {param.allowed()}"
            )
        try:
            return param.check(key, value)
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _typed(self, loc: str, key: str, value: Any, hint: Any) -> Any:
        """Check a non-parameter field against its annotation (simple types only)."""
        hint = _strip_optional(hint)
        checks = {
            str: (lambda x: isinstance(x, str), "a string"),
            bool: (lambda x: isinstance(x, bool), "a boolean"),
            int: (lambda x: isinstance(x, int) and not isinstance(x, bool), "an integer"),
            float: (_is_number, "a number"),
        }
        if hint in checks:
            ok, expected = checks[hint]
            if not ok(value):
                raise ScenarioError(
                    f"{loc}: {key} = {_shown(value)} has the wrong type "
                    f"({_toml_type(value)}); expected {expected}"
                )
            return float(value) if hint is float else value
        if typing.get_origin(hint) in (tuple, list) and isinstance(value, list):
            return tuple(value)
        return value


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _type_hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError, AttributeError):  # unresolvable: no type check
        return {}


def _toml(value: Any, loc: str = "", key: str = "") -> str:
    """One TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        if math.isnan(x):
            return "nan"
        return format_number(x)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(x, loc, key) for x in value) + "]"
    raise ScenarioError(f"{loc}: {key} = {value!r} cannot be written to TOML")
