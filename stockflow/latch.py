"""A latch: a discrete on/off state per member, advanced on the integrator's clock.

A :class:`Latch` is a policy input's building block for a rule that switches with the
model's own numbers: it watches a signal (any function of the time and the model's values,
one number per member), switches on when the signal has been at or above ``on_above`` for
``hold_on`` months and off when it has been below ``off_below`` for ``hold_off`` months, and
keeps its state in between (hysteresis). It acts only inside a window of model time; a
latch may continue another one (its state when the window opens is the other's state just
before).

Semantics (the same on the NumPy path and in the compiled kernel of
:mod:`stockflow.kernel`):

- a call at time ``t <= 0``, the first call, or a call with another number of members
  starts the latch afresh: on where the signal is at or above ``on_above`` and
  ``hold_on`` is 0, or everywhere when ``initially`` is true; off outside the window;
- a call at a later time than the last advances it by ``dt``: the timer of the condition
  that holds (above ``on_above`` while off, below ``off_below`` while on) grows by ``dt``,
  the other is reset, and the latch switches when a timer reaches its hold time (less
  ``1e-9`` months); when the window opens it takes the state of the latch it continues
  (or on, if ``initially``); outside the window it is off and its timers are 0;
- a call at the last time or earlier answers from the history.

So with fixed steps a latch advances once per Euler step, and at each RK4 stage whose time
is later than the one before. The compiled kernel carries the state (on/off, the two
timers, the history) per member in the generated code: a latch used by a policy input
does not make the run go stage by stage.

Examples
--------
>>> import numpy as np
>>> from types import SimpleNamespace
>>> latch = Latch(lambda t, v: v.level, on_above=100.0, off_below=50.0)
>>> [latch(t, SimpleNamespace(level=np.array([x]))).tolist()
...  for t, x in [(0, 80), (1, 120), (2, 90), (3, 40)]]
[[0.0], [1.0], [1.0], [0.0]]
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from stockflow.errors import DeclarationError
from stockflow.trace import is_symbolic, traced_latch, traced_probe

__all__ = ["EPS", "Latch", "Probe"]

#: Slack on the hold times [months]: a timer within this of its hold time switches.
EPS = 1e-9


class Latch:
    """A per-member on/off state with thresholds, hold times and a window.

    Call it as a policy input is called, ``latch(t, v)``: it returns 0 or 1 per member
    (shape ``(n_members,)``). See the module docstring for the rules.

    Parameters
    ----------
    signal : callable
        ``signal(t, v)``: one number per member (shape ``(k,)``, or anything that reshapes
        to it), from the model's values `v` at time `t`. Read with NumPy operations only,
        so that the compiled kernel can trace it.
    on_above, off_below : float
        Thresholds; `off_below` must not exceed `on_above`.
    hold_on, hold_off : float, default 0
        Months a condition must hold before the switch.
    initially : bool, default False
        On from the start (and when the window opens), rather than off.
    window : (float, float), default (-inf, inf)
        ``(first, stop)``: model months in which the latch can be on.
    previous : Latch, optional
        A latch this one continues: when the window opens, this latch takes its state
        just before.

    Raises
    ------
    DeclarationError
        A threshold or hold time that is not a finite number, a negative hold time,
        `off_below` above `on_above`, or a `signal` that is not callable.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> latch = Latch(lambda t, v: v.x, on_above=2.0, off_below=1.0, hold_off=1.5)
    >>> [latch(t, SimpleNamespace(x=np.array([x]))).item() for t, x in
    ...  [(0, 3.0), (1, 0.5), (2, 0.5), (3, 0.5)]]
    [1.0, 1.0, 0.0, 0.0]
    >>> latch.switches()  # below 1.0 since t = 1, counted from the evaluation before
    [(0.0, 0, 'on'), (2.0, 0, 'off')]
    """

    def __init__(
        self,
        signal: Callable[[Any, Any], Any],
        on_above: float,
        off_below: float,
        *,
        hold_on: float = 0.0,
        hold_off: float = 0.0,
        initially: bool = False,
        window: tuple[float, float] = (-math.inf, math.inf),
        previous: Latch | None = None,
    ):
        if not callable(signal):
            raise DeclarationError(f"latch `signal` must be callable, got {signal!r}")
        for name, value in (("on_above", on_above), ("off_below", off_below)):
            if isinstance(value, bool) or not isinstance(value, int | float | np.number):
                raise DeclarationError(f"latch `{name}` = {value!r} must be a number")
        for name, value in (("hold_on", hold_on), ("hold_off", hold_off)):
            if not (isinstance(value, int | float | np.number) and 0 <= value < math.inf):
                raise DeclarationError(f"latch `{name}` = {value!r} must be a number >= 0")
        if off_below > on_above:
            raise DeclarationError(
                f"latch `off_below` = {off_below:g} is above `on_above` = {on_above:g}"
            )
        if previous is not None and not isinstance(previous, Latch):
            raise DeclarationError(f"latch `previous` must be a Latch, got {previous!r}")
        self.signal = signal
        self.on_above, self.off_below = float(on_above), float(off_below)
        self.hold_on, self.hold_off = float(hold_on), float(hold_off)
        self.initially = bool(initially)
        self.window = (float(window[0]), float(window[1]))
        self.previous = previous
        self.times: list[float] = []
        self.states: list[np.ndarray] = []
        self._timer_on: np.ndarray | None = None
        self._timer_off: np.ndarray | None = None

    # ------------------------------------------------------------------- running
    def _reset(self, t: float, x: np.ndarray) -> None:
        inside = self.window[0] <= t < self.window[1]
        active = (x >= self.on_above) & (self.hold_on == 0) | self.initially
        active = active & inside
        self.times, self.states = [t], [active.astype(float)]
        self._timer_on = np.zeros_like(x, dtype=float)
        self._timer_off = np.zeros_like(x, dtype=float)

    def _advance(self, t: float, x: np.ndarray) -> None:
        dt = t - self.times[-1]
        active = self.states[-1] > 0.5
        above = (x >= self.on_above) & ~active
        below = (x < self.off_below) & active
        self._timer_on = np.where(above, self._timer_on + dt, 0.0)
        self._timer_off = np.where(below, self._timer_off + dt, 0.0)
        turn_on = above & (self._timer_on >= self.hold_on - EPS)
        turn_off = below & (self._timer_off >= self.hold_off - EPS)
        active = (active | turn_on) & ~turn_off
        inside = self.window[0] <= t < self.window[1]
        if inside and not self.window[0] <= self.times[-1] < self.window[1]:  # it opens
            if self.previous is not None and self.previous.times:
                before = np.nextafter(self.window[0], -np.inf)
                active = self.previous.state_at([before])[0] > 0.5
            elif self.initially:
                active = np.ones_like(active)
        active = active & inside
        if not inside:
            self._timer_on = np.zeros_like(self._timer_on)
            self._timer_off = np.zeros_like(self._timer_off)
        self.times.append(t)
        self.states.append(active.astype(float))

    def __call__(self, t: Any, v: Any) -> Any:
        if is_symbolic(t):  # traced into the compiled kernel
            return traced_latch(self, t, v)
        x = np.asarray(self.signal(t, v), dtype=float).reshape(-1)
        t = float(t)
        if not self.times or t <= 0.0 or self.states[0].shape != x.shape:
            self._reset(t, x)
        elif t > self.times[-1]:
            self._advance(t, x)
        else:
            i = bisect.bisect_right(self.times, t) - 1
            return self.states[max(i, 0)]
        return self.states[-1]

    # ----------------------------------------------------------------- the state
    def state(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The present state per member: on/off and the two timers (copies).

        Returns
        -------
        (numpy.ndarray, numpy.ndarray, numpy.ndarray) or None
            ``(on, timer_on, timer_off)``, each of shape ``(n_members,)``; None before
            the first call.

        Examples
        --------
        >>> import numpy as np
        >>> from types import SimpleNamespace
        >>> latch = Latch(lambda t, v: v.x, on_above=2.0, off_below=1.0, hold_on=5.0)
        >>> _ = latch(0.0, SimpleNamespace(x=np.array([3.0])))
        >>> _ = latch(0.5, SimpleNamespace(x=np.array([3.0])))
        >>> [a.tolist() for a in latch.state()]
        [[0.0], [0.5], [0.0]]
        """
        if not self.times:
            return None
        return (self.states[-1].copy(), self._timer_on.copy(), self._timer_off.copy())

    def set_state(self, t: float, on: Any, timer_on: Any, timer_off: Any) -> None:
        """Start the latch at model time `t` in a given state; it advances from there.

        The history before `t` is forgotten.

        Parameters
        ----------
        t : float
            Model time [months] the state holds at.
        on, timer_on, timer_off : array-like
            Per member: 1 on, 0 off; months each condition has held.

        Examples
        --------
        >>> import numpy as np
        >>> from types import SimpleNamespace
        >>> latch = Latch(lambda t, v: v.x, on_above=2.0, off_below=1.0, hold_off=1.0)
        >>> latch.set_state(4.0, [1.0], [0.0], [0.75])
        >>> latch(4.25, SimpleNamespace(x=np.array([0.0]))).tolist()
        [0.0]
        """
        self.times = [float(t)]
        self.states = [np.asarray(on, dtype=float).reshape(-1).copy()]
        self._timer_on = np.asarray(timer_on, dtype=float).reshape(-1).copy()
        self._timer_off = np.asarray(timer_off, dtype=float).reshape(-1).copy()

    def state_at(self, times: Any) -> np.ndarray:
        """The state at model times `times` from the last run, shape ``(len(times), n)``.

        Parameters
        ----------
        times : iterable of float
            Model times [months].

        Returns
        -------
        numpy.ndarray
            0 or 1 per time and member: the state after the latest evaluation at or before
            each time (the first one for earlier times).

        Raises
        ------
        DeclarationError
            If the latch has not been called yet.

        Examples
        --------
        >>> import numpy as np
        >>> from types import SimpleNamespace
        >>> latch = Latch(lambda t, v: v.x, on_above=100.0, off_below=50.0)
        >>> for t, x in [(0, 80), (1, 120), (2, 90), (3, 40)]:
        ...     _ = latch(t, SimpleNamespace(x=np.array([x])))
        >>> latch.state_at([0.5, 1.5, 3.0]).tolist()
        [[0.0], [1.0], [0.0]]
        """
        if not self.times:
            raise self._not_run()
        idx = [max(bisect.bisect_right(self.times, float(t)) - 1, 0) for t in times]
        return np.stack([self.states[i] for i in idx])

    def _not_run(self) -> Exception:
        return DeclarationError("the latch has not run yet")

    def switches(self) -> list[tuple[float, int, str]]:
        """``(model time, member, "on" | "off")`` of every switch in the last run.

        Returns
        -------
        list of (float, int, str)
            Sorted by time; a latch on from the first evaluation counts as switching on
            then.

        Examples
        --------
        >>> import numpy as np
        >>> from types import SimpleNamespace
        >>> latch = Latch(lambda t, v: v.x, on_above=100.0, off_below=50.0)
        >>> for t, x in [(0, 80), (1, 120), (2, 90), (3, 40)]:
        ...     _ = latch(t, SimpleNamespace(x=np.array([x])))
        >>> latch.switches()
        [(1.0, 0, 'on'), (3.0, 0, 'off')]
        """
        out = []
        states = np.stack(self.states)
        for member in range(states.shape[1]):
            col = states[:, member]
            change = np.flatnonzero(np.diff(col) != 0) + 1
            out += [(self.times[k], member, "on" if col[k] else "off") for k in change]
            if col[0]:
                out.insert(0, (self.times[0], member, "on"))
        return sorted(out)


class Probe:
    """A log of a per-member value at each evaluation where the time moves forward.

    A policy input calls ``probe(t, value)`` to note a value of the run that is not part of
    the model (what a state-aware lever disbursed, for its cost). On the NumPy path
    `callback` is called at each call; in the compiled kernel the generated code keeps
    the value at each evaluation that starts afresh (time 0) or is later than the one
    before, and calls `callback` with them in order after the run. So `callback` must
    ignore a call at a time not later than its last (other than 0, which starts afresh),
    as a log of the run does.

    Parameters
    ----------
    callback : callable
        ``callback(t, value)``: `t` a float [months], `value` one number per member
        (shape ``(n_members,)``) or a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> seen = []
    >>> probe = Probe(lambda t, value: seen.append((t, float(np.mean(value)))))
    >>> probe(0.0, np.array([1.0, 3.0]))
    >>> seen
    [(0.0, 2.0)]
    """

    def __init__(self, callback: Callable[[float, Any], None]):
        if not callable(callback):
            raise DeclarationError(f"probe `callback` must be callable, got {callback!r}")
        self.callback = callback

    def __call__(self, t: Any, value: Any) -> None:
        if is_symbolic(t):
            traced_probe(self, t, value)
            return
        self.callback(float(t), value)
