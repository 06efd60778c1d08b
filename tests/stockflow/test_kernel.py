"""The compiled kernel (``simulate(..., backend="compiled")``) against the NumPy path.

The kernel computes the same operations in the same order as the NumPy path, so every
output agrees to 1e-12 relative (transcendental functions may differ in their last bit).
Compiled kernels are cached (``stockflow.codegen.cache_dir``), so only a first run on a
machine pays the C compiler.
"""

import importlib.util
import os
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from analytic_models import (
    closed_loop,
    decay,
    delay3,
    drain,
    emptying,
    logistic,
    nonlinear,
    smooth_step,
    step_series,
)

import stockflow as sf
import stockflow.kernel as kernel
from stockflow.kernel import KernelFallback, KernelFallbackWarning

pytestmark = pytest.mark.skipif(
    shutil.which(os.environ.get("CC", "cc")) is None, reason="no C compiler"
)

METHODS = ["euler", "rk4"]
RTOL = 1e-12


def assert_same(a, b, rtol=RTOL):
    """Every variable of `a` and `b` agrees to `rtol` relative."""
    assert set(a.data_vars) == set(b.data_vars)
    for name in a.data_vars:
        x, y = a[name].values, b[name].values
        assert x.shape == y.shape, name
        scale = np.maximum(np.abs(x), np.abs(y))
        bad = np.abs(x - y) > rtol * scale
        worst = np.max(np.abs(x - y) / np.where(scale > 0, scale, 1), initial=0)
        assert not bad.any(), f"{name}: largest relative difference {worst}"


def both(model, end, **kwargs):
    numpy = sf.simulate(model, end, **kwargs)
    compiled = sf.simulate(model, end, backend="compiled", **kwargs)
    assert compiled.attrs["backend"] == "compiled"
    return numpy, compiled


# ------------------------------------------------------------------- analytic models
ANALYTIC = [decay, logistic, smooth_step, delay3, step_series, emptying]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("build", ANALYTIC, ids=lambda f: f.__name__)
def test_analytic_models_agree(build, method):
    a, b = both(build(), 24, method=method, dt=0.25)
    assert_same(a, b)


@pytest.mark.parametrize("method", METHODS)
def test_ensemble_parameters_agree(method):
    k = np.linspace(0.05, 0.6, 11)
    a, b = both(decay(), 24, method=method, params={"k": k})
    assert a.x.shape == (11, 24)
    assert_same(a, b)


def test_the_limiter_acts_and_agrees():
    a, b = both(emptying(), 24, method="euler", dt=0.25)
    assert (a.x.values >= 0).all() and (a.x.values[:, -1] < 1.0).all()  # emptied
    assert_same(a, b)
    sf.check_ledger(b)


# ------------------------------------------------------------------ PySD cross-check
def cross_check_model():
    path = Path(__file__).with_name("test_pysd_crosscheck.py")
    spec = importlib.util.spec_from_file_location("_cross_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.stockflow_model()


@pytest.mark.parametrize("method", METHODS)
def test_cross_check_model_agrees(method):
    a, b = both(cross_check_model(), 36, method=method, dt=0.25)
    assert_same(a, b)


# ------------------------------------------------------------------------ border model
@pytest.fixture(scope="module")
def border():
    from sdmig.model.border import BorderModel

    return BorderModel()


@pytest.mark.parametrize("method", METHODS)
def test_border_model_agrees(border, method):
    base = border.params["base_departures"]
    params = {"base_departures": base[None] * np.array([[0.8], [1.0], [1.3]])}
    a, b = both(border.compiled, "2020-12", method=method, params=params)
    assert a.encounters.shape[:2] == (3, 15)
    assert_same(a, b)


@pytest.mark.slow  # each exponential kernel of the border model takes 20-100 s to build
@pytest.mark.parametrize("method", ["exp-euler", "exp-heun"])
def test_border_model_agrees_with_the_exponential_methods(border, method):
    base = border.params["base_departures"]
    params = {"base_departures": base[None] * np.array([[0.8], [1.3]])}
    a, b = both(border.compiled, "2020-12", method=method, dt=0.5, params=params)
    assert_same(a, b, rtol=1e-12)


# ---------------------------------------------------------------------------- fallback
def branching():
    m = sf.Model("branching", start="2020-01")
    m.param("k", 0.1)
    m.stock("s", 10.0)
    m.aux("rate", lambda v: v.k * 2 if (v.s > 5).all() else v.k)
    m.flow("out", lambda v: v.rate * v.s, source="s")
    return m


def test_untraceable_equation_falls_back_naming_it():
    m = branching()
    with pytest.raises(KernelFallback, match="variable 'rate' cannot be compiled"):
        sf.simulate(m, 6, method="euler", backend="compiled")
    with pytest.warns(KernelFallbackWarning, match="'rate'.*Python branching"):
        auto = sf.simulate(m, 6, method="euler", backend="auto")
    assert "backend" not in auto.attrs
    assert_same(auto, sf.simulate(m, 6, method="euler"), rtol=0)


class Latch:
    """An input that keeps its own history (as a trigger does): not traceable."""

    def __init__(self):
        self.calls = []

    def __call__(self, t, v):
        x = np.asarray(v.s, dtype=float)
        self.calls.append(float(t))
        return np.where(x < 60.0, 0.5, 0.0)


def latched():
    m = sf.Model("latched", start="2020-01")
    m.stock("s", 100.0)
    m.input("brake", 0.0)
    m.flow("out", lambda v: (0.1 + v.brake) * v.s, source="s")
    return m


@pytest.mark.parametrize("method", METHODS)
def test_input_with_history_runs_stage_by_stage(method):
    m = latched()
    ref_latch, latch = Latch(), Latch()
    a = sf.simulate(m, 12, method=method, inputs={"brake": ref_latch})
    b = sf.simulate(m, 12, method=method, inputs={"brake": latch}, backend="compiled")
    assert_same(a, b)
    assert latch.calls == ref_latch.calls  # called at the same times, in the same order


def test_time_only_input_is_tabulated():
    m = latched()
    schedule = lambda t, v: 0.2 if 3.0 <= t < 7.0 else 0.0  # noqa: E731
    m.add_breakpoints(3.0, 7.0)
    a, b = both(m, 12, method="rk4", inputs={"brake": schedule})
    assert_same(a, b)


def test_bad_backend_is_refused():
    with pytest.raises(ValueError, match="`backend` must be one of"):
        sf.simulate(decay(), 3, method="euler", backend="fast")


def test_exponential_methods_run_on_the_kernel_with_auto():
    reference = sf.simulate(decay(), 12, method="exp-heun", dt=1.0)
    auto = sf.simulate(decay(), 12, method="exp-heun", dt=1.0, backend="auto")
    assert auto.attrs["backend"] == "compiled"
    assert auto.attrs["nfev"] == reference.attrs["nfev"] == 24
    assert_same(auto, reference)


def test_sums_are_traced_in_numpys_order():
    """On the NumPy path values derived from the stocks have the member axis fastest in
    memory, and NumPy sums several trailing axes left to right over their flattening:
    the traced sums add in that order, so Euler agrees to the last bit."""
    dims = {"a": list("pqr"), "b": list("wxyz"), "c": list("abcdefghijkl")}
    m = sf.Model("sums", start="2020-01", dims=dims)
    m.param("rate", 0.1)
    m.stock("x", np.linspace(0.3, 9.7, 12).reshape(3, 4) ** 3, dims=("a", "b"))
    m.stock("z", np.linspace(1.1, 2.3, 12) ** 5, dims="c")
    m.stock("total", 0.0)
    m.flow("leak", lambda v: v.rate[:, None, None] * v.x / 7.0, source="x", dims=("a", "b"))
    m.flow("drip", lambda v: v.rate[:, None] * v.z / 3.0, source="z", dims="c")
    m.flow(
        "fill",
        lambda v: v.leak.sum(axis=(1, 2)) + v.drip.sum(axis=-1) + v.x.mean(axis=(1, 2)),
        target="total",
    )
    rates = {"rate": np.linspace(0.05, 0.3, 5)}
    a, b = both(m, 6, method="euler", params=rates, variables=["total", "fill"])
    assert_same(a, b, rtol=0)


# ------------------------------------------------------ exponential methods (expkernel)
EXPONENTIAL = ["exp-euler", "exp-heun"]


@pytest.mark.parametrize("method", EXPONENTIAL)
@pytest.mark.parametrize("dt", [0.5, 1.0])
@pytest.mark.parametrize(
    "build", [*ANALYTIC, drain, nonlinear, closed_loop], ids=lambda f: f.__name__
)
def test_exponential_methods_agree_on_analytic_models(build, method, dt):
    m = build()
    m.tally("counted", lambda v: 0.5 * v.t * v.t + 0.0 * v.t)  # a flow between no stocks
    a, b = both(m, 24, method=method, dt=dt)
    assert b.attrs["nfev"] == a.attrs["nfev"]
    assert_same(a, b)


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_exponential_ensembles_agree(method):
    taus = np.array([0.05, 0.2, 0.4, 3.0, 30.0])  # from far below the step to far above
    a, b = both(drain(), 12, method=method, dt=1.0, params={"tau": taus})
    assert_same(a, b)
    k = np.linspace(0.05, 0.6, 11)
    assert_same(*both(logistic(), 12, method=method, dt=0.5, params={"r": k}))


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_exponential_cross_check_model_agrees(method):
    a, b = both(cross_check_model(), 36, method=method, dt=0.5)
    assert_same(a, b)


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_exponential_input_with_history_runs_stage_by_stage(method):
    m = latched()
    ref_latch, latch = Latch(), Latch()
    a = sf.simulate(m, 12, method=method, dt=0.5, inputs={"brake": ref_latch})
    b = sf.simulate(m, 12, method=method, dt=0.5, inputs={"brake": latch}, backend="compiled")
    assert_same(a, b)
    assert latch.calls == ref_latch.calls


@pytest.mark.parametrize("method", EXPONENTIAL)
def test_exponential_stepper_advances_the_same_on_the_kernel(method):
    m = nonlinear()
    steppers = [
        sf.Stepper(m, method=method, dt=0.5, track=["move"], n_members=3, backend=backend)
        for backend in ("numpy", "compiled")
    ]
    states = [s.initial() for s in steppers]
    for month in range(6):
        states = [s.advance(y, month, month + 1) for s, y in zip(steppers, states, strict=True)]
        np.testing.assert_allclose(states[1], states[0], rtol=RTOL, atol=0)
        for s, y in zip(steppers, states, strict=True):
            s.stock(y, "a")[1] *= 0.9


@pytest.mark.parametrize("build", [logistic, delay3, nonlinear], ids=lambda f: f.__name__)
def test_exponential_kernel_with_vector_math_agrees_to_its_bar(build, monkeypatch):
    """glibc's vector exp/expm1 differ from NumPy's in the last bit; a smooth's decay rate,
    a difference quotient at a nudged stock, carries that to about 1e-10 relative."""
    monkeypatch.setenv("STOCKFLOW_KERNEL_VECTOR_MATH", "1")
    a, b = both(build(), 24, method="exp-heun", dt=1.0)
    assert_same(a, b, rtol=1e-9)


def test_exponential_results_do_not_depend_on_chunks_blocks_or_threads(monkeypatch):
    m = emptying()
    demand = np.array([4.0, 9.0, 30.0]) * np.linspace(0.5, 1.5, 37)[:, None]
    inputs = {}
    runs = []
    for chunk, block, threads in [(37, 256, "1"), (5, 3, "2"), (16, 7, "2"), (1, 1, "1")]:
        monkeypatch.setenv("STOCKFLOW_THREADS", threads)
        monkeypatch.setattr(kernel, "BLOCK", block)
        runs.append(
            sf.simulate(
                m,
                18,
                method="exp-heun",
                params={"demand": demand},
                inputs=inputs,
                chunk_size=chunk,
                backend="compiled",
            )
        )
    for other in runs[1:]:
        for name in runs[0].data_vars:
            np.testing.assert_array_equal(runs[0][name].values, other[name].values)


# ------------------------------------------------------------ chunks, blocks, threads
def test_results_do_not_depend_on_chunks_blocks_or_threads(monkeypatch):
    m = emptying()
    demand = np.array([4.0, 9.0, 30.0]) * np.linspace(0.5, 1.5, 37)[:, None]
    runs = []
    for chunk, block, threads in [(37, 256, "1"), (5, 3, "2"), (16, 7, "2"), (1, 1, "1")]:
        monkeypatch.setenv("STOCKFLOW_THREADS", threads)
        monkeypatch.setattr(kernel, "BLOCK", block)
        runs.append(
            sf.simulate(
                m, 18, method="rk4", params={"demand": demand}, chunk_size=chunk, backend="compiled"
            )
        )
    for other in runs[1:]:
        for name in runs[0].data_vars:
            np.testing.assert_array_equal(runs[0][name].values, other[name].values)


def test_non_finite_state_is_reported_like_the_numpy_path():
    m = sf.Model("blowup", start="2020-01")
    m.param("r", 1.0)
    m.stock("x", 1.0, nonnegative=False)
    m.flow("grow", lambda v: v.r * v.x**3, target="x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(sf.IntegrationError) as numpy_error:
            sf.simulate(m, 6, method="euler")
        with pytest.raises(sf.IntegrationError) as compiled_error:
            sf.simulate(m, 6, method="euler", backend="compiled")
    assert str(compiled_error.value) == str(numpy_error.value)


# ------------------------------------------------------------------------------ Stepper
@pytest.mark.parametrize("method", METHODS)
def test_stepper_advances_the_same_on_the_kernel(method):
    m = emptying()
    demand = np.array([4.0, 9.0, 30.0]) * np.linspace(0.5, 1.5, 9)[:, None]
    steppers = [
        sf.Stepper(m, {"demand": demand}, method=method, track=["use"], backend=backend)
        for backend in ("numpy", "compiled")
    ]
    states = [s.initial() for s in steppers]
    for month in range(6):  # month by month, the state changed between months
        states = [s.advance(y, month, month + 1) for s, y in zip(steppers, states, strict=True)]
        np.testing.assert_allclose(states[1], states[0], rtol=RTOL, atol=0)
        for s, y in zip(steppers, states, strict=True):
            s.stock(y, "x")[:, 0] *= 0.9
    np.testing.assert_allclose(
        steppers[1].flow_total(states[1], "use"),
        steppers[0].flow_total(states[0], "use"),
        rtol=RTOL,
    )


def test_time_only_input_varying_by_member_runs_stage_by_stage():
    m = latched()
    m.param("k", 0.1)
    levels = np.array([0.0, 0.1, 0.2])
    inputs = {"brake": lambda t, v: levels * (t >= 3.0)}
    m.add_breakpoints(3.0)
    a, b = both(m, 12, method="rk4", inputs=inputs, params={"k": [0.1, 0.1, 0.1]})
    assert a.s.shape == (3, 12)
    assert_same(a, b)


# ------------------------------------------------------------------- solve_ivp (RK45)
@pytest.mark.parametrize("build", [decay, delay3, step_series, emptying], ids=lambda f: f.__name__)
def test_solve_ivp_calls_the_compiled_right_hand_side(build):
    a, b = (
        sf.simulate(build(), 12, method="RK45", backend=backend)
        for backend in ("numpy", "compiled")
    )
    assert b.attrs["nfev"] == a.attrs["nfev"]  # the same steps, to rounding
    assert_same(a, b, rtol=1e-10)


def test_without_a_compiler_auto_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("CC", "no-such-compiler-here")
    monkeypatch.setenv("STOCKFLOW_KERNEL_CACHE", str(tmp_path))
    m = sf.Model("fresh", start="2020-01")  # a model no test has compiled
    m.param("k", 0.123)
    m.stock("s", 7.0)
    m.flow("out", lambda v: v.k * v.s * v.s / 7.0, source="s")
    with pytest.warns(KernelFallbackWarning, match="no C compiler found"):
        auto = sf.simulate(m, 3, method="euler", backend="auto")
    assert_same(auto, sf.simulate(m, 3, method="euler"), rtol=0)
