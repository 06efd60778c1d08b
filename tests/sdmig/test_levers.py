"""The lever API: Param, Timing, Lever, composition on a model, costs, state-aware levers."""

import copy
import dataclasses
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stockflow as sf
from sdmig.errors import LeverError, ScenarioError
from sdmig.policy.levers import Lever, Param, Timing, check_lever_class
from sdmig.policy.scenario import Scenario

CORRIDORS = ("tijuana_san_diego", "juarez_el_paso", "reynosa_mcallen", "rest_of_border")
ORIGINS = ("MEX", "NTCA", "OTHER")


def toy_model() -> sf.Model:
    """Two stocks fed by policy inputs: enough to check every composition rule exactly."""
    m = sf.Model("toy", start="2026-01", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    m.input("border_enforcement", 1.0, dims="corridor", units="1")
    m.input("legal_pathway_capacity", [100.0, 50.0, 20.0], dims="origin", units="people/month")
    m.input("court_capacity", 1.0, units="1")
    m.param("arrival_rate", 100.0, units="people/month")
    m.stock("waiting", 0.0, dims="corridor", units="people")
    m.flow(
        "arrivals",
        lambda v: v.arrival_rate[:, None] / v.border_enforcement,
        target="waiting",
        dims="corridor",
        units="people/month",
    )
    m.stock("entered", 0.0, dims="origin", units="people")
    m.flow(
        "entries",
        lambda v: v.legal_pathway_capacity,
        target="entered",
        dims="origin",
        units="people/month",
    )
    return m


# ------------------------------------------------------------------- test-only levers
@dataclass(frozen=True, kw_only=True)
class Pathways(Lever):
    """Add lawful entries."""

    name = "pathways"
    params = {"amount": Param("people/month", low=0, high=1000, default=10)}
    acts_on = ("legal_pathway_capacity",)
    mode = "add"
    intensity = "amount"


@dataclass(frozen=True, kw_only=True)
class PathwaysFactor(Lever):
    """Scale lawful entries."""

    name = "pathways_factor"
    params = {"factor": Param("1", low=0, high=10, default=1)}
    acts_on = ("legal_pathway_capacity",)
    intensity = "factor"


@dataclass(frozen=True, kw_only=True)
class PathwaysLevel(Lever):
    """Set lawful entries."""

    name = "pathways_level"
    params = {"level": Param("people/month", low=0, high=1000)}
    acts_on = ("legal_pathway_capacity",)
    mode = "set"
    intensity = "level"


@dataclass(frozen=True, kw_only=True)
class TaskForce(Lever):
    """Two inputs, two modes, an effect that varies by corridor."""

    name = "task_force"
    params = {"boost": Param("1", low=1, high=3, default=1.5)}
    acts_on = {"border_enforcement": "multiply", "court_capacity": "add"}
    monthly_cost: float = 1e6
    setup_cost: float = 5e6

    def effect(self, t, v):
        return {
            "border_enforcement": self.boost * np.array([1.0, 1.0, 1.0, 0.5]),
            "court_capacity": 0.1,
        }


@dataclass(frozen=True, kw_only=True)
class BenchmarkedEnforcement(Lever):
    """More enforcement that continues only while few people wait (a benchmark).

    State-aware: the weight is the timing's, times 1 while the total waiting population
    of each member is at or below `benchmark`, 0 otherwise.
    """

    name = "benchmarked_enforcement"
    params = {
        "factor": Param("1", low=1, high=5, default=2),
        "benchmark": Param("people", low=0, default=600),
    }
    acts_on = ("border_enforcement",)
    intensity = "factor"

    def weight(self, t, v=None):
        base = super().weight(t, v)
        if v is None:
            return base
        waiting = np.asarray(v.waiting).sum(axis=-1)  # (n_members,)
        return base * (waiting <= self.benchmark)


def at(t, **kw):
    return Timing(start=t, **kw)


# ---------------------------------------------------------------------------- Param
def test_param_check_and_message():
    p = Param("people/month", low=0, high=20_000, default=8_000, doc="screenings")
    assert p.check("capacity", 1500) == 1500.0
    with pytest.raises(LeverError) as err:
        p.check("capacity", -500)
    assert str(err.value) == ("capacity = -500 is out of range; allowed 0 to 20000 people/month")
    with pytest.raises(LeverError, match=r"capacity = 'lots' has the wrong type \(str\)"):
        p.check("capacity", "lots")
    with pytest.raises(LeverError, match="wrong type"):
        p.check("capacity", True)
    with pytest.raises(LeverError, match="out of range"):
        p.check("capacity", math.nan)
    assert p.describe() == "[people/month] 0 to 20000, default 8000"


@pytest.mark.parametrize(
    ("param", "text"),
    [
        (Param("months", low=0), "0 or more months"),
        (Param("1", high=1), "1 or less"),
        (Param("USD"), "any number USD"),
        (Param("1", low=0.25, high=2.5), "0.25 to 2.5"),
    ],
)
def test_param_allowed_text(param, text):
    assert param.allowed() == text


def test_param_declaration_errors():
    with pytest.raises(LeverError, match="`low` = 3 is above `high` = 1"):
        Param("1", low=3, high=1)
    with pytest.raises(LeverError, match="default = 50 is out of range"):
        Param("1", low=0, high=10, default=50)


# ---------------------------------------------------------------------------- Timing
def test_timing_weight_linear_with_end():
    tm = Timing(start=2, ramp_months=2, end=6, ramp_down_months=2)
    t = np.array([0, 2, 3, 4, 5, 6, 7, 8, 9])
    np.testing.assert_allclose(tm.weight(t), [0, 0, 0.5, 1, 1, 1, 0.5, 0, 0])
    assert tm.weight(t).shape == t.shape
    assert tm.weight(np.zeros((2, 3))).shape == (2, 3)
    assert tm.breakpoints() == (2.0, 4.0, 6.0, 8.0)
    assert tm.window() == (2.0, 8.0)


def test_timing_step_and_open_end():
    tm = Timing(start=3)
    np.testing.assert_array_equal(tm.weight([2.999, 3, 100]), [0, 1, 1])
    assert tm.breakpoints() == (3.0,)
    assert tm.window() == (3.0, math.inf)
    stop = Timing(start=3, end=5)
    np.testing.assert_array_equal(stop.weight([4.999, 5]), [1, 0])


def test_timing_s_curve():
    tm = Timing(start=0, ramp_months=4, shape="s_curve")
    w = tm.weight([0, 1, 2, 3, 4])
    np.testing.assert_allclose(w, [0, 0.15625, 0.5, 0.84375, 1])
    lin = Timing(start=0, ramp_months=4).weight([1, 3])
    assert w[1] < lin[0] and w[3] > lin[1]  # slower at both ends


def test_timing_dates_resolve_against_model_start():
    tm = Timing(start="2026-07", ramp_months=6, end="2027-03-16", phase="phase 1")
    assert tm.is_dated and str(tm.start.date()) == "2026-07-01"
    months = tm.in_months("2026-01")
    assert months.start == 6.0 and months.end == pytest.approx(14 + 15 / 31)
    assert months.phase == "phase 1"
    assert tm.breakpoints(origin="2026-01") == months.breakpoints()
    np.testing.assert_allclose(tm.weight([6, 9], origin="2026-01"), [0, 0.5])
    with pytest.raises(LeverError, match="needs model months.*origin="):
        tm.weight(3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "July 2026"}, r"start = 'July 2026' is not a date; use 'YYYY-MM'"),
        ({"start": "2026-13"}, r"start = '2026-13' is not a date"),
        ({"start": None}, "start is required"),
        ({"start": 5, "end": 2}, r"end = t=2 is before start = t=5"),
        ({"start": "2026-07", "end": "2026-01"}, "end = 2026-01 is before start = 2026-07"),
        ({"start": "2026-07", "end": 12}, "mix a date and a model time"),
        ({"start": 0, "ramp_months": -1}, r"ramp_months = -1 is out of range; allowed 0 or more"),
        ({"start": 0, "ramp_down_months": 2}, "ramp_down_months = 2 needs an end"),
        ({"start": 0, "shape": "cubic"}, "shape = 'cubic' is not allowed; allowed 'linear' or"),
        ({"start": 0, "phase": 1}, "phase = 1 has the wrong type"),
    ],
)
def test_timing_errors(kwargs, message):
    with pytest.raises(LeverError, match=message):
        Timing(**kwargs)


@given(
    start=st.floats(0, 50),
    ramp=st.floats(0, 24),
    length=st.floats(0, 60),
    ramp_down=st.floats(0, 24),
    shape=st.sampled_from(["linear", "s_curve"]),
)
def test_timing_weight_properties(start, ramp, length, ramp_down, shape):
    tm = Timing(
        start=start, ramp_months=ramp, end=start + length, ramp_down_months=ramp_down, shape=shape
    )
    t = np.linspace(-1, 200, 2001)
    w = tm.weight(t)
    assert np.all((w >= 0) & (w <= 1))
    first, stop = tm.window()
    assert np.all(w[(t < first) | (t >= stop)] == 0)
    full = (t >= start + ramp) & (t < start + length)
    assert np.all(w[full] == 1)
    up = t < start + length
    assert np.all(np.diff(w[up]) >= 0)  # never falls before the end


# ----------------------------------------------------------------------------- Lever
def test_params_become_fields_with_defaults_and_checks():
    lever = Pathways(timing=at(0))
    assert lever.amount == 10.0
    assert [f.name for f in dataclasses.fields(Pathways)][-1] == "amount"
    assert Pathways.description == "Add lawful entries."
    with pytest.raises(LeverError, match="amount = 5000 is out of range; allowed 0 to 1000"):
        Pathways(amount=5000, timing=at(0))
    with pytest.raises(TypeError, match="level"):
        PathwaysLevel(timing=at(0))  # a parameter without a default is required


def test_levers_are_immutable_values():
    a = Pathways(amount=20, timing=at(1), origin="NTCA")
    assert a.origin == ("NTCA",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.amount = 30
    b = Pathways(amount=20, timing=at(1), origin=["NTCA"])
    assert a == b and hash(a) == hash(b)
    assert dataclasses.replace(a, amount=30).amount == 30 and a.amount == 20


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"timing": "2026-07"}, "timing = '2026-07' must be a sdmig.policy.levers.Timing"),
        ({"timing": at(0), "corridor": 3}, "corridor = 3 has the wrong type"),
        ({"timing": at(0), "origin": []}, r"origin = \[\] selects nothing"),
        ({"timing": at(0), "origin": ["MEX", "MEX"]}, "repeats a label"),
        ({"timing": at(0), "monthly_cost": -1}, "monthly_cost = -1 is out of range"),
        ({"timing": at(0), "label": ""}, "label = '' must be a non-empty string"),
    ],
)
def test_lever_instance_errors(kwargs, message):
    with pytest.raises(LeverError, match=message):
        Pathways(**kwargs)


def test_default_effect_actions_and_text():
    lever = TaskForce(timing=at("2026-07", ramp_months=3), corridor="tijuana_san_diego")
    assert lever.actions() == {"border_enforcement": "multiply", "court_capacity": "add"}
    assert Pathways(timing=at(0)).effect(0.0, None) == {"legal_pathway_capacity": 10.0}
    assert str(lever) == (
        "task_force(boost=1.5) from 2026-07, ramp 3 months [corridor: tijuana_san_diego]"
    )


def _lever_class(body: dict, decorate=True):
    cls = type("Bad", (Lever,), {"__doc__": "A bad lever.", **body})
    return dataclass(frozen=True, kw_only=True)(cls) if decorate else cls


@pytest.mark.parametrize(
    ("cls", "message"),
    [
        (int, "is not a subclass of sdmig.policy.levers.Lever"),
        (Lever, "abstract base"),
        (
            _lever_class({"name": "bad", "intensity": None}, decorate=False),
            r"must be decorated with @dataclass\(frozen=True, kw_only=True\)",
        ),
        (_lever_class({"name": "Bad-Name"}), "must be snake_case"),
        (_lever_class({"name": "bad", "mode": "replace"}), "mode = 'replace' is not one of"),
        (_lever_class({"name": "bad"}), "set `intensity` to the name of a parameter"),
        (
            _lever_class({"name": "bad", "intensity": "x"}),
            "intensity = 'x' is not a declared parameter",
        ),
        (
            _lever_class({"name": "bad", "acts_on": {"x": "divide"}, "intensity": None}),
            "each mode must be one of",
        ),
        (
            _lever_class({"__annotations__": {"name": "str"}, "name": "bad"}),
            "`name` is a dataclass field",
        ),
    ],
)
def test_check_lever_class(cls, message):
    with pytest.raises(LeverError, match=message):
        check_lever_class(cls)


# ------------------------------------------------------------------- composition
def compose(levers, t=100.0, v=None, model=None):
    bound = Scenario(name="s", levers=levers).bind(model or toy_model())
    return bound.inputs["legal_pathway_capacity"](t, v)


def test_composition_rules_set_then_multiply_then_add():
    levers = [
        PathwaysLevel(level=80, timing=at(0)),
        PathwaysFactor(factor=1.5, timing=at(0), origin="NTCA"),
        PathwaysFactor(factor=2, timing=at(0)),
        Pathways(amount=10, timing=at(0), origin="MEX"),
        Pathways(amount=5, timing=at(0)),
    ]
    np.testing.assert_allclose(compose(levers), [[175.0, 245.0, 165.0]])
    # before anything starts: the model's default
    np.testing.assert_allclose(compose(levers, t=-1), [[100.0, 50.0, 20.0]])


def test_weights_scale_each_kind_of_effect():
    half = at(0, ramp_months=2)
    np.testing.assert_allclose(
        compose([PathwaysLevel(level=80, timing=half)], t=1), [[90.0, 65.0, 50.0]]
    )
    np.testing.assert_allclose(
        compose([PathwaysFactor(factor=3, timing=half)], t=1), [[200.0, 100.0, 40.0]]
    )
    np.testing.assert_allclose(compose([Pathways(amount=8, timing=half)], t=1), [[104, 54, 24]])


def test_composition_does_not_depend_on_order():
    levers = [
        PathwaysLevel(level=80.3, timing=at(0, ramp_months=7)),
        PathwaysFactor(factor=1.1, timing=at(1, ramp_months=3), origin="NTCA"),
        PathwaysFactor(factor=0.7, timing=at(2, ramp_months=5, shape="s_curve")),
        Pathways(amount=0.1, timing=at(0.5, ramp_months=2), origin=["MEX", "OTHER"]),
        Pathways(amount=1 / 3, timing=at(1.5, ramp_months=9)),
    ]
    model = toy_model()
    times = [0.25, 1.7, 3.3, 6.1, 20.0]
    reference = [compose(levers, t, model=model) for t in times]
    for order in itertools.permutations(levers):
        results = [compose(list(order), t, model=model) for t in times]
        for a, b in zip(results, reference, strict=True):
            np.testing.assert_array_equal(a, b)  # to the last bit


def test_targeting_along_the_inputs_own_dims():
    bound = Scenario(
        name="s", levers=[TaskForce(boost=2, timing=at(0), corridor=["juarez_el_paso"])]
    ).bind(toy_model())
    np.testing.assert_allclose(bound.inputs["border_enforcement"](5.0, None), [[1, 2, 1, 1]])
    # an input without the targeted dimension (a scalar) gets the effect unmasked
    np.testing.assert_allclose(bound.inputs["court_capacity"](5.0, None), [1.1])
    origin_only = Pathways(amount=8, timing=at(0), origin=["NTCA", "OTHER"])
    np.testing.assert_allclose(compose([origin_only]), [[100, 58, 28]])


def test_overlapping_set_levers_are_an_error():
    a = PathwaysLevel(level=10, timing=at(0, end=12))
    b = PathwaysLevel(level=20, timing=at(6), origin="NTCA")
    with pytest.raises(ScenarioError, match=r"lever 2 \(pathways_level\) and .*lever 1 .*both set"):
        Scenario(name="s", levers=[a, b])
    # one after the other, or on different targets: fine
    Scenario(name="s", levers=[a, dataclasses.replace(b, timing=at(12))])
    Scenario(
        name="s",
        levers=[dataclasses.replace(a, origin="MEX"), b],
    )


def test_overlap_of_dated_and_month_levers_is_found_at_bind():
    a = PathwaysLevel(level=10, timing=at("2026-03"))
    b = PathwaysLevel(level=20, timing=at(6.0))
    scenario = Scenario(name="s", levers=[a, b])  # not comparable without a model
    with pytest.raises(ScenarioError, match="both set 'legal_pathway_capacity'"):
        scenario.bind(toy_model())


@pytest.mark.parametrize(
    ("lever", "message"),
    [
        (
            dataclasses.replace(Pathways(timing=at(0)), origin=("MEX", "NTCAA")),
            r"origin = 'NTCAA' is not a label of dimension 'origin'; allowed: MEX, NTCA, "
            r"OTHER. Did you mean 'NTCA'\?",
        ),
        (
            Pathways(timing=at(0), corridor="tijuana_san_diego"),
            r"targets corridor \['tijuana_san_diego'\] but none of the inputs it acts on has "
            r"the 'corridor' dimension \(legal_pathway_capacity: origin\)",
        ),
        (
            TaskForce(timing=at(0), origin="MEX"),
            r"targets origin \['MEX'\] but none of the inputs .* \(border_enforcement: "
            r"corridor; court_capacity: a scalar\)",
        ),
        (
            Pathways(timing=at(0), corridor="nogales"),
            "corridor = 'nogales' is not a label of dimension 'corridor'",
        ),
    ],
)
def test_bind_checks_targeting(lever, message):
    with pytest.raises(ScenarioError, match=r"scenario 's', lever 1 \(\w+\): " + message):
        Scenario(name="s", levers=[lever]).bind(toy_model())


def test_bind_checks_inputs():
    @dataclass(frozen=True, kw_only=True)
    class Wrong(Lever):
        """Acts on a stock and on a typo."""

        name = "wrong"
        params = {"x": Param("1", default=1)}
        acts_on = ("waiting", "legal_pathway_capacty")
        intensity = "x"

    with pytest.raises(ScenarioError) as err:
        Scenario(name="s", levers=[Wrong(timing=at(0))]).bind(toy_model())
    lines = str(err.value).splitlines()
    assert lines[0] == (
        "scenario 's', lever 1 (wrong): acts on 'waiting', which is a stock, not a policy "
        "input of model 'toy'; its inputs: border_enforcement, legal_pathway_capacity, "
        "court_capacity."
    )
    assert "which is not a variable" in lines[1]
    assert lines[1].endswith("Did you mean 'legal_pathway_capacity'?")


def test_effect_shape_errors_name_the_lever():
    @dataclass(frozen=True, kw_only=True)
    class Misfit(Lever):
        """Three values for four corridors."""

        name = "misfit"
        acts_on = ("border_enforcement",)

        def effect(self, t, v):
            return {"border_enforcement": np.ones(3)}

    bound = Scenario(name="s", levers=[Misfit(timing=at(0))]).bind(toy_model())
    with pytest.raises(LeverError, match=r"lever 1 \(misfit\): effect on 'border_enforcement'"):
        bound.inputs["border_enforcement"](1.0, None)


# ------------------------------------------------------------- running with a model
def test_breakpoints_keep_the_integrator_off_the_switches():
    """A step at a fractional date and a ramp: exact against the closed form."""
    step = Pathways(amount=30, timing=at("2026-03-16"), origin="NTCA")  # t = 2 + 15/31
    ramp = Pathways(amount=40, timing=at("2026-03", ramp_months=4), origin="MEX")
    model = toy_model()
    bound = Scenario(name="s", levers=[step, ramp]).bind(model)
    t_step = 2 + 15 / 31
    assert bound.breakpoints == pytest.approx((2.0, t_step, 6.0))
    ds = bound.simulate(12, method="RK45")
    n = np.arange(1, 13)
    ntca = 50 * n + 30 * np.clip(n - t_step, 0, None)
    mex = 100 * n + 40 * np.where(n >= 6, n - 4, np.clip(n - 2, 0, None) ** 2 / 8)
    np.testing.assert_allclose(ds.entered.sel(origin="NTCA"), ntca, rtol=1e-8)
    np.testing.assert_allclose(ds.entered.sel(origin="MEX"), mex, rtol=1e-8)
    np.testing.assert_allclose(ds.entered.sel(origin="OTHER"), 20 * n, rtol=1e-8)


def test_applying_a_scenario_never_changes_the_model_or_levers():
    model = toy_model()
    before = copy.deepcopy((model.variables, model.breakpoints, model.dims))
    lever = TaskForce(timing=at("2026-02", ramp_months=2), corridor="reynosa_mcallen")
    kept = copy.deepcopy(lever)
    bound = Scenario(name="s", levers=[lever]).bind(model)
    bound.simulate(6, method="rk4")
    after = (model.variables, model.breakpoints, model.dims)
    assert after[1:] == before[1:]
    for name, var in before[0].items():
        assert after[0][name].kind == var.kind
        if isinstance(var.value, np.ndarray):
            np.testing.assert_array_equal(after[0][name].value, var.value)
    assert lever == kept and lever.timing.is_dated


def test_state_aware_lever_per_member():
    """Enforcement doubles while at most 600 people wait; each member crosses on its own."""
    lever = BenchmarkedEnforcement(factor=2, benchmark=600, timing=at(0))
    bound = Scenario(name="s", levers=[lever]).bind(toy_model())
    ds = bound.simulate(12, method="rk4", dt=0.05, params={"arrival_rate": [100.0, 200.0]})
    total = ds.waiting.sum("corridor").isel(time=-1).values
    # member 0: 200/month until 600 (t=3), then 400/month; member 1: 400, then 800
    np.testing.assert_allclose(total, [600 + 400 * 9, 600 + 800 * 10.5], rtol=0.01)
    enforcement = ds.border_enforcement.isel(time=-1, corridor=0).values
    np.testing.assert_array_equal(enforcement, [1.0, 1.0])  # benchmark missed: no effect


def test_costs_per_month():
    levers = [
        TaskForce(timing=at("2026-03", ramp_months=2, end="2026-06"), label="tf"),
        Pathways(timing=at("2026-02-15"), monthly_cost=310, setup_cost=7),
    ]
    bound = Scenario(name="s", levers=levers).bind(toy_model())
    cost = bound.cost(ds_time := sf.simulate(toy_model(), 7).time)
    assert cost.dims == ("lever", "time") and cost.attrs["units"] == "USD"
    assert list(cost.lever.values) == ["tf", "pathways"]
    assert list(cost.lever_name.values) == ["task_force", "pathways"]
    np.testing.assert_array_equal(cost.time.values, ds_time.values)
    # task force: ramp over March-April (mean weights 0.25, 0.75), full in May, none from June
    np.testing.assert_allclose(
        cost.sel(lever="tf").values, [0, 0, 5e6 + 0.25e6, 0.75e6, 1e6, 0, 0], rtol=1e-12
    )
    # pathways: from mid-February (14 of 28 days), set-up cost in February
    np.testing.assert_allclose(
        cost.sel(lever="pathways").values, [0, 7 + 310 * 0.5, 310, 310, 310, 310, 310], rtol=1e-12
    )
    by_months = bound.cost([0.0, 2.0])
    np.testing.assert_allclose(by_months.sel(lever="tf").values, [0, 5.25e6])


@pytest.mark.parametrize("module", ["sdmig.policy.levers", "sdmig.policy.scenario"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
