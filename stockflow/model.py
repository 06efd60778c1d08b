"""Declaring a stock-and-flow model.

A :class:`Model` is a list of declarations: dimensions, stocks, flows, auxiliaries,
parameters, policy inputs, lookups, dated series and the builtins (first-order smooth,
DELAY1, DELAY3). Equations are Python callables ``f(v)`` over NumPy arrays, where ``v``
gives every declared variable as an attribute (``v.population``, ``v.birth_rate``) and the
model time as ``v.t`` [months]. Nothing is parsed or evaluated from text.

Array layout
------------
Inside equations every value has a leading *member* axis followed by the variable's
dimensions in the model's dimension order: a variable with dims ``("origin", "corridor")``
is an array of shape ``(n_members, 3, 4)``; parameters that do not vary across members
have a member axis of length 1. NumPy broadcasting aligns trailing axes, so values of
different rank must be aligned by hand before they are combined:

- a scalar with an ``origin`` variable: ``v.k[:, None] * v.x``;
- an ``origin`` variable with an ``(origin, corridor)`` one: ``v.x[..., None] * v.y``;
- a sum over the corridors: ``v.y.sum(axis=-1)``.

Without the alignment, a run with several members would broadcast the member axis against
a dimension; the compiler evaluates each equation with a number of members that is no
dimension's length, so such an equation is reported when the model is compiled.

An equation must read the same variables whatever the values are (as in Vensim): the
dependencies are found by calling each equation once with placeholder arrays when the
model is compiled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from stockflow.calendar import DateLike, months_since, to_period
from stockflow.errors import DeclarationError

Equation = Callable[[Any], Any]

KINDS = ("stock", "flow", "aux", "param", "input", "series")


@dataclass(frozen=True)
class Variable:
    """One declared model variable.

    Built by the declaration methods of :class:`Model` (:meth:`Model.stock`,
    :meth:`Model.flow`, ...), which check the fields; read from ``Model.variables``.

    Parameters
    ----------
    name, kind : str
        Identifier, and one of ``KINDS``.
    dims : tuple of str
        Dimension names, in the model's dimension order.
    units, long_name : str
        Carried into the output Dataset's attrs.
    equation : callable or None
        ``f(v)`` for flows and auxiliaries.
    value : ndarray or callable or None
        Initial value of a stock (array, or ``f(v)`` over parameters), default of a
        parameter or input.
    source, target : str or None
        Stock a flow drains and stock it fills (``None``: the model boundary).
    nonnegative : bool
        For stocks: outflows are limited so that the stock never goes below zero.
    bounds : (float, float)
        For parameters: the allowed range (used by calibration and validation).
    series : (ndarray, ndarray, str) or None
        Times [months], values and interpolation of a dated series.
    internal : bool
        Declared by a builtin (the stages of a delay, the adjustment of a smooth), not by
        the modeler.

    Examples
    --------
    >>> m = Model("decay", start="2020-01")
    >>> _ = m.stock("x", 100.0, units="widgets")
    >>> var = m.variables["x"]
    >>> var.kind, var.dims, var.units, float(var.value)
    ('stock', (), 'widgets', 100.0)
    """

    name: str
    kind: str
    dims: tuple[str, ...] = ()
    units: str = "1"
    long_name: str = ""
    equation: Equation | None = None
    value: Any = None
    source: str | None = None
    target: str | None = None
    nonnegative: bool = True
    bounds: tuple[float, float] = (-np.inf, np.inf)
    series: tuple[np.ndarray, np.ndarray, str] | None = None
    internal: bool = False


@dataclass(frozen=True)
class Lookup:
    """A piecewise-linear table ``y(x)``, held constant beyond its first and last points.

    Declare it with :meth:`Model.lookup`, which checks the points; in equations it is
    called as ``v.name(x)``.

    Parameters
    ----------
    name : str
        Identifier of the table.
    x : ndarray, shape ``(n,)``
        Strictly increasing abscissae.
    y : ndarray, shape ``(n,)``
        Values at `x`.
    units, long_name : str
        Units and description of `y`.

    Examples
    --------
    >>> import numpy as np
    >>> table = Lookup("effect", np.array([0.0, 1.0]), np.array([1.0, 0.5]))
    >>> table(np.array([-1.0, 0.5, 2.0])).tolist()
    [1.0, 0.75, 0.5]
    """

    name: str
    x: np.ndarray
    y: np.ndarray
    units: str = "1"
    long_name: str = ""

    def __call__(self, x):
        # interpolated on the transpose: the result keeps the member axis fastest in memory
        # when `x` has it so (see compile.py), instead of coming back in C order
        return np.interp(np.asarray(x).T, self.x, self.y).T


@dataclass
class Model:
    """A stock-and-flow model under construction.

    Parameters
    ----------
    name : str
        Title of the model, written into output attrs.
    start : str or date-like or None
        Calendar month at which model time is 0 (``"2019-10"``), for models that have a
        calendar; ``None`` for a model without one (its time is a plain number, in its
        own unit: run it with :func:`stockflow.run_clock`).
    dims : mapping of str to sequence of str, optional
        Named dimensions and their labels, in the order used for every array.

    Examples
    --------
    >>> m = Model("decay", start="2020-01")
    >>> m.param("k", 0.1, units="1/month")
    'k'
    >>> m.stock("x", 100.0, units="widgets")
    'x'
    >>> m.flow("loss", lambda v: v.k * v.x, source="x", units="widgets/month")
    'loss'
    """

    name: str
    start: DateLike | None
    dims: dict[str, tuple[str, ...]] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict, init=False)
    lookups: dict[str, Lookup] = field(default_factory=dict, init=False)
    breakpoints: list[float] = field(default_factory=list, init=False)

    def __post_init__(self):
        self.start = None if self.start is None else to_period(self.start)
        self.dims = {str(k): tuple(str(x) for x in v) for k, v in dict(self.dims).items()}
        for dim, labels in self.dims.items():
            if not labels or len(set(labels)) != len(labels):
                raise DeclarationError(f"dimension {dim!r} needs distinct labels, got {labels}")

    # ----------------------------------------------------------------- helpers
    def _check_name(self, name: str) -> None:
        if not name.isidentifier() or name == "t":
            raise DeclarationError(
                f"{name!r} is not a valid variable name (a Python identifier, not 't')"
            )
        if name in self.variables or name in self.lookups:
            raise DeclarationError(f"variable {name!r} is declared twice")

    def _check_dims(self, name: str, dims: Sequence[str] | str) -> tuple[str, ...]:
        dims = (dims,) if isinstance(dims, str) else tuple(dims)
        unknown = [d for d in dims if d not in self.dims]
        if unknown:
            raise DeclarationError(
                f"variable {name!r}: unknown dimension {unknown[0]!r}; declared: {list(self.dims)}"
            )
        order = [d for d in self.dims if d in dims]
        if list(dims) != order:
            raise DeclarationError(
                f"variable {name!r}: dims {dims} must follow the model's dimension order {tuple(order)}"
            )
        return dims

    def shape(self, dims: Sequence[str]) -> tuple[int, ...]:
        """Array shape of a variable with `dims` (without the member axis).

        Parameters
        ----------
        dims : sequence of str
            Names of declared dimensions.

        Returns
        -------
        tuple of int
            The number of labels of each dimension, in the order of `dims`.

        Raises
        ------
        KeyError
            If a name in `dims` is not a declared dimension.

        Examples
        --------
        >>> m = Model("m", start=None, dims={"origin": ["a", "b", "c"], "corridor": ["w", "e"]})
        >>> m.shape(("origin", "corridor"))
        (3, 2)
        """
        return tuple(len(self.dims[d]) for d in dims)

    def _array(self, name: str, value, dims: tuple[str, ...]) -> np.ndarray:
        arr = np.asarray(value, dtype=float)
        try:
            return np.broadcast_to(arr, self.shape(dims)).copy()
        except ValueError:
            raise DeclarationError(
                f"variable {name!r}: value of shape {arr.shape} does not fit dims {dims} "
                f"of shape {self.shape(dims)}"
            ) from None

    def _add(self, var: Variable) -> str:
        self._check_name(var.name)
        self.variables[var.name] = var
        return var.name

    # ------------------------------------------------------------ declarations
    def stock(self, name, initial, *, dims=(), units="1", long_name="", nonnegative=True) -> str:
        """Declare a stock with an initial value.

        Parameters
        ----------
        name : str
            Identifier (a Python identifier other than ``t``), unique in the model.
        initial : array-like or callable
            Initial value, broadcast to the stock's dims, or ``f(v)`` computed from the
            parameters when the run starts.
        dims : str or sequence of str, default ()
            Dimensions of the stock, in the model's dimension order.
        units : str, default '1'
            Units of the stock (``"people"``).
        long_name : str, default `name`
            Description, written into the output attrs.
        nonnegative : bool, default True
            Limit the outflows so that the stock never goes below zero.

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If `name` is not a valid identifier or is already declared, a dimension is
            unknown or out of order, or `initial` does not broadcast to the dims.

        Examples
        --------
        >>> m = Model("m", start="2020-01", dims={"origin": ["a", "b"]})
        >>> m.stock("waiting", [10.0, 20.0], dims="origin", units="people")
        'waiting'
        """
        dims = self._check_dims(name, dims)
        value = initial if callable(initial) else self._array(name, initial, dims)
        return self._add(
            Variable(
                name, "stock", dims, units, long_name or name, value=value, nonnegative=nonnegative
            )
        )

    def flow(
        self, name, equation, *, source=None, target=None, dims=(), units="1", long_name=""
    ) -> str:
        """Declare a flow out of `source` and into `target` (``None``: the model boundary).

        A flow may carry more dimensions than its stocks: it is summed over the extra ones
        where it leaves or enters a stock (arrivals by origin and corridor leaving an
        in-transit stock by origin).

        Parameters
        ----------
        name : str
            Identifier, unique in the model.
        equation : callable
            ``f(v)`` giving the rate [stock units per month].
        source, target : str or None
            Stock the flow drains and stock it fills; ``None`` is the model boundary.
        dims : str or sequence of str, default ()
            Dimensions of the flow, in the model's dimension order.
        units : str, default '1'
            Units of the rate (``"people/month"``).
        long_name : str, default `name`
            Description, written into the output attrs.

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If both `source` and `target` are ``None``, or the name or dims are invalid.
            Unknown stock names are reported when the model is compiled.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.stock("x", 100.0, units="widgets")
        >>> m.flow("loss", lambda v: 0.1 * v.x, source="x", units="widgets/month")
        'loss'
        """
        dims = self._check_dims(name, dims)
        if source is None and target is None:
            raise DeclarationError(f"flow {name!r} needs a source stock, a target stock or both")
        return self._add(
            Variable(
                name, "flow", dims, units, long_name or name, equation, source=source, target=target
            )
        )

    def tally(self, name, equation, *, dims=(), units="1", long_name="") -> str:
        """Declare a rate that moves nothing but is reported as totals over each month.

        A tally is a flow with no source and no target: equations read its value at each
        instant, as they read an auxiliary's, and the integrators carry its integral beside
        the stocks, so the output holds its total over each month (like every flow), not
        its value at the month's end. Use it for what is counted rather than moved, such
        as encounters or crossing attempts. The non-negativity rule never limits a tally:
        where a fixed-step integrator limits the outflows of an emptying stock, a tally
        computed from the same quantities keeps the value its equation asks for.

        Parameters
        ----------
        name : str
            A new variable name.
        equation : callable
            ``f(v)``, the rate at each instant.
        dims : str or sequence of str, default ()
        units : str, default "1"
            A rate, such as ``"people/month"``.
        long_name : str, default `name`

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            A bad name or dims (as for every declaration).

        Examples
        --------
        >>> m = Model("queue", start="2020-01")
        >>> m.stock("q", 10.0, units="people")
        'q'
        >>> m.tally("arrivals_counted", lambda v: 2.0 + 0.0 * v.q, units="people/month")
        'arrivals_counted'
        >>> m.variables["arrivals_counted"].kind, m.variables["arrivals_counted"].target
        ('flow', None)
        """
        dims = self._check_dims(name, dims)
        return self._add(Variable(name, "flow", dims, units, long_name or name, equation))

    def aux(self, name, equation, *, dims=(), units="1", long_name="") -> str:
        """Declare an auxiliary: a value computed from others at each instant.

        Parameters
        ----------
        name : str
            Identifier, unique in the model.
        equation : callable
            ``f(v)`` giving the value from stocks, parameters, inputs and other
            auxiliaries (cycles among auxiliaries are reported when compiling).
        dims : str or sequence of str, default ()
            Dimensions of the value, in the model's dimension order.
        units : str, default '1'
        long_name : str, default `name`

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If the name is invalid or taken, or a dimension is unknown or out of order.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.stock("x", 100.0)
        >>> m.aux("half", lambda v: v.x / 2)
        'half'
        """
        dims = self._check_dims(name, dims)
        return self._add(Variable(name, "aux", dims, units, long_name or name, equation))

    def param(self, name, default, *, dims=(), units="1", long_name="", bounds=None) -> str:
        """Declare a constant parameter, overridable per run or per ensemble member.

        Parameters
        ----------
        name : str
            Identifier, unique in the model.
        default : array-like
            Value used when a run does not override it, broadcast to `dims`.
        dims : str or sequence of str, default ()
            Dimensions of the value, in the model's dimension order.
        units : str, default '1'
        long_name : str, default `name`
        bounds : (float, float), optional
            Allowed range, inclusive; default unbounded.

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If `default` lies outside `bounds` or does not fit `dims`, or the name or dims
            are invalid.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> m.param("k", 0.1, units="1/month", bounds=(0, 1))
        'k'
        >>> m.param("q", 2.0, bounds=(0, 1))
        Traceback (most recent call last):
        ...
        stockflow.errors.DeclarationError: parameter 'q': default 2.0 outside bounds [0.0, 1.0]
        """
        dims = self._check_dims(name, dims)
        lo, hi = (-np.inf, np.inf) if bounds is None else (float(bounds[0]), float(bounds[1]))
        value = self._array(name, default, dims)
        if np.any(value < lo) or np.any(value > hi):
            raise DeclarationError(
                f"parameter {name!r}: default {value} outside bounds [{lo}, {hi}]"
            )
        return self._add(
            Variable(name, "param", dims, units, long_name or name, value=value, bounds=(lo, hi))
        )

    def input(self, name, default, *, dims=(), units="1", long_name="") -> str:
        """Declare a policy input: `default` unless a run passes a callable for it.

        The callable ``f(t, v)`` may read the time, stocks and parameters (not auxiliaries
        or flows, which may themselves depend on the input).

        Parameters
        ----------
        name : str
            Identifier, unique in the model.
        default : array-like
            Value when a run gives no callable, broadcast to `dims`.
        dims : str or sequence of str, default ()
        units : str, default '1'
        long_name : str, default `name`

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If `default` does not fit `dims`, or the name or dims are invalid.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.stock("x", 0.0)
        >>> _ = m.input("rate", 1.0, units="widgets/month")
        >>> _ = m.flow("fill", lambda v: v.rate, target="x")
        >>> import stockflow
        >>> ds = stockflow.simulate(m, 2, inputs={"rate": lambda t, v: 2.0}, method="euler")
        >>> ds["x"].values.tolist()  # at the ends of January and February
        [2.0, 4.0]
        """
        dims = self._check_dims(name, dims)
        return self._add(
            Variable(
                name,
                "input",
                dims,
                units,
                long_name or name,
                value=self._array(name, default, dims),
            )
        )

    def lookup(self, name, x, y, *, units="1", long_name="") -> str:
        """Declare a piecewise-linear table, callable in equations as ``v.name(x)``.

        Parameters
        ----------
        name : str
            Identifier, unique in the model.
        x, y : array-like, shape ``(n,)``
            At least two points, `x` strictly increasing, all finite. Beyond the first and
            last point the table holds its end values.
        units : str, default '1'
            Units of `y`.
        long_name : str, default `name`

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If the points are fewer than two, not strictly increasing, not finite, or `x`
            and `y` differ in shape; or the name is invalid or taken.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> m.lookup("effect", [0, 1], [1.0, 0.5])
        'effect'
        >>> m.lookups["effect"](0.5).item()
        0.75
        """
        self._check_name(name)
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if x.ndim != 1 or x.shape != y.shape or x.size < 2 or np.any(np.diff(x) <= 0):
            raise DeclarationError(
                f"lookup {name!r}: needs at least two points with strictly increasing x "
                f"and as many y values; got x of shape {x.shape}, y of shape {y.shape}"
            )
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            raise DeclarationError(f"lookup {name!r}: x and y must be finite; got x={x}, y={y}")
        self.lookups[name] = Lookup(name, x, y, units, long_name or name)
        return name

    def series(
        self, name, times, values, *, dims=(), units="1", long_name="", interpolation="linear"
    ) -> str:
        """Declare a dated input series.

        Parameters
        ----------
        times : sequence of date-like or float
            Dates (``"2020-03-21"``, periods, timestamps) or model times [months],
            strictly increasing.
        values : array-like, shape ``(len(times), *dims)``
        interpolation : {'linear', 'step'}
            ``'step'`` holds each value until the next date. Either way the value is held
            constant before the first and after the last date, and every date is a
            breakpoint of the integration.
        name, dims, units, long_name
            As for :meth:`param`.

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If the times are not strictly increasing, their number differs from the
            values', a value is not finite, `interpolation` is unknown, dates are given to a
            model without a calendar, or the name or dims are invalid.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> m.series("price", ["2020-01", "2020-03"], [1.0, 3.0], interpolation="step")
        'price'
        >>> m.breakpoints
        [0.0, 2.0]
        """
        dims = self._check_dims(name, dims)
        if interpolation not in ("linear", "step"):
            raise DeclarationError(f"series {name!r}: interpolation must be 'linear' or 'step'")
        self._check_name(name)
        tt = np.array([self._time(x) for x in times], dtype=float)
        vals = np.atleast_1d(np.asarray(values, dtype=float))
        if tt.ndim != 1 or tt.size == 0 or np.any(np.diff(tt) <= 0):
            raise DeclarationError(f"series {name!r}: times must be strictly increasing")
        if vals.shape[:1] != tt.shape:
            raise DeclarationError(f"series {name!r}: {tt.size} times but {vals.shape[0]} values")
        if not np.all(np.isfinite(vals)):
            raise DeclarationError(f"series {name!r}: values must be finite")
        vals = np.stack([self._array(name, row, dims) for row in vals])
        self.breakpoints.extend(tt.tolist())
        return self._add(
            Variable(
                name, "series", dims, units, long_name or name, series=(tt, vals, interpolation)
            )
        )

    def add_breakpoints(self, *times) -> None:
        """Declare discontinuities (dates or model times) the integrators must not step over.

        Parameters
        ----------
        *times : date-like or float
            Dates, or model times [months].

        Raises
        ------
        DeclarationError
            If a date is given to a model without a calendar (``start=None``).

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> m.add_breakpoints("2020-07", 9.5)
        >>> m.breakpoints
        [6.0, 9.5]
        """
        self.breakpoints.extend(self._time(x) for x in times)

    def _time(self, x) -> float:
        """Model time of a date or number; dates need the model's calendar."""
        if self.start is None and not isinstance(x, int | float | np.integer | np.floating):
            raise DeclarationError(
                f"model {self.name!r} has no calendar (start=None): give times as numbers, "
                f"not {x!r}"
            )
        return months_since(self.start, x)

    # ---------------------------------------------------------------- builtins
    @staticmethod
    def _as_equation(value) -> Equation:
        if callable(value):
            return value
        if isinstance(value, str):
            return lambda v: getattr(v, value)
        const = float(value)
        return lambda v: const

    def smooth(self, name, input, time, *, dims=(), units="1", long_name="", initial=None) -> str:
        """First-order exponential smooth of `input` with time constant `time` [months].

        ``d name/dt = (input - name) / time``; starts at `initial`, or by default at the
        value of `input` at time 0 (Vensim ``SMOOTH``). `input` and `time` are variable
        names, numbers or equations; `time` may be a scalar (per member, shape ``(k,)``) or
        have the smooth's dims.

        Parameters
        ----------
        name : str
            Identifier of the smoothed value (a stock), unique in the model.
        input : str, float or callable
            Quantity to smooth: a variable name, a constant or ``f(v)``.
        time : str, float or callable
            Time constant [months].
        dims : str or sequence of str, default ()
        units : str, default '1'
            Units of `input` (and of the smooth).
        long_name : str, default ``"smoothed <input>"``
        initial : array-like or callable, optional
            Value at time 0; default: `input` at time 0.

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If the name is invalid or taken, or a dimension is unknown or out of order.

        Examples
        --------
        >>> import stockflow
        >>> m = Model("m", start="2020-01")
        >>> _ = m.input("signal", 1.0)
        >>> m.smooth("trend", "signal", 2.0, initial=0.0)
        'trend'
        >>> ds = stockflow.simulate(m, 2, method="euler", dt=1.0)
        >>> ds["trend"].values.tolist()
        [0.5, 0.75]
        """
        dims = self._check_dims(name, dims)
        f_in, f_time = self._as_equation(input), _time_constant(self._as_equation(time), dims)
        start = initial if initial is not None else (lambda v: f_in(v))
        self.stock(
            name,
            start,
            dims=dims,
            units=units,
            long_name=long_name or f"smoothed {input}",
            nonnegative=False,
        )
        self.flow(
            f"{name}__adjust",
            lambda v: (f_in(v) - getattr(v, name)) / f_time(v),
            target=name,
            dims=dims,
            units=f"{units}/month",
        )
        self._mark_internal(f"{name}__adjust")
        return name

    def delay1(
        self,
        name,
        input,
        delay,
        *,
        dims=(),
        units="1/month",
        long_name="",
        source=None,
        target=None,
    ) -> str:
        """First-order material delay: the flow `name` is `input` delayed by `delay` months.

        One stage holding ``delay * outflow``, starting in steady state with the input's
        value at time 0 (Vensim ``DELAY1``).

        Parameters
        ----------
        name, input, delay, dims, units, long_name, source, target
            As for :meth:`delay3`.

        Returns
        -------
        str
            `name`, the delayed outflow.

        Raises
        ------
        DeclarationError
            As for :meth:`delay3`.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.stock("done", 0.0)
        >>> m.delay1("arrivals", 6.0, 2.0, target="done")
        'arrivals'
        >>> sorted(n for n in m.variables if n.startswith("arrivals__"))
        ['arrivals__in', 'arrivals__stage1']
        """
        return self._delay(name, input, delay, 1, dims, units, long_name, source, target)

    def delay3(
        self,
        name,
        input,
        delay,
        *,
        dims=(),
        units="1/month",
        long_name="",
        source=None,
        target=None,
    ) -> str:
        """Third-order material delay (Vensim ``DELAY3``) of the flow `input`.

        Three stages in series, each with residence time ``delay / 3``, start in steady
        state with the input's value at time 0. `delay` [months] may be a scalar (per
        member) or have the delay's dims. The outflow ``name`` enters `target` (or
        leaves the model); the inflow leaves `source` (or comes from outside), so material
        is conserved through the delay.

        Parameters
        ----------
        name : str
            Identifier of the delayed outflow; the stages and inner flows are named
            ``<name>__stage1`` ..., ``<name>__in``, ``<name>__12`` ...
        input : str, float or callable
            The inflow [units]: a variable name, a constant or ``f(v)``.
        delay : str, float or callable
            Mean delay [months].
        dims : str or sequence of str, default ()
        units : str, default '1/month'
            Units of the flows; the stages hold `units` times a month.
        long_name : str, default `name`
        source, target : str or None
            Stock the inflow drains and stock the outflow fills (``None``: the boundary).

        Returns
        -------
        str
            `name`.

        Raises
        ------
        DeclarationError
            If a generated name is invalid or taken, or a dimension is unknown or out of
            order.

        Examples
        --------
        >>> import stockflow
        >>> m = Model("m", start="2020-01")
        >>> _ = m.stock("done", 0.0)
        >>> _ = m.delay3("arrivals", 6.0, 3.0, target="done")
        >>> ds = stockflow.simulate(m, 2, method="euler")
        >>> ds["done"].values.round(6).tolist()  # month ends: steady 6 a month
        [6.0, 12.0]
        """
        return self._delay(name, input, delay, 3, dims, units, long_name, source, target)

    def _delay(
        self,
        name,
        input,
        delay,
        order,
        dims,
        units,
        long_name,
        source,
        target,
        *,
        initial=None,
        stock_units=None,
    ) -> str:
        """A material delay of `order` stages in series; each stage starts holding
        ``initial * delay / order`` (`initial` defaults to the input: steady state).
        `stock_units` defaults to `units` times a month."""
        dims = self._check_dims(name, dims)
        f_in, f_delay = self._as_equation(input), _time_constant(self._as_equation(delay), dims)
        f_init = f_in if initial is None else self._as_equation(initial)
        if stock_units is None:
            stock_units = (
                units.removesuffix("/month") if units.endswith("/month") else f"{units}*month"
            )
        stages = [f"{name}__stage{i + 1}" for i in range(order)]
        for s in stages:
            self.stock(
                s,
                lambda v: f_init(v) * f_delay(v) / order,
                dims=dims,
                units=stock_units,
                nonnegative=False,
            )
            self._mark_internal(s)
        self.flow(f"{name}__in", f_in, source=source, target=stages[0], dims=dims, units=units)
        self._mark_internal(f"{name}__in")
        for i in range(order - 1):
            here = stages[i]
            self.flow(
                f"{name}__{i + 1}{i + 2}",
                lambda v, here=here: getattr(v, here) * order / f_delay(v),
                source=here,
                target=stages[i + 1],
                dims=dims,
                units=units,
            )
            self._mark_internal(f"{name}__{i + 1}{i + 2}")
        last = stages[-1]
        return self.flow(
            name,
            lambda v: getattr(v, last) * order / f_delay(v),
            source=last,
            target=target,
            dims=dims,
            units=units,
            long_name=long_name or name,
        )

    def _mark_internal(self, name: str) -> None:
        var = self.variables[name]
        self.variables[name] = Variable(**{**var.__dict__, "internal": True})

    # ------------------------------------------------------------------ access
    def of_kind(self, kind: str) -> list[Variable]:
        """Declared variables of one kind, in declaration order.

        Parameters
        ----------
        kind : str
            One of ``KINDS``: ``'stock'``, ``'flow'``, ``'aux'``, ``'param'``, ``'input'``,
            ``'series'`` (another string gives an empty list).

        Returns
        -------
        list of Variable

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.param("k", 0.1)
        >>> _ = m.stock("x", 1.0)
        >>> [v.name for v in m.of_kind("param")]
        ['k']
        """
        return [v for v in self.variables.values() if v.kind == kind]

    def params_default(self) -> dict[str, np.ndarray]:
        """Default value of every parameter.

        Returns
        -------
        dict of str to ndarray
            Each parameter's default, shaped like its dims.

        Examples
        --------
        >>> m = Model("m", start="2020-01")
        >>> _ = m.param("k", 0.1)
        >>> {name: value.tolist() for name, value in m.params_default().items()}
        {'k': 0.1}
        """
        return {v.name: v.value for v in self.of_kind("param")}

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.of_kind(k))} {k}s" for k in KINDS)
        return f"<stockflow.Model {self.name!r} from {self.start}: {counts}, {len(self.lookups)} lookups>"


def _time_constant(f: Equation, dims: tuple[str, ...]) -> Equation:
    """`f` with a per-member scalar result (shape ``(k,)``) aligned against `dims`.

    Smooth and delay times are usually scalars while the smoothed quantity has dims; this
    saves the modeler the ``[:, None]`` that combining them would otherwise need.
    """
    if not dims:
        return f
    pad = (1,) * len(dims)

    def aligned(v):
        x = f(v)
        return np.reshape(x, (*np.shape(x), *pad)) if np.ndim(x) == 1 else x

    return aligned


def check_mapping(name: str, value: Mapping | None) -> dict:
    """Return `value` as a dict, raising a ``TypeError`` naming the argument otherwise.

    Parameters
    ----------
    name : str
        Name of the argument, for the message.
    value : mapping or None
        The argument's value; ``None`` stands for an empty mapping.

    Returns
    -------
    dict
        A new dict with the items of `value`.

    Raises
    ------
    TypeError
        If `value` is neither ``None`` nor a mapping.

    Examples
    --------
    >>> check_mapping("params", None)
    {}
    >>> check_mapping("params", [1.0])
    Traceback (most recent call last):
    ...
    TypeError: `params` must be a mapping of variable names, got list
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"`{name}` must be a mapping of variable names, got {type(value).__name__}")
    return dict(value)
