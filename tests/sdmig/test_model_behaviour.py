"""Behaviour of the binational model: the policy brief's claims as tests.

Each test compares a run of ``BorderModel().simulate`` with a policy against the same run with
no policy change. Policies act only through the policy inputs (the ``inputs=`` route of
:func:`stockflow.simulate`): :class:`InputScenario` below hands the model a mapping of
input name to ``f(t, v)`` and the switch time as a breakpoint, so the tests do not depend on
the lever machinery. Every policy switches on as a step in :data:`SWITCH` (2024-01) unless
said otherwise.

Time labels are month starts. Stocks and auxiliaries are values at the end of the month and
flows are totals over it, so "k months after the switch" is the month labelled
``month_after(k)``, which ends at model time ``T_SWITCH + k``.

All runs use RK4 with a step of half a month and end in :data:`END`, 48 months after the
switch. Each run is made once per module (:func:`runs`) and shared by the claim it pins and
by the ledger checks of claim 8.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import stockflow as sf
from sdmig.model.border import PEOPLE_STOCKS, START, BorderModel, people_account
from sdmig.model.parameters import CORRIDORS, ORIGINS

SWITCH = "2024-01"
T_SWITCH = sf.months_since(START, SWITCH)
END = "2027-12"  # the month ending 48 months after SWITCH
RUN = {"method": "rk4", "dt": 0.5}
TIJUANA = "tijuana_san_diego"


# ---------------------------------------------------------------------------- helpers
@dataclass(frozen=True)
class BoundInputs:
    """What ``InputScenario.bind`` returns: inputs, breakpoints and a zero cost."""

    inputs: dict[str, Callable]
    breakpoints: list[float]

    def cost(self, time: xr.DataArray) -> xr.DataArray:
        """No lever costs: an empty ``(lever, time)`` array."""
        return xr.DataArray(
            np.zeros((0, time.size)), dims=("lever", "time"), coords={"time": time.values}
        )


@dataclass(frozen=True)
class InputScenario:
    """A scenario given directly as policy inputs, for ``BorderModel.simulate``."""

    inputs: Mapping[str, Callable]
    breakpoints: tuple[float, ...] = (T_SWITCH,)
    name: str = "input scenario"

    def bind(self, stockflow_model) -> BoundInputs:
        return BoundInputs(dict(self.inputs), list(self.breakpoints))


def switch(before, after, at: float = T_SWITCH) -> Callable:
    """Input function: `before` until model time `at`, `after` from then on (a step)."""
    before = np.asarray(before, dtype=float)
    after = np.asarray(after, dtype=float)

    def value(t, v):
        return after if t >= at else before

    return value


def by_corridor(default: float, **values: float) -> np.ndarray:
    """An array over the corridors: `default`, except the corridors named in `values`."""
    return np.array([values.get(c, default) for c in CORRIDORS])


def by_origin(default: float, **values: float) -> np.ndarray:
    """An array over the origins: `default`, except the origins named in `values`."""
    return np.array([values.get(g, default) for g in ORIGINS])


def month_after(k: int) -> pd.Timestamp:
    """Time label of the month ending `k` months after the switch (k >= 1)."""
    return (pd.Period(SWITCH, "M") + (k - 1)).to_timestamp()


def months_after(first: int, last: int) -> slice:
    """Time labels of months `first` to `last` after the switch, inclusive."""
    return slice(month_after(first), month_after(last))


def total(da: xr.DataArray) -> xr.DataArray:
    """Sum over every dimension but time (and member)."""
    return da.sum([d for d in da.dims if d not in ("time", "member")])


def change(policy: xr.DataArray, base: xr.DataArray) -> xr.DataArray:
    """Relative change of `policy` from `base`."""
    return policy / base - 1.0


ENSEMBLE_FACTORS = np.array([0.8, 1.0, 1.25])  # on base_departures, one per member

#: Each run of the module: name -> keyword arguments for ``BorderModel.simulate``.
CASES: dict[str, Callable[[BorderModel], dict]] = {
    "baseline": lambda model: {},
    "enforcement_tijuana": lambda model: {
        "scenario": InputScenario(
            {"border_enforcement": switch(1.0, by_corridor(1.0, **{TIJUANA: 2.0}))}
        )
    },
    "enforcement_all": lambda model: {
        "scenario": InputScenario({"border_enforcement": switch(1.0, 2.0)})
    },
    "enforcement_with_rescue": lambda model: {
        "scenario": InputScenario(
            {"border_enforcement": switch(1.0, 2.0), "search_and_rescue": switch(0.0, 0.5)}
        )
    },
    "judges": lambda model: {
        # as many extra judges as the baseline hires (6.5 a month): hiring doubles
        "scenario": InputScenario({"additional_judge_hiring": switch(0.0, 6.5)})
    },
    "development": lambda model: {
        "scenario": InputScenario(
            {"development_spending": switch(0.0, by_origin(0.0, NTCA=1e8))}  # USD/month
        )
    },
    "coordination_breakdown": lambda model: {
        "scenario": InputScenario(
            {"mexico_interdiction": switch(1.0, 0.5), "smuggling_disruption": switch(0.0, 0.0)}
        )
    },
    "backlog_doubled": lambda model: {
        "params": {"backlog_initial": 2.0 * model.params["backlog_initial"]}
    },
    "court_capacity_halved": lambda model: {
        # from the start of the run: no switch
        "scenario": InputScenario({"court_capacity": switch(0.5, 0.5, at=0.0)}, breakpoints=())
    },
    "ensemble": lambda model: {
        "scenario": CASES["enforcement_tijuana"](model)["scenario"],
        "params": {
            "base_departures": ENSEMBLE_FACTORS[:, None] * model.params["base_departures"],
            "backlog_deterrence": 0.4,  # shared by all members
        },
    },
}


@dataclass
class Runs:
    """The module's runs, each made on first use."""

    model: BorderModel
    cache: dict[str, xr.Dataset] = field(default_factory=dict)

    def __getitem__(self, case: str) -> xr.Dataset:
        if case not in self.cache:
            self.cache[case] = self.model.simulate(end=END, **RUN, **CASES[case](self.model))
        return self.cache[case]


@pytest.fixture(scope="module")
def model() -> BorderModel:
    return BorderModel()


@pytest.fixture(scope="module")
def runs(model) -> Runs:
    return Runs(model)


# ---------------------------------------------------------------------------- 1. displacement
def first_year_crossings(runs: Runs, case: str) -> xr.DataArray:
    """Crossings by corridor, summed over the first 12 months after the switch."""
    return runs[case]["crossings"].sel(time=months_after(1, 12)).sum(("time", "origin"))


OTHER_CORRIDORS = [c for c in CORRIDORS if c != TIJUANA]


def test_corridor_enforcement_displaces_crossings(runs):
    """Enforcement x2 in Tijuana-San Diego: over the first 12 months after the switch,
    crossings there fall by more than half and the other corridors together gain."""
    base = first_year_crossings(runs, "baseline")
    policy = first_year_crossings(runs, "enforcement_tijuana")
    assert float(change(policy, base).sel(corridor=TIJUANA)) < -0.5
    others = change(
        policy.sel(corridor=OTHER_CORRIDORS).sum(), base.sel(corridor=OTHER_CORRIDORS).sum()
    )
    assert float(others) > 0.01


def test_corridor_enforcement_raises_crossings_in_every_other_corridor(runs):
    """Enforcement x2 in Tijuana-San Diego: every other corridor gains crossings over the
    first 12 months after the switch."""
    base = first_year_crossings(runs, "baseline")
    policy = first_year_crossings(runs, "enforcement_tijuana")
    assert (change(policy, base).sel(corridor=OTHER_CORRIDORS) > 0.01).all()


def test_corridor_enforcement_barely_lowers_total_crossings(runs):
    """Enforcement x2 in Tijuana-San Diego: total crossings fall by less than half of the
    targeted corridor's drop over the first 12 months after the switch (displacement)."""
    base = first_year_crossings(runs, "baseline")
    policy = first_year_crossings(runs, "enforcement_tijuana")
    targeted_drop = float((base - policy).sel(corridor=TIJUANA))
    total_drop = float(base.sum() - policy.sum())
    assert 0 < total_drop < 0.5 * targeted_drop


# ---------------------------------------------------------------------------- 2. erosion
@pytest.mark.xfail(
    strict=True,
    reason=(
        "measured: enforcement x2 in all corridors from 2024-01 cuts total crossings by "
        "7.9% (18,286/month) 3 months after the switch but by 20.2% (52,284/month) 36 months "
        "after; the reduction peaks at 22.7% 12 months after and then erodes only slowly "
        "(adaptation_time 12 months is slower than the 6-month perceived-enforcement smooth "
        "and the decline of smuggling networks that build the effect up)"
    ),
)
def test_enforcement_effect_erodes(runs):
    """The reduction in total crossings from a sustained surge is larger 3 months after the
    switch than 36 months after (smuggling networks adapt)."""
    base = total(runs["baseline"]["crossings"])
    policy = total(runs["enforcement_all"]["crossings"])
    reduction = base - policy
    early = float(reduction.sel(time=month_after(3)))
    late = float(reduction.sel(time=month_after(36)))
    assert early > 0
    assert late < early


def test_enforcement_effect_erodes_after_its_peak(runs):
    """Complement of the claim above, pinning what the model does: the reduction in total
    crossings peaks in the first year and is at least 5% smaller 36 months after; effective
    enforcement falls as smugglers adapt."""
    base = total(runs["baseline"]["crossings"])
    policy = total(runs["enforcement_all"]["crossings"])
    reduction = change(policy, base)
    peak = float(reduction.sel(time=months_after(1, 12)).min())
    late = float(reduction.sel(time=month_after(36)))
    assert peak < 0.95 * peak < late < 0
    effective = runs["enforcement_all"]["effective_enforcement"]
    assert (effective.sel(time=month_after(36)) < effective.sel(time=month_after(1)) - 0.3).all()


# ---------------------------------------------------------------------------- 3. deaths
def deaths_per_crossing(ds: xr.Dataset, window: slice) -> float:
    return float(ds["deaths"].sel(time=window).sum() / ds["crossings"].sel(time=window).sum())


def test_enforcement_raises_deaths_per_crossing_and_rescue_lowers_them(runs):
    """Enforcement x2 (all corridors) raises deaths per crossing; the same with search and
    rescue 0.5 lowers them below the enforcement-only run (36 months after the switch)."""
    window = months_after(1, 36)
    base = deaths_per_crossing(runs["baseline"], window)
    enforcement = deaths_per_crossing(runs["enforcement_all"], window)
    rescue = deaths_per_crossing(runs["enforcement_with_rescue"], window)
    assert enforcement > 1.3 * base
    assert rescue < 0.7 * enforcement


@pytest.mark.xfail(
    strict=True,
    reason=(
        "measured, deaths per crossing at baseline / enforcement x2 / enforcement x2 with "
        "search and rescue 0.5: months 1-36 after 2024-01 3.13e-4 / 6.39e-4 / 3.19e-4 "
        "(+2% over baseline); months 1-12 3.14e-4 / 7.63e-4 / 3.81e-4 (+21%); months 25-36 "
        "3.13e-4 / 5.51e-4 / 2.76e-4 (-12%). danger = effective_enforcement**1.5 * "
        "(1 - search_and_rescue) stays above 1 until adaptation brings effective enforcement "
        "below 2**(2/3) = 1.59, 14 months after the switch"
    ),
)
def test_rescue_brings_deaths_per_crossing_below_baseline(runs):
    """Enforcement x2 with search and rescue 0.5: fewer deaths per crossing than with no policy
    change (36 months after the switch)."""
    window = months_after(1, 36)
    base = deaths_per_crossing(runs["baseline"], window)
    rescue = deaths_per_crossing(runs["enforcement_with_rescue"], window)
    assert rescue < base


# ---------------------------------------------------------------------------- 4. judges
def test_judges_lower_backlog_only_after_hiring_delay(runs):
    """Doubled judge hiring (+6.5 judges a month): in the first 12 months after the switch
    the backlog changes by less than 0.1% and processing time by less than 1%; 36 months
    after, the backlog is at least 0.5% lower (and 10 times the first-year change) and
    processing time at least 5% lower."""
    base, policy = runs["baseline"], runs["judges"]
    backlog = change(policy["court_backlog"], base["court_backlog"])
    processing = change(policy["processing_time"], base["processing_time"])

    first_year = months_after(1, 12)
    assert float(abs(backlog.sel(time=first_year)).max()) < 1e-3
    assert float(abs(processing.sel(time=first_year)).max()) < 0.01
    late_backlog = float(backlog.sel(time=month_after(36)))
    assert late_backlog < -0.005
    assert late_backlog < -10 * float(abs(backlog.sel(time=first_year)).max())
    assert float(processing.sel(time=month_after(36))) < -0.05


# ---------------------------------------------------------------------------- 5. development
def test_development_lowers_departures_only_after_years(runs):
    """Development spending of 1e8 USD/month in the NTCA: NTCA departures change by less
    than 0.5% in the first 12 months, and are at least 5% lower 48 months after."""
    base = runs["baseline"]["departures"].sel(origin="NTCA")
    policy = runs["development"]["departures"].sel(origin="NTCA")
    relative = change(policy, base)
    assert float(abs(relative.sel(time=months_after(1, 12))).max()) < 0.005
    assert float(relative.sel(time=month_after(48))) < -0.05


# ---------------------------------------------------------------------------- 6. coordination
def test_coordination_breakdown_raises_encounters(runs):
    """Mexican interdiction halved and no network disruption: encounters are higher in every
    month after the switch, by more than 3% over the first 12 months."""
    base = total(runs["baseline"]["encounters"])
    policy = total(runs["coordination_breakdown"]["encounters"])
    after = months_after(1, 48)
    assert (policy.sel(time=after) > base.sel(time=after)).all()
    first_year = months_after(1, 12)
    assert float(policy.sel(time=first_year).sum() / base.sel(time=first_year).sum()) > 1.03


# ---------------------------------------------------------------------------- 7. backlog
@pytest.mark.parametrize("case", ["backlog_doubled", "court_capacity_halved"])
def test_long_backlog_weakens_deterrence(runs, case):
    """A doubled initial backlog, or half the court capacity from the start: processing
    takes longer and departures are at least 10% higher in each of the first 24 months."""
    base, policy = runs["baseline"], runs[case]
    window = slice(START, "2021-09")
    assert (
        policy["processing_time"].sel(time=window) > base["processing_time"].sel(time=window)
    ).all()
    relative = change(total(policy["departures"]), total(base["departures"]))
    assert float(relative.sel(time=window).min()) > 0.10


# ---------------------------------------------------------------------------- 8. ledger
@pytest.mark.parametrize("case", list(CASES))
def test_people_ledger_balances(runs, case):
    """Everyone who departs is in exactly one people stock, every stock's accounts balance,
    and no stock goes negative."""
    ds = runs[case]
    residual = people_account(ds)
    inflow = (ds["departures"] + ds["pathway_entries"]).cumsum("time")
    assert float(abs(residual / inflow).max()) < 1e-6

    book = sf.check_ledger(ds)
    assert set(PEOPLE_STOCKS) | {"court_backlog", "judges", "network"} <= set(book.data_vars)

    stocks = [n for n, v in ds.data_vars.items() if v.attrs.get("stockflow_kind") == "stock"]
    assert set(PEOPLE_STOCKS) <= set(stocks)
    negative = {n: float(ds[n].min()) for n in stocks if float(ds[n].min()) < -1e-9}
    assert negative == {}


# ---------------------------------------------------------------------------- 9. purity
def test_simulate_never_changes_the_model():
    """A run with params and inputs, then a plain run: the plain run equals one made first."""
    model = BorderModel()
    params_before = model.params
    options = {"end": "2021-06", **RUN}
    first = model.simulate(**options)
    scenario = InputScenario(
        {
            "border_enforcement": switch(1.0, by_corridor(1.0, **{TIJUANA: 3.0}), at=6.0),
            "additional_judge_hiring": switch(0.0, 20.0, at=6.0),
        },
        breakpoints=(6.0,),
    )
    changed = model.simulate(
        scenario, params={"backlog_initial": 2e6, "base_departures": [30e3, 20e3, 10e3]}, **options
    )
    second = model.simulate(**options)

    assert not changed["encounters"].equals(first["encounters"])
    for name in ("encounters", "departures", "waiting", "network", "court_backlog", "judges"):
        xr.testing.assert_identical(second[name], first[name])
    params_after = model.params
    assert params_after.keys() == params_before.keys()
    for name, value in params_before.items():
        np.testing.assert_array_equal(params_after[name], value, err_msg=name)


# ---------------------------------------------------------------------------- 10. ensemble
@pytest.mark.parametrize("member", range(len(ENSEMBLE_FACTORS)))
def test_ensemble_member_equals_single_run(model, runs, member):
    """Member k of an RK4 ensemble (base_departures with a leading member axis) equals a
    single RK4 run with member k's values."""
    ensemble = runs["ensemble"]
    options = CASES["ensemble"](model)
    params = dict(options["params"])
    params["base_departures"] = params["base_departures"][member]
    single = model.simulate(options["scenario"], params=params, end=END, **RUN)

    assert ensemble.sizes["member"] == len(ENSEMBLE_FACTORS)
    assert "member" not in single.dims
    for name, var in single.data_vars.items():
        if name == "lever_cost":
            continue
        expected = var.variable.values
        actual = ensemble[name].sel(member=member).transpose(*var.dims).values
        np.testing.assert_allclose(actual, expected, rtol=1e-9, atol=1e-9, err_msg=name)
