"""Forecast ensembles on a Dask LocalCluster equal the single-process ones."""

import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.run.forecast import forecast


@pytest.fixture(scope="module")
def client():
    from sdmig.run.distributed import connect

    with connect("local", 2) as c:
        yield c


@pytest.mark.slow
def test_cluster_forecast_equals_single_process(client):
    args = dict(members=7, seed=11, end="2027-06", chunk_size=3)
    here = forecast(["baseline", "option2_asylum_reform"], **args)
    there = forecast(["baseline", "option2_asylum_reform"], client=client, **args)
    assert list(there["member"].values) == list(range(7))
    # the same draws, members and arithmetic: equal to the last bit
    assert there.attrs == here.attrs
    xr.testing.assert_equal(there, here)


@pytest.mark.slow
def test_cli_scheduler_local_runs_and_matches(tmp_path):
    common = [
        "forecast",
        "--scenario",
        "baseline",
        "--members",
        "4",
        "--seed",
        "2",
        "--end",
        "2027-06",
        "--quiet",
        "--plot",
        "none",
        "--format",
        "csv",
    ]
    a = CliRunner().invoke(main, [*common, "--out", str(tmp_path / "a")])
    b = CliRunner().invoke(
        main, [*common, "--out", str(tmp_path / "b"), "--scheduler", "local", "--workers", "2"]
    )
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    assert (tmp_path / "a" / "forecast.csv").read_bytes() == (
        tmp_path / "b" / "forecast.csv"
    ).read_bytes()
