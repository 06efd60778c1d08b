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
    bad.write_text('[[benchmark]]\nname = "x"\nmetric = "deaths"\nby = "2028-01"\n')
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


def _step_down() -> xr.Dataset:
    """Backlog 10 before 2026-06 (low, but before the reference), 100 from 2026-06, then
    falling by 5 a month from 2026-09: at or below 80 from 2026-12 (one member) or never
    (the other, flat at 100)."""
    months = 24
    falling = np.r_[np.full(5, 10.0), np.full(3, 100.0), 100.0 - 5.0 * np.arange(1, 17)]
    flat = np.r_[np.full(5, 10.0), np.full(months - 5, 100.0)]
    return _toy(np.stack([falling, flat]))


RELATIVE = {"change": -0.2, "reference": "2026-06"}


@pytest.mark.parametrize(
    ("benchmark", "window", "evaluated", "probability", "first_met", "note"),
    [
        # months before the reference month do not count, though the window starts earlier
        (
            dict(RELATIVE, by="2027-06"),
            ("2026-01", "2027-12"),
            "2026-06..2027-06",
            0.5,
            "2026-12",
            "",
        ),
        # a window that ends before the reference month says nothing about the benchmark
        (
            dict(RELATIVE, by="2027-06"),
            ("2026-01", "2026-05"),
            "",
            None,
            "",
            "not evaluable: the window 2026-01..2026-05 ends before the reference month 2026-06",
        ),
        # a window that starts after the benchmark's date cannot see it met in time
        (
            dict(RELATIVE, by="2026-10"),
            ("2026-11", "2027-12"),
            "",
            None,
            "",
            "not evaluable: the window 2026-11..2027-12 starts after 2026-10",
        ),
        # a window that ends before the date is evaluated to its end, and says so
        (
            dict(RELATIVE, by="2027-06"),
            ("2026-07", "2026-11"),
            "2026-07..2026-11",
            0.0,
            "",
            "evaluated to the window's end 2026-11 only, before 2027-06",
        ),
        # a level target has no reference month: the window's first month counts
        (
            {"target": 50.0, "by": "2027-12"},
            ("2026-01", "2027-12"),
            "2026-01..2027-12",
            1.0,
            "2026-01",
            "",
        ),
        (
            {"target": 50.0, "by": "2027-12"},
            ("2026-06", "2027-12"),
            "2026-06..2027-12",
            0.5,
            "2027-06",
            "",
        ),
    ],
)
def test_benchmarks_count_only_months_on_or_after_the_reference(
    benchmark, window, evaluated, probability, first_met, note
):
    b = Benchmark(name="b", metric="court_backlog", **benchmark)
    row = evaluate(_step_down(), "s", [b], start=window[0], end=window[1]).iloc[0]
    assert row["evaluated"] == evaluated
    if probability is None:
        assert np.isnan(row["probability"])
    else:
        assert row["probability"] == pytest.approx(probability)
    assert row["first_met"] == first_met
    assert row["note"] == note
