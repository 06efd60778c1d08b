"""The binational model's parameters: value, units, range and where each comes from.

Every parameter carries a source or the word "assumption". Values marked "fit" were set by
hand against the 2019-10..2023-09 monthly encounters (see ``docs/model.md``); the
statistical calibration replaces them with maximum-likelihood estimates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: First simulated month and the model's horizon (last month it forecasts).
START, END = "2019-10", "2028-12"
#: Step [months] of the fixed-step integrators (ensembles, calibration, backtests). RK4 at
#: 0.25 month stays within 0.2 % of RK45 on the window totals; at 0.5 month it did not (the
#: shortest waiting times are 0.4 month, so the non-negativity limit acts at every step).
ENSEMBLE_DT = 0.25
#: The window comparisons report by default: from the brief's first phase to the horizon.
REPORT_WINDOW = ("2026-07", END)

ORIGINS = ("MEX", "NTCA", "OTHER")
CORRIDORS = ("tijuana_san_diego", "juarez_el_paso", "reynosa_mcallen", "rest_of_border")
FACTORS = ("economic", "violence", "climate")
KNOTS = (
    "2019-10",
    "2020-07",
    "2021-01",
    "2021-07",
    "2022-01",
    "2022-07",
    "2023-01",
    "2023-07",
    "2023-10",
)


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of the binational model.

    Parameters
    ----------
    name : str
        Its name in the model's equations.
    value : float or nested sequence of float
        The default value, shaped by `dims`.
    units : str
        Units, as the model's units check reads them.
    low, high : float
        The valid range; calibration and sensitivity stay inside it.
    dims : tuple of str, default ()
        Its dimensions (``"origin"``, ``"corridor"``, ...).
    source : str, default "assumption"
        Where the value comes from, or the word "assumption".
    doc : str, default ""
        What it means, for listings and the long_name of the model variable.
    """

    name: str
    value: object
    units: str
    low: float
    high: float
    dims: tuple[str, ...] = ()
    source: str = "assumption"
    doc: str = ""


P = ParamSpec
PARAMETERS: tuple[ParamSpec, ...] = (
    # departures and push factors
    P(
        "base_departures",
        [21_120.8, 14_011.9, 6_109.4],
        "people/month",
        0,
        1e6,
        ("origin",),
        "fit: CBP encounters by citizenship, 2019-10 (cbp_sbo_fy19_fy22)",
        "departures toward the U.S. border at push pressure 1",
    ),
    P(
        "push_weight",
        [0.5, 0.3, 0.2],
        "1",
        0,
        1,
        ("factor",),
        "assumption",
        "weight of each push factor in the push pressure (sums to 1)",
    ),
    P(
        "push_time",
        [6.0, 12.0, 36.0],
        "month",
        0.5,
        240,
        ("factor",),
        "assumption",
        "time for each push factor to adjust to its driver",
    ),
    P(
        "economic_driver",
        [[1.0] * 9] * 3,
        "1",
        0,
        1000,
        ("origin", "knot"),
        "neutral here (1 at every knot); the values in use are derived from the encounters "
        "up to the end of a calibration's window by sdmig.inference.driver_knots and saved "
        "with the calibration (sdmig/data/calibration.json)",
        "economic hardship driver at each knot date (1 = 2019-10); linear between knots, "
        "held at the last knot afterwards",
    ),
    P(
        "hurricane_shock",
        0.5,
        "1",
        0,
        5,
        (),
        "assumption (hurricanes Eta and Iota, 2020-11)",
        "rise of the NTCA climate driver after 2020-11, decaying over 12 months",
    ),
    P("season_amplitude", 0.1028, "1", 0, 0.9, (), "fit", "amplitude of the seasonal cycle"),
    P(
        "season_peak",
        5.636,
        "month",
        0,
        12,
        (),
        "fit",
        "calendar month of the seasonal peak (0 = start of January)",
    ),
    P(
        "enforcement_deterrence",
        0.5,
        "1",
        -1,
        5,
        (),
        "assumption",
        "elasticity of departures to perceived effective enforcement",
    ),
    P(
        "backlog_deterrence",
        0.3,
        "1",
        0,
        5,
        (),
        "assumption",
        "elasticity of departures to perceived court processing time (a long backlog "
        "weakens deterrence; brief, background)",
    ),
    P(
        "development_effect",
        0.35,
        "1",
        0,
        1,
        (),
        "assumption",
        "largest fraction of economic and violence drivers that development removes",
    ),
    P(
        "development_half",
        3.0e9,
        "USD",
        1e6,
        1e12,
        (),
        "assumption",
        "effective development capital giving half the largest effect",
    ),
    P(
        "development_delay",
        36.0,
        "month",
        1,
        120,
        (),
        "assumption (brief: outcomes take years)",
        "delay from development spending to effect (third-order)",
    ),
    P(
        "development_depreciation",
        1 / 120,
        "1/month",
        0,
        1,
        (),
        "assumption",
        "rate at which effective development capital wears off",
    ),
    P(
        "pathway_eligible",
        [0.2, 0.3, 0.5],
        "1",
        0,
        1,
        ("origin",),
        "assumption",
        "fraction of would-be departures who would take a legal pathway if one had room",
    ),
    # transit through Mexico
    P(
        "transit_time",
        [0.5, 1.5, 2.0],
        "month",
        0.05,
        24,
        ("origin",),
        "assumption",
        "mean time from departure to reaching the northern border",
    ),
    P(
        "interdiction_rate",
        [0.0, 0.15, 0.10],
        "1/month",
        0,
        5,
        ("origin",),
        "assumption; anchor: Mexico's UPM counted 182,940 events in 2019",
        "Mexican interdiction per month of people in transit, at the 2019 effort",
    ),
    P(
        "settle_rate",
        [0.0, 0.02, 0.02],
        "1/month",
        0,
        1,
        ("origin",),
        "assumption; anchor: COMAR applicants 70,426 in 2019",
        "rate of settling in Mexico",
    ),
    # route choice and waiting
    P(
        "corridor_appeal",
        [[0.0, -0.085, -1.714, 1.173], [0.0, -3.0, 3.0, 1.578], [0.0, 0.909, -3.0, 1.949]],
        "1",
        -10,
        10,
        ("origin", "corridor"),
        "fit: USBP encounters by sector",
        "base attractiveness of each corridor, logit scale (tijuana_san_diego = 0)",
    ),
    P(
        "route_enforcement",
        1.0,
        "1",
        0,
        10,
        (),
        "assumption",
        "logit sensitivity of route choice to effective enforcement",
    ),
    P(
        "route_danger",
        0.5,
        "1",
        0,
        10,
        (),
        "assumption",
        "logit sensitivity of route choice to log danger",
    ),
    P(
        "wait_time",
        [0.4, 1.0, 1.5],
        "month",
        0.05,
        24,
        ("origin",),
        "assumption",
        "mean time waiting in a border city before an irregular attempt",
    ),
    P(
        "give_up_time",
        24.0,
        "month",
        1,
        240,
        (),
        "assumption",
        "mean time before a waiting person gives up and leaves",
    ),
    P(
        "reception_patience",
        1.0,
        "1",
        0,
        10,
        (),
        "assumption",
        "extra patience (relative wait time) of a sheltered person with legal processing open",
    ),
    # at the border
    P(
        "apprehension_prob",
        [0.78, 0.78, 0.78, 0.78],
        "1",
        0,
        1,
        ("corridor",),
        "assumption; CBP's got-away counts imply 70-85% apprehension",
        "probability that an attempt is apprehended at enforcement 1",
    ),
    P(
        "apprehension_elasticity",
        0.3,
        "1",
        0,
        5,
        (),
        "assumption",
        "elasticity of the odds of apprehension to effective enforcement",
    ),
    P(
        "adaptation_time",
        12.0,
        "month",
        1,
        120,
        (),
        "assumption (brief: effect diminishes as routes adapt)",
        "time smugglers take to adapt to enforcement",
    ),
    P(
        "adaptation_strength",
        0.6,
        "1",
        0,
        1,
        (),
        "assumption",
        "fraction of an enforcement surge's effect that adaptation erodes",
    ),
    P(
        "network_time",
        6.0,
        "month",
        0.5,
        120,
        (),
        "assumption",
        "time for smuggling networks to grow to demand",
    ),
    P(
        "network_attempts",
        0.3,
        "1",
        0,
        5,
        (),
        "assumption",
        "elasticity of attempt rates to smuggling-network capacity",
    ),
    P(
        "network_evasion",
        0.3,
        "1",
        0,
        5,
        (),
        "assumption",
        "elasticity of the odds of evading to smuggling-network capacity",
    ),
    P(
        "death_hazard",
        [1.51e-4, 1.89e-4, 1.89e-4, 3.40e-4],
        "1",
        0,
        0.1,
        ("corridor",),
        "estimated: the corridor pattern [2.0, 2.5, 2.5, 4.5]e-4 (assumption) times 0.755, "
        "the geometric mean of count / modelled deaths over IOM's CY2021-CY2022 counts "
        "(714, 686) and Border Patrol's FY2021-FY2023 counts (568, ~900, 704), each against "
        "the model's total over the same calendar or fiscal year "
        "(border_migrant_deaths_annual.csv; tests/sdmig/test_month_totals.py)",
        "deaths per attempt at enforcement 1 with no safeguards",
    ),
    P(
        "death_enforcement",
        1.5,
        "1",
        0,
        10,
        (),
        "assumption (brief: enforcement pushes people to deadlier routes)",
        "elasticity of the death hazard to effective enforcement",
    ),
    P(
        "removal_share",
        [0.85, 0.35, 0.15],
        "1",
        0,
        1,
        ("origin",),
        "assumption",
        "share of Title 8 apprehensions removed rather than released with a notice to appear",
    ),
    P(
        "repeat_share",
        [0.7, 0.6, 0.6],
        "1",
        0.3,
        0.95,
        ("origin",),
        "identified from CBP's one-year re-encounter rates, 19 % to 33 % of Southwest "
        "border encounters in FY2021-FY2023 (cbp_reencounters_fy2021_fy2023 in "
        "sdmig/data/SOURCES.md): with these values and the shipped calibration 19.7 % of "
        "the model's FY2021-FY2023 encounters are re-encounters (encounters / people "
        "1.25); range: assumption",
        "share of expelled people who try again",
    ),
    P(
        "rim_share",
        [0.0, 0.15, 0.15],
        "1",
        0,
        1,
        ("origin",),
        "assumption",
        "share of releases returned to wait in Mexico when Remain in Mexico is fully on",
    ),
    # U.S. immigration courts
    P(
        "judges_initial",
        442.0,
        "judges",
        0,
        10_000,
        (),
        "myattorneyusa_eoir_fy2019: 442 IJs on 2019-09-30",
        "immigration judges at the start",
    ),
    P(
        "judge_hiring",
        6.5,
        "judges/month",
        0,
        1000,
        (),
        "fit: 442 (2019-09) to 734 (2023-09) judges (eoir_strategic_plan_objective_1_2)",
        "judges entering the hiring pipeline",
    ),
    P(
        "judge_hiring_delay",
        24.0,
        "month",
        1,
        120,
        (),
        "GAO-17-438: 742 days on average to hire a judge",
        "time from a hiring decision to a judge on the bench",
    ),
    P("judge_attrition", 1 / 240, "1/month", 0, 1, (), "assumption", "judges leaving per month"),
    P(
        "judge_productivity",
        50.0,
        "cases/judge/month",
        0,
        1000,
        (),
        "fit: 277,075 completions in FY2019 with ~440 judges (eoir_caseload_fy)",
        "completions per judge per month",
    ),
    P(
        "backlog_initial",
        1_331_286.0,
        "cases",
        0,
        1e8,
        (),
        "eoir_pending_new_completions_2025-07-31: pending at the end of FY2019",
        "pending cases at the start",
    ),
    P(
        "interior_receipts",
        12_000.0,
        "cases/month",
        0,
        1e6,
        (),
        "fit: EOIR receipts not from border releases",
        "court receipts from the interior (not border releases)",
    ),
    P(
        "filing_delay",
        2.0,
        "month",
        0.1,
        36,
        (),
        "assumption",
        "delay from a release with a notice to appear to the case reaching the court",
    ),
    P(
        "corridor_shift",
        [0.0, 0.0, 0.0, 0.0],
        "1",
        -8,
        8,
        ("corridor",),
        "calibrated (sdmig/data/calibration.json)",
        "shift of every origin's appeal of a corridor, logit scale (tijuana_san_diego = 0)",
    ),
    P(
        "case_share",
        1.0,
        "1",
        0,
        1,
        (),
        "calibrated (sdmig/data/calibration.json)",
        "share of releases and port entries that become immigration-court cases",
    ),
    P(
        "prescreen_out",
        0.4,
        "1",
        0,
        1,
        (),
        "assumption",
        "share of people screened at a pre-screening hub who do not enter the court backlog",
    ),
)

#: The policy-response (deterrence) path: how asylum restrictions, entry suspensions and
#: expedited removal reach departures and route choice. Each range [low, high] is the
#: documented plausible range that ensembles draw from (``sdmig.policy.assumptions``).
POLICY_RESPONSE_PARAMETERS: tuple[ParamSpec, ...] = (
    P(
        "stay_deterrence",
        1.0,
        "1",
        0,
        5,
        (),
        "assumption; the 2024 regime (forecasts/baseline.toml) checks it against the "
        "observed fall of encounters after the June 2024 proclamation",
        "elasticity of departures to the perceived chance of staying in the U.S. after an "
        "attempt, relative to the chance without asylum restrictions",
    ),
    P(
        "perception_delay",
        2.0,
        "month",
        0.5,
        6,
        (),
        "assumption (news of a policy reaches would-be migrants through networks and "
        "smugglers; a third-order delay)",
        "time for a change in the chance of staying to be perceived at origin",
    ),
    P(
        "route_stay",
        0.0,
        "1",
        0,
        3,
        (),
        "assumption: 0 in the calibrated model (with 1, route shares moved from 2023-05 "
        "and the calibration's information matrix turned singular); ensembles draw it "
        "from 0 to 2",
        "logit sensitivity of route choice to the log perceived chance of staying in a corridor",
    ),
)
PARAMETERS = PARAMETERS + POLICY_RESPONSE_PARAMETERS

PARAMS_BY_NAME = {p.name: p for p in PARAMETERS}


def default_values() -> dict[str, np.ndarray]:
    """Each parameter's default value as an array.

    Returns
    -------
    dict of str to numpy.ndarray
        By name, for every entry of :data:`PARAMETERS`.
    """
    return {p.name: np.asarray(p.value, dtype=float) for p in PARAMETERS}


#: Parameters of the route-choice network and the processing-time reference, outside the
#: estimable table (:data:`PARAMETERS`): model parameters a run may change, not calibrated.
EXTRA_PARAMETERS: tuple[ParamSpec, ...] = (
    P(
        "route_network",
        0.5,
        "1",
        0,
        3,
        (),
        "assumption",
        "logit sensitivity of route choice to log network capacity",
    ),
    P(
        "network_ref",
        [6_000.0, 6_000.0, 10_000.0, 30_000.0],
        "people/month",
        0,
        1e6,
        ("corridor",),
        "assumption",
        "arrivals per corridor at which network capacity is 1",
    ),
    P(
        "processing_time_ref",
        60.2,
        "month",
        1,
        240,
        (),
        "1,331,286 pending (eoir_caseload_fy) / (442 judges x 50 completions a month)",
        "processing time at the start",
    ),
)
#: The same as ``{name: (value, units, description)}`` (kept for older code).
EXTRA_PARAMS = {p.name: (p.value, p.units, p.doc) for p in EXTRA_PARAMETERS}

#: Fixed numbers of the model's equations: declared like parameters (units, a plausible
#: range, source), but not model parameters: no run or calibration changes them.
#: ``sdmig/model/border.py`` reads them from :data:`CONSTANT_VALUES` and holds no number of
#: its own (``tests/sdmig/test_parameter_table.py`` checks).
CONSTANTS: tuple[ParamSpec, ...] = (
    P(
        "hurricane_decay_time",
        12.0,
        "month",
        3,
        36,
        (),
        "assumption (hurricanes Eta and Iota, 2020-11)",
        "e-folding time of the hurricanes' push on NTCA departures",
    ),
    P(
        "enforcement_perception_time",
        6.0,
        "month",
        1,
        24,
        (),
        "assumption",
        "time for would-be migrants to perceive a change in effective enforcement (smooth)",
    ),
    P(
        "processing_perception_time",
        12.0,
        "month",
        3,
        36,
        (),
        "assumption",
        "time for would-be migrants to perceive a change in asylum processing time (smooth)",
    ),
    P(
        "recent_encounters_time",
        3.0,
        "month",
        1,
        12,
        (),
        "assumption (a reporting quantity; nothing in the model reads it)",
        "averaging time of the recent-encounters output (smooth)",
    ),
    P(
        "enforcement_floor",
        0.05,
        "1",
        0,
        0.5,
        (),
        "assumption",
        "lowest effective enforcement index however far smugglers adapt",
    ),
    P(
        "death_risk_cap",
        0.5,
        "1",
        0,
        1,
        (),
        "assumption",
        "highest share of attempts that end in death, whatever the danger",
    ),
    P(
        "port_wait_min",
        0.5,
        "month",
        0.1,
        2,
        (),
        "assumption",
        "shortest wait at a port of entry: at most waiting / port_wait_min are processed a month",
    ),
    P(
        "route_danger_floor",
        1e-3,
        "1",
        0,
        0.1,
        (),
        "assumption (numerical: keeps the logarithm finite)",
        "floor of the danger index in the route-choice utility",
    ),
    P(
        "route_stay_floor",
        1e-6,
        "1",
        0,
        0.01,
        (),
        "assumption (numerical: keeps the logarithm finite)",
        "floor of the perceived chance of staying in the route-choice utility",
    ),
    P(
        "stay_ratio_floor",
        1e-6,
        "1",
        0,
        0.01,
        (),
        "assumption (numerical: keeps the ratio finite)",
        "floor of the chance of staying without asylum restrictions (denominator)",
    ),
    P(
        "event_rate_floor",
        1e-9,
        "people/month",
        0,
        1e-3,
        (),
        "assumption (numerical: keeps the ratio finite)",
        "floor of the rate of things that can happen to someone waiting (re-encounter share)",
    ),
)
#: :data:`CONSTANTS` by name, as floats.
CONSTANT_VALUES: dict[str, float] = {p.name: float(p.value) for p in CONSTANTS}

#: Months in a year: converts the seasonal cycle to model months.
MONTHS_PER_YEAR = 12.0
#: Months from the start of January to the start month (2019-10: 9), so that ``t +
#: START_MONTH_OF_YEAR`` is the time of year in months (0 = start of January).
START_MONTH_OF_YEAR = float(int(START[5:7]) - 1)
#: Stages of the third-order information delay on the perceived chance of staying: each
#: stage is a first-order smooth of ``perception_delay / INFORMATION_DELAY_ORDER``.
INFORMATION_DELAY_ORDER = 3.0

#: Policy inputs levers act on: name -> (default, dims, units, description).
POLICY_INPUTS: dict[str, tuple[Any, tuple[str, ...], str, str]] = {
    "covid_mobility": (1.0, (), "1", "multiplier on departures (COVID-19 mobility shock)"),
    "border_enforcement": (
        1.0,
        ("corridor",),
        "1",
        "U.S. enforcement index: barriers, technology, Border Patrol staffing",
    ),
    "apprehension_boost": (
        1.0,
        ("corridor",),
        "1",
        "multiplier on the odds of apprehension (intelligence sharing, coordinated patrols)",
    ),
    "mexico_interdiction": (1.0, ("origin",), "1", "multiplier on Mexican interdiction in transit"),
    "smuggling_disruption": (
        0.0,
        ("corridor",),
        "1/month",
        "rate at which smuggling-network capacity is dismantled",
    ),
    "search_and_rescue": (
        0.0,
        ("corridor",),
        "1",
        "fraction of the death hazard that safeguards avert",
    ),
    "port_processing_capacity": (
        [3_500.0, 2_500.0, 1_500.0, 3_000.0],
        ("corridor",),
        "people/month",
        "people processed at ports of entry (OFO encounters); the default is the FY2019 average",
    ),
    "prescreening_capacity": (
        0.0,
        ("corridor",),
        "people/month",
        "people screened at a pre-screening hub",
    ),
    "reception_capacity": (
        [4_000.0, 2_500.0, 1_500.0, 3_000.0],
        ("corridor",),
        "people",
        "shelter places in Mexican border cities (assumption)",
    ),
    "legal_pathway_capacity": (
        0.0,
        ("origin",),
        "people/month",
        "visas and parole available to would-be departures",
    ),
    "development_spending": (0.0, ("origin",), "USD/month", "development investment"),
    "expulsion_share": (0.0, ("origin",), "1", "share of apprehensions expelled (Title 42)"),
    "remain_in_mexico": (0.0, (), "1", "Remain in Mexico in force (0 to 1)"),
    "asylum_bar": (
        0.0,
        (),
        "1",
        "share of would-be releases removed instead (lawful-pathways rule)",
    ),
    "additional_judge_hiring": (0.0, (), "judges/month", "extra judges entering hiring"),
    "court_streamlining": (0.0, (), "1", "fractional gain in completions per judge"),
    "court_capacity": (1.0, (), "1", "multiplier on court capacity (COVID-19 closures)"),
    "aid_effectiveness": (
        1.0,
        (),
        "1",
        "multiplier on what development capital achieves (oversight and accountability)",
    ),
    "asylum_officer_share": (
        0.0,
        (),
        "1",
        "share of new cases decided by asylum officers, not courts",
    ),
    "departure_pressure": (
        1.0,
        ("origin",),
        "1",
        "multiplier on would-be departures by origin (push factors a lever targets by origin)",
    ),
    "entry_suspension": (
        0.0,
        (),
        "1",
        "share of would-be releases removed instead while entry is suspended (asylum shutdown)",
    ),
    "expedited_removal": (
        0.0,
        ("origin",),
        "1",
        "share of would-be releases placed in expedited removal instead",
    ),
    "mexico_south_enforcement": (
        0.0,
        ("origin",),
        "1/month",
        "Mexican interdiction of people in transit, added to the 2019 effort (every origin)",
    ),
    "mexico_north_enforcement": (
        0.0,
        ("origin",),
        "1/month",
        "rate at which Mexico removes people waiting in its northern border cities",
    ),
}


def default_parameters() -> dict[str, np.ndarray]:
    """Every parameter's value before calibration (:data:`PARAMETERS`, :data:`EXTRA_PARAMETERS`).

    Returns
    -------
    dict of str to numpy.ndarray
    """
    values = default_values()
    values.update({p.name: np.asarray(p.value, dtype=float) for p in EXTRA_PARAMETERS})
    return values
