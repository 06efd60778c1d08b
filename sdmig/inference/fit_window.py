"""The months a calibration fits: the window check shared by the API and the CLI.

The model runs from 2019-10; its first three months are spin-up, so a fit window starts in
2020-01 or later. It must end by the last month in which the history has both encounters
by origin and Border Patrol encounters by corridor, and hold at least a seasonal cycle.
"""

from __future__ import annotations

import re

import pandas as pd

from sdmig.errors import CalibrationError

__all__ = ["MIN_WINDOW_MONTHS", "SPIN_UP", "check_fit_window"]

#: Months the model runs before a fit window may start.
SPIN_UP = ("2019-10", "2019-12")
#: Fewest months a fit window may hold: a full seasonal cycle.
MIN_WINDOW_MONTHS = 12
_EXAMPLE = "2020-01..2023-09"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def check_fit_window(window, history, *, name: str = "window") -> tuple[str, str]:
    """The fit window as two ``YYYY-MM`` strings, checked against the model and `history`.

    Parameters
    ----------
    window : tuple of two str, or str
        First and last month, ``("YYYY-MM", "YYYY-MM")`` or ``"YYYY-MM..YYYY-MM"``.
    history : xarray.Dataset
        From :func:`sdmig.data.history.load_history`.
    name : str, default "window"
        How to name the window in messages (the CLI passes ``--window``).

    Returns
    -------
    tuple of two str
        The first and last month.

    Raises
    ------
    CalibrationError
        If a month does not parse, the start is after the end, the window holds fewer than
        :data:`MIN_WINDOW_MONTHS` months, starts before the month after the model's spin-up
        (2020-01) or before the history's first month, or ends after its last month (the
        months in which `history` has both encounters by origin and Border Patrol
        encounters by corridor).

    Examples
    --------
    >>> from sdmig.data.history import load_history
    >>> check_fit_window("2020-01..2023-09", load_history())
    ('2020-01', '2023-09')
    """
    months = window.split("..") if isinstance(window, str) else window
    shown = "..".join(map(str, months)) if isinstance(months, tuple | list) else repr(window)
    if not (
        isinstance(months, tuple | list)
        and len(months) == 2
        and all(_MONTH.fullmatch(str(m)) for m in months)
    ):
        raise CalibrationError(
            f"{name} = {shown} is not a window; expected two months YYYY-MM..YYYY-MM, "
            f"e.g. {_EXAMPLE}"
        )
    lo, hi = (pd.Period(str(m), freq="M") for m in months)
    span = _observed_span(history)
    if span is None:
        raise CalibrationError(
            f"{name} = {shown}: the history has no month with both encounters by origin and "
            "by corridor; calibration needs both"
        )
    first = max(pd.Period(SPIN_UP[1], freq="M") + 1, span[0])
    allowed = f"allowed: months in {first}..{span[1]}, at least {MIN_WINDOW_MONTHS} of them"
    if lo > hi:
        raise CalibrationError(f"{name} = {shown} starts after it ends; {allowed}")
    if lo < first:
        why = (
            f"the model runs from {SPIN_UP[0]} and {SPIN_UP[0]}..{SPIN_UP[1]} are spin-up"
            if span[0] < first
            else "the history starts there"
        )
        raise CalibrationError(f"{name} = {shown} starts before {first} ({why}); {allowed}")
    if hi > span[1]:
        raise CalibrationError(
            f"{name} = {shown} ends after the history, whose encounters by origin and by "
            f"corridor run to {span[1]}; {allowed}"
        )
    if (hi - lo).n + 1 < MIN_WINDOW_MONTHS:
        raise CalibrationError(
            f"{name} = {shown} holds {(hi - lo).n + 1} months; {allowed} (a seasonal cycle)"
        )
    return str(lo), str(hi)


def _observed_span(history) -> tuple[pd.Period, pd.Period] | None:
    """First and last month in which every origin and corridor series has a value."""
    spans = []
    for var in ("encounters_by_origin", "usbp_by_corridor"):
        if var not in history or "time" not in history[var].dims:
            return None
        seen = history[var].notnull().all([d for d in history[var].dims if d != "time"])
        times = seen["time"].values[seen.values]
        if times.size == 0:
            return None
        spans.append((pd.Period(times[0], freq="M"), pd.Period(times[-1], freq="M")))
    return max(s[0] for s in spans), min(s[1] for s in spans)
