"""Compiling a declared model into one vectorized right-hand side.

:func:`compile_model` checks the declarations (unknown stocks, dimension mismatches,
cycles among auxiliaries, each named), orders the computed variables, lays the stocks out
on a flat state vector, and returns a :class:`CompiledModel` whose :meth:`~CompiledModel.rhs`
meets the contract of ``scipy.integrate.solve_ivp(..., vectorized=True)``: ``rhs(t, y)``
with ``y`` of shape ``(n,)`` or ``(n, k)`` returns an array of the same shape, column ``j``
being the derivative at state ``y[:, j]``.

Ensembles use the same function: the columns are then the members, and parameters passed
with a leading member axis of length ``k`` give each column its own values.

State vector
------------
The stocks come first, each flattened in C order; then one accumulator per element of each
tracked flow, holding the flow integrated since time 0. The accumulators are what the
output reports as monthly flow totals, and what :func:`stockflow.ledger` balances against
the stocks; :func:`stockflow.simulate` tracks only the flows it returns
(:meth:`CompiledModel.tracking`).

Memory layout
-------------
The state has shape ``(n_state, k)`` in C order, so in the ``(k, *dims)`` views equations
see, the member axis is the fastest in memory. Parameters that vary by member are stored
the same way, and lookups return results laid out like their argument. NumPy then streams
through contiguous memory in the element-wise operations and in the sums over dimensions
(a sum over a short axis of a C-ordered ``(k, 3, 4)`` array is over ten times slower).

Non-negative stocks
-------------------
A stock declared ``nonnegative`` never goes below zero: at each evaluation its outflows are
scaled jointly by ``min(1, S / (tau_min * total_outflow))`` (0 when ``S <= 0``). The
fixed-step integrators use ``tau_min`` a hair over their step ``h``: an Euler step then
empties such a stock (to about 1e-9 of its content, never below zero, whatever the
rounding), and RK4 drains it by a factor of about 0.375 per step (its stages stay
non-negative too); with inflow, an "empty" stock holds about ``h`` months of that inflow at
the step ends. For ``solve_ivp`` (``tau_min`` = 1e-3 month) a stock about to empty drains no
faster than exponentially with time constant ``tau_min``: the exact solution never crosses
zero, and the adaptive solver's error can take it below zero by no more than about its
``atol``. When the stock holds at least ``tau_min`` months of outflow the scale is exactly 1
and the flows are untouched. Inflows are never limited. Auxiliaries that read a flow see the
value its equation asked for; the stocks, the accumulators and the output see the limited
value.
"""

from __future__ import annotations

import copy
import graphlib
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from stockflow.errors import DeclarationError
from stockflow.model import Model, Variable
from stockflow.units import check_units

# A non-negative stock holding less than this is empty: nothing more flows out of it. (Far
# below any meaningful quantity, and above the subnormal numbers, whose lost precision would
# let rounding take a draining stock below zero.)
EMPTY = 1e-290


class Values:
    """The namespace equations read: one attribute per variable, plus ``t``.

    Parameters
    ----------
    mapping : dict of str to value
        Variable name -> its current value (arrays with a leading member axis); it is used
        as the instance's ``__dict__``, not copied, so later additions are seen.

    Examples
    --------
    >>> v = Values({"t": 3.0, "stock": 10.0})
    >>> v.t, v.stock
    (3.0, 10.0)
    """

    def __init__(self, mapping: dict[str, Any]):
        self.__dict__ = mapping


class _Tracer:
    """Placeholder namespace that records which names an equation reads."""

    def __init__(self, dummies: dict[str, Any], owner: str):
        self._dummies = dummies
        self._owner = owner
        self.read: set[str] = set()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._dummies:
            raise DeclarationError(
                f"equation of {self._owner!r} refers to unknown variable {name!r}"
            )
        self.read.add(name)
        return self._dummies[name]


@dataclass(frozen=True)
class StockSlot:
    """Where one stock lives in the state vector, and the flows that move it.

    Parameters
    ----------
    name : str
        The stock.
    start : int
        Its first row in the state vector.
    shape : tuple of int
        Its dims' lengths (``()`` for a scalar stock).
    nonnegative : bool
        Whether the outflow limiter keeps it at or above zero.
    inflows, outflows : tuple of (str, tuple of int)
        The flows into and out of it, each with the axes of the flow to sum over to get
        the stock's shape (the flow's extra dims).

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("tank", start=None, dims={"g": ["a", "b"]})
    >>> m.stock("x", 1.0, dims="g", units="kg")
    'x'
    >>> m.flow("drain", lambda v: v.x / 4, source="x", dims="g", units="kg/month")
    'drain'
    >>> slot = compile_model(m).slot("x")
    >>> slot.start, slot.shape, slot.size, slot.outflows
    (0, (2,), 2, (('drain', ()),))
    """

    name: str
    start: int
    shape: tuple[int, ...]
    nonnegative: bool
    inflows: tuple[tuple[str, tuple[int, ...]], ...]  # (flow, axes to sum over)
    outflows: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def size(self) -> int:
        """Number of elements (rows of the state vector)."""
        return math.prod(self.shape)

    @property
    def stop(self) -> int:
        """One past its last row in the state vector."""
        return self.start + math.prod(self.shape)


class CompiledModel:
    """A model ready to integrate. Build it with :func:`compile_model`.

    The state vector holds the stocks, then one accumulator per element of each *tracked*
    flow (all flows when `track_flows` is true). :meth:`tracking` gives a copy that tracks
    only the flows a run returns, so that the integrators carry no more than needed.

    Parameters
    ----------
    model : Model
        The declarations, already checked by :func:`compile_model`.
    order : list of str
        The auxiliaries and flows in evaluation order (each after what it reads).
    track_flows : bool
        Whether the state carries an accumulator per flow element (the month totals).

    Examples
    --------
    >>> import stockflow as sf
    >>> m = sf.Model("tank", start=None)
    >>> m.stock("x", 8.0, units="kg")
    'x'
    >>> m.flow("drain", lambda v: v.x / 4, source="x", units="kg/month")
    'drain'
    >>> cm = compile_model(m)
    >>> cm.n_state, cm.tracking([]).n_state  # the stock, plus the drain's accumulator
    (2, 1)
    """

    def __init__(self, model: Model, order: list[str], track_flows: bool):
        self.model = model
        self.order = order
        self.track_flows = track_flows
        var = model.variables
        self.stocks: list[StockSlot] = []
        offset = 0
        flows = model.of_kind("flow")
        for s in model.of_kind("stock"):
            shape = model.shape(s.dims)
            ins = tuple((f.name, _sum_axes(f, s)) for f in flows if f.target == s.name)
            outs = tuple((f.name, _sum_axes(f, s)) for f in flows if f.source == s.name)
            self.stocks.append(StockSlot(s.name, offset, shape, s.nonnegative, ins, outs))
            offset += math.prod(shape)
        self.n_stock_state = offset
        self.shapes = {name: model.shape(v.dims) for name, v in var.items()}
        self.flow_names = [f.name for f in flows]
        self.input_names = [v.name for v in model.of_kind("input")]
        self.series = {v.name: v.series for v in model.of_kind("series")}
        self.equations = {n: var[n].equation for n in order if var[n].kind in ("aux", "flow")}
        self._set_tracked(self.flow_names if track_flows else [])

    def _set_tracked(self, flows: list[str]) -> None:
        """Lay out accumulators for `flows` after the stocks."""
        self.flow_slots: list[tuple[str, int, tuple[int, ...]]] = []
        offset = self.n_stock_state
        for f in flows:
            self.flow_slots.append((f, offset, self.shapes[f]))
            offset += math.prod(self.shapes[f])
        self.n_state = offset
        # what the hot loop iterates over, resolved once
        self._computed = [(n, self.equations[n], self.shapes[n]) for n in self.order]
        self._limited = [s for s in self.stocks if s.nonnegative and s.outflows]
        self._stock_rows = [
            (s.name, s.start, s.stop, s.shape, s.inflows, s.outflows) for s in self.stocks
        ]
        self._flow_rows = [
            (f, start, start + math.prod(shape), shape) for f, start, shape in self.flow_slots
        ]

    def tracking(self, flows) -> CompiledModel:
        """A copy whose state carries accumulators for `flows` only (a subset of the flows).

        Parameters
        ----------
        flows : iterable of str
            Flow names; names that are not flows are ignored.

        Returns
        -------
        CompiledModel
            A shallow copy with its own state layout; this model is unchanged.

        Raises
        ------
        DeclarationError
            If a flow is asked for and the model was compiled with ``track_flows=False``.
        """
        wanted = set(flows)
        flows = [f for f in self.flow_names if f in wanted]
        if flows and not self.track_flows:
            raise DeclarationError(
                f"cannot track flow {flows[0]!r}: the model was compiled without flow tracking"
            )
        other = copy.copy(self)
        other._set_tracked(flows)
        return other

    # ---------------------------------------------------------------- helpers
    def slot(self, name: str) -> StockSlot:
        """The :class:`StockSlot` of stock `name`.

        Parameters
        ----------
        name : str
            A stock of the model.

        Returns
        -------
        StockSlot

        Raises
        ------
        StopIteration
            If `name` is not a stock.
        """
        return next(s for s in self.stocks if s.name == name)

    def constants(self, params: dict[str, np.ndarray]) -> dict[str, Any]:
        """Parameters (with a member axis) and lookups: the values that never change.

        Parameters
        ----------
        params : dict of str to ndarray
            Every parameter's value with a leading member axis (length 1 when shared).

        Returns
        -------
        dict of str to value
            The lookups, the parameters (member-varying ones in Fortran order, the member
            axis fastest in memory) and each input's default value under
            ``"<input>__default"``: the start of the namespace :meth:`evaluate` builds.
        """
        out: dict[str, Any] = dict(self.model.lookups)
        # member-varying values in Fortran order: the member axis fastest in memory, as
        # for the stocks (see `evaluate`)
        out.update((n, np.asfortranarray(v) if v.shape[0] > 1 else v) for n, v in params.items())
        for v in self.model.of_kind("input"):
            out[f"{v.name}__default"] = v.value[None]
        return out

    def _series_value(self, name: str, t: float) -> np.ndarray:
        times, values, how = self.series[name]
        i = int(np.searchsorted(times, t, side="right"))
        if i == 0:
            return values[0][None]
        if how == "step" or i == len(times):
            return values[i - 1][None]
        w = (t - times[i - 1]) / (times[i] - times[i - 1])
        return ((1.0 - w) * values[i - 1] + w * values[i])[None]

    # ------------------------------------------------------------- evaluation
    def evaluate(
        self,
        t: float,
        y: np.ndarray,
        constants: dict[str, Any],
        inputs: dict[str, Any],
        tau_min: float,
    ) -> dict[str, Any]:
        """All values at time `t` and state `y` of shape ``(n_state, k)``.

        Parameters
        ----------
        t : float
            Model time [months].
        y : ndarray, shape ``(n_state, k)``
            The state of `k` members.
        constants : dict
            From :meth:`constants`.
        inputs : dict of str to callable
            ``f(t, v)`` per policy input; inputs not given take their default.
        tau_min : float
            The limiter's horizon [months]: a non-negative stock's outflows are scaled
            down when it holds less than `tau_min` months of them.

        Returns
        -------
        dict of str to value
            The namespace: stocks (views of `y`), parameters, inputs, series,
            auxiliaries and flows (flows already limited by the non-negativity rule),
            each with a leading member axis of length `k` (or 1 when shared), and ``t``.
        """
        ns = self._evaluate_unlimited(t, y, constants, inputs)
        self._limit_outflows(ns, tau_min)
        return ns

    def _evaluate_unlimited(self, t, y, constants, inputs) -> dict[str, Any]:
        """:meth:`evaluate` without the limiting of outflows."""
        k = y.shape[1]
        ns: dict[str, Any] = constants.copy()
        ns["t"] = t
        for name, start, stop, shape, _, _ in self._stock_rows:
            ns[name] = y[start:stop].T.reshape((k, *shape))
        values = Values(ns)
        for name in self.series:
            ns[name] = self._series_value(name, t)
        for name in self.input_names:
            fn = inputs.get(name)
            if fn is None:
                ns[name] = constants[f"{name}__default"]
            else:
                ns[name] = _fit_input(name, fn(t, values), (k, *self.shapes[name]))
        for name, equation, shape in self._computed:
            value = equation(values)
            full = (k, *shape)
            if getattr(value, "shape", None) != full:
                value = np.broadcast_to(value, full)
            ns[name] = value
        return ns

    def _limit_outflows(self, ns: dict[str, Any], tau_min: float) -> dict[str, np.ndarray]:
        """Limit the outflows of non-negative stocks in `ns`; return their total outflows."""
        totals = {}
        for s in self._limited:
            stock = ns[s.name]
            total = _total(ns, s.outflows)
            if (stock < tau_min * total).any():  # some element holds less than tau_min months
                with np.errstate(all="ignore"):
                    scale = np.where(total > 0, np.clip(stock / (tau_min * total), 0, 1), 1.0)
                scale = np.where(stock > EMPTY, scale, np.where(total > 0, 0.0, 1.0))
                for f, axes in s.outflows:
                    ns[f] = ns[f] * _expand(scale, axes)
                total = _total(ns, s.outflows)
            totals[s.name] = total
        return totals

    def rhs_from_values(
        self, ns: dict[str, Any], k: int, outflow_totals: dict[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """Derivative of the state, shape ``(n_state, k)`` in C order, from evaluated values.

        Parameters
        ----------
        ns : dict
            A namespace from :meth:`evaluate`.
        k : int
            Number of members.
        outflow_totals : dict of str to ndarray, optional
            Total outflow per limited stock, from the limiter; saves summing them again.

        Returns
        -------
        ndarray, shape ``(n_state, k)``
            Each stock's inflows minus outflows, then each tracked flow's value (the rate
            of its accumulator).
        """
        known = outflow_totals or {}
        dx = np.empty((self.n_state, k))
        for name, start, stop, shape, inflows, outflows in self._stock_rows:
            rows = _rows(dx, start, stop, (k, *shape))
            if outflows:
                out = known[name] if name in known else _total(ns, outflows)
                if inflows:
                    np.subtract(_total(ns, inflows), out, out=rows)
                else:
                    np.negative(out, out=rows)
            elif inflows:
                rows[...] = _total(ns, inflows)
            else:
                rows[...] = 0.0
        for name, start, stop, shape in self._flow_rows:
            _rows(dx, start, stop, (k, *shape))[...] = ns[name]
        return dx

    def rhs(
        self,
        t: float,
        y: np.ndarray,
        constants: dict[str, Any],
        inputs: dict[str, Any] | None = None,
        tau_min: float = 1e-3,
    ) -> np.ndarray:
        """``dy/dt`` at time `t`; `y` of shape ``(n,)`` or ``(n, k)`` (solve_ivp's contract).

        Parameters
        ----------
        t : float
            Model time [months].
        y : ndarray, shape ``(n_state,)`` or ``(n_state, k)``
            The state, for one member or `k`.
        constants : dict
            From :meth:`constants`.
        inputs : dict of str to callable, optional
            ``f(t, v)`` per policy input.
        tau_min : float, default 1e-3
            The limiter's horizon [months] (see :meth:`evaluate`).

        Returns
        -------
        ndarray
            Shaped like `y`.

        Examples
        --------
        >>> import numpy as np
        >>> import stockflow as sf
        >>> m = sf.Model("tank", start=None)
        >>> m.stock("x", 8.0, units="kg")
        'x'
        >>> m.flow("drain", lambda v: v.x / 4, source="x", units="kg/month")
        'drain'
        >>> cm = compile_model(m, track_flows=False)
        >>> cm.rhs(0.0, np.array([8.0]), cm.constants({})).tolist()
        [-2.0]
        """
        flat = y.ndim == 1
        y2 = y[:, None] if flat else y
        ns = self._evaluate_unlimited(t, y2, constants, inputs or {})
        totals = self._limit_outflows(ns, tau_min)
        dy = self.rhs_from_values(ns, y2.shape[1], totals)
        return dy[:, 0] if flat else dy


def _rows(x: np.ndarray, start: int, stop: int, shape: tuple[int, ...]) -> np.ndarray:
    """Rows ``start:stop`` of `x` (shape ``(n, k)``, C order) as a writable view of `shape`."""
    return x[start:stop].T.reshape(shape, copy=False)


def _fit_input(name: str, value, shape: tuple[int, ...]) -> np.ndarray:
    try:
        return np.broadcast_to(value, shape)
    except ValueError:
        raise DeclarationError(
            f"input {name!r}: its function gives shape {np.shape(value)}, which does not fit "
            f"(members, *dims) = {shape}"
        ) from None


def _sum_axes(flow: Variable, stock: Variable) -> tuple[int, ...]:
    missing = [d for d in stock.dims if d not in flow.dims]
    if missing:
        raise DeclarationError(
            f"flow {flow.name!r} with dims {flow.dims} cannot move stock {stock.name!r} "
            f"with dims {stock.dims}: a flow needs every dimension of its stocks"
        )
    return tuple(1 + i for i, d in enumerate(flow.dims) if d not in stock.dims)


def _total(ns: dict[str, Any], flows: tuple[tuple[str, tuple[int, ...]], ...]) -> np.ndarray:
    """Sum of `flows`, each summed over the axes its stock lacks: shape ``(k, *stock_dims)``."""
    total = None
    for f, axes in flows:
        value = np.add.reduce(ns[f], axis=axes) if axes else ns[f]
        total = value if total is None else total + value
    return total


def _expand(scale: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    for a in axes:
        scale = np.expand_dims(scale, a)
    return scale


def compile_model(model: Model, *, track_flows: bool = True) -> CompiledModel:
    """Check `model` and compile it.

    Parameters
    ----------
    model : Model
        The declarations.
    track_flows : bool, default True
        Carry an accumulator per flow element in the state, so runs can report month
        totals (:meth:`CompiledModel.tracking` narrows them to what a run returns).

    Returns
    -------
    CompiledModel

    Raises
    ------
    DeclarationError
        Naming the variable: a flow from or to an unknown stock, an equation reading an
        unknown variable or returning an array that does not fit its dims, a cycle among
        auxiliaries and flows; a units string that does not parse, or a flow whose
        declared units are not its stocks' units per month (:func:`stockflow.units.check_units`).
    """
    var = model.variables
    for f in model.of_kind("flow"):
        for role, stock in (("source", f.source), ("target", f.target)):
            if stock is not None and (stock not in var or var[stock].kind != "stock"):
                raise DeclarationError(f"flow {f.name!r}: {role} {stock!r} is not a declared stock")
            if stock is not None:
                _sum_axes(f, var[stock])
    # Placeholders carry a member axis whose length is no dimension's length, so that an
    # equation combining values of different rank without aligning them fails here rather
    # than broadcasting members against a dimension in an ensemble run.
    n_trace = _trace_members(model)
    dummies: dict[str, Any] = dict(model.lookups)
    dummies["t"] = 0.0
    for name, v in var.items():
        dummies[name] = np.full((n_trace, *model.shape(v.dims)), 0.5)
    graph: dict[str, set[str]] = {}
    for v in var.values():
        if v.kind in ("aux", "flow"):
            what, fn = "equation", v.equation
        elif v.kind == "stock" and callable(v.value):
            what, fn = "initial value", v.value
        else:
            continue
        tracer = _Tracer(dummies, v.name)
        try:
            with np.errstate(all="ignore"):
                result = fn(tracer)
        except DeclarationError:
            raise
        except Exception as exc:  # the modeler's equation failed on placeholder values
            raise DeclarationError(_failure_message(what, v, exc, n_trace)) from exc
        _check_shape(v.name, result, (n_trace, *model.shape(v.dims)), v.dims)
        if v.kind != "stock":
            graph[v.name] = {n for n in tracer.read if n in var and var[n].kind in ("aux", "flow")}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        cycle = exc.args[1]
        raise DeclarationError("cycle among auxiliaries: " + " -> ".join(cycle)) from None
    check_units(model)  # a flow has its stocks' units per month (stockflow.units)
    return CompiledModel(model, order, track_flows)


def _trace_members(model: Model) -> int:
    """A member count, at least 2, that is no dimension's length."""
    lengths = {len(labels) for labels in model.dims.values()}
    n = 2
    while n in lengths:
        n += 1
    return n


def _failure_message(what: str, v: Variable, exc: Exception, n_trace: int) -> str:
    msg = f"{what} of {v.name!r} failed: {type(exc).__name__}: {exc}"
    if isinstance(exc, ValueError) and "broadcast" in str(exc):
        msg += (
            f" (evaluated with {n_trace} members). Every value has a leading member axis, so "
            "values of different rank must be aligned before they are combined: "
            "v.k[:, None] * v.x for a () value with an ('origin',) one, "
            "v.x[..., None] * v.y for an ('origin',) value with an ('origin', 'corridor') one."
        )
    return msg


def _check_shape(name: str, result, full: tuple[int, ...], dims: tuple[str, ...]) -> None:
    shape = np.shape(result)
    try:
        ok = np.broadcast_shapes(shape, full) == full
    except ValueError:
        ok = False
    if not ok:
        raise DeclarationError(
            f"dimension mismatch in {name!r}: evaluated with {full[0]} members, its equation "
            f"gives shape {shape}, which does not fit (members, *dims) = {full} for dims {dims}"
        )
