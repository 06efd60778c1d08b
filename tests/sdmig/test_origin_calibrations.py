"""The calibration each forecast origin may use, and the shipped calibrations behind it."""

import copy
import json
from importlib.resources import files

import pandas as pd
import pytest

from sdmig.data.history import load_history
from sdmig.errors import ForecastError
from sdmig.inference.calibrate import CalibrationResults
from sdmig.inference.origin_calibrations import (
    ANCHORS,
    assign_calibrations,
    calibration_for,
    shipped_calibrations,
)


@pytest.fixture(scope="module")
def shipped():
    return CalibrationResults.load()


def ending(calibration, end):
    """A copy of a real calibration that claims the window 2020-01..`end`."""
    out = copy.copy(calibration)
    out.window = ("2020-01", end)
    return out


def test_each_origin_gets_the_latest_calibration_ending_by_it(shipped):
    late = shipped  # its window ends 2023-09
    early, middle = ending(shipped, "2021-09"), ending(shipped, "2022-03")
    origins = [str(p) for p in pd.period_range("2021-09", "2024-01", freq="M")]
    chosen = assign_calibrations(origins, [late, early, middle])  # any order
    for origin, cal in zip(origins, chosen, strict=True):
        month = pd.Period(origin, freq="M")
        assert pd.Period(cal.window[1], freq="M") <= month
        if month < pd.Period("2022-03", freq="M"):
            assert cal is early
        elif month < pd.Period("2023-09", freq="M"):
            assert cal is middle
        else:
            assert cal is late
    # a calibration whose window ends after the origin is never chosen, even the only other one
    assert calibration_for("2023-08", [late, early]) is early
    assert calibration_for("2023-09", [late, early]) is late


def test_no_calibration_ending_by_the_origin_is_an_error(shipped):
    with pytest.raises(
        ForecastError, match=r"no calibration ends at or before the origin 2022-05 "
    ):
        calibration_for("2022-05", [shipped, ending(shipped, "2022-06")])
    with pytest.raises(ForecastError, match=r"fit windows: none"):
        calibration_for("2022-05", [])


def test_two_calibrations_with_the_same_end_are_refused(shipped):
    with pytest.raises(ForecastError, match="two calibrations end in 2021-09"):
        calibration_for("2022-01", [ending(shipped, "2021-09"), ending(shipped, "2021-09")])


def test_the_shipped_calibrations_are_fitted_on_the_shipped_history_up_to_their_anchor():
    cals = shipped_calibrations()
    assert [c.window for c in cals] == [("2020-01", e) for e in (*ANCHORS, "2023-09")]
    checksum = load_history().attrs["sha256"]
    folder = files("sdmig.data") / "calibrations"
    for cal in cals:
        assert cal.data_checksum == checksum
        assert cal.noise is not None and cal.driver_knots is not None
    for end in ANCHORS:
        saved = json.loads((folder / f"through_{end}.json").read_text())
        # the knots estimated from data up to the anchor, flat after it
        assert saved["driver_knots"]["data_end"] == end
