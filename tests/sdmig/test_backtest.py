"""Backtests: a short rolling-origin run from the filtered state, its scores, and the CLI."""

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.data.history import load_history
from sdmig.errors import ForecastError
from sdmig.inference.backtest import (
    BANDS,
    BASELINES,
    MODEL_ROWS,
    SERIES,
    backtest,
    baseline_forecasts,
    observed,
)


@pytest.fixture(scope="module")
def short():
    return backtest(first="2022-08", last="2022-09", n_particles=100)


def test_short_backtest_scores_every_forecaster_in_every_band(short):
    table = short.table()
    assert set(table.index.get_level_values("forecaster")) == {*MODEL_ROWS, *BASELINES}
    assert set(table.index.get_level_values("series")) == set(SERIES)
    assert set(table.index.get_level_values("band")) == set(BANDS)
    assert table.notna().all().all()
    assert (table["MASE"] >= 0).all()
    # the reference has no skill against itself
    np.testing.assert_allclose(table.xs("seasonal_naive", level="forecaster")["CRPS skill"], 0)
    for level in ("50%", "80%", "95%"):
        assert table[level].between(0, 1).all()
    # wider intervals cover at least as often
    assert (table["95%"] >= table["80%"]).all() and (table["80%"] >= table["50%"]).all()
    text = short.format()
    assert "| status quo | 1-3 |" in text and "**OTHER**" in text


def test_scores_use_the_seasonal_naive_scale_and_the_median(short):
    data = observed(load_history())
    origin = pd.Period("2022-08", "M")
    train = data.loc[:origin, "total"].to_numpy()
    scale = np.mean(np.abs(train[12:] - train[:-12]))
    row = short.scores.query(
        "origin == '2022-08' and series == 'total' and forecaster == 'naive' and horizon == 2"
    ).iloc[0]
    actual = data.loc[origin + 2, "total"]
    # the naive median is the last value (up to the sampling error of 1,000 draws)
    assert row["error"] * scale + actual == pytest.approx(train[-1], rel=0.02)
    assert row["abs_error"] == pytest.approx(abs(row["error"]))


def test_baselines_follow_their_definitions():
    walk = np.cumsum(np.random.default_rng(0).normal(0, 0.05, 36))
    train = pd.Series(np.exp(walk) * 100)
    fc = baseline_forecasts(train, 14, n=2000)
    assert all(s.shape == (2000, 14) for s in fc.values())
    np.testing.assert_allclose(np.median(fc["naive"], axis=0), train.iloc[-1], rtol=0.02)
    seasonal = np.median(fc["seasonal_naive"], axis=0)
    np.testing.assert_allclose(seasonal[:12], train.iloc[-12:], rtol=0.02)
    # spreads grow with the horizon for the random walk
    spread = np.quantile(fc["naive"], 0.9, axis=0) - np.quantile(fc["naive"], 0.1, axis=0)
    assert spread[-1] > spread[0]


def test_origins_outside_the_history_are_refused():
    with pytest.raises(ForecastError, match="must lie inside the history"):
        backtest(first="2019-01", last="2019-02")
    with pytest.raises(ForecastError, match="not months"):
        backtest(first="2022-13", last="2023-01")


def test_cli_backtest_prints_the_table_and_writes_files(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "backtest",
            "--first",
            "2023-01",
            "--last",
            "2023-01",
            "--particles",
            "50",
            "--out",
            str(tmp_path),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "| known policy |" in result.output
    assert (tmp_path / "backtest.md").read_text().startswith("Rolling origins 2023-01..2023-01")
    assert "2020-01..2022-09 at 2023-01 (1 origin)" in result.output
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert set(scores["forecaster"]) == {*MODEL_ROWS, *BASELINES}


def test_cli_backtest_bad_origin_is_one_line():
    result = CliRunner().invoke(main, ["backtest", "--first", "2025-01", "--last", "2025-02"])
    assert result.exit_code == 1
    assert "must lie inside the history" in result.output and "Traceback" not in result.output


def test_each_origin_uses_the_short_runs_calibrations(short):
    assert short.calibrations == {
        "2022-08": ("2020-01", "2022-03"),
        "2022-09": ("2020-01", "2022-09"),
    }
    text = short.format()
    assert (
        "Calibration at each origin: the one fitted on the latest window ending at or before "
        "it (noise parameters on 2019-10 to the same end): 2020-01..2022-03 at 2022-08 "
        "(1 origin), 2020-01..2022-09 at 2022-09 (1 origin)." in text
    )
    assert "Fitted on data after the origin" not in text
    assert short.later_data_note() == ""


def test_the_table_says_which_origins_use_values_fitted_on_later_data():
    from sdmig.inference.backtest import BacktestResults

    windows = {"2023-08": ("2020-01", "2023-09"), "2023-09": ("2020-01", "2023-09")}
    res = BacktestResults(pd.DataFrame(), ("2023-08", "2023-09"), 10, calibrations=windows)
    assert res.later_data_note() == (
        "Fitted on data after the origin: the structural and noise parameters at 1 of 2 "
        "origins (2023-08)."
    )


def test_table_scores_only_the_origins_from_first_origin(short):
    late = short.table(first_origin="2022-09")
    only = short.scores[short.scores["origin"] == "2022-09"]
    mase = only[(only.series == "total") & (only.forecaster == "status quo")]
    expected = mase[mase.horizon <= 3]["abs_error"].mean()
    assert late.loc[("total", "status quo", "1-3"), "MASE"] == pytest.approx(expected)
    assert late.loc[("total", "status quo", "1-3"), "MASE"] != pytest.approx(
        short.table().loc[("total", "status quo", "1-3"), "MASE"]
    )


def test_an_origin_before_every_calibration_is_one_clear_error():
    from sdmig.inference.calibrate import CalibrationResults

    with pytest.raises(ForecastError) as err:
        backtest(first="2021-06", last="2021-07", calibrations=CalibrationResults.load())
    assert str(err.value) == (
        "no calibration ends at or before the origin 2021-06 (fit windows: 2020-01..2023-09); "
        "a forecast at an origin may use only values fitted on data up to it: start the "
        "origins later or add a calibration fitted on an earlier window "
        "(sdmig calibrate --noise --window 2020-01..YYYY-MM --out FILE)"
    )


def test_cli_backtest_before_the_first_calibration_is_one_line():
    result = CliRunner().invoke(main, ["backtest", "--first", "2021-03", "--last", "2021-04"])
    assert result.exit_code == 1
    assert "no calibration ends at or before the origin 2021-03" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
