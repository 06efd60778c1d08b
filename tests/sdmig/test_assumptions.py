"""Assumed elasticities and lever effects: documented ranges, paired draws, intervals."""

import numpy as np
import pytest

from sdmig.model.parameters import PARAMS_BY_NAME
from sdmig.outputs.compare import compare
from sdmig.policy.assumptions import (
    EFFECT_SCALE,
    LEVER_EFFECTS,
    MODEL_ASSUMPTIONS,
    Assumption,
    draw_assumptions,
    lever_effect_ranges,
)
from sdmig.policy.registry import available_levers
from sdmig.policy.scenario import load_scenario
from sdmig.run.forecast import forecast


def test_every_assumption_has_a_documented_range_inside_the_parameter_bounds():
    for name, a in MODEL_ASSUMPTIONS.items():
        spec = PARAMS_BY_NAME[name]
        assert "assumption" in spec.source and "assumption" in a.source, name
        assert spec.low <= a.low < a.high <= spec.high, name
    levers = available_levers()
    for lever, params in LEVER_EFFECTS.items():
        for param, kind in params.items():
            assert param in levers[lever].params and kind in ("factor", "amount")


def test_draws_are_paired_across_scenarios_and_repeatable():
    base = load_scenario("baseline")
    option = load_scenario("option1_enforcement")
    p1, m1 = draw_assumptions(base, 50, 3)
    p2, m2 = draw_assumptions(option, 50, 3)
    for name in MODEL_ASSUMPTIONS:
        np.testing.assert_array_equal(p1[name], p2[name])
        a = MODEL_ASSUMPTIONS[name]
        assert a.low <= p1[name].min() and p1[name].max() <= a.high
    surge1, surge2 = m1["mexico_surge_2023"], m2["mexico_surge_2023"]
    np.testing.assert_array_equal(surge1["south_rate"], surge2["south_rate"])
    again, _ = draw_assumptions(base, 50, 3)
    np.testing.assert_array_equal(again["stay_deterrence"], p1["stay_deterrence"])
    other, _ = draw_assumptions(base, 50, 4)
    assert not np.array_equal(other["stay_deterrence"], p1["stay_deterrence"])
    barriers = m2["physical_barriers"]["enforcement_factor"]  # 1.15 in the file
    lo, hi = EFFECT_SCALE
    assert 1 + lo * 0.15 - 1e-12 <= barriers.min() and barriers.max() <= 1 + hi * 0.15 + 1e-12
    low, high, kind = lever_effect_ranges(option)["physical_barriers.enforcement_factor"]
    assert (low, high, kind) == (pytest.approx(1.075), pytest.approx(1.225), "factor")


def delta_crossings(**kw):
    scenarios = {n: load_scenario(n) for n in ("baseline", "option1_enforcement")}
    ds = forecast(list(scenarios.values()), members=10, seed=0, end="2027-06", **kw)
    table = compare(ds, start="2026-07", end="2027-06", scenarios=scenarios)
    row = table[(table.metric == "crossings") & (table.period == "window")].iloc[0]
    return float(row["p10"]), float(row["median"]), float(row["p90"])


@pytest.mark.slow
def test_option1_interval_contains_zero_when_the_deterrence_range_does():
    wide = {"enforcement_deterrence": Assumption(-0.4, 0.4, "a range around 0 (test)")}
    lo, _, hi = delta_crossings(assumptions=wide)
    assert lo < 0 < hi
    lo, med, hi = delta_crossings(fixed_assumptions=True)
    assert lo <= med <= hi < 0  # the deterrence elasticity fixed at 0.5: a clear fall
    assert hi - lo < 0.2 * abs(med)  # ... with a narrow interval (parameter draws only)


def test_a_plugin_declares_its_uncertain_effects():
    from dataclasses import dataclass

    from sdmig.errors import LeverError
    from sdmig.policy.levers import Lever, Param, Timing
    from sdmig.policy.scenario import Scenario

    @dataclass(frozen=True, kw_only=True)
    class Fence(Lever):
        """A fence (test)."""

        name = "fence"
        params = {"factor": Param("1", low=1, high=3, default=1.2), "km": Param("km", low=0)}
        acts_on = ("border_enforcement",)
        intensity = "factor"
        effects = {"factor": "factor"}

    s = Scenario(name="f", levers=[Fence(km=10, timing=Timing(start=0.0))])
    _, members = draw_assumptions(s, 20, 0)
    assert set(members["fence"]) == {"factor"}
    assert (
        1.1 - 1e-12
        <= members["fence"]["factor"].min()
        <= members["fence"]["factor"].max()
        <= 1.3 + 1e-12
    )

    @dataclass(frozen=True, kw_only=True)
    class Bad(Fence):
        """Bad effects (test)."""

        name = "bad_fence"
        effects = {"km": "sometimes"}

    with pytest.raises(LeverError, match="effects = {'km': 'sometimes'} must map declared"):
        Bad(km=1, timing=Timing(start=0.0))
