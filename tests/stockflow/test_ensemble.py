"""Ensembles: member k of an ensemble run is the single run with member k's parameters."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

import stockflow as sf

ORIGINS = ["north", "south", "east"]
CORRIDORS = ["a", "b", "c", "d"]
N_MEMBERS = 7


def corridor_model():
    """Stocks by origin and by (origin, corridor), scalar and dimensioned parameters."""
    m = sf.Model("ensemble", start="2021-01", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    m.param("departure_rate", [0.2, 0.1, 0.3], dims="origin", units="1/month")
    m.param("crossing_rate", 0.5, units="1/month")
    m.param("share", [0.4, 0.3, 0.2, 0.1], dims="corridor")
    m.param("inflow", 10.0, units="people/month")
    m.lookup("congestion", [0.0, 50.0, 200.0], [1.0, 0.8, 0.3])
    m.stock("origin_pool", [100.0, 60.0, 30.0], dims="origin")
    m.stock("waiting", 0.0, dims=("origin", "corridor"))
    m.stock("crossed", 0.0, dims="corridor")
    m.aux("total_waiting", lambda v: v.waiting.sum(axis=(1, 2)))
    m.flow(
        "arrivals", lambda v: v.inflow[:, None] * np.ones(3), target="origin_pool", dims="origin"
    )
    m.flow(
        "departures",
        lambda v: (v.departure_rate * v.origin_pool)[..., None] * v.share[:, None, :],
        source="origin_pool",
        target="waiting",
        dims=("origin", "corridor"),
    )
    m.flow(
        "crossings",
        lambda v: (
            v.crossing_rate[:, None, None]
            * v.congestion(v.total_waiting)[:, None, None]
            * v.waiting
        ),
        source="waiting",
        dims=("origin", "corridor"),
    )
    m.flow("landed", lambda v: v.crossings.sum(axis=1), target="crossed", dims="corridor")
    m.smooth("smoothed_waiting", "total_waiting", 3.0)
    m.delay3("delayed_arrivals", lambda v: v.arrivals.sum(axis=1), 2.0)
    return m


def member_params(rng, n):
    return {
        "departure_rate": rng.uniform(0.05, 0.5, size=(n, 3)),
        "crossing_rate": rng.uniform(0.1, 1.0, size=n),
        "share": rng.dirichlet(np.ones(4), size=n),
    }


def take(params, k):
    return {name: value[k] for name, value in params.items()}


@pytest.mark.parametrize("method", ["rk4", "euler"])
def test_member_equals_single_run(method):
    params = member_params(np.random.default_rng(1), N_MEMBERS)
    m = corridor_model()
    # chunks of 3 members: as many members as origins, the case that would silently
    # broadcast members against origins if an equation forgot to align ranks
    ens = sf.simulate(m, 18, method=method, params=params, chunk_size=3)
    assert ens.sizes["member"] == N_MEMBERS
    assert list(ens.member.values) == list(range(N_MEMBERS))
    for k in range(N_MEMBERS):
        single = sf.simulate(m, 18, method=method, params=take(params, k))
        assert "member" not in single.dims
        for name in single.data_vars:
            assert_allclose(
                ens[name].sel(member=k).values,
                single[name].values,
                rtol=1e-12,
                atol=1e-12,
                err_msg=f"{name}, member {k}",
            )
    # the members differ from each other: the parameters did reach them
    spread = ens.waiting.isel(time=-1).std("member")
    assert float(spread.min()) > 0
    sf.check_ledger(ens)


def test_chunk_size_does_not_change_results():
    params = member_params(np.random.default_rng(2), N_MEMBERS)
    m = sf.compile_model(corridor_model())
    whole = sf.simulate(m, 12, method="rk4", params=params, chunk_size=N_MEMBERS)
    seen = []
    chunked = sf.simulate(
        m,
        12,
        method="rk4",
        params=params,
        chunk_size=2,
        progress=lambda done, n: seen.append((done, n)),
    )
    xr.testing.assert_allclose(whole, chunked, rtol=1e-13, atol=0)
    assert seen == [(2, 7), (4, 7), (6, 7), (7, 7)]


def test_solve_ivp_ensemble_runs_member_by_member():
    params = member_params(np.random.default_rng(3), 3)
    m = corridor_model()
    ens = sf.simulate(m, 6, method="RK45", params=params)
    for k in range(3):
        single = sf.simulate(m, 6, method="RK45", params=take(params, k))
        xr.testing.assert_allclose(ens.sel(member=k, drop=True), single, rtol=1e-12)


def test_ensemble_from_dataarray_with_member_last():
    """A DataArray with dims (origin, member) is transposed to the member-first layout."""
    rng = np.random.default_rng(4)
    rates = rng.uniform(0.05, 0.5, size=(4, 3))
    da = xr.DataArray(rates.T, dims=("origin", "member"))
    m = corridor_model()
    ens = sf.simulate(m, 6, method="rk4", params={"departure_rate": da})
    plain = sf.simulate(m, 6, method="rk4", params={"departure_rate": rates})
    xr.testing.assert_identical(ens, plain)


def test_shared_parameter_value_is_not_an_ensemble():
    """A value shaped like the parameter's dims is shared: no member dimension."""
    m = corridor_model()
    ds = sf.simulate(m, 3, method="rk4", params={"departure_rate": [0.1, 0.1, 0.1]})
    assert "member" not in ds.dims


def test_members_disagreeing_in_number_are_rejected():
    m = corridor_model()
    with pytest.raises(sf.DeclarationError, match="disagree on the number of members"):
        sf.simulate(
            m, 3, method="rk4", params={"crossing_rate": [0.1, 0.2], "inflow": [1.0, 2.0, 3.0]}
        )


def test_n_members_without_a_member_axis_repeats_the_single_run():
    """``n_members`` makes an ensemble of shared parameters: every member is the single run,
    to the last bit, without copying a parameter to force a member axis."""
    m = corridor_model()
    single = sf.simulate(m, 4, method="rk4", params={"crossing_rate": 0.7})
    ens = sf.simulate(m, 4, method="rk4", params={"crossing_rate": 0.7}, n_members=3)
    assert ens.sizes["member"] == 3
    for k in range(3):
        for name in ("waiting", "crossings", "delayed_arrivals"):
            np.testing.assert_array_equal(ens[name].isel(member=k).values, single[name].values)


def test_n_members_of_one_is_still_an_ensemble():
    ds = sf.simulate(corridor_model(), 2, method="euler", n_members=1)
    assert ds.sizes["member"] == 1


def test_n_members_must_match_the_parameters_member_axis():
    m = corridor_model()
    with pytest.raises(sf.DeclarationError) as err:
        sf.simulate(m, 2, method="rk4", params={"crossing_rate": [0.1, 0.2]}, n_members=3)
    assert str(err.value) == "the parameters' member axis has 2 members but `n_members` = 3"
    ds = sf.simulate(m, 2, method="rk4", params={"crossing_rate": [0.1, 0.2]}, n_members=2)
    assert ds.sizes["member"] == 2


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (0, ValueError, "`n_members` must be a positive integer, got 0"),
        (2.0, TypeError, "`n_members` must be a positive integer, got 2.0"),
        (True, TypeError, "`n_members` must be a positive integer, got True"),
    ],
)
def test_bad_n_members_is_refused(n, error, message):
    with pytest.raises(error) as err:
        sf.simulate(corridor_model(), 2, method="euler", n_members=n)
    assert str(err.value) == message
