"""Lever mechanisms on the real model: the deterrence path, the new levers, the hub,
conditional aid charged as disbursed, and costs that scale with intensity."""

import dataclasses

import numpy as np
import pytest

from sdmig.model.border import BorderModel
from sdmig.policy.levers import Timing
from sdmig.policy.registry import available_levers
from sdmig.policy.scenario import Scenario

END = "2022-06"


@pytest.fixture(scope="module")
def model():
    return BorderModel()


def run(model, *levers, end=END, **params):
    scenario = Scenario(name="t", levers=list(levers))
    m = BorderModel(params) if params else model
    return m.simulate(scenario, method="rk4", end=end)


def lever(name, start="2020-10", **kw):
    return available_levers()[name](timing=Timing(start=start), **kw)


def months_after(ds, start, k):
    i = int(np.flatnonzero(ds.time.dt.strftime("%Y-%m").values == start)[0])
    return ds.isel(time=i + k)


def test_an_entry_suspension_lowers_departures_after_the_perception_delay(model):
    none = run(model)
    susp = run(model, lever("entry_suspension", removal_share=0.7), perception_delay=3.0)
    dep0 = none.departures.sum("origin")
    dep1 = susp.departures.sum("origin")
    # nothing before it starts
    before = slice(None, "2020-09")
    np.testing.assert_allclose(dep1.sel(time=before), dep0.sel(time=before), rtol=1e-12)
    change = (dep1 - dep0) / dep0
    first = float(months_after(change, "2020-10", 0))
    later = float(months_after(change, "2020-10", 6))
    assert later < -0.02  # departures fall once the lower chance of staying is perceived
    assert abs(first) < 0.15 * abs(later)  # ... and barely in the first month
    # a longer perception delay gives a slower response
    slow = run(model, lever("entry_suspension", removal_share=0.7), perception_delay=6.0)
    slow_change = (slow.departures.sum("origin") - dep0) / dep0
    assert float(months_after(slow_change, "2020-10", 2)) > float(
        months_after(change, "2020-10", 2)
    )
    # and no deterrence at all with zero elasticities (to the chance of staying in
    # departures and route choice, and to the court backlog fewer releases shorten)
    zero = {"stay_deterrence": 0.0, "route_stay": 0.0, "backlog_deterrence": 0.0}
    flat = run(model, lever("entry_suspension", removal_share=0.7), **zero)
    flat0 = run(model, **zero)
    np.testing.assert_allclose(flat.departures, flat0.departures, rtol=1e-9)


def test_mexican_enforcement_acts_on_mexicans_too(model):
    none = run(model)
    mx = run(model, lever("mexican_enforcement", south_rate=0.3, north_rate=0.2))
    window = slice("2021-01", END)
    for g in ("MEX", "NTCA", "OTHER"):
        returned0 = float(none.returned_by_mexico.sel(origin=g, time=window).max())
        returned1 = float(mx.returned_by_mexico.sel(origin=g, time=window).max())
        assert returned1 > returned0 + 1000, g
    assert float(none.interdictions.sel(origin="MEX").max()) == 0.0
    enc0 = none.encounters.sel(origin="MEX", time=window).sum()
    enc1 = mx.encounters.sel(origin="MEX", time=window).sum()
    assert float(enc1) < 0.95 * float(enc0)


def test_departure_pressure_targets_one_origin(model):
    none = run(model, end="2021-03")
    tax = run(model, lever("departure_pressure", factor=1.1, origin=["MEX"]), end="2021-03")
    first = months_after(tax.would_be_departures / none.would_be_departures, "2020-10", 0)
    assert float(first.sel(origin="MEX")) == pytest.approx(1.1, rel=1e-6)
    assert float(first.sel(origin="NTCA")) == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize("name", ["appointment_system", "parole_programme"])
def test_appointments_and_parole_can_end(model, name):
    kw = {"origin": ["NTCA"]} if name == "parole_programme" else {}
    on = available_levers()[name](timing=Timing(start="2020-10", end="2021-04"), **kw)
    ds = run(model, on, end="2021-08")
    none = run(model, end="2021-08")
    var = "port_processing_capacity" if name == "appointment_system" else "legal_pathway_capacity"
    inside = ds[var].sel(time="2020-12") - none[var].sel(time="2020-12")
    after = ds[var].sel(time="2021-06") - none[var].sel(time="2021-06")
    assert inside.size and after.size
    assert float(abs(inside).max()) > 0
    assert float(abs(after).max()) == 0.0


def test_military_zones_act_only_on_their_corridors(model):
    ds = run(
        model, lever("military_zones", troops=5000, corridor=["juarez_el_paso"]), end="2021-01"
    )
    enforcement = ds.border_enforcement.sel(time="2020-12").squeeze("time")
    assert float(enforcement.sel(corridor="juarez_el_paso")) == pytest.approx(1.2)
    assert float(enforcement.sel(corridor="tijuana_san_diego")) == 1.0


def test_the_hub_never_lowers_legal_entries(model):
    none = run(model, end="2022-12")
    for capacity in (2_000, 8_000, 20_000):
        hub = lever("pre_screening_hub", start="2020-01", capacity=capacity)
        ds = run(model, hub, end="2022-12")
        gain = (ds.legal_entries - none.legal_entries).sum("origin")
        assert float(gain.min()) >= -1e-6, capacity
        assert float(ds.screened_out.sum(("origin", "corridor")).max()) > 0


def test_conditional_aid_is_charged_as_disbursed(model):
    def compact(benchmark):
        cls = available_levers()["northern_triangle_compact"]
        return cls(timing=Timing(start="2020-06"), spending=1e8, benchmark=benchmark)

    charged = {}
    for benchmark in (5_000, 40_000, 1e6):
        ds = run(model, compact(benchmark), end="2021-12")
        charged[benchmark] = float(ds.lever_cost.sum())
        # the input as the run recorded it at month ends: what was disbursed
        disbursed = float(ds.development_spending.sel(origin="NTCA").sum())
        assert charged[benchmark] == pytest.approx(disbursed, rel=0.08, abs=2e7), benchmark
    assert charged[1e6] == pytest.approx(1e8 * 19, rel=1e-9)  # always met: 19 months
    assert charged[5_000] < 0.01 * charged[1e6]  # never met: (almost) nothing


# the parameter that measures each lever's intensity; a multiplier's intensity is factor - 1
INTENSITY = {
    "physical_barriers": "enforcement_factor",
    "surveillance_technology": "enforcement_factor",
    "border_patrol_staffing": "enforcement_factor",
    "immigration_judges": "hires",
    "asylum_officers": "share",
    "streamlined_processing": "gain",
    "legal_pathways": "capacity",
    "regional_development": "spending",
    "northern_triangle_compact": "spending",
    "joint_task_forces": "disruption",
    "humanitarian_safeguards": "averted",
    "pre_screening_hub": "capacity",
    "mexican_reception_capacity": "places",
    "joint_oversight": "effectiveness",
    "entry_suspension": "staff",
    "expedited_removal": "removals",
    "appointment_system": "per_day",
    "parole_programme": "capacity",
    "military_zones": "troops",
    "mexican_enforcement": "agents",
}
MULTIPLIERS = {"physical_barriers", "surveillance_technology", "border_patrol_staffing"}
MULTIPLIERS |= {"joint_oversight"}


@pytest.mark.parametrize("name", sorted(INTENSITY))
def test_doubling_an_intensity_doubles_its_cost(name):
    cls = available_levers()[name]
    param = INTENSITY[name]
    base = cls(timing=Timing(start=0.0))
    value = getattr(base, param)
    doubled = 1 + 2 * (value - 1) if name in MULTIPLIERS else 2 * value
    twice = dataclasses.replace(base, **{param: doubled})
    t = np.array([1.0, 6.0, 24.0])
    cost = np.asarray(base.cost_rate(t))
    assert cost.min() > 0, name
    np.testing.assert_allclose(np.asarray(twice.cost_rate(t)), 2 * cost, rtol=1e-12)


def test_every_built_in_lever_with_a_cost_scales_it():
    """Every built-in lever either has no fiscal cost (historical regime) or is listed."""
    free = {
        "scale_input",
        "set_input",
        "covid_restrictions",
        "court_closures",
        "title42_expulsions",
        "remain_in_mexico",
        "cbp_one_appointments",
        "lawful_pathways_rule",
        "chnv_parole",
        "mexico_enforcement_surge",
        "coordination_breakdown",
        "departure_pressure",
    }
    builtin = {
        n for n, cls in available_levers().items() if cls.__module__.startswith("sdmig_levers")
    }
    assert builtin - free == set(INTENSITY)
    for name in free & builtin:
        cls = available_levers()[name]
        fields = {f.name for f in dataclasses.fields(cls)}
        kw = {"input": "court_capacity"} if "input" in fields else {}
        kw |= {"value": 1.0} if name == "set_input" else {}
        assert float(np.max(cls(timing=Timing(start=0.0), **kw).cost_rate(np.ones(2)))) == 0


def test_people_are_conserved_with_the_new_levers(model):
    from sdmig.model.border import people_account

    ds = run(
        model,
        lever("entry_suspension"),
        lever("mexican_enforcement"),
        lever("expedited_removal", origin=["OTHER"]),
        lever("departure_pressure", factor=0.8, origin=["NTCA"]),
        end="2021-06",
    )
    scale = float(ds.departures.sum("origin").max())
    assert float(abs(people_account(ds)).max()) < 1e-6 * scale
