"""`sdmig forecast`: the comparison, the files it writes, and clean failures."""

import re

import pandas as pd
import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.outputs.report import check_formats
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
        "report.html",
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
    assert list(tidy.columns) == [
        "scenario",
        "variable",
        "time",
        "origin",
        "corridor",
        "factor",
        "value",
    ]
    rows = tidy[
        (tidy.scenario == "baseline") & (tidy.variable == "encounters") & (tidy.time == first)
    ]
    assert len(rows) == 12
    assert rows["value"].astype(float).sum() == pytest.approx(total, rel=1e-5)
    backlog = tidy[tidy.variable == "court_backlog"]
    assert set(backlog["origin"]) == {""} and set(backlog["corridor"]) == {""}
    push = tidy[(tidy.scenario == "baseline") & (tidy.variable == "push") & (tidy.time == first)]
    assert set(push["factor"]) == {"economic", "violence", "climate"} and len(push) == 9
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
    path.write_text(
        'extends = "baseline"\n[[lever]]\nlever = "pre_screening_hub"\nstart = "2027-01"\n'
        "capacity = -5\n"
    )
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


#: Bad input and the one line it gets: (arguments, exit status, part of the message).
BAD_INPUT = [
    (lambda p: ["--scenario", "no_such_scenario"], 1, "no_such_scenario"),
    (lambda p: ["--start", "2028-01", "--end", "2027-01"], 1, "after end = 2027-01"),
    (lambda p: ["--start", "2031-01"], 1, "outside the simulated range 2019-10..2028-12"),
    (lambda p: ["--end", "June"], 1, "is not a month; use YYYY-MM"),
    (lambda p: ["--members", "0"], 2, "'--members': 0 is not in the range x>=1"),
    (lambda p: ["--format", "xlsx"], 1, "allowed formats are nc, csv"),
    (lambda p: ["--plot", "pie"], 2, "unknown plot 'pie'; allowed: all, none, encounters"),
    (_bad_scenario, 1, "capacity = -5 is out of range"),
    (_file_as_out, 2, "is a file"),
    (_non_empty_out, 1, "is not empty; use --overwrite"),
    (lambda p: ["--out", str(p / "a_file_parent" / "x")], 1, "cannot create"),
    # added with the atomic runs
    (lambda p: ["--seed", "-1", "--members", "3"], 2, "'--seed': -1 is not in the range x>=0"),
    (lambda p: ["--seed", "1.5"], 2, "'--seed': '1.5' is not a valid integer."),
    (lambda p: ["--members", "many"], 2, "'--members': 'many' is not a valid integer."),
    (lambda p: ["--plot", "encounters", "--no-out"], 2, "--plot needs --out"),
    (lambda p: ["--format", "both"], 1, "--format = both: allowed formats are nc, csv"),
    (lambda p: ["--sed", "1"], 2, "No such option '--sed'"),
]


@pytest.mark.parametrize(("make_args", "code", "message"), BAD_INPUT)
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path, make_args, code, message):
    (tmp_path / "a_file_parent").write_text("not a folder")
    args = make_args(tmp_path)
    if "--no-out" in args:
        args.remove("--no-out")
    elif "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["forecast", *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith("Error: ")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_help_offers_only_formats_that_are_accepted():
    text = CliRunner().invoke(main, ["forecast", "--help"]).output
    help_format = " ".join(text.split("--format")[1].split("--plot")[0].split())
    assert not re.search(r"\bor both\b", help_format)  # "both" is refused (see BAD_INPUT)
    assert "nc, csv, or nc,csv for both" in help_format
    assert check_formats("nc,csv") == ("nc", "csv")


def _run_files(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # a run with fewer files replaces a run with more: none of the old files stay
        (
            ["--format", "nc,csv"],
            ["--scenario", "baseline", "--format", "csv"],
            ["forecast.csv", "report.html", "summary.md"],
        ),
        (
            ["--format", "csv"],
            ["--format", "nc"],
            ["forecast.nc", "report.html", "summary.md"],
        ),
        # a file that is not part of a run goes too: the folder holds one run
        (None, ["--format", "nc"], ["forecast.nc", "report.html", "summary.md"]),
    ],
)
def test_overwrite_leaves_exactly_one_run(tmp_path, first, second, expected):
    out = tmp_path / "o"
    common = ["forecast", "--end", "2026-12", "--out", str(out), "--plot", "none", "--quiet"]
    if first is None:
        out.mkdir()
        (out / "keep.txt").write_text("x")
    else:
        result = CliRunner().invoke(main, [*common, *first])
        assert result.exit_code == 0, result.output
        assert len(_run_files(out)) > len(expected)
    result = CliRunner().invoke(main, [*common, "--overwrite", *second])
    assert result.exit_code == 0, result.output
    assert _run_files(out) == expected
    assert _run_files(tmp_path) == ["o"]  # no staging or old folder left beside it
    summary = (out / "summary.md").read_text()
    assert ("binational_phased" in summary) == ("baseline" not in second[:2])


@pytest.mark.slow
def test_a_window_before_the_benchmarks_reference_month_is_not_evaluable():
    args = ["forecast", "--start", "2020-01", "--end", "2020-12", "--origin", "open-loop"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| binational_phased |")]
    benchmarks = [r for r in rows if "from 2026-06" in r]
    assert len(benchmarks) == 3
    assert all("| not evaluable |" in r and "100%" not in r for r in benchmarks)
    assert "ends before the reference month 2026-06" in result.output


def test_a_window_starting_before_the_origin_is_a_usage_error():
    result = CliRunner().invoke(main, ["forecast", "--origin", "2023-06", "--start", "2023-06"])
    assert result.exit_code == 2
    assert "2023-06 is not after the forecast origin 2023-06" in result.output
