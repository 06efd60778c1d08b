"""Ensembles in one process: chunked runs, exact quantiles, seeds, lever values, errors.

(Named ``test_ensembles.py`` because ``tests/stockflow/test_ensemble.py`` exists and the
test folders are not packages.)
"""

import numpy as np
import pytest
import xarray as xr

from sdmig.errors import ForecastError
from sdmig.model.border import BorderModel
from sdmig.policy.scenario import load_scenario
from sdmig.run.ensemble import member_outcomes, run_ensemble

END = "2021-06"  # short, coarse runs keep the suite fast (dt 1 is inaccurate; fine here)
FAST = {"end": END, "method": "euler", "dt": 1.0}


@pytest.fixture(scope="module")
def model():
    return BorderModel()


@pytest.fixture(scope="module")
def phased():
    return load_scenario("binational_phased")


def draw(n, rng):
    return {
        "enforcement_deterrence": rng.uniform(0.3, 0.7, n),
        "base_departures": np.array([21_000.0, 14_000.0, 6_100.0]) * rng.uniform(0.8, 1.2, (n, 1)),
        "covid_restrictions.mobility_factor": rng.uniform(0.3, 0.6, n),
    }


def test_quantiles_equal_numpy_quantiles_of_the_gathered_members(model, phased):
    ds = run_ensemble(
        model, phased, draw, n_members=37, chunk_size=10, seed=3, by=("origin",),
        return_members=True, **FAST,
    )  # fmt: skip
    assert ds.attrs["n_members"] == 37
    for v in ("encounters", "deaths", "court_backlog"):
        members = ds[f"{v}_member"].values
        assert members.shape[0] == 37
        expected = np.quantile(members, ds["quantile"].values, axis=0)
        np.testing.assert_array_equal(ds[v].values, expected)
        np.testing.assert_allclose(ds[f"{v}_mean"].values, members.mean(axis=0), rtol=1e-12)
        np.testing.assert_allclose(
            ds[f"{v}_std"].values, members.std(axis=0, ddof=1), rtol=1e-6, atol=1e-6
        )
    assert ds["encounters"].dims == ("quantile", "time", "origin")
    assert ds["court_backlog"].dims == ("quantile", "time")  # it has no origin
    assert ds["encounters"].attrs["cell_methods"] == (
        "time: sum (month total) corridor: sum member: quantile"
    )
    assert ds["court_backlog"].attrs["cell_methods"] == "member: quantile"


def test_member_k_is_the_single_run_with_member_ks_values(model, phased):
    values = draw(4, np.random.default_rng(0))
    ds = run_ensemble(model, phased, values, chunk_size=3, return_members=True, **FAST)
    for k in (0, 3):
        params = {n: v[k : k + 1] for n, v in values.items() if "." not in n}
        factor = values["covid_restrictions.mobility_factor"][k : k + 1]
        bound = phased.bind(
            model.stockflow_model, member_values={"covid_restrictions": {"mobility_factor": factor}}
        )
        one = bound.simulate(
            END, params=params, method="euler", dt=1.0, variables=["encounters", "deaths"]
        )
        for v in ("encounters", "deaths"):
            np.testing.assert_array_equal(
                ds[f"{v}_member"].values[k], one[v].values[0].sum(axis=(1, 2))
            )


def test_a_seed_reproduces_the_ensemble_and_another_seed_does_not(model, phased):
    kw = {"n_members": 12, "chunk_size": 5, "variables": ["encounters"], **FAST}
    a = run_ensemble(model, phased, draw, seed=7, **kw)
    b = run_ensemble(model, phased, draw, seed=7, **kw)
    c = run_ensemble(model, phased, draw, seed=8, **kw)
    xr.testing.assert_identical(a, b)
    assert not np.array_equal(a["encounters"].values, c["encounters"].values)
    fresh = run_ensemble(model, phased, draw, **kw)  # fresh entropy, recorded
    again = run_ensemble(model, phased, draw, seed=int(fresh.attrs["seed_entropy"]), **kw)
    xr.testing.assert_identical(fresh, again)


def test_given_values_do_not_depend_on_the_chunk_size(model, phased):
    values = draw(9, np.random.default_rng(1))
    kw = {"variables": ["encounters", "court_backlog"], **FAST}
    a = run_ensemble(model, phased, values, chunk_size=2, **kw)
    b = run_ensemble(model, phased, values, chunk_size=9, **kw)
    for v in kw["variables"]:  # the quantiles exactly; the merged moments to rounding
        xr.testing.assert_equal(a[v], b[v])
        xr.testing.assert_allclose(a[f"{v}_mean"], b[f"{v}_mean"], rtol=1e-12)
        xr.testing.assert_allclose(a[f"{v}_std"], b[f"{v}_std"], rtol=1e-6)


def test_window_and_progress(model):
    done = []
    ds = run_ensemble(
        model, None, {"season_peak": np.linspace(4, 7, 5)}, window=("2020-07", "2020-12"),
        chunk_size=2, quantiles=[0.5], variables=["crossings"],
        progress=lambda k, n: done.append((k, n)), **FAST,
    )  # fmt: skip
    assert [str(t)[:7] for t in ds["time"].values] == [f"2020-{m:02d}" for m in range(7, 13)]
    assert done == [(2, 5), (4, 5), (5, 5)]
    assert ds.attrs["scenario"] == ""


def test_member_outcomes_are_window_totals_and_end_values(model, phased):
    kw = {"n_members": 6, "chunk_size": 4, "seed": 2, "method": "euler", "dt": 1.0}
    window = ("2020-07", "2021-06")
    out = member_outcomes(model, phased, draw, ["encounters", "court_backlog"], window=window, **kw)
    ds = run_ensemble(
        model, phased, draw, variables=["encounters", "court_backlog"], window=window,
        end=window[1], return_members=True, **kw,
    )  # fmt: skip
    np.testing.assert_allclose(out["encounters"], ds["encounters_member"].sum("time"), rtol=1e-12)
    np.testing.assert_array_equal(out["court_backlog"], ds["court_backlog_member"][:, -1])
    assert out["encounters"].attrs["how"] == "sum"
    assert out["encounters"].attrs["units"] == "encounters"
    assert out["court_backlog"].attrs["how"] == "last"
    with pytest.raises(ForecastError, match="outcome 'colour' is not an output"):
        member_outcomes(model, phased, draw, ["colour"], window=window, **kw)


@pytest.mark.parametrize(
    ("draws", "options", "message"),
    [
        ({"nope": np.ones(3)}, {}, "'nope' is neither a model parameter"),
        ({"season_peak": np.ones((3, 2))}, {}, r"shape \(3, 2\) does not fit \(3,\)"),
        ({"season_peak": np.ones(3), "route_danger": np.ones(4)}, {}, "same leading member"),
        ({"season_peak": 5.0}, {}, "same leading member axis"),
        ({"hub.capacity": np.ones(3)}, {}, "no lever labelled 'hub'"),
        ({"pre_screening_hub.capacity": -np.ones(3)}, {}, r"capacity = -1 \(member 0\) is out"),
        ({"season_peak": np.full(3, 99.0)}, {}, r"'season_peak': values must lie in \[0"),
        (draw, {}, "`n_members` is required"),
        ({}, {}, "`n_members` is required when `draws` is empty"),
        ({"season_peak": np.ones(3)}, {"n_members": 4}, "`n_members` = 4 but `draws` has 3"),
        ({"season_peak": np.ones(3)}, {"variables": ["nope"]}, "'nope' is not an output"),
        ({"season_peak": np.ones(3)}, {"by": ["colour"]}, "'colour' is not a dimension"),
        ({"season_peak": np.ones(3)}, {"window": ("2019-01", "2020-01")}, "must lie within"),
        ({"season_peak": np.ones(3)}, {"quantiles": [1.5]}, r"numbers in \[0, 1\]"),
        ({"season_peak": np.ones(3)}, {"method": "RK45"}, "vectorized fixed-step"),
        ({"season_peak": np.ones(3)}, {"chunk_size": 0}, "positive integer"),
        (lambda n, rng: {"season_peak": np.ones(n + 1)}, {"n_members": 3}, r"draw\(3, rng\)"),
    ],
)
def test_bad_requests(model, phased, draws, options, message):
    with pytest.raises(ForecastError, match=message):
        run_ensemble(model, phased, draws, **{**FAST, **options})
