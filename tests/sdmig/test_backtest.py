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
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert set(scores["forecaster"]) == {*MODEL_ROWS, *BASELINES}


def test_cli_backtest_bad_origin_is_one_line():
    result = CliRunner().invoke(main, ["backtest", "--first", "2025-01", "--last", "2025-02"])
    assert result.exit_code == 1
    assert "must lie inside the history" in result.output and "Traceback" not in result.output


def test_the_table_says_which_origins_use_values_fitted_on_later_data():
    import pandas as pd

    from sdmig.inference.backtest import BacktestResults

    res = BacktestResults(pd.DataFrame(), ("2021-10", "2024-06"), 10, fit_window=FIT)
    assert res.later_data_note().startswith(
        "Fitted on data after the origin: the structural parameters (window 2020-01..2023-09) "
        "and the noise parameters (2019-10..2023-09) at the 23 of 33 origins before 2023-09"
    )


FIT = ("2020-01", "2023-09")


def test_origins_after_the_fit_window_are_scored_apart(short):
    from dataclasses import replace

    # pretend the fit window ended at the second origin: only its scores count there
    res = replace(short, fit_window=("2020-01", "2022-09"))
    late = res.table(first_origin="2022-09")
    only = short.scores[short.scores["origin"] == "2022-09"]
    mase = only[(only.series == "total") & (only.forecaster == "status quo")]
    expected = mase[mase.horizon <= 3]["abs_error"].mean()
    assert late.loc[("total", "status quo", "1-3"), "MASE"] == pytest.approx(expected)
    assert "**total, origins 2022-09..2022-09 only: nothing in the model" in res.format()
    assert "origins 2022-09" not in replace(short, fit_window=("2020-01", "2023-09")).format()
