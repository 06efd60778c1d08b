"""The public lever API: what a policy lever is, for model users and plugin authors.

A *lever* is an immutable value (a frozen dataclass) that says how one policy changes one
or more of a model's *policy inputs* over time:

- **what**: the inputs it acts on and how, by one of three modes (:data:`MODES`):
  ``"multiply"`` the input by a factor, ``"add"`` an amount to it, or ``"set"`` it to a
  value;
- **how much**: its parameters, each declared once with units and a valid range
  (:class:`Param`), which drive validation, ``sdmig levers`` and the docs;
- **when**: a :class:`Timing`: start, ramp to full effect (linear or S-shaped), optional
  end with its own ramp-down, and a phase label; the timing also gives the integrator the
  breakpoints at which the right-hand side switches;
- **where**: optionally only some corridors or origins (``corridor=``, ``origin=``);
- **at what cost**: ``monthly_cost`` [USD/month at full effect] and a one-off
  ``setup_cost`` [USD at the start].

Levers are applied to a model through a :class:`sdmig.policy.scenario.Scenario`, whose
:meth:`~sdmig.policy.scenario.Scenario.bind` composes every lever on each input (multipliers
multiply, additions add, "set" replaces; see :mod:`sdmig.policy.binding`). Applying a lever never
changes the lever or the model.

Plugins are found through the entry-point group ``sdmig.policy.levers`` (see
:mod:`sdmig.policy.registry`); the rules a lever class must follow are listed in the docstring of
:class:`Lever`, and ``docs/writing-a-lever.md`` walks through a complete plugin.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, kw_only=True)
... class ExtraJudges(Lever):
...     '''More immigration judges hired each month.'''
...     name = "extra_judges"
...     params = {"hires": Param("judges/month", low=0, high=50, default=10)}
...     acts_on = ("additional_judge_hiring",)
...     mode = "add"
...     intensity = "hires"
>>> lever = ExtraJudges(hires=20, timing=Timing(start=6, ramp_months=4))
>>> lever.timing.weight([5, 6, 8, 10, 12]).tolist()
[0.0, 0.0, 0.5, 1.0, 1.0]
>>> lever.effect(8.0, None)
{'additional_judge_hiring': 20.0}
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
import weakref
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from sdmig.errors import LeverError
from sdmig.policy.triggers import Trigger
from stockflow import is_symbolic, months_since

__all__ = [
    "BASE_FIELDS",
    "MODES",
    "SHAPES",
    "TARGET_DIMS",
    "Lever",
    "Param",
    "Timing",
    "check_lever_class",
    "format_date",
    "format_number",
]

#: How a lever changes an input: multiply it by a factor, add to it, or set it.
MODES = ("multiply", "add", "set")
#: Ramp shapes of a :class:`Timing`.
SHAPES = ("linear", "s_curve")
#: Dimensions a lever can be targeted along (fields of :class:`Lever`).
TARGET_DIMS = ("corridor", "origin")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
# Declarations made with class attributes, never dataclass fields.
_CLASS_ATTRS = ("name", "description", "params", "acts_on", "mode", "intensity", "effects")
# Fields every lever has (declared on the base class).
BASE_FIELDS = ("timing", "corridor", "origin", "label", "monthly_cost", "setup_cost", "trigger")


# --------------------------------------------------------------------------- formatting
def format_number(x: Any) -> str:
    """A number as a reader expects it: ``20000`` not ``20000.0``, ``0.25``, ``inf``.

    Parameters
    ----------
    x : object
        A number; anything else (a string, a bool) is shown by its ``repr``.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(20000.0), format_number(0.25), format_number(float("-inf"))
    ('20000', '0.25', '-inf')
    """
    if isinstance(x, bool | str) or not isinstance(x, int | float | np.integer | np.floating):
        return repr(x)
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def format_date(x: Any) -> str:
    """A timing date: ``2026-07`` (first of a month), ``2026-07-15``, or ``t=5.5`` months.

    Parameters
    ----------
    x : pandas.Timestamp or float
        A date as :class:`Timing` holds it, or a model time [months]; anything else is
        shown by ``str``.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> format_date(pd.Timestamp("2026-07-01")), format_date(pd.Timestamp("2026-07-15"))
    ('2026-07', '2026-07-15')
    >>> format_date(5.5)
    't=5.5'
    """
    if isinstance(x, pd.Timestamp):
        if x.day == 1 and x == x.normalize():
            return x.strftime("%Y-%m")
        if x == x.normalize():
            return x.strftime("%Y-%m-%d")
        return x.isoformat()
    if isinstance(x, float | int):
        return f"t={format_number(x)}"
    return str(x)


def _units_suffix(units: str) -> str:
    return "" if units in ("", "1") else f" {units}"


# ---------------------------------------------------------------------------- Param
@dataclass(frozen=True)
class Param:
    """Declaration of one numeric lever parameter.

    Parameters
    ----------
    units : str
        Units of the value (``"people/month"``, ``"1"`` for a pure number).
    low, high : float, default -inf, inf
        Valid range, inclusive.
    default : float or None, default None
        Value used when a scenario does not give one; ``None`` makes the parameter
        required.
    doc : str
        One line for ``sdmig levers show`` and the docs.

    Examples
    --------
    >>> Param("people/month", low=0, high=20_000).check("capacity", -500)
    Traceback (most recent call last):
    ...
    sdmig.errors.LeverError: capacity = -500 is out of range; allowed 0 to 20000 people/month
    """

    units: str
    _: KW_ONLY
    low: float = -math.inf
    high: float = math.inf
    default: float | None = None
    doc: str = ""

    def __post_init__(self):
        if not isinstance(self.units, str):
            raise LeverError(f"`units` must be a string, got {self.units!r}")
        if not float(self.low) <= float(self.high):
            raise LeverError(f"`low` = {self.low} is above `high` = {self.high}")
        if self.default is not None:
            self.check("default", self.default)

    def allowed(self) -> str:
        """The valid range in words: ``"0 to 20000 people/month"``.

        Returns
        -------
        str

        Examples
        --------
        >>> Param("USD", low=0).allowed()
        '0 or more USD'
        """
        lo, hi, u = self.low, self.high, _units_suffix(self.units)
        if math.isinf(lo) and math.isinf(hi):
            return f"any number{u}"
        if math.isinf(hi):
            return f"{format_number(lo)} or more{u}"
        if math.isinf(lo):
            return f"{format_number(hi)} or less{u}"
        return f"{format_number(lo)} to {format_number(hi)}{u}"

    def check(self, name: str, value: Any) -> float:
        """Return `value` as a float, or raise :class:`LeverError` saying what is allowed.

        Parameters
        ----------
        name : str
            Name of the parameter, for the message.
        value : object
            The value given.

        Returns
        -------
        float

        Raises
        ------
        LeverError
            If `value` is not a number (a bool is not), is NaN, or lies outside
            ``[low, high]``.

        Examples
        --------
        >>> Param("1", low=0, high=1).check("share", 1)
        1.0
        >>> Param("1", low=0, high=1).check("share", "half")
        Traceback (most recent call last):
        ...
        sdmig.errors.LeverError: share = 'half' has the wrong type (str); expected a number, 0 to 1
        """
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise LeverError(
                f"{name} = {value!r} has the wrong type ({type(value).__name__}); "
                f"expected a number, {self.allowed()}"
            )
        x = float(value)
        if math.isnan(x) or not self.low <= x <= self.high:
            raise LeverError(
                f"{name} = {format_number(value)} is out of range; allowed {self.allowed()}"
            )
        return x

    def describe(self) -> str:
        """``[people/month] 0 to 20000, default 1000``: units, range and default.

        Returns
        -------
        str
            Ends in ``required`` when the parameter has no default.

        Examples
        --------
        >>> Param("people/month", low=0, high=20000, default=1000).describe()
        '[people/month] 0 to 20000, default 1000'
        """
        rng = self.allowed().removesuffix(_units_suffix(self.units))
        text = f"[{self.units}] {rng}"
        return text + (
            ", required" if self.default is None else f", default {format_number(self.default)}"
        )


# --------------------------------------------------------------------------- Timing
def _as_time(field: str, value: Any) -> float | pd.Timestamp | None:
    """A date (as a Timestamp) or a model time [months] (as a float)."""
    if value is None:
        return None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int | float | np.integer | np.floating):
        if math.isfinite(float(value)):
            return float(value)
    elif isinstance(value, pd.Timestamp):
        return value
    elif isinstance(value, pd.Period):
        return value.start_time
    elif isinstance(value, datetime.date | np.datetime64):
        return pd.Timestamp(value)
    elif isinstance(value, str) and _DATE.match(value):
        try:
            return pd.Timestamp(value)
        except ValueError:
            pass
    raise LeverError(
        f"{field} = {value!r} is not a date; use 'YYYY-MM' or 'YYYY-MM-DD' "
        "(or a model time in months, as a number)"
    )


def _ramp(x: np.ndarray, shape: str) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x if shape == "linear" else x * x * (3.0 - 2.0 * x)


@dataclass(frozen=True, kw_only=True)
class Timing:
    """When a lever acts: start, ramp to full effect, optional end and ramp-down, phase.

    Parameters
    ----------
    start : date-like or float
        When the lever starts to act: a date (``"2026-07"`` is 2026-07-01 00:00,
        ``"2026-07-15"``, a ``datetime.date``, a pandas Timestamp or Period) or a model
        time [months].
    ramp_months : float, default 0
        Months from `start` to full effect; 0 means a step change.
    shape : {'linear', 's_curve'}, default 'linear'
        Ramp shape. ``'s_curve'`` is the smoothstep ``3x^2 - 2x^3`` of the fraction ``x``
        of the ramp elapsed: slow, fast, slow, with the same midpoint as the line.
    end : date-like or float, optional
        When the ramp-down starts (``None``: the lever never ends). Dates and model times
        cannot be mixed with `start`.
    ramp_down_months : float, default 0
        Months from `end` to no effect; needs an `end`.
    phase : str, optional
        A label grouping levers of a phased strategy (``"phase 1"``).

    Notes
    -----
    ``weight(t) = min(up(t), down(t))`` with ``up = ramp((t - start) / ramp_months)`` (a
    step at `start` when the ramp is 0) and ``down = 1 - ramp((t - end) /
    ramp_down_months)``. The weight is 0 before `start`, 1 at full effect, and 0 again
    from ``end + ramp_down_months`` on; it is continuous except at a zero-length ramp.

    Member-varying timings: :meth:`sdmig.policy.scenario.Scenario.bind` with ``member_values``
    gives each ensemble member its own `start`, `ramp_months`, `end` or
    `ramp_down_months` (model months). Those fields then hold arrays of shape
    ``(n_members,)`` (see :attr:`n_members`); :meth:`weight` at one time returns one value
    per member, :meth:`breakpoints` lists every member's switch times, and :meth:`window`
    spans all members. Only ``bind`` makes such a timing.

    Examples
    --------
    >>> tm = Timing(start=2, ramp_months=2, end=6, ramp_down_months=2)
    >>> tm.weight([1, 2, 3, 4, 6, 7, 8]).tolist()
    [0.0, 0.0, 0.5, 1.0, 1.0, 0.5, 0.0]
    >>> tm.breakpoints()
    (2.0, 4.0, 6.0, 8.0)
    >>> Timing(start="2026-07", ramp_months=6).in_months("2026-01").start
    6.0
    """

    start: Any
    ramp_months: float = 0.0
    shape: str = "linear"
    end: Any = None
    ramp_down_months: float = 0.0
    phase: str | None = None

    def __post_init__(self):
        start = _as_time("start", self.start)
        end = _as_time("end", self.end)
        if start is None:
            raise LeverError("start is required: the date (or model month) the lever starts")
        if end is not None and isinstance(start, float) != isinstance(end, float):
            raise LeverError(
                f"start = {format_date(start)} and end = {format_date(end)} mix a date and a "
                "model time; give both as dates or both as model months"
            )
        if end is not None and end < start:
            raise LeverError(
                f"end = {format_date(end)} is before start = {format_date(start)}; "
                "the end must be at or after the start"
            )
        months = Param("months", low=0)
        ramp = months.check("ramp_months", self.ramp_months)
        ramp_down = months.check("ramp_down_months", self.ramp_down_months)
        if ramp_down > 0 and end is None:
            raise LeverError(
                f"ramp_down_months = {format_number(ramp_down)} needs an end; give an end "
                "date or leave the ramp-down out"
            )
        if self.shape not in SHAPES:
            raise LeverError(
                f"shape = {self.shape!r} is not allowed; allowed {' or '.join(map(repr, SHAPES))}"
            )
        if self.phase is not None and not isinstance(self.phase, str):
            raise LeverError(f"phase = {self.phase!r} has the wrong type; expected a string")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "ramp_months", ramp)
        object.__setattr__(self, "ramp_down_months", ramp_down)

    # ----------------------------------------------------------------- conversions
    @property
    def n_members(self) -> int | None:
        """Number of members of a member-varying timing (see Notes), else None."""
        for value in (self.start, self.ramp_months, self.end, self.ramp_down_months):
            if isinstance(value, np.ndarray):
                return len(value)
        return None

    @property
    def is_dated(self) -> bool:
        """True when `start` (and `end`) are dates, False when they are model months."""
        return isinstance(self.start, pd.Timestamp)

    def in_months(self, origin: Any) -> Timing:
        """The same timing with dates turned into model months.

        Parameters
        ----------
        origin : date-like
            The model's start month (model time 0).

        Returns
        -------
        Timing
            A copy with `start` and `end` in model months; a timing already in months is
            returned unchanged.

        Examples
        --------
        >>> Timing(start="2026-07", end="2027-01").in_months("2026-01")
        Timing(start=6.0, ramp_months=0.0, shape='linear', end=12.0, ramp_down_months=0.0, phase=None)
        """
        if not self.is_dated:
            return self
        end = None if self.end is None else months_since(origin, self.end)
        return dataclasses.replace(self, start=months_since(origin, self.start), end=end)

    def _months(self, origin: Any, what: str) -> Timing:
        if not self.is_dated:
            return self
        if origin is None:
            raise LeverError(
                f"`Timing.{what}` needs model months: this timing starts at "
                f"{format_date(self.start)}; pass `origin=` (the model's start month) or use "
                "`timing.in_months(model.start)`"
            )
        return self.in_months(origin)

    # ----------------------------------------------------------------- evaluation
    def weight(self, t: Any, origin: Any = None) -> np.ndarray:
        """Fraction of full effect at model times `t` [months], vectorized: in [0, 1].

        Parameters
        ----------
        t : float or array-like
            Model times [months].
        origin : date-like, optional
            The model's start month; needed only when the timing is dated.

        Returns
        -------
        ndarray or numpy.float64
            Shaped like `t`; for a member-varying timing, one value per member.

        Raises
        ------
        LeverError
            If the timing is dated and `origin` is not given.

        Examples
        --------
        >>> Timing(start="2026-07", ramp_months=2).weight([6, 7, 8], origin="2026-01").tolist()
        [0.0, 0.5, 1.0]
        """
        tm = self._months(origin, "weight")
        if tm.n_members is not None:
            with np.errstate(over="ignore", divide="ignore"):
                return tm._member_weight(np.asarray(t, dtype=float))
        if is_symbolic(t):  # traced by stockflow's compiled kernel
            return tm._weight(t)
        if isinstance(t, float | int) and not isinstance(t, bool):
            return np.float64(tm._scalar_weight(float(t)))  # the integrator's hot path
        t = np.asarray(t, dtype=float)
        with np.errstate(over="ignore", divide="ignore"):
            return tm._weight(t)

    def _scalar_weight(self, t: float) -> float:
        """:meth:`weight` for one time, in plain floats (same arithmetic, no arrays)."""

        def ramp(x: float) -> float:
            x = min(max(x, 0.0), 1.0)
            return x if self.shape == "linear" else x * x * (3.0 - 2.0 * x)

        if self.ramp_months > 0:
            up = ramp((t - self.start) / self.ramp_months)
        else:
            up = 1.0 if t >= self.start else 0.0
        if self.end is None:
            return up
        if self.ramp_down_months > 0:
            down = 1.0 - ramp((t - self.end) / self.ramp_down_months)
        else:
            down = 1.0 if t < self.end else 0.0
        return min(up, down)

    def _weight(self, t: np.ndarray) -> np.ndarray:
        tm = self
        if tm.ramp_months > 0:
            up = _ramp((t - tm.start) / tm.ramp_months, tm.shape)
        else:
            up = (t >= tm.start).astype(float)
        if tm.end is None:
            return up
        if tm.ramp_down_months > 0:
            down = 1.0 - _ramp((t - tm.end) / tm.ramp_down_months, tm.shape)
        else:
            down = (t < tm.end).astype(float)
        return np.minimum(up, down)

    def _member_weight(self, t: np.ndarray) -> np.ndarray:
        """:meth:`weight` of a member-varying timing at time `t`: shape ``(n_members,)``.

        The arithmetic of :meth:`_scalar_weight` member by member, so that a member whose
        values equal a scalar timing's gets the same weight to the last bit.
        """
        start = np.asarray(self.start, dtype=float)
        ramp = np.asarray(self.ramp_months, dtype=float)
        up = np.where(
            ramp > 0,
            _ramp((t - start) / np.where(ramp > 0, ramp, 1.0), self.shape),
            (t >= start).astype(float),
        )
        if self.end is None:
            return up
        end = np.asarray(self.end, dtype=float)
        ramp_down = np.asarray(self.ramp_down_months, dtype=float)
        down = np.where(
            ramp_down > 0,
            1.0 - _ramp((t - end) / np.where(ramp_down > 0, ramp_down, 1.0), self.shape),
            (t < end).astype(float),
        )
        return np.minimum(up, down)

    def breakpoints(self, origin: Any = None) -> tuple[float, ...]:
        """Model times [months] where the weight switches.

        The start, end of the ramp, end and end of the ramp-down (every member's, for a
        member-varying timing); the integrator splits its steps there.

        Parameters
        ----------
        origin : date-like, optional
            The model's start month; needed only when the timing is dated.

        Returns
        -------
        tuple of float
            Sorted, without repeats.

        Raises
        ------
        LeverError
            If the timing is dated and `origin` is not given.

        Examples
        --------
        >>> Timing(start="2026-07", ramp_months=6, end="2027-07").breakpoints("2026-01")
        (6.0, 12.0, 18.0)
        """
        tm = self._months(origin, "breakpoints")
        parts = [tm.start, tm.start + tm.ramp_months]
        if tm.end is not None:
            parts += [tm.end, tm.end + tm.ramp_down_months]
        return tuple(sorted({float(p) for part in parts for p in np.ravel(part)}))

    def window(self, origin: Any = None) -> tuple[float, float]:
        """``(first, stop)``: the weight can be non-zero only for ``first <= t < stop``.

        For a member-varying timing: from the earliest start to the latest stop.

        Parameters
        ----------
        origin : date-like, optional
            The model's start month; needed only when the timing is dated.

        Returns
        -------
        (float, float)
            Model times [months]; `stop` is ``inf`` when the timing never ends.

        Raises
        ------
        LeverError
            If the timing is dated and `origin` is not given.

        Examples
        --------
        >>> Timing(start=2, ramp_months=2).window()
        (2.0, inf)
        >>> Timing(start=2, end=6, ramp_down_months=3).window()
        (2.0, 9.0)
        """
        tm = self._months(origin, "window")
        stop = math.inf if tm.end is None else np.max(tm.end + tm.ramp_down_months)
        return float(np.min(tm.start)), float(stop)

    def __str__(self) -> str:
        def months(x: float) -> str:
            return f"{format_number(x)} month{'' if x == 1 else 's'}"

        text = f"from {format_date(self.start)}"
        if self.ramp_months:
            text += f", ramp {months(self.ramp_months)}"
            text += " (S-curve)" if self.shape == "s_curve" else ""
        if self.end is not None:
            text += f", until {format_date(self.end)}"
            if self.ramp_down_months:
                text += f" (ramp-down {months(self.ramp_down_months)})"
        return text


# ---------------------------------------------------------------------------- Lever
_CHECKED: weakref.WeakSet = weakref.WeakSet()


@dataclass(frozen=True, kw_only=True)
class Lever:
    """Base class of every policy lever.

    A lever class *declares* a policy (class attributes), and an instance is one use of it
    in a scenario: parameter values, timing, targeting and cost (dataclass fields).

    Notes
    -----
    The plugin contract:

    1. Subclass :class:`Lever` and decorate the class with
       ``@dataclass(frozen=True, kw_only=True)``. Instances are immutable values.
    2. Declare, as plain class attributes (no annotations):

       - ``name``: snake_case; the same string as the entry-point name and the TOML
         ``lever = "..."`` key.
       - ``description``: one line; by default the first line of the class docstring.
       - ``params``: a dict ``{name: Param(...)}``. Each parameter becomes a float
         dataclass field of that name (declare the field yourself only to document it);
         values are checked against the declared range when an instance is made.
       - ``acts_on``: the names of the model's policy inputs the lever changes, or a dict
         ``{input: mode}`` when they differ in mode.
       - ``mode``: ``"multiply"``, ``"add"`` or ``"set"`` (default ``"multiply"``).
    3. Give the effect at *full* strength, either

       - ``intensity = "<param>"``: the full effect is that parameter's value, on every
         input in ``acts_on`` (a factor, an amount or a value, by mode); or
       - override ``effect(self, t, v) -> dict[str, array]``: for each input in
         ``acts_on``, the full effect at model time ``t`` [months] in its mode's terms,
         broadcastable to the input's dims, optionally with a leading member axis.

       Do not apply the timing or the targeting yourself: the scenario does both, from
       :meth:`weight` and the ``corridor``/``origin`` fields.
    4. Optionally make the lever *state-aware* by overriding ``weight(self, t, v)``: return
       ``super().weight(t, v)`` times a factor in [0, 1] computed from ``v`` (the model's
       stocks and parameters at time ``t``, each with a leading member axis): a scalar or
       an array of shape ``(n_members,)``. See ``docs/writing-a-lever.md`` for aid that
       flows only while a benchmark is met.
    5. Optionally set cost defaults by re-declaring the fields ``monthly_cost: float =
       ...`` [USD/month at full effect] and ``setup_cost: float = ...`` [USD, once, at the
       start], or override ``cost_rate(self, t)`` [USD/month] (e.g. proportional to a
       parameter).
    6. ``effect``, ``weight`` and ``cost_rate`` are pure functions of their arguments and
       the lever's fields: they never change the lever, ``v`` or the model, and read only
       the time, stocks and parameters from ``v``.
    7. A subclass that defines ``__post_init__`` calls ``super().__post_init__()`` first
       (it validates the parameters, the timing and the targeting).
    8. Optionally declare ``effects = {param: "factor" | "amount"}``: the parameters that
       carry an uncertain effect (not decisions such as capacity or spending); forecast
       ensembles draw them (:mod:`sdmig.policy.assumptions`).
    9. Register the class under ``[project.entry-points."sdmig.levers"]`` in the plugin's
       ``pyproject.toml``: ``name = "package.module:ClassName"``.

    Parameters
    ----------
    timing : Timing
        When the lever acts.
    corridor, origin : str or sequence of str, optional
        Restrict the effect to these labels of the input's ``corridor`` / ``origin``
        dimension (``None``: every label). Checked against the model at bind time.
    label : str, optional
        A name for this instance, unique within a scenario (default: the lever's name).
    monthly_cost : float, default 0
        Cost at full effect [USD/month], scaled by the timing weight.
    setup_cost : float, default 0
        One-off cost [USD] in the month the lever starts.
    trigger : sdmig.policy.triggers.Trigger, optional
        Switch the lever on and off with a model variable (thresholds with hysteresis and
        hold times); it then acts only while the trigger is on, within its timing.
    **params
        One float per declared parameter.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    params: ClassVar[Mapping[str, Param]] = MappingProxyType({})
    acts_on: ClassVar[tuple[str, ...] | Mapping[str, str]] = ()
    mode: ClassVar[str] = "multiply"
    intensity: ClassVar[str | None] = None
    effects: ClassVar[Mapping[str, str]] = MappingProxyType({})

    timing: Timing
    corridor: tuple[str, ...] | None = None
    origin: tuple[str, ...] | None = None
    label: str | None = None
    monthly_cost: float = 0.0
    setup_cost: float = 0.0
    trigger: Trigger | None = None

    def __init_subclass__(cls, **kwargs):
        """Turn each declared parameter into a float field (before ``@dataclass`` runs)."""
        super().__init_subclass__(**kwargs)
        if "description" not in cls.__dict__ and cls.__doc__:
            lines = cls.__doc__.strip().splitlines()
            cls.description = lines[0].strip() if lines else ""
        params = cls.__dict__.get("params")
        if not isinstance(params, Mapping):
            return
        if "__annotations__" not in cls.__dict__:
            cls.__annotations__ = {}
        annotations = cls.__dict__["__annotations__"]
        inherited = getattr(cls, "__dataclass_fields__", {})
        for pname, p in params.items():
            if not isinstance(p, Param) or pname in inherited and pname not in annotations:
                continue
            annotations.setdefault(pname, "float")
            if pname not in cls.__dict__ and p.default is not None:
                setattr(cls, pname, float(p.default))

    def __post_init__(self):
        cls = type(self)
        check_lever_class(cls)
        for pname, p in cls.params.items():
            object.__setattr__(self, pname, p.check(pname, getattr(self, pname)))
        if not isinstance(self.timing, Timing):
            raise LeverError(f"timing = {self.timing!r} must be a sdmig.policy.levers.Timing")
        for dim in TARGET_DIMS:
            object.__setattr__(self, dim, _labels(dim, getattr(self, dim)))
        if self.label is not None and (not isinstance(self.label, str) or not self.label):
            raise LeverError(f"label = {self.label!r} must be a non-empty string")
        if self.trigger is not None and not isinstance(self.trigger, Trigger):
            raise LeverError(
                f"trigger = {self.trigger!r} must be a sdmig.policy.triggers.Trigger or None"
            )
        usd = Param("USD/month", low=0)
        object.__setattr__(self, "monthly_cost", usd.check("monthly_cost", self.monthly_cost))
        once = Param("USD", low=0)
        object.__setattr__(self, "setup_cost", once.check("setup_cost", self.setup_cost))

    # ----------------------------------------------------------------- the contract
    def actions(self) -> dict[str, str]:
        """The inputs this lever changes and how: ``{input_name: mode}``.

        Built from the class's ``acts_on`` and ``mode``; override it only when the inputs
        depend on the instance (a generic lever with an ``input`` field).

        Returns
        -------
        dict of str to str
            Policy input name -> one of :data:`MODES`.

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> lever.actions()
        {'apprehension_rate': 'multiply'}
        """
        if isinstance(self.acts_on, Mapping):
            return dict(self.acts_on)
        return {name: self.mode for name in self.acts_on}

    def effect(self, t: float, v: Any) -> dict[str, Any]:
        """Full effect at model time `t` on each input in :meth:`actions`, in mode terms.

        A factor for ``"multiply"`` (1 is no effect), an amount for ``"add"`` (0 is no
        effect), the value for ``"set"``. The default gives the ``intensity`` parameter's
        value to every input.

        Parameters
        ----------
        t : float
            Model time [months].
        v : object
            The model's values at `t` (stocks and parameters as attributes, each with a
            leading member axis); unused by the default.

        Returns
        -------
        dict of str to float or ndarray
            Input name -> full effect, broadcastable to the input's dims (optionally with a
            leading member axis).

        Raises
        ------
        NotImplementedError
            If the class sets no ``intensity`` and does not override this method.

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> lever.effect(3.0, None)
        {'apprehension_rate': 2.0}
        """
        if self.intensity is None:
            raise NotImplementedError(
                f"lever {self.name!r} must set `intensity` or override `effect(t, v)`"
            )
        value = getattr(self, self.intensity)
        return {name: value for name in self.actions()}

    def weight(self, t: float, v: Any = None) -> Any:
        """Fraction of the full effect at model time `t`: the timing's weight.

        Override (calling ``super().weight(t, v)``) to make the lever state-aware; return
        a scalar or one value per member, shape ``(n_members,)``, in [0, 1].

        Parameters
        ----------
        t : float
            Model time [months], in the model's months (see :meth:`in_months`).
        v : object, optional
            The model's values at `t`, for a state-aware override; unused by the default.

        Returns
        -------
        float or ndarray
            In [0, 1]: a scalar, or shape ``(n_members,)``.

        Raises
        ------
        LeverError
            If the timing is still dated (convert it with :meth:`in_months` first).

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> float(lever.weight(4.0))
        0.5
        """
        return self.timing.weight(t)

    def cost_rate(self, t: Any) -> np.ndarray:
        """Cost [USD/month] at model times `t` (vectorized): ``monthly_cost`` x weight.

        Parameters
        ----------
        t : float or array-like
            Model times [months].

        Returns
        -------
        ndarray
            Cost rate [USD/month], shaped like `t`.

        Raises
        ------
        LeverError
            If the timing is still dated (convert it with :meth:`in_months` first).

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> lever.cost_rate([2, 4, 6]).tolist()
        [0.0, 500.0, 1000.0]
        """
        return self.monthly_cost * self.timing.weight(t)

    # ------------------------------------------------------------------- helpers
    def targets(self) -> dict[str, tuple[str, ...]]:
        """``{dim: labels}`` for each dimension this instance is restricted along.

        Returns
        -------
        dict of str to tuple of str
            Empty when the lever acts on every corridor and origin.

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> lever.targets()
        {'corridor': ('west',)}
        """
        return {d: getattr(self, d) for d in TARGET_DIMS if getattr(self, d) is not None}

    def values(self) -> dict[str, Any]:
        """The instance's own fields (parameters and extra fields), without the common ones.

        Returns
        -------
        dict of str to object
            Field name -> value, in declaration order; leaves out :data:`BASE_FIELDS`.

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0, corridor="west",
        ...                    monthly_cost=1000, timing=Timing(start=2, ramp_months=4))
        >>> lever.values()
        {'input': 'apprehension_rate', 'factor': 2.0}
        """
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in BASE_FIELDS
        }

    def in_months(self, origin: Any) -> Lever:
        """A copy whose timing is in model months for a model starting at `origin`.

        Parameters
        ----------
        origin : date-like
            The model's start month (model time 0).

        Returns
        -------
        Lever
            A copy with :meth:`Timing.in_months` applied; the lever itself when its timing
            is already in months.

        Examples
        --------
        >>> from sdmig_levers.generic import ScaleInput
        >>> lever = ScaleInput(input="apprehension_rate", factor=2.0,
        ...                    timing=Timing(start="2026-07"))
        >>> str(lever.in_months("2026-01").timing)
        'from t=6'
        """
        if not self.timing.is_dated:
            return self
        return dataclasses.replace(self, timing=self.timing.in_months(origin))

    def __str__(self) -> str:
        values = ", ".join(f"{k}={format_number(v)}" for k, v in self.values().items())
        where = "; ".join(f"{d}: {', '.join(labels)}" for d, labels in self.targets().items())
        text = f"{self.name}({values}) {self.timing}"
        return text + (f" [{where}]" if where else "")


def _labels(dim: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    labels = (value,) if isinstance(value, str) else value
    if not isinstance(labels, list | tuple) or not all(isinstance(x, str) for x in labels):
        raise LeverError(
            f"{dim} = {value!r} has the wrong type; expected a label or a list of labels"
        )
    if not labels:
        raise LeverError(f"{dim} = [] selects nothing; leave it out to act on every {dim}")
    if len(set(labels)) != len(labels):
        raise LeverError(f"{dim} = {list(labels)!r} repeats a label")
    return tuple(labels)


def check_lever_class(cls: Any) -> None:
    """Check that `cls` follows the plugin contract of :class:`Lever`.

    Raises
    ------
    LeverError
        Naming the class and the rule it breaks.
    """
    if isinstance(cls, type) and cls in _CHECKED:
        return
    if not (isinstance(cls, type) and issubclass(cls, Lever)):
        raise LeverError(f"{cls!r} is not a subclass of sdmig.policy.levers.Lever")
    where = f"lever class {cls.__module__}.{cls.__qualname__}"
    if cls is Lever:
        raise LeverError("sdmig.policy.levers.Lever is the abstract base; subclass it")
    params = cls.__dict__.get("__dataclass_params__")
    if params is None or not params.frozen:
        raise LeverError(f"{where} must be decorated with @dataclass(frozen=True, kw_only=True)")
    fields = {f.name for f in dataclasses.fields(cls)}
    for attr in _CLASS_ATTRS:
        if attr in fields:
            raise LeverError(
                f"{where}: `{attr}` is a dataclass field; declare it as a plain class "
                f"attribute without an annotation ({attr} = ...)"
            )
    if not isinstance(cls.name, str) or not _NAME.match(cls.name):
        raise LeverError(
            f"{where}: name = {cls.name!r} must be snake_case (lowercase letters, digits, _)"
        )
    desc = cls.description
    if not isinstance(desc, str) or not desc.strip() or "\n" in desc.strip():
        raise LeverError(f"{where}: `description` must be one non-empty line (or a docstring)")
    if not isinstance(cls.params, Mapping):
        raise LeverError(f"{where}: `params` must be a dict of name -> Param")
    for pname, p in cls.params.items():
        if not isinstance(p, Param):
            raise LeverError(f"{where}: params[{pname!r}] must be a sdmig.policy.levers.Param")
        if pname not in fields:
            raise LeverError(f"{where}: parameter {pname!r} is not a dataclass field")
        if pname in BASE_FIELDS:
            raise LeverError(f"{where}: parameter {pname!r} clashes with a common lever field")
    effects = cls.effects
    if not isinstance(effects, Mapping) or any(
        k not in cls.params or kind not in ("factor", "amount") for k, kind in effects.items()
    ):
        raise LeverError(
            f"{where}: effects = {dict(effects) if isinstance(effects, Mapping) else effects!r}"
            " must map declared parameters to 'factor' or 'amount'"
        )
    if cls.mode not in MODES:
        raise LeverError(f"{where}: mode = {cls.mode!r} is not one of {MODES}")
    acts_on = cls.acts_on
    if isinstance(acts_on, Mapping):
        bad = {k: m for k, m in acts_on.items() if m not in MODES or not isinstance(k, str)}
        if bad:
            raise LeverError(f"{where}: acts_on {bad!r}: each mode must be one of {MODES}")
    elif isinstance(acts_on, str) or not all(isinstance(x, str) for x in acts_on):
        raise LeverError(f"{where}: acts_on = {acts_on!r} must be a tuple of input names")
    if cls.intensity is None:
        if cls.effect is Lever.effect:
            raise LeverError(
                f"{where}: set `intensity` to the name of a parameter, or override "
                "`effect(self, t, v)`"
            )
    elif cls.intensity not in cls.params:
        raise LeverError(
            f"{where}: intensity = {cls.intensity!r} is not a declared parameter; "
            f"declared: {sorted(cls.params)}"
        )
    _CHECKED.add(cls)
