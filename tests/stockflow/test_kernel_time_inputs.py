"""Time-only policy inputs on the compiled kernel: traced and tabulated over the whole grid.

An input that reads only the time and uses NumPy operations (a lever schedule: ramps,
windows, products) is traced with a symbolic time; its time table is then computed by NumPy
over every time of the run at once, with the operations of a call at each time, so the
results are those of calling it at each time. An input that branches on the time in Python
is called at each time, as before.
"""

import os
import shutil

import numpy as np
import pytest

import stockflow as sf
import stockflow.kernel as kernel

pytestmark = pytest.mark.skipif(
    shutil.which(os.environ.get("CC", "cc")) is None, reason="no C compiler"
)


def braked():
    m = sf.Model("braked", start="2020-01")
    m.param("k", 0.1)
    m.stock("s", 100.0)
    m.input("brake", 0.0)
    m.flow("out", lambda v: (v.k + v.brake) * v.s, source="s")
    m.add_breakpoints(3.0, 7.0)
    return m


def ramp(t, v):
    """0 before month 3, up to 0.2 at month 7, a smooth step: NumPy operations only."""
    x = np.clip((t - 3.0) / 4.0, 0.0, 1.0)
    return 0.2 * x * x * (3.0 - 2.0 * x) * (t >= 3.0)


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_time_only_input_is_traced_and_agrees(method):
    m = braked()
    k = kernel.build_kernel(sf.compile_model(m), {"brake": ramp}, ["s"])
    assert k.traced.tabulated == {}  # traced: not called at each time
    params = {"k": [0.05, 0.1, 0.2]}
    a = sf.simulate(m, 12, method=method, inputs={"brake": ramp}, params=params)
    b = sf.simulate(m, 12, method=method, inputs={"brake": ramp}, params=params, backend="compiled")
    for name in a.data_vars:
        np.testing.assert_allclose(b[name].values, a[name].values, rtol=1e-12, atol=0)
    np.testing.assert_allclose(b.brake.isel(time=-1).values, 0.2)


def test_input_branching_on_the_time_is_called_at_each_time():
    step = lambda t, v: 0.2 if 3.0 <= t < 7.0 else 0.0  # noqa: E731
    k = kernel.build_kernel(sf.compile_model(braked()), {"brake": step}, ["s"])
    assert list(k.traced.tabulated) == ["brake"]
