"""Month-by-month ensemble integration whose state can be read, changed and continued.

:func:`stockflow.simulate` integrates from the start month to the end in one call.
Sequential Monte Carlo and data assimilation need to stop at each month end, look at the
state, change it (add process noise, resample members) and continue from there.
:class:`Stepper` does that with the same fixed-step integrators (``'euler'``, ``'rk4'``,
``'exp-euler'``, ``'exp-heun'``) and the same breakpoint handling as
:func:`stockflow.simulate`: advancing a state month by month without changing it gives the
same numbers as one :func:`~stockflow.simulate` call.

The state is the engine's own: an array of shape ``(n_state, k)``, one column per member
(see :mod:`stockflow.compile`). :meth:`Stepper.stock` gives a writable ``(k, *dims)`` view
of one stock in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from stockflow.compile import CompiledModel, compile_model
from stockflow.errors import DeclarationError
from stockflow.integrate import (
    FIXED_STEP,
    _fixed_step,
    _parameters,
    _segment_points,
    initial_state,
)
from stockflow.kernel import use_kernel
from stockflow.model import Model, check_mapping


class _LastState:
    """Stands in for the output recorder: keeps the state at the last month end."""

    state: np.ndarray | None = None

    def record(self, i, t, y, *args) -> None:
        self.state = y.copy()


class Stepper:
    """An ensemble that can be integrated one stretch of months at a time.

    Parameters
    ----------
    model : Model or CompiledModel
    params : mapping, optional
        Parameter values, as for :func:`stockflow.simulate` (a leading axis gives each
        member its own value).
    inputs : mapping of str to callable, optional
        Policy inputs ``f(t, v)``, as for :func:`stockflow.simulate`.
    method : {'euler', 'rk4', 'exp-euler', 'exp-heun'}, default 'rk4'
        The fixed-step integrators of :func:`stockflow.simulate`.
    dt : float, default 0.25
        Largest step [months].
    breakpoints : iterable of float
        Extra discontinuity times [months].
    track : iterable of str
        Flows whose integral since time 0 the state carries (see :meth:`flow_total`).
    n_members : int, optional
        Members of the ensemble; default: the length of the parameters' member axis, or 1.
    backend : {'numpy', 'compiled', 'auto'}, default 'numpy'
        As for :func:`stockflow.simulate`: :meth:`advance` on the compiled kernel of
        :mod:`stockflow.kernel` (which checks the state for non-finite values at the last
        month only).

    Examples
    --------
    >>> m = Model("decay", start="2020-01")
    >>> _ = m.param("k", 0.1, units="1/month")
    >>> _ = m.stock("s", 100.0, units="people")
    >>> _ = m.flow("out", lambda v: v.k * v.s, source="s", units="people/month")
    >>> stepper = Stepper(m, n_members=2)
    >>> y = stepper.advance(stepper.initial(), 0, 12)
    >>> stepper.stock(y, "s").round(2).tolist()
    [30.12, 30.12]
    """

    def __init__(
        self,
        model: Model | CompiledModel,
        params: Mapping[str, Any] | None = None,
        inputs: Mapping[str, Callable] | None = None,
        *,
        method: str = "rk4",
        dt: float = 0.25,
        breakpoints: Iterable[float] = (),
        track: Iterable[str] = (),
        n_members: int | None = None,
        backend: str = "numpy",
    ):
        cm = model if isinstance(model, CompiledModel) else compile_model(model)
        if method not in FIXED_STEP:
            raise ValueError(f"`method` must be one of {FIXED_STEP}, got {method!r}")
        if not (dt > 0):
            raise ValueError(f"`dt` must be positive, got {dt}")
        track = list(track)
        not_flows = [f for f in track if f not in cm.flow_names]
        if not_flows:
            raise DeclarationError(f"cannot track {not_flows[0]!r}: not a flow of the model")
        self.cm = cm.tracking(track)
        self.method, self.dt = method, float(dt)
        self.backend = backend if use_kernel(backend, method) else "numpy"
        self.inputs = check_mapping("inputs", inputs)
        unknown = sorted(set(self.inputs) - set(cm.input_names))
        if unknown:
            raise DeclarationError(
                f"unknown input {unknown[0]!r}; the model's inputs: {cm.input_names}"
            )
        values, n, is_ensemble = _parameters(self.cm, check_mapping("params", params))
        if n_members is not None and is_ensemble and n_members != n:
            raise DeclarationError(f"parameters have {n} members, n_members = {n_members}")
        self.n_members = int(n_members if n_members is not None else n)
        if self.n_members < 1:
            raise ValueError(f"`n_members` must be at least 1, got {n_members}")
        self._values = values
        self._member_varying = is_ensemble
        self.consts = self.cm.constants(values)
        self._breakpoints = [*self.cm.model.breakpoints, *(float(b) for b in breakpoints)]

    def initial(self) -> np.ndarray:
        """The state at time 0.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_state, n_members)``.
        """
        return initial_state(self.cm, self.consts, self.inputs, self.n_members)

    def advance(self, y: np.ndarray, start: int, stop: int) -> np.ndarray:
        """The state at the end of month `stop` from state `y` at the end of month `start`.

        Months are counted from the model's start (0 is its beginning), so ``advance(y, 0,
        1)`` integrates the first month. `y` is not changed.

        Parameters
        ----------
        y : numpy.ndarray
            State of shape ``(n_state, n_members)`` at the end of month `start`.
        start, stop : int
            Months since the model's start, ``0 <= start < stop``.

        Returns
        -------
        numpy.ndarray
            The state at the end of month `stop`, a new array.

        Raises
        ------
        IntegrationError
            The state became non-finite (names the stock and member).
        """
        if not (0 <= start < stop):
            raise ValueError(f"need 0 <= start < stop, got {start}, {stop}")
        if y.shape != (self.cm.n_state, self.n_members):
            raise ValueError(
                f"state of shape {y.shape}, expected {(self.cm.n_state, self.n_members)}"
            )
        _, grid = _segment_points(self._breakpoints, (), stop)
        grid = [g for g in grid if g >= start]
        y = np.asarray(y, dtype=float)
        if self.backend != "numpy":  # the generated kernel (stockflow.kernel)
            from stockflow.kernel import advance_stepper

            state = advance_stepper(self, y, grid, stop)
            if state is not None:
                return state
        last = _LastState()
        _fixed_step(self.cm, y, self.consts, self.inputs, grid, self.dt, self.method, last, 0, 0)
        return last.state

    def evaluate(self, y: np.ndarray, t: float, names: Iterable[str]) -> dict[str, np.ndarray]:
        """Values of variables at time `t` and state `y`.

        Parameters
        ----------
        y : numpy.ndarray
            State, shape ``(n_state, k)``.
        t : float
            Model time [months].
        names : iterable of str
            Any variables: stocks, flows (as rates), auxiliaries, inputs, parameters.

        Returns
        -------
        dict of str to numpy.ndarray
            Each of shape ``(k, *dims)`` (copies).
        """
        ns = self.cm.evaluate(float(t), y, self.consts, self.inputs, tau_min=1e-3)
        k = y.shape[1]
        return {n: np.broadcast_to(ns[n], (k, *self.cm.shapes[n])).copy() for n in names}

    def stock(self, y: np.ndarray, name: str) -> np.ndarray:
        """A writable view of one stock in a state.

        Parameters
        ----------
        y : numpy.ndarray
            State, shape ``(n_state, k)``.
        name : str
            A stock of the model.

        Returns
        -------
        numpy.ndarray
            Shape ``(k, *dims)``; writing to it changes `y`.
        """
        s = self._slot(name)
        return y[s.start : s.stop].T.reshape((y.shape[1], *s.shape), copy=False)

    def flow_total(self, y: np.ndarray, name: str) -> np.ndarray:
        """Integral of a tracked flow since time 0.

        Parameters
        ----------
        y : numpy.ndarray
            State, shape ``(n_state, k)``.
        name : str
            A flow passed in `track`.

        Returns
        -------
        numpy.ndarray
            Shape ``(k, *dims)`` (a copy).
        """
        for f, start, shape in self.cm.flow_slots:
            if f == name:
                n = int(np.prod(shape))
                return y[start : start + n].T.reshape((y.shape[1], *shape)).copy()
        raise DeclarationError(f"flow {name!r} is not tracked; pass it in `track`")

    def take(self, index: np.ndarray) -> None:
        """Reorder the members' own parameter values (after resampling their states).

        Parameters
        ----------
        index : numpy.ndarray of int
            Member ``index[i]`` becomes member ``i``.
        """
        index = np.asarray(index)
        if len(index) != self.n_members:
            raise ValueError(f"index of length {len(index)}, expected {self.n_members}")
        if not self._member_varying:
            return
        n = self.n_members
        self._values = {k: (v[index] if v.shape[0] == n else v) for k, v in self._values.items()}
        self.consts = self.cm.constants(self._values)

    def _slot(self, name: str):
        for s in self.cm.stocks:
            if s.name == name:
                return s
        raise DeclarationError(f"{name!r} is not a stock of the model")
