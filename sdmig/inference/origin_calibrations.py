"""Calibrations fitted on data up to a few anchor months, and the one a forecast origin may use.

A forecast made at an origin may use no value fitted on data after it. The package's
calibration (``sdmig/data/calibration.json``) is fitted on 2020-01..2023-09, so a backtest
origin before 2023-09 may not use it. The package therefore also ships calibrations made
exactly as the default one (``sdmig calibrate --noise``: driver knots, structural
parameters, noise parameters) on windows that end earlier, at the anchor months of
:data:`ANCHORS` (``sdmig/data/calibrations/through_YYYY-MM.json``, made by
``scripts/fit_origin_calibrations.py``).

The rule (:func:`calibration_for`): at an origin, use the calibration whose window ends
latest among those ending at or before the origin. Its window ends at or before the
origin, and so does the data its noise parameters were estimated on (2019-10..the window's
end), so nothing it holds was fitted on a month after the origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.resources import files

import pandas as pd

from sdmig.errors import CalibrationError, ForecastError

__all__ = [
    "ANCHORS",
    "CALIBRATIONS_DIR",
    "anchor_file",
    "assign_calibrations",
    "calibration_for",
    "shipped_calibrations",
]

#: Last months of the windows of the shipped earlier calibrations (each starts 2020-01).
ANCHORS = ("2021-09", "2022-03", "2022-09", "2023-03")
#: Folder of ``sdmig.data`` that holds them.
CALIBRATIONS_DIR = "calibrations"


def anchor_file(end: str) -> str:
    """File name of the shipped calibration whose window ends in `end`.

    Parameters
    ----------
    end : str
        Last month of the window, ``YYYY-MM``.

    Returns
    -------
    str

    Examples
    --------
    >>> anchor_file("2022-03")
    'through_2022-03.json'
    """
    return f"through_{end}.json"


def shipped_calibrations() -> list:
    """The package's calibrations: those of :data:`ANCHORS` and the default one.

    Returns
    -------
    list of CalibrationResults
        Ordered by the end of their window.

    Raises
    ------
    CalibrationError
        A shipped file is missing or unreadable.

    Examples
    --------
    >>> [c.window[1] for c in shipped_calibrations()]
    ['2021-09', '2022-03', '2022-09', '2023-03', '2023-09']
    """
    from sdmig.inference.calibrate import CalibrationResults

    folder = files("sdmig.data") / CALIBRATIONS_DIR
    out = []
    for end in ANCHORS:
        source = folder / anchor_file(end)
        if not source.is_file():
            raise CalibrationError(
                f"the package's calibration {CALIBRATIONS_DIR}/{anchor_file(end)} is missing; "
                "make it with scripts/fit_origin_calibrations.py"
            )
        out.append(CalibrationResults.load(str(source)))
    out.append(CalibrationResults.load())
    return sorted(out, key=lambda c: pd.Period(c.window[1], freq="M"))


def calibration_for(origin: str | pd.Period, calibrations: Iterable):
    """The calibration a forecaster at `origin` could have had.

    Parameters
    ----------
    origin : str or pandas.Period
        The forecast origin, ``YYYY-MM``: the last month of data.
    calibrations : iterable of CalibrationResults
        The candidates; each has a ``window`` (first and last month fitted).

    Returns
    -------
    CalibrationResults
        The one whose window ends latest among those ending at or before `origin`.

    Raises
    ------
    ForecastError
        No candidate ends at or before `origin`, or two that end latest end in the same
        month.

    Examples
    --------
    >>> from types import SimpleNamespace as C
    >>> cals = [C(window=("2020-01", "2021-09")), C(window=("2020-01", "2023-09"))]
    >>> calibration_for("2022-05", cals).window
    ('2020-01', '2021-09')
    """
    return assign_calibrations([origin], calibrations)[0]


def assign_calibrations(origins: Sequence[str | pd.Period], calibrations: Iterable) -> list:
    """:func:`calibration_for` at each origin.

    Parameters
    ----------
    origins : sequence of str or pandas.Period
        Forecast origins, ``YYYY-MM``.
    calibrations : iterable of CalibrationResults

    Returns
    -------
    list of CalibrationResults
        One per origin, in order.

    Raises
    ------
    ForecastError
        As :func:`calibration_for`, naming the first origin that has no calibration.
    """
    ends = sorted(
        ((pd.Period(c.window[1], freq="M"), c) for c in calibrations), key=lambda pair: pair[0]
    )
    windows = ", ".join(f"{c.window[0]}..{c.window[1]}" for _, c in ends) or "none"
    out = []
    for origin in origins:
        month = pd.Period(origin, freq="M")
        usable = [(end, c) for end, c in ends if end <= month]
        if not usable:
            raise ForecastError(
                f"no calibration ends at or before the origin {month} (fit windows: "
                f"{windows}); a forecast at an origin may use only values fitted on data up "
                "to it: start the origins later or add a calibration fitted on an earlier "
                "window (sdmig calibrate --noise --window 2020-01..YYYY-MM --out FILE)"
            )
        if len(usable) > 1 and usable[-1][0] == usable[-2][0]:
            raise ForecastError(
                f"two calibrations end in {usable[-1][0]}: at origin {month} either could be "
                "used; keep one per window end"
            )
        out.append(usable[-1][1])
    return out
