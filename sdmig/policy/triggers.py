"""State-triggered levers: a lever that switches on and off with the model's own numbers.

A :class:`Trigger` watches one model variable (any stock, flow or auxiliary, summed over
its dimensions), averaged over a window of days, and switches its lever on when the
average reaches ``on_above`` (held there for ``hold_on_days``) and off when it has stayed
below ``off_below`` for ``hold_off_days``. Between the two thresholds the lever keeps its
state (hysteresis). The lever's timing still applies: the trigger can act only inside the
lever's window, and the lever's weight is its timing weight times the trigger state (0 or
1).

In a scenario file::

    [[lever]]
    lever = "entry_suspension"
    label = "proclamation_2024"
    start = "2024-06-05"

    [lever.trigger]               # or one line: trigger = { variable = "...", ... }
    variable = "apprehensions"    # encounters between ports (Border Patrol)
    per = "day"
    average_days = 7
    on_above = 2500
    off_below = 1500
    hold_off_days = 14

How it runs
-----------
:func:`monitored_model` adds to a copy of the model one stock per trigger,
``trigger_<label>_average``: a first-order smooth of the variable (per day when ``per =
"day"``) with the window as its time constant, which forgets a past day as a moving
average over the window does (its mean lag is the window, that of the moving average half
of it); explicit integrators stay stable with steps up to the window (Euler) or 2.7
windows (RK4). Policy inputs can read stocks, so the trigger reads this one.

The switch itself is a :class:`Latch`: a small state machine advanced on the integrator's
clock, at every time the right-hand side is evaluated. When the integrator moves forward
by ``dt`` the latch adds ``dt`` to the timers of the conditions that hold (above
``on_above`` while off; below ``off_below`` while on) and resets the others; it switches
when a timer reaches its hold time. When the integrator evaluates an earlier time (a
rejected adaptive step, or output being recorded) the latch answers from its history, and
a new run (time 0) starts it afresh. With fixed-step integrators (``rk4``, the ensembles)
the result is deterministic; its time resolution is the step (a quarter month by
default), so hold times are met to within a step.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

import stockflow
from sdmig.errors import ScenarioError

__all__ = ["DAYS_PER_MONTH", "TRIGGER_FIELDS", "Latch", "Trigger", "monitored_model"]

#: Days in a mean month (365.25 / 12).
DAYS_PER_MONTH = 30.4375
#: Keys of a ``trigger = {...}`` table, with what each holds.
TRIGGER_FIELDS = {
    "variable": "the model variable watched (any stock, flow or auxiliary; summed over dims)",
    "per": '"month" (the variable as it is) or "day" (divided by the days in a month)',
    "average_days": "days the variable is averaged over (default 7)",
    "on_above": "switch on when the average is at or above this",
    "off_below": "switch off when the average has stayed below this (at most on_above)",
    "hold_on_days": "days the average must stay at or above on_above first (default 0)",
    "hold_off_days": "days the average must stay below off_below first (default 0)",
    "initially": '"off" (default) or "on": the state when the lever starts (the June 2024 '
    "proclamation took effect at once: the threshold was already exceeded)",
    "continues": "label of an earlier triggered lever whose state this one starts from "
    "(a rule that replaces another without a gap)",
}


@dataclass(frozen=True)
class Trigger:
    """When a lever is on: thresholds with hysteresis on an averaged model variable.

    Parameters
    ----------
    variable : str
        A stock, flow or auxiliary of the model; its values are summed over its dims.
    on_above, off_below : float
        Thresholds in the variable's units (per day with ``per = "day"``); ``off_below``
        must not exceed ``on_above``.
    per : {'month', 'day'}, default 'month'
        ``"day"`` divides the variable (a rate per month) by :data:`DAYS_PER_MONTH`.
    average_days : float, default 7
        Averaging window [days].
    hold_on_days, hold_off_days : float, default 0
        How long a condition must hold before the switch [days].
    initially : {'off', 'on'}, default 'off'
        The state when the lever's window opens: ``"on"`` for a rule that takes effect at
        once because its threshold was found exceeded (Proclamation 10773), after which
        only the off condition (and a new on condition) apply. Ignored with `continues`.
    continues : str, optional
        The label of another triggered lever of the scenario that this one replaces:
        when this lever's window opens it starts in that lever's state at that moment
        (the October 2024 final rule continued the June 2024 suspension with a stricter
        off condition), rather than off.

    Examples
    --------
    >>> Trigger("apprehensions", on_above=2500, off_below=1500, per="day").describe()
    'apprehensions per day, 7-day average: on at >= 2500, off below 1500'
    """

    variable: str
    on_above: float
    off_below: float
    per: str = "month"
    average_days: float = 7.0
    hold_on_days: float = 0.0
    hold_off_days: float = 0.0
    initially: str = "off"
    continues: str | None = None

    def __post_init__(self):
        if self.initially not in ("off", "on"):
            raise ScenarioError(
                f"trigger initially = {self.initially!r} is not allowed; allowed 'off', 'on'"
            )
        if self.continues is not None and (
            not isinstance(self.continues, str) or not self.continues
        ):
            raise ScenarioError(
                f"trigger continues = {self.continues!r} must be the label of a lever"
            )
        if not isinstance(self.variable, str) or not self.variable.isidentifier():
            raise ScenarioError(f"trigger variable = {self.variable!r} must be a variable name")
        if self.per not in ("month", "day"):
            raise ScenarioError(
                f"trigger per = {self.per!r} is not allowed; allowed 'month', 'day'"
            )
        for name in ("on_above", "off_below", "average_days", "hold_on_days", "hold_off_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ScenarioError(f"trigger {name} = {value!r} must be a number")
            if not math.isfinite(value) or (
                name != "on_above" and name != "off_below" and value < 0
            ):
                raise ScenarioError(f"trigger {name} = {value!r} must be a finite number >= 0")
            object.__setattr__(self, name, float(value))
        if self.average_days <= 0:
            raise ScenarioError("trigger average_days must be more than 0")
        if self.off_below > self.on_above:
            raise ScenarioError(
                f"trigger off_below = {self.off_below:g} is above on_above = {self.on_above:g}; "
                "the lever would switch off while it should be on"
            )

    @classmethod
    def from_table(cls, table: Any, where: str) -> Trigger:
        """A trigger from a ``trigger = {...}`` table; errors name `where` and the key."""
        if not isinstance(table, Mapping):
            raise ScenarioError(
                f"{where}: trigger = {table!r} must be a table, e.g. trigger = {{ variable = "
                '"apprehensions", per = "day", on_above = 2500, off_below = 1500 }'
            )
        unknown = [k for k in table if k not in TRIGGER_FIELDS]
        if unknown:
            raise ScenarioError(
                f"{where}: unknown trigger field {unknown[0]!r}; allowed: "
                f"{', '.join(TRIGGER_FIELDS)}"
            )
        missing = [k for k in ("variable", "on_above", "off_below") if k not in table]
        if missing:
            raise ScenarioError(
                f"{where}: trigger needs {missing[0]!r} ({TRIGGER_FIELDS[missing[0]]})"
            )
        try:
            return cls(**dict(table))
        except ScenarioError as err:
            raise ScenarioError(f"{where}: {err}") from None

    def to_table(self) -> dict[str, Any]:
        """The trigger as a TOML table (the inverse of :meth:`from_table`).

        Returns
        -------
        dict of str to object
            Keys of :data:`TRIGGER_FIELDS`; optional ones only when not at their default.

        Examples
        --------
        >>> Trigger("apprehensions", on_above=100, off_below=50).to_table()
        {'variable': 'apprehensions', 'average_days': 7.0, 'on_above': 100.0, 'off_below': 50.0}
        """
        out: dict[str, Any] = {"variable": self.variable}
        if self.per != "month":
            out["per"] = self.per
        out.update(average_days=self.average_days, on_above=self.on_above)
        out["off_below"] = self.off_below
        if self.hold_on_days:
            out["hold_on_days"] = self.hold_on_days
        if self.hold_off_days:
            out["hold_off_days"] = self.hold_off_days
        if self.initially != "off":
            out["initially"] = self.initially
        if self.continues:
            out["continues"] = self.continues
        return out

    def describe(self) -> str:
        """One line: ``apprehensions per day, 7-day average: on at >= 2500, off below 1500``.

        Returns
        -------
        str

        Examples
        --------
        >>> Trigger("encounters", on_above=9, off_below=5, hold_off_days=14).describe()
        'encounters, 7-day average: on at >= 9, off below 5 for 14 days'
        """
        per = " per day" if self.per == "day" else ""
        text = (
            f"{self.variable}{per}, {self.average_days:g}-day average: on at >= {self.on_above:g}"
        )
        if self.hold_on_days:
            text += f" for {self.hold_on_days:g} days"
        text += f", off below {self.off_below:g}"
        if self.hold_off_days:
            text += f" for {self.hold_off_days:g} days"
        if self.initially == "on":
            text += ", on at its start"
        if self.continues:
            text += f", continuing {self.continues}"
        return text

    def stock_name(self, label: str) -> str:
        """The model stock holding the averaged variable for the lever labelled `label`.

        Parameters
        ----------
        label : str
            Label of the lever in its scenario.

        Returns
        -------
        str
            ``trigger_<label>_average``, with characters other than letters and digits
            replaced by ``_``.

        Examples
        --------
        >>> Trigger("apprehensions", on_above=2, off_below=1).stock_name("proclamation 2024")
        'trigger_proclamation_2024_average'
        """
        safe = "".join(c if c.isalnum() else "_" for c in label)
        return f"trigger_{safe}_average"


def monitored_model(model: Any, triggers: Mapping[str, Trigger]) -> Any:
    """A copy of the stockflow `model` with the averaging stock of each trigger.

    Parameters
    ----------
    model : stockflow.Model
        Read, never changed.
    triggers : mapping of str to Trigger
        ``{lever label: trigger}``.

    Returns
    -------
    stockflow.Model
        A deep copy with, per trigger, a smooth stock named by
        :meth:`Trigger.stock_name`.

    Raises
    ------
    ScenarioError
        A trigger watches a variable the model does not have, or a parameter or input.

    Examples
    --------
    >>> import stockflow
    >>> m = stockflow.Model("m", start="2020-01")
    >>> _ = m.stock("waiting", 3000.0, units="people")
    >>> watched = monitored_model(m, {"rule": Trigger("waiting", on_above=2500, off_below=1500)})
    >>> "trigger_rule_average" in watched.variables, "trigger_rule_average" in m.variables
    (True, False)
    """
    out = copy.deepcopy(model)
    outputs = [n for n, v in model.variables.items() if v.kind in ("stock", "flow", "aux")]
    for label, trig in triggers.items():
        var = model.variables.get(trig.variable)
        if var is None or var.kind not in ("stock", "flow", "aux") or var.internal:
            import difflib

            close = difflib.get_close_matches(trig.variable, outputs, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ScenarioError(
                f"lever {label!r}: trigger variable {trig.variable!r} is not a stock, flow or "
                f"auxiliary of model {model.name!r}.{hint} e.g. apprehensions, encounters, "
                "crossings, waiting_by_corridor"
            )
        scale = 1.0 / DAYS_PER_MONTH if trig.per == "day" else 1.0

        axes = tuple(range(1, len(var.dims) + 1))  # after the leading member axis

        def total(v, name=trig.variable, scale=scale, axes=axes):
            x = getattr(v, name)
            return (x.sum(axis=axes) if axes else x) * scale

        units = var.units + ("*month/day" if trig.per == "day" else "")
        out.smooth(
            trig.stock_name(label),
            total,
            trig.average_days / DAYS_PER_MONTH,
            units=units if var.units not in ("", "1") else "1",
            long_name=f"{trig.describe()} (trigger of lever {label})",
        )
    return out


class Latch(stockflow.Latch):
    """The on/off state of one trigger, advanced on the integrator's clock.

    A :class:`stockflow.Latch` on the trigger's averaging stock, with the trigger's
    thresholds and hold times (in months). Call it with ``(t, v)`` as a policy input is
    called; it returns 0 or 1 per member (shape ``(n_members,)``). See the module
    docstring for how time moving backwards and new runs are handled; the compiled kernel
    of stockflow carries its state in the generated code.

    Parameters
    ----------
    trigger : Trigger
        Thresholds and hold times.
    stock : str
        The averaging stock the latch reads from ``v`` (see :func:`monitored_model`).
    window : (float, float)
        ``(first, stop)`` model months in which the lever's timing lets it act; outside
        it the state is 0.
    previous : Latch, optional
        The latch of the lever this one continues (``Trigger.continues``): its state just
        before `window` opens is this one's starting state.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> latch = Latch(Trigger("apprehensions", on_above=100, off_below=50), "avg",
    ...               window=(0.0, float("inf")))
    >>> [latch(t, SimpleNamespace(avg=np.array([x]))).tolist()
    ...  for t, x in [(0, 80), (1, 120), (2, 90), (3, 40)]]
    [[0.0], [1.0], [1.0], [0.0]]
    >>> latch.state_at([0.5, 1.5, 3.0]).tolist()
    [[0.0], [1.0], [0.0]]
    >>> latch.switches()
    [(1.0, 0, 'on'), (3.0, 0, 'off')]
    """

    def __init__(
        self,
        trigger: Trigger,
        stock: str,
        window: tuple[float, float],
        previous: Latch | None = None,
    ):
        self.trigger = trigger
        self.stock = stock
        super().__init__(
            _StockSignal(stock),
            trigger.on_above,
            trigger.off_below,
            hold_on=trigger.hold_on_days / DAYS_PER_MONTH,
            hold_off=trigger.hold_off_days / DAYS_PER_MONTH,
            initially=trigger.initially == "on",
            window=window,
            previous=previous,
        )

    def _not_run(self) -> Exception:
        return ScenarioError("the trigger has not run yet")


@dataclass(frozen=True)
class _StockSignal:
    """A latch's signal: one stock of the model's values, one number per member."""

    stock: str

    def __call__(self, t: Any, v: Any) -> Any:
        return getattr(v, self.stock)


def switch_month(start: Any, t: float) -> str:
    """The calendar month (``YYYY-MM``) of model time `t` [months from `start`]."""
    return str(pd.Period(start, freq="M") + int(math.floor(t + 1e-9)))
