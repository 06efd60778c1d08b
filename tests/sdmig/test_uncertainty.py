"""Ensemble forecasts: parameter draws plus observation noise, reduced to quantiles."""

import numpy as np
import pytest
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.errors import ForecastError
from sdmig.outputs.tables import QUANTILES, reduce_members, summary_table
from sdmig.run.forecast import forecast


@pytest.fixture(scope="module")
def ensemble():
    return forecast(["baseline", "option1_enforcement"], members=30, seed=5, end="2027-12")


def test_ensemble_has_members_and_reduces_to_quantiles(ensemble):
    assert ensemble.sizes["member"] == 30
    q = reduce_members(ensemble)
    assert list(q["quantile"].values) == list(QUANTILES)
    enc = q["encounters"].sum(["origin", "corridor"]).sel(scenario="baseline", time="2027-06")
    assert np.all(np.diff(enc.values) >= 0)  # quantiles are ordered
    assert q["encounters"].attrs["units"] == ensemble["encounters"].attrs["units"]


@pytest.mark.slow
def test_members_differ_and_the_same_seed_repeats_them(ensemble):
    again = forecast(["baseline", "option1_enforcement"], members=30, seed=5, end="2027-12")
    np.testing.assert_array_equal(again["encounters"].values, ensemble["encounters"].values)
    other = forecast(["baseline"], members=30, seed=6, end="2027-12")
    assert not np.array_equal(
        other["encounters"].sel(scenario="baseline").values,
        ensemble["encounters"].sel(scenario="baseline").values,
    )
    spread = ensemble["court_backlog"].sel(scenario="baseline").isel(time=-1).std("member")
    assert float(spread) > 0


def test_scenarios_share_draws_before_their_levers_start(ensemble):
    before = ensemble["court_backlog"].sel(time="2026-06")
    np.testing.assert_allclose(
        before.sel(scenario="baseline"), before.sel(scenario="option1_enforcement"), rtol=1e-12
    )


def test_summary_gives_median_and_80_percent_band(ensemble):
    table = summary_table(ensemble, "2026-07", "2027-12")
    assert table.index.names == ["scenario", "statistic"]
    deaths = table["deaths"]
    for name in ("baseline", "option1_enforcement"):
        assert deaths[(name, "p10")] <= deaths[(name, "median")] <= deaths[(name, "p90")]


def test_members_below_one_is_an_error():
    with pytest.raises(ForecastError, match="members = 0 must be at least 1"):
        forecast(["baseline"], members=0)


@pytest.mark.slow
def test_cli_ensemble_csv_is_byte_identical_under_a_seed(tmp_path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = CliRunner().invoke(
            main,
            [
                "forecast",
                "--members",
                "12",
                "--seed",
                "3",
                "--scenario",
                "baseline",
                "--out",
                str(out),
                "--quiet",
            ],
        )
        assert result.exit_code == 0, result.output
        outputs.append((out / "forecast.csv").read_bytes())
    assert outputs[0] == outputs[1]
    assert b",quantile," in outputs[0].splitlines()[0] + b","
