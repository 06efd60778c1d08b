"""Latches (:class:`stockflow.Latch`): their rules, and the compiled kernel carrying them.

The toy model fills a stock at 10 a month until a latch switches on (after the stock has
been at or above 50 for a month) and drains it once on; a second latch continues the first
from month 12. With a constant inflow both integrators give the stock exactly ``10 t``
before the switch, so the switching time is known: the first evaluation at which the
latch's timer reaches one month, counted from the first evaluation at or above 50
(``t = 5``): 5.75 with Euler at dt 0.25 (one evaluation per step), 5.875 with RK4 (its
stages evaluate every eighth of a month). The first latch's window closes at month 12,
where the second opens in its state (on) and switches off half a month later.
"""

import os
import shutil

import numpy as np
import pytest

import stockflow as sf
import stockflow.kernel as kernel
from stockflow.errors import DeclarationError

compiler = pytest.mark.skipif(
    shutil.which(os.environ.get("CC", "cc")) is None, reason="no C compiler"
)

METHODS = ["euler", "rk4"]
# the kernel carries latches for the exponential methods too (stockflow.expkernel)
KERNEL_METHODS = [*METHODS, "exp-euler", "exp-heun"]
SWITCH_ON = {"euler": 5.75, "rk4": 5.875}


def toy():
    """The model, its two latches and the input they drive."""
    m = sf.Model("latched", start="2020-01")
    m.param("drain", 0.3, units="1/month")
    m.stock("s", 0.0, units="people")
    m.input("on", 0.0, units="1")
    m.flow("fill", lambda v: 10.0 * (1.0 - v.on), target="s", units="people/month")
    m.flow("empty", lambda v: v.drain * v.on * v.s, source="s", units="people/month")
    m.add_breakpoints(12.0)
    first = sf.Latch(
        lambda t, v: v.s, on_above=50.0, off_below=5.0, hold_on=1.0, window=(0.0, 12.0)
    )
    second = sf.Latch(
        lambda t, v: v.s, on_above=50.0, off_below=30.0, hold_off=0.5, window=(12.0, 40.0),
        previous=first,
    )  # fmt: skip

    def on(t, v):
        return np.maximum(first(t, v), second(t, v))

    return m, (first, second), on


def histories(latches):
    return [(list(x.times), np.stack(x.states).tolist()) for x in latches]


def assert_same(a, b, rtol=1e-12):
    for name in a.data_vars:
        x, y = a[name].values, b[name].values
        scale = np.maximum(np.abs(x), np.abs(y))
        assert np.all(np.abs(x - y) <= rtol * scale), name


@pytest.mark.parametrize("method", METHODS)
def test_latch_switches_at_the_known_time(method):
    m, latches, on = toy()
    sf.simulate(m, 15, method=method, inputs={"on": on})
    first, second = latches
    assert first.switches()[0] == (SWITCH_ON[method], 0, "on")
    assert first.switches()[-1] == (12.0, 0, "off")  # its window closes
    # the second continues the first at 12 (on), then goes off below 30 after half a month
    assert second.switches() == [(12.0, 0, "on"), (12.5, 0, "off")]


@compiler
@pytest.mark.parametrize("method", KERNEL_METHODS)
def test_kernel_carries_latches_like_the_numpy_path(method):
    drains = {"drain": np.array([0.1, 0.3, 0.6])}
    runs = []
    for backend in ("numpy", "compiled"):
        m, latches, on = toy()
        ds = sf.simulate(m, 24, method=method, inputs={"on": on}, params=drains, backend=backend)
        runs.append((ds, histories(latches), [x.state() for x in latches]))
    (a, ha, sa), (b, hb, sb) = runs
    assert b.attrs["backend"] == "compiled"
    assert_same(a, b)
    assert ha == hb  # the same history: times and states of every evaluation
    for x, y in zip(sa, sb, strict=True):
        for p, q in zip(x, y, strict=True):
            np.testing.assert_array_equal(p, q)


@compiler
def test_latch_is_state_of_the_fused_loop():
    m, _, on = toy()
    cm = sf.compile_model(m).tracking(["fill"])
    k = kernel.build_kernel(cm, {"on": on}, ["s"])
    assert k.traced.external == []  # not evaluated by NumPy stage by stage
    assert len(k.traced.graph.latches) == 2
    assert "latch_bind" in k.source


@compiler
@pytest.mark.parametrize("method", KERNEL_METHODS)
def test_stepper_continues_from_a_given_latch_state(method):
    drains = {"drain": np.array([0.1, 0.3, 0.6])}
    out = []
    for backend in ("numpy", "compiled"):
        m, latches, on = toy()
        stepper = sf.Stepper(m, drains, {"on": on}, method=method, backend=backend)
        y = stepper.initial()
        for month in range(20):
            if month == 8:  # the first latch forced on in member 0, off elsewhere
                latches[0].set_state(8.0, [1.0, 0.0, 0.0], [0.0] * 3, [0.0] * 3)
            y = stepper.advance(y, month, month + 1)
        out.append((y, histories(latches), [x.state() for x in latches]))
    (ya, ha, sa), (yb, hb, sb) = out
    np.testing.assert_allclose(yb, ya, rtol=1e-12, atol=0)
    assert ha == hb
    for x, y in zip(sa, sb, strict=True):
        for p, q in zip(x, y, strict=True):
            np.testing.assert_array_equal(p, q)


@compiler
def test_solve_ivp_keeps_latches_on_the_numpy_side():
    a_m, a_latches, a_on = toy()
    b_m, b_latches, b_on = toy()
    a = sf.simulate(a_m, 9, method="RK45", inputs={"on": a_on})
    b = sf.simulate(b_m, 9, method="RK45", inputs={"on": b_on}, backend="compiled")
    assert_same(a, b, rtol=1e-9)
    assert histories(a_latches) == histories(b_latches)


def test_bad_latch_declarations_are_refused():
    with pytest.raises(DeclarationError, match="`off_below` = 3 is above `on_above` = 2"):
        sf.Latch(lambda t, v: v.s, on_above=2.0, off_below=3.0)
    with pytest.raises(DeclarationError, match="`hold_on` = -1 must be a number >= 0"):
        sf.Latch(lambda t, v: v.s, on_above=2.0, off_below=1.0, hold_on=-1)
    with pytest.raises(DeclarationError, match="`signal` must be callable"):
        sf.Latch("s", on_above=2.0, off_below=1.0)
