"""The exponential methods (``'exp-euler'``, ``'exp-heun'``) in the compiled kernel.

:mod:`stockflow.exponential` splits, at each evaluation, every stock element's net rate
into a decay ``k y`` and the rest ``c``, and steps the decay exactly. In NumPy that split
is bookkeeping over whole arrays (masks, reductions, a dictionary per stage); here it is
traced, element by element, into the same graph of scalar operations as the model's
equations (:mod:`stockflow.trace`), and :mod:`stockflow.codegen`'s emitter writes it into
the kernel: a few fused operations per stock element, inside the loop over members.

:func:`exp_graph` adds to a traced model's graph, in the order
:mod:`stockflow.exponential` computes them:

- the non-negativity limiter with ``tau_min`` = :data:`~stockflow.exponential.TAU_MIN`,
  as selects;
- the stage: per sourced flow element its drained part and the rest, per stock element
  the decay rate of its outflows, the rates of its inflows, and for an inflow that reads
  its own target (a smooth's adjustment) the slope found by tracing that one equation
  again at the nudged stock, everything else held;
- the sweep over the stocks, upstream first: ``phi1`` and ``phi2`` (their series for
  ``|z| < 0.01``, as :func:`~stockflow.exponential.phi`), the new stock, what left it and
  how it is shared among its outflows, which enter their targets as amounts; the loop
  edges settled at the end; the flows' accumulators.

The generated C has, for ``'exp-euler'``, one function over the members of a block,
``xeuler``: the stage and the sweep fused; for ``'exp-heun'``, three: ``xstage`` (the
model and the split, written to a buffer; called at the start of the step and, at the
predicted stocks, at its end), ``xpred`` (the predictor: the stocks at the end of the step
from the first buffer) and ``xcorr`` (the corrector from both buffers), so that the
model's code is compiled once.

``run_block_exp`` runs them over every step of a run, recording at month ends as the
Euler/RK4 loop does; the latches of the inputs (:mod:`stockflow.latch_kernel`) are
advanced in the functions that evaluate the model (``xeuler``, ``xstage``). The arithmetic
is the NumPy path's, operation for operation and in the same order (``-ffp-contract=off``),
with the C library's scalar ``exp``, ``expm1``, ``log`` and ``pow``, which NumPy calls on
x86-64 without AVX-512 (:func:`vector_math` switches to glibc's vector functions). The
NumPy path takes a shortcut when every drain of a chunk is live and non-negative (it
leaves out terms that are then exactly zero), which changes at most the sign of a zero.
The rounding matters more here than for Euler and RK4: a smooth's decay rate is a
difference quotient at a stock nudged by a millionth, which turns a last-bit difference
in the stock into a much larger one in the rate.

Some values are loaded from other arrays than the stage's state; they are leaves
``("state", array, row)`` of the graph (a leaf that depends on the state): ``"C"`` the
state at the start of the step, ``"QA"`` and ``"QB"`` the stages' buffers, ``"h"`` the
step.
"""

from __future__ import annotations

import ctypes
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockflow import latch_kernel
from stockflow.codegen import Emitter
from stockflow.compile import EMPTY, CompiledModel
from stockflow.exponential import _SERIES, TAU_MIN, Plan, plan_for
from stockflow.trace import (
    STATE,
    Graph,
    LookupCall,
    Node,
    Sym,
    TraceNamespace,
    Untraceable,
    elements,
)

__all__ = ["ExpGraph", "exp_graph", "run_exp_kernel", "run_exp_stepped", "vector_math"]

Ids = list[int]  # node ids, one per element


class _Ops:
    """Node-building shorthand over a :class:`~stockflow.trace.Graph`."""

    def __init__(self, g: Graph):
        self.g = g

    def c(self, x: float) -> int:
        return self.g.const(float(x))

    def __call__(self, name: str, *args: int) -> int:
        return self.g.op(name, *args)

    def each(self, name: str, *lists) -> Ids:
        """The operation element by element (a float stands for a constant)."""
        n = max(len(x) for x in lists if isinstance(x, list))
        cols = [x if isinstance(x, list) else [self.c(x)] * n for x in lists]
        return [self.g.op(name, *args) for args in zip(*cols, strict=True)]


@dataclass(frozen=True)
class _Map:
    """How a flow meets a stock: the stock element of each flow element."""

    to_stock: tuple[int, ...]
    n_stock: int

    def reduce(self, o: _Ops, x: Ids) -> Ids:
        """``np.add.reduce`` over the axes the stock lacks, in C order (left to right)."""
        out: list[int | None] = [None] * self.n_stock
        for fe, se in enumerate(self.to_stock):
            out[se] = x[fe] if out[se] is None else o("add", out[se], x[fe])
        return out  # type: ignore[return-value]

    def expand(self, x: Ids) -> Ids:
        """A stock-shaped value broadcast over the flow's extra axes."""
        return [x[se] for se in self.to_stock]


def _map(cm: CompiledModel, flow: str, axes: tuple[int, ...], shape: tuple[int, ...]) -> _Map:
    fshape = cm.shapes[flow]
    keep = [a for a in range(len(fshape)) if (a + 1) not in axes]
    to = []
    for idx in np.ndindex(*fshape) if fshape else [()]:
        kept = tuple(idx[a] for a in keep)
        to.append(int(np.ravel_multi_index(kept, shape)) if shape else 0)
    return _Map(tuple(to), math.prod(shape))


def _plus(o: _Ops, total: Ids | None, x: Ids) -> Ids:
    return x if total is None else o.each("add", total, x)


@dataclass
class _Stage:
    """One evaluation split into decay rates and the rest (``exponential._Stage``)."""

    flows: dict[str, Ids]
    drain: dict[str, Ids]
    explicit: dict[str, Ids]
    k_out: dict[str, Ids]
    out_total: dict[str, Ids]
    k_own: dict[str, Ids]
    c_own: dict[str, Ids]
    rate: dict[str, Ids]
    k: dict[str, Ids]


class _Builder:
    """Builds the stage and the sweep of a traced model into its graph."""

    def __init__(self, cm: CompiledModel, traced, plan: Plan):
        self.cm, self.traced, self.plan = cm, traced, plan
        self.g = traced.graph
        self.o = _Ops(self.g)
        shapes = {s.name: s.shape for s in cm.stocks}
        self.maps: dict[tuple[str, str], _Map] = {}
        for s in cm.stocks:
            for f, axes in (*s.inflows, *s.outflows):
                self.maps[(f, s.name)] = _map(cm, f, axes, shapes[s.name])
        self.h = self.g.leaf("state", "h", 0, STATE)

    # ------------------------------------------------------------------ the stage
    def limited_flows(self, stocks: dict[str, Ids]) -> dict[str, Ids]:
        """The flows after the limiter of :meth:`CompiledModel.evaluate` (``TAU_MIN``)."""
        o, cm, values = self.o, self.cm, self.traced.values
        flows = {f: list(values[f]) for f in cm.flow_names}
        for s in cm.stocks:
            if not (s.nonnegative and s.outflows):
                continue
            total: Ids | None = None
            for f, _ in s.outflows:
                total = _plus(o, total, self.maps[(f, s.name)].reduce(o, flows[f]))
            assert total is not None
            st = stocks[s.name]
            p = o.each("mul", TAU_MIN, total)
            positive = o.each("gt", total, 0.0)
            clipped = o.each("min", o.each("max", o.each("div", st, p), 0.0), 1.0)
            scale = o.each("where", positive, clipped, 1.0)
            scale = o.each(
                "where", o.each("gt", st, EMPTY), scale, o.each("where", positive, 0.0, 1.0)
            )
            scale = o.each("where", o.each("ge", st, p), 1.0, scale)
            for f, _ in s.outflows:
                flows[f] = o.each("mul", flows[f], self.maps[(f, s.name)].expand(scale))
        return flows

    def stage(self) -> _Stage:
        """The split of the model evaluated at the stage's state (the ``state`` leaves)."""
        o, cm, plan, values = self.o, self.cm, self.plan, self.traced.values
        stocks = {s.name: list(values[s.name]) for s in cm.stocks}
        flows = self.limited_flows(stocks)
        drain: dict[str, Ids] = {}
        explicit: dict[str, Ids] = {}
        for f, (src, _) in plan.sources.items():
            live = self.maps[(f, src)].expand(o.each("gt", stocks[src], EMPTY))
            drain[f] = o.each("where", live, o.each("max", flows[f], 0.0), 0.0)
            explicit[f] = o.each("sub", flows[f], drain[f])
        st = _Stage(flows, drain, explicit, {}, {}, {}, {}, {}, {})
        namespace = None
        for p in plan.stocks:
            s = stocks[p.name]
            rate: Ids | None = None
            total: Ids | None = None
            for link in p.outs:
                m = self.maps[(link.flow, p.name)]
                total = _plus(o, total, m.reduce(o, drain[link.flow]))
                rate = _plus(o, rate, o.each("neg", m.reduce(o, explicit[link.flow])))
            if total is not None:
                st.k_out[p.name] = o.each(
                    "where", o.each("gt", s, EMPTY), o.each("div", total, s), 0.0
                )
                st.out_total[p.name] = total
            for link, _ in p.transfers:
                m = self.maps[(link.flow, p.name)]
                rate = _plus(o, rate, m.reduce(o, explicit[link.flow]))
            for link in p.boundary:
                rate = _plus(o, rate, self.maps[(link.flow, p.name)].reduce(o, flows[link.flow]))
            for link in p.own:
                if namespace is None:
                    namespace = self._namespace(flows)
                m = self.maps[(link.flow, p.name)]
                kf, cf = self._own_decay(namespace, link.flow, p.name, s, flows[link.flow], m)
                st.k_own[link.flow], st.c_own[link.flow] = kf, cf
                rate = _plus(o, rate, m.reduce(o, cf))
            st.rate[p.name] = [o.c(0.0)] * len(s) if rate is None else rate
            k = st.k_out.get(p.name)
            for link in p.own:
                k = _plus(o, k, self.maps[(link.flow, p.name)].reduce(o, st.k_own[link.flow]))
            if k is not None:
                st.k[p.name] = k
        return st

    def _namespace(self, flows: dict[str, Ids]) -> dict[str, Any]:
        """What the equations read, as symbolic arrays (flows limited)."""
        g, cm = self.g, self.cm
        ns: dict[str, Any] = {}
        for name, table in cm.model.lookups.items():
            ns[name] = LookupCall(g, name, table)
        ns["t"] = Sym(g, np.array(Node(g, g.time()), dtype=object))
        for name, ids in self.traced.values.items():
            ns[name] = _sym(g, flows.get(name, ids), cm.shapes[name])
        return ns

    def _own_decay(self, namespace, flow, stock, s: Ids, value: Ids, m: _Map):
        """``(k, c)`` per flow element (``exponential._own_decay``)."""
        o, cm = self.o, self.cm
        delta = o.each("mul", 1e-6, o.each("max", o.each("abs", s), 1.0))
        ns = dict(namespace)
        ns[stock] = _sym(self.g, o.each("add", s, delta), cm.shapes[stock])
        try:
            with np.errstate(all="ignore"):
                result = cm.equations[flow](TraceNamespace(ns))
            moved = elements(self.g, result, cm.shapes[flow], f"equation of {flow!r}")
        except Untraceable as exc:
            from stockflow.kernel import KernelFallback

            raise KernelFallback(flow, str(exc)) from None
        slope = o.each("div", o.each("sub", moved, value), m.expand(delta))
        k = o.each("max", o.each("neg", slope), 0.0)
        return k, o.each("add", value, o.each("mul", k, m.expand(s)))

    def loaded(self, st: _Stage, array: str) -> tuple[_Stage, list[tuple[int, int]]]:
        """`st` with each value a leaf loaded from row ``q`` of `array`; the rows."""
        index: dict[int, int] = {}
        rows: list[tuple[int, int]] = []

        def leaf(i: int) -> int:
            q = index.get(i)
            if q is None:
                q = index[i] = len(rows)
                rows.append((q, i))
            return self.g.leaf("state", array, q, STATE)

        parts = {}
        for name in _Stage.__dataclass_fields__:
            parts[name] = {k: [leaf(i) for i in v] for k, v in getattr(st, name).items()}
        return _Stage(**parts), rows

    # ------------------------------------------------------------------ the sweep
    def phi(self, z: Ids) -> tuple[Ids, Ids, Ids]:
        """``(e^z, phi1, phi2)`` as :func:`stockflow.exponential.phi` computes them."""
        o = self.o
        em1 = o.each("expm1", z)
        phi1 = o.each("div", em1, z)
        phi2 = o.each("div", o.each("sub", em1, z), o.each("mul", z, z))
        inner = o.each("add", 1 / 720, o.each("div", z, 5040.0))
        for c in (1 / 120, 1 / 24, 1 / 6, 1 / 2):
            inner = o.each("add", c, o.each("mul", z, inner))
        series2 = inner
        series1 = o.each("add", 1.0, o.each("mul", z, series2))
        small = o.each("lt", o.each("abs", z), _SERIES)
        return (
            o.each("add", em1, 1.0),
            o.each("where", small, series1, phi1),
            o.each("where", small, series2, phi2),
        )

    def sweep(
        self, cur: dict[str, Ids], a: _Stage, b: _Stage | None, tracked: set[str]
    ) -> tuple[dict[str, Ids], dict[str, Ids]]:
        """New stocks and the tracked flows' amounts (``exponential._sweep``)."""
        o, h = self.o, self.h
        neg_h = o("neg", h)
        hl = lambda n: [h] * n  # noqa: E731
        half = lambda x, y: o.each("mul", 0.5, o.each("add", x, y))  # noqa: E731
        new: dict[str, Ids] = {}
        amount: dict[str, Ids] = {}
        drained: dict[str, Ids] = {}
        loop_guess: dict[str, Ids] = {}
        for p in self.plan.stocks:
            s = cur[p.name]
            n = len(s)
            decays = bool(p.outs or p.own)
            if not decays:
                k = None
                e, phi1, phi2 = [o.c(1.0)] * n, [o.c(1.0)] * n, [o.c(0.5)] * n
            elif b is None:
                k = a.k[p.name]
                e, phi1, phi2 = self.phi(o.each("mul", [neg_h] * n, k))
            else:
                k_end = b.k[p.name]
                k = half(a.k[p.name], k_end)
                e = o.each("exp", o.each("mul", [neg_h] * n, k))
                _, phi1, phi2 = self.phi(o.each("mul", [neg_h] * n, k_end))
            ra = a.rate[p.name]
            if b is None:
                gained = o.each("mul", o.each("mul", hl(n), ra), phi1)
                entered = o.each("mul", hl(n), ra)
            else:
                rb = b.rate[p.name]
                d12 = o.each("sub", phi1, phi2)
                gained = o.each(
                    "mul",
                    hl(n),
                    o.each("add", o.each("mul", ra, d12), o.each("mul", rb, phi2)),
                )
                entered = o.each("mul", [o("mul", o.c(0.5), h)] * n, o.each("add", ra, rb))
            for link, back in p.transfers:
                f = link.flow
                m = self.maps[(f, p.name)]
                pa = a.drain[f]
                if back:  # the upstream stock is stepped later: its rate for now
                    mean_in = pa if b is None else half(pa, b.drain[f])
                    t_in = loop_guess[f] = o.each("mul", hl(len(pa)), mean_in)
                else:
                    t_in = drained[f]
                if k is None:
                    weighted = o.each("mul", t_in, 1.0)
                elif b is None:
                    weighted = o.each("mul", t_in, m.expand(phi1))
                else:
                    pb = b.drain[f]
                    mean = half(pa, pb)
                    top = o.each(
                        "add",
                        o.each("mul", pa, m.expand(o.each("sub", phi1, phi2))),
                        o.each("mul", pb, m.expand(phi2)),
                    )
                    weight = o.each(
                        "where", o.each("gt", mean, 0.0), o.each("div", top, mean), m.expand(phi1)
                    )
                    weighted = o.each("mul", t_in, weight)
                gained = o.each("add", gained, m.reduce(o, weighted))
                entered = o.each("add", entered, m.reduce(o, t_in))
            if k is None:
                new[p.name] = o.each("add", s, entered)
                for link in p.boundary:
                    if link.flow in tracked:
                        amount[link.flow] = self._boundary(a, b, link.flow)
                continue
            value = o.each("add", o.each("mul", s, e), gained)
            lost = o.each("sub", o.each("add", s, entered), value)
            per_k = o.each("where", o.each("gt", k, 0.0), o.each("div", lost, k), 0.0)
            if p.outs:
                if b is None:
                    k_out, out_total = a.k_out[p.name], a.out_total[p.name]
                else:
                    k_out = half(a.k_out[p.name], b.k_out[p.name])
                    out_total = half(a.out_total[p.name], b.out_total[p.name])
                per_rate = o.each(
                    "where",
                    o.each("gt", out_total, 0.0),
                    o.each("div", o.each("mul", per_k, k_out), out_total),
                    0.0,
                )
                for link in p.outs:
                    f = link.flow
                    m = self.maps[(f, p.name)]
                    mean = a.drain[f] if b is None else half(a.drain[f], b.drain[f])
                    drained[f] = o.each("mul", m.expand(per_rate), mean)
                    if f not in tracked:
                        continue
                    x = a.explicit[f] if b is None else half(a.explicit[f], b.explicit[f])
                    amount[f] = o.each("add", drained[f], o.each("mul", hl(len(x)), x))
            for link in p.boundary:
                if link.flow in tracked:
                    amount[link.flow] = self._boundary(a, b, link.flow)
            for link in p.own:
                f = link.flow
                if f not in tracked:
                    continue
                m = self.maps[(f, p.name)]
                kf = a.k_own[f] if b is None else half(a.k_own[f], b.k_own[f])
                cf = a.c_own[f] if b is None else half(a.c_own[f], b.c_own[f])
                amount[f] = o.each(
                    "sub", o.each("mul", hl(len(cf)), cf), o.each("mul", m.expand(per_k), kf)
                )
            new[p.name] = value
        for link, p in self.plan.loop_edges:  # the loop edges' true amounts arrive
            f = link.flow
            m = self.maps[(f, p.name)]
            late = m.reduce(o, o.each("sub", drained[f], loop_guess[f]))
            new[p.name] = o.each("add", new[p.name], late)
        for f in self.cm.flow_names:  # a flow between no stocks: its rate over the step
            if f in tracked and f not in amount:
                amount[f] = self._boundary(a, b, f)
        return new, amount

    def _boundary(self, a: _Stage, b: _Stage | None, f: str) -> Ids:
        o = self.o
        fa = a.flows[f]
        mean = fa if b is None else o.each("mul", 0.5, o.each("add", fa, b.flows[f]))
        return o.each("mul", [self.h] * len(fa), mean)


def _sym(g: Graph, ids: Ids, shape: tuple[int, ...]) -> Sym:
    return Sym(g, np.array([Node(g, i) for i in ids], dtype=object).reshape((1, *shape)))


@dataclass
class ExpGraph:
    """The exponential step of a traced model: what each generated function stores.

    Parameters
    ----------
    functions : dict of str to list of (str, int, int)
        Per C function (``xeuler``; or ``xstage``, ``xpred``, ``xcorr``), its stores: the
        array (``"C"`` the state, ``"P"`` the predicted state, ``"QA"`` the stage buffer),
        the row, and the node stored there.
    n_buffer : int
        Rows of the stage buffer.
    effects : dict of str to list of int
        Per function that evaluates the model, the nodes it computes for their effect
        (the latches).
    """

    functions: dict[str, list[tuple[str, int, int]]]
    n_buffer: int
    effects: dict[str, list[int]]

    @property
    def roots(self) -> list[int]:
        """Every node stored by the functions.

        Returns
        -------
        list of int
        """
        stored = [i for stores in self.functions.values() for _, _, i in stores]
        return stored + [i for ids in self.effects.values() for i in ids]


def exp_graph(cm: CompiledModel, traced, method: str, effects: list[int] = ()) -> ExpGraph:
    """Add the exponential step of `cm` to its traced graph.

    Parameters
    ----------
    cm : CompiledModel
        With the accumulators of the flows the run tracks.
    traced : stockflow.kernel.Traced
        `cm` traced; its graph grows.
    method : {'exp-euler', 'exp-heun'}
    effects : list of int, optional
        Nodes every evaluation of the model computes whether or not the step reads them:
        the latches of the inputs (:mod:`stockflow.latch_kernel`), advanced at each
        evaluation as on the NumPy path.

    Returns
    -------
    ExpGraph

    Raises
    ------
    stockflow.kernel.KernelFallback
        An inflow that reads its own target cannot be traced again at the nudged stock.
    """
    bld = _Builder(cm, traced, plan_for(cm))
    g = traced.graph
    tracked = {f for f, _, _ in cm.flow_slots}
    here = {s.name: list(traced.values[s.name]) for s in cm.stocks}
    start = {
        s.name: [g.leaf("state", "C", s.start + e, STATE) for e in range(s.size)] for s in cm.stocks
    }

    def state_stores(new: dict[str, Ids], array: str) -> list[tuple[str, int, int]]:
        return [(array, s.start + e, i) for s in cm.stocks for e, i in enumerate(new[s.name])]

    def accumulator_stores(amount: dict[str, Ids]) -> list[tuple[str, int, int]]:
        out = []
        for f, row, shape in cm.flow_slots:
            for e in range(math.prod(shape)):
                acc = g.leaf("state", "C", row + e, STATE)
                out.append(("C", row + e, bld.o("add", acc, amount[f][e])))
        return out

    a = bld.stage()
    if method == "exp-euler":  # one function: the stage and the sweep from its state
        new, amount = bld.sweep(here, a, None, tracked)
        stores = state_stores(new, "C") + accumulator_stores(amount)
        return ExpGraph({"xeuler": stores}, 0, {"xeuler": list(effects)})
    # exp-heun: the model's code once, in the stage (called at both ends of the step, into
    # the buffers QA and QB); the predictor and the corrector read the buffers
    a_loaded, rows = bld.loaded(a, "QA")
    b_loaded, _ = bld.loaded(a, "QB")
    predicted, _ = bld.sweep(start, a_loaded, None, set())
    new, amount = bld.sweep(start, a_loaded, b_loaded, tracked)
    pred = state_stores(predicted, "P")
    corr = state_stores(new, "C") + accumulator_stores(amount)
    used = set(_closure_leaves(g, [i for _, _, i in pred + corr], "QA"))
    used |= set(_closure_leaves(g, [i for _, _, i in corr], "QB"))
    stage = [("QA", q, i) for q, i in rows if q in used]
    functions = {"xstage": stage, "xpred": pred, "xcorr": corr}
    return ExpGraph(functions, len(rows), {"xstage": list(effects)})


def _closure_leaves(g: Graph, roots: list[int], array: str) -> list[int]:
    """Rows of the `array` leaves that `roots` depend on."""
    from stockflow.kernel import _closure

    return [
        g.nodes[i][2]
        for i in _closure(g, roots)
        if g.nodes[i][0] == "state" and g.nodes[i][1] == array
    ]


# ------------------------------------------------------------------------------ C code
_PRELUDE = """
#if defined(STOCKFLOW_MVEC) && defined(__AVX2__)
vd _ZGVdN4v_expm1(vd);
#define vexpm1 _ZGVdN4v_expm1
#else
#define vexpm1(x) map1(expm1, x)
#endif
"""

_DRIVER = """
void run_block_exp(const double *Y0, long k, const double *T, long tcols, const double *M,
                   long n_steps, const double *steps_h, const long *steps_ti,
                   const long *steps_rec, const long *rec_ti, double *OUT, long nrec,
                   long *BAD, long lo, long m, int heun, const double *E)
{
    const long ns = NS, nq = NQ;
    long W = ((m + 7) / 8) * 8;
    if ((W & (W - 1)) == 0) W += 8; /* no power-of-two row stride */
    double *Y = calloc(ns * W, sizeof(double));
    double *P = calloc(ns * W, sizeof(double));
    double *QA = calloc(nq * W, sizeof(double));
    double *QB = calloc(nq * W, sizeof(double));
    for (long r = 0; r < ns; r++)
        for (long i = 0; i < m; i++) Y[r * W + i] = Y0[r * k + lo + i];
    for (long st = 0; st < n_steps; st++) {
        const double h = steps_h[st];
        const long *ti = steps_ti + 3 * st;
STEP
        const long month = steps_rec[st];
        if (month >= 0) {
            for (long i = 0; i < m; i++) {
                if (BAD[lo + i] >= 0) continue;
                for (long r = 0; r < ns; r++) {
                    if (!isfinite(Y[r * W + i])) { BAD[lo + i] = month; BAD[k + lo + i] = r; break; }
                }
            }
            record(Y, m, W, T + rec_ti[month] * tcols, M, k, lo, OUT + month * nrec * k, E);
        }
    }
    free(Y); free(P); free(QA); free(QB);
}
"""

_STEPS = {
    "xeuler": "        xeuler(Y, Y, QA, QB, P, m, W, T + ti[0] * tcols, M, k, lo, E, h);",
    "xstage": """        xstage(Y, Y, QA, QB, P, m, W, T + ti[0] * tcols, M, k, lo, E, h);
        xpred(Y, Y, QA, QB, P, m, W, T + ti[0] * tcols, M, k, lo, E, h);
        xstage(P, Y, QB, QB, P, m, W, T + ti[2] * tcols, M, k, lo, E, h);
        xcorr(Y, Y, QA, QB, P, m, W, T + ti[2] * tcols, M, k, lo, E, h);""",
}


def generate(
    kernel_g: Graph,
    exp: ExpGraph,
    n_state: int,
    dyn_of: Callable[[int], bool],
    tcol: dict[int, int],
    mrow: dict[int, int],
    ext: dict[str, int],
) -> str:
    """The C source of the exponential step functions and their driver.

    Parameters
    ----------
    kernel_g : Graph
        The traced graph, grown by :func:`exp_graph`.
    exp : ExpGraph
    n_state : int
    dyn_of : callable
        Whether a node is computed in the member loop.
    tcol, mrow : dict of int to int
        Columns of the time table and rows of the member table of the tabulated nodes.
    ext : dict of str to int
        First row of each external input in ``E``.

    Returns
    -------
    str
        To append to :func:`stockflow.codegen.generate`'s source.
    """
    from stockflow.kernel import _closure

    em = _Emitter(kernel_g, set(), tcol, mrow, ext)
    em.vector = vector_math()
    out = [_PRELUDE]
    ind = "        "
    latches = getattr(kernel_g, "latches", [])
    em.latches = latches
    for name, stores in exp.functions.items():
        ids = _closure(kernel_g, [i for _, _, i in stores] + exp.effects.get(name, []))
        em.dyn = {i for i in ids if dyn_of(i)}
        used_t = sorted({tcol[i] for i in ids if i in tcol})
        qs = latch_kernel.used(kernel_g, ids) if latches else []
        out += [
            "",
            f"void {name}(double *Y, double *C, double *QA, double *QB, double *P, long n,",
            "        long W,",
            "        const double *T, const double *M, long k, long lo, const double *E,",
            "        double h)",
            "{",
        ]
        out += [f"    const vd tv{c} = B(T[{c}]);" for c in used_t]
        out += ["    const vd vh = B(h);"]
        if qs:  # how the latches meet this evaluation (stockflow.latch_kernel)
            out += latch_kernel.c_pre(latches, qs, tcol[kernel_g.time()], "    ")
        out += ["    for (long i = 0; i < n; i += VW) {", f"{ind}const long j = lo + i; (void)j;"]
        out += em.body(ids, ind)
        out += [f"{ind}st(&{array}[{row} * W + i], {em.ref(i)});" for array, row, i in stores]
        out += ["    }"]
        out += latch_kernel.c_post(qs, "    ") if qs else []
        out += ["}"]
    step = _STEPS["xeuler" if "xeuler" in exp.functions else "xstage"]
    driver = _DRIVER.replace("NS", str(n_state)).replace("NQ", str(max(exp.n_buffer, 1)))
    out.append(driver.replace("STEP", step))
    return "\n".join(out) + "\n"


_LIBM = ("exp", "expm1", "log", "cos", "sin")


def vector_math() -> bool:
    """Whether the exponential kernels use glibc's vector math (libmvec).

    ``$STOCKFLOW_KERNEL_VECTOR_MATH=1`` (read when a kernel is built) makes ``exp``,
    ``expm1``, ``log``, ``pow``, ``sin`` and ``cos`` glibc's vector functions, as in the
    Euler/RK4 kernel: about 1.5 times faster on the border model, but they differ from
    NumPy's in the last bit, and the smooths' difference quotients carry that to about
    1e-10 relative on some outputs. By default they are the C library's scalar functions,
    which NumPy calls on x86-64 without AVX-512, so the kernel rounds as the NumPy path.

    Returns
    -------
    bool
    """
    return os.environ.get("STOCKFLOW_KERNEL_VECTOR_MATH", "") not in ("", "0")


class _Emitter(Emitter):
    """:class:`stockflow.codegen.Emitter` with the step's other arrays and ``expm1``."""

    vector = False  # glibc's vector math (vector_math())

    def expr(self, i: int) -> str:
        node = self.g.nodes[i]
        if node[0] == "state" and node[1]:
            if node[1] == "h":
                return "vh"
            return f"ld(&{node[1]}[{node[2]} * W + i])"
        if self.vector:  # glibc's vector functions (libmvec), as the Euler/RK4 kernel
            if node[0] == "expm1":
                return f"vexpm1({self.ref(node[1])})"
            return super().expr(i)
        if node[0] in _LIBM:  # the C library's, as NumPy's loops call them on this platform
            return f"map1({node[0]}, {self.ref(node[1])})"
        if node[0] == "pow":
            return f"map2(pow, {self.ref(node[1])}, {self.ref(node[2])})"
        return super().expr(i)


def declare(lib: ctypes.CDLL) -> None:
    """Declare the argument types of the exponential functions of a loaded kernel.

    Parameters
    ----------
    lib : ctypes.CDLL
        A kernel compiled with :func:`generate`'s source.
    """
    dp = np.ctypeslib.ndpointer(dtype=np.float64, flags="C_CONTIGUOUS")
    lp = np.ctypeslib.ndpointer(dtype=np.int64, flags="C_CONTIGUOUS")
    L, D, P = ctypes.c_long, ctypes.c_double, ctypes.c_void_p
    lib.run_block_exp.restype = None
    lib.run_block_exp.argtypes = [
        dp, L, dp, L, dp, L, dp, lp, lp, lp, dp, L, lp, L, L, ctypes.c_int, dp
    ]  # fmt: skip
    for name in ("xeuler", "xstage", "xpred", "xcorr"):
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = None
            fn.argtypes = [P, P, P, P, P, L, L, P, dp, L, L, dp, D]


# ---------------------------------------------------------------------------- running
def run_exp_kernel(kernel, y0, member_values, sched, ttable, method, *, block, threads):
    """:func:`stockflow.kernel.run_kernel` for ``'exp-euler'`` and ``'exp-heun'``.

    Parameters
    ----------
    kernel : stockflow.kernel.Kernel
        Built for an exponential method.
    y0 : numpy.ndarray
        ``(n_state, k)``.
    member_values : dict of str to numpy.ndarray
    sched : stockflow.kernel.Schedule
    ttable : numpy.ndarray
    method : {'exp-euler', 'exp-heun'}
    effects : list of int, optional
        Nodes every evaluation of the model computes whether or not the step reads them:
        the latches of the inputs (:mod:`stockflow.latch_kernel`), advanced at each
        evaluation as on the NumPy path.
    block : int
        Members per block.
    threads : int
        Threads running the blocks.

    Returns
    -------
    out : numpy.ndarray
        ``(n_months, n_rows, k)``.
    bad : numpy.ndarray
        ``(2, k)``: month and state row at which each member first went non-finite.
    """

    from stockflow import kernel as K
    from stockflow.kernel import _NO_E, _pad, member_table, padded

    k = y0.shape[1]
    kp = padded(k)
    M = _pad(member_table(kernel, member_values, k), kp)
    out = np.zeros((len(sched.rec_ti), len(kernel.record_rows), kp))
    bad = np.full((2, kp), -1, dtype=np.int64)
    y0 = _pad(y0, kp)
    ttable = np.ascontiguousarray(ttable, dtype=float)
    lib = kernel.module
    heun = int(method == "exp-heun")
    latches = K.latch_buffers(kernel, k, block, sched)

    def one(lo: int) -> None:
        if latches is not None:  # this block's latch state, for this thread
            latches.bind(lib, lo // block)
        lib.run_block_exp(
            y0, kp, ttable, ttable.shape[1], M, len(sched.h), sched.h, sched.ti, sched.rec,
            sched.rec_ti, out, out.shape[1], bad, lo, min(block, k - lo), heun, _NO_E,
        )  # fmt: skip

    starts = range(0, k, block)
    if threads == 1 or len(starts) == 1:
        for lo in starts:
            one(lo)
    else:
        list(K.thread_pool(threads).map(one, starts))
    if latches is not None:
        latches.write_back()
    return out[..., :k], bad[:, :k]


def run_exp_stepped(kernel, y0, member_values, consts, inputs, sched, ttable, method, threads):
    """:func:`stockflow.kernel.run_stepped` for the exponential methods.

    The external inputs are computed by NumPy before each stage: at the start of the step
    from its state, and (exp-heun) at the end of the step from the predicted stocks, as
    :func:`stockflow.exponential.exponential_step` calls them.

    Parameters
    ----------
    kernel : stockflow.kernel.Kernel
    y0 : numpy.ndarray
    member_values, consts, inputs : dict
    sched : stockflow.kernel.Schedule
    ttable : numpy.ndarray
    method : {'exp-euler', 'exp-heun'}
    effects : list of int, optional
        Nodes every evaluation of the model computes whether or not the step reads them:
        the latches of the inputs (:mod:`stockflow.latch_kernel`), advanced at each
        evaluation as on the NumPy path.
    threads : int

    Returns
    -------
    out, bad : numpy.ndarray
        As :func:`run_exp_kernel`.
    """

    from stockflow import kernel as K

    k = y0.shape[1]
    kp = K.padded(k)
    M = K._pad(K.member_table(kernel, member_values, k), kp)
    out = np.zeros((len(sched.rec_ti), len(kernel.record_rows), kp))
    bad = np.full((2, k), -1, dtype=np.int64)
    ttable = np.ascontiguousarray(ttable, dtype=float)
    lib = kernel.module
    E, external, needs_eval = K.stage_inputs(kernel, consts, inputs, k, kp)
    row = K.table_rows(ttable)

    # whole vectors per block: a block's last vector must not reach into the next block,
    # whose state it would change in place
    block = max(4, K.BLOCK // 4 * 4)
    starts = list(range(0, k, block))
    pool = K.thread_pool(threads)
    latches = K.latch_buffers(kernel, k, block, sched)
    y = K._pad(y0, kp)
    p = np.zeros_like(y)
    qa = np.zeros((max(1, kernel.exp.n_buffer), kp))
    qb = np.zeros_like(qa)

    def call(fn, stage: np.ndarray, ti: int, h: float, into: np.ndarray | None = None) -> None:
        t_row = row(ti)
        ya, ca, pa = stage.ctypes.data, y.ctypes.data, p.ctypes.data
        qa_ = (qa if into is None else into).ctypes.data
        qb_ = qb.ctypes.data

        def one(lo: int) -> None:
            if latches is not None:  # this block's latch state, for this thread
                latches.bind(lib, lo // block)
            o = 8 * lo
            fn(
                ya + o, ca + o, qa_ + o, qb_ + o, pa + o, min(block, k - lo), kp, t_row, M, kp,
                lo, E, h,
            )  # fmt: skip

        if len(starts) == 1:
            one(0)
        else:
            list(pool.map(one, starts))

    for st in range(len(sched.h)):
        h = float(sched.h[st])
        ti = sched.ti[st]
        external(float(sched.times[ti[0]]), y)
        if method == "exp-heun":
            call(lib.xstage, y, ti[0], h)
            call(lib.xpred, y, ti[0], h)
            external(float(sched.times[ti[2]]), p)
            call(lib.xstage, p, ti[2], h, into=qb)
            call(lib.xcorr, y, ti[2], h)
        else:
            call(lib.xeuler, y, ti[0], h)
        month = int(sched.rec[st])
        if month >= 0:
            bad_cols = ~np.isfinite(y[:, :k]).all(axis=0) & (bad[0] < 0)
            for col in np.flatnonzero(bad_cols):
                bad[0, col] = month
                bad[1, col] = int(np.flatnonzero(~np.isfinite(y[:, col]))[0])
            ti_rec = int(sched.rec_ti[month])
            if needs_eval:
                external(float(sched.times[ti_rec]), y)
            t_row, ya, oa = row(ti_rec), y.ctypes.data, out[month].ctypes.data

            def rec(lo: int, t_row=t_row, ya=ya, oa=oa) -> None:
                if latches is not None:
                    latches.bind(lib, lo // block)
                lib.record(ya + 8 * lo, min(block, k - lo), kp, t_row, M, kp, lo, oa, E)

            if len(starts) == 1:
                rec(0)
            else:
                list(pool.map(rec, starts))
    if latches is not None:
        latches.write_back()
    return out[..., :k], bad
