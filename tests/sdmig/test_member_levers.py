"""Member-varying levers: ``Scenario.bind(member_values=...)`` and member-varying timings."""

import dataclasses

import numpy as np
import pytest

import stockflow as sf
from sdmig.errors import ScenarioError
from sdmig.model.border import START, BorderModel
from sdmig.model.runner import default_backend
from sdmig.policy.levers import Timing
from sdmig.policy.scenario import Scenario, load_scenario

VARIABLES = ["encounters", "deaths", "court_backlog"]
RUN = {"method": "rk4", "dt": 1.0, "variables": VARIABLES}


@pytest.fixture(scope="module")
def model():
    return BorderModel()


@pytest.fixture(scope="module")
def phased():
    return load_scenario("binational_phased")


def with_lever(scenario: Scenario, label: str, **changes) -> Scenario:
    """`scenario` with one lever's fields changed (timing fields in model months)."""
    levers = [lever.in_months(START) for lever in scenario.levers]
    i = scenario.labels.index(label)
    timing = {k: changes.pop(k) for k in ("start", "end") if k in changes}
    if timing:
        changes["timing"] = dataclasses.replace(levers[i].timing, **timing)
    levers[i] = dataclasses.replace(levers[i], **changes)
    return Scenario(name="changed", levers=levers)


def test_member_values_equal_to_the_scenario_change_nothing_to_the_last_bit(model, phased):
    n = 3
    hub = phased.levers[phased.labels.index("pre_screening_hub")].in_months(START)
    same = {
        "pre_screening_hub": {"capacity": [8000.0] * n, "start": [hub.timing.start] * n},
        "joint_task_forces": {"disruption": [0.15] * n, "intelligence_factor": [1.25] * n},
        "northern_triangle_compact": {"benchmark": [40_000.0] * n},
    }
    plain = phased.bind(model.stockflow_model)
    varying = phased.bind(model.stockflow_model, member_values=same)
    assert varying.n_members == n and plain.n_members is None
    assert varying.breakpoints == plain.breakpoints
    params = {"season_peak": np.full(n, 5.5)}
    a = plain.simulate("2028-12", params=params, **RUN)
    b = varying.simulate("2028-12", params=params, **RUN)
    for v in VARIABLES:
        np.testing.assert_array_equal(a[v].values, b[v].values)


def test_each_member_runs_as_its_own_scenario(model, phased):
    capacity = [2_000.0, 8_000.0, 15_000.0]
    start = [80.0, 87.0, 90.0]  # model months: 2026-06, 2027-01, 2027-04
    benchmark = [20_000.0, 40_000.0, 60_000.0]
    bound = phased.bind(
        model.stockflow_model,
        member_values={
            "pre_screening_hub": {"capacity": capacity, "start": start},
            "northern_triangle_compact": {"benchmark": benchmark},
        },
    )
    ens = bound.simulate("2028-12", **RUN)  # no member-varying parameter: still 3 members
    for k in range(3):
        one = with_lever(phased, "pre_screening_hub", capacity=capacity[k], start=start[k])
        one = with_lever(one, "northern_triangle_compact", benchmark=benchmark[k])
        single = one.bind(model.stockflow_model)
        ds = sf.simulate(
            single.compiled(),  # the model with the baseline triggers' averaging stocks
            "2028-12",
            inputs=dict(single.inputs),
            breakpoints=bound.breakpoints,  # the same integration grid
            backend=default_backend(),  # as sdmig's runs
            **RUN,
        )
        for v in VARIABLES:
            np.testing.assert_array_equal(ens[v].isel(member=k).values, ds[v].values)


def test_a_shifted_timing_moves_start_and_end_and_splits_at_every_members_switch(phased, model):
    t42 = phased.levers[phased.labels.index("title42_2020")].in_months(START).timing
    shift = np.array([-3.0, -1.0, 0.0])  # later would overlap title42_2021 (both "set")
    bound = phased.bind(
        model.stockflow_model,
        member_values={"title42_2020": {"start": t42.start + shift, "end": t42.end + shift}},
    )
    for s in shift:
        assert t42.start + s in bound.breakpoints and t42.end + s in bound.breakpoints
    with pytest.raises(ScenarioError, match="both set 'expulsion_share' at overlapping times"):
        phased.bind(
            model.stockflow_model,
            member_values={"title42_2020": {"start": [t42.start + 3], "end": [t42.end + 3]}},
        )


def test_member_weight_equals_the_scalar_weight():
    times = np.linspace(-1, 20, 211)
    timings = [
        (2.0, 3.0, "linear", 9.0, 2.0),
        (2.5, 0.0, "s_curve", 7.0, 0.0),
        (1.0, 4.0, "s_curve", None, 0.0),
    ]
    for start, ramp, shape, end, down in timings:
        scalar = Timing(start=start, ramp_months=ramp, shape=shape, end=end, ramp_down_months=down)
        member = dataclasses.replace(scalar)
        object.__setattr__(member, "start", np.array([start, start + 1.0]))
        assert member.n_members == 2 and scalar.n_members is None
        shifted = dataclasses.replace(scalar, start=start + 1.0)
        for t in times:
            w = member.weight(float(t))
            assert w.shape == (2,)
            assert w[0] == scalar.weight(float(t))
            assert w[1] == shifted.weight(float(t))
        assert member.window() == (start, scalar.window()[1])
        assert set(scalar.breakpoints()) | set(shifted.breakpoints()) == set(member.breakpoints())


def test_costs_are_not_defined_per_member(model, phased):
    bound = phased.bind(
        model.stockflow_model, member_values={"pre_screening_hub": {"capacity": [1.0, 2.0]}}
    )
    with pytest.raises(ScenarioError, match="bound with member values"):
        bound.cost(["2027-01"])


@pytest.mark.parametrize(
    ("member_values", "message"),
    [
        (
            {"pre_screnning_hub": {"capacity": [1.0]}},
            "unknown lever label 'pre_screnning_hub'.*Did you mean 'pre_screening_hub'",
        ),
        (
            {"pre_screening_hub": {"capacity": [1.0, -5.0]}},
            r"capacity = -5 \(member 1\) is out of range; allowed 0 to 20000",
        ),
        ({"pre_screening_hub": {"capacity": [[1.0, 2.0]]}}, r"must have shape \(n_members,\)"),
        (
            {"pre_screening_hub": {"colour": [1.0]}},
            "'colour' cannot vary by member; allowed: capacity, start",
        ),
        (
            {"pre_screening_hub": {"capacity": [1.0, 2.0]}, "asylum_officers": {"share": [0.1]}},
            "disagree on the number of members",
        ),
        ({"pre_screening_hub": {"end": [90.0]}}, "has no end"),
        ({"title42_2020": {"start": [40.0]}}, r"end = 15\.\d+ \(member 0\) is before the start"),
        (
            {"pre_screening_hub": {"ramp_months": [-1.0]}},
            r"ramp_months = -1 \(member 0\) must be 0 or more",
        ),
        ({"pre_screening_hub": {}}, "non-empty"),
        (
            {"cbp_one_1450": {"per_day": [900.0, 1000.0, 1100.0, 1200.0]}},
            r"effect\(\) fails when per_day varies by member .* must keep its leading member",
        ),
        ({"title42_2020": {"share_ntca": [0.5, 0.6]}}, "must keep its leading member axis"),
        (["pre_screening_hub"], "must be a mapping"),
    ],
)
def test_bad_member_values(model, phased, member_values, message):
    with pytest.raises(ScenarioError, match=message):
        phased.bind(model.stockflow_model, member_values=member_values)
