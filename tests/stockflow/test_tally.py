"""A tally is a counted rate: equations read its instantaneous value, the output its totals.

Against closed forms: a rate ``a + b t`` integrates over month ``i`` (from ``i`` to
``i + 1``) to ``a + b (i + 1/2)``, whatever the integrator; an auxiliary with the same
equation reports ``a + b (i + 1)``, its value at the end of the month.
"""

import numpy as np
import pytest

import stockflow as sf


def counted_model():
    m = sf.Model("counted", start="2020-01")
    m.param("a", 3.0, units="people/month")
    m.param("b", 2.0, units="people/month/month")
    m.stock("queue", 10.0, units="people")
    m.tally("counted", lambda v: v.a + v.b * v.t, units="people/month")
    m.aux("rate_now", lambda v: v.a + v.b * v.t, units="people/month")
    m.flow(
        "leaving", lambda v: 0.1 * v.queue + 0.0 * v.counted, source="queue", units="people/month"
    )
    return m


@pytest.mark.parametrize("method", ["RK45", "rk4", "euler"])
def test_tally_reports_month_totals(method):
    ds = sf.simulate(counted_model(), 6, method=method, dt=0.25)
    i = np.arange(6)
    euler_lag = 2.0 * 0.25 / 2 if method == "euler" else 0.0
    np.testing.assert_allclose(ds["counted"].values, 3.0 + 2.0 * (i + 0.5) - euler_lag, rtol=1e-9)
    np.testing.assert_allclose(ds["rate_now"].values, 3.0 + 2.0 * (i + 1.0), rtol=1e-9)
    assert ds["counted"].attrs["cell_methods"].startswith("time: sum (month total")
    assert ds["rate_now"].attrs["cell_methods"].startswith("time: point")


def test_tally_moves_nothing():
    """The queue drains as it would without the tally, and its accounts balance."""
    ds = sf.simulate(counted_model(), 6, method="rk4", dt=0.25)
    np.testing.assert_allclose(ds["queue"].values, 10.0 * np.exp(-0.1 * np.arange(1, 7)), rtol=1e-6)
    assert "counted" not in ds["queue"].attrs["inflows"].split()
    sf.check_ledger(ds)


def test_a_flow_without_stocks_is_still_refused():
    m = sf.Model("bad", start="2020-01")
    with pytest.raises(sf.DeclarationError, match="flow 'x' needs a source stock"):
        m.flow("x", lambda v: 1.0)
