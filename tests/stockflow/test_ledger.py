"""Conservation: every stock's accounts balance, and non-negative stocks never go negative."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import stockflow as sf

ALL_METHODS = ["RK45", "LSODA", "rk4", "euler"]
ORIGINS = ["o1", "o2", "o3"]
CORRIDORS = ["c1", "c2", "c3", "c4"]


def border_model():
    """Flows with dims (origin, corridor) out of a stock with dims (origin,)."""
    m = sf.Model("ledger", start="2020-01", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    m.param("leave", [0.3, 0.2, 0.1], dims="origin")
    m.param(
        "route",
        [[0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4], [0.25] * 4],
        dims=("origin", "corridor"),
    )
    m.param("pass_rate", [0.5, 0.4, 0.3, 0.2], dims="corridor")
    m.stock("transit", [50.0, 80.0, 20.0], dims="origin")
    m.stock("waiting", 5.0, dims=("origin", "corridor"))
    m.stock("crossed", 0.0, dims="corridor")
    m.stock("returned", 0.0)
    m.flow("recruits", lambda v: 3.0 + 0.0 * v.transit, target="transit", dims="origin")
    m.flow(
        "arrivals",
        lambda v: (v.leave * v.transit)[..., None] * v.route,
        source="transit",
        target="waiting",
        dims=("origin", "corridor"),
    )
    m.flow(
        "crossings",
        lambda v: v.pass_rate[:, None, :] * v.waiting,
        source="waiting",
        target="crossed",
        dims=("origin", "corridor"),
    )
    m.flow("returns", lambda v: 0.05 * v.waiting.sum(axis=(1, 2)), target="returned")
    m.flow("deported", lambda v: 0.02 * v.crossed, source="crossed", dims="corridor")
    return m


@pytest.mark.parametrize("method", ALL_METHODS)
def test_ledger_balances_with_flows_over_extra_dimensions(method):
    ds = sf.simulate(border_model(), 24, method=method)
    book = sf.check_ledger(ds, rtol=1e-10)
    assert set(book.data_vars) == {"transit", "waiting", "crossed", "returned"}
    assert list(book.account.values) == ["initial", "inflow", "outflow", "final", "residual"]
    # transit's outflow is the arrivals summed over the corridors (and over time)
    arrivals = ds.arrivals.sum(("time", "corridor"))
    assert_allclose(book.transit.sel(account="outflow"), arrivals, rtol=1e-12)
    # crossed gains what left every origin's waiting stock through its corridor
    assert_allclose(
        book.crossed.sel(account="inflow"), ds.crossings.sum(("time", "origin")), rtol=1e-12
    )
    # and, month by month, each stock changes by its inflows minus its outflows
    transit = np.concatenate([ds.transit_initial.values[None], ds.transit.values])
    net = ds.recruits.values - ds.arrivals.sum("corridor").values
    assert_allclose(np.diff(transit, axis=0), net, rtol=1e-9, atol=1e-9)


def test_unbalanced_accounts_raise():
    ds = sf.simulate(border_model(), 6, method="rk4")
    ds["crossed"] = ds.crossed + 1e-3
    with pytest.raises(sf.LedgerError, match="stock 'crossed' does not balance"):
        sf.check_ledger(ds)


def test_incomplete_accounts_are_not_checked():
    ds = sf.simulate(border_model(), 6, method="rk4", variables=["transit", "waiting", "arrivals"])
    assert ds.transit.attrs["complete_accounts"] == 0  # recruits were not returned
    book = sf.check_ledger(ds)
    assert set(book.data_vars) == set()


def draining_model(outflow, initial=10.0, inflow=0.0):
    m = sf.Model("drain", start="2020-01")
    m.stock("x", initial)
    m.stock("sink", 0.0)
    m.flow("drain", lambda v: outflow + 0.0 * v.x, source="x", target="sink")
    m.flow("refill", lambda v: inflow + 0.0 * v.x, target="x")
    return m


@pytest.mark.parametrize("method", ALL_METHODS)
def test_big_outflow_never_drives_a_stock_negative(method):
    """An outflow of 1000/month from a stock of 10 empties it and takes no more than the 10."""
    ds = sf.simulate(draining_model(1000.0), 6, method=method)
    # fixed steps: never below zero; solve_ivp: never below zero by more than its atol (1e-6)
    floor = 0.0 if method in ("rk4", "euler") else -1e-6
    assert (ds.x.values >= floor).all(), ds.x.values
    assert abs(ds.x.values[-1]) < 1e-6
    # what left is what was there: the limited flow, not the 1000/month asked for
    assert_allclose(ds.drain.sum().item(), 10.0 - ds.x.values[-1], rtol=1e-12)
    assert_allclose(ds.sink.values[-1], 10.0, rtol=1e-6)
    sf.check_ledger(ds, rtol=1e-9)


def test_euler_empties_a_limited_stock_in_one_step():
    ds = sf.simulate(draining_model(1000.0), 2, method="euler", dt=0.25)
    assert 0 <= ds.x.values[0] < 1e-8
    assert ds.drain.values[0] == pytest.approx(10.0, rel=1e-8)


@pytest.mark.parametrize("method", ["rk4", "euler"])
def test_drained_stock_passes_its_inflow_through(method):
    """Once empty, a stock with inflow 2 and demanded outflow 50 lets 2/month through."""
    dt = 0.25
    ds = sf.simulate(draining_model(50.0, initial=5.0, inflow=2.0), 12, method=method, dt=dt)
    assert (ds.x.values >= 0).all()
    assert_allclose(ds.drain.values[6:], 2.0, rtol=1e-6)
    # an "empty" stock holds what arrives within one step (compile.py, non-negative stocks)
    assert_allclose(ds.x.values[6:], 2.0 * dt, rtol=1e-6)
    sf.check_ledger(ds)


def test_stock_declared_signed_may_go_negative():
    m = sf.Model("signed", start="2020-01")
    m.stock("balance", 10.0, nonnegative=False)
    m.flow("spending", lambda v: 4.0 + 0.0 * v.balance, source="balance")
    ds = sf.simulate(m, 6, method="rk4")
    assert_allclose(ds.balance.values, 10.0 - 4.0 * np.arange(1, 7))


# -------------------------------------------------------------- property test
rates = st.floats(min_value=0.0, max_value=50.0, allow_nan=False)
levels = st.floats(min_value=0.0, max_value=1e4, allow_nan=False)


@settings(max_examples=40, deadline=None, database=None)
@given(
    initial=st.tuples(levels, levels, levels),
    rate_out=st.tuples(rates, rates, rates),
    constant_out=st.floats(min_value=0.0, max_value=1e4),
    inflow=st.floats(min_value=0.0, max_value=1e3),
    method=st.sampled_from(["rk4", "euler"]),
    dt=st.sampled_from([0.25, 0.5, 1.0]),
    switch=st.floats(min_value=0.1, max_value=11.9),
)
# found by hypothesis: a stock draining towards the subnormal numbers went to -5e-324
@example(
    initial=(1.0, 0.0, 0.0),
    rate_out=(1.0, 0.0, 0.0),
    constant_out=7.0,
    inflow=0.0,
    method="euler",
    dt=0.25,
    switch=1.0,
)
def test_random_rates_keep_stocks_nonnegative_and_balanced(
    initial, rate_out, constant_out, inflow, method, dt, switch
):
    m = sf.Model("random", start="2020-01", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    m.param("rate_out", rate_out, dims="origin")
    m.stock("a", initial, dims="origin")
    m.stock("b", 0.0, dims=("origin", "corridor"))
    m.stock("c", 0.0, dims="corridor")
    m.flow("feed", lambda v: inflow + 0.0 * v.a, target="a", dims="origin")
    m.flow(
        "split",
        lambda v: (v.rate_out * v.a)[..., None] * np.full(4, 0.25),
        source="a",
        target="b",
        dims=("origin", "corridor"),
    )
    m.flow(
        "leak", lambda v: sf.step(v.t, constant_out, switch) + 0.0 * v.a, source="a", dims="origin"
    )
    m.flow(
        "onward",
        lambda v: 7.0 * v.b + constant_out,
        source="b",
        target="c",
        dims=("origin", "corridor"),
    )
    m.flow("exit", lambda v: 2.0 * v.c + constant_out, source="c", dims="corridor")
    m.add_breakpoints(switch)  # the leak switches on there; steps of odd lengths around it
    ds = sf.simulate(m, 12, method=method, dt=dt)
    for name in ("a", "b", "c"):
        assert (ds[name].values >= 0).all(), (name, ds[name].values.min())
    sf.check_ledger(ds, rtol=1e-9, atol=1e-9)
