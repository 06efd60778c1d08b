"""Tracing stockflow equations: call them on symbols and record an expression tree.

stockflow equations are Python callables over NumPy arrays; nothing is parsed. To write
them in another language (XMILE, :mod:`stockflow.interop.xmile_write`) each equation is
*traced*: :func:`trace_equation` calls it once with symbolic arrays (:class:`Sym`) that
record every operation into an expression tree with dimension labels.

Each axis of a :class:`Sym` carries a label, so that the tree can be printed with named
dimensions rather than positions: :data:`MEMBER` (the leading member axis of model
values), :data:`BCAST` (a length-1 axis: ``[:, None]``, ``keepdims=True``), a dimension
name, or an *anonymous* axis (``"#3"``, made by ``np.stack`` or a constant array) whose
dimension is learned when it meets a labelled axis. Python control flow on a traced value
(``if v.t >= 12``, ``float(v.x)``, ``np.searchsorted``) cannot be recorded and raises
:class:`Untraceable`; write such choices with ``np.where``, ``np.minimum`` or ``np.clip``.
"""

from __future__ import annotations

import itertools
import numbers
from typing import Any

import numpy as np

__all__ = ["Untraceable", "trace_equation"]

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

    Parameters
    ----------
    model : Model
        The model the equation belongs to (its dimensions, variables and lookups).
    owner : str
        The variable whose equation `fn` is, for messages.
    fn : callable
        The equation, ``fn(v)``.
    dims : tuple of str
        The variable's dimensions.
    n_members : int
        Length of the symbolic member axis; one no dimension has, so that an equation that
        mixes the member axis with a dimension is caught.

    Returns
    -------
    Sym
        The expression tree, its axes labelled ``(MEMBER, *dims)`` (or broadcast).

    Raises
    ------
    Untraceable
        The equation does something that cannot be recorded.

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("tank", "2020-01")
    >>> _ = m.stock("level", 100.0)
    >>> trace_equation(m, "drain", lambda v: 0.1 * v.level, (), 2).op  # 0.1 times level
    '*'
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
