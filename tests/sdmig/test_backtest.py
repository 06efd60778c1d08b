"""Backtests: a short rolling-origin run, its scores, and the CLI."""

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.data.history import load_history
from sdmig.errors import ForecastError
from sdmig.inference.backtest import (
    BANDS,
    SERIES,
    backtest,
    baseline_forecasts,
    freeze_drivers,
    observed,
)
from sdmig.model.border import BorderModel


@pytest.fixture(scope="module")
def short():
    return backtest(first="2022-08", last="2022-09", n_draws=40)


def test_short_backtest_scores_every_forecaster_in_every_band(short):
    mase = short.mase
    assert set(mase.index.get_level_values("forecaster")) == {
        "model",
        "naive",
        "seasonal_naive",
        "ets",
        "sarimax",
    }
    assert set(mase.index.get_level_values("series")) == set(SERIES)
    assert list(mase.columns) == list(BANDS)

    assert mase.notna().all().all()
    assert (mase.to_numpy() >= 0).all()
    assert set(short.coverage.columns) == {"80%", "95%"}
    assert ((short.coverage >= 0) & (short.coverage <= 1)).all().all()
    assert "MASE by horizon band" in short.format()


def test_scaled_errors_are_absolute_errors_over_the_seasonal_naive_scale(short):
    data = observed(load_history())
    row = short.errors.query(
        "origin == '2022-08' and series == 'total' and forecaster == 'naive' and horizon == 2"
    )
    train = data.loc[: pd.Period("2022-08", "M"), "total"].to_numpy()
    scale = np.mean(np.abs(train[12:] - train[:-12]))
    expected = abs(train[-1] - data.loc[pd.Period("2022-10", "M"), "total"]) / scale
    assert float(row["scaled_error"].iloc[0]) == pytest.approx(expected)


def test_baselines_follow_their_definitions():
    train = pd.Series(np.arange(1.0, 37.0))
    fc = baseline_forecasts(train, 14)
    assert (fc["naive"] == 36.0).all()
    assert fc["seasonal_naive"][:12].tolist() == list(np.arange(25.0, 37.0))
    assert fc["seasonal_naive"][12] == 25.0
    assert fc["ets"].shape == fc["sarimax"].shape == (14,)


def test_freeze_drivers_holds_the_driver_after_the_origin():
    params = BorderModel(use_calibration=False).params
    frozen = freeze_drivers(params, "2022-03")["economic_driver"]
    original = params["economic_driver"]
    # knots up to 2022-01 untouched, later ones equal to each other
    np.testing.assert_array_equal(frozen[:, :5], original[:, :5])
    assert np.allclose(frozen[:, 5:], frozen[:, 5:6])
    assert not np.allclose(frozen[:, 5:], original[:, 5:])


def test_origins_outside_the_history_are_refused():
    with pytest.raises(ForecastError, match="must lie inside the history"):
        backtest(first="2019-01", last="2019-02")


def test_cli_backtest_bad_origin_is_one_line():
    result = CliRunner().invoke(main, ["backtest", "--first", "2025-01", "--last", "2025-02"])
    assert result.exit_code == 1
    assert "must lie inside the history" in result.output and "Traceback" not in result.output
