"""Scenarios with triggers on stockflow's compiled kernel, against the NumPy path.

The 2024 entry suspension's latches (:class:`sdmig.policy.triggers.Latch`) and the
state-aware development aid (``development_spending``) are traced into the kernel, which
carries the latches' state: every output agrees with the NumPy path to 1e-12 relative, the
latches' histories are the same (so the switching months and the trigger states read after
the run are), and a :class:`stockflow.Stepper` continued month by month from a given latch
state (as the particle filter does after resampling) stays with the NumPy path. The runs
stop at 2024-12: the proclamation switches on in 2024-06 and, in the larger members, off in
2024-10, where the final rule continues it.
"""

import os
import shutil

import numpy as np
import pytest

import stockflow as sf
import stockflow.kernel as kernel
from sdmig.inference.statespace import latch_state, set_latch_state
from sdmig.model.border import BorderModel
from sdmig.policy.scenario import load_scenario

pytestmark = pytest.mark.skipif(
    shutil.which(os.environ.get("CC", "cc")) is None, reason="no C compiler"
)

RTOL = 1e-12
# The exponential methods: the kernel does the NumPy path's operations in its order, but
# NumPy's matrix product (the push drivers' knot weights) rounds as its BLAS does (fused
# multiply-adds), and a smooth's decay rate, a difference quotient at a nudged stock, turns
# that last-bit difference into one about 1e4 times larger in the slowly moving stocks
EXP_RTOL = 1e-10
SCALES = np.array([[0.8], [1.0], [1.6]])  # base departures of the members


@pytest.fixture(scope="module")
def border():
    return BorderModel()


def params(border):
    return {"base_departures": border.params["base_departures"][None] * SCALES}


def assert_same(a, b, rtol=RTOL):
    for name in a.data_vars:
        x, y = a[name].values, b[name].values
        scale = np.maximum(np.abs(x), np.abs(y))
        worst = np.max(np.abs(x - y) / np.where(scale > 0, scale, 1), initial=0)
        assert worst <= rtol, f"{name}: largest relative difference {worst}"


def histories(bound):
    return {k: (list(x.times), np.stack(x.states).tolist()) for k, x in bound.latches.items()}


def run_both(border, scenario, method):
    out = []
    for backend in ("numpy", "compiled"):
        bound = load_scenario(scenario).bind(border.stockflow_model)
        ds = sf.simulate(
            bound.compiled(), "2024-12", method=method, params=params(border),
            inputs=bound.inputs, breakpoints=list(bound.breakpoints), backend=backend,
        )  # fmt: skip
        out.append((bound, ds))
    return out


def test_triggered_scenario_runs_fused_and_agrees(border):
    (a_bound, a), (b_bound, b) = run_both(border, "binational_phased", "euler")
    assert b.attrs["backend"] == "compiled"
    assert_same(a, b)
    assert histories(a_bound) == histories(b_bound)
    assert b_bound.trigger_switches() == a_bound.trigger_switches()
    assert "on 2024-06" in a_bound.trigger_switches()
    states = [bound.trigger_states(ds.time) for bound, ds in ((a_bound, a), (b_bound, b))]
    np.testing.assert_array_equal(states[0].values, states[1].values)
    assert states[0].sel(trigger="proclamation_2024").values.max() == 1.0
    # the state-aware aid's log (its costs) is handed back by the kernel as well
    log = "northern_triangle_compact"
    assert a_bound.logs[log].times == b_bound.logs[log].times
    assert a_bound.logs[log].values == b_bound.logs[log].values
    # no input is left to NumPy: the whole loop runs in the generated code
    built = list(kernel._store(b_bound.compiled().model).values())
    assert built and all(k.traced.external == [] for k in built)
    for k in built:  # two triggers, and the probe of the aid's log
        kinds = sorted(type(x).__name__ for x in k.traced.graph.latches)
        assert kinds == ["Latch", "Latch", "Probe"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "scenario, method",
    [
        ("baseline", "euler"),
        ("baseline", "rk4"),
        ("binational_phased", "rk4"),
        ("binational_phased", "exp-heun"),
    ],
)
def test_scenarios_agree_with_the_numpy_path(border, scenario, method):
    (a_bound, a), (b_bound, b) = run_both(border, scenario, method)
    assert_same(a, b, RTOL if method in ("euler", "rk4") else EXP_RTOL)
    assert histories(a_bound) == histories(b_bound)
    for label, log in a_bound.logs.items():
        assert (log.times, log.values) == (b_bound.logs[label].times, b_bound.logs[label].values)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["euler", "rk4", "exp-heun"])
def test_stepper_continues_from_given_latch_states(border, method):
    bounds = [load_scenario("baseline").bind(border.stockflow_model) for _ in range(2)]
    steppers = [
        sf.Stepper(
            bound.compiled(),
            params(border),
            bound.inputs,
            method=method,
            breakpoints=bound.breakpoints,
            track=["encounters"],
            backend=backend,
        )  # fmt: skip
        for bound, backend in zip(bounds, ("numpy", "compiled"), strict=True)
    ]
    ys = [s.initial() for s in steppers]
    for month in range(63):  # to 2024-12
        if month == 50:  # resampled: the members' states and latch states reordered
            index = np.array([2, 2, 0])
            for i, (bound, stepper) in enumerate(zip(bounds, steppers, strict=True)):
                chosen = {
                    k: tuple(a[index] for a in v) for k, v in latch_state(bound.latches).items()
                }
                set_latch_state(bound.latches, float(month), chosen)
                ys[i] = ys[i][:, index]
                stepper.take(index)
        ys = [s.advance(y, month, month + 1) for s, y in zip(steppers, ys, strict=True)]
        rtol = RTOL if method in ("euler", "rk4") else EXP_RTOL
        np.testing.assert_allclose(ys[1], ys[0], rtol=rtol, atol=0)
        states = [latch_state(bound.latches) for bound in bounds]
        for label in states[0]:
            for x, y in zip(states[0][label], states[1][label], strict=True):
                np.testing.assert_array_equal(x, y)
    assert histories(bounds[0]) == histories(bounds[1])
    assert "final_rule_2024: on 2024-10" in bounds[0].trigger_switches()
