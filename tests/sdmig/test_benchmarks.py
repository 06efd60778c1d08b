"""Scenario benchmarks: parsing with clear errors, and evaluation across members."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from sdmig.errors import ScenarioError
from sdmig.policy.benchmarks import Benchmark, evaluate, parse_benchmark
from sdmig.policy.scenario import load_scenario

RANGE = ("2019-10", "2028-12")
GOOD = {
    "name": "fewer",
    "metric": "crossings",
    "change": -0.2,
    "reference": "2026-06",
    "by": "2028-06",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"metric": "happiness"}, "metric = 'happiness' is unknown; allowed: crossings"),
        ({"by": "2031-01"}, "by = 2031-01 is outside the simulated range 2019-10..2028-12"),
        ({"by": "soon"}, "by = 'soon' is not a month"),
        ({"target": 5.0}, "give either `target`"),
        ({"change": "a lot"}, "change = 'a lot' must be a number"),
        ({"change": -3.0}, "change = -3.0 is out of range; allowed -1 to 10"),
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"direction": "sideways"}, "direction = 'sideways'; allowed: below, above"),
    ],
)
def test_bad_benchmarks_name_the_place_field_and_what_is_allowed(change, message):
    table = {**GOOD, **change}
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_benchmark(table, "plan.toml, benchmark 1", RANGE)


def test_missing_reference_for_a_change_is_an_error():
    table = {k: v for k, v in GOOD.items() if k != "reference"}
    with pytest.raises(ScenarioError, match="`change` needs `reference`"):
        parse_benchmark(table, "plan.toml, benchmark 1", RANGE)


def test_benchmarks_load_from_a_scenario_file_and_are_inherited(tmp_path):
    child = tmp_path / "child.toml"
    child.write_text(
        'extends = "binational_phased"\n[[benchmark]]\nname = "x"\n'
        'metric = "deaths"\ntarget = 10\nby = "2028-01"\n'
    )
    parent = load_scenario("binational_phased")
    loaded = load_scenario(child)
    assert loaded.benchmarks[: len(parent.benchmarks)] == parent.benchmarks
    assert loaded.benchmarks[-1] == Benchmark(name="x", metric="deaths", by="2028-01", target=10.0)


def test_bad_benchmark_in_a_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'extends = "none"\n[[benchmark]]\nname = "x"\nmetric = "deaths"\nby = "2028-01"\n'
    )
    with pytest.raises(ScenarioError, match=r"bad.toml, benchmark 1 \(x\): give either"):
        load_scenario(bad)


def _toy(values: np.ndarray) -> xr.Dataset:
    """Deaths for one scenario: members x months, from 2026-01."""
    time = pd.date_range("2026-01-01", periods=values.shape[1], freq="MS")
    da = xr.DataArray(
        values[None], dims=("scenario", "member", "time"), coords={"scenario": ["s"], "time": time}
    )
    return xr.Dataset({"court_backlog": da})


def test_evaluation_gives_probability_and_median_first_month():
    months = 24
    falling = np.linspace(100, 50, months)  # crosses 80 after ~9.2 steps
    flat = np.full(months, 100.0)
    ds = _toy(np.stack([falling, falling, flat, falling]))
    b = Benchmark(name="b", metric="court_backlog", by="2027-06", change=-0.2, reference="2026-01")
    row = evaluate(ds, "s", [b], start="2026-02").iloc[0]
    assert row["probability"] == pytest.approx(0.75)
    first = pd.Period("2026-01", "M") + int(np.argmax(falling <= 80.0))
    assert row["first_met"] == str(first)
    late = Benchmark(
        name="late", metric="court_backlog", by="2026-05", change=-0.2, reference="2026-01"
    )
    assert evaluate(ds, "s", [late], start="2026-02").iloc[0]["probability"] == 0.0
