"""`sdmig.forecast` returns a ForecastResults: the CLI's tables and files, from one object.

The CLI and the results object run the same ensemble (same scenarios, members and seed);
what the command prints and writes must be what the object's methods give. The ensemble's
``forecast.nc`` keeps each member's totals, so the paired comparison read back from the
file is ``comparison.csv``.
"""

import matplotlib
import numpy as np
import pandas as pd
import pytest
import xarray as xr
from click.testing import CliRunner

import sdmig
from sdmig.cli.main import main
from sdmig.errors import ForecastError
from sdmig.outputs.compare import format_comparison
from sdmig.outputs.results import ForecastResults
from sdmig.outputs.tables import format_table

pytestmark = pytest.mark.slow  # each case runs full forecasts or PySD (see README)

matplotlib.use("Agg")

MEMBERS, SEED = 5, 3


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """``sdmig forecast --members 5 --seed 3 --out D``: its output and folder."""
    out = tmp_path_factory.mktemp("cli") / "out"
    args = [
        "forecast",
        "--origin",
        "open-loop",
        "--members",
        str(MEMBERS),
        "--seed",
        str(SEED),
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(main, [*args, "--quiet", "--plot", "none"])
    assert result.exit_code == 0, result.output
    return result.output, out


@pytest.fixture(scope="module")
def results():
    return sdmig.forecast(members=MEMBERS, seed=SEED, origin="open-loop")


@pytest.fixture(scope="module")
def short():
    """A single run to 2020-06 (its window is then the whole run) and one with members."""
    return sdmig.forecast(["baseline", "binational_phased"], end="2020-06", origin="open-loop")


def _comparison_csv(folder):
    return pd.read_csv(folder / "comparison.csv", keep_default_na=False, na_values=[""])


def _assert_same_comparison(frame, csv):
    assert list(frame.columns) == list(csv.columns)
    for col in ("scenario", "period", "from", "to", "metric", "units"):
        assert frame[col].astype(str).tolist() == csv[col].astype(str).tolist(), col
    for col in ("median", "p10", "p90"):
        np.testing.assert_allclose(frame[col].astype(float), csv[col], rtol=1e-9, atol=1e-6)


def test_public_forecast_returns_results_with_the_dataset(results):
    assert isinstance(results, ForecastResults) and sdmig.ForecastResults is ForecastResults
    assert isinstance(results.dataset, xr.Dataset)
    assert results.dataset.sizes["member"] == MEMBERS
    assert results.scenario_names == ["baseline", "binational_phased"]
    assert (results.start, results.end) == ("2026-07", "2028-12")
    assert (results.members, results.seed) == (MEMBERS, SEED)


def test_compare_and_table_are_what_the_cli_prints_and_writes(cli_run, results):
    output, folder = cli_run
    comparison = results.compare()
    _assert_same_comparison(comparison, _comparison_csv(folder))
    assert comparison["p10"].lt(comparison["p90"]).any()  # paired members, not one run
    assert format_comparison(comparison) in output
    assert format_table(results.table()) in output
    assert not results.benchmarks().empty


def test_write_gives_the_folder_the_cli_writes(cli_run, results, tmp_path):
    _, cli_folder = cli_run
    written = results.write(tmp_path / "res", plots="none")
    assert sorted(p.name for p in written) == sorted(p.name for p in cli_folder.iterdir())
    for name in ("forecast.csv", "comparison.csv", "benchmarks.csv", "summary.md", "report.html"):
        assert (tmp_path / "res" / name).read_bytes() == (cli_folder / name).read_bytes(), name
    assert (tmp_path / "res" / "summary.md").read_text() == results.summary()
    with (
        xr.open_dataset(tmp_path / "res" / "forecast.nc", engine="h5netcdf") as a,
        xr.open_dataset(cli_folder / "forecast.nc", engine="h5netcdf") as b,
    ):
        xr.testing.assert_identical(a.load(), b.load())
    with pytest.raises(ForecastError, match="is not empty; use --overwrite"):
        results.write(tmp_path / "res", plots="none")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]


def test_ensemble_file_gives_the_cli_comparison_back(cli_run, results):
    _, folder = cli_run
    with xr.open_dataset(folder / "forecast.nc", engine="h5netcdf") as ds:
        assert "quantile" in ds.dims and "member" not in ds.dims  # the file reads as quantiles
        assert ds.sizes["ensemble_member"] == MEMBERS
        _assert_same_comparison(ds.sdmig.compare(), _comparison_csv(folder))
        pd.testing.assert_frame_equal(ds.sdmig.table(), results.table(), rtol=1e-12)
        # another window is recomputed from the members too
        pd.testing.assert_frame_equal(
            ds.sdmig.compare(start="2027-01", end="2027-06"),
            results.compare(start="2027-01", end="2027-06"),
            rtol=1e-12,
        )


def test_provenance_is_the_calibration_and_history_used(results, short):
    p = results.provenance
    assert p["members"] == MEMBERS and p["seed"] == SEED
    assert p["calibration"]["data_sha256"] == results.calibration.data_checksum
    assert p["calibration"]["fit_window"] == list(results.calibration.window)
    assert p["data_sha256"] == results.history.attrs["sha256"]
    assert "sdmig/data/calibration.json" in p["calibration_summary"]


def test_a_calibration_file_is_the_one_reported(short, tmp_path):
    path = short.calibration.save(tmp_path / "cal.json")
    res = sdmig.forecast(["baseline"], end="2019-12", calibration=path, origin="open-loop")
    assert str(path) in res.provenance["calibration_summary"]
    assert res.calibration.llf == short.calibration.llf
    assert str(path) in repr(res)


def test_repr_says_what_was_run(results, short):
    text = repr(results)
    assert text.startswith("<ForecastResults: 2 scenario(s), 2019-10..2028-12, 5 members, seed 3>")
    assert "window:      2026-07..2028-12" in text and "binational_phased" in text
    assert ".compare()" in text and "calibration.json" in text
    assert "single run" in repr(short) and "2019-10..2020-06" in repr(short)


def test_a_short_run_reports_its_whole_run_and_rereads_from_the_file(short, tmp_path):
    assert (short.start, short.end) == ("2019-10", "2020-06")
    comparison = short.compare()
    assert set(comparison["period"]) == {"window"}  # the phases start after 2020
    short.write(tmp_path / "o", formats="nc", plots="none")
    with xr.open_dataset(tmp_path / "o" / "forecast.nc", engine="h5netcdf") as ds:
        assert (ds.attrs["report_start"], ds.attrs["report_end"]) == ("2019-10", "2020-06")
        pd.testing.assert_frame_equal(ds.sdmig.compare(), comparison)
    fig = short.plot("encounters")
    assert isinstance(fig, matplotlib.figure.Figure)
    assert "2019-10 to 2020-06" in short.summary()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"window": ("2020-01", "2021-01")}, "window end = 2021-01 is outside"),
        ({"window": ("2020-05", "2020-01")}, "window start = 2020-05 is after window end"),
        ({"window": "2020-01"}, "window = '2020-01' must be two months"),
    ],
)
def test_a_bad_window_fails_before_the_run(kwargs, message):
    with pytest.raises(ForecastError, match=message):
        sdmig.forecast(["baseline"], end="2020-06", origin="open-loop", **kwargs)


def test_methods_check_their_arguments(short):
    with pytest.raises(ForecastError, match="outside the forecast"):
        short.table(start="2026-07")
    with pytest.raises(ForecastError, match="baseline = 'nope' is not a scenario of the forecast"):
        short.compare(baseline="nope")
    with pytest.raises(ForecastError, match="plot kind = 'pie' is unknown"):
        short.plot("pie")


def test_write_names_the_python_argument_for_an_unknown_format():
    from sdmig.errors import ForecastError
    from sdmig.outputs.report import check_formats

    with pytest.raises(ForecastError, match=r"^formats = xlsx: allowed formats are nc, csv"):
        check_formats("xlsx")
