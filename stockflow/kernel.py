"""A compiled ensemble kernel: the whole fixed-step time loop in one generated function.

:func:`build_kernel` traces a compiled model's equations into a graph of scalar operations
(:mod:`stockflow.trace`), sorts its nodes by what they depend on, and generates from the
nodes that depend on the state one C function (:mod:`stockflow.codegen`) that runs Euler
or classic RK4 over every step of a run for a block of members (the exponential methods
``'exp-euler'`` and ``'exp-heun'``: :mod:`stockflow.expkernel`, the same way):

- nodes that depend on the time only (time-only policy inputs and lever schedules,
  series, the knots' weights, ...) are tabulated once per run on the step grid, with NumPy;
- nodes that depend on parameters only are computed once per member before the loop,
  with NumPy over the members;
- the rest is straight-line code over four members at a time (one SIMD register), in a
  loop over the members of a block; a block's state is an array ``(n_state, width)``, the
  member axis fastest and the row stride no power of two;
- the non-negativity limiter (see :mod:`stockflow.compile`) computes, per member, a scale
  that is exactly 1 unless the stock holds less than ``tau_min`` months of outflow (as
  selects, lane by lane), instead of evaluating every case over the whole ensemble;
- blocks run in parallel over the cores: the C function releases the GIL and a pool of
  threads runs the blocks (``$STOCKFLOW_THREADS``, default: the cores available); no
  member's arithmetic depends on another's, so the results do not depend on the block
  size, the chunk size or the number of threads.

A policy input that reads the state is traced like an equation. Its latches
(:class:`stockflow.latch.Latch`, a state machine on the integrator's clock: the scenarios'
triggers) and probes (:class:`stockflow.latch.Probe`) become state of the generated code
(:mod:`stockflow.latch_kernel`), advanced at each evaluation with the NumPy path's rules and
written back into the Python objects after the run. A time-only input is traced with a
symbolic time where it can be (its time table is then computed over the whole grid at
once), else called at each time of the grid. A policy input that reads the state and
cannot be traced (Python that keeps its own history) or that gives each member its own
value is *external*: NumPy computes it at each stage, at the times and in the order the
NumPy path does, and the compiled code the rest (:func:`run_stepped`).

The arithmetic is the NumPy path's, operation for operation and in the same order, so the
two agree to rounding (the vector ``exp``/``log``/``pow`` of glibc and NumPy's may differ in
the last bits).

An equation that cannot be traced (Python branching on a value, an unsupported NumPy
function) makes :func:`build_kernel` raise :class:`KernelFallback` naming the variable;
:func:`stockflow.simulate` with ``backend="auto"`` then warns
(:class:`KernelFallbackWarning`) and runs the NumPy path.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import weakref
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockflow import codegen
from stockflow.compile import CompiledModel
from stockflow.errors import IntegrationError, StockflowWarning
from stockflow.exponential import EXPONENTIAL, TAU_MIN
from stockflow.trace import (
    MEMBER,
    STATE,
    TIME,
    Graph,
    LookupCall,
    Node,
    Sym,
    TraceNamespace,
    Untraceable,
    const_array,
    elements,
    leaf_array,
)

__all__ = [
    "BACKENDS",
    "KERNEL_METHODS",
    "KernelFallback",
    "KernelFallbackWarning",
    "build_kernel",
    "get_kernel",
    "simulate_fixed_step",
]

BACKENDS = ("numpy", "compiled", "auto")
# the fixed-step methods the generated loop implements (the exponential ones: stockflow.expkernel)
KERNEL_METHODS = ("euler", "rk4", *EXPONENTIAL)
BLOCK = 256  # members per block; rows are BLOCK + PAD apart (no power-of-two stride)
PAD = 8


class KernelFallback(Exception):
    """The model (or a run's inputs) cannot be compiled; the message names the variable.

    Parameters
    ----------
    variable : str or None
        The variable whose equation (or input function) could not be traced; None when
        the kernel could not be built at all (no C compiler).
    reason : str
        What the tracer met (Python branching on a value, an unsupported function, ...).
    """

    def __init__(self, variable: str | None, reason: str):
        self.variable = variable
        self.reason = reason
        if variable is None:
            message = f"the kernel cannot be built ({reason}); the run uses the NumPy path"
        else:
            message = (
                f"variable {variable!r} cannot be compiled ({reason}); it runs on the NumPy path"
            )
        super().__init__(message)


class KernelFallbackWarning(StockflowWarning):
    """Warning given when ``backend="auto"`` falls back to the NumPy path."""


class _MemberVarying(KernelFallback):
    """A time-only input gives each member its own value: it cannot be tabulated."""


class _ReadsModel(Exception):
    """Raised by the probe namespace: a policy input reads the model's values."""


class _Probe:
    def __getattr__(self, name):
        raise _ReadsModel(name)


# ------------------------------------------------------------------------------ tracing
@dataclass
class Traced:
    """A model traced into a graph.

    Attributes
    ----------
    graph : Graph
    values : dict of str to list of int
        Node ids of every element of every variable (flows before limiting).
    tabulated : dict of str to callable
        Policy inputs that depend on the time only.
    external : list of str
        Policy inputs that read the model's state but cannot be traced (a trigger that
        keeps its own history): NumPy evaluates them at each stage and hands the values
        to the kernel, which then runs stage by stage.
    reasons : dict of str to str
        Why each external input could not be traced.
    """

    graph: Graph
    values: dict[str, list[int]]
    tabulated: dict[str, Callable]
    external: list[str]
    reasons: dict[str, str]


def trace(
    cm: CompiledModel,
    inputs: dict[str, Callable],
    external: frozenset[str] = frozenset(),
    stateful: bool = False,
) -> Traced:
    """Trace `cm`'s equations, with `inputs` (``f(t, v)`` per policy input); with
    `stateful`, latches (:class:`stockflow.latch.Latch`) become nodes of the graph.

    Raises
    ------
    KernelFallback
        Naming the first variable whose equation (or input function) cannot be traced.
    """
    g = Graph()
    g.stateful = stateful
    model = cm.model
    ns: dict[str, Any] = {}
    for name, table in model.lookups.items():
        ns[name] = LookupCall(g, name, table)
    t_sym = Sym(g, np.array(Node(g, g.time()), dtype=object))
    ns["t"] = t_sym
    for s in cm.stocks:
        ns[s.name] = _state_array(g, s.start, s.shape)
    for v in model.of_kind("param"):
        ns[v.name] = leaf_array(g, "param", v.name, cm.shapes[v.name], MEMBER)
    for name in cm.series:
        ns[name] = leaf_array(g, "series", name, cm.shapes[name], TIME)
    tabulated: dict[str, Callable] = {}
    reasons: dict[str, str] = {}
    pending = []
    for name in cm.input_names:
        fn = inputs.get(name)
        if fn is None:
            ns[name] = const_array(g, model.variables[name].value[None])
            continue
        if name in external:  # a time-only input that gives each member its own value
            ns[name] = leaf_array(g, "ext", name, cm.shapes[name], STATE | TIME)
            continue
        try:
            fn(0.0, _Probe())
        except _ReadsModel:
            pending.append((name, fn))
            continue
        except Exception as exc:
            raise KernelFallback(name, f"its input function failed: {exc}") from None
        ids = _time_trace(fn, t_sym, cm.shapes[name], g)
        if ids is not None:  # nodes of the time: tabulated over the whole grid at once
            ns[name] = Sym(
                g, np.array([Node(g, i) for i in ids], dtype=object).reshape((1, *cm.shapes[name]))
            )
            continue
        tabulated[name] = fn  # called at each time of the grid
        ns[name] = leaf_array(g, "input", name, cm.shapes[name], TIME)
    space = TraceNamespace(ns)
    external_names = [n for n in cm.input_names if n in external and n in inputs]
    reasons.update((n, "it gives each member its own value") for n in external_names)
    for name, fn in pending:  # inputs that read the state or parameters: traced if possible
        n_probes = len(g.probes)
        try:
            ids = _traced_call(name, lambda fn=fn: fn(t_sym, space), cm.shapes[name], g)
        except KernelFallback as exc:  # evaluated by NumPy at each stage instead
            del g.probes[n_probes:]  # its probes are called by NumPy too
            external_names.append(name)
            reasons[name] = exc.reason
            ns[name] = leaf_array(g, "ext", name, cm.shapes[name], STATE | TIME)
            continue
        ns[name] = Sym(
            g, np.array([Node(g, i) for i in ids], dtype=object).reshape((1, *cm.shapes[name]))
        )
    values: dict[str, list[int]] = {}
    for name in list(cm.series) + [s.name for s in cm.stocks] + cm.input_names:
        values[name] = elements(g, ns[name], cm.shapes[name], name)
    for name in [v.name for v in model.of_kind("param")]:
        values[name] = elements(g, ns[name], cm.shapes[name], name)
    for name in cm.order:
        equation = cm.equations[name]
        ids = _traced_call(name, lambda equation=equation: equation(space), cm.shapes[name], g)
        values[name] = ids
        ns[name] = Sym(
            g, np.array([Node(g, i) for i in ids], dtype=object).reshape((1, *cm.shapes[name]))
        )
    chosen = set(external_names)  # called in the model's order, as the NumPy path calls them
    return Traced(g, values, tabulated, [n for n in cm.input_names if n in chosen], reasons)


def _time_trace(fn: Callable, t_sym: Sym, shape: tuple[int, ...], g: Graph) -> list[int] | None:
    """The nodes of a time-only input traced with a symbolic time, or None when it cannot
    be traced (it is then called at each time of the grid).

    Traced, its time table is computed by NumPy over the whole grid at once
    (:func:`time_table`) with the operations of a call at each time, instead of one
    Python call per time."""
    n_probes = len(g.probes)
    try:
        with np.errstate(all="ignore"):
            ids = elements(g, fn(t_sym, _Probe()), shape, "a time-only input")
    except Exception:  # noqa: BLE001 - anything it cannot do symbolically: called instead
        ids = None
    if ids is None or any(g.flags[i] & (STATE | MEMBER) for i in ids):
        del g.probes[n_probes:]  # called at each time instead, its probes too
        return None
    return ids


def _traced_call(name: str, call: Callable, shape: tuple[int, ...], g: Graph) -> list[int]:
    try:
        with np.errstate(all="ignore"):
            result = call()
        return elements(g, result, shape, f"equation of {name!r}")
    except Untraceable as exc:
        raise KernelFallback(name, str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - any failure of a traced equation
        raise KernelFallback(name, f"{type(exc).__name__}: {exc}") from None


def _state_array(g: Graph, start: int, shape: tuple[int, ...]) -> Sym:
    n = math.prod(shape)
    a = np.empty(n, dtype=object)
    for j in range(n):
        a[j] = Node(g, g.leaf("state", "", start + j, STATE))
    return Sym(g, a.reshape((1, *shape)))


# --------------------------------------------------------------------- interpretation
def _classify(g: Graph, node: int) -> str:
    f = g.flags[node]
    if g.nodes[node][0] == "const":
        return "const"
    if f & STATE or f == TIME | MEMBER:
        return "dyn"
    if f == TIME:
        return "time"
    return "member"


def _closure(g: Graph, roots) -> list[int]:
    """`roots` and every node they depend on, in topological (creation) order."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        stack.extend(_args(g.nodes[i]))
    return sorted(seen)


def _args(node: tuple) -> list[int]:
    op = node[0]
    if op in ("const", "state", "param", "series", "input", "t", "ext"):
        return []
    if op == "lookup":
        return [node[2]]
    if op == "latch":  # ("latch", index, signal[, the latch it continues])
        return list(node[2:])
    return list(node[1:])


_NP_OPS: dict[str, Callable] = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.true_divide,
    "pow": np.power,
    "neg": np.negative,
    "abs": np.absolute,
    "exp": np.exp,
    "log": np.log,
    "log10": np.log10,
    "sqrt": np.sqrt,
    "cos": np.cos,
    "sin": np.sin,
    "tan": np.tan,
    "tanh": np.tanh,
    "arctan": np.arctan,
    "floor": np.floor,
    "expm1": np.expm1,
    "ceil": np.ceil,
    "max": np.maximum,
    "min": np.minimum,
    "lt": lambda a, b: np.less(a, b).astype(float),
    "le": lambda a, b: np.less_equal(a, b).astype(float),
    "gt": lambda a, b: np.greater(a, b).astype(float),
    "ge": lambda a, b: np.greater_equal(a, b).astype(float),
    "eq": lambda a, b: np.equal(a, b).astype(float),
    "ne": lambda a, b: np.not_equal(a, b).astype(float),
    "and": lambda a, b: ((a != 0) & (b != 0)).astype(float),
    "or": lambda a, b: ((a != 0) | (b != 0)).astype(float),
    "not": lambda a: (a == 0).astype(float),
    "where": lambda c, a, b: np.where(c != 0, a, b),
}


def interpret(g: Graph, ids: list[int], leaf: Callable[[tuple], Any], lookups) -> dict[int, Any]:
    """Values of nodes `ids` (a closed, topologically ordered list) with NumPy.

    `leaf(node)` gives the value of a leaf; values broadcast (a vector over times or
    members).
    """
    out: dict[int, Any] = {}
    with np.errstate(all="ignore"):
        for i in ids:
            node = g.nodes[i]
            op = node[0]
            if op == "const":
                out[i] = node[1]
            elif op in ("state", "param", "series", "input", "t"):
                out[i] = leaf(node)
            elif op == "lookup":
                table = lookups[node[1]]
                out[i] = np.interp(out[node[2]], table.x, table.y)
            else:
                out[i] = _NP_OPS[op](*(out[a] for a in node[1:]))
    return out


# -------------------------------------------------------------------------- codegen
@dataclass
class Kernel:
    """A model's compiled kernel and what it needs to run.

    Build it with :func:`build_kernel`; run it with :func:`run_kernel`.
    """

    cm: CompiledModel
    traced: Traced
    time_nodes: list[int]  # tabulated per evaluation time (columns of T)
    member_nodes: list[int]  # computed per member before the loop (rows of M)
    record_names: list[str]  # variables the record function writes, in order
    record_rows: list[tuple[str, int]]  # per output row: (variable, element)
    module: Any
    source: str
    exp: Any = None  # stockflow.expkernel.ExpGraph, for the exponential methods


def build_kernel(
    cm: CompiledModel,
    inputs: dict[str, Callable],
    record: list[str],
    external: frozenset[str] = frozenset(),
    stateful: bool = True,
    method: str = "rk4",
) -> Kernel:
    """Trace `cm` and generate, compile (or load) its kernel.

    Parameters
    ----------
    cm : CompiledModel
        With the flow accumulators the run integrates (:meth:`CompiledModel.tracking`).
    inputs : dict of str to callable
        The run's policy inputs.
    record : list of str
        Variables recorded at each month end (stocks, flows' accumulators, auxiliaries,
        inputs, series).
    external : frozenset of str
        Inputs to evaluate with NumPy at each stage whatever they read.
    stateful : bool, default True
        Latches in the inputs (:class:`stockflow.latch.Latch`) carried by the generated
        code (for the fixed-step loop); otherwise such inputs are external.
    method : str, default 'rk4'
        An exponential method adds its step functions (:mod:`stockflow.expkernel`).

    Returns
    -------
    Kernel

    Raises
    ------
    KernelFallback
        An equation or input cannot be traced; names it.
    """
    traced = trace(cm, inputs, external, stateful)
    g = traced.graph
    flows = cm.flow_names
    flow_ids = {f: traced.values[f] for f in flows}
    # what the right-hand side needs: every flow element
    rhs_roots = [i for f in flows for i in flow_ids[f]]
    rec_rows: list[tuple[str, int]] = []
    rec_roots: list[int] = []
    state_rows = {s.name: s.start for s in cm.stocks}
    state_rows.update((f, start) for f, start, _ in cm.flow_slots)
    for name in record:
        n = math.prod(cm.shapes[name])
        for j in range(n):
            rec_rows.append((name, j))
            if name not in state_rows:
                rec_roots.append(traced.values[name][j])
    latch_roots = _latch_roots(cm, traced)
    exp = None
    if method in EXPONENTIAL:
        from stockflow import expkernel

        exp = expkernel.exp_graph(cm, traced, method, latch_roots)
    needed = _closure(g, rhs_roots + rec_roots + latch_roots + (exp.roots if exp else []))
    time_nodes = [i for i in needed if _classify(g, i) == "time"]
    member_nodes = [i for i in needed if _classify(g, i) == "member"]
    source = _generate(cm, traced, time_nodes, member_nodes, rec_rows, state_rows)
    if exp is not None:
        source += _generate_exp(cm, traced, exp, time_nodes, member_nodes)
    try:
        module = codegen.compile_source(source)
    except codegen.CompilerMissing as exc:
        raise KernelFallback(None, str(exc)) from None
    if exp is not None:
        expkernel.declare(module)
    return Kernel(cm, traced, time_nodes, member_nodes, record, rec_rows, module, source, exp)


def _generate_exp(cm, traced: Traced, exp, time_nodes, member_nodes) -> str:
    """The exponential step's C source (:func:`stockflow.expkernel.generate`)."""
    from stockflow import expkernel

    g = traced.graph
    ext, row = {}, 0
    for name in traced.external:
        ext[name] = row
        row += math.prod(cm.shapes[name])
    return expkernel.generate(
        g,
        exp,
        cm.n_state,
        lambda i: _classify(g, i) == "dyn",
        {i: c for c, i in enumerate(time_nodes)},
        {i: r for r, i in enumerate(member_nodes)},
        ext,
    )


def _generate(cm, traced: Traced, time_nodes, member_nodes, rec_rows, state_rows) -> str:
    """The kernel's C source (:func:`stockflow.codegen.generate`)."""
    g = traced.graph
    tcol = {i: c for c, i in enumerate(time_nodes)}
    mrow = {i: r for r, i in enumerate(member_nodes)}
    flows = cm.flow_names
    flow_ids = {f: traced.values[f] for f in flows}
    latch_roots = _latch_roots(cm, traced)
    rhs_nodes = _closure(g, [i for f in flows for i in flow_ids[f]] + latch_roots)
    rec_roots = [traced.values[n][e] for n, e in rec_rows if n not in state_rows]
    rec_nodes = _closure(g, rec_roots + (latch_roots if _records_values(cm, rec_rows) else []))
    dyn = {i for i in rhs_nodes + rec_nodes if _classify(g, i) == "dyn"}
    fvar = {(f, e): f"f_{f}_{e}" for f in flows for e in range(len(flow_ids[f]))}
    groups = {s.name: _stock_groups(cm, s) for s in cm.stocks}
    limited, derivatives = [], []
    is_limited = {s.name for s in cm.stocks if s.nonnegative and s.outflows}
    for s in cm.stocks:
        if s.name not in is_limited:
            continue
        for e in range(s.size):
            outs = groups[s.name]["out"][e]
            names = [fvar[fe] for _, elems in outs for fe in elems]
            limited.append((s.start + e, names, _sum_expr(outs, fvar)))
    for s in cm.stocks:
        for e in range(s.size):
            ins = groups[s.name]["in"][e]
            outs = groups[s.name]["out"][e]
            out = f"o{s.start + e}" if s.name in is_limited else _sum_expr(outs, fvar)
            if outs and ins:
                value = f"({_sum_expr(ins, fvar)}) - ({out})"
            elif outs:
                value = f"-({out})"
            elif ins:
                value = _sum_expr(ins, fvar)
            else:
                value = "ZERO"
            derivatives.append((s.start + e, value))
    for f, start, shape in cm.flow_slots:
        for e in range(math.prod(shape)):
            derivatives.append((start + e, fvar[(f, e)]))
    ext, row = {}, 0
    for name in traced.external:
        ext[name] = row
        row += math.prod(cm.shapes[name])
    rec_values: list[str | int] = [
        state_rows[n] + e if n in state_rows else f"node:{traced.values[n][e]}" for n, e in rec_rows
    ]
    return codegen.generate(
        g,
        cm.n_state,
        cm.model.lookups,
        dyn,
        tcol,
        mrow,
        rhs_nodes,
        [(f, flow_ids[f]) for f in flows],
        limited,
        derivatives,
        rec_nodes,
        rec_values,
        ext,
        (g.latches, tcol[g.time()]) if latch_roots else None,
    )


def _records_values(cm: CompiledModel, rec_rows) -> bool:
    """Whether recording evaluates the model (as the NumPy path's recorder does then)."""
    kinds = ("aux", "input", "series")
    return any(cm.model.variables[n].kind in kinds for n, _ in rec_rows)


def _latch_roots(cm: CompiledModel, traced: Traced) -> list[int]:
    """The latch nodes of the inputs, and the time (their clock): every evaluation
    advances every latch, as on the NumPy path, where every input is called each time."""
    g = traced.graph
    if not g.latches:
        return []
    ids = _closure(g, [i for name in cm.input_names for i in traced.values[name]])
    roots = [i for i in ids if g.nodes[i][0] == "latch"] + g.probes
    return roots + [g.time()] if roots else []


def _stock_groups(cm: CompiledModel, s) -> dict[str, list]:
    """Per element of stock `s`: ``[(flow, [(flow, element), ...]), ...]`` for its in- and
    outflows, each flow's elements summed over the axes the stock lacks (in C order)."""
    out: dict[str, list] = {}
    for kind, flows in (("in", s.inflows), ("out", s.outflows)):
        per: list[list] = [[] for _ in range(s.size)]
        for f, axes in flows:
            shape = cm.shapes[f]
            keep = [a for a in range(len(shape)) if (a + 1) not in axes]
            buckets: list[list] = [[] for _ in range(s.size)]
            for flat, idx in enumerate(np.ndindex(*shape) if shape else [()]):
                kept = tuple(idx[a] for a in keep)
                se = int(np.ravel_multi_index(kept, s.shape)) if s.shape else 0
                buckets[se].append((f, flat))
            for e in range(s.size):
                per[e].append((f, buckets[e]))
        out[kind] = per
    return out


def _sum_expr(flows: list, fvar: dict) -> str:
    """``(a0 + a1 + ...) + (b0 + ...)``: each flow summed, then the flows in order."""
    parts = []
    for _, elems in flows:
        terms = [fvar[fe] for fe in elems]
        parts.append(terms[0] if len(terms) == 1 else "(" + " + ".join(terms) + ")")
    return " + ".join(parts) if parts else "ZERO"


# ---------------------------------------------------------------------------- running
@dataclass
class Schedule:
    """The steps of a run: step lengths, the time index of each stage, the month ends."""

    h: np.ndarray
    tau: np.ndarray
    ti: np.ndarray  # (n_steps, 3): time-table rows of the stages (t, t + h/2, t + h)
    rec: np.ndarray  # month recorded after each step, or -1
    rec_ti: np.ndarray  # time-table row of each month end
    times: np.ndarray  # the time table's times


def use_kernel(backend: str, method: str) -> bool:
    """Whether a fixed-step run with `method` goes through the generated kernel.

    Parameters
    ----------
    backend : {'numpy', 'compiled', 'auto'}
        The backend asked for.
    method : str
        A fixed-step method of :func:`stockflow.simulate`.

    Returns
    -------
    bool
        True for ``'compiled'`` or ``'auto'`` with a method in :data:`KERNEL_METHODS`;
        False for ``'numpy'``, and for ``'auto'`` with another method (the NumPy path
        runs it).

    Raises
    ------
    ValueError
        If `backend` is unknown, or is ``'compiled'`` with a method the kernel does not
        implement.

    Examples
    --------
    >>> use_kernel("auto", "rk4"), use_kernel("auto", "exp-heun"), use_kernel("numpy", "rk4")
    (True, True, False)
    >>> use_kernel("compiled", "RK45")
    Traceback (most recent call last):
    ...
    ValueError: `backend` = 'compiled' runs the methods ('euler', 'rk4', 'exp-euler', 'exp-heun'), not 'RK45'; use backend='numpy' or 'auto'
    """
    if backend not in BACKENDS:
        raise ValueError(f"`backend` must be one of {BACKENDS}, got {backend!r}")
    if backend == "numpy":
        return False
    if method in KERNEL_METHODS:
        return True
    if backend == "compiled":
        raise ValueError(
            f"`backend` = 'compiled' runs the methods {KERNEL_METHODS}, not {method!r}; "
            "use backend='numpy' or 'auto'"
        )
    return False


def schedule(grid: list[float], dt: float, method: str) -> Schedule:
    """The fixed-step schedule of :func:`stockflow.integrate._fixed_step` on `grid`."""
    times: dict[float, int] = {}

    def row(t: float) -> int:
        return times.setdefault(float(t), len(times))

    hs, taus, tis, recs = [], [], [], []
    n_months = int(round(grid[-1]))
    rec_ti = np.zeros(n_months, dtype=np.int64)
    for a, b in itertools.pairwise(grid):
        n = max(1, math.ceil((b - a) / dt - 1e-9))
        h = (b - a) / n
        b_left = np.nextafter(b, a)
        tau_min = h * (1 + 1e-9)
        for i in range(n):
            t = a + i * h
            hs.append(h)
            taus.append(TAU_MIN if method in EXPONENTIAL else tau_min)
            if method in ("euler", "exp-euler"):
                tis.append((row(min(t, b_left)), 0, 0))
            else:
                tis.append(
                    (row(min(t, b_left)), row(min(t + h / 2, b_left)), row(min(t + h, b_left)))
                )
            recs.append(-1)
        if b == round(b):
            recs[-1] = int(round(b)) - 1
            rec_ti[int(round(b)) - 1] = row(float(b))
    return Schedule(
        np.array(hs),
        np.array(taus),
        np.array(tis, dtype=np.int64),
        np.array(recs, dtype=np.int64),
        rec_ti,
        np.array(list(times), dtype=float),
    )


def time_table(kernel: Kernel, times: np.ndarray, inputs: dict[str, Callable]) -> np.ndarray:
    """Values of the kernel's time-only nodes at `times`: shape ``(len(times), n)``."""
    cm, traced = kernel.cm, kernel.traced
    g = traced.graph
    cols: dict[tuple[str, str], np.ndarray] = {}
    for name in cm.series:
        cols[("series", name)] = np.stack(
            [cm._series_value(name, float(t))[0].reshape(-1) for t in times]
        )
    for name in traced.tabulated:
        fn = inputs[name]
        rows = []
        full = (1, *cm.shapes[name])
        for t in times:
            value = np.asarray(fn(float(t), _Probe()), dtype=float)
            if value.ndim == len(full) and value.shape[0] > 1:
                raise _MemberVarying(name, "its input function gives each member its own value")
            try:
                rows.append(np.broadcast_to(value, full).reshape(-1))
            except ValueError:
                raise KernelFallback(
                    name, f"its input function gives shape {value.shape}"
                ) from None
        cols[("input", name)] = np.stack(rows)

    def leaf(node):
        if node[0] == "t":
            return times
        return cols[(node[0], node[1])][:, node[2]]

    ids = _closure(g, kernel.time_nodes)
    vals = interpret(g, ids, leaf, cm.model.lookups)
    table = np.empty((len(times), max(1, len(kernel.time_nodes))))
    for k, i in enumerate(kernel.time_nodes):
        table[:, k] = vals[i]
    return table


def member_table(kernel: Kernel, values: dict[str, np.ndarray], k: int) -> np.ndarray:
    """Values of the kernel's parameter-only nodes for `k` members: ``(n, k)``."""
    g = kernel.traced.graph
    flat = {n: np.asarray(v, dtype=float).reshape(v.shape[0], -1) for n, v in values.items()}

    def leaf(node):
        return flat[node[1]][:, node[2]]

    ids = _closure(g, kernel.member_nodes)
    vals = interpret(g, ids, leaf, kernel.cm.model.lookups)
    table = np.empty((max(1, len(kernel.member_nodes)), k))
    for r, i in enumerate(kernel.member_nodes):
        table[r] = vals[i]
    return table


def run_kernel(
    kernel: Kernel,
    y0: np.ndarray,
    member_values: dict[str, np.ndarray],
    sched: Schedule,
    ttable: np.ndarray,
    method: str,
    *,
    block: int | None = None,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Integrate members from `y0` (``(n_state, k)``) over the schedule.

    Returns
    -------
    out : numpy.ndarray
        ``(n_months, n_rows, k)``: the recorded rows at each month end.
    bad : numpy.ndarray
        ``(2, k)`` of int: month and state row at which each member first went
        non-finite (-1: never).
    """
    block = block or BLOCK
    if method in EXPONENTIAL:  # stockflow.expkernel
        from stockflow.expkernel import run_exp_kernel

        n = threads or default_threads()
        return run_exp_kernel(
            kernel, y0, member_values, sched, ttable, method, block=block, threads=n
        )
    k = y0.shape[1]
    kp = padded(k)  # the member stride of every array the kernel reads or writes
    M = _pad(member_table(kernel, member_values, k), kp)
    n_months = len(sched.rec_ti)
    out = np.zeros((n_months, len(kernel.record_rows), kp))
    bad = np.full((2, kp), -1, dtype=np.int64)
    y0 = _pad(y0, kp)
    ttable = np.ascontiguousarray(ttable, dtype=float)
    lib = kernel.module
    latches = latch_buffers(kernel, k, block, sched)

    def one(lo: int) -> None:
        if latches is not None:  # this block's latch state, for this thread
            latches.bind(lib, lo // block)
        lib.run_block(
            y0, kp, ttable, ttable.shape[1], M, len(sched.h), sched.h, sched.tau, sched.ti,
            sched.rec, sched.rec_ti, out, out.shape[1], bad, lo, min(block, k - lo), rk4,
            _NO_E,
        )  # fmt: skip

    rk4 = method == "rk4"
    starts = range(0, k, block)

    n_threads = threads or default_threads()
    if n_threads == 1 or len(starts) == 1:
        for lo in starts:
            one(lo)
    else:  # the blocks release the GIL: threads run them on every core
        list(thread_pool(n_threads).map(one, starts))
    if latches is not None:
        latches.write_back()
    return out[..., :k], bad[:, :k]


def latch_buffers(kernel: Kernel, k: int, block: int, sched: Schedule):
    """The latch state of a run of `k` members in blocks of `block`, loaded from the
    kernel's latches (:class:`stockflow.latch_kernel.LatchBuffers`); None without any."""
    if not hasattr(kernel.module, "latch_bind"):
        return None
    from stockflow.latch_kernel import LatchBuffers

    starts = list(range(0, k, block))
    return LatchBuffers(kernel.traced.graph.latches, k, starts, block, len(sched.times))


_NO_E = np.zeros(1)


def padded(k: int) -> int:
    """A row stride for `k` members: a multiple of 8, at least 8 more than `k` (room for
    the last vector of a block), and not a power of two."""
    w = ((k + 7) // 8) * 8 + 8
    return w + 8 if w & (w - 1) == 0 else w


def _pad(a: np.ndarray, width: int) -> np.ndarray:
    """`a` (rows x k) copied into a C-ordered array rows x `width`, zeros after column k."""
    out = np.zeros((a.shape[0], width))
    out[:, : a.shape[1]] = a
    return out


def stage_inputs(
    kernel: Kernel, consts: dict[str, Any], inputs: dict[str, Callable], k: int, kp: int
) -> tuple[np.ndarray, Callable[[float, np.ndarray], None], bool]:
    """What a stage-by-stage run needs for the inputs NumPy computes (the external ones).

    Parameters
    ----------
    kernel : Kernel
    consts : dict
        The run's constants.
    inputs : dict of str to callable
        The run's policy inputs.
    k, kp : int
        Members, and members padded (:func:`padded`).

    Returns
    -------
    E : numpy.ndarray
        The external inputs' rows ``(elements, kp)``, read by the compiled code.
    external : callable
        ``external(t, y)`` fills `E` from the state `y` at time `t`.
    needs_eval : bool
        Whether a recorded variable is an auxiliary, input or series, so that the NumPy
        path evaluates the inputs at the month ends too.
    """
    from stockflow.compile import Values

    cm = kernel.cm
    names = kernel.traced.external
    E = np.zeros((sum(math.prod(cm.shapes[n]) for n in names), kp))
    kinds = ("aux", "input", "series")
    needs_eval = any(cm.model.variables[n].kind in kinds for n in kernel.record_names)

    def external(t: float, yy: np.ndarray) -> None:
        ns = dict(consts)
        ns["t"] = t
        for stock in cm.stocks:
            ns[stock.name] = yy[stock.start : stock.stop, :k].T.reshape((k, *stock.shape))
        values = Values(ns)
        r = 0
        for name in names:
            size = math.prod(cm.shapes[name])
            value = np.broadcast_to(inputs[name](t, values), (k, *cm.shapes[name]))
            E[r : r + size, :k] = value.reshape(k, size).T
            r += size

    return E, external, needs_eval


def table_rows(ttable: np.ndarray) -> Callable[[int], int]:
    """The address of row `ti` of the contiguous time table `ttable`, for the C calls."""
    base, stride = ttable.ctypes.data, ttable.shape[1] * ttable.itemsize

    def row(ti: int) -> int:
        return int(base + int(ti) * stride)

    return row


def run_stepped(
    kernel: Kernel,
    y0: np.ndarray,
    member_values: dict[str, np.ndarray],
    consts: dict[str, Any],
    inputs: dict[str, Callable],
    sched: Schedule,
    ttable: np.ndarray,
    method: str,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`run_kernel`, stage by stage: for kernels with external inputs.

    At each evaluation NumPy computes the external inputs from the state (in the order and
    at the times the NumPy path calls them, so inputs that keep a history see the same
    calls), and the compiled ``rhs`` computes the rest for all members at once.
    """

    if method in EXPONENTIAL:  # stockflow.expkernel
        from stockflow.expkernel import run_exp_stepped

        n = threads or default_threads()
        return run_exp_stepped(kernel, y0, member_values, consts, inputs, sched, ttable, method, n)
    k = y0.shape[1]
    kp = padded(k)
    M = _pad(member_table(kernel, member_values, k), kp)
    n_months = len(sched.rec_ti)
    nrec = len(kernel.record_rows)
    out = np.zeros((n_months, nrec, kp))
    bad = np.full((2, k), -1, dtype=np.int64)
    ttable = np.ascontiguousarray(ttable, dtype=float)
    lib = kernel.module
    E, external, needs_eval = stage_inputs(kernel, consts, inputs, k, kp)
    row = table_rows(ttable)

    # the compiled parts in blocks of BLOCK members (a block's rows stay in cache), on
    # a pool of threads
    block = BLOCK
    starts = list(range(0, k, block))
    pool = thread_pool(threads or default_threads())

    def blocks(call) -> None:
        if len(starts) == 1:
            call(0)
        else:
            list(pool.map(call, starts))

    latches = latch_buffers(kernel, k, block, sched)

    def bind(lo: int) -> None:
        if latches is not None:  # this block's latch state, for this thread
            latches.bind(lib, lo // block)

    def f(ti: int, yy: np.ndarray, tau: float) -> np.ndarray:
        external(float(sched.times[ti]), yy)
        d = np.empty_like(yy)
        t_row, ya, da = row(ti), yy.ctypes.data, d.ctypes.data

        def one(lo: int) -> None:
            bind(lo)
            lib.rhs(ya + 8 * lo, da + 8 * lo, min(block, k - lo), kp, t_row, M, kp, lo, tau, E)

        blocks(one)
        return d

    y = _pad(y0, kp)
    for st in range(len(sched.h)):
        h, tau = float(sched.h[st]), float(sched.tau[st])
        ti = sched.ti[st]
        with np.errstate(all="ignore"):
            k1 = f(ti[0], y, tau)
            if method == "euler":
                y = y + k1 * h
            else:
                k2 = f(ti[1], y + k1 * (h / 2), tau)
                k3 = f(ti[1], y + k2 * (h / 2), tau)
                k4 = f(ti[2], y + k3 * h, tau)
                y = y + (((k2 * 2 + k1) + k3 * 2) + k4) * (h / 6)
        month = int(sched.rec[st])
        if month >= 0:
            bad_cols = ~np.isfinite(y[:, :k]).all(axis=0) & (bad[0] < 0)
            for col in np.flatnonzero(bad_cols):
                bad[0, col] = month
                bad[1, col] = int(np.flatnonzero(~np.isfinite(y[:, col]))[0])
            ti_rec = int(sched.rec_ti[month])
            if needs_eval:  # the NumPy path evaluates the inputs here only then
                external(float(sched.times[ti_rec]), y)
            t_row, ya, oa = row(ti_rec), y.ctypes.data, out[month].ctypes.data

            def rec(lo: int, t_row=t_row, ya=ya, oa=oa) -> None:
                bind(lo)
                lib.record(ya + 8 * lo, min(block, k - lo), kp, t_row, M, kp, lo, oa, E)

            blocks(rec)
    if latches is not None:
        latches.write_back()
    return out[..., :k], bad


def default_threads() -> int:
    """Threads a run uses by default: ``$STOCKFLOW_THREADS``, or the cores available."""
    env = os.environ.get("STOCKFLOW_THREADS")
    if env:
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def thread_pool(n_threads: int) -> ThreadPoolExecutor:
    """A pool of `n_threads` threads for the kernel's blocks, shared by every run.

    Starting threads for each run cost more than the run itself for a month of a few
    thousand members (the filter advances month by month). One pool per size and process
    (a forked child makes its own: its parent's threads do not exist in it).

    Parameters
    ----------
    n_threads : int

    Returns
    -------
    concurrent.futures.ThreadPoolExecutor
    """
    return _pool(os.getpid(), int(n_threads))


@functools.cache
def _pool(pid: int, n_threads: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(n_threads, thread_name_prefix=f"stockflow-kernel-{pid}")


def raise_if_bad(cm: CompiledModel, bad: np.ndarray, method: str, offset: int) -> None:
    """Raise :class:`IntegrationError` for the first member that went non-finite."""
    months = bad[0]
    if (months < 0).all():
        return
    first = int(months[months >= 0].min())
    cols = np.flatnonzero(months == first)
    rows = bad[1, cols]
    col = int(cols[np.argmin(rows)])
    row = int(bad[1, col])
    slots = [(f"stock {s.name!r}", s.start, s.size) for s in cm.stocks]
    slots += [
        (f"the total of flow {f!r}", start, math.prod(shape)) for f, start, shape in cm.flow_slots
    ]
    what = next(label for label, start, size in slots if start <= row < start + size)
    t = first + 1
    raise IntegrationError(
        f"{method} failed by t = {t:.4g} months: {what} of member {offset + col} is not finite",
        t_reached=float(t),
        solver_message="non-finite state",
    )


def fallback_warning(exc: KernelFallback) -> None:
    """Warn that a run falls back to the NumPy path, naming the variable."""
    import warnings

    warnings.warn(str(exc), KernelFallbackWarning, stacklevel=3)


# ------------------------------------------------------------------ simulate's backend
def _input_modes(cm: CompiledModel, inputs: dict[str, Callable]) -> tuple:
    """What the kernel's code depends on in `inputs`: tabulated or traced, per input."""
    modes = []
    for name in sorted(inputs):
        try:
            inputs[name](0.0, _Probe())
            modes.append((name, "table", id(inputs[name])))  # traced over time if it can be
        except _ReadsModel:
            modes.append((name, "traced", id(inputs[name])))
        except Exception:  # noqa: BLE001 - reported when the kernel is built
            modes.append((name, "failed", id(inputs[name])))
    return tuple(modes)


# kernels per model, kept beside it (not on it: a model must stay picklable for Dask); the
# kernels refer to their model, so the last few models are kept, not all
_KERNELS: OrderedDict[int, tuple[weakref.ref, OrderedDict]] = OrderedDict()
_KEEP = 16
# and the last few kernels of each model: a kernel's key holds the ids of the run's inputs,
# so every new binding of a scenario builds (and would otherwise keep) one more
_KEEP_PER_MODEL = 32


def _store(model) -> OrderedDict:
    entry = _KERNELS.get(id(model))
    if entry is None or entry[0]() is not model:
        entry = (weakref.ref(model), OrderedDict())
        _KERNELS[id(model)] = entry
        while len(_KERNELS) > _KEEP:
            _KERNELS.popitem(last=False)
    _KERNELS.move_to_end(id(model))
    return entry[1]


def get_kernel(
    cm: CompiledModel,
    inputs: dict[str, Callable],
    record: list[str],
    external: frozenset[str] = frozenset(),
    stateful: bool = True,
    method: str = "rk4",
) -> Kernel:
    """The kernel of `cm` for these inputs and recorded variables, built once per model.

    Parameters
    ----------
    cm : CompiledModel
    inputs : dict of str to callable
        The run's policy inputs (which are tabulated and which traced is part of the key).
    record : list of str
        Variables recorded at each month end.
    external : frozenset of str
        Inputs to evaluate with NumPy at each stage.
    stateful : bool, default True
        Latches carried by the generated code (see :func:`build_kernel`).
    method : str, default 'rk4'
        The exponential methods have a kernel of their own (with Euler's and RK4's).

    Returns
    -------
    Kernel

    Raises
    ------
    KernelFallback
        As :func:`build_kernel`.
    """
    store = _store(cm.model)
    key = (
        len(cm.model.variables),
        tuple(f for f, _, _ in cm.flow_slots),
        _input_modes(cm, inputs),
        tuple(record),
        tuple(sorted(external)),
        stateful,
        method if method in EXPONENTIAL else "",
    )
    kernel = store.get(key)
    if kernel is None:
        kernel = build_kernel(cm, inputs, record, external, stateful, method=method)
        kernel._inputs = dict(inputs)  # kept alive while stored: their ids are in the key
        store[key] = kernel
        while len(store) > _KEEP_PER_MODEL:
            store.popitem(last=False)
    store.move_to_end(key)
    return kernel


def _prepare(cm, inputs, record, grid, dt, method) -> tuple[Kernel, Schedule, np.ndarray]:
    """The kernel, the schedule and the time table of a run; time-only inputs that give
    each member its own value are moved to the stage-by-stage evaluation."""
    external: frozenset[str] = frozenset()
    sched = schedule(grid, dt, method)
    while True:
        kernel = get_kernel(cm, inputs, record, external, method=method)
        try:
            return kernel, sched, time_table(kernel, sched.times, inputs)
        except _MemberVarying as exc:
            if exc.variable in external:
                raise
            external = external | {exc.variable}


def simulate_fixed_step(
    cm: CompiledModel,
    values: dict[str, np.ndarray],
    n_members: int,
    inputs: dict[str, Callable],
    grid: list[float],
    dt: float,
    method: str,
    recorder,
    chunk_size: int,
    progress: Callable[[int, int], None] | None,
    backend: str,
    threads: int | None = None,
) -> int | None:
    """The fixed-step part of :func:`stockflow.simulate` on the compiled kernel.

    Parameters
    ----------
    cm : CompiledModel
        Tracking the flows the run returns.
    values : dict of str to numpy.ndarray
        Parameter values with a member axis (1 or `n_members`).
    n_members : int
    inputs : dict of str to callable
    grid : list of float
        Breakpoints and month ends (:func:`stockflow.integrate._segment_points`).
    dt : float
    method : {'euler', 'rk4', 'exp-euler', 'exp-heun'}
    recorder : stockflow.output.Recorder
        Filled as the NumPy path fills it.
    chunk_size : int
        Members per call of the kernel (each call runs its blocks on every core).
    progress : callable or None
        ``progress(members_done, n_members)`` after each chunk.
    backend : {'compiled', 'auto'}
    threads : int, optional
        Threads per chunk (default :func:`default_threads`).

    Returns
    -------
    int or None
        The number of right-hand-side evaluations (counted as the NumPy path counts
        them), or None (after a :class:`KernelFallbackWarning`) when `backend` is
        ``"auto"`` and the model cannot be compiled.

    Raises
    ------
    KernelFallback
        With ``backend="compiled"``, naming the variable that cannot be compiled.
    IntegrationError
        The state became non-finite (names the stock and member).
    """
    from stockflow.integrate import _take, initial_state

    try:
        kernel, sched, ttable = _prepare(cm, inputs, list(recorder.names), grid, dt, method)
    except KernelFallback as exc:
        if backend == "compiled":
            raise
        fallback_warning(exc)
        return None
    n_months = len(sched.rec_ti)
    for lo in range(0, n_members, chunk_size):
        hi = min(lo + chunk_size, n_members)
        part = _take(values, lo, hi, n_members)
        consts = cm.constants(part)
        y0 = initial_state(cm, consts, inputs, hi - lo)
        recorder.initial(y0, lo, hi)
        if kernel.traced.external:
            out, bad = run_stepped(
                kernel, y0, part, consts, inputs, sched, ttable, method, threads=threads
            )
        else:
            out, bad = run_kernel(kernel, y0, part, sched, ttable, method, threads=threads)
        raise_if_bad(cm, bad, method, lo)
        r = 0
        for name in kernel.record_names:
            size = math.prod(cm.shapes[name])
            block = out[:, r : r + size, :]  # (months, elements, members)
            recorder.data[name][:, lo:hi] = np.moveaxis(block, 2, 1).reshape(
                n_months, hi - lo, *cm.shapes[name]
            )
            r += size
        if progress is not None:
            progress(hi, n_members)
    per_step = {"rk4": 4, "exp-heun": 2}.get(method, 1)
    return len(sched.h) * per_step * math.ceil(n_members / chunk_size)


def advance_stepper(stepper, y: np.ndarray, grid: list[float], stop: int) -> np.ndarray | None:
    """:meth:`stockflow.Stepper.advance` on the compiled kernel.

    Parameters
    ----------
    stepper : stockflow.Stepper
        Its model, parameters, inputs, method, step and backend.
    y : numpy.ndarray
        State ``(n_state, n_members)`` at the first time of `grid`.
    grid : list of float
        Breakpoints and month ends from the start to `stop`.
    stop : int
        The month whose end state is returned.

    Returns
    -------
    numpy.ndarray or None
        The state at the end of month `stop`; None (after a
        :class:`KernelFallbackWarning`) when the backend is ``"auto"`` and the model
        cannot be compiled.

    Raises
    ------
    KernelFallback
        With ``backend="compiled"``, naming the variable that cannot be compiled.
    IntegrationError
        The state is not finite at month `stop` (it is checked there only).
    """
    cm = stepper.cm
    record = [s.name for s in cm.stocks] + [f for f, _, _ in cm.flow_slots]
    try:
        kernel, full, ttable = _prepare(
            cm, stepper.inputs, record, grid, stepper.dt, stepper.method
        )
    except KernelFallback as exc:
        if stepper.backend == "compiled":
            raise
        fallback_warning(exc)
        return None
    rec = np.full_like(full.rec, -1)
    rec[-1] = 0
    sched = Schedule(full.h, full.tau, full.ti, rec, full.rec_ti[stop - 1 : stop], full.times)
    if kernel.traced.external:
        out, bad = run_stepped(
            kernel,
            y,
            stepper._values,
            stepper.consts,
            stepper.inputs,
            sched,
            ttable,
            stepper.method,
        )
    else:
        out, bad = run_kernel(kernel, y, stepper._values, sched, ttable, stepper.method)
    if (bad[0] >= 0).any():
        bad = bad.copy()
        bad[0][bad[0] >= 0] = stop - 1
        raise_if_bad(cm, bad, stepper.method, 0)
    return np.ascontiguousarray(out[0])


class CompiledRhs:
    """The compiled right-hand side of one member, for ``solve_ivp``.

    Stands in for a :class:`CompiledModel` in :func:`stockflow.integrate._solve_ivp`: its
    :meth:`rhs` has the same contract, computed by the kernel's ``rhs`` for the columns of
    `y` (all with this member's parameters). The time-only nodes are evaluated at each
    call with NumPy (they are tabulated only for the fixed-step grid).

    Parameters
    ----------
    kernel : Kernel
    consts : dict
        The member's constants (:meth:`CompiledModel.constants` of one member).
    inputs : dict of str to callable
    """

    def __init__(self, kernel: Kernel, consts: dict[str, Any], inputs: dict[str, Callable]):
        self.kernel = kernel
        self.cm = kernel.cm
        self.consts = consts
        self.inputs = inputs
        names = [v.name for v in self.cm.model.of_kind("param")]
        self.values = {n: np.asarray(consts[n]) for n in names}
        self.m1 = member_table(kernel, self.values, 1)
        self._time_fn = _time_function(kernel)

    def _time_row(self, t: float) -> np.ndarray:
        cm, kernel = self.cm, self.kernel
        cols: dict[tuple[str, str], np.ndarray] = {}
        for name in cm.series:
            cols[("series", name)] = cm._series_value(name, t)[0].reshape(-1)
        for name in kernel.traced.tabulated:
            value = np.asarray(self.inputs[name](t, _Probe()), dtype=float)
            cols[("input", name)] = np.broadcast_to(value, (1, *cm.shapes[name])).reshape(-1)

        def leaf(node):
            return t if node[0] == "t" else cols[(node[0], node[1])][node[2]]

        row = np.zeros((1, max(1, len(kernel.time_nodes))))
        with np.errstate(all="ignore"):
            self._time_fn(np.float64(t), cols, row[0])
        return row

    def rhs(self, t, y, constants=None, inputs=None, tau_min: float = 1e-3) -> np.ndarray:
        """``dy/dt`` at time `t`; `y` of shape ``(n,)`` or ``(n, j)``.

        Parameters
        ----------
        t : float
        y : numpy.ndarray
        constants, inputs : ignored
            Those given when this object was made are used.
        tau_min : float, default 1e-3
            The limiter's time constant.

        Returns
        -------
        numpy.ndarray
            Shaped like `y`.
        """
        flat = y.ndim == 1
        y2 = y[:, None] if flat else y
        j = y2.shape[1]
        kp = padded(j)
        Y = np.zeros((self.cm.n_state, kp))
        Y[:, :j] = y2
        D = np.empty_like(Y)
        M = np.repeat(self.m1, kp, axis=1)
        E = _NO_E
        names = self.kernel.traced.external
        if names:
            from stockflow.compile import Values

            ns = dict(self.consts)
            ns["t"] = t
            for s in self.cm.stocks:
                ns[s.name] = y2[s.start : s.stop].T.reshape((j, *s.shape))
            rows = []
            for name in names:
                value = np.broadcast_to(
                    self.inputs[name](t, Values(ns)), (j, *self.cm.shapes[name])
                )
                rows.append(value.reshape(j, -1).T)
            E = np.zeros((sum(r.shape[0] for r in rows), kp))
            E[:, :j] = np.concatenate(rows)
        T = self._time_row(float(t))
        with np.errstate(all="ignore"):
            self.kernel.module.rhs(
                Y.ctypes.data, D.ctypes.data, j, kp, T.ctypes.data, M, kp, 0, tau_min, E
            )
        dy = D[:, :j]
        return dy[:, 0].copy() if flat else dy.copy()


_PY_OPS = {
    "add": "{0} + {1}",
    "sub": "{0} - {1}",
    "mul": "{0} * {1}",
    "div": "{0} / {1}",
    "pow": "{0} ** {1}",
    "neg": "-{0}",
    "abs": "abs({0})",
    "lt": "_f({0} < {1})",
    "le": "_f({0} <= {1})",
    "gt": "_f({0} > {1})",
    "ge": "_f({0} >= {1})",
    "eq": "_f({0} == {1})",
    "ne": "_f({0} != {1})",
    "and": "_f({0} != 0 and {1} != 0)",
    "or": "_f({0} != 0 or {1} != 0)",
    "not": "_f({0} == 0)",
    "where": "({1} if {0} != 0 else {2})",
}


def _time_function(kernel: Kernel) -> Callable:
    """A Python function computing the kernel's time-only nodes at one time.

    ``f(t, cols, out)``: `t` a ``numpy.float64``, `cols` the flat values of the series and
    tabulated inputs by ``(kind, name)``, `out` the row to fill. NumPy scalars keep NumPy's
    arithmetic (division by zero gives inf, not an exception) at a fraction of the cost of
    calling ufuncs on 0-d arrays.
    """
    fn = getattr(kernel, "_time_fn", None)
    if fn is not None:
        return fn
    g = kernel.traced.graph
    lines = ["def f(t, cols, out):"]
    names: dict[int, str] = {}
    for i in _closure(g, kernel.time_nodes):
        node = g.nodes[i]
        op = node[0]
        if op == "const":
            names[i] = f"_c({node[1]!r})"
            continue
        names[i] = f"x{i}"
        if op == "t":
            expr = "t"
        elif op in ("series", "input"):
            expr = f"cols[({op!r}, {node[1]!r})][{node[2]}]"
        elif op == "lookup":
            expr = f"_interp({names[node[2]]}, _lk[{node[1]!r}].x, _lk[{node[1]!r}].y)"
        elif op in _PY_OPS:
            expr = _PY_OPS[op].format(*(names[a] for a in node[1:]))
        else:
            expr = f"_np.{_NP_OPS[op].__name__}(" + ", ".join(names[a] for a in node[1:]) + ")"
        lines.append(f"    x{i} = {expr}")
    lines += [f"    out[{c}] = {names[i]}" for c, i in enumerate(kernel.time_nodes)]
    lines.append("    return out")
    scope = {
        "_np": np,
        "_c": np.float64,
        "_f": lambda b: np.float64(1.0 if b else 0.0),
        "_interp": lambda x, xp, fp: np.float64(np.interp(x, xp, fp)),
        "_lk": kernel.cm.model.lookups,
    }
    exec("\n".join(lines), scope)  # noqa: S102 - source generated from the traced graph
    kernel._time_fn = scope["f"]
    return scope["f"]


def solve_ivp_model(cm: CompiledModel, consts: dict[str, Any], inputs, backend: str):
    """What :func:`stockflow.integrate._solve_ivp` calls ``rhs`` on for one member.

    Parameters
    ----------
    cm : CompiledModel
    consts : dict
        The member's constants.
    inputs : dict of str to callable
    backend : {'numpy', 'compiled', 'auto'}

    Returns
    -------
    CompiledModel or CompiledRhs
        `cm` itself for ``'numpy'``, or when ``'auto'`` cannot compile the model (after a
        :class:`KernelFallbackWarning`).

    Raises
    ------
    KernelFallback
        With ``backend="compiled"``, naming the variable that cannot be compiled.
    """
    if backend == "numpy":
        return cm
    try:
        kernel = get_kernel(cm, inputs, [], stateful=False)
    except KernelFallback as exc:
        if backend == "compiled":
            raise
        fallback_warning(exc)
        return cm
    return CompiledRhs(kernel, consts, inputs)
