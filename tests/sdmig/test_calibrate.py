"""Calibration: recovery of known parameters, reproducibility, storage, bad histories."""

import json
import re

import numpy as np
import pytest
import xarray as xr

from sdmig.data.history import load_history, write_history_csv
from sdmig.errors import CalibrationError, ConvergenceWarning, DataError
from sdmig.inference.calibrate import (
    FIT_WINDOW,
    FREE_NAMES,
    FREE_PARAMETERS,
    CalibrationResults,
    EncounterLikelihood,
    calibrate,
    court_years,
    observations,
)
from sdmig.inference.fit_window import check_fit_window
from sdmig.model.runner import default_backend


def shipped_knots_model():
    """The model with the economic-driver knots the shipped calibration derived."""
    from sdmig.model.border import BorderModel

    knots = CalibrationResults.load().driver_knots
    return BorderModel({"economic_driver": knots}, use_calibration=False)


@pytest.fixture(scope="module")
def likelihood():
    return EncounterLikelihood(model=shipped_knots_model())


#: repeat_share[MEX] goes to its bound (0): the information matrix is singular there


@pytest.fixture(scope="module")
def fitted(likelihood):
    return likelihood.fit()


def test_transforms_keep_parameters_in_range():
    for p in FREE_PARAMETERS:
        natural = p.to_natural(np.array([-50.0, 0.0, 50.0]))
        assert np.all(natural >= p.low) and np.all(natural <= p.high)
        assert p.to_theta(p.to_natural(0.3)) == pytest.approx(0.3)


@pytest.mark.slow
def test_score_matches_numerical_derivative_of_loglike(likelihood):
    theta = likelihood.start_params_theta()
    score = likelihood.score(theta)
    for j in (0, FREE_NAMES.index("season_peak"), FREE_NAMES.index("alpha_encounters")):
        e = np.zeros_like(theta)
        e[j] = 1e-4
        numeric = (likelihood.loglike(theta + e) - likelihood.loglike(theta - e)) / 2e-4
        assert score[j] == pytest.approx(numeric, rel=2e-3, abs=1e-2)


@pytest.mark.slow
def test_fit_converges_with_statsmodels_shaped_results(fitted):
    assert fitted.converged
    assert list(fitted.params.index) == list(FREE_NAMES)
    ci = fitted.conf_int()
    assert np.all(ci["lower"] <= fitted.params) and np.all(fitted.params <= ci["upper"])
    assert np.all(fitted.bse > 0)
    assert fitted.aic == pytest.approx(-2 * fitted.llf + 2 * len(FREE_NAMES))
    text = fitted.summary().as_text()
    assert "base_departures[NTCA]" in text and "MAPE" in text
    assert set(fitted.diagnostics) >= {"encounters_by_origin[MEX]", "court_pending"}


@pytest.mark.slow
def test_fit_improves_on_the_start(likelihood, fitted):
    assert fitted.llf > likelihood.loglike(likelihood.start_params_theta()) + 1.0


@pytest.mark.slow
def test_same_data_give_the_same_parameters(fitted):
    again = EncounterLikelihood(model=shipped_knots_model()).fit()
    np.testing.assert_allclose(again.theta, fitted.theta, rtol=1e-6, atol=1e-9)


@pytest.mark.slow
def test_recovers_known_parameters_from_simulated_data(likelihood):
    rng = np.random.default_rng(7)
    truth = likelihood.start_params_theta().copy()
    truth[FREE_NAMES.index("base_departures[NTCA]")] += 0.15
    truth[FREE_NAMES.index("season_amplitude")] += 0.3
    case = FREE_NAMES.index("case_share")
    truth[case] = FREE_PARAMETERS[case].to_theta(0.7)
    truth[FREE_NAMES.index("alpha_encounters")] = np.log(0.02)
    truth[FREE_NAMES.index("alpha_court")] = np.log(1e-3)
    mu = likelihood.simulate_means(truth[None])[0]
    alpha = np.exp(truth[FREE_NAMES.index("alpha_encounters")])
    alpha_obs = np.where(np.arange(mu.size) < likelihood.n_enc, alpha, 1e-3)
    r = 1.0 / alpha_obs
    y = rng.negative_binomial(r, r / (r + mu)).astype(float)
    synthetic = EncounterLikelihood(model=likelihood.border_model)
    synthetic.endog = y
    res = synthetic.fit()
    ci = res.conf_int(alpha=0.001)  # 99.9 %: five parameters checked on one data set
    for name in ("base_departures[NTCA]", "season_amplitude", "base_departures[MEX]", "case_share"):
        true_value = FREE_PARAMETERS[FREE_NAMES.index(name)].to_natural(
            truth[FREE_NAMES.index(name)]
        )
        assert ci.loc[name, "lower"] <= true_value <= ci.loc[name, "upper"], name


@pytest.mark.slow
def test_results_round_trip_through_json(fitted, tmp_path):
    path = fitted.save(tmp_path / "cal.json")
    back = CalibrationResults.load(path)
    np.testing.assert_array_equal(back.theta, fitted.theta)
    np.testing.assert_array_equal(back.cov_theta, fitted.cov_theta)
    assert back.data_checksum == load_history().attrs["sha256"]
    assert json.loads(path.read_text())["sdmig_version"] == fitted.version


@pytest.mark.slow
def test_draws_are_reproducible_and_centred(fitted):
    a = fitted.draw(2000, seed=3)
    b = fitted.draw(2000, seed=3)
    np.testing.assert_array_equal(a["base_departures"], b["base_departures"])
    assert a["base_departures"].shape == (2000, 3)
    assert np.median(a["base_departures"][:, 1]) == pytest.approx(
        fitted.params["base_departures[NTCA]"], rel=0.02
    )


@pytest.mark.slow
def test_shipped_calibration_matches_a_fresh_fit(fitted):
    """The shipped file was fitted on the NumPy path; a fit on the default backend (the
    compiled kernel, which rounds differently in the last bits) stops within 1 % of a
    standard error of it, on the NumPy path to 1e-6 (``SDMIG_BACKEND=numpy``)."""
    shipped = CalibrationResults.load()
    se = np.sqrt(np.diag(shipped.cov_theta))
    if default_backend() == "numpy":
        np.testing.assert_allclose(shipped.theta, fitted.theta, rtol=1e-6, atol=1e-9)
    assert np.all(np.abs(fitted.theta - shipped.theta) <= 0.01 * se)


def test_calibration_file_for_other_parameters_is_refused(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"names": ["x"]}))
    with pytest.raises(CalibrationError, match="other free parameters"):
        CalibrationResults.load(path)


def test_history_without_a_needed_series_is_a_clear_error(tmp_path):
    ds = load_history()[["encounters_total", "encounters_by_origin"]]
    with pytest.raises(DataError, match="required for calibration"):
        observations(ds)


def test_history_with_a_gap_in_the_fit_window_is_a_clear_error(tmp_path):
    ds = load_history()
    path = tmp_path / "hist.csv"
    write_history_csv(ds, path)
    lines = path.read_text().splitlines()
    kept = [line for line in lines if not line.startswith("2021-05,encounters_by_origin")]
    path.write_text("\n".join(kept) + "\n")
    with pytest.raises(DataError, match="2021-05"):
        calibrate(path)


@pytest.mark.slow
def test_observations_follow_the_history(fitted):
    ds = load_history()
    y, labels = observations(ds)
    assert labels[0] == "encounters_by_origin[MEX] 2020-01"
    assert y[0] == float(ds["encounters_by_origin"].sel(origin="MEX", time="2020-01").item())
    assert isinstance(ds, xr.Dataset)


# --- the fit window -------------------------------------------------------------------------


@pytest.mark.slow
def test_default_window_is_the_design_window_whatever_the_history_holds(likelihood, fitted):
    assert str(likelihood.history.time.values[-1])[:7] == "2024-12"  # data run further
    assert (likelihood.start, likelihood.end) == FIT_WINDOW == ("2020-01", "2023-09")
    assert court_years(FIT_WINDOW[1], FIT_WINDOW[0]) == (2020, 2021, 2022, 2023)
    assert fitted.window == FIT_WINDOW
    assert likelihood.obs_labels[-1] == "court_pending FY2023"
    assert CalibrationResults.load().window == FIT_WINDOW


@pytest.fixture(scope="module")
def short_fit():
    """A fit on one year with few iterations: it stops early, which is what makes it fast."""
    with pytest.warns(ConvergenceWarning):
        return calibrate(window="2021-01..2021-12", maxiter=2)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")
def test_fit_on_a_short_window_remembers_it(short_fit, tmp_path):
    assert short_fit.window == ("2021-01", "2021-12")
    assert short_fit.nobs == 12 * 7 + 1  # 3 origins + 4 corridors a month, FY2021 backlog
    assert "Fit window:        2021-01..2021-12" in short_fit.summary().tables[0].as_text()
    path = short_fit.save(tmp_path / "short.json")
    assert json.loads(path.read_text())["fit_window"] == ["2021-01", "2021-12"]
    back = CalibrationResults.load(path)
    assert back.window == ("2021-01", "2021-12")
    np.testing.assert_array_equal(back.theta, short_fit.theta)


def test_window_reaching_past_2023_uses_the_later_data():
    model = EncounterLikelihood(start="2023-10", end="2024-11")
    assert model.obs_labels[0] == "encounters_by_origin[MEX] 2023-10"
    assert model.obs_labels[-1] == "court_pending FY2024"
    assert model.endog[-1] == 3_884_956
    assert model.nobs == 14 * 7 + 1


@pytest.mark.slow
def test_calibration_saved_without_a_window_gets_the_default(fitted, tmp_path):
    d = fitted.to_dict()
    del d["fit_window"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(d))
    assert CalibrationResults.load(path).window == FIT_WINDOW


ALLOWED = "allowed: months in 2020-01..2024-11, at least 12 of them"


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ("2020-01", "window = 2020-01 is not a window; expected two months YYYY-MM..YYYY-MM"),
        (("2020-1", "2023-09"), "window = 2020-1..2023-09 is not a window"),
        ("2020-01..2023-13", "window = 2020-01..2023-13 is not a window"),
        ("2023-09..2020-01", f"window = 2023-09..2020-01 starts after it ends; {ALLOWED}"),
        (
            "2019-10..2023-09",
            "window = 2019-10..2023-09 starts before 2020-01 (the model runs from 2019-10 and "
            f"2019-10..2019-12 are spin-up); {ALLOWED}",
        ),
        (
            "2020-01..2024-12",
            "window = 2020-01..2024-12 ends after the history, whose encounters by origin and "
            f"by corridor run to 2024-11; {ALLOWED}",
        ),
        ("2021-01..2021-06", f"window = 2021-01..2021-06 holds 6 months; {ALLOWED}"),
    ],
)
def test_bad_windows_are_refused_with_what_is_allowed(window, message):
    with pytest.raises(CalibrationError, match=re.escape(message)):
        check_fit_window(window, load_history())
    with pytest.raises(CalibrationError, match=re.escape(message)):
        calibrate(window=window, maxiter=1)


def test_window_must_start_inside_a_shorter_history(tmp_path):
    ds = load_history().sel(time=slice("2021-01", "2023-09"))
    with pytest.raises(CalibrationError, match=r"starts before 2021-01 \(the history starts"):
        check_fit_window(FIT_WINDOW, ds)
    assert check_fit_window("2021-01..2023-09", ds) == ("2021-01", "2023-09")


@pytest.fixture(scope="module")
def own_model_fit():
    """A short fit of a model with a non-default fixed parameter, on a non-default window."""
    from sdmig.model.border import BorderModel

    model = BorderModel(params={"perception_delay": 3.0}, use_calibration=False)
    likelihood = EncounterLikelihood(model=model, start="2021-01", end="2021-12")
    with pytest.warns(ConvergenceWarning):
        return likelihood.fit(maxiter=1)


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")
def test_results_keep_the_fitted_model_and_its_window(own_model_fit, tmp_path):
    res = own_model_fit
    assert res.window == ("2021-01", "2021-12")
    assert "Fit window:        2021-01..2021-12" in res.summary().tables[0].as_text()
    fitted = res.model.params
    # the fixed parameter of the model calibrated, not the default (2 months)
    assert fitted["perception_delay"] == 3.0
    for p in FREE_PARAMETERS:
        if p.param is not None:
            assert fitted[p.param][p.index] == pytest.approx(res.params[p.name], rel=1e-12)
    draws = res.draw(3, seed=1)
    assert "perception_delay" not in draws  # not estimated: the model keeps it
    back = CalibrationResults.load(res.save(tmp_path / "own.json"))
    assert back.window == ("2021-01", "2021-12")
    assert back.model.params["perception_delay"] == 3.0
    np.testing.assert_array_equal(back.model.params["base_departures"], fitted["base_departures"])


def test_held_parameters_keep_their_value_and_the_others_see_the_same_likelihood():
    like = EncounterLikelihood(model=shipped_knots_model(), end="2021-09", hold=("case_share",))
    assert like.exog_names == [n for n in FREE_NAMES if n != "case_share"]
    theta = like.start_params_theta()
    j = FREE_NAMES.index("case_share")
    reduced = np.delete(theta, j)
    np.testing.assert_array_equal(like.full_theta(reduced), theta)
    assert like.loglike(reduced) == like.loglike(theta)
    full_score = like.score(theta)
    np.testing.assert_allclose(like.score(reduced), np.delete(full_score, j))
    hess = like.hessian(reduced)
    assert hess.shape == (len(FREE_NAMES) - 1,) * 2
    with pytest.raises(CalibrationError, match="hold = 'caseshare' is not a free parameter"):
        EncounterLikelihood(model=shipped_knots_model(), end="2021-09", hold=("caseshare",))


def test_a_parameter_left_anywhere_in_its_range_is_unidentified(tmp_path):
    from sdmig.inference.calibrate import unidentified

    saved = CalibrationResults.load().to_dict()
    j = FREE_NAMES.index("case_share")
    saved["cov_theta"][j][j] = 100.0  # logit-scale sd 10: the interval covers 0..1
    (tmp_path / "c.json").write_text(json.dumps(saved))
    weak = CalibrationResults.load(tmp_path / "c.json")
    assert unidentified(weak) == ("case_share",)
    saved["held"] = ["case_share"]
    (tmp_path / "held.json").write_text(json.dumps(saved))
    held = CalibrationResults.load(tmp_path / "held.json")
    assert held.held == ("case_share",) and unidentified(held) == ()
    assert "Held at the model's value, not estimated" in held.summary().as_text()
