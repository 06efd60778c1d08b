"""Global sensitivity: known indices of analytic functions, factors, and the model."""

import numpy as np
import pytest

from sdmig.errors import SensitivityError
from sdmig.model.border import START, BorderModel
from sdmig.outputs.sensitivity import format_ranked, plot_indices, ranked_table
from sdmig.policy.scenario import load_scenario
from sdmig.run.factors import Factor, default_factors, factor_values, make_factor
from sdmig.run.sensitivity import analyze, sample, sensitivity

PI = float(np.pi)


@pytest.fixture(scope="module")
def model():
    return BorderModel()


@pytest.fixture(scope="module")
def phased():
    return load_scenario("binational_phased")


def ishigami(X, a=7.0, b=0.1):
    return np.sin(X[:, 0]) + a * np.sin(X[:, 1]) ** 2 + b * X[:, 2] ** 4 * np.sin(X[:, 0])


def ishigami_indices(a=7.0, b=0.1):
    """Analytic first-order and total indices (Ishigami and Homma, 1990)."""
    v1 = 0.5 * (1 + b * PI**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * PI**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def uniform_factors(bounds):
    return [Factor(f"x{i + 1}", "parameter", lo, hi) for i, (lo, hi) in enumerate(bounds)]


def test_sobol_indices_of_the_ishigami_function():
    factors = uniform_factors([(-PI, PI)] * 3)
    ds = analyze(ishigami, factors, method="sobol", n_base=2048, seed=1)
    s1, st = ishigami_indices()  # S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244
    np.testing.assert_allclose(ds["S1"].sel(outcome="y").values, s1, atol=0.04)
    np.testing.assert_allclose(ds["ST"].sel(outcome="y").values, st, atol=0.04)
    assert (ds["S1_conf"] > 0).all() and (ds["ST_conf"] < 0.15).all()
    assert ds.attrs["n_runs"] == 2048 * 5
    assert list(ranked_table(ds).index) == ["x1", "x2", "x3"]


def test_sobol_indices_of_a_linear_function_with_two_outcomes():
    a = np.array([1.0, 2.0, 0.0, 4.0])
    factors = uniform_factors([(0, 1), (0, 2), (0, 1), (1, 2)])
    widths = np.array([1.0, 2.0, 1.0, 1.0])
    share = (a * widths) ** 2 / ((a * widths) ** 2).sum()  # S1 = ST for an additive model
    ds = analyze(
        lambda X: np.stack([X @ a, -3 * X @ a + 5], axis=1),
        factors,
        outcomes=["y", "z"],
        n_base=1024,
    )
    for out in ("y", "z"):
        np.testing.assert_allclose(ds["S1"].sel(outcome=out), share, atol=0.03)
        np.testing.assert_allclose(ds["ST"].sel(outcome=out), share, atol=0.03)
    assert ds["ST"].sel(outcome="y", factor="x3") == 0.0


def test_morris_measures_of_a_linear_function():
    a = np.array([1.0, -2.0, 0.5])
    factors = uniform_factors([(0, 1), (0, 2), (10, 14)])
    ds = analyze(lambda X: X @ a, factors, method="morris", n_base=20, seed=3)
    # each elementary effect is a_i times the factor's range (SALib works on the unit cube)
    np.testing.assert_allclose(ds["mu_star"].sel(outcome="y"), [1.0, 4.0, 2.0], rtol=1e-9)
    np.testing.assert_allclose(ds["mu"].sel(outcome="y"), [1.0, -4.0, 2.0], rtol=1e-9)
    np.testing.assert_allclose(ds["sigma"].sel(outcome="y"), 0.0, atol=1e-9)
    assert list(ranked_table(ds).index) == ["x2", "x3", "x1"]


def test_factors_and_their_default_ranges(model, phased):
    f = make_factor(model, phased, "enforcement_deterrence")
    assert (f.kind, f.low, f.high, f.base) == ("parameter", 0.4, 0.6, 0.5)
    f = make_factor(model, phased, "economic_driver[NTCA,2021-07]", low=5, high=15)
    assert f.index == (1, 3) and f.kind == "parameter"
    f = make_factor(model, phased, "base_departures")
    assert (f.kind, f.low, f.high, f.units) == ("scale", 0.8, 1.2, "1")
    f = make_factor(model, phased, "apprehension_prob", spread=0.9)  # capped by the bounds
    assert f.kind == "scale" and f.high < 1.9
    assert f.high * float(np.max(model.params["apprehension_prob"])) == pytest.approx(1.0)
    f = make_factor(model, phased, "pre_screening_hub.capacity")
    assert (f.kind, f.low, f.high, f.units) == ("lever", 6400, 9600, "people/month")
    assert f.describe() == "6,400 to 9,600 people/month"
    f = make_factor(model, phased, "joint_task_forces.start", low=-3, high=2)
    assert (f.kind, f.low, f.high) == ("timing", -3, 2) and f.start == 81.0 and f.end is None
    assert f.describe() == "shift -3 to 2 months"
    names = [f.name for f in default_factors(model, phased)]
    assert "base_departures[MEX]" in names and "joint_oversight.start" in names
    assert not any(n.startswith(("title42", "covid")) for n in names)  # history, not policy


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("nope", {}, "'nope' is not a model parameter"),
        ("base_departures[XX]", {}, "'XX' is not a label of 'origin'"),
        ("economic_driver[MEX]", {}, r"give one label for each, e.g. economic_driver\[MEX,"),
        ("season_amplitude", {"low": 0.0, "high": 2.0}, "leaves the allowed range 0 to 0.9"),
        ("season_amplitude", {"low": 0.5, "high": 0.5}, "low below high"),
        ("hub.capacity", {}, "no lever labelled 'hub'"),
        ("pre_screening_hub.colour", {}, "has no parameter 'colour'; allowed: capacity, start"),
        ("pre_screening_hub.start", {"low": -1.5, "high": 2}, "whole months"),
    ],
)
def test_bad_factors(model, phased, name, options, message):
    with pytest.raises(SensitivityError, match=message):
        make_factor(model, phased, name, **options)


def test_lever_factors_need_a_scenario(model):
    with pytest.raises(SensitivityError, match="no scenario is given"):
        make_factor(model, None, "pre_screening_hub.capacity")


def test_sample_sizes_and_seeds():
    factors = uniform_factors([(0, 1)] * 3)
    with pytest.raises(SensitivityError, match=r"power of 2 .* \(e.g. 64 or 128\)"):
        sample(factors, n_base=100)
    with pytest.raises(SensitivityError, match="one of"):
        sample(factors, method="fast")
    with pytest.raises(SensitivityError, match="distinct"):
        sample([*factors, factors[0]])
    assert sample(factors, method="morris", n_base=5).shape == (20, 3)
    np.testing.assert_array_equal(sample(factors, seed=4), sample(factors, seed=4))
    assert not np.array_equal(sample(factors, seed=4), sample(factors, seed=5))


def test_factor_values_turn_a_sample_into_members_values(model, phased):
    factors = [
        make_factor(model, phased, "season_peak"),
        make_factor(model, phased, "base_departures[NTCA]"),
        make_factor(model, phased, "base_departures"),
        make_factor(model, phased, "pre_screening_hub.capacity"),
        make_factor(model, phased, "title42_2021.start", low=-2, high=2),
    ]
    X = np.array([[5.0, 10_000.0, 1.1, 7000.0, -1.4], [6.0, 12_000.0, 0.9, 9000.0, 2.5]])
    v = factor_values(model, factors, X)
    base = model.params["base_departures"]
    np.testing.assert_array_equal(v["season_peak"], [5.0, 6.0])
    np.testing.assert_allclose(v["base_departures"][:, 1], [11_000.0, 10_800.0])
    np.testing.assert_allclose(v["base_departures"][:, 0], base[0] * np.array([1.1, 0.9]))
    np.testing.assert_array_equal(v["pre_screening_hub.capacity"], [7000.0, 9000.0])
    t42 = phased.levers[phased.labels.index("title42_2021")].in_months(START).timing
    np.testing.assert_array_equal(v["title42_2021.start"], t42.start + np.array([-1.0, 2.0]))
    np.testing.assert_array_equal(v["title42_2021.end"], t42.end + np.array([-1.0, 2.0]))


def test_sensitivity_of_the_model_ranks_what_acts_before_the_window_ends(model, phased, tmp_path):
    # joint oversight starts in 2027-10 and the hub, shifted by up to 3 months, in 2026-10
    # at the earliest: after the window, so neither can matter
    factors = [
        "base_departures",
        "joint_oversight.effectiveness",
        make_factor(model, phased, "pre_screening_hub.start", low=-3, high=3),
        "humanitarian_safeguards.averted",
    ]
    ds = sensitivity(
        model, phased, factors, ["deaths", "court_backlog"], n_base=16,
        window=("2026-07", "2026-09"), solver="euler", dt=1.0, chunk_size=50,
    )  # fmt: skip
    assert ds.attrs["n_runs"] == 16 * 6
    for out in ("deaths", "court_backlog"):
        st = ds["ST"].sel(outcome=out)
        assert st.sel(factor="joint_oversight.effectiveness") == 0.0
        assert st.sel(factor="pre_screening_hub.start") == 0.0
        assert ranked_table(ds, out).index[0] == "base_departures"
    assert ds["ST"].sel(outcome="deaths", factor="humanitarian_safeguards.averted") > 0
    assert ds["ST"].sel(outcome="court_backlog", factor="humanitarian_safeguards.averted") < 0.01
    text = format_ranked(ds)
    assert "deaths (sum over the window)" in text and "court_backlog (at the end)" in text
    assert "| 1 | base_departures | x 0.8 to 1.2 |" in text
    png = plot_indices(ds, tmp_path / "s.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s.png"]  # no temporary file left
