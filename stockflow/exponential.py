"""Exponential integrators: fixed steps that treat each stock's drains exactly.

A stock-and-flow model is mostly drains: ``waiting / wait_time``, the stages of a delay,
the adjustment of a smooth. An explicit step must be much shorter than the shortest of
those time constants; these methods take steps longer than them.

At each evaluation the net rate of every stock element is split into a first-order decay
and the rest, ``dy/dt = c - k y``:

- the flows that leave the stock (it is their ``source``) give ``k_out = O / y``, their
  positive total over the stock (exact for a ``stock / tau`` outflow, the secant for any
  other);
- a flow into the stock from outside (no ``source``) whose equation reads the stock itself,
  as a smooth's adjustment does, gives ``k_self = -dF/dy``, found by evaluating that one
  equation at a nudged stock with everything else held; its value plus ``k_self y`` goes
  into ``c``;
- every other flow into the stock from outside is a rate in ``c``; a flow from another
  stock brings the *amount* that stock gave up in the same step.

With ``k`` and ``c`` held over a step of length ``h`` the decay is solved exactly:
``y(h) = y e^{-kh} + h c phi1(-kh)`` with ``phi1(z) = (e^z - 1) / z`` (and
``phi2(z) = (e^z - 1 - z) / z^2`` for a rate that varies linearly over the step, both
taken from their series near 0). The amount that left over the step is
``y + (what came in) - y(h)``; it is shared among the outflows in proportion to their
rates and enters their targets in the same step: the stocks are stepped in the order of
the flows between them (upstream first), so that people are conserved exactly, and a
stock never goes negative while its inflows are non-negative.

``'exp-euler'``
    One evaluation per step, first order (exponential Euler).
``'exp-heun'``
    Two evaluations per step, second order: an exponential-Euler predictor to the end of
    the step, then a corrector in which the stock decays at the mean of the rates ``k`` at
    the two ends, and the rates in ``c`` vary linearly between them and meet the decay
    rate of the end of the step (exponential trapezoid, of the ETD2 kind: exact for the
    quasi-steady state of a fast drain, ``c / k``).

Limits: an outflow that runs backwards (a negative rate), and the outflow of a stock
that holds nothing or less, are stepped explicitly, as Euler would. In a loop of flows
between stocks (A to B and back), one flow of the loop enters its target at its rate
rather than as an amount; the difference is settled at the end of the step, so people
are still conserved, but positivity is no longer guaranteed for that target.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockflow.compile import EMPTY, CompiledModel, Values, _trace_members, _Tracer

EXPONENTIAL = ("exp-euler", "exp-heun")
#: The limiter's time constant for non-negative stocks [months], as for ``solve_ivp``: the
#: exponential step keeps stocks positive itself, so the model's flows are left as asked.
TAU_MIN = 1e-3
# |z| below which phi1 and phi2 come from their Taylor series (relative error < 1e-15)
_SERIES = 1e-2


def phi(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(e^z, phi1(z), phi2(z))`` for ``z <= 0``, accurate near 0.

    Parameters
    ----------
    z : numpy.ndarray
        ``-k h``: minus the decay rate times the step.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        ``e^z``, ``phi1 = (e^z - 1) / z`` and ``phi2 = (e^z - 1 - z) / z^2``; at ``z = 0``
        they are 1, 1 and 1/2.

    Examples
    --------
    >>> e, p1, p2 = phi(np.array([0.0, -1.0]))
    >>> [round(float(x), 6) for x in (p1[0], p2[0], p1[1], p2[1])]
    [1.0, 0.5, 0.632121, 0.367879]
    """
    z = np.asarray(z, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        em1 = np.expm1(z)
        phi1 = em1 / z
        phi2 = (em1 - z) / (z * z)
    small = np.abs(z) < _SERIES
    if small.any():
        phi1 = np.where(
            small,
            1 + z * (1 / 2 + z * (1 / 6 + z * (1 / 24 + z * (1 / 120 + z * (1 / 720 + z / 5040))))),
            phi1,
        )
        phi2 = np.where(
            small,
            1 / 2 + z * (1 / 6 + z * (1 / 24 + z * (1 / 120 + z * (1 / 720 + z / 5040)))),
            phi2,
        )
    return em1 + 1.0, phi1, phi2


@dataclass(frozen=True)
class _Link:
    """A flow touching a stock: its name and the axes of the flow the stock lacks."""

    flow: str
    axes: tuple[int, ...]


@dataclass(frozen=True)
class _StockPlan:
    name: str
    start: int
    stop: int
    shape: tuple[int, ...]
    outs: tuple[_Link, ...]  # flows with this stock as their source
    transfers: tuple[tuple[_Link, bool], ...]  # flows in from another stock; True: loop edge
    boundary: tuple[_Link, ...]  # flows in from outside
    own: tuple[_Link, ...]  # flows in from outside whose equation reads this stock


class Plan:
    """What the exponential step needs to know of a compiled model, found once.

    Parameters
    ----------
    cm : CompiledModel
    """

    def __init__(self, cm: CompiledModel):
        model = cm.model
        flows = {f.name: f for f in model.of_kind("flow")}
        slots = {s.name: s for s in cm.stocks}
        # flow -> (its source stock, the axes of the flow that stock lacks)
        self.sources = {f: (s.name, axes) for s in cm.stocks for f, axes in s.outflows}
        order = _stock_order(cm.stocks, flows)
        position = {name: i for i, name in enumerate(order)}
        reads = _reads_own_stock(cm, flows)
        plans = []
        for name in order:
            s = slots[name]
            transfers, boundary, own = [], [], []
            for f, axes in s.inflows:
                link = _Link(f, axes)
                src = flows[f].source
                if src is not None:
                    transfers.append((link, position[src] >= position[name]))
                elif f in reads:
                    own.append(link)
                else:
                    boundary.append(link)
            plans.append(
                _StockPlan(
                    name,
                    s.start,
                    s.stop,
                    s.shape,
                    tuple(_Link(f, axes) for f, axes in s.outflows),
                    tuple(transfers),
                    tuple(boundary),
                    tuple(own),
                )
            )
        self.stocks: list[_StockPlan] = plans
        # loop edges: (flow, target plan, axes)
        self.loop_edges = [(link, p) for p in plans for link, back in p.transfers if back]


_PLANS: weakref.WeakKeyDictionary[CompiledModel, Plan] = weakref.WeakKeyDictionary()


def plan_for(cm: CompiledModel) -> Plan:
    """The :class:`Plan` of `cm`, built on first use and kept while `cm` lives.

    Parameters
    ----------
    cm : CompiledModel

    Returns
    -------
    Plan
    """
    plan = _PLANS.get(cm)
    if plan is None:
        plan = _PLANS[cm] = Plan(cm)
    return plan


def _stock_order(stocks, flows) -> list[str]:
    """Stocks upstream first along the flows between them (reverse post-order of a DFS)."""
    down: dict[str, list[str]] = {s.name: [] for s in stocks}
    for f in flows.values():
        if f.source is not None and f.target is not None:
            down[f.source].append(f.target)
    seen: set[str] = set()
    post: list[str] = []
    for root in down:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(down[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                post.append(node)
                stack.pop()
            elif child not in seen:
                seen.add(child)
                stack.append((child, iter(down[child])))
    return post[::-1]


def _reads_own_stock(cm: CompiledModel, flows) -> set[str]:
    """Flows from outside whose equation reads their target stock directly."""
    model = cm.model
    n_trace = _trace_members(model)
    dummies: dict[str, Any] = dict(model.lookups)
    dummies["t"] = 0.0
    for name, v in model.variables.items():
        dummies[name] = np.full((n_trace, *model.shape(v.dims)), 0.5)
    out = set()
    for name, f in flows.items():
        if f.source is not None or f.target is None:
            continue
        tracer = _Tracer(dummies, name)
        with np.errstate(all="ignore"):
            f.equation(tracer)
        if f.target in tracer.read:
            out.add(name)
    return out


def _reduce(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    return np.add.reduce(x, axis=axes) if axes else x


def _expand(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    for a in axes:
        x = np.expand_dims(x, a)
    return x


def _view(y: np.ndarray, start: int, stop: int, shape: tuple[int, ...]) -> np.ndarray:
    return y[start:stop].T.reshape((y.shape[1], *shape), copy=False)


class _Stage:
    """The model evaluated at one time and state, split into decay rates and the rest."""

    def __init__(self, cm: CompiledModel, plan: Plan, t: float, y: np.ndarray, consts, inputs):
        ns = cm.evaluate(t, y, consts, inputs, tau_min=TAU_MIN)
        with np.errstate(divide="ignore", invalid="ignore"):
            self._split(cm, plan, ns, y)

    def _split(self, cm: CompiledModel, plan: Plan, ns: dict[str, Any], y: np.ndarray) -> None:
        self.flows = {f: np.asarray(ns[f], dtype=float) for f in cm.flow_names}
        ys = {p.name: _view(y, p.start, p.stop, p.shape) for p in plan.stocks}
        self.drain: dict[str, np.ndarray] = {}  # P: the part of a sourced flow that drains it
        self.explicit: dict[str, np.ndarray] = {}  # X: the rest, stepped at its rate
        for f, (src, axes) in plan.sources.items():
            value = self.flows[f]
            live = _expand(ys[src] > EMPTY, axes)
            if live.all() and (value >= 0).all():
                self.drain[f], self.explicit[f] = value, None
            else:
                self.drain[f] = np.where(live, np.maximum(value, 0.0), 0.0)
                self.explicit[f] = value - self.drain[f]
        self.k_out: dict[str, np.ndarray] = {}
        self.out_total: dict[str, np.ndarray] = {}
        self.k_own: dict[str, np.ndarray] = {}  # per own flow, flow-shaped
        self.c_own: dict[str, np.ndarray] = {}
        self.rate: dict[str, np.ndarray] = {}  # c without the transfers' drained parts
        self._k: dict[str, np.ndarray] = {}  # the decay rates, once asked for
        for p in plan.stocks:
            s = ys[p.name]
            rate = total = None
            for link in p.outs:
                total = _plus(total, _reduce(self.drain[link.flow], link.axes))
                x = self.explicit[link.flow]
                if x is not None:
                    rate = _plus(rate, -_reduce(x, link.axes))
            if total is not None:
                self.k_out[p.name] = np.where(s > EMPTY, total / s, 0.0)
                self.out_total[p.name] = total
            for link, _ in p.transfers:
                x = self.explicit[link.flow]
                if x is not None:
                    rate = _plus(rate, _reduce(x, link.axes))
            for link in p.boundary:
                rate = _plus(rate, _reduce(self.flows[link.flow], link.axes))
            for link in p.own:
                kf, cf = _own_decay(cm, ns, link.flow, p.name, s, self.flows[link.flow], link.axes)
                self.k_own[link.flow], self.c_own[link.flow] = kf, cf
                rate = _plus(rate, _reduce(cf, link.axes))
            # laid out like the stock's view of the state (mixed memory orders are slow)
            self.rate[p.name] = np.zeros_like(s) if rate is None else rate

    def k(self, p: _StockPlan) -> np.ndarray:
        """The decay rate of stock `p`'s elements (`p` has outflows or own flows)."""
        total = self._k.get(p.name)
        if total is None:
            total = self.k_out.get(p.name)
            for link in p.own:
                total = _plus(total, _reduce(self.k_own[link.flow], link.axes))
            self._k[p.name] = total
        return total


def _plus(total: np.ndarray | None, x: np.ndarray) -> np.ndarray:
    return x if total is None else total + x


def _own_decay(cm, ns, flow, stock, s, value, axes):
    """``(k, c)`` with ``value = c - k s`` near `s`: the flow's decay rate on its own target."""
    delta = 1e-6 * np.maximum(np.abs(s), 1.0)
    nudged = dict(ns)
    nudged[stock] = s + delta
    with np.errstate(all="ignore"):
        moved = np.asarray(cm.equations[flow](Values(nudged)), dtype=float)
    slope = (moved - value) / _expand(delta, axes)
    k = np.maximum(-slope, 0.0)
    return k, value + k * _expand(s, axes)


def _avg(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if b is None or a is None:
        return a
    return 0.5 * (a + b)


def _sweep(plan: Plan, y: np.ndarray, h: float, a: _Stage, b: _Stage | None, tracked=()):
    """One step from `y`: the new stock values and the amounts of the `tracked` flows.

    Uses the rates of stage `a` alone (exponential Euler) or of `a` and `b` at the two ends
    of the step (the second-order corrector).
    """
    new: dict[str, np.ndarray] = {}
    amount: dict[str, np.ndarray] = {}
    drained: dict[str, np.ndarray] = {}
    loop_guess: dict[str, np.ndarray] = {}
    for p in plan.stocks:
        s = _view(y, p.start, p.stop, p.shape)
        if not (p.outs or p.own):  # nothing decays: a sum of what comes in
            k = None
            e, phi1, phi2 = 1.0, 1.0, 0.5
        elif b is None:
            k = a.k(p)
            e, phi1, phi2 = phi(-h * k)
        else:
            # the stock decays at the mean rate; what enters late in the step meets the
            # rate at the end (the right quasi-steady state when the decay is fast)
            k_end = b.k(p)
            k = 0.5 * (a.k(p) + k_end)
            e = np.exp(-h * k)
            _, phi1, phi2 = phi(-h * k_end)
        ra = a.rate[p.name]
        if b is None:
            gained, entered = h * ra * phi1, h * ra
        else:
            rb = b.rate[p.name]
            gained = h * (ra * (phi1 - phi2) + rb * phi2)
            entered = 0.5 * h * (ra + rb)
        for link, back in p.transfers:
            f, axes = link.flow, link.axes
            pa = a.drain[f]
            if back:  # the upstream stock is stepped later: its rate for now
                loop_guess[f] = t_in = h * (pa if b is None else 0.5 * (pa + b.drain[f]))
            else:
                t_in = drained[f]
            if k is None:
                weight = 1.0
            elif b is None:
                weight = _expand(phi1, axes)
            else:
                pb = b.drain[f]
                mean = 0.5 * (pa + pb)
                weight = np.where(
                    mean > 0,
                    (pa * _expand(phi1 - phi2, axes) + pb * _expand(phi2, axes)) / mean,
                    _expand(phi1, axes),
                )
            gained = gained + _reduce(t_in * weight, axes)
            entered = entered + _reduce(t_in, axes)
        if k is None:
            new[p.name] = s + entered
            for link in p.boundary:
                if link.flow in tracked:
                    amount[link.flow] = h * _avg(a.flows[link.flow], _get(b, "flows", link.flow))
            continue
        value = s * e + gained
        lost = s + entered - value  # what the decay took over the step, >= 0
        per_k = np.where(k > 0, lost / k, 0.0)  # lost per unit of decay rate
        if p.outs:
            k_out = a.k_out[p.name] if b is None else 0.5 * (a.k_out[p.name] + b.k_out[p.name])
            out_total = _avg(a.out_total[p.name], None if b is None else b.out_total[p.name])
            per_rate = np.where(out_total > 0, per_k * k_out / out_total, 0.0)
            for link in p.outs:
                f = link.flow
                mean = a.drain[f] if b is None else 0.5 * (a.drain[f] + b.drain[f])
                drained[f] = _expand(per_rate, link.axes) * mean
                if f not in tracked:
                    continue
                x = a.explicit[f]
                if b is not None and (x is not None or b.explicit[f] is not None):
                    x = 0.5 * (_zero(x, mean) + _zero(b.explicit[f], mean))
                amount[f] = drained[f] if x is None else drained[f] + h * x
        for link in p.boundary:
            if link.flow in tracked:
                amount[link.flow] = h * _avg(a.flows[link.flow], _get(b, "flows", link.flow))
        for link in p.own:
            f = link.flow
            if f not in tracked:
                continue
            kf = _avg(a.k_own[f], _get(b, "k_own", f))
            cf = _avg(a.c_own[f], _get(b, "c_own", f))
            amount[f] = h * cf - _expand(per_k, link.axes) * kf
        new[p.name] = value
    for link, p in plan.loop_edges:  # settle the loop edges: their true amount arrives
        new[p.name] = new[p.name] + _reduce(drained[link.flow] - loop_guess[link.flow], link.axes)
    for f in tracked:  # a flow between no stocks: its rate over the step
        if f not in amount:
            amount[f] = h * _avg(a.flows[f], _get(b, "flows", f))
    return new, amount


def _zero(x, like):
    return np.zeros_like(like) if x is None else x


def _get(stage: _Stage | None, what: str, key: str):
    return None if stage is None else getattr(stage, what)[key]


def _write(cm: CompiledModel, plan: Plan, y: np.ndarray, new, amount=None) -> None:
    for p in plan.stocks:
        _view(y, p.start, p.stop, p.shape)[...] = new[p.name]
    if amount is not None:
        for f, start, shape in cm.flow_slots:
            _view(y, start, start + math.prod(shape), shape)[...] += amount[f]


def exponential_step(
    cm: CompiledModel,
    y: np.ndarray,
    t: float,
    h: float,
    t_end: float,
    consts: dict[str, Any],
    inputs: dict[str, Callable],
    method: str,
) -> int:
    """Advance the state `y` (shape ``(n_state, k)``) by one step of `h` months, in place.

    Parameters
    ----------
    cm : CompiledModel
    y : numpy.ndarray
        The state at time `t`: stocks, then the accumulators of the tracked flows.
    t, h : float
        Start and length of the step [months].
    t_end : float
        Latest time at which the model may be evaluated (just before the segment's
        breakpoint): the end of the step is evaluated at ``min(t + h, t_end)``.
    consts, inputs : dict
        As for :meth:`CompiledModel.evaluate`.
    method : {'exp-euler', 'exp-heun'}

    Returns
    -------
    int
        Evaluations of the model made (1 or 2).

    Raises
    ------
    ValueError
        An unknown `method`.
    """
    if method not in EXPONENTIAL:
        raise ValueError(f"`method` must be one of {EXPONENTIAL}, got {method!r}")
    plan = plan_for(cm)
    tracked = {f for f, _, _ in cm.flow_slots}
    a = _Stage(cm, plan, t, y, consts, inputs)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 and 1/0 are masked out
        if method == "exp-euler":
            _write(cm, plan, y, *_sweep(plan, y, h, a, None, tracked))
            return 1
        predicted, _ = _sweep(plan, y, h, a, None)
    y_pred = y.copy()
    _write(cm, plan, y_pred, predicted)
    b = _Stage(cm, plan, min(t + h, t_end), y_pred, consts, inputs)
    with np.errstate(divide="ignore", invalid="ignore"):
        _write(cm, plan, y, *_sweep(plan, y, h, a, b, tracked))
    return 2
