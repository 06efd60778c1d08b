"""Small models with closed-form solutions, shared by the integrator and kernel tests.

Each builder takes the constants its closed form needs (the defaults are the ones the
tests use most); ``test_analytic.py`` and ``test_exponential.py`` hold the solutions.
"""

import numpy as np

import stockflow as sf


def decay(k=0.15, x0=100.0):
    """``x' = -k x``: exponential decay."""
    m = sf.Model("decay", start="2020-01")
    m.param("k", k, units="1/month")
    m.stock("x", x0, units="widgets")
    m.flow("loss", lambda v: v.k * v.x, source="x", units="widgets/month")
    return m


def constant_inflow(c=7.5, x0=3.0):
    """``x' = c``."""
    m = sf.Model("fill", start="2020-01")
    m.param("c", c, units="widgets/month")
    m.stock("x", x0, units="widgets")
    m.flow("fill", lambda v: v.c, target="x", units="widgets/month")
    return m


def drain(tau=0.4, inflow=7.0, x0=100.0):
    """``x' = c - x / tau`` into a second stock: solved exactly by the exponential methods."""
    m = sf.Model("drain", start="2020-01")
    m.param("tau", tau, units="month")
    m.param("c", inflow, units="people/month")
    m.stock("x", x0, units="people")
    m.stock("gone", 0.0, units="people")
    m.flow("fill", lambda v: v.c, target="x", units="people/month")
    m.flow("loss", lambda v: v.x / v.tau, source="x", target="gone", units="people/month")
    return m


def logistic(r=0.4, capacity=1000.0, x0=10.0):
    """``x' = r x (1 - x / capacity)``: an inflow that reads its own target."""
    m = sf.Model("logistic", start="2020-01")
    m.param("r", r, units="1/month")
    m.param("capacity", capacity, units="widgets")
    m.stock("x", x0, units="widgets")
    m.flow("growth", lambda v: v.r * v.x * (1 - v.x / v.capacity), target="x")
    return m


def smooth_step(tau=4.0, t0=2.5):
    """A first-order smooth of a unit step at `t0` (a declared breakpoint)."""
    m = sf.Model("smooth", start="2020-01")
    m.aux("u", lambda v: sf.step(v.t, 1.0, t0))
    m.add_breakpoints(t0)
    m.smooth("s", "u", tau)
    return m


def delay3(before=2.0, after=10.0, t0=3.5, delay=6.0):
    """A third-order material delay of a rate stepping from `before` to `after` at `t0`."""
    m = sf.Model("delay3", start="2020-01")
    m.aux("departures", lambda v: before + sf.step(v.t, after - before, t0), units="1/month")
    m.add_breakpoints(t0)
    m.stock("arrived", 0.0)
    m.delay3("arrivals", "departures", delay, target="arrived")
    return m


def step_series():
    """A stock filled by a step series and a linear series, draining linearly."""
    m = sf.Model("series", start="2020-01")
    m.series("u", ["2020-01", "2020-03-21", "2020-07-10"], [0.0, 5.0, 2.0], interpolation="step")
    m.series("w", [0.0, 10.0], [0.0, 20.0])
    m.stock("x", 0.0)
    m.flow("fill", lambda v: v.u + v.w, target="x")
    m.flow("loss", lambda v: 0.3 * v.x, source="x")
    return m


def emptying():
    """A non-negative stock drained faster than it can give: the limiter acts."""
    m = sf.Model("emptying", start="2020-01", dims={"g": ["a", "b", "c"]})
    m.param("demand", [4.0, 9.0, 30.0], dims="g", units="widgets/month")
    m.stock("x", [50.0, 20.0, 10.0], dims="g", units="widgets")
    m.stock("gone", 0.0, units="widgets")
    m.flow("use", lambda v: v.demand, source="x", dims="g", units="widgets/month")
    m.flow("leak", lambda v: 0.05 * v.x, source="x", dims="g", units="widgets/month")
    m.flow("refill", lambda v: 1.0 + 0.0 * v.x, target="x", dims="g", units="widgets/month")
    m.flow("to_gone", lambda v: v.use.sum(axis=-1), target="gone", units="widgets/month")
    return m


def nonlinear():
    """A drain whose rate grows with the stock, fed by a seasonal inflow, into a second
    stock that drains linearly; and a smooth of the first stock."""
    m = sf.Model("nonlinear", start="2020-01")
    m.stock("a", 50.0, units="people")
    m.stock("b", 0.0, units="people")
    m.flow(
        "inflow",
        lambda v: 40.0 * (1 + 0.5 * np.sin(2 * np.pi * v.t / 12.0)),
        target="a",
        units="people/month",
    )
    m.flow("move", lambda v: v.a * (0.5 + v.a / 200.0), source="a", target="b")
    m.flow("leave", lambda v: v.b / 2.0, source="b")
    m.smooth("seen", "a", 1.5)
    return m


def closed_loop():
    """Two stocks exchanging people both ways (a loop of flows, one edge stiff)."""
    m = sf.Model("closed", start="2020-01")
    m.stock("home", 1000.0, units="people")
    m.stock("away", 0.0, units="people")
    m.flow("go", lambda v: v.home * (0.1 + 0.2 * v.home / 1000.0), source="home", target="away")
    m.flow("back", lambda v: v.away / 0.3, source="away", target="home")
    return m
