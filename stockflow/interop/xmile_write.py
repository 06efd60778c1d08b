"""XMILE 1.0 writer: a stockflow model and one run's inputs as an XMILE document.

:func:`export_xmile` traces every equation (:mod:`stockflow.interop.xmile_trace`) and
prints the trees as XMILE equations; see :mod:`stockflow.interop.xmile` for what is
written and how. :func:`euler_reference` is the stockflow run the document reproduces.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import math
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from stockflow.calendar import DateLike, n_months_between
from stockflow.compile import EMPTY, CompiledModel, _total, _trace_members, compile_model
from stockflow.errors import DeclarationError, StockflowError
from stockflow.integrate import simulate
from stockflow.interop.xmile_trace import (
    BCAST,
    MEMBER,
    Sym,
    Trace,
    Untraceable,
    trace_equation,
)
from stockflow.model import Model, check_mapping
from stockflow.units import UnitsSyntaxError, parse_units

__all__ = [
    "BUILTINS",
    "ExportError",
    "XmileExport",
    "element_names",
    "euler_reference",
    "export_xmile",
    "step_of",
]

XMILE_NAMESPACE = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"

#: Names XMILE (or the tools that read it) keep for themselves, compared case-insensitively.
RESERVED = frozenset(
    """time dt starttime stoptime if then else and or not mod abs arccos arcsin arctan cos
    exp inf int ln log10 max min pi sin sqrt tan sum mean size stddev prod rank delay delay1
    delay3 delayn smth1 smth3 smthn trend forcst init previous self step ramp pulse lookup
    normal lognormal poisson random exprnd safediv""".split()
)

BUILTINS = ("xmile", "stocks")
#: Version of the documents this module writes (``<product version=...>``).
FORMAT_VERSION = "1.0"


class ExportError(StockflowError, ValueError):
    """A model, or a run's inputs, cannot be written as XMILE; the message names the
    variable and says why."""


@dataclass(frozen=True)
class XmileExport:
    """An XMILE document written by :func:`export_xmile`, with what went into it.

    Parameters
    ----------
    text : str
        The XMILE 1.0 document.
    dt : float
        Its Euler time step [months] (``<sim_specs><dt>``).
    n_months : int
        Months simulated (``<stop>``; ``<start>`` is 0, the model's start month).
    time_series : tuple of str
        Policy inputs written as graphical functions of ``TIME``.
    state_aware : tuple of str
        Of those, the inputs whose functions read the model's state: they were sampled
        from a stockflow Euler run (:func:`euler_reference`) and no longer respond to the
        state in the exported model.
    builtins : dict of str to str
        Variables written as XMILE builtins (``{"perceived_time": "SMTH1"}``).

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("tank", start="2020-01")
    >>> _ = m.stock("level", 100.0, units="litres")
    >>> _ = m.flow("drain", lambda v: 0.1 * v.level, source="level", units="litres/month")
    >>> doc = export_xmile(m, 12)
    >>> (doc.dt, doc.n_months, doc.text.startswith("<?xml"))
    (0.25, 12, True)
    """

    text: str
    dt: float
    n_months: int
    time_series: tuple[str, ...] = ()
    state_aware: tuple[str, ...] = ()
    builtins: dict[str, str] = field(default_factory=dict)

    def write(self, path: str | os.PathLike) -> Path:
        """Write the document to `path` atomically (a temporary file, then ``os.replace``).

        Parameters
        ----------
        path : str or path-like
            The file to write; its folder must exist.

        Returns
        -------
        pathlib.Path
            `path`.

        Raises
        ------
        OSError
            The folder does not exist or cannot be written; no partial file is left.
        """
        path = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.text)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path


def step_of(dt: float) -> float:
    """The Euler step stockflow takes for a requested `dt`: a whole number of steps a month.

    Parameters
    ----------
    dt : float
        The requested step [months].

    Returns
    -------
    float
        ``1 / ceil(1 / dt)``: `dt` rounded down to a whole fraction of a month.

    Raises
    ------
    ValueError
        `dt` is not positive.

    Examples
    --------
    >>> step_of(0.25), step_of(0.3)
    (0.25, 0.25)
    """
    if not (dt > 0):
        raise ValueError(f"`dt` must be positive, got {dt}")
    return 1.0 / math.ceil(1.0 / dt - 1e-9)


def element_names(model: Model) -> dict[str, dict[str, str]]:
    """XMILE names of the labels of each dimension: ``{dim: {label: name}}``.

    XMILE treats ``_`` and spaces in names alike and PySD reads subscripts in equations
    with ``_`` turned into spaces, so labels are written with spaces (``tijuana_san_diego``
    becomes ``tijuana san diego``, referred to as ``tijuana_san_diego`` in equations).
    Characters other than letters and digits become spaces, and a label that would start
    with a digit is prefixed with its dimension (``2019-10`` becomes ``knot 2019 10``).

    Parameters
    ----------
    model : Model

    Returns
    -------
    dict of str to dict of str to str
        ``{dim: {label: XMILE element name}}``, names unique within a dimension.

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("demo", "2020-01", dims={"corridor": ["tijuana_san_diego", "2nd_city"]})
    >>> element_names(m)
    {'corridor': {'tijuana_san_diego': 'tijuana san diego', '2nd_city': 'corridor 2nd city'}}
    """
    out: dict[str, dict[str, str]] = {}
    for dim, labels in model.dims.items():
        names: dict[str, str] = {}
        seen: set[str] = set()
        for label in labels:
            base = re.sub(r"[^0-9A-Za-z]+", " ", label).strip()
            if not base or base[0].isdigit():
                base = f"{re.sub(r'[^0-9A-Za-z]+', ' ', dim).strip()} {base}".strip()
            name, n = base, 1
            while name.lower() in seen:
                n += 1
                name = f"{base} {n}"
            seen.add(name.lower())
            names[label] = name
        out[dim] = names
    return out


def euler_reference(
    model: Model | CompiledModel,
    end: DateLike | int,
    *,
    dt: float = 0.25,
    params: Mapping[str, Any] | None = None,
    inputs: Mapping[str, Callable] | None = None,
    variables: Iterable[str] | None = None,
) -> xr.Dataset:
    """The stockflow run an exported model reproduces: Euler on a uniform grid.

    :func:`stockflow.simulate` with ``method="euler"`` shortens its steps so that they land
    on every breakpoint (lever switches, series dates, declared discontinuities). PySD, like
    Vensim and Stella, steps uniformly by ``DT`` from time 0. This function runs stockflow's
    own Euler integrator with the model's and the run's breakpoints removed, so that both
    tools take the same steps and evaluate every equation at the same times ``i * dt``;
    a switch inside a step then takes effect at the next step, in both.

    Parameters
    ----------
    model : Model or CompiledModel
    end : date-like or int
        Last simulated month, or a number of months.
    dt : float, default 0.25
        Euler step [months], a whole fraction of a month.
    params, inputs, variables
        As for :func:`stockflow.simulate`.

    Returns
    -------
    xarray.Dataset
        As :func:`stockflow.simulate` returns, from Euler steps at ``i * dt``.

    Raises
    ------
    DeclarationError, IntegrationError, ValueError
        As :func:`stockflow.simulate` raises them.

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("tank", start="2020-01")
    >>> _ = m.stock("level", 100.0, units="litres")
    >>> _ = m.flow("drain", lambda v: 0.1 * v.level, source="level", units="litres/month")
    >>> ds = euler_reference(m, 1, dt=0.5)
    >>> round(float(ds["level"][0]), 6)  # two steps of 5 %
    90.25
    """
    cm = model if isinstance(model, CompiledModel) else compile_model(model)
    uniform = copy.copy(cm.model)
    uniform.breakpoints = []
    cm = copy.copy(cm)
    cm.model = uniform
    return simulate(
        cm, end, method="euler", dt=dt, params=params, inputs=inputs, variables=variables
    )


def export_xmile(
    model: Model | CompiledModel,
    end: DateLike | int,
    *,
    dt: float = 0.25,
    params: Mapping[str, Any] | None = None,
    inputs: Mapping[str, Callable] | None = None,
    builtins: str = "xmile",
    title: str | None = None,
) -> XmileExport:
    """Write `model` as an XMILE 1.0 document that PySD and Stella can read.

    Parameters
    ----------
    model : Model or CompiledModel
    end : date-like or int
        Last simulated month (``"2021-12"``) or a number of months; the document runs
        from time 0 (the model's start month) to the end of that month.
    dt : float, default 0.25
        Euler step [months]; rounded down, as stockflow does, to a whole number of steps
        a month (:func:`step_of`).
    params : mapping, optional
        Parameter values replacing the defaults (one value each; no ensemble).
    inputs : mapping of str to callable, optional
        Policy inputs ``f(t, v)`` for this run (``Scenario.bind(model).inputs``). Each is
        written as a graphical function of ``TIME`` through its value at every Euler step
        ``t = i * dt`` (points where it is linear in time are left out), so that an Euler
        run at the same ``dt`` sees exactly the values stockflow's does. A function that
        reads the model's state (a state-aware lever) is sampled from
        :func:`euler_reference`; the exported model then replays that run's values.
    builtins : {'xmile', 'stocks'}, default 'xmile'
        ``'xmile'`` writes smooths and delays as the XMILE builtins ``SMTH1``, ``DELAY1``
        and ``DELAY3``; ``'stocks'`` writes their internal stocks and flows instead. A
        builtin whose internal variables other equations read is always written as stocks.
    title : str, optional
        The document's ``<name>`` (default: the model's name).

    Returns
    -------
    XmileExport
        The text, and what was written as time series and as builtins.

    Raises
    ------
    ExportError
        Naming the variable: an equation that cannot be traced (Python control flow on a
        value, an unsupported NumPy function), a name XMILE reserves, an input of the wrong
        shape.
    DeclarationError
        The model does not compile, or an unknown parameter or input.

    Notes
    -----
    The document holds, for an Euler run at ``DT``, what stockflow's Euler integrator
    computes at the same step (:func:`euler_reference`): every stock, flow and auxiliary,
    the non-negativity rule for stocks (explicit ``<stock>__outflow_scale`` auxiliaries),
    and the values of the policy inputs.
    """
    if builtins not in BUILTINS:
        raise ValueError(f"`builtins` must be one of {BUILTINS}, got {builtins!r}")
    cm = model if isinstance(model, CompiledModel) else compile_model(model)
    model = cm.model
    n_months = int(end) if isinstance(end, int | np.integer) else n_months_between(model.start, end)
    if n_months < 1:
        raise ValueError(f"`end` must be at or after the start month {model.start}, got {end}")
    h = step_of(dt)
    inputs = check_mapping("inputs", inputs)
    unknown = sorted(set(inputs) - set(cm.input_names))
    if unknown:
        raise DeclarationError(
            f"unknown input {unknown[0]!r}; the model's inputs: {cm.input_names}"
        )
    values = _single_params(model, check_mapping("params", params))
    series, state_aware = _sample_inputs(cm, n_months, h, params, inputs)
    limited_at_start = _limited_at_start(cm, values, inputs)
    exporter = _Exporter(
        model, n_months, h, values, series, state_aware, builtins, title, limited_at_start
    )
    text = exporter.document()
    return XmileExport(
        text=text,
        dt=h,
        n_months=n_months,
        time_series=tuple(series),
        state_aware=tuple(state_aware),
        builtins=dict(exporter.used_builtins),
    )


# ------------------------------------------------------------------------ helpers
def _single_params(model: Model, overrides: dict[str, Any]) -> dict[str, np.ndarray]:
    defaults = model.params_default()
    unknown = sorted(set(overrides) - set(defaults))
    if unknown:
        raise DeclarationError(
            f"unknown parameter {unknown[0]!r}; the model's parameters: {sorted(defaults)}"
        )
    out = dict(defaults)
    for name, value in overrides.items():
        var = model.variables[name]
        arr = np.asarray(value, dtype=float)
        try:
            out[name] = np.broadcast_to(arr, model.shape(var.dims)).copy()
        except ValueError:
            raise ExportError(
                f"parameter {name!r}: value of shape {arr.shape} does not fit dims {var.dims}; "
                "an export takes one value per parameter (no ensemble)"
            ) from None
    return out


def _limited_at_start(cm: CompiledModel, values, inputs) -> set[str]:
    """Stocks whose outflows stockflow limits while it computes the initial values.

    stockflow evaluates initial values with the non-negativity rule at a time constant of
    one month (:func:`stockflow.integrate.initial_state`). Where that limit changes
    nothing, initial values that read an outflow are written with the flow as requested;
    elsewhere with ``<stock>__initial_outflow_scale``.
    """
    from stockflow.integrate import initial_state

    consts = cm.constants({k: np.asarray(v)[None] for k, v in values.items()})
    with np.errstate(all="ignore"):
        y = initial_state(cm, consts, inputs, 1)
        ns = cm._evaluate_unlimited(0.0, y, consts, inputs)
    out = set()
    for s in cm.stocks:
        if not (s.nonnegative and s.outflows):
            continue
        stock = ns[s.name]
        total = _total(ns, s.outflows)
        with np.errstate(all="ignore"):
            scale = np.where(total > 0, np.clip(stock / total, 0, 1), 1.0)
        scale = np.where(stock > EMPTY, scale, np.where(total > 0, 0.0, 1.0))
        if not np.all(scale == 1.0):
            out.add(s.name)
    return out


class _ReadsState(Exception):
    pass


class _Probe:
    """A namespace that refuses every read: tells time-only inputs from state-aware ones."""

    def __getattr__(self, name):
        raise _ReadsState(name)


def _step_times(n_months: int, h: float) -> list[float]:
    """The times stockflow's Euler evaluates on a uniform grid, then the end."""
    n = round(1.0 / h)
    return [a + i * h for a in range(n_months) for i in range(n)] + [float(n_months)]


def _sample_inputs(cm: CompiledModel, n_months, h, params, inputs):
    """``{input: (times, values)}`` at every Euler step, and the names sampled from a run."""
    times = _step_times(n_months, h)
    series: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    state_aware: list[str] = []
    for name, fn in inputs.items():
        shape = cm.shapes[name]
        try:
            vals = [_fit(name, fn(t, _Probe()), shape) for t in times]
        except _ReadsState:
            state_aware.append(name)
            continue
        series[name] = (np.array(times), np.stack(vals))
    if state_aware:
        records: dict[str, dict[float, np.ndarray]] = {n: {} for n in state_aware}

        def recording(name, fn):
            def f(t, v):
                value = fn(t, v)
                records[name][float(t)] = _fit(name, value, cm.shapes[name])
                return value

            return f

        wrapped = dict(inputs)
        wrapped.update({n: recording(n, inputs[n]) for n in state_aware})
        euler_reference(cm, n_months, dt=h, params=params, inputs=wrapped)
        for name in state_aware:
            rec = records[name]
            tt = np.array(sorted(rec))
            series[name] = (tt, np.stack([rec[t] for t in tt]))
    ordered = {n: series[n] for n in inputs}
    return ordered, state_aware


def _fit(name: str, value, shape: tuple[int, ...]) -> np.ndarray:
    """One member's value of input `name`, shape `shape`."""
    arr = np.asarray(value, dtype=float)
    try:
        full = np.broadcast_to(arr, np.broadcast_shapes(arr.shape, (1, *shape)))
    except ValueError:
        full = None
    if full is None or full.shape[1:] != shape:
        raise ExportError(
            f"input {name!r}: its function gives shape {arr.shape}, which does not fit "
            f"(members, *dims) with dims of shape {shape}"
        )
    if full.shape[0] != 1 and not np.all(full == full[:1]):
        raise ExportError(f"input {name!r}: its value differs between members; export one run")
    return np.array(full[0])


def _compress(t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop the points where `y` is linear in `t` between its neighbours."""
    if len(t) <= 2:
        return t, y
    scale = max(1.0, float(np.max(np.abs(y))))
    keep = [0]
    for i in range(1, len(t) - 1):
        a = keep[-1]
        w = (t[i] - t[a]) / (t[i + 1] - t[a])
        line = y[a] + w * (y[i + 1] - y[a])
        if abs(line - y[i]) > 1e-13 * scale or not _collinear(t, y, a, i + 1, scale):
            keep.append(i)
    keep.append(len(t) - 1)
    return t[keep], y[keep]


def _collinear(t, y, a, b, scale) -> bool:
    """Every point between `a` and `b` lies on the segment from `a` to `b`."""
    if b - a < 2:
        return True
    w = (t[a + 1 : b] - t[a]) / (t[b] - t[a])
    line = y[a] + w * (y[b] - y[a])
    return bool(np.all(np.abs(line - y[a + 1 : b]) <= 1e-13 * scale))


def _num(x: float) -> str:
    x = float(x)
    if not math.isfinite(x):
        raise ExportError(f"the number {x} cannot be written in XMILE")
    s = repr(x)
    if s.endswith(".0"):
        s = s[:-2]
    return f"({s})" if s.startswith("-") else s


def _points(values) -> str:
    return ",".join(repr(float(v)) for v in values)


def _units(text: str) -> str:
    try:
        units = parse_units(text)
    except UnitsSyntaxError:
        return text
    return "dmnl" if units.is_dimensionless else str(units)


def _strip_views(sym: Sym) -> Sym:
    while sym.op == "view":
        sym = sym.args[0]
    return sym


def _is_array_const(sym: Sym) -> bool:
    return (
        sym.op == "const"
        and isinstance(sym.value, np.ndarray)
        and any(sym.trace.resolve(a) != BCAST for a in sym.axes)
    )


def _is_simple(sym: Sym) -> bool:
    sym = _strip_views(sym)
    while sym.op == "select":
        sym = _strip_views(sym.args[0])
    return sym.op in ("ref", "time") or (sym.op == "const" and not _is_array_const(sym))


def _walk(root: Sym):
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(node.args)


_BINARY = {"+", "-", "*", "/", "^", "<", "<=", ">", ">=", "=", "<>"}
_FUNCS = {
    "abs": "ABS",
    "exp": "EXP",
    "ln": "LN",
    "sqrt": "SQRT",
    "sin": "SIN",
    "cos": "COS",
    "tan": "TAN",
    "arcsin": "ARCSIN",
    "arccos": "ARCCOS",
    "arctan": "ARCTAN",
}


@dataclass
class _Builtin:
    """A smooth or delay recognised in the model, with its traced arguments."""

    kind: str  # "SMTH1", "DELAY1", "DELAY3"
    name: str  # the variable readers see: the smooth's stock, the delay's outflow
    internal: tuple[str, ...]  # variables it replaces
    input: Sym
    time: Sym
    initial: Sym | None  # the value the builtin starts from, in the initial context
    source_flow: str | None = None  # a delay's inflow that leaves a stock


class _Exporter:
    """Builds the XMILE document of one model and one run."""

    def __init__(
        self, model, n_months, h, params, series, state_aware, builtins, title, limited_at_start
    ):
        self.m = model
        self.limited_at_start = limited_at_start
        self.var = model.variables
        self.n_months = n_months
        self.h = h
        self.params = params
        self.series = series
        self.state_aware = set(state_aware)
        self.title = title or model.name
        self.n_trace = _trace_members(model)
        self.elem_names = element_names(model)
        self.items: list[ET.Element] = []
        self.helper_dims: dict[str, tuple[str, ...]] = {}
        self.pending: list[tuple[str, Sym, str]] = []
        self.used_builtins: dict[str, str] = {}
        self.need_initial_scale: set[str] = set()
        self.max_dims = max((len(v.dims) for v in self.var.values()), default=0)
        self._trace_all()
        self._find_builtins(builtins)
        self._find_limits()

    # ------------------------------------------------------------ tracing
    def _trace(self, owner: str, fn, dims) -> Sym:
        try:
            with np.errstate(all="ignore"):
                return trace_equation(self.m, owner, fn, dims, self.n_trace)
        except Untraceable as exc:
            raise ExportError(f"equation of {owner!r} cannot be written as XMILE: {exc}") from None
        except (TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ExportError(
                f"equation of {owner!r} cannot be written as XMILE: it failed on symbolic "
                f"values ({type(exc).__name__}: {exc}); write it with NumPy operations, "
                "np.where and sums over named axes"
            ) from None

    def _trace_all(self) -> None:
        self.eq: dict[str, Sym] = {}
        self.init: dict[str, Sym] = {}
        for name, v in self.var.items():
            if v.kind in ("aux", "flow"):
                self.eq[name] = self._trace(name, v.equation, v.dims)
            elif v.kind == "stock" and callable(v.value):
                self.init[name] = self._trace(f"initial value of {name}", v.value, v.dims)

    def _refs(self, sym: Sym) -> set[str]:
        return {n.value for n in _walk(sym) if n.op == "ref"}

    # ------------------------------------------------------------ builtins
    def _find_builtins(self, mode: str) -> None:
        self.builtins: dict[str, _Builtin] = {}
        self.dropped: set[str] = set()
        if mode != "xmile":
            return
        found = []
        for name, v in self.var.items():
            if v.kind == "stock" and not v.internal:
                b = self._as_smooth(name)
                if b:
                    found.append(b)
            if v.kind == "flow":
                b = self._as_delay(name)
                if b:
                    found.append(b)
        # a builtin whose internal variables other equations read stays as stocks and flows
        dropped = {n for b in found for n in b.internal}
        readers: dict[str, set[str]] = {}
        for owner, sym in [*self.eq.items(), *self.init.items()]:
            for r in self._refs(sym) & dropped:
                readers.setdefault(r, set()).add(owner)
        for b in found:
            mine = {*b.internal, b.name}
            outside = {r for n in b.internal for r in readers.get(n, ()) if r not in mine}
            if not outside:
                self.builtins[b.name] = b
                self.used_builtins[b.name] = b.kind
        self.dropped = {n for b in self.builtins.values() for n in b.internal}

    def _as_smooth(self, name: str) -> _Builtin | None:
        adj = self.var.get(f"{name}__adjust")
        if adj is None or adj.kind != "flow" or not adj.internal:
            return None
        if adj.target != name or adj.source is not None:
            return None
        expr = _strip_views(self.eq[adj.name])
        if expr.op != "/":
            return None
        diff, tau = (_strip_views(a) for a in expr.args)
        if diff.op != "-" or _strip_views(diff.args[1]).op != "ref":
            return None
        if _strip_views(diff.args[1]).value != name:
            return None
        stock = self.var[name]
        initial = self.init.get(name)
        if initial is None:
            initial = self._const_initial(name, stock)
        return _Builtin("SMTH1", name, (adj.name,), diff.args[0], expr.args[1], initial)

    def _as_delay(self, name: str) -> _Builtin | None:
        flow = self.var[name]
        src = flow.source or ""
        m = re.fullmatch(re.escape(name) + r"__stage(\d+)", src)
        if not m or flow.internal:
            return None
        order = int(m.group(1))
        if order not in (1, 3):
            return None
        stages = [f"{name}__stage{i + 1}" for i in range(order)]
        inner = [f"{name}__{i + 1}{i + 2}" for i in range(order - 1)]
        inflow = f"{name}__in"
        for n in [*stages, *inner, inflow]:
            if n not in self.var or not self.var[n].internal:
                return None
        expr = _strip_views(self.eq[name])
        if expr.op != "/":
            return None
        tau = expr.args[1]
        in_var = self.var[inflow]
        internal = (*stages, *inner) + (() if in_var.source else (inflow,))
        initial = None
        stage_init = self.init.get(stages[0])
        if stage_init is not None:
            # the stages start at input * delay / order: the builtin's initial value is the
            # input, read in the initial context
            core = _strip_views(stage_init)
            num = _strip_views(core.args[0]) if core.op == "/" else None
            if num is not None and num.op == "*":
                initial = num.args[0]
        if initial is None:
            return None
        return _Builtin(
            f"DELAY{order}",
            name,
            internal,
            self.eq[inflow],
            tau,
            initial,
            source_flow=inflow if in_var.source else None,
        )

    def _const_initial(self, name, stock) -> Sym:
        tr = Trace(self.m.dims, self.n_trace)
        arr = np.asarray(stock.value, dtype=float)
        if arr.ndim == 0 or np.all(arr == arr.flat[0]):
            return tr.lift(float(arr.flat[0]))
        sym = Sym(tr, "const", (), tuple(stock.dims), arr)
        return Sym(tr, "view", (sym,), (MEMBER, *stock.dims))

    # ------------------------------------------------- non-negative stocks
    def _find_limits(self) -> None:
        """Exported non-negative stocks with outflows, and which stock limits each flow."""
        self.limited: dict[str, list[str]] = {}
        self.limited_by: dict[str, str] = {}
        for s in self.m.of_kind("stock"):
            if not s.nonnegative or s.name in self.dropped or s.name in self.builtins:
                continue
            outs = [
                f.name
                for f in self.m.of_kind("flow")
                if f.source == s.name and f.name not in self.dropped
            ]
            if outs:
                self.limited[s.name] = outs
                for f in outs:
                    self.limited_by[f] = s.name

    # ------------------------------------------------------------ printing
    def label(self, dim: str, index: int) -> str:
        return self.elem_names[dim][self.m.dims[dim][index]].replace(" ", "_")

    def _subscripts(self, dims, env) -> str:
        if not dims:
            return ""
        subs = [self.label(d, env[d]) if d in env else d for d in dims]
        return "[" + ", ".join(subs) + "]"

    def ref_text(self, name: str, env, mode: str, *, as_flow: bool = False) -> str:
        if name in self.helper_dims:
            return name + self._subscripts(self.helper_dims[name], env)
        var = self.var[name]
        if name in self.dropped:
            raise ExportError(f"{name!r} is internal to a builtin and is not exported")
        sub = self._subscripts(var.dims, env)
        if name in self.limited_by and not as_flow:
            requested = f"{name}__requested{sub}"
            if mode == "initial" and self.limited_by[name] in self.limited_at_start:
                stock = self.limited_by[name]
                self.need_initial_scale.add(stock)
                scale = f"{stock}__initial_outflow_scale" + self._subscripts(
                    self.var[stock].dims, env
                )
                return f"({requested} * {scale})"
            return requested
        return name + sub

    def expr(self, sym: Sym, env: dict[str, int], mode: str) -> str:
        tr, op = sym.trace, sym.op
        if op == "view":
            return self.expr(sym.args[0], env, mode)
        if op == "const":
            if isinstance(sym.value, np.ndarray):
                index = []
                for a in sym.axes:
                    a = tr.resolve(a)
                    if a == BCAST:
                        index.append(0)
                    elif a in env:
                        index.append(env[a])
                    else:
                        raise ExportError(f"a constant array along {tr.describe(a)} was not placed")
                return _num(sym.value[tuple(index)])
            return _num(sym.value)
        if op == "ref":
            return self.ref_text(sym.value, env, mode, as_flow=getattr(sym, "as_flow", False))
        if op == "time":
            return "TIME"
        if op == "select":
            axis, index = sym.value
            return self.expr(sym.args[0], {**env, tr.resolve(axis): index}, mode)
        if op == "stack":
            axis = tr.resolve(sym.value)
            if axis not in env:
                raise ExportError(f"a stack along {tr.describe(axis)} was not placed")
            return self.expr(sym.args[env[axis]], env, mode)
        if op == "reduce":
            kind, labels = sym.value
            dims = []
            for a in labels:
                d = tr.resolve(a)
                if d.startswith("#"):
                    raise ExportError(
                        f"a {kind} over {tr.describe(d)} cannot be written with named dimensions"
                    )
                dims.append(d)
            terms = [
                self.expr(sym.args[0], {**env, **dict(zip(dims, idx, strict=True))}, mode)
                for idx in itertools.product(*(range(len(self.m.dims[d])) for d in dims))
            ]
            out = terms[0]
            for t in terms[1:]:
                out = f"({out} + {t})" if kind == "sum" else f"{kind.upper()}({out}, {t})"
            return out
        if op == "lookup":
            return f"{sym.value}({self.expr(sym.args[0], env, mode)})"
        args = [self.expr(a, env, mode) for a in sym.args]
        if op in _BINARY:
            return f"({args[0]} {op} {args[1]})"
        if op in ("and", "or"):
            return f"({args[0]} {op.upper()} {args[1]})"
        if op == "not":
            return f"(NOT {args[0]})"
        if op == "neg":
            return f"(-{args[0]})"
        if op in ("min", "max"):
            return f"{op.upper()}({args[0]}, {args[1]})"
        if op == "if":
            return f"(IF {args[0]} THEN {args[1]} ELSE {args[2]})"
        if op in _FUNCS:
            return f"{_FUNCS[op]}({args[0]})"
        raise ExportError(f"operation {op!r} has no XMILE equivalent")

    # --------------------------------------------------------------- hoisting
    def hoist(self, owner: str, root: Sym, top: bool = True) -> Sym:
        """`root` with stacks, constant arrays and compound operands of sums moved into
        helper auxiliaries (``owner__part1``), which XMILE needs as variables of their own."""
        marked: set[int] = set()
        core = _strip_views(root) if top else None
        for node in _walk(root):
            if node is not core and (node.op == "stack" or _is_array_const(node)):
                marked.add(id(node))
            if node.op == "reduce" and not _is_simple(node.args[0]):
                marked.add(id(_strip_views(node.args[0])))
            if node.op == "stack":  # compound pieces: computed once, apply-to-all
                marked.update(id(_strip_views(a)) for a in node.args if not _is_simple(a))
        memo: dict[int, Sym] = {}

        def rebuild(node: Sym) -> Sym:
            key = id(node)
            if key in memo:
                return memo[key]
            if key in marked:
                name = self._helper(owner, node)
                out = Sym(node.trace, "ref", (), node.axes, name)
            else:
                args = tuple(rebuild(a) for a in node.args)
                changed = any(a is not b for a, b in zip(args, node.args, strict=True))
                out = Sym(node.trace, node.op, args, node.axes, node.value) if changed else node
                if hasattr(node, "as_flow"):
                    out.as_flow = node.as_flow
            memo[key] = out
            return out

        return rebuild(root)

    def _helper(self, owner: str, node: Sym) -> str:
        tr = node.trace
        axes = {tr.resolve(a) for a in node.axes} - {MEMBER, BCAST}
        anon = [a for a in axes if a.startswith("#")]
        if anon:
            raise ExportError(
                f"equation of {owner!r} cannot be written as XMILE: it has "
                f"{tr.describe(anon[0])} (of length {tr.length(anon[0])}), which never meets "
                "a dimension of the model"
            )
        dims = tuple(d for d in self.m.dims if d in axes)
        n = 1 + sum(1 for k in self.helper_dims if k.startswith(f"{owner}__part"))
        name = f"{owner}__part{n}"
        self.helper_dims[name] = dims
        self.pending.append((name, node, owner))
        return name

    # ---------------------------------------------------------------- XML
    def _var(self, tag: str, name: str, dims=()):
        el = ET.Element(tag, name=name)
        if dims:
            dd = ET.SubElement(el, "dimensions")
            for d in dims:
                ET.SubElement(dd, "dim", name=d)
        self.items.append(el)
        return el

    @staticmethod
    def _finish(el, units, doc):
        if units is not None:
            ET.SubElement(el, "units").text = _units(units)
        if doc:
            ET.SubElement(el, "doc").text = doc

    def _subscript_attr(self, dims, idx) -> str:
        return ",".join(
            self.elem_names[d][self.m.dims[d][i]] for d, i in zip(dims, idx, strict=True)
        )

    def equation(self, tag, name, sym, dims, mode, units=None, doc="", owner=None):
        """An aux or flow whose equation is `sym`: one apply-to-all equation, or one per
        element when the value is built element by element."""
        sym = self.hoist(owner or name, sym)
        core = _strip_views(sym)
        el = self._var(tag, name, dims)
        if dims and (core.op == "stack" or _is_array_const(core)):
            for idx in itertools.product(*(range(len(self.m.dims[d])) for d in dims)):
                sub = ET.SubElement(el, "element", subscript=self._subscript_attr(dims, idx))
                env = dict(zip(dims, idx, strict=True))
                ET.SubElement(sub, "eqn").text = self.expr(sym, env, mode)
        else:
            ET.SubElement(el, "eqn").text = self.expr(sym, {}, mode)
        self._finish(el, units, doc)
        return el

    def numbers(self, tag, name, value, dims, units=None, doc=""):
        value = np.broadcast_to(np.asarray(value, dtype=float), self.m.shape(dims))
        el = self._var(tag, name, dims)
        if value.size and np.all(value == value.flat[0]):
            ET.SubElement(el, "eqn").text = _num(value.flat[0])
        else:
            for idx in itertools.product(*(range(n) for n in value.shape)):
                sub = ET.SubElement(el, "element", subscript=self._subscript_attr(dims, idx))
                ET.SubElement(sub, "eqn").text = _num(value[idx])
        self._finish(el, units, doc)
        return el

    def gf(self, name, x, y, kind="continuous", units=None, doc=""):
        el = ET.Element("gf", name=name)
        if kind != "continuous":
            el.set("type", kind)
        ET.SubElement(el, "xpts").text = _points(x)
        ET.SubElement(el, "ypts").text = _points(y)
        self.items.append(el)
        self._finish(el, units, doc)

    def time_series(self, name, dims, times, values, kind, units, doc):
        """An input or series: a graphical function of TIME per element that changes."""
        shape = self.m.shape(dims)
        values = values.reshape(len(times), *shape)
        eqns = {}
        tables: dict[tuple, str] = {}
        for idx in itertools.product(*(range(n) for n in shape)):
            y = values[(slice(None), *idx)]
            if np.all(y == y[0]):
                eqns[idx] = _num(y[0])
                continue
            t, yy = _compress(times, y) if kind == "continuous" else (times, y)
            key = (tuple(t), tuple(yy))
            if key not in tables:
                suffix = "_".join(self.label(d, i) for d, i in zip(dims, idx, strict=True))
                gname = f"{name}__series" + (f"_{suffix}" if suffix else "")
                tables[key] = gname
                self.gf(gname, t, yy, kind, units, f"values of {name} over time [month]")
            eqns[idx] = f"{tables[key]}(TIME)"
        el = self._var("aux", name, dims)
        distinct = set(eqns.values())
        if len(distinct) == 1:
            ET.SubElement(el, "eqn").text = distinct.pop()
        else:
            for idx, text in eqns.items():
                sub = ET.SubElement(el, "element", subscript=self._subscript_attr(dims, idx))
                ET.SubElement(sub, "eqn").text = text
        self._finish(el, units, doc)

    # ------------------------------------------------------------- variables
    def _flow_value(self, name: str, dims_sum=(), *, limited: bool = True) -> Sym:
        """Flow `name` summed over `dims_sum`: the value that moves its stocks (`limited`),
        or the value its equation requests."""
        tr = Trace(self.m.dims, self.n_trace)
        sym = tr.ref(name, self.var[name].dims)
        sym.as_flow = limited
        if dims_sum:
            axes = [i for i, a in enumerate(sym.axes) if a in dims_sum]
            sym = sym._reduce("sum", tuple(axes))
        return sym

    def _connection(self, flow: str, stock: str) -> str:
        """The name a stock lists for `flow`: the flow itself, or its sum over the
        dimensions the stock lacks (a flow of its own, ``flow__stock``)."""
        fdims, sdims = self.var[flow].dims, self.var[stock].dims
        extra = tuple(d for d in fdims if d not in sdims)
        if not extra:
            return flow
        name = f"{flow}__{stock}"
        if name not in self._connections:
            self._connections[name] = (flow, stock, extra)
        return name

    def document(self) -> str:
        m = self.m
        self._connections: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        tau = self.h * (1 + 1e-9)
        for name, v in m.variables.items():
            if name in self.dropped:
                continue
            doc = v.long_name if v.long_name != name else ""
            if v.kind == "param":
                self.numbers("aux", name, self.params[name], v.dims, v.units, doc)
            elif v.kind == "input":
                if name in self.series:
                    times, vals = self.series[name]
                    how = (
                        "sampled from a stockflow Euler run, as its lever reads the model's "
                        "state (it no longer responds to the state here)"
                        if name in self.state_aware
                        else "sampled at every Euler step"
                    )
                    self.time_series(
                        name,
                        v.dims,
                        times,
                        vals,
                        "continuous",
                        v.units,
                        "; ".join(filter(None, [doc, f"policy input under this run, {how}"])),
                    )
                else:
                    self.numbers("aux", name, v.value, v.dims, v.units, doc)
            elif v.kind == "series":
                times, vals, how = v.series
                self.time_series(
                    name,
                    v.dims,
                    np.asarray(times),
                    np.asarray(vals),
                    "continuous" if how == "linear" else "discrete",
                    v.units,
                    doc,
                )
            elif v.kind == "stock" and name in self.builtins:
                b = self.builtins[name]
                self._builtin(b, v, doc)
            elif v.kind == "stock":
                self._stock(v, doc)
            elif v.kind == "flow" and name in self.builtins:
                self._builtin(self.builtins[name], v, doc)
            elif v.kind == "flow":
                if name in self.limited_by:
                    stock = self.limited_by[name]
                    self.equation(
                        "aux",
                        f"{name}__requested",
                        self.eq[name],
                        v.dims,
                        "equation",
                        v.units,
                        f"{name} before the non-negativity limit of {stock}",
                        owner=name,
                    )
                    ref = self._flow_value(name, limited=False)
                    scale = Trace(m.dims, self.n_trace).ref(
                        f"{stock}__outflow_scale", self.var[stock].dims
                    )
                    self.helper_dims[f"{stock}__outflow_scale"] = self.var[stock].dims
                    el = self._var("flow", name, v.dims)
                    ET.SubElement(
                        el, "eqn"
                    ).text = (
                        f"({self.expr(ref, {}, 'equation')} * {self.expr(scale, {}, 'equation')})"
                    )
                    self._finish(el, v.units, doc)
                else:
                    self.equation("flow", name, self.eq[name], v.dims, "equation", v.units, doc)
            elif v.kind == "aux":
                self.equation("aux", name, self.eq[name], v.dims, "equation", v.units, doc)
        for name, lk in m.lookups.items():
            self.gf(name, lk.x, lk.y, "continuous", lk.units, lk.long_name)
        for stock, outs in self.limited.items():
            self._limit(stock, outs, tau, "outflow_scale", "during the run")
        for name, (flow, stock, extra) in self._connections.items():
            el = self._var("flow", name, self.var[stock].dims)
            ET.SubElement(el, "eqn").text = self.expr(self._flow_value(flow, extra), {}, "equation")
            self._finish(el, self.var[flow].units, f"{flow} summed over {', '.join(extra)}")
        for stock in sorted(self.need_initial_scale):
            self._limit(stock, self.limited[stock], 1.0, "initial_outflow_scale", "at time 0")
        while self.pending:
            name, node, owner = self.pending.pop(0)
            self.equation(
                "aux",
                name,
                node,
                self.helper_dims[name],
                "equation",
                None,
                f"part of the equation of {owner}",
                owner=owner,
            )
        self._check_names()
        return self._xml()

    def _stock(self, v, doc) -> None:
        name = v.name
        if name in self.init:
            init = self.hoist(f"{name}__initial", self.init[name])
            core = _strip_views(init)
            if v.dims and (core.op == "stack" or _is_array_const(core)):
                self.equation(
                    "aux",
                    f"{name}__initial",
                    self.init[name],
                    v.dims,
                    "initial",
                    v.units,
                    f"initial value of {name}",
                )
                eqn = f"{name}__initial" + self._subscripts(v.dims, {})
            else:
                eqn = self.expr(init, {}, "initial")
        else:
            value = np.broadcast_to(np.asarray(v.value, dtype=float), self.m.shape(v.dims))
            if value.size and np.all(value == value.flat[0]):
                eqn = _num(value.flat[0])
            else:
                self.numbers(
                    "aux", f"{name}__initial", value, v.dims, v.units, f"initial value of {name}"
                )
                eqn = f"{name}__initial" + self._subscripts(v.dims, {})
        el = self._var("stock", name, v.dims)
        ET.SubElement(el, "eqn").text = eqn
        for f in self.m.of_kind("flow"):
            if f.target == name and f.name not in self.dropped:
                ET.SubElement(el, "inflow").text = self._connection(f.name, name)
        for f in self.m.of_kind("flow"):
            if f.source == name and f.name not in self.dropped:
                ET.SubElement(el, "outflow").text = self._connection(f.name, name)
        # delay outflows enter their target as flows like any other
        if v.nonnegative:
            ET.SubElement(el, "non_negative")
        self._finish(el, v.units, doc)

    def _builtin(self, b: _Builtin, v, doc) -> None:
        owner = b.name
        if b.source_flow is None:
            inp = self.expr(self.hoist(owner, b.input, top=False), {}, "equation")
        else:  # the delay takes in what its inflow (limited, if need be) removes from a stock
            inp = self.expr(self._flow_value(b.source_flow), {}, "equation")
        tau = self.expr(self.hoist(owner, b.time, top=False), {}, "equation")
        args = [inp, tau]
        if b.initial is not None:
            init = self.expr(self.hoist(owner, b.initial, top=False), {}, "initial")
            if init != inp:
                args.append(init)
        el = self._var("aux" if b.kind == "SMTH1" else "flow", b.name, v.dims)
        ET.SubElement(el, "eqn").text = f"{b.kind}({', '.join(args)})"
        self._finish(el, v.units, doc)

    def _limit(self, stock, outs, tau, suffix, when) -> None:
        """``stock__outflow_scale``: stockflow's non-negativity rule for the stock."""
        sv = self.var[stock]
        s = self._subscripts(sv.dims, {})
        total_name = f"{stock}__outflow_total"
        if total_name not in self.helper_dims:
            tr = Trace(self.m.dims, self.n_trace)
            total = None
            for f in outs:
                extra = tuple(d for d in self.var[f].dims if d not in sv.dims)
                term = self._flow_value(f, extra, limited=False)
                total = term if total is None else tr.op("+", total, term)
            el = self._var("aux", total_name, sv.dims)
            ET.SubElement(el, "eqn").text = self.expr(total, {}, "equation")
            per_month = str(parse_units(sv.units) / parse_units("month"))
            self._finish(el, per_month, f"outflows of {stock} as their equations request")
            self.helper_dims[total_name] = sv.dims
        t = total_name + s
        eqn = (
            f"(IF ({t} > 0) THEN (IF ({stock}{s} > {_num(EMPTY)}) THEN "
            f"MIN(MAX(({stock}{s} / ({_num(tau)} * {t})), 0), 1) ELSE 0) ELSE 1)"
        )
        el = self._var("aux", f"{stock}__{suffix}", sv.dims)
        ET.SubElement(el, "eqn").text = eqn
        self._finish(
            el,
            "1",
            f"share of the requested outflows of {stock} that flows {when}: stockflow's "
            f"non-negativity rule, min(1, {stock} / ({_num(tau)} * total outflow)), 0 once "
            f"{stock} is empty; {_num(tau)} "
            + ("is a hair over the Euler step" if tau != 1.0 else "month, as stockflow uses it")
            + " (stockflow.compile)",
        )

    def _check_names(self) -> None:
        seen: dict[str, str] = {}
        for el in self.items:
            name = el.get("name")
            key = re.sub(r"[\s_]+", " ", name.lower()).strip()
            if key in RESERVED:
                raise ExportError(
                    f"variable {name!r} has a name XMILE reserves for a builtin; rename it"
                )
            if key in seen and seen[key] != name:
                raise ExportError(
                    f"variables {seen[key]!r} and {name!r} have the same XMILE name "
                    "(names are case-insensitive and '_' is a space); rename one"
                )
            if key in seen:
                raise ExportError(f"{name!r} is written twice (a generated name clashes)")
            seen[key] = name

    def _xml(self) -> str:
        ET.register_namespace("", XMILE_NAMESPACE)
        root = ET.Element("xmile", version="1.0", xmlns=XMILE_NAMESPACE)
        header = ET.SubElement(root, "header")
        if self.max_dims:
            options = ET.SubElement(header, "options")
            ET.SubElement(options, "uses_arrays", maximum_dimensions=str(self.max_dims))
        ET.SubElement(header, "name").text = self.title
        ET.SubElement(header, "vendor").text = "stockflow"
        ET.SubElement(header, "product", version=FORMAT_VERSION).text = "stockflow.interop.xmile"
        specs = ET.SubElement(root, "sim_specs", method="Euler", time_units="month")
        ET.SubElement(specs, "start").text = "0"
        ET.SubElement(specs, "stop").text = str(self.n_months)
        ET.SubElement(specs, "dt").text = repr(self.h)
        if self.m.dims:
            dims = ET.SubElement(root, "dimensions")
            for dim, labels in self.m.dims.items():
                d = ET.SubElement(dims, "dim", name=dim)
                for label in labels:
                    ET.SubElement(d, "elem", name=self.elem_names[dim][label])
        model = ET.SubElement(root, "model")
        variables = ET.SubElement(model, "variables")
        variables.extend(self.items)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        body = body.replace(f' xmlns:ns0="{XMILE_NAMESPACE}"', "")
        comment = (
            f"<!-- {self.title}: written by stockflow.interop.xmile from model time 0 "
            f"(= {self.m.start}) to {self.n_months} months, Euler step {self.h!r} month.\n"
            "     An Euler run at this DT reproduces stockflow's Euler run on the same uniform "
            "grid\n     (stockflow.interop.xmile.euler_reference). Policy inputs are graphical "
            "functions of TIME\n     sampled at every step"
            + (
                "; inputs sampled from a stockflow run because their levers read the "
                f"model's state: {', '.join(sorted(self.state_aware))}"
                if self.state_aware
                else ""
            )
            + ". -->\n"
        )
        return '<?xml version="1.0" encoding="utf-8"?>\n' + comment + body + "\n"
