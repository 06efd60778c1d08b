"""XMILE 1.0 export: write any stockflow model so that Stella and PySD can read it.

stockflow equations are Python callables over NumPy arrays; nothing is parsed. To write
them in XMILE each equation is *traced*: called once with symbolic arrays (:class:`Sym`)
that record every operation into an expression tree with dimension labels, which is then
printed as an XMILE equation. :func:`export_xmile` writes the whole model:

- dimensions as XMILE ``<dimensions>``, arrayed variables apply-to-all (one equation
  with dimension names as subscripts) or element by element where an equation builds
  its value element by element (``np.stack``, constant arrays);
- stocks with their inflows and outflows (a flow with more dimensions than its stock is
  summed over the extra ones by a flow of its own, ``<flow>__<stock>``), ``<non_negative/>``
  and stockflow's limit on the outflows of non-negative stocks as explicit auxiliaries;
- parameters as constants, lookups as graphical functions (``<gf>``), dated series and
  the run's policy inputs as graphical functions of ``TIME``;
- smooths and delays as the builtins ``SMTH1``, ``DELAY1`` and ``DELAY3``;
- sums over a dimension written out term by term, ``MIN``/``MAX``, ``EXP``/``LN``/``SQRT``,
  ``IF THEN ELSE``; units (normalised by :mod:`stockflow.units`) and long names as
  ``<units>`` and ``<doc>``.

An Euler run of the document at its ``DT`` reproduces stockflow's Euler run on the same
uniform grid (:func:`euler_reference`): both evaluate every equation at the same times.
See ``docs/interop.md`` for what PySD reads and what it does not.

Tracing
-------
Each axis of a :class:`Sym` carries a label, so that the tree can be printed with named
dimensions rather than positions: :data:`MEMBER` (the leading member axis of model
values), :data:`BCAST` (a length-1 axis: ``[:, None]``, ``keepdims=True``), a dimension
name, or an *anonymous* axis (``"#3"``, made by ``np.stack`` or a constant array) whose
dimension is learned when it meets a labelled axis. Python control flow on a traced value
(``if v.t >= 12``, ``float(v.x)``, ``np.searchsorted``) cannot be recorded and is reported
(:class:`ExportError`, naming the variable); write such choices with ``np.where``,
``np.minimum`` or ``np.clip``.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import math
import numbers
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
from stockflow.model import Model, check_mapping
from stockflow.units import UnitsSyntaxError, parse_units

__all__ = [
    "BUILTINS",
    "ExportError",
    "XmileExport",
    "element_names",
    "euler_reference",
    "export_xmile",
    "pysd_dataset",
    "step_of",
]

# ============================================================================ tracing

MEMBER = "@member"
BCAST = ""

#: NumPy ufuncs and the operator each is recorded as.
UFUNCS = {
    "add": "+",
    "subtract": "-",
    "multiply": "*",
    "true_divide": "/",
    "divide": "/",
    "power": "^",
    "float_power": "^",
    "negative": "neg",
    "positive": "pos",
    "absolute": "abs",
    "fabs": "abs",
    "exp": "exp",
    "log": "ln",
    "sqrt": "sqrt",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "arcsin": "arcsin",
    "arccos": "arccos",
    "arctan": "arctan",
    "minimum": "min",
    "fmin": "min",
    "maximum": "max",
    "fmax": "max",
    "greater": ">",
    "greater_equal": ">=",
    "less": "<",
    "less_equal": "<=",
    "equal": "=",
    "not_equal": "<>",
    "logical_and": "and",
    "bitwise_and": "and",
    "logical_or": "or",
    "bitwise_or": "or",
    "logical_not": "not",
    "invert": "not",
    "square": "square",
}
UNARY = {"neg", "pos", "abs", "exp", "ln", "sqrt", "sin", "cos", "tan", "arcsin", "arccos"}
UNARY |= {"arctan", "not", "square"}


class Untraceable(Exception):
    """An equation did something a symbolic trace cannot record; the message says what."""


class Trace:
    """What one traced equation shares: dimension lengths and the anonymous-axis table."""

    def __init__(self, dims: dict[str, tuple[str, ...]], n_members: int):
        self.dims = dims
        self.n_members = n_members
        self._anon_len: dict[str, int] = {}
        self._parent: dict[str, str] = {}
        self._count = itertools.count()

    # ----------------------------------------------------------------- axes
    def new_axis(self, length: int) -> str:
        if length == 1:
            return BCAST
        label = f"#{next(self._count)}"
        self._anon_len[label] = length
        return label

    def resolve(self, axis: str) -> str:
        while axis in self._parent:
            axis = self._parent[axis]
        return axis

    def length(self, axis: str) -> int:
        axis = self.resolve(axis)
        if axis == MEMBER:
            return self.n_members
        if axis == BCAST:
            return 1
        if axis.startswith("#"):
            return self._anon_len[axis]
        return len(self.dims[axis])

    def unify(self, a: str, b: str) -> str:
        """The axis that `a` and `b` broadcast to; learns anonymous axes' dimensions."""
        a, b = self.resolve(a), self.resolve(b)
        if a == b:
            return a
        if a == BCAST:
            return b
        if b == BCAST:
            return a
        if MEMBER in (a, b):
            other = b if a == MEMBER else a
            raise Untraceable(
                f"the member axis meets {self.describe(other)}: align values of different "
                "rank with [:, None] or [..., None] (see stockflow.model)"
            )
        if a.startswith("#") and self.length(a) == self.length(b):
            self._parent[a] = b
            return b
        if b.startswith("#") and self.length(a) == self.length(b):
            self._parent[b] = a
            return a
        raise Untraceable(f"{self.describe(a)} meets {self.describe(b)}")

    def broadcast(self, *axes_list: tuple[str, ...]) -> tuple[str, ...]:
        n = max((len(a) for a in axes_list), default=0)
        out = [BCAST] * n
        for axes in axes_list:
            padded = (BCAST,) * (n - len(axes)) + tuple(axes)
            out = [self.unify(x, y) for x, y in zip(out, padded, strict=True)]
        return tuple(out)

    def describe(self, axis: str) -> str:
        axis = self.resolve(axis)
        if axis == MEMBER:
            return "the member axis"
        if axis.startswith("#"):
            return f"an axis of length {self.length(axis)} that is no dimension yet"
        return f"the {axis!r} axis"

    # ------------------------------------------------------------- building
    def lift(self, x: Any) -> Sym:
        """`x` as a :class:`Sym`: numbers and arrays become constants."""
        if isinstance(x, Sym):
            return x
        if isinstance(x, bool | numbers.Number | np.number | np.bool_):
            return Sym(self, "const", (), (), float(x))
        if isinstance(x, list | tuple):
            x = np.array(x, dtype=object)
        if isinstance(x, np.ndarray):
            if x.dtype == object:
                if x.ndim != 1:
                    raise Untraceable("a nested list of traced values cannot be traced")
                return self.stack([self.lift(e) for e in x], 0)
            value = np.asarray(x, dtype=float)
            if value.ndim == 0:
                return Sym(self, "const", (), (), float(value))
            axes = tuple(self.new_axis(n) for n in value.shape)
            return Sym(self, "const", (), axes, value)
        raise Untraceable(f"cannot trace a value of type {type(x).__name__}")

    def ref(self, name: str, dims: tuple[str, ...]) -> Sym:
        return Sym(self, "ref", (), (MEMBER, *dims), name)

    def time(self) -> Sym:
        return Sym(self, "time", (), ())

    def op(self, op: str, *args: Any) -> Sym:
        syms = [self.lift(a) for a in args]
        axes = self.broadcast(*(s.axes for s in syms))
        return Sym(self, op, tuple(syms), axes)

    def stack(self, pieces: list[Sym], axis: int) -> Sym:
        pieces = [self.lift(p) for p in pieces]
        common = self.broadcast(*(p.axes for p in pieces))
        pieces = [p.view(common) for p in pieces]
        label = self.new_axis(len(pieces))
        if label == BCAST:
            return pieces[0].view(_insert(common, axis, BCAST))
        return Sym(self, "stack", tuple(pieces), _insert(common, axis, label), label)

    def where(self, cond: Any, a: Any, b: Any) -> Sym:
        return self.op("if", cond, a, b)


def _insert(axes: tuple[str, ...], axis: int, label: str) -> tuple[str, ...]:
    n = len(axes) + 1
    if not -n <= axis < n:
        raise Untraceable(f"axis {axis} is out of range for {n} axes")
    axis = axis % n
    return (*axes[:axis], label, *axes[axis:])


class Sym:
    """A traced array value: an operation, its arguments and its labelled axes."""

    __array_priority__ = 1000

    def __init__(self, trace: Trace, op: str, args: tuple, axes: tuple[str, ...], value=None):
        self.trace = trace
        self.op = op
        self.args = args
        self.axes = tuple(axes)
        self.value = value

    def __repr__(self) -> str:
        return f"<Sym {self.op} axes={self.axes}>"

    # -------------------------------------------------------------- shape
    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.trace.length(a) for a in self.axes)

    @property
    def ndim(self) -> int:
        return len(self.axes)

    def view(self, axes: tuple[str, ...]) -> Sym:
        if tuple(axes) == self.axes:
            return self
        return Sym(self.trace, "view", (self,), axes)

    # ------------------------------------------------- Python control flow
    def _refuse(self, *_args, **_kwargs):
        raise Untraceable(
            "a value is used in Python control flow or converted to a Python number "
            "(if/and/or, float(), int(), len(), iteration); write the choice with "
            "np.where, np.minimum, np.maximum or np.clip"
        )

    __bool__ = __float__ = __int__ = __index__ = __len__ = __iter__ = _refuse
    __hash__ = object.__hash__

    # ----------------------------------------------------------- operators
    def __add__(self, o):
        return self.trace.op("+", self, o)

    def __radd__(self, o):
        return self.trace.op("+", o, self)

    def __sub__(self, o):
        return self.trace.op("-", self, o)

    def __rsub__(self, o):
        return self.trace.op("-", o, self)

    def __mul__(self, o):
        return self.trace.op("*", self, o)

    def __rmul__(self, o):
        return self.trace.op("*", o, self)

    def __truediv__(self, o):
        return self.trace.op("/", self, o)

    def __rtruediv__(self, o):
        return self.trace.op("/", o, self)

    def __pow__(self, o):
        return self.trace.op("^", self, o)

    def __rpow__(self, o):
        return self.trace.op("^", o, self)

    def __neg__(self):
        return self.trace.op("neg", self)

    def __pos__(self):
        return self

    def __abs__(self):
        return self.trace.op("abs", self)

    def __lt__(self, o):
        return self.trace.op("<", self, o)

    def __le__(self, o):
        return self.trace.op("<=", self, o)

    def __gt__(self, o):
        return self.trace.op(">", self, o)

    def __ge__(self, o):
        return self.trace.op(">=", self, o)

    def __eq__(self, o):  # type: ignore[override]
        return self.trace.op("=", self, o)

    def __ne__(self, o):  # type: ignore[override]
        return self.trace.op("<>", self, o)

    def __and__(self, o):
        return self.trace.op("and", self, o)

    def __rand__(self, o):
        return self.trace.op("and", o, self)

    def __or__(self, o):
        return self.trace.op("or", self, o)

    def __ror__(self, o):
        return self.trace.op("or", o, self)

    def __invert__(self):
        return self.trace.op("not", self)

    def __matmul__(self, o):
        o = self.trace.lift(o)
        if o.ndim != 1:
            raise Untraceable("only a matrix product with a vector (x @ w) can be traced")
        return (self * o).sum(axis=-1)

    # ------------------------------------------------------------ indexing
    def __getitem__(self, key):
        key = key if isinstance(key, tuple) else (key,)
        n_used = sum(1 for k in key if k is not None and k is not Ellipsis)
        if n_used > self.ndim:
            raise Untraceable(f"too many indices ({n_used}) for {self.ndim} axes")
        if Ellipsis in key:
            i = key.index(Ellipsis)
            key = (*key[:i], *(slice(None),) * (self.ndim - n_used), *key[i + 1 :])
        else:
            key = (*key, *(slice(None),) * (self.ndim - n_used))
        out, axes, pos = self, [], 0
        selections = []
        for k in key:
            if k is None:
                axes.append(BCAST)
            elif isinstance(k, slice) and k == slice(None):
                axes.append(self.axes[pos])
                pos += 1
            elif isinstance(k, int | np.integer):
                selections.append((self.axes[pos], int(k)))
                axes.append(None)  # placeholder, dropped below
                pos += 1
            else:
                raise Untraceable(f"indexing with {k!r} cannot be traced; use : , None or ...")
        for axis, index in selections:
            out = out._select(axis, index)
        return (
            out.view(tuple(a for a in axes if a is not None))
            if selections
            else out.view(tuple(axes))
        )

    def _select(self, axis: str, index: int) -> Sym:
        """The value at `index` along `axis` (the axis is dropped)."""
        tr = self.trace
        axis = tr.resolve(axis)
        n = tr.length(axis)
        if axis == MEMBER:
            raise Untraceable("selecting one ensemble member cannot be traced")
        if not -n <= index < n:
            raise Untraceable(f"index {index} is out of range for an axis of length {n}")
        index %= n
        remaining = tuple(a for a in self.axes if tr.resolve(a) != axis)
        if axis == BCAST:
            return self.view(remaining)
        if self.op == "stack" and tr.resolve(self.value) == axis:
            return self.args[index].view(remaining)
        return Sym(tr, "select", (self,), remaining, (axis, index))

    # ---------------------------------------------------------- reductions
    def _reduce(self, kind: str, axis, keepdims: bool = False) -> Sym:
        tr = self.trace
        if axis is None:
            raise Untraceable(f"{kind} over every axis would include the member axis; give `axis`")
        axes = (axis,) if isinstance(axis, int | np.integer) else tuple(axis)
        positions = sorted({int(a) % self.ndim for a in axes})
        labels = []
        for p in positions:
            label = tr.resolve(self.axes[p])
            if label == MEMBER:
                raise Untraceable(f"{kind} over the member axis cannot be traced")
            if label != BCAST:
                labels.append(self.axes[p])
        kept = tuple(
            (BCAST if keepdims else None) if i in positions else a for i, a in enumerate(self.axes)
        )
        result_axes = tuple(a for a in kept if a is not None)
        if not labels:
            return self.view(result_axes)
        if kind == "mean":
            n = int(np.prod([tr.length(a) for a in labels]))
            return Sym(tr, "reduce", (self,), result_axes, ("sum", tuple(labels))) / float(n)
        return Sym(tr, "reduce", (self,), result_axes, (kind, tuple(labels)))

    def sum(self, axis=None, keepdims=False, **kwargs):
        _no_extra(kwargs)
        return self._reduce("sum", axis, keepdims)

    def mean(self, axis=None, keepdims=False, **kwargs):
        _no_extra(kwargs)
        return self._reduce("mean", axis, keepdims)

    def max(self, axis=None, keepdims=False, **kwargs):
        _no_extra(kwargs)
        return self._reduce("max", axis, keepdims)

    def min(self, axis=None, keepdims=False, **kwargs):
        _no_extra(kwargs)
        return self._reduce("min", axis, keepdims)

    # --------------------------------------------------------------- NumPy
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        op = UFUNCS.get(ufunc.__name__)
        if method != "__call__" or op is None or kwargs:
            raise Untraceable(f"np.{ufunc.__name__} ({method}) cannot be traced")
        if op == "pos":
            return self.trace.lift(inputs[0])
        if op == "square":
            x = self.trace.lift(inputs[0])
            return self.trace.op("*", x, x)
        return self.trace.op(op, *inputs)

    def __array_function__(self, func, types, args, kwargs):
        handler = _FUNCTIONS.get(func.__name__)
        if handler is None:
            raise Untraceable(f"np.{func.__name__} cannot be traced")
        return handler(self.trace, *args, **kwargs)


def _no_extra(kwargs):
    unknown = {k: v for k, v in kwargs.items() if v is not None}
    if unknown:
        raise Untraceable(f"arguments {sorted(unknown)} of a reduction cannot be traced")


def _clip(tr, x, a_min=None, a_max=None, **kwargs):
    _no_extra(kwargs)
    out = tr.lift(x)
    if a_min is not None and not (np.isscalar(a_min) and np.isneginf(a_min)):
        out = tr.op("max", out, a_min)
    if a_max is not None and not (np.isscalar(a_max) and np.isposinf(a_max)):
        out = tr.op("min", out, a_max)
    return out


def _where(tr, cond, x=None, y=None):
    if x is None or y is None:
        raise Untraceable("np.where with one argument cannot be traced")
    return tr.where(cond, x, y)


def _stack(tr, arrays, axis=0, **kwargs):
    _no_extra(kwargs)
    return tr.stack(list(arrays), axis)


def _broadcast_arrays(tr, *arrays, **kwargs):
    _no_extra(kwargs)
    syms = [tr.lift(a) for a in arrays]
    common = tr.broadcast(*(s.axes for s in syms))
    return tuple(s.view(common) for s in syms)


def _reduction(kind):
    def reduce(tr, a, axis=None, *args, keepdims=False, **kwargs):
        if args:
            raise Untraceable(f"positional arguments of np.{kind} cannot be traced")
        _no_extra({k: v for k, v in kwargs.items() if k != "dtype"})
        return tr.lift(a)._reduce(kind, axis, keepdims)

    return reduce


def _like(fill):
    def like(tr, a, *args, **kwargs):
        value = args[0] if fill is None else fill
        _no_extra({k: v for k, v in kwargs.items() if k != "dtype"})
        sym = tr.lift(a)
        return Sym(tr, "const", (), sym.axes, float(value))

    return like


def _reshape(tr, a, shape, *args, **kwargs):
    sym = tr.lift(a)
    shape = (shape,) if isinstance(shape, int | np.integer) else tuple(int(s) for s in shape)
    old = [(ax, n) for ax, n in zip(sym.axes, sym.shape, strict=True) if n != 1]
    new = [n for n in shape if n != 1]
    if [n for _, n in old] != new:
        raise Untraceable(
            f"np.reshape from {sym.shape} to {shape} cannot be traced (only axes of length 1 "
            "may be added or removed)"
        )
    it = iter(old)
    return sym.view(tuple(next(it)[0] if n != 1 else BCAST for n in shape))


def _expand_dims(tr, a, axis):
    sym = tr.lift(a)
    axes = (axis,) if isinstance(axis, int | np.integer) else tuple(axis)
    out = list(sym.axes)
    n = len(out) + len(axes)
    for ax in sorted(int(x) % n for x in axes):
        out.insert(ax, BCAST)
    return sym.view(tuple(out))


def _transpose(tr, a, axes=None):
    sym = tr.lift(a)
    order = list(reversed(range(sym.ndim))) if axes is None else [int(x) for x in axes]
    return sym.view(tuple(sym.axes[i] for i in order))


def _moveaxis(tr, a, source, destination):
    sym = tr.lift(a)
    order = list(np.moveaxis(np.arange(sym.ndim), source, destination))
    return sym.view(tuple(sym.axes[i] for i in order))


_FUNCTIONS = {
    "clip": _clip,
    "where": _where,
    "stack": _stack,
    "broadcast_arrays": _broadcast_arrays,
    "sum": _reduction("sum"),
    "mean": _reduction("mean"),
    "max": _reduction("max"),
    "amax": _reduction("max"),
    "min": _reduction("min"),
    "amin": _reduction("min"),
    "ones_like": _like(1.0),
    "zeros_like": _like(0.0),
    "full_like": _like(None),
    "shape": lambda tr, a: tr.lift(a).shape,
    "ndim": lambda tr, a: tr.lift(a).ndim,
    "reshape": _reshape,
    "expand_dims": _expand_dims,
    "transpose": _transpose,
    "moveaxis": _moveaxis,
}


class LookupFunction:
    """A model lookup inside a trace: calling it records ``name(x)``."""

    def __init__(self, trace: Trace, name: str):
        self.trace, self.name = trace, name

    def __call__(self, x):
        sym = self.trace.lift(x)
        return Sym(self.trace, "lookup", (sym,), sym.axes, self.name)


class Namespace:
    """What a traced equation reads as ``v``: symbols for variables, ``t``, lookups."""

    def __init__(self, trace: Trace, model, owner: str):
        self._trace, self._model, self._owner = trace, model, owner

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        model = self._model
        if name == "t":
            return self._trace.time()
        if name in model.variables:
            return self._trace.ref(name, model.variables[name].dims)
        if name in model.lookups:
            return LookupFunction(self._trace, name)
        raise Untraceable(f"it reads {name!r}, which is not a variable of the model")


def trace_equation(model, owner: str, fn, dims: tuple[str, ...], n_members: int) -> Sym:
    """Call `fn` on symbols and return its expression, aligned to ``(member, *dims)``.

    Raises
    ------
    Untraceable
        The equation does something that cannot be recorded.
    """
    tr = Trace(model.dims, n_members)
    result = tr.lift(fn(Namespace(tr, model, owner)))
    target = (MEMBER, *dims)
    if result.ndim > len(target):
        raise Untraceable(f"it gives {result.ndim} axes for dims {dims} and the member axis")
    padded = (BCAST,) * (len(target) - result.ndim) + result.axes
    for got, want in zip(padded, target, strict=True):
        got = tr.resolve(got)
        if got == want or got == BCAST:
            continue
        if got.startswith("#") and tr.length(got) == tr.length(want) and want != MEMBER:
            tr.unify(got, want)
            continue
        raise Untraceable(
            f"its result has {tr.describe(got)} where {tr.describe(want)} is expected "
            f"(result axes {tuple(tr.resolve(a) or '1' for a in result.axes)})"
        )
    return result.view(padded)


# =============================================================================== export
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

    Attributes
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
    """

    text: str
    dt: float
    n_months: int
    time_series: tuple[str, ...] = ()
    state_aware: tuple[str, ...] = ()
    builtins: dict[str, str] = field(default_factory=dict)

    def write(self, path: str | os.PathLike) -> Path:
        """Write the document to `path` atomically (a temporary file, then ``os.replace``)."""
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
    """The Euler step stockflow takes for a requested `dt`: a whole number of steps a month."""
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
    a switch inside a step then takes effect at the next step, in both. Same arguments as
    :func:`stockflow.simulate`.
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


def pysd_dataset(df, model: Model, variables: Iterable[str] | None = None) -> xr.Dataset:
    """Label a PySD run of an exported model like stockflow's arrays.

    Parameters
    ----------
    df : pandas.DataFrame
        ``pysd.read_xmile(path).run()``: index time [months], columns ``name`` or
        ``name[elem,elem]``.
    model : Model
        The model that was exported.
    variables : iterable of str, optional
        Default: every column that names a model variable.

    Returns
    -------
    xarray.Dataset
        Dims ``t`` (the PySD times, months since the start) and the model's dimensions;
        values as PySD reports them (instantaneous: flows are rates at ``t``).
    """
    names = element_names(model)
    wanted = list(variables) if variables is not None else None
    out = {}
    for name, var in model.variables.items():
        if wanted is not None and name not in wanted:
            continue
        if not var.dims:
            if name in df.columns:
                out[name] = xr.DataArray(df[name].to_numpy(dtype=float), dims=("t",))
            continue
        arr = np.full((len(df.index), *model.shape(var.dims)), np.nan)
        found = False
        for idx in itertools.product(*(range(len(model.dims[d])) for d in var.dims)):
            elems = [names[d][model.dims[d][i]] for d, i in zip(var.dims, idx, strict=True)]
            col = f"{name}[{','.join(elems)}]"
            if col in df.columns:
                arr[(slice(None), *idx)] = df[col].to_numpy(dtype=float)
                found = True
        if found:
            out[name] = xr.DataArray(arr, dims=("t", *var.dims))
    coords = {"t": np.asarray(df.index, dtype=float)}
    coords.update({d: list(v) for d, v in model.dims.items()})
    return xr.Dataset(out, coords=coords)


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
