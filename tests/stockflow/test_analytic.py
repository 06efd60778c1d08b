"""Analytic pairs: each small model against its closed-form solution, for every integrator.

Stocks are reported at the end of each month (model time ``t = 1, 2, ...``) and flows as
totals over each month, so the reference is evaluated at month ends and integrated over
months. The adaptive solvers run with tight tolerances and are compared with the exact
solution; RK4 at ``dt = 0.25`` is compared with it too (its error is far below the
tolerance used). Euler is compared with its own exact discrete solution: the recurrence
``y[n+1] = y[n] + h f(t[n], y[n])`` computed here in plain Python, step by step.
"""

import math

import analytic_models as models
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import gammainc

import stockflow as sf

N_MONTHS = 24
MONTH_ENDS = np.arange(1, N_MONTHS + 1, dtype=float)
H = 0.25  # fixed step [months] for euler and rk4; every breakpoint below lies on this grid

# method -> relative tolerance against the exact (continuous) solution
CONTINUOUS = {"RK45": 1e-6, "LSODA": 1e-6, "rk4": 1e-5}
METHODS = [*CONTINUOUS, "euler"]
SOLVER_OPTIONS = {"RK45": {"rtol": 1e-9, "atol": 1e-12}, "LSODA": {"rtol": 1e-9, "atol": 1e-12}}


def run(model, method, **kwargs):
    options = SOLVER_OPTIONS.get(method, {"dt": H})
    return sf.simulate(model, N_MONTHS, method=method, **options, **kwargs)


def euler_path(deriv, y0, n_months=N_MONTHS, h=H):
    """Exact Euler iterates at month ends (and every step in between): ``(t, y)`` arrays."""
    n_steps = round(n_months / h)
    ts = h * np.arange(n_steps + 1)
    ys = [np.asarray(y0, dtype=float)]
    for t in ts[:-1]:
        ys.append(ys[-1] + h * np.asarray(deriv(t, ys[-1]), dtype=float))
    return ts, np.array(ys)


def at_month_ends(ts, ys):
    idx = [int(np.flatnonzero(np.isclose(ts, m))[0]) for m in MONTH_ENDS]
    return ys[idx]


def month_totals(cumulative_at_month_ends, at_zero=0.0):
    """Totals over each month from a cumulative quantity sampled at t = 1, 2, ..."""
    return np.diff(cumulative_at_month_ends, prepend=at_zero)


def check(method, actual, exact_continuous, exact_euler):
    if method == "euler":
        assert_allclose(actual, exact_euler, rtol=1e-12, atol=1e-12)
    else:
        assert_allclose(actual, exact_continuous, rtol=CONTINUOUS[method], atol=1e-9)


# ---------------------------------------------------------------------- decay
@pytest.mark.parametrize("method", METHODS)
def test_exponential_decay(method):
    k, x0 = 0.15, 100.0
    ds = run(models.decay(k, x0), method)

    exact = x0 * np.exp(-k * MONTH_ENDS)
    discrete = x0 * (1 - k * H) ** (MONTH_ENDS / H)
    check(method, ds.x.values, exact, discrete)
    # what left the stock in each month is the fall of the stock over that month
    check(method, ds.loss.values, -month_totals(exact, x0), -month_totals(discrete, x0))
    assert float(ds.x_initial) == x0
    sf.check_ledger(ds)


# -------------------------------------------------------------- constant inflow
@pytest.mark.parametrize("method", METHODS)
def test_constant_inflow(method):
    ds = run(models.constant_inflow(7.5, 3.0), method)

    exact = 3.0 + 7.5 * MONTH_ENDS
    check(method, ds.x.values, exact, exact)
    assert_allclose(ds.fill.values, 7.5, rtol=1e-12)
    sf.check_ledger(ds)


# ------------------------------------------------------------------- logistic
@pytest.mark.parametrize("method", METHODS)
def test_logistic_growth(method):
    r, cap, x0 = 0.4, 1000.0, 10.0
    ds = run(models.logistic(r, cap, x0), method)

    exact = cap / (1 + (cap / x0 - 1) * np.exp(-r * MONTH_ENDS))
    ts, ys = euler_path(lambda t, x: r * x * (1 - x / cap), x0)
    discrete = at_month_ends(ts, ys)
    check(method, ds.x.values, exact, discrete)
    check(method, ds.growth.values, month_totals(exact, x0), month_totals(discrete, x0))
    # the logistic curve rises through the S and stays below capacity
    assert ds.x.values[0] < cap / 2 < ds.x.values[-1] < cap


# --------------------------------------------------------------------- smooth
@pytest.mark.parametrize("method", METHODS)
def test_smooth_step_response(method):
    t0, tau = 2.5, 4.0  # the step falls mid-month, at a declared breakpoint
    ds = run(models.smooth_step(tau, t0), method)

    exact = np.where(MONTH_ENDS >= t0, 1 - np.exp(-(MONTH_ENDS - t0) / tau), 0.0)
    discrete = np.where(MONTH_ENDS >= t0, 1 - (1 - H / tau) ** ((MONTH_ENDS - t0) / H), 0.0)
    check(method, ds.s.values, exact, discrete)
    assert float(ds.s_initial) == 0.0  # SMOOTH starts at its input's value at time 0
    assert_allclose(ds.u.values, np.where(MONTH_ENDS >= t0, 1.0, 0.0))


def test_smooth_starts_at_its_input():
    m = sf.Model("smooth", start="2020-01")
    m.param("level", 42.0)
    m.smooth("s", "level", 3.0)
    ds = sf.simulate(m, 6, method="rk4")
    assert_allclose(ds.s.values, 42.0, rtol=1e-14)
    assert float(ds.s_initial) == 42.0


# --------------------------------------------------------------------- DELAY3
def erlang3_cdf(x, delay):
    return np.where(x > 0, gammainc(3, 3.0 * np.maximum(x, 0.0) / delay), 0.0)


def erlang3_cdf_integral(x, delay):
    """``int_0^x F(s) ds`` for the Erlang-3 CDF ``F`` with mean `delay`."""
    lam, x = 3.0 / delay, np.maximum(x, 0.0)
    return x - sum(gammainc(j, lam * x) for j in (1, 2, 3)) / lam


def delay_euler(before, after, t0, delay):
    def deriv(t, y):
        rate = 3.0 * y / delay
        u = after if t >= t0 else before
        return [u - rate[0], rate[0] - rate[1], rate[1] - rate[2], rate[2]]

    ts, ys = euler_path(deriv, [before * delay / 3] * 3 + [0.0])
    ys = at_month_ends(ts, ys)
    return ys[:, :3], ys[:, 3]


STAGES = ["arrivals__stage1", "arrivals__stage2", "arrivals__stage3"]


@pytest.mark.parametrize("method", METHODS)
def test_delay3_steady_state(method):
    rate, delay = 12.0, 5.0
    m = models.delay3(rate, rate, 0.0, delay)
    ds = run(m, method, variables=["arrivals", "arrived", *STAGES])

    # constant input since the start: the output equals the input in every month
    assert_allclose(ds.arrivals.values, rate, rtol=1e-9)
    assert_allclose(ds.arrived.values, rate * MONTH_ENDS, rtol=1e-9)
    # and the material inside the delay is input * delay, split evenly over three stages
    in_transit = sum(ds[s] for s in STAGES)
    assert_allclose(in_transit.values, rate * delay, rtol=1e-9)
    assert_allclose(ds[STAGES[0]].values, rate * delay / 3, rtol=1e-9)


@pytest.mark.parametrize("method", METHODS)
def test_delay3_step_response(method):
    before, after, t0, delay = 2.0, 10.0, 3.5, 6.0
    m = models.delay3(before, after, t0, delay)
    ds = run(m, method, variables=["departures", "arrivals", "arrived", *STAGES])

    # total arrivals up to t: before * t + (after - before) * int_0^(t - t0) Erlang-3 CDF
    cumulative = before * MONTH_ENDS + (after - before) * erlang3_cdf_integral(
        MONTH_ENDS - t0, delay
    )
    stages, discrete_arrived = delay_euler(before, after, t0, delay)
    check(method, ds.arrived.values, cumulative, discrete_arrived)
    check(method, ds.arrivals.values, month_totals(cumulative), month_totals(discrete_arrived))
    in_transit = sum(ds[s] for s in STAGES).values
    if method != "euler":
        # the instantaneous output at each month end follows the Erlang-3 CDF
        outflow_rate = 3.0 * ds[STAGES[2]].values / delay
        exact_rate = before + (after - before) * erlang3_cdf(MONTH_ENDS - t0, delay)
        assert_allclose(outflow_rate, exact_rate, rtol=CONTINUOUS[method])
    else:
        assert_allclose(in_transit, stages.sum(axis=1), rtol=1e-12)
    # material is conserved: departed = arrived + still in the delay
    departed = before * MONTH_ENDS + (after - before) * np.maximum(MONTH_ENDS - t0, 0.0)
    assert_allclose(ds.arrived.values + in_transit - before * delay, departed, rtol=1e-9)
    # long after the step the delay is in its new steady state
    assert math.isclose(in_transit[-1], after * delay, rel_tol=1e-2)


# ---------------------------------------------------------------- breakpoints
@pytest.mark.parametrize("method", ["RK45", "LSODA", "rk4", "euler"])
@pytest.mark.parametrize("dt", [0.25, 1.0])
def test_step_series_switching_mid_month(method, dt):
    """A step series switching on 2020-03-21 is integrated exactly: the date is a breakpoint."""
    m = sf.Model("series", start="2020-01")
    m.series("u", ["2020-01", "2020-03-21", "2020-07-10"], [0.0, 5.0, 2.0], interpolation="step")
    m.stock("x", 0.0)
    m.flow("fill", lambda v: v.u, target="x")
    ds = sf.simulate(m, 12, method=method, dt=dt)

    t1 = sf.months_since("2020-01", "2020-03-21")
    t2 = sf.months_since("2020-01", "2020-07-10")
    assert t1 == 2 + 20 / 31
    ends = np.arange(1, 13, dtype=float)
    exact = 5.0 * np.clip(ends - t1, 0.0, t2 - t1) + 2.0 * np.maximum(ends - t2, 0.0)
    assert_allclose(ds.x.values, exact, rtol=1e-12, atol=1e-12)
    assert_allclose(ds.fill.values[2], 5.0 * 11 / 31, rtol=1e-12)  # March: 11 days at 5
    # the series itself is reported at month ends: 0 through February, then 5, then 2
    assert_allclose(ds.u.values, [0, 0, 5, 5, 5, 5, 2, 2, 2, 2, 2, 2])


@pytest.mark.parametrize("method", ["RK45", "rk4"])
def test_decay_with_step_series_mid_month(method):
    """Between switch dates the solution is the exact exponential; no error leaks across."""
    k, level = 0.3, 4.0
    m = sf.Model("series decay", start="2020-01")
    m.series("u", ["2020-01", "2020-03-21"], [0.0, level], interpolation="step")
    m.stock("x", 0.0)
    m.flow("fill", lambda v: v.u, target="x")
    m.flow("loss", lambda v: k * v.x, source="x")
    ds = sf.simulate(m, 12, method=method, rtol=1e-10, atol=1e-12)

    t1 = sf.months_since("2020-01", "2020-03-21")
    ends = np.arange(1, 13, dtype=float)
    exact = np.where(ends > t1, level / k * (1 - np.exp(-k * (ends - t1))), 0.0)
    assert_allclose(ds.x.values, exact, rtol=1e-6, atol=1e-12)
    assert_allclose(ds.x.values[:2], 0.0, atol=0)  # nothing before the switch


@pytest.mark.parametrize("method", ["RK45", "rk4"])
def test_linear_series_is_interpolated_between_dates(method):
    m = sf.Model("ramp", start="2020-01")
    m.series("u", [0.0, 10.0], [0.0, 20.0])  # u = 2 t [1/month] up to t = 10, then 20
    m.stock("x", 0.0)
    m.flow("fill", lambda v: v.u, target="x")
    ds = sf.simulate(m, 12, method=method)
    ends = np.arange(1, 13, dtype=float)
    exact = np.where(ends <= 10, ends**2, 100 + 20 * (ends - 10))
    assert_allclose(ds.x.values, exact, rtol=1e-9)
