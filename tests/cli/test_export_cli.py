"""`sdmig export` and `sdmig import`: both directions from the command line."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from click.testing import CliRunner

from sdmig.cli.main import main

ROOT = Path(__file__).parents[2]
SHELTERS = ROOT / "examples" / "pysd_model"
NS = {"x": "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    out = folder / "border.xmile"
    result = CliRunner().invoke(main, ["export", "--end", "2020-06", str(out)])
    assert result.exit_code == 0, result.output
    return folder, out, result


def test_export_writes_one_xmile_file(exported):
    folder, out, result = exported
    assert sorted(p.name for p in folder.iterdir()) == ["border.xmile"]
    assert result.output.startswith(f"wrote {out} (xmile, scenario baseline, 2019-10..2020-06")
    assert "inputs as time series: covid_mobility" in result.output
    doc = ET.parse(out).getroot()
    assert doc.find("x:sim_specs/x:stop", NS).text == "9"
    assert doc.find("x:header/x:name", NS).text.endswith("scenario baseline")


@pytest.mark.slow
def test_exported_file_runs_in_pysd_as_in_sdmig(exported):
    from sdmig.model.border import BorderModel
    from sdmig.policy.scenario import load_scenario
    from stockflow.interop.xmile import euler_reference, pysd_dataset

    _, out, _ = exported
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pysd

        df = pysd.read_xmile(str(out)).run(return_timestamps=list(range(10)))
    model = BorderModel()
    bound = load_scenario("baseline").bind(model.stockflow_model)
    ref = euler_reference(bound.compiled(), "2020-06", inputs=bound.inputs)
    got = pysd_dataset(df, model.stockflow_model)
    # stocks at month ends; flows (encounters are month totals) are compared with PySD in
    # tests/stockflow/test_xmile.py
    for name in ("waiting", "court_backlog", "push", "in_transit", "judges"):
        np.testing.assert_allclose(got[name].values[1:], ref[name].values, rtol=1e-6)


def test_export_notes_state_aware_levers(tmp_path):
    scenario = tmp_path / "compact.toml"
    scenario.write_text(
        'name = "compact"\nextends = "baseline"\n\n[[lever]]\n'
        'lever = "northern_triangle_compact"\nstart = "2020-02"\n'
    )
    out = tmp_path / "compact.xmile"
    result = CliRunner().invoke(
        main, ["export", "--scenario", str(scenario), "--end", "2020-04", str(out)]
    )
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "read the model's state" in line)
    assert "development_spending" in note  # the compact's aid (entry_suspension: triggered)
    assert "sampled from a stockflow Euler run" in out.read_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--end", "2031-01"], 1, "--end 2031-01 is outside the simulated range 2019-10..2028-12"),
        (["--end", "June"], 1, "--end 'June' is not a month; use YYYY-MM"),
        (["--scenario", "no_such_scenario"], 1, "no scenario 'no_such_scenario'"),
        (["--format", "mdl"], 2, "Invalid value for '--format'"),
        (["--dt", "0"], 2, "Invalid value for '--dt'"),
    ],
)
def test_export_fails_cleanly(tmp_path, args, code, message):
    out = tmp_path / "m.xmile"
    result = CliRunner().invoke(main, ["export", *args, str(out)])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path / "nowhere" / "m.xmile")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


# ----------------------------------------------------------------------- import
def test_import_runs_a_vensim_model_under_a_scenario(tmp_path):
    out = tmp_path / "run.nc"
    result = CliRunner().invoke(
        main,
        [
            "import",
            str(SHELTERS / "shelters.mdl"),
            "--start",
            "2024-01",
            "--input",
            "shelter capacity",
            "--input",
            "arrival rate",
            "--scenario",
            str(SHELTERS / "expand_shelters.toml"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "imported shelters.mdl: 4 stocks, 5 flows" in result.output
    assert "2 policy inputs" in result.output
    assert "stocks at the end of 2025-12 under scenario expand_shelters (euler):" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.nc"]
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert ds.attrs["scenario"] == "expand_shelters"
        assert float(ds.shelter_capacity.sel(city="north").isel(time=-1)) == pytest.approx(1800)
        assert float(ds.lever_cost.sum()) > 0


def test_import_lists_what_cannot_be_translated(tmp_path):
    model = tmp_path / "random.mdl"
    model.write_text(
        (SHELTERS / "shelters.mdl")
        .read_text()
        .replace("SMOOTH(crowding[city], perception time)", "RANDOM UNIFORM(0, 1, 0)")
    )
    result = CliRunner().invoke(main, ["import", str(model)])
    assert result.exit_code == 1
    assert "1 variable(s) cannot be translated" in result.output
    assert "perceived crowding: function RANDOM_UNIFORM is not supported" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input", "waiting"], "input 'waiting' is not a constant"),
        (["--start", "soon"], "--start 'soon' is not a month"),
        (["--scenario", "missing.toml"], "missing.toml"),
    ],
)
def test_import_fails_cleanly(args, message):
    result = CliRunner().invoke(main, ["import", str(SHELTERS / "shelters.mdl"), *args])
    assert result.exit_code == 1, result.output
    assert message in result.output
