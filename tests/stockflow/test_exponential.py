"""The exponential integrators ('exp-euler', 'exp-heun') against exact solutions and RK45.

A linear drain with a constant inflow is solved exactly whatever the step; on nonlinear
models the error falls with the step at the claimed order (1 for 'exp-euler', 2 for
'exp-heun'); stocks stay non-negative on a stiff drain where Euler goes below zero;
material is conserved through chains and loops of flows; ensembles, breakpoints and the
month-by-month :class:`stockflow.Stepper` work as with the other fixed-step methods.
"""

import math

import numpy as np
import pytest
from analytic_models import closed_loop, delay3, drain, logistic, nonlinear, smooth_step
from numpy.testing import assert_allclose
from scipy.special import gammainc

import stockflow as sf
from stockflow.exponential import EXPONENTIAL, phi

MONTHS = np.arange(1, 25, dtype=float)
TIGHT = {"rtol": 1e-10, "atol": 1e-12}


@pytest.mark.parametrize("method", EXPONENTIAL)
@pytest.mark.parametrize("dt", [1.0, 0.25])
def test_linear_drain_with_constant_inflow_is_exact(method, dt):
    tau, c, x0 = 0.4, 7.0, 100.0
    ds = sf.simulate(drain(tau, c, x0), 24, method=method, dt=dt)
    exact = c * tau + (x0 - c * tau) * np.exp(-MONTHS / tau)
    assert_allclose(ds.x.values, exact, rtol=1e-12, atol=1e-12)
    assert_allclose(ds.fill.values, c, rtol=1e-12)
    # what left in a month is the start, plus what came in, minus the end
    before = np.concatenate([[x0], exact[:-1]])
    assert_allclose(ds.loss.values, before + c - exact, rtol=1e-12, atol=1e-12)
    sf.check_ledger(ds)
    assert ds.attrs["nfev"] == (1 if method == "exp-euler" else 2) * 24 / dt


def test_phi_is_smooth_across_the_series_switch():
    z = np.array([-0.0099999, -0.0100001, -1e-9, 0.0])
    e, p1, p2 = phi(z)
    # against their full series: phi1 = sum z^n / (n + 1)!, phi2 = sum z^n / (n + 2)!
    assert_allclose(
        p1, [sum(x**n / math.factorial(n + 1) for n in range(12)) for x in z], rtol=1e-14
    )
    assert_allclose(
        p2, [sum(x**n / math.factorial(n + 2) for n in range(12)) for x in z], rtol=1e-14
    )
    assert_allclose(e, np.exp(z), rtol=1e-15)


# ------------------------------------------- analytic models (analytic_models.py)
def exact_logistic():
    return 1000.0 / (1 + 99.0 * np.exp(-0.4 * MONTHS))


def exact_smooth():
    return np.where(MONTHS >= 2.5, 1 - np.exp(-(MONTHS - 2.5) / 0.5), 0.0)


def exact_arrived():
    lam, x = 3.0 / 1.5, np.maximum(MONTHS - 3.5, 0.0)
    return 2.0 * MONTHS + 8.0 * (x - sum(gammainc(j, lam * x) for j in (1, 2, 3)) / lam)


CASES = {
    "logistic": (logistic, "x", exact_logistic),
    "smooth": (lambda: smooth_step(tau=0.5), "s", exact_smooth),  # shorter than a month
    "delay3": (lambda: delay3(delay=1.5), "arrived", exact_arrived),
}


@pytest.mark.parametrize("case", CASES)
def test_agrees_with_rk45_and_the_exact_solution(case):
    build, name, exact = CASES[case]
    ref = sf.simulate(build(), 24, method="RK45", **TIGHT)[name].values
    assert_allclose(ref, exact(), rtol=1e-7, atol=1e-9)
    ds = sf.simulate(build(), 24, method="exp-heun", dt=0.125)
    scale = np.abs(ref).max()
    # a second-order method at an eighth of a month: within 0.1 % of the series' scale
    assert np.abs(ds[name].values - ref).max() < 1e-3 * scale


ORDER_NAMES = ["a", "b", "seen", "move"]


@pytest.fixture(scope="module")
def nonlinear_reference():
    return sf.simulate(nonlinear(), 24, method="RK45", **TIGHT, variables=ORDER_NAMES)


@pytest.mark.parametrize(("method", "order"), [("exp-euler", 1), ("exp-heun", 2)])
def test_error_falls_at_the_claimed_order(method, order, nonlinear_reference):
    m, names, ref = nonlinear(), ORDER_NAMES, nonlinear_reference

    def error(dt):
        ds = sf.simulate(m, 24, method=method, dt=dt, variables=names)
        return max(float(np.abs(ds[n] - ref[n]).max() / np.abs(ref[n]).max()) for n in names)

    e1, e2, e3 = error(0.5), error(0.25), error(0.125)
    for coarse, fine in ((e1, e2), (e2, e3)):
        assert 2**order * 0.75 < coarse / fine < 2**order * 1.3, (e1, e2, e3)


# ------------------------------------------------------------------ positivity
def test_stocks_stay_positive_on_a_stiff_drain_where_euler_goes_negative():
    # delay stages are not limited: Euler at a step of 5 stage time constants overshoots
    m = sf.Model("stiff", start="2020-01")
    m.aux("u", lambda v: 10.0 * sf.step(v.t, -1.0, 3.0) + 10.0, units="1/month")
    m.add_breakpoints(3.0)
    m.delay3("out", "u", 0.6)
    stages = ["out__stage1", "out__stage2", "out__stage3"]
    euler = sf.simulate(m, 12, method="euler", dt=1.0, variables=stages)
    assert min(float(euler[s].min()) for s in stages) < 0
    for method in EXPONENTIAL:
        ds = sf.simulate(m, 12, method=method, dt=1.0, variables=[*stages, "out"])
        assert min(float(ds[s].min()) for s in stages) >= 0
        assert float(ds.out.min()) >= 0


def test_a_stock_emptied_at_a_constant_rate_stays_non_negative():
    m = sf.Model("emptying", start="2020-01")
    m.stock("x", 10.0, units="people")
    m.flow("out", lambda v: np.full_like(v.x, 4.0), source="x", units="people/month")
    for method in EXPONENTIAL:
        ds = sf.simulate(m, 12, method=method, dt=1.0)
        assert (ds.x.values >= 0).all()
        assert ds.x.values[-1] < 1e-3
        assert_allclose(ds.out.values.sum(), 10.0 - ds.x.values[-1], rtol=1e-12)


# ---------------------------------------------------------------- conservation
@pytest.mark.parametrize("method", EXPONENTIAL)
def test_people_are_conserved_in_a_closed_loop(method):
    m = closed_loop()  # the way back is stiff
    ds = sf.simulate(m, 36, method=method, dt=1.0)
    assert_allclose(ds.home.values + ds.away.values, 1000.0, rtol=1e-13)
    sf.check_ledger(ds)
    ref = sf.simulate(m, 36, method="RK45", **TIGHT)
    tol = 0.05 if method == "exp-euler" else 0.01
    assert_allclose(ds.away.values[-1], ref.away.values[-1], rtol=tol)


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_ledger_balances_through_a_chain(method):
    ds = sf.simulate(nonlinear(), 24, method=method, dt=1.0)
    sf.check_ledger(ds)


# ------------------------------------------------- ensembles, breakpoints, Stepper
@pytest.mark.parametrize("method", EXPONENTIAL)
def test_ensemble_members_match_single_runs(method):
    taus = np.array([0.2, 0.4, 3.0])
    ens = sf.simulate(drain(), 12, method=method, dt=1.0, params={"tau": taus})
    assert ens.x.dims == ("member", "time")
    for i, tau in enumerate(taus):
        one = sf.simulate(drain(), 12, method=method, dt=1.0, params={"tau": tau})
        assert_allclose(ens.x.values[i], one.x.values, rtol=1e-13)
        assert_allclose(ens.loss.values[i], one.loss.values, rtol=1e-13)


def test_step_series_switching_mid_month_is_integrated_exactly():
    """The stock is empty when the inflow starts: 'exp-heun' finds its decay rate at the
    end of the step ('exp-euler', which sees an empty stock only, does not)."""
    k, level = 0.3, 4.0
    m = sf.Model("series decay", start="2020-01")
    m.series("u", ["2020-01", "2020-03-21"], [0.0, level], interpolation="step")
    m.stock("x", 0.0)
    m.flow("fill", lambda v: v.u, target="x")
    m.flow("loss", lambda v: k * v.x, source="x")
    ds = sf.simulate(m, 12, method="exp-heun", dt=1.0)
    t1 = sf.months_since("2020-01", "2020-03-21")
    ends = np.arange(1, 13, dtype=float)
    exact = np.where(ends > t1, level / k * (1 - np.exp(-k * (ends - t1))), 0.0)
    assert_allclose(ds.x.values, exact, rtol=1e-12, atol=1e-12)


def test_stepper_month_by_month_equals_one_run():
    m = nonlinear()
    ds = sf.simulate(m, 6, method="exp-heun", dt=0.5, variables=["a", "b", "move"])
    stepper = sf.Stepper(m, method="exp-heun", dt=0.5, track=["move"])
    y = stepper.initial()
    for month in range(6):
        y = stepper.advance(y, month, month + 1)
    assert_allclose(stepper.stock(y, "a")[0], ds.a.values[-1], rtol=1e-13)
    assert_allclose(stepper.stock(y, "b")[0], ds.b.values[-1], rtol=1e-13)
    assert_allclose(stepper.flow_total(y, "move")[0], ds.move.values.sum(), rtol=1e-12)


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_a_tally_is_integrated_at_its_rate(method):
    """A tally (a flow between no stocks) moves nothing; its month totals are its rate
    over the steps: the mean of the two ends with 'exp-heun' (exact for a linear rate),
    the start's with 'exp-euler'."""
    m = drain()
    m.tally("counted", lambda v: 2.0 * v.t + 0.0 * v.x)
    ds = sf.simulate(m, 6, method=method, dt=0.5)
    ends = np.arange(1, 7, dtype=float)
    if method == "exp-heun":
        expected = ends**2 - (ends - 1) ** 2
    else:  # 0.5 * (2 (t - 1) + 2 (t - 0.5))
        expected = 2 * ends - 1.5
    assert_allclose(ds.counted.values, expected, rtol=1e-13)
