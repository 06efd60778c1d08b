"""Checks of the arguments the public API receives, with messages that name the argument.

Each function returns the value in its normal form or raises
:class:`~sdmig.errors.ForecastError` (a :class:`ValueError`, or :class:`TypeError`-like
message for a value of the wrong type) naming the argument as Python spells it, so the
same message serves the API and the CLI, whose options carry the same names.
"""

from __future__ import annotations

import numbers
import os
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sdmig.errors import ForecastError

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def as_count(name: str, value: Any, *, minimum: int = 1) -> int:
    """`value` as an int of at least `minimum`.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : int
        The value to check; a bool, a float or a string is refused.
    minimum : int, default 1

    Returns
    -------
    int

    Raises
    ------
    ForecastError
        `value` is not an integer of at least `minimum`.

    Examples
    --------
    >>> as_count("members", 3)
    3
    >>> as_count("members", 0)
    Traceback (most recent call last):
    ...
    sdmig.errors.ForecastError: members = 0 must be at least 1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ForecastError(f"{name} = {value!r} must be a whole number, at least {minimum}")
    if value < minimum:
        raise ForecastError(f"{name} = {value} must be at least {minimum}")
    return int(value)


def as_seed(name: str, value: Any) -> int:
    """`value` as a seed for :func:`numpy.random.default_rng`: an integer >= 0.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : int

    Returns
    -------
    int

    Raises
    ------
    ForecastError
        `value` is not an integer >= 0.

    Examples
    --------
    >>> as_seed("seed", -1)
    Traceback (most recent call last):
    ...
    sdmig.errors.ForecastError: seed = -1 must be at least 0
    """
    return as_count(name, value, minimum=0)


def as_month(
    name: str, value: Any, *, earliest: str | None = None, latest: str | None = None
) -> pd.Period:
    """`value` (``"YYYY-MM"`` or a monthly Period) as a monthly :class:`pandas.Period`.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : str or pandas.Period
        The month.
    earliest, latest : str, optional
        The allowed range, inclusive.

    Returns
    -------
    pandas.Period

    Raises
    ------
    ForecastError
        `value` is not a month, or lies outside the range.

    Examples
    --------
    >>> as_month("end", "2027-06")
    Period('2027-06', 'M')
    >>> as_month("end", "2031-01", latest="2028-12")
    Traceback (most recent call last):
    ...
    sdmig.errors.ForecastError: end = 2031-01 is outside the simulated range ..2028-12
    """
    if isinstance(value, pd.Period) and value.freqstr == "M":
        month = value
    elif isinstance(value, str) and _MONTH.fullmatch(value):
        month = pd.Period(value, freq="M")
    else:
        raise ForecastError(f"{name} = {value!r} is not a month; use YYYY-MM")
    lo = pd.Period(earliest, freq="M") if earliest else None
    hi = pd.Period(latest, freq="M") if latest else None
    if (lo is not None and month < lo) or (hi is not None and month > hi):
        span = f"{lo or ''}..{hi or ''}"
        raise ForecastError(f"{name} = {month} is outside the simulated range {span}")
    return month


def as_scenario_list(name: str, value: Any) -> list:
    """One scenario (a name, a file path or a Scenario) or several, as a non-empty list.

    A single string is one scenario, never a sequence of letters.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : str, path-like, Scenario or iterable of them

    Returns
    -------
    list

    Raises
    ------
    ForecastError
        `value` is empty or holds something that is not a scenario.

    Examples
    --------
    >>> as_scenario_list("scenarios", "baseline")
    ['baseline']
    >>> as_scenario_list("scenarios", [])
    Traceback (most recent call last):
    ...
    sdmig.errors.ForecastError: scenarios must name at least one scenario
    """
    if isinstance(value, str | os.PathLike) or hasattr(value, "bind"):
        return [value]
    if not isinstance(value, Iterable):
        raise ForecastError(
            f"{name} must be a scenario name, a scenario file, a Scenario or a list of them, "
            f"got {type(value).__name__}"
        )
    items = list(value)
    if not items:
        raise ForecastError(f"{name} must name at least one scenario")
    for item in items:
        if not (isinstance(item, str | os.PathLike) or hasattr(item, "bind")):
            raise ForecastError(
                f"{name} holds {item!r}; each must be a scenario name, a scenario file "
                "or a Scenario"
            )
    return items
