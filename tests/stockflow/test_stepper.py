"""Stepper: month-by-month integration equals one simulate call; states can be changed."""

import numpy as np
import pytest

import stockflow as sf


def _model():
    m = sf.Model("two stocks", start="2020-01")
    m.param("k", 0.2, units="1/month")
    m.input("inflow", 10.0, units="people/month")
    m.stock("a", 100.0, units="people")
    m.stock("b", 0.0, units="people")
    m.flow("in_a", lambda v: v.inflow, target="a", units="people/month")
    m.flow("move", lambda v: v.k * v.a, source="a", target="b", units="people/month")
    m.aux("total", lambda v: v.a + v.b, units="people")
    m.add_breakpoints(5.5)
    return m


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_month_by_month_equals_simulate(method):
    m = _model()
    k = np.array([0.1, 0.2, 0.3])
    inputs = {"inflow": lambda t, v: 10.0 if t < 5.5 else 30.0}
    ds = sf.simulate(m, 12, params={"k": k}, inputs=inputs, method=method, dt=0.25)
    st = sf.Stepper(m, params={"k": k}, inputs=inputs, method=method, dt=0.25, track=["move"])
    y = st.initial()
    for month in range(12):
        y = st.advance(y, month, month + 1)
        np.testing.assert_array_equal(st.stock(y, "a"), ds["a"].isel(time=month).values)
    np.testing.assert_array_equal(st.flow_total(y, "move"), ds["move"].sum("time").values)
    np.testing.assert_array_equal(st.evaluate(y, 12, ["total"])["total"], ds["total"][:, -1])


def test_changed_state_and_resampled_members_continue():
    m = _model()
    st = sf.Stepper(m, params={"k": np.array([0.1, 0.5])}, method="rk4")
    y = st.advance(st.initial(), 0, 3)
    st.stock(y, "b")[:] = 0.0
    st.take(np.array([1, 1]))
    y = y[:, [1, 1]]
    y2 = st.advance(y, 3, 4)
    np.testing.assert_array_equal(y2[:, 0], y2[:, 1])
    one = sf.Stepper(m, params={"k": 0.5}, method="rk4")
    np.testing.assert_allclose(one.advance(y[:, :1], 3, 4)[:, 0], y2[:, 0])


def test_bad_arguments_are_named():
    m = _model()
    with pytest.raises(ValueError, match="method"):
        sf.Stepper(m, method="RK45")
    with pytest.raises(sf.DeclarationError, match="not a flow"):
        sf.Stepper(m, track=["a"])
    st = sf.Stepper(m, n_members=2)
    with pytest.raises(ValueError, match="state of shape"):
        st.advance(np.zeros((2, 3)), 0, 1)
    with pytest.raises(sf.DeclarationError, match="not a stock"):
        st.stock(st.initial(), "total")
