"""Binding a scenario to a model: the policy inputs and switch times a run needs.

:func:`bind_scenario` (what :meth:`Scenario.bind <sdmig.policy.scenario.Scenario.bind>` does)
checks a scenario against a model (inputs, dims, targeting labels) and returns a
:class:`BoundScenario`: composed inputs ``f(t, v)`` for ``stockflow.simulate(inputs=...)``,
the levers' switch times for ``stockflow.simulate(breakpoints=...)``, and the levers'
costs.

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
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import xarray as xr

import stockflow
from sdmig.errors import LeverError, ScenarioError
from sdmig.model.runner import run_model
from sdmig.policy.levers import (
    TARGET_DIMS,
    Lever,
)
from sdmig.policy.member_binding import _member_levers
from sdmig.policy.triggers import Latch, monitored_model, switch_month
from stockflow import Model, months_since

__all__ = ["BoundScenario", "ComposedInput", "bind_scenario"]

# Sub-steps per month when averaging a lever's cost rate over the month.
_COST_SUBSTEPS = 64


def bind_scenario(
    scenario: Any,
    model: Model | stockflow.CompiledModel,
    *,
    member_values: Mapping[str, Mapping[str, Any]] | None = None,
) -> BoundScenario:
    """Check `scenario` against `model` and prepare what a run needs.

    The model is only read, never changed. :meth:`sdmig.policy.scenario.Scenario.bind`
    calls this.

    Parameters
    ----------
    scenario : Scenario
    model : stockflow.Model or stockflow.CompiledModel
    member_values : mapping, optional
        ``{lever label: {field: values}}``: per-member values, each of shape
        ``(n_members,)``, of levers' parameters or timing fields (see
        :mod:`sdmig.policy.member_binding`).

    Returns
    -------
    BoundScenario

    Raises
    ------
    ScenarioError
        A lever acts on something that is not a policy input of `model`, targets a
        dimension the input lacks or a label the model does not have, or two "set"
        levers overlap; bad member values. Every problem is listed, one per line.

    Examples
    --------
    >>> from sdmig.model.border import BorderModel
    >>> from sdmig.policy.scenario import load_scenario
    >>> bound = bind_scenario(load_scenario("baseline"), BorderModel().stockflow_model)
    >>> "expulsion_share" in bound.inputs
    True
    """
    if isinstance(model, stockflow.CompiledModel):
        model = model.model
    levers = tuple(lever.in_months(model.start) for lever in scenario.levers)
    triggers = {
        label: lever.trigger
        for label, lever in zip(scenario.labels, levers, strict=True)
        if lever.trigger is not None
    }
    if triggers:
        try:
            model = monitored_model(model, triggers)
        except ScenarioError as err:
            where = scenario.source or f"scenario {scenario.name!r}"
            raise ScenarioError(f"{where}: {err}") from None
    n_members, varying = None, frozenset()
    if member_values:
        levers, varying, n_members = _member_levers(scenario, levers, member_values, model)
    inputs = [v for v in model.variables.values() if v.kind == "input"]
    input_names = ", ".join(v.name for v in inputs) or "none"
    errors: list[str] = []
    terms: dict[str, dict[str, list[_Term]]] = {}
    latches: dict[str, Latch] = {}
    logs: dict[str, _StateLog] = {}
    for label, lever, loc in zip(scenario.labels, levers, scenario.locations, strict=True):
        latch = None
        log = logs[label] = _StateLog() if type(lever).weight is not Lever.weight else None
        if lever.trigger is not None:
            previous = lever.trigger.continues
            if previous is not None and previous not in latches:
                errors.append(
                    f"{loc}: trigger continues = {previous!r}, which is not the label of "
                    "a triggered lever listed before it; triggered levers: "
                    f"{', '.join(latches) or 'none'}"
                )
            latch = latches[label] = Latch(
                lever.trigger,
                lever.trigger.stock_name(label),
                lever.timing.window(),
                latches.get(previous) if previous else None,
            )
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
                _Term(lever, loc, mask, n_members if id(lever) in varying else 0, latch, log)
            )
        errors += _untargetable(lever, loc, model)
    if not errors:
        errors = _set_conflicts(levers, scenario.locations)
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
        scenario=scenario,
        model=model,
        levers=levers,
        inputs=types.MappingProxyType(composed),
        breakpoints=tuple(breakpoints),
        n_members=n_members,
        latches=types.MappingProxyType(latches),
        logs=types.MappingProxyType({k: v for k, v in logs.items() if v is not None}),
    )


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
    latch: Latch | None = None  # the lever's trigger state, when it has a trigger
    log: _StateLog | None = None  # the state-aware part of its weight, as the run went


class _StateLog:
    """The state-aware factor of a lever's weight (``weight(t, v) / timing weight``, mean
    over members) at each time the integrator evaluated it; earlier times are looked up,
    a new run (time 0) starts afresh. Costs use it: a lever is charged as it acted."""

    def __init__(self):
        self.times: list[float] = []
        self.values: list[float] = []
        # what stockflow's compiled kernel calls instead (after the run, in order)
        self.probe = stockflow.Probe(self.record)

    def record(self, t: float, factor: Any) -> None:
        t = float(t)
        if t <= 0.0 or not self.times:
            self.times, self.values = [], []
        if not self.times or t > self.times[-1]:
            self.times.append(t)
            self.values.append(float(np.mean(factor)))

    def at(self, times: np.ndarray) -> np.ndarray:
        if not self.times:
            return np.ones_like(times, dtype=float)
        idx = np.searchsorted(np.asarray(self.times), times, side="right") - 1
        return np.asarray(self.values)[np.maximum(idx, 0)]


def _canonical(terms: list[_Term]) -> tuple[_Term, ...]:
    return tuple(sorted(terms, key=lambda term: (term.lever.name, repr(term.lever))))


@dataclass(frozen=True, eq=False)
class ComposedInput:
    """The value of one policy input under a scenario: ``f(t, v)`` for stockflow.

    Calling it returns an array of shape ``(1 or n_members, *dims)``; see the composition
    rules in :mod:`sdmig.policy.binding`. Made by :func:`bind_scenario`.

    Parameters
    ----------
    name : str
        The policy input.
    dims : tuple of str
        Its dimensions.
    default : numpy.ndarray
        Its value without levers.
    sets, multipliers, additions : tuple
        The levers acting on it by each mode, in canonical order.
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
        if stockflow.is_symbolic(t):
            return self._traced(term, t, v)
        nd = len(self.dims)
        w = np.asarray(term.lever.weight(t, v), dtype=float)
        if term.log is not None:
            tw = np.asarray(term.lever.timing.weight(t), dtype=float)
            term.log.record(t, np.where(tw > 0, w / np.where(tw > 0, tw, 1.0), 1.0))
        if term.latch is not None:  # always advanced, so that its clock follows the run
            w = w * term.latch(t, v)
            if not w.any():
                return None
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

    def _traced(self, term: _Term, t: Any, v: Any) -> tuple[Any, Any]:
        """:meth:`_weighted` traced by stockflow's compiled kernel: the same arithmetic
        (the log of a state-aware weight through a :class:`stockflow.Probe`), without
        leaving out a term that is off (its weight is then 0 and the term changes nothing:
        ``x + 0 * (e - x)``)."""
        nd = len(self.dims)
        w = term.lever.weight(t, v)
        if term.log is not None:  # the kernel keeps the factor and hands it to the log
            tw = term.lever.timing.weight(t)
            term.log.probe(t, np.where(tw > 0, w / np.where(tw > 0, tw, 1.0), 1.0))
        if term.latch is not None:
            w = w * term.latch(t, v)
        if not stockflow.is_symbolic(w):
            w = np.asarray(w, dtype=float)
        if w.ndim == 1:
            w = w.reshape(-1, *(1,) * nd)
        elif w.ndim != 0:
            raise LeverError(
                f"{term.location}: weight() returned an array of shape {w.shape}; expected "
                "a scalar or one value per member, shape (n_members,)"
            )
        if term.mask is not None:
            w = w * term.mask
        e = term.lever.effect(t, v)[self.name]
        if not stockflow.is_symbolic(e):
            e = np.asarray(e, dtype=float)
        if term.members and nd > 0 and e.shape == (term.members,):
            e = e.reshape(-1, *(1,) * nd)
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

    Made by :meth:`Scenario.bind <sdmig.policy.scenario.Scenario.bind>`, not by hand.

    Parameters
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
    latches : mapping of str to Latch
        The state of each triggered lever, by label.
    logs : mapping of str to _StateLog
        The state-aware part of each state-aware lever's weight, as the last run went.

    Examples
    --------
    >>> from sdmig.model.border import BorderModel
    >>> from sdmig.policy.scenario import load_scenario
    >>> bound = load_scenario("baseline").bind(BorderModel().stockflow_model)
    >>> ds = bound.simulate("2019-12", variables=["encounters"])  # through run_model
    >>> cost = bound.cost(ds.time)  # USD per lever and month
    >>> cost.dims
    ('lever', 'time')
    """

    scenario: Any
    model: Model
    levers: tuple[Lever, ...]
    inputs: Mapping[str, ComposedInput]
    breakpoints: tuple[float, ...]
    n_members: int | None = None
    latches: Mapping[str, Latch] = field(default_factory=dict)
    logs: Mapping[str, _StateLog] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        """One unique label per lever (see :attr:`Scenario.labels`)."""
        return self.scenario.labels

    def compiled(self) -> stockflow.CompiledModel:
        """:attr:`model` compiled (once). With triggers, :attr:`model` is a copy of the model
        bound to, with the triggers' averaging stocks; run that one.

        Returns
        -------
        stockflow.CompiledModel
        """
        cached = self.__dict__.get("_compiled")
        if cached is None:
            cached = stockflow.compile_model(self.model)
            object.__setattr__(self, "_compiled", cached)
        return cached

    def trigger_states(self, times: Any) -> xr.DataArray | None:
        """Each triggered lever's state (1 on, 0 off) at the end of each month of the last
        run, ``(trigger, time[, member])``; None without triggers.

        Parameters
        ----------
        times : sequence of date-like, or DataArray
            The run's months (``ds.time``); the state of a month is the state at its end,
            when the run records it.

        Returns
        -------
        xarray.DataArray or None
            ``trigger_active``, 1 on and 0 off, dims ``(trigger, time[, member])``.
        """
        if not self.latches:
            return None
        if isinstance(times, xr.DataArray):
            times = times.values
        index = pd.Index(times)
        t_end = [months_since(self.model.start, x) + 1.0 for x in index]
        data = np.stack([latch.state_at(t_end) for latch in self.latches.values()])
        dims: tuple[str, ...] = ("trigger", "time", "member")
        if data.shape[-1] == 1 and self.n_members is None:
            data, dims = data[..., 0], ("trigger", "time")
        return xr.DataArray(
            data,
            dims=dims,
            coords={"trigger": list(self.latches), "time": index},
            name="trigger_active",
            attrs={"units": "1", "long_name": "triggered lever on (1) or off (0) at month end"},
        )

    def trigger_switches(self) -> str:
        """The switching months of every trigger in the last run, for reports.

        Returns
        -------
        str
            ``"proclamation_2024: on 2024-06, off 2025-03"`` (member 0; "; " between
            levers); empty without triggers.
        """
        parts = []
        for label, latch in self.latches.items():
            events = [
                f"{what} {switch_month(self.model.start, t)}"
                for t, member, what in latch.switches()
                if member == 0
            ]
            parts.append(f"{label}: {', '.join(events) or 'never on'}")
        return "; ".join(parts)

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
            its ``setup_cost`` in the month its start falls in. After a run, a lever
            that acted only part of the time is charged only for that time: a triggered
            lever while its trigger was on, a state-aware lever (aid conditional on a
            benchmark) in proportion to its state-aware weight, as disbursed (the mean
            over members).

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
        for i, (label, lever) in enumerate(zip(self.labels, self.levers, strict=True)):
            rate = np.broadcast_to(np.asarray(lever.cost_rate(grid), dtype=float), grid.shape)
            if label in self.latches and self.latches[label].times:
                on = self.latches[label].state_at(grid.ravel()).mean(axis=-1)
                rate = rate * on.reshape(grid.shape)
            if label in self.logs:
                rate = rate * self.logs[label].at(grid.ravel()).reshape(grid.shape)
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
        """Run :attr:`model` under the scenario through the month `end`.

        Bound with member values, the run integrates all :attr:`n_members` members in one
        chunk (``chunk_size`` at least ``n_members``).

        Parameters
        ----------
        end : date-like or int
            Last simulated month, or a number of months.
        **kwargs
            ``params``, ``n_members``, ``method``, ``dt``, ``variables``, ... for
            :func:`sdmig.model.runner.run_model`; not ``inputs`` or ``breakpoints``,
            which come from the scenario.

        Returns
        -------
        xarray.Dataset
            As :func:`stockflow.simulate` returns (without ``lever_cost``).

        Raises
        ------
        TypeError
            `inputs` or `breakpoints` are passed.
        stockflow.DeclarationError, stockflow.IntegrationError
            As :func:`stockflow.simulate` raises them.
        """
        for key in ("inputs", "breakpoints"):
            if key in kwargs:
                raise TypeError(f"`{key}` comes from the scenario; it cannot be passed too")
        return run_model(self.compiled(), end, bound=self, **kwargs)
