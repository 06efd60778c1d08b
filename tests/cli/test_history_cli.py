"""`--history DIR`, `--window` and `--calibration FILE` on the command line: the data and
calibration a run uses, recorded in its provenance, and one clear error for bad input."""

import json
import shutil
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.data.history import HISTORY_FILES, history_checksum
from sdmig.inference.calibrate import FREE_NAMES, CalibrationResults
from sdmig.run.forecast import forecast

DATA = Path(str(files("sdmig.data")))
MONTHLY = "cbp_sw_encounters_monthly.csv"
FORECAST = ["forecast", "--scenario", "baseline", "--quiet", "--plot", "none", "--format", "nc"]


def extended_history(folder: Path) -> Path:
    """A history folder whose monthly file runs one month past the shipped end (2025-01)."""
    folder.mkdir()
    shutil.copy(DATA / MONTHLY, folder / MONTHLY)
    values = {"total": 61_000, "usbp_total": 29_000, "ofo_total": 32_000, "title8_total": 61_000}
    with open(folder / MONTHLY, "a", encoding="utf-8") as fh:
        for series in (
            "total",
            "usbp_total",
            "ofo_total",
            "title8_total",
            "title42_total",
            "usbp_title8_apprehensions",
            "usbp_title42_expulsions",
            "ofo_title8_inadmissibles",
            "ofo_title42_expulsions",
        ):
            fh.write(f"2025-01,2025,{series},{values.get(series, 0)},user_update\n")
    return folder


def bad_history(folder: Path) -> tuple[Path, str]:
    """A complete history folder with a negative count; the message it must give."""
    folder.mkdir()
    for name in HISTORY_FILES:
        shutil.copy(DATA / name, folder / name)
    path = folder / MONTHLY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2022-12,2023,total,252315,", "2022-12,2023,total,-1,"))
    line = 1 + text.split("\n").index(
        next(t for t in text.split("\n") if t.startswith("2022-12,2023,total,"))
    )
    return folder, f"{path}, line {line}: value = '-1' for total is negative; counts must be >= 0."


def run(args):
    return CliRunner().invoke(main, args)


def files_under(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


# --- forecast --history ---------------------------------------------------------------------


def test_forecast_provenance_comes_from_the_history_folder(tmp_path):
    folder = extended_history(tmp_path / "hist")
    result = run([*FORECAST, "--history", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with xr.open_dataset(tmp_path / "out" / "forecast.nc", engine="h5netcdf") as ds:
        assert ds.attrs["data_sha256"] == history_checksum(folder) != history_checksum()
        assert ds.attrs["data_vintage"].startswith(f"{folder}: {MONTHLY}")
        assert "2018-10..2025-01" in ds.attrs["data_vintage"]
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert history_checksum(folder)[:16] in summary


@pytest.mark.parametrize("command", ["forecast", "calibrate"])
def test_bad_history_folder_is_one_error_and_writes_nothing(tmp_path, command):
    folder, message = bad_history(tmp_path / "hist")
    out = tmp_path / ("out" if command == "forecast" else "cal.json")
    args = [*FORECAST] if command == "forecast" else ["calibrate", "--quiet"]
    before = files_under(tmp_path)
    result = run([*args, "--history", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.strip() == f"Error: {message}"
    assert files_under(tmp_path) == before


def test_missing_history_folder_is_one_error(tmp_path):
    result = run([*FORECAST, "--history", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere: file not found" in result.output and "Traceback" not in result.output


# --- calibrate --window ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ("2020-01:2023-09", "--window = 2020-01:2023-09 is not a window; expected two months"),
        ("2019-06..2023-09", "--window = 2019-06..2023-09 starts before 2020-01"),
        ("2020-01..2025-06", "--window = 2020-01..2025-06 ends after the history"),
        ("2022-01..2022-03", "--window = 2022-01..2022-03 holds 3 months"),
    ],
)
def test_bad_window_is_one_error_naming_the_option(tmp_path, window, message):
    out = tmp_path / "cal.json"
    result = run(["calibrate", "--quiet", "--window", window, "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {message}")
    if "not a window" not in message:
        assert "allowed: months in 2020-01..2024-11, at least 12 of them" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")
def test_calibrate_on_a_window_of_a_history_folder_saves_the_window(tmp_path):
    """A short fit stopped after two iterations: what is checked is the window it records."""
    folder = extended_history(tmp_path / "hist")
    out = tmp_path / "cal.json"
    args = ["calibrate", "--quiet", "--history", str(folder), "--window", "2022-01..2022-12"]
    result = run([*args, "--maxiter", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Fit window:        2022-01..2022-12" in result.output
    saved = json.loads(out.read_text())
    assert saved["fit_window"] == ["2022-01", "2022-12"]
    assert saved["data_sha256"] == history_checksum(folder)


# --- forecast --calibration -----------------------------------------------------------------


@pytest.fixture(scope="module")
def other_calibration(tmp_path_factory):
    """The shipped calibration with 20 % fewer Mexican departures, saved to a file."""
    cal = CalibrationResults.load()
    j = FREE_NAMES.index("base_departures[MEX]")
    cal.theta[j] += np.log(0.8)
    return cal.save(tmp_path_factory.mktemp("cal") / "other.json")


@pytest.mark.slow
def test_forecast_with_a_saved_calibration_uses_its_parameters(tmp_path, other_calibration):
    outs = {}
    for name, extra in (("default", []), ("other", ["--calibration", str(other_calibration)])):
        # open loop from 2019-10: from the filtered state the level would absorb the change
        result = run([*FORECAST, "--origin", "open-loop", "--out", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output
        with xr.open_dataset(tmp_path / name / "forecast.nc", engine="h5netcdf") as ds:
            outs[name] = ds.load()
    mex = {
        k: float(v["departures"].sel(origin="MEX", time="2020-06").sum()) for k, v in outs.items()
    }
    assert mex["other"] == pytest.approx(0.8 * mex["default"], rel=0.02)
    summary = json.loads(outs["other"].attrs["calibration"])
    assert summary["params"]["base_departures[MEX]"] == pytest.approx(
        0.8 * CalibrationResults.load().params["base_departures[MEX]"]
    )
    assert summary["fit_window"] == ["2020-01", "2023-09"]
    assert str(other_calibration) in outs["other"].attrs["calibration_summary"]
    assert "sdmig/data/calibration.json" in outs["default"].attrs["calibration_summary"]
    assert str(other_calibration) in (tmp_path / "other" / "summary.md").read_text()


def test_saved_calibration_round_trips_into_the_draws(other_calibration):
    """A calibration file gives the same members as the object it was saved from."""
    from_file = forecast(
        ["baseline"], members=3, seed=5, end="2020-12", calibration=other_calibration
    )
    obj = CalibrationResults.load(other_calibration)
    from_object = forecast(["baseline"], members=3, seed=5, end="2020-12", calibration=obj)
    xr.testing.assert_identical(from_file.drop_attrs(), from_object.drop_attrs())
    shipped = forecast(["baseline"], members=3, seed=5, end="2020-12")
    assert not np.allclose(shipped["encounters"], from_file["encounters"])


def test_bad_calibration_file_is_one_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "cal.json"
    bad.write_text(json.dumps({"names": ["x"]}))
    before = files_under(tmp_path)
    result = run([*FORECAST, "--calibration", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        f"Error: calibration {bad} was made for other free parameters; run 'sdmig calibrate' again"
    )
    assert files_under(tmp_path) == before
