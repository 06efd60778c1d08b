"""Economic-driver knots derived from the data up to a month, and from no later month."""

import numpy as np
import pandas as pd
import pytest

from sdmig.data.history import load_history
from sdmig.errors import CalibrationError
from sdmig.inference.driver_knots import expand_knots, fit_driver_knots, fitted_knots
from sdmig.model.border import BorderModel
from sdmig.model.parameters import KNOTS, ORIGINS
from sdmig.policy.scenario import load_scenario

END = "2021-03"


@pytest.fixture(scope="module")
def history():
    return load_history()


def test_knots_after_the_end_hold_the_last_estimated_value():
    assert fitted_knots(END) == ("2020-07", "2021-01")
    full = expand_knots(np.array([[2.0, 3.0]] * 3), END)
    assert full.shape == (3, len(KNOTS))
    assert full[:, 0].tolist() == [1.0, 1.0, 1.0]
    assert np.all(full[:, 3:] == 3.0)


def test_the_fit_recovers_the_knots_of_a_simulated_history(history):
    model = BorderModel(use_calibration=False)
    truth = expand_knots(np.array([[1.5, 2.5], [3.0, 6.0], [2.0, 9.0]]), END)
    sim = model.simulate(
        load_scenario("baseline"),
        params={"economic_driver": truth},
        end=END,
        method="rk4",
        variables=["encounters"],
    )
    enc = sim["encounters"].sum("corridor").transpose("time", "origin")
    fake = history.copy(deep=True)
    months = pd.DatetimeIndex(enc["time"].to_index())
    fake["encounters_by_origin"].loc[{"time": months, "origin": list(ORIGINS)}] = enc.values
    # without the roughness penalty, which pulls the knots towards a straight line by design
    knots = fit_driver_knots(fake, END, model=model, smoothing=0.0)
    np.testing.assert_allclose(knots, truth, rtol=1e-3)


def test_months_after_the_end_are_not_used(history):
    changed = history.copy(deep=True)
    later = changed["time"].to_index() > pd.Timestamp(END)
    changed["encounters_by_origin"].loc[{"time": later}] *= 5.0
    a = fit_driver_knots(history, END, max_nfev=3)
    b = fit_driver_knots(changed, END, max_nfev=3)
    np.testing.assert_array_equal(a, b)


def test_an_end_before_the_second_knot_is_refused(history):
    with pytest.raises(CalibrationError, match="end = 2020-03 leaves no knot to estimate"):
        fit_driver_knots(history, "2020-03")
