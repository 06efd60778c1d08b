"""Tracing a model's equations into a graph of scalar operations.

:func:`trace_model` calls every equation once with symbolic arrays (:class:`Sym`) in
place of the NumPy arrays it normally gets. A symbolic array has the shape the equation
expects (a member axis of length 1, then the variable's dimensions); each of its elements
is a node of one :class:`Graph`, the expression that computes that element for one
member. NumPy's shape functions (indexing, ``stack``, ``sum``, ``@``, broadcasting) work on
them unchanged, and the element-wise functions (``exp``, ``where``, ``clip``, ``maximum``,
arithmetic, comparisons) add nodes.

The graph is built with *hash consing*: an operation on the same arguments is the same
node, so shared subexpressions are computed once; operations on constants are folded
(``x * 1`` and ``x + 0`` are ``x``). Each node carries what it depends on: the state, the
time, parameters that vary by member. What depends on neither state nor time is the same
for every step and can be hoisted out of the time loop.

What cannot be traced raises :class:`Untraceable`: Python branching on a value
(``if v.x > 0``), ``float(v.x)``, a conversion to a float array, an unsupported NumPy
function. The caller then runs that model on the NumPy path (see :mod:`stockflow.kernel`).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Untraceable", "is_symbolic"]

# What a node depends on (bit flags).
STATE, TIME, MEMBER = 1, 2, 4


class Untraceable(Exception):
    """An equation used a construct the tracer cannot turn into a graph."""


class Graph:
    """Scalar nodes, hash-consed: ``nodes[i]`` is ``(op, *args)``, args node ids or data."""

    def __init__(self) -> None:
        self.nodes: list[tuple] = []
        self.flags: list[int] = []
        self._index: dict[tuple, int] = {}
        # latches (stockflow.latch.Latch) traced as discrete state, when the kernel allows
        self.stateful = False
        self.latches: list[Any] = []
        self.probes: list[int] = []  # nodes of probes, computed at every evaluation

    def add(self, key: tuple, flags: int) -> int:
        i = self._index.get(key)
        if i is None:
            i = len(self.nodes)
            self.nodes.append(key)
            self.flags.append(flags)
            self._index[key] = i
        return i

    # ------------------------------------------------------------------ leaves
    def const(self, value: float) -> int:
        v = float(value)
        # 0.0 and -0.0 and NaN are kept apart by their repr
        return self.add(("const", v, repr(v)), 0)

    def leaf(self, kind: str, name: str, index: int, flags: int) -> int:
        return self.add((kind, name, index), flags)

    def time(self) -> int:
        return self.add(("t",), TIME)

    # ---------------------------------------------------------------- operations
    def op(self, name: str, *args: int) -> int:
        nodes = self.nodes
        if all(nodes[a][0] == "const" for a in args):
            return self.const(_FOLD[name](*(nodes[a][1] for a in args)))
        # identities that are exact in IEEE arithmetic for every value
        if name == "mul":
            for a, b in ((args[0], args[1]), (args[1], args[0])):
                if nodes[a][0] == "const" and nodes[a][1] == 1.0:
                    return b
        elif name == "div" and nodes[args[1]][0] == "const" and nodes[args[1]][1] == 1.0:
            return args[0]
        flags = 0
        for a in args:
            flags |= self.flags[a]
        return self.add((name, *args), flags)

    def lookup(self, name: str, x: int, table: Any) -> int:
        if self.nodes[x][0] == "const":
            return self.const(np.interp(self.nodes[x][1], table.x, table.y))
        return self.add(("lookup", name, x), self.flags[x])


def _where(c, a, b):
    return a if c != 0.0 else b


def _fmax(a, b):
    return float(np.maximum(a, b))


def _fmin(a, b):
    return float(np.minimum(a, b))


def _pow(a, b):
    return float(np.power(np.float64(a), np.float64(b)))


def _cmp(f):
    return lambda a, b: 1.0 if f(a, b) else 0.0


_FOLD: dict[str, Callable] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": lambda a, b: float(np.divide(np.float64(a), np.float64(b))),
    "pow": _pow,
    "neg": operator.neg,
    "abs": abs,
    "exp": lambda a: float(np.exp(a)),
    "expm1": lambda a: float(np.expm1(a)),
    "log": lambda a: float(np.log(a)),
    "log10": lambda a: float(np.log10(a)),
    "sqrt": lambda a: float(np.sqrt(a)),
    "cos": lambda a: float(np.cos(a)),
    "sin": lambda a: float(np.sin(a)),
    "tan": lambda a: float(np.tan(a)),
    "tanh": lambda a: float(np.tanh(a)),
    "arctan": lambda a: float(np.arctan(a)),
    "floor": lambda a: float(math.floor(a)),
    "ceil": lambda a: float(math.ceil(a)),
    "max": _fmax,
    "min": _fmin,
    "lt": _cmp(operator.lt),
    "le": _cmp(operator.le),
    "gt": _cmp(operator.gt),
    "ge": _cmp(operator.ge),
    "eq": _cmp(operator.eq),
    "ne": _cmp(operator.ne),
    "and": lambda a, b: 1.0 if (a != 0.0 and b != 0.0) else 0.0,
    "or": lambda a, b: 1.0 if (a != 0.0 or b != 0.0) else 0.0,
    "not": lambda a: 0.0 if a != 0.0 else 1.0,
    "where": _where,
}

# NumPy ufuncs the tracer understands, and their node operations
_UFUNCS = {
    np.add: "add",
    np.subtract: "sub",
    np.multiply: "mul",
    np.true_divide: "div",
    np.power: "pow",
    np.float_power: "pow",
    np.negative: "neg",
    np.absolute: "abs",
    np.exp: "exp",
    np.log: "log",
    np.log10: "log10",
    np.sqrt: "sqrt",
    np.cos: "cos",
    np.sin: "sin",
    np.tan: "tan",
    np.tanh: "tanh",
    np.arctan: "arctan",
    np.floor: "floor",
    np.ceil: "ceil",
    np.maximum: "max",
    np.minimum: "min",
    np.less: "lt",
    np.less_equal: "le",
    np.greater: "gt",
    np.greater_equal: "ge",
    np.equal: "eq",
    np.not_equal: "ne",
    np.logical_and: "and",
    np.logical_or: "or",
    np.logical_not: "not",
    np.bitwise_and: "and",
    np.bitwise_or: "or",
    np.invert: "not",
}


class Node:
    """One element of a symbolic array: a node id of the current graph."""

    __slots__ = ("g", "i")

    def __init__(self, g: Graph, i: int):
        self.g, self.i = g, i

    def __bool__(self):
        raise Untraceable("Python branching on a value (if, and/or, bool())")

    def __float__(self):
        raise Untraceable("conversion of a value to a Python float")

    __int__ = __index__ = __float__

    def _bin(self, other, name, swap=False):
        o = _node(self.g, other)
        a, b = (o, self.i) if swap else (self.i, o)
        return Node(self.g, self.g.op(name, a, b))

    def __add__(self, o):
        return self._bin(o, "add")

    def __radd__(self, o):
        return self._bin(o, "add", True)

    def __sub__(self, o):
        return self._bin(o, "sub")

    def __rsub__(self, o):
        return self._bin(o, "sub", True)

    def __mul__(self, o):
        return self._bin(o, "mul")

    def __rmul__(self, o):
        return self._bin(o, "mul", True)

    def __truediv__(self, o):
        return self._bin(o, "div")

    def __rtruediv__(self, o):
        return self._bin(o, "div", True)

    def __pow__(self, o):
        return self._bin(o, "pow")

    def __rpow__(self, o):
        return self._bin(o, "pow", True)

    def __neg__(self):
        return Node(self.g, self.g.op("neg", self.i))

    def __pos__(self):
        return self

    def __abs__(self):
        return Node(self.g, self.g.op("abs", self.i))

    # methods NumPy's object loops call for ufuncs on object arrays
    def exp(self):
        return Node(self.g, self.g.op("exp", self.i))

    def log(self):
        return Node(self.g, self.g.op("log", self.i))

    def sqrt(self):
        return Node(self.g, self.g.op("sqrt", self.i))

    def cos(self):
        return Node(self.g, self.g.op("cos", self.i))

    def sin(self):
        return Node(self.g, self.g.op("sin", self.i))


def _node(g: Graph, x) -> int:
    """Node id of an element: a :class:`Node` or a number."""
    if isinstance(x, Node):
        return x.i
    if isinstance(x, bool | np.bool_):
        return g.const(1.0 if x else 0.0)
    if isinstance(x, int | float | np.integer | np.floating):
        return g.const(float(x))
    raise Untraceable(f"a value of type {type(x).__name__} inside an array")


class Sym:
    """A symbolic array: an object array of :class:`Node` with NumPy's interface."""

    __array_priority__ = 1000

    def __init__(self, g: Graph, a: np.ndarray):
        self.g = g
        self.a = a

    # ----------------------------------------------------------------- basics
    @property
    def shape(self):
        return self.a.shape

    @property
    def ndim(self):
        return self.a.ndim

    @property
    def size(self):
        return self.a.size

    @property
    def dtype(self):
        return np.dtype(float)

    @property
    def T(self):
        return Sym(self.g, self.a.T)

    def __len__(self):
        return len(self.a)

    def __iter__(self):
        return (Sym(self.g, x) for x in self.a)

    def __bool__(self):
        raise Untraceable("Python branching on a value (if, and/or, bool())")

    def __float__(self):
        raise Untraceable("conversion of a value to a Python float")

    __int__ = __index__ = __float__

    def __array__(self, dtype=None, copy=None):
        if dtype is not None and np.dtype(dtype) != np.dtype(object):
            raise Untraceable(f"conversion of a value to a {np.dtype(dtype)} array")
        return self.a

    def __getitem__(self, idx):
        if _has_sym(idx):
            raise Untraceable("indexing by a computed value")
        return Sym(self.g, self.a[idx])

    def __setitem__(self, idx, value):
        if _has_sym(idx):
            raise Untraceable("indexing by a computed value")
        self.a = self.a.copy()
        self.a[idx] = _obj(self.g, value)

    def copy(self):
        return Sym(self.g, self.a.copy())

    def any(self, *args, **kwargs):
        raise Untraceable("Python branching on a value (any())")

    def all(self, *args, **kwargs):
        raise Untraceable("Python branching on a value (all())")

    def astype(self, dtype, copy=True):
        if np.dtype(dtype).kind not in "fb":
            raise Untraceable(f"conversion to {np.dtype(dtype)}")
        return self

    def reshape(self, *shape, **kw):
        return Sym(self.g, self.a.reshape(*shape, **kw))

    def transpose(self, *axes):
        return Sym(self.g, self.a.transpose(*axes))

    def squeeze(self, axis=None):
        return Sym(self.g, self.a.squeeze(axis))

    def sum(self, axis=None, keepdims=False, **kw):
        return np.sum(self, axis=axis, keepdims=keepdims, **kw)

    def mean(self, axis=None, keepdims=False):
        return np.mean(self, axis=axis, keepdims=keepdims)

    def prod(self, axis=None, keepdims=False):
        return np.prod(self, axis=axis, keepdims=keepdims)

    def max(self, axis=None, keepdims=False):
        return np.max(self, axis=axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        return np.min(self, axis=axis, keepdims=keepdims)

    def clip(self, lo=None, hi=None):
        return np.clip(self, lo, hi)

    # -------------------------------------------------------------- arithmetic
    def __add__(self, o):
        return np.add(self, o)

    def __radd__(self, o):
        return np.add(o, self)

    def __sub__(self, o):
        return np.subtract(self, o)

    def __rsub__(self, o):
        return np.subtract(o, self)

    def __mul__(self, o):
        return np.multiply(self, o)

    def __rmul__(self, o):
        return np.multiply(o, self)

    def __truediv__(self, o):
        return np.true_divide(self, o)

    def __rtruediv__(self, o):
        return np.true_divide(o, self)

    def __pow__(self, o):
        return np.power(self, o)

    def __rpow__(self, o):
        return np.power(o, self)

    def __matmul__(self, o):
        return np.matmul(self, o)

    def __rmatmul__(self, o):
        return np.matmul(o, self)

    def __neg__(self):
        return np.negative(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return np.absolute(self)

    def __lt__(self, o):
        return np.less(self, o)

    def __le__(self, o):
        return np.less_equal(self, o)

    def __gt__(self, o):
        return np.greater(self, o)

    def __ge__(self, o):
        return np.greater_equal(self, o)

    def __eq__(self, o):  # type: ignore[override]
        return np.equal(self, o)

    def __ne__(self, o):  # type: ignore[override]
        return np.not_equal(self, o)

    def __and__(self, o):
        return np.logical_and(self, o)

    def __rand__(self, o):
        return np.logical_and(o, self)

    def __or__(self, o):
        return np.logical_or(self, o)

    def __ror__(self, o):
        return np.logical_or(o, self)

    def __invert__(self):
        return np.logical_not(self)

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------ NumPy hooks
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        g = self.g
        if kwargs.get("out") is not None or kwargs.get("where", True) is not True:
            raise Untraceable(f"numpy.{ufunc.__name__} with out= or where=")
        if method == "__call__" and ufunc is np.matmul:
            return _wrap(g, np.matmul(*(_obj(g, x) for x in inputs)))
        if method == "reduce" and ufunc in (np.add, np.multiply, np.maximum, np.minimum):
            name = _UFUNCS[ufunc]
            (x,) = inputs
            return _reduce(g, _obj(g, x), name, kwargs.get("axis", 0), kwargs.get("keepdims"))
        if method != "__call__" or ufunc not in _UFUNCS:
            raise Untraceable(f"numpy.{ufunc.__name__}.{method}")
        name = _UFUNCS[ufunc]
        arrays = [_obj(g, x) for x in inputs]
        f = np.frompyfunc(
            lambda *xs: Node(g, g.op(name, *(_node(g, x) for x in xs))), len(arrays), 1
        )
        return _wrap(g, f(*arrays))

    def __array_function__(self, func, types, args, kwargs):
        g = self.g
        handler = _FUNCTIONS.get(func)
        if handler is not None:
            return handler(g, *args, **kwargs)
        if func in _SHAPE_FUNCTIONS:
            return _wrap(g, func(*_objs(g, args), **_objs(g, kwargs)))
        raise Untraceable(f"numpy.{func.__name__}")


def _has_sym(idx) -> bool:
    if isinstance(idx, Sym | Node):
        return True
    if isinstance(idx, tuple):
        return any(isinstance(i, Sym | Node) for i in idx)
    return False


def _obj(g: Graph, x) -> np.ndarray:
    """`x` as an object array of nodes."""
    if isinstance(x, Sym):
        return x.a
    if isinstance(x, Node):
        return np.array(x, dtype=object)
    arr = np.asarray(x)
    if arr.dtype == object:
        out = np.empty(arr.shape, dtype=object)
        for k, e in np.ndenumerate(arr):
            out[k] = e if isinstance(e, Node) else Node(g, _node(g, e))
        return out
    if arr.dtype.kind not in "biuf":
        raise Untraceable(f"an array of dtype {arr.dtype}")
    out = np.empty(arr.shape, dtype=object)
    for k, e in np.ndenumerate(arr):
        out[k] = Node(g, g.const(float(e)))
    return out


def _objs(g: Graph, x):
    """Every :class:`Sym` in a (nested) argument replaced by its object array."""
    if isinstance(x, Sym):
        return x.a
    if isinstance(x, list | tuple):
        return type(x)(_objs(g, e) for e in x)
    if isinstance(x, dict):
        return {k: _objs(g, e) for k, e in x.items()}
    return x


def _wrap(g: Graph, x):
    """Results of a NumPy function on object arrays, wrapped back into :class:`Sym`."""
    if isinstance(x, np.ndarray):
        if x.dtype != object:
            x = _obj(g, x)
        return Sym(g, x)
    if isinstance(x, Node):
        return Sym(g, np.array(x, dtype=object))
    if isinstance(x, list | tuple):
        return type(x)(_wrap(g, e) for e in x)
    return x


def _reduce(g: Graph, a: np.ndarray, name: str, axis, keepdims) -> Sym:
    """Reduction in NumPy's order on the NumPy path's arrays, whose member axis is the
    fastest in memory (they derive from the stocks' rows): left to right over each axis,
    and over several trailing axes left to right in C order over their flattening."""
    f = np.frompyfunc(lambda x, y: Node(g, g.op(name, _node(g, x), _node(g, y))), 2, 1)
    if axis is None:
        axis = tuple(range(a.ndim))
    axes = (axis,) if isinstance(axis, int | np.integer) else tuple(axis)
    axes = tuple(sorted(ax % a.ndim for ax in axes))
    trailing = axes == tuple(range(a.ndim - len(axes), a.ndim))
    if len(axes) > 1 and trailing and all(a.shape[ax] > 0 for ax in axes):
        flat = a.reshape((*a.shape[: a.ndim - len(axes)], math.prod(a.shape[ax] for ax in axes)))
        out = f.reduce(flat, axis=-1) if flat.shape[-1] > 1 else np.take(flat, 0, axis=-1)
        if keepdims:
            for ax in axes:
                out = np.expand_dims(out, ax)
        return _wrap(g, out)
    out = a
    for ax in reversed(axes):
        if out.shape[ax] == 0:
            raise Untraceable("reduction over an empty axis")
        out = f.reduce(out, axis=ax) if out.shape[ax] > 1 else np.take(out, 0, axis=ax)
    if keepdims:
        for ax in axes:
            out = np.expand_dims(out, ax)
    return _wrap(g, out)


def _sum(g, a, axis=None, dtype=None, out=None, keepdims=False, **kw):
    if out is not None:
        raise Untraceable("numpy.sum with out=")
    return _reduce(g, _obj(g, a), "add", axis, keepdims)


def _prod(g, a, axis=None, dtype=None, out=None, keepdims=False, **kw):
    return _reduce(g, _obj(g, a), "mul", axis, keepdims)


def _max(g, a, axis=None, out=None, keepdims=False, **kw):
    return _reduce(g, _obj(g, a), "max", axis, keepdims)


def _min(g, a, axis=None, out=None, keepdims=False, **kw):
    return _reduce(g, _obj(g, a), "min", axis, keepdims)


def _mean(g, a, axis=None, dtype=None, out=None, keepdims=False, **kw):
    arr = _obj(g, a)
    total = _reduce(g, arr, "add", axis, keepdims)
    if axis is None:
        n = arr.size
    else:
        axes = (axis,) if isinstance(axis, int | np.integer) else tuple(axis)
        n = math.prod(arr.shape[ax] for ax in axes)
    return np.true_divide(total, float(n))


def _where(g, cond, a=None, b=None):
    if a is None or b is None:
        raise Untraceable("numpy.where with one argument")
    c, x, y = np.broadcast_arrays(_obj(g, cond), _obj(g, a), _obj(g, b))
    f = np.frompyfunc(lambda c, x, y: Node(g, g.op("where", c.i, x.i, y.i)), 3, 1)
    return _wrap(g, f(c, x, y))


def _clip(g, a, a_min=None, a_max=None, out=None, **kw):
    if out is not None:
        raise Untraceable("numpy.clip with out=")
    x = Sym(g, _obj(g, a))
    if a_min is not None:
        x = np.maximum(x, a_min)
    if a_max is not None:
        x = np.minimum(x, a_max)
    return x


def _like(value):
    def make(g, a, dtype=None, order="K", subok=True, shape=None, **kw):
        shp = np.shape(_obj(g, a)) if shape is None else shape
        return _wrap(g, np.full(shp, float(value)))

    return make


def _full_like(g, a, fill_value, dtype=None, order="K", subok=True, shape=None):
    shp = np.shape(_obj(g, a)) if shape is None else shape
    return _wrap(g, np.broadcast_to(_obj(g, fill_value), shp).copy())


def _dot(g, a, b, out=None):
    return _wrap(g, np.dot(_obj(g, a), _obj(g, b)))


_FUNCTIONS: dict[Any, Callable] = {
    np.sum: _sum,
    np.prod: _prod,
    np.max: _max,
    np.amax: _max,
    np.min: _min,
    np.amin: _min,
    np.mean: _mean,
    np.where: _where,
    np.clip: _clip,
    np.ones_like: _like(1.0),
    np.zeros_like: _like(0.0),
    np.full_like: _full_like,
    np.dot: _dot,
}

# functions that only move elements around: applied to the object arrays as they are
_SHAPE_FUNCTIONS = {
    np.stack,
    np.concatenate,
    np.broadcast_arrays,
    np.broadcast_to,
    np.reshape,
    np.expand_dims,
    np.moveaxis,
    np.swapaxes,
    np.transpose,
    np.squeeze,
    np.atleast_1d,
    np.atleast_2d,
    np.repeat,
    np.tile,
    np.ravel,
    np.take,
    np.shape,
    np.ndim,
    np.copy,
    np.hstack,
    np.vstack,
    np.column_stack,
}


@dataclass
class LookupCall:
    """``v.table(x)`` in a traced equation: a lookup node per element."""

    g: Graph
    name: str
    table: Any

    def __call__(self, x):
        arr = _obj(self.g, x)
        f = np.frompyfunc(lambda e: Node(self.g, self.g.lookup(self.name, e.i, self.table)), 1, 1)
        return _wrap(self.g, f(arr))


@dataclass
class TraceNamespace:
    """What a traced equation reads: symbolic values by name, plus ``t``."""

    values: dict[str, Any]
    read: set[str] = field(default_factory=set)

    def __getattr__(self, name):
        if name.startswith("__") or name not in self.values:
            if name == "_initializing":
                return False
            raise AttributeError(name)
        self.read.add(name)
        return self.values[name]


def leaf_array(g: Graph, kind: str, name: str, shape: tuple[int, ...], flags: int) -> Sym:
    """A symbolic array of leaves ``(kind, name, flat index)``, with a member axis of 1."""
    n = math.prod(shape)
    a = np.empty(n, dtype=object)
    for j in range(n):
        a[j] = Node(g, g.leaf(kind, name, j, flags))
    return Sym(g, a.reshape((1, *shape)))


def const_array(g: Graph, value: np.ndarray) -> Sym:
    """A symbolic array of constants (a member axis of 1 in front when `value` has none)."""
    return Sym(g, _obj(g, np.asarray(value, dtype=float)))


def elements(g: Graph, value, shape: tuple[int, ...], what: str) -> list[int]:
    """Node ids of `value` broadcast to ``(1, *shape)``, in C order over `shape`."""
    arr = _obj(g, value)
    try:
        arr = np.broadcast_to(arr, (1, *shape))
    except ValueError:
        raise Untraceable(
            f"{what} gives shape {arr.shape}, which does not fit (1, *dims) = {(1, *shape)}"
        ) from None
    return [_node(g, e) for e in arr.reshape(-1)]


def is_symbolic(x: Any) -> bool:
    """Whether `x` is a traced value: the compiled kernel is tracing the equation.

    A policy input that does something only a run can do (keep a log, skip work when a
    value is zero) checks this and leaves it out while it is traced.

    Parameters
    ----------
    x : object
        A value an equation or input function received (``t``, or a value of ``v``).

    Returns
    -------
    bool

    Examples
    --------
    >>> import numpy as np
    >>> is_symbolic(1.0), is_symbolic(np.zeros(3))
    (False, False)
    """
    return isinstance(x, Sym | Node)


def traced_latch(latch: Any, t: Sym, v: Any) -> Sym:
    """A :class:`~stockflow.latch.Latch` called in a traced equation: a ``latch`` node.

    The node ``("latch", index, signal[, previous])`` stands for the latch's state at the
    evaluation; the kernel's generated code advances the latch there
    (:mod:`stockflow.latch_kernel`).

    Raises
    ------
    Untraceable
        The graph is not traced for a fixed-step kernel, or the signal is not one value
        per member.
    """
    g = t.g
    if not g.stateful:
        raise Untraceable("a latch (a discrete state) outside the fixed-step kernel")
    signal = _obj(g, latch.signal(t, v)).reshape(-1)
    if signal.size != 1:
        raise Untraceable(f"the signal of a latch gives {signal.size} values per member, not 1")
    args = [_node(g, signal[0])]
    if latch.previous is not None:
        prev = latch.previous(t, v)
        args.append(_node(g, _obj(g, prev).reshape(-1)[0]))
    node = g.add(("latch", _register(g, latch), *args), STATE | TIME)
    return Sym(g, np.array([Node(g, node)], dtype=object))


def _register(g: Graph, element: Any) -> int:
    """The index of a latch or probe in ``g.latches`` (added if new)."""
    known = [q for q, other in enumerate(g.latches) if other is element]
    if known:
        return known[0]
    g.latches.append(element)
    return len(g.latches) - 1


def traced_probe(probe: Any, t: Sym, value: Any) -> None:
    """A :class:`~stockflow.latch.Probe` called in a traced equation: a ``latch`` node
    whose generated code keeps `value` at each evaluation (it has no state).

    Raises
    ------
    Untraceable
        The graph is not traced for a fixed-step kernel, or `value` is not one number per
        member.
    """
    g = t.g
    if not g.stateful:
        raise Untraceable("a probe outside the fixed-step kernel")
    arr = _obj(g, value).reshape(-1)
    if arr.size != 1:
        raise Untraceable(f"a probe's value gives {arr.size} values per member, not 1")
    node = g.add(("latch", _register(g, probe), _node(g, arr[0])), STATE | TIME)
    if node not in g.probes:
        g.probes.append(node)
