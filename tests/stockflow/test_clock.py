"""The model's own clock (``stockflow.run_clock``) and the arithmetic of imported models.

Euler at exactly TIME STEP, saved every SAVEPER, flows as instantaneous rates, any time
unit, XMILE's non-negative stocks, and a NaN or an infinity named with its time.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import stockflow as sf
from stockflow.errors import DeclarationError, IntegrationError
from stockflow.interop.pysd_import import PysdImportError, import_model


def decay(nonnegative=True) -> sf.Model:
    m = sf.Model("decay", start=None)
    m.param("k", 0.5)
    m.stock("x", 8.0, nonnegative=nonnegative)
    m.flow("loss", lambda v: v.k * v.x, source="x")
    m.aux("half", lambda v: v.x / 2)
    return m


def test_euler_at_exactly_the_step_saved_every_saveper():
    ds = sf.run_clock(decay(), 3.0, dt=0.5, saveper=1.0, t0=10.0, time_units="Day")
    np.testing.assert_array_equal(ds["time"].values, [10.0, 11.0, 12.0, 13.0])
    # two Euler steps of 0.5 per saved time: x_{n+1} = x_n (1 - 0.25)
    expected = 8.0 * 0.75 ** (2 * np.arange(4))
    np.testing.assert_allclose(ds["x"].values, expected, rtol=1e-15)
    # flows are instantaneous rates at the saved times, as Vensim writes them
    np.testing.assert_allclose(ds["loss"].values, 0.5 * expected, rtol=1e-15)
    np.testing.assert_allclose(ds["half"].values, expected / 2, rtol=1e-15)
    assert ds.attrs["time_units"] == "Day" and ds.attrs["dt"] == 0.5


@pytest.mark.parametrize(
    ("duration", "dt", "saveper", "message"),
    [
        (3.0, 0.4, 1.0, "SAVEPER 1 is not a whole number of TIME STEPs 0.4"),
        (3.0, 2.0, 2.0, "length 3 is not a whole number of TIME STEPs 2"),
        (3.0, 0.0, 1.0, "TIME STEP must be a positive number"),
    ],
)
def test_a_step_that_does_not_fit_is_refused(duration, dt, saveper, message):
    with pytest.raises(DeclarationError, match=message):
        sf.run_clock(decay(), duration, dt=dt, saveper=saveper)


def test_simulate_refuses_a_step_it_would_have_to_replace():
    m = decay()
    m.start = sf.Model("c", start="2020-01").start
    with pytest.raises(ValueError, match="not a whole fraction of a month"):
        sf.simulate(m, 3, method="euler", dt=1.5)


def test_a_nan_names_the_variable_and_the_time():
    m = sf.Model("nan", start=None)
    m.stock("x", 1.0, nonnegative=False)
    m.flow("grow", lambda v: -np.ones_like(v.x), target="x")
    m.aux("root", lambda v: np.sqrt(v.x))
    with pytest.raises(IntegrationError, match=r"aux 'root' is NaN at time 1.5"):
        sf.run_clock(m, 3.0, dt=0.5)


def test_non_negative_stock_with_a_negative_net_inflow_stops_at_zero():
    """XMILE: a non-negative stock never goes below zero, whatever the shape of its
    rate; here its only flow is an inflow that turns negative."""
    m = sf.Model("nonneg", start=None)
    m.stock("s", 3.0, nonnegative=True)
    m.flow("net", lambda v: np.full_like(v.s, -2.0), target="s")
    ds = sf.run_clock(m, 4.0, dt=1.0)
    np.testing.assert_array_equal(ds["s"].values, [3.0, 1.0, 0.0, 0.0, 0.0])
    free = sf.run_clock(decay(nonnegative=False), 1.0, dt=1.0)
    assert free["x"].values[-1] == 4.0


MDL = """{{UTF-8}}
a = 2^3^2 ~~|
b = -2^2 ~~|
c = 30^-30^-x ~~|
d = 2 - 3 * 4 / 2 + 2^2*3 ~~|
x = 1 ~~|
s = INTEG(-s * rate, 100) ~~|
rate = 0.1 ~~|
INITIAL TIME = 0 ~ {unit} ~|
FINAL TIME = 4 ~ {unit} ~|
TIME STEP = {dt} ~ {unit} ~|
SAVEPER = 1 ~ {unit} ~|
"""


def write(tmp_path: Path, **kw) -> Path:
    path = tmp_path / "m.mdl"
    path.write_text(MDL.format(**{"unit": "Minute", "dt": 0.5, **kw}))
    return path


def test_arithmetic_as_vensim_defines_it(tmp_path):
    frame = import_model(write(tmp_path)).run_frame()
    row = frame.iloc[0]
    assert row["a"] == 512.0  # 2^(3^2), not (2^3)^2
    assert row["b"] == -4.0  # -(2^2)
    assert row["c"] == pytest.approx(30 ** -(30**-1))
    assert row["d"] == 8.0


def test_any_time_unit_and_the_step_honoured(tmp_path):
    imported = import_model(write(tmp_path, unit="Minute", dt=0.5))
    assert imported.model.start is None and imported.time_units == "Minute"
    s = imported.run_frame()["s"]
    np.testing.assert_array_equal(s.index, [0.0, 1.0, 2.0, 3.0, 4.0])
    np.testing.assert_allclose(s.to_numpy(), 100 * 0.95 ** (2 * np.arange(5)), rtol=1e-14)
    # a step longer than the saving interval is refused, not replaced
    with pytest.raises(DeclarationError, match="SAVEPER 1 is not a whole number"):
        import_model(write(tmp_path, dt=1.5)).run()


def test_strict_import_lists_every_untranslated_variable_without_traceback(tmp_path):
    path = tmp_path / "bad.mdl"
    path.write_text(
        MDL.format(unit="Day", dt=1)
        + "v = VECTOR SELECT(x, x, x, 0, 0) ~~|\nw = ALLOCATE BY PRIORITY(x, x, x, x, x) ~~|\n"
    )
    with pytest.raises(PysdImportError) as info:
        import_model(path)
    assert {"v", "w"} <= set(info.value.untranslated)
    assert "2 variable(s) cannot be translated" in str(info.value)
