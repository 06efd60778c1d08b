"""`sdmig forecast`: the comparison, the files it writes, and clean failures."""

import pandas as pd
import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.outputs.tables import SUMMARY_COLUMNS
from sdmig.run.forecast import OUTPUT_VARIABLES


@pytest.fixture(scope="module")
def forecast_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("forecast") / "out"
    result = CliRunner().invoke(main, ["forecast", "--out", str(out), "--quiet", "--plot", "none"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_default_forecast_prints_the_comparison_then_the_levels(forecast_dir):
    _, output = forecast_dir
    tables = [line for line in output.splitlines() if line.startswith("| ")]
    assert tables[0].startswith("| scenario | period | Δ encounters")
    periods = [line.split("|")[2].strip() for line in tables[1:5]]
    assert periods[0] == "window (2026-07..2028-12)"
    assert [p.split(" (")[0] for p in periods[1:]] == ["phase 1", "phase 2", "phase 3"]
    levels = [line for line in tables if line.startswith("| scenario | encounters")][0]
    assert len(levels.split("|")) - 2 == 1 + len(SUMMARY_COLUMNS)


def test_forecast_writes_netcdf_csv_comparison_and_summary(forecast_dir):
    out, _ = forecast_dir
    assert sorted(p.name for p in out.iterdir()) == [
        "benchmarks.csv",
        "comparison.csv",
        "forecast.csv",
        "forecast.nc",
        "summary.md",
    ]
    with xr.open_dataset(out / "forecast.nc", engine="h5netcdf") as ds:
        assert list(ds["scenario"].values) == ["baseline", "binational_phased"]
        for var in OUTPUT_VARIABLES:
            assert "units" in ds[var].attrs and "long_name" in ds[var].attrs
        # the forecast starts the month after the filtered origin (the last observed month)
        first = str(pd.Period(ds.attrs["origin"], freq="M") + 1)
        assert str(ds["time"].values[0])[:7] == first
        assert str(ds["time"].values[-1])[:7] == "2028-12"
        assert float(ds["lever_cost"].sel(scenario="baseline").sum()) == 0.0
        assert float(ds["lever_cost"].sel(scenario="binational_phased").sum()) > 0.0
        assert ds.attrs["data_sha256"] and "joint_task_forces" in ds.attrs["scenario_files"]
        total = float(ds["encounters"].sel(scenario="baseline", time=first).sum())
    tidy = pd.read_csv(out / "forecast.csv", keep_default_na=False)
    assert list(tidy.columns) == ["scenario", "variable", "time", "origin", "corridor", "value"]
    rows = tidy[
        (tidy.scenario == "baseline") & (tidy.variable == "encounters") & (tidy.time == first)
    ]
    assert len(rows) == 12
    assert rows["value"].astype(float).sum() == pytest.approx(total, rel=1e-5)
    backlog = tidy[tidy.variable == "court_backlog"]
    assert set(backlog["origin"]) == {""} and set(backlog["corridor"]) == {""}
    comparison = pd.read_csv(out / "comparison.csv")
    assert {"cost_per_avoided_crossing", "deaths", "court_backlog"} <= set(comparison.metric)
    summary = (out / "summary.md").read_text()
    for needle in (
        "2026-07 to 2028-12",
        "binational_phased",
        "calibration.json",
        "sha256",
        "Levers by phase",
        "phase 2",
        "## Benchmarks",
    ):
        assert needle in summary
    benchmarks = pd.read_csv(out / "benchmarks.csv")
    assert set(benchmarks["scenario"]) == {"binational_phased"}
    assert benchmarks["probability"].between(0, 1).all()


def test_netcdf_round_trips(forecast_dir):
    out, _ = forecast_dir
    with xr.open_dataset(out / "forecast.nc", engine="h5netcdf") as ds:
        ds.load()
        path = out.parent / "again.nc"
        ds.to_netcdf(path, engine="h5netcdf")
        with xr.open_dataset(path, engine="h5netcdf") as back:
            xr.testing.assert_identical(back.load(), ds)


def _bad_scenario(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[lever]]\nlever = "pre_screening_hub"\nstart = "2027-01"\ncapacity = -5\n')
    return ["--scenario", str(path)]


def _file_as_out(tmp_path):
    f = tmp_path / "a_file"
    f.write_text("x")
    return ["--out", str(f)]


def _non_empty_out(tmp_path):
    d = tmp_path / "full"
    d.mkdir()
    (d / "keep.txt").write_text("x")
    return ["--out", str(d)]


@pytest.mark.parametrize(
    ("make_args", "code", "message"),
    [
        (lambda p: ["--scenario", "no_such_scenario"], 1, "no_such_scenario"),
        (lambda p: ["--start", "2028-01", "--end", "2027-01"], 1, "after end"),
        (lambda p: ["--start", "2031-01"], 1, "outside the simulated range 2019-10..2028-12"),
        (lambda p: ["--end", "June"], 1, "is not a month; use YYYY-MM"),
        (lambda p: ["--members", "0"], 2, "must be at least 1"),
        (lambda p: ["--format", "xlsx"], 1, "allowed formats are nc, csv"),
        (lambda p: ["--plot", "pie"], 2, "unknown plot 'pie'"),
        (_bad_scenario, 1, "capacity = -5 is out of range"),
        (_file_as_out, 2, "is a file"),
        (_non_empty_out, 1, "is not empty; use --overwrite"),
        (lambda p: ["--out", str(p / "a_file_parent" / "x")], 1, "cannot create"),
    ],
)
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path, make_args, code, message):
    (tmp_path / "a_file_parent").write_text("not a folder")
    args = make_args(tmp_path)
    if "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["forecast", *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_overwrite_replaces_files(forecast_dir, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "summary.md").write_text("old")
    result = CliRunner().invoke(
        main,
        [
            "forecast",
            "--scenario",
            "baseline",
            "--out",
            str(out),
            "--overwrite",
            "--plot",
            "none",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "summary.md").read_text() != "old"
    assert not (out / "forecast.nc").exists() and (out / "forecast.csv").exists()
