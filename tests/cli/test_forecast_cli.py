"""`sdmig forecast`: the comparison table, the three files, and clean failures."""

import pandas as pd
import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli import main
from sdmig.forecast import OUTPUT_VARIABLES, SUMMARY_COLUMNS


@pytest.fixture(scope="module")
def forecast_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("forecast") / "out"
    result = CliRunner().invoke(main, ["forecast", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_default_forecast_prints_the_comparison_of_the_two_scenarios(forecast_dir):
    _, output = forecast_dir
    lines = [line for line in output.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| scenario | encounters")
    assert [line.split("|")[1].strip() for line in lines[1:]] == ["baseline", "binational_phased"]
    assert len(lines[0].split("|")) - 2 == 1 + len(SUMMARY_COLUMNS)


def test_forecast_writes_netcdf_csv_and_summary(forecast_dir):
    out, _ = forecast_dir
    assert sorted(p.name for p in out.iterdir()) == ["forecast.csv", "forecast.nc", "summary.md"]
    with xr.open_dataset(out / "forecast.nc", engine="h5netcdf") as ds:
        assert list(ds["scenario"].values) == ["baseline", "binational_phased"]
        for var in OUTPUT_VARIABLES:
            assert "units" in ds[var].attrs and "long_name" in ds[var].attrs
        assert str(ds["time"].values[0])[:7] == "2019-10"
        assert str(ds["time"].values[-1])[:7] == "2028-12"
        cost = ds["lever_cost"].sel(scenario="baseline").sum()
        phased_cost = ds["lever_cost"].sel(scenario="binational_phased").sum()
        assert float(cost) == 0.0 and float(phased_cost) > 0.0
        total = float(ds["encounters"].sel(scenario="baseline", time="2023-09").sum())
    tidy = pd.read_csv(out / "forecast.csv", keep_default_na=False)
    assert list(tidy.columns) == ["scenario", "variable", "time", "origin", "corridor", "value"]
    rows = tidy[
        (tidy.scenario == "baseline") & (tidy.variable == "encounters") & (tidy.time == "2023-09")
    ]
    assert len(rows) == 12
    assert rows["value"].astype(float).sum() == pytest.approx(total, rel=1e-5)
    backlog = tidy[tidy.variable == "court_backlog"]
    assert set(backlog["origin"]) == {""} and set(backlog["corridor"]) == {""}
    summary = (out / "summary.md").read_text()
    assert "2026-07 to 2028-12" in summary and "binational_phased" in summary


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "no_such_scenario"], "no_such_scenario"),
        (["--start", "2028-01", "--end", "2027-01"], "after --end"),
        (["--start", "2031-01"], "outside the simulated range 2019-10..2028-12"),
        (["--end", "June"], "is not a month; use YYYY-MM"),
    ],
)
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["forecast", "--out", str(out), *args])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
