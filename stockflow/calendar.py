"""Model time: months counted from the first day of a start month.

Model time ``t`` is a float number of months; ``t = 0`` is 00:00 on the first day of the
model's start month, ``t = 1`` the first day of the next month. A date inside a month maps
to the fraction of that month elapsed (2020-03-21 is ``t = 5 + 20/31`` for a model starting
2019-10). All conversions go through pandas, never by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DateLike = str | pd.Timestamp | pd.Period | np.datetime64


def to_period(value: DateLike) -> pd.Period:
    """Return the calendar month of `value` as a monthly ``pandas.Period``.

    Parameters
    ----------
    value : str, Timestamp, Period or datetime64
        A date (``"2020-03-21"``) or month (``"2020-03"``).

    Returns
    -------
    pandas.Period
        The month holding `value`, with frequency ``'M'``.

    Raises
    ------
    ValueError
        If a string cannot be read as a date (raised by pandas).

    Examples
    --------
    >>> to_period("2020-03-21")
    Period('2020-03', 'M')
    """
    if isinstance(value, pd.Period):
        return value.asfreq("M")
    return pd.Timestamp(value).to_period("M")


def months_since(start: DateLike, date: DateLike | float) -> float:
    """Model time of `date` for a model that starts in the month of `start`.

    Numbers are taken to be model times already and returned unchanged.

    Parameters
    ----------
    start : date-like
        The model's start month (time 0 is its first day, 00:00).
    date : date-like or float
        A date, a month (``pandas.Period``: its first day) or a model time [months].

    Returns
    -------
    float
        Months from the start of `start` to `date`, a fraction for a date inside a month.

    Raises
    ------
    ValueError
        If a string cannot be read as a date (raised by pandas).

    Examples
    --------
    >>> months_since("2019-10", "2020-03-21")
    5.645161290322581
    >>> months_since("2019-10", "2019-10")
    0.0
    """
    if isinstance(date, int | float | np.integer | np.floating):
        return float(date)
    start_p = to_period(start)
    if isinstance(date, pd.Period):
        return float((date.asfreq("M") - start_p).n)
    stamp = pd.Timestamp(date)
    whole = (stamp.to_period("M") - start_p).n
    fraction = (stamp - stamp.to_period("M").start_time) / pd.Timedelta(days=stamp.days_in_month)
    return float(whole + fraction)


def month_starts(start: DateLike, n_months: int) -> pd.DatetimeIndex:
    """Timestamps of the first day of `n_months` consecutive months from `start`.

    Parameters
    ----------
    start : date-like
        First month.
    n_months : int
        Number of months, at least 0.

    Returns
    -------
    pandas.DatetimeIndex

    Examples
    --------
    >>> month_starts("2019-11", 3).strftime("%Y-%m-%d").tolist()
    ['2019-11-01', '2019-12-01', '2020-01-01']
    """
    return pd.period_range(to_period(start), periods=n_months, freq="M").to_timestamp()


def n_months_between(start: DateLike, end: DateLike) -> int:
    """Number of months from the month of `start` through the month of `end`, inclusive.

    Parameters
    ----------
    start, end : date-like
        Dates or months; only their months count.

    Returns
    -------
    int
        Months in ``[start, end]``; 0 or less when `end` is before `start`.

    Examples
    --------
    >>> n_months_between("2019-10", "2020-09-30")
    12
    """
    return int((to_period(end) - to_period(start)).n) + 1
