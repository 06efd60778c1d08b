"""Calibration: recovery of known parameters, reproducibility, storage, bad histories."""

import json

import numpy as np
import pytest
import xarray as xr

from sdmig.data.history import load_history, write_history_csv
from sdmig.errors import CalibrationError, DataError
from sdmig.inference.calibrate import (
    FREE_NAMES,
    FREE_PARAMETERS,
    CalibrationResults,
    EncounterLikelihood,
    calibrate,
    observations,
)


@pytest.fixture(scope="module")
def likelihood():
    return EncounterLikelihood()


@pytest.fixture(scope="module")
def fitted(likelihood):
    return likelihood.fit()


def test_transforms_keep_parameters_in_range():
    for p in FREE_PARAMETERS:
        natural = p.to_natural(np.array([-50.0, 0.0, 50.0]))
        assert np.all(natural >= p.low) and np.all(natural <= p.high)
        assert p.to_theta(p.to_natural(0.3)) == pytest.approx(0.3)


def test_score_matches_numerical_derivative_of_loglike(likelihood):
    theta = likelihood.start_params_theta()
    score = likelihood.score(theta)
    for j in (0, FREE_NAMES.index("season_peak"), FREE_NAMES.index("alpha_encounters")):
        e = np.zeros_like(theta)
        e[j] = 1e-4
        numeric = (likelihood.loglike(theta + e) - likelihood.loglike(theta - e)) / 2e-4
        assert score[j] == pytest.approx(numeric, rel=2e-3, abs=1e-2)


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


def test_fit_improves_on_the_start(likelihood, fitted):
    assert fitted.llf > likelihood.loglike(likelihood.start_params_theta()) + 1.0


def test_same_data_give_the_same_parameters(fitted):
    again = EncounterLikelihood().fit()
    np.testing.assert_allclose(again.theta, fitted.theta, rtol=1e-6, atol=1e-9)


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
    synthetic = EncounterLikelihood()
    synthetic.endog = y
    res = synthetic.fit()
    ci = res.conf_int(alpha=0.001)  # 99.9 %: five parameters checked on one data set
    for name in ("base_departures[NTCA]", "season_amplitude", "base_departures[MEX]", "case_share"):
        true_value = FREE_PARAMETERS[FREE_NAMES.index(name)].to_natural(
            truth[FREE_NAMES.index(name)]
        )
        assert ci.loc[name, "lower"] <= true_value <= ci.loc[name, "upper"], name


def test_results_round_trip_through_json(fitted, tmp_path):
    path = fitted.save(tmp_path / "cal.json")
    back = CalibrationResults.load(path)
    np.testing.assert_array_equal(back.theta, fitted.theta)
    np.testing.assert_array_equal(back.cov_theta, fitted.cov_theta)
    assert back.data_checksum == load_history().attrs["sha256"]
    assert json.loads(path.read_text())["sdmig_version"] == fitted.version


def test_draws_are_reproducible_and_centred(fitted):
    a = fitted.draw(2000, seed=3)
    b = fitted.draw(2000, seed=3)
    np.testing.assert_array_equal(a["base_departures"], b["base_departures"])
    assert a["base_departures"].shape == (2000, 3)
    assert np.median(a["base_departures"][:, 1]) == pytest.approx(
        fitted.params["base_departures[NTCA]"], rel=0.02
    )


def test_shipped_calibration_matches_a_fresh_fit(fitted):
    shipped = CalibrationResults.load()
    np.testing.assert_allclose(shipped.theta, fitted.theta, rtol=1e-6, atol=1e-9)


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


def test_observations_follow_the_history(fitted):
    ds = load_history()
    y, labels = observations(ds)
    assert labels[0] == "encounters_by_origin[MEX] 2020-01"
    assert y[0] == float(ds["encounters_by_origin"].sel(origin="MEX", time="2020-01").item())
    assert isinstance(ds, xr.Dataset)
