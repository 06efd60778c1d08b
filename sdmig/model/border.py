"""The binational stock-flow model of migration through the U.S.-Mexico border.

:func:`build_model` declares the model on :mod:`stockflow`; :class:`BorderModel` holds it
with its parameters and runs it under scenarios. Time is in months from 2019-10.

Structure (origin g in MEX, NTCA, OTHER; corridor c in the four corridors)
--------------------------------------------------------------------------
- ``push[g, factor]`` adjusts to its driver with time constant ``push_time``; the
  economic driver follows knots estimated from the data, the NTCA climate driver jumps
  after the 2020-11 hurricanes; development capital (reached through a third-order delay
  of ``development_delay`` months) lowers the economic and violence drivers.
- ``departures[g] = base_departures * push pressure * season * covid_mobility *
  perceived_enforcement ** -enforcement_deterrence *
  (perceived processing time / reference) ** backlog_deterrence``: a long backlog weakens
  deterrence. Up to ``legal_pathway_capacity`` of the eligible departures take a legal
  pathway instead.
- ``in_transit[g]`` drains into arrivals (``transit_time``), Mexican interdiction
  (``interdiction_rate * mexico_interdiction``) and settling in Mexico.
- Arrivals split over corridors by a logit on corridor appeal, effective enforcement,
  danger and smuggling networks, so enforcement in one corridor displaces flow to others.
- ``waiting[g, c]`` in Mexican border cities: people attempt irregular crossings
  (``waiting / wait_time``, more where networks are strong, less where shelters and open
  legal processing give patience), are processed at ports up to the port capacity, or
  give up. An attempt ends in death (``death_hazard``, rising with effective enforcement,
  lowered by search and rescue), evasion, or apprehension; apprehended people are expelled
  (Title 42; a share tries again and so never leaves ``waiting``), removed, or released
  with a notice to appear (some returned to wait under Remain in Mexico).
- Effective enforcement erodes: ``adaptation[c]`` follows enforcement with
  ``adaptation_time`` and removes ``adaptation_strength`` of a surge's effect. Smuggling
  ``network[c]`` grows with demand and is cut by ``smuggling_disruption``.
- ``court_backlog`` fills with releases (after ``filing_delay``) and interior receipts,
  and empties by ``judges * judge_productivity``; judges are hired through a third-order
  delay of ``judge_hiring_delay`` months.
- Every person who departs is in exactly one people stock: in transit, waiting, or one of
  the outcome stocks (``evaded_in_us``, ``released_in_us``, ``removed``,
  ``returned_home``, ``dead``, ``legal_entries``, ``settled_in_mexico``,
  ``returned_by_mexico``). :func:`people_account` checks the balance.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

import stockflow as sf
from sdmig.errors import ForecastError
from sdmig.model.estimable import calibrated_params
from sdmig.model.parameters import CONSTANT_VALUES as C
from sdmig.model.parameters import (
    CORRIDORS,
    END,
    ENSEMBLE_DT,
    EXTRA_PARAMETERS,
    FACTORS,
    INFORMATION_DELAY_ORDER,
    KNOTS,
    MONTHS_PER_YEAR,
    ORIGINS,
    PARAMETERS,
    POLICY_INPUTS,
    START,
    START_MONTH_OF_YEAR,
    default_parameters,
)
from sdmig.model.runner import run_model

PEOPLE_STOCKS = (
    "in_transit",
    "waiting",
    "evaded_in_us",
    "released_in_us",
    "removed",
    "returned_home",
    "dead",
    "legal_entries",
    "settled_in_mexico",
    "returned_by_mexico",
)
BOUNDARY_INFLOWS = ("departures", "pathway_entries")


def _knot_times() -> np.ndarray:
    return np.array([sf.months_since(START, k) for k in KNOTS])


def build_model(params: Mapping[str, Any] | None = None) -> sf.Model:
    """Declare the binational model on stockflow, with `params` as defaults.

    Parameters
    ----------
    params : mapping of str to array-like, optional
        Parameter values replacing those of :func:`sdmig.model.parameters.default_parameters`.

    Returns
    -------
    stockflow.Model
        The declared model, ready for :func:`stockflow.simulate`.

    Raises
    ------
    ForecastError
        A name in `params` is not a parameter of the model.

    Examples
    --------
    >>> m = build_model({"transit_time": [1.0, 2.0, 3.0]})
    >>> m.params_default()["transit_time"].tolist()
    [1.0, 2.0, 3.0]
    """
    values = default_parameters()
    unknown = sorted(set(params or {}) - set(values))
    if unknown:
        raise ForecastError(
            f"unknown parameter {unknown[0]!r}; the model's parameters: {sorted(values)}"
        )
    values.update({k: np.asarray(v, dtype=float) for k, v in (params or {}).items()})
    m = sf.Model(
        "sdmig binational border model",
        start=START,
        dims={"origin": ORIGINS, "factor": FACTORS, "knot": KNOTS, "corridor": CORRIDORS},
    )
    for p in PARAMETERS:
        m.param(
            p.name,
            values[p.name],
            dims=p.dims,
            units=p.units,
            long_name=p.doc,
            bounds=(p.low, p.high),
        )
    for p in EXTRA_PARAMETERS:
        m.param(
            p.name,
            values[p.name],
            dims=p.dims,
            units=p.units,
            long_name=p.doc,
            bounds=(p.low, p.high),
        )
    for name, (default, dims, units, doc) in POLICY_INPUTS.items():
        m.input(name, default, dims=dims, units=units, long_name=doc)
    _push(m)
    _transit_and_routes(m)
    _border(m)
    _courts(m)
    _outputs(m)
    return m


def _push(m: sf.Model) -> None:
    knots = _knot_times()
    hurricane = sf.months_since(START, "2020-11-05")
    m.add_breakpoints(*knots, hurricane)

    ntca_only = np.array([float(g == "NTCA") for g in ORIGINS])

    def knot_weights(t):
        """Weight of each knot at time `t`: piecewise-linear "hat" functions, flat beyond
        the first and last knots. Built from clipped ramps (no Python branching on `t`) so
        that stockflow.interop.xmile can trace it; bit-identical to interpolating between the two
        knots around `t`."""
        ramps = [
            np.clip((t - a) / (b - a), 0.0, 1.0) for a, b in zip(knots[:-1], knots[1:], strict=True)
        ]
        inner = [r - s for r, s in zip(ramps[:-1], ramps[1:], strict=True)]
        return np.stack([1.0 - ramps[0], *inner, ramps[-1]], axis=-1)

    def drivers(v):
        dev = 1.0 - (v.development_effect * v.aid_effectiveness)[
            :, None
        ] * v.development_capital / (v.development_capital + v.development_half[:, None])
        economic = (v.economic_driver @ knot_weights(v.t)) * dev
        violence = np.ones_like(economic) * dev
        shock = np.where(
            v.t >= hurricane, np.exp(-(v.t - hurricane) / C["hurricane_decay_time"]), 0.0
        )
        climate = 1.0 + v.hurricane_shock[:, None] * (shock * ntca_only)
        return np.stack(np.broadcast_arrays(economic, violence, climate), axis=-1)

    m.aux(
        "push_driver", drivers, dims=("origin", "factor"), units="1", long_name="push-factor driver"
    )
    m.stock(
        "push",
        1.0,
        dims=("origin", "factor"),
        units="1",
        long_name="push factor",
        nonnegative=False,
    )
    m.flow(
        "push_adjustment",
        lambda v: (v.push_driver - v.push) / v.push_time[:, None, :],
        target="push",
        dims=("origin", "factor"),
        units="1/month",
        long_name="adjustment of push factors",
    )
    m.stock(
        "development_capital",
        0.0,
        dims="origin",
        units="USD",
        long_name="effective development capital",
    )
    m.delay3(
        "development_arrival",
        "development_spending",
        lambda v: v.development_delay[:, None],
        dims="origin",
        units="USD/month",
        long_name="development spending taking effect",
        target="development_capital",
    )
    m.flow(
        "development_wear",
        lambda v: v.development_capital * v.development_depreciation[:, None],
        source="development_capital",
        dims="origin",
        units="USD/month",
        long_name="wear of development capital",
    )

    m.aux(
        "push_pressure",
        lambda v: (
            (v.push * v.push_weight[:, None, :]).sum(axis=-1) / v.push_weight.sum(axis=-1)[:, None]
        ),
        dims="origin",
        units="1",
        long_name="push pressure",
    )
    m.aux(
        "season",
        lambda v: (
            1.0
            + v.season_amplitude
            * np.cos(math.tau * (v.t + START_MONTH_OF_YEAR - v.season_peak) / MONTHS_PER_YEAR)
        ),
        units="1",
        long_name="seasonal factor",
    )
    m.smooth(
        "perceived_enforcement",
        "mean_effective_enforcement",
        C["enforcement_perception_time"],
        dims="origin",
        units="1",
        long_name="perceived effective enforcement",
    )
    m.smooth(
        "perceived_processing_time",
        "processing_time",
        C["processing_perception_time"],
        units="month",
        long_name="perceived asylum processing time",
    )
    for k, name in enumerate(("stay_perceived_1", "stay_perceived_2", "perceived_stay")):
        m.smooth(
            name,
            ("stay_ratio", "stay_perceived_1", "stay_perceived_2")[k],
            lambda v: v.perception_delay / INFORMATION_DELAY_ORDER,
            dims=("origin", "corridor"),
            units="1",
            long_name="perceived chance of staying in the U.S. relative to no asylum "
            "restrictions (third-order information delay)",
        )
    m.stock(
        "pressure_shift",
        0.0,
        dims="origin",
        units="1",
        long_name="latent log-multiplier of departure pressure (moved by the particle filter)",
        nonnegative=False,
    )
    m.aux(
        "stay_deterrent",
        lambda v: (v.route_share * v.perceived_stay).sum(axis=-1) ** v.stay_deterrence[..., None],
        dims="origin",
        units="1",
        long_name="multiplier on departures from the perceived chance of staying",
    )
    m.aux(
        "would_be_departures",
        lambda v: (
            v.base_departures
            * v.departure_pressure
            * v.stay_deterrent
            * np.exp(v.pressure_shift)
            * v.push_pressure
            * v.season[..., None]
            * v.covid_mobility[..., None]
            * v.perceived_enforcement ** -v.enforcement_deterrence[..., None]
            * (v.perceived_processing_time / v.processing_time_ref)[..., None]
            ** v.backlog_deterrence[..., None]
        ),
        dims="origin",
        units="people/month",
        long_name="would-be departures",
    )
    m.flow(
        "pathway_entries",
        lambda v: np.minimum(v.legal_pathway_capacity, v.pathway_eligible * v.would_be_departures),
        target="legal_entries",
        dims="origin",
        units="people/month",
        long_name="entries through legal pathways from the origin",
    )
    m.flow(
        "departures",
        lambda v: v.would_be_departures - v.pathway_entries,
        target="in_transit",
        dims="origin",
        units="people/month",
        long_name="irregular departures toward the border",
    )


def _transit_and_routes(m: sf.Model) -> None:
    m.stock(
        "in_transit",
        lambda v: v.departures * v.transit_time,
        dims="origin",
        units="people",
        long_name="people in transit through Mexico",
    )
    m.flow(
        "interdictions",
        lambda v: (
            (v.interdiction_rate * v.mexico_interdiction + v.mexico_south_enforcement)
            * v.in_transit
        ),
        source="in_transit",
        target="returned_by_mexico",
        dims="origin",
        units="people/month",
        long_name="Mexican interdictions",
    )
    m.flow(
        "settling",
        lambda v: v.settle_rate * v.in_transit,
        source="in_transit",
        target="settled_in_mexico",
        dims="origin",
        units="people/month",
        long_name="people settling in Mexico",
    )

    m.stock(
        "route_shift",
        0.0,
        dims="corridor",
        units="1",
        long_name="latent shift of corridor appeal, logit scale (moved by the particle filter)",
        nonnegative=False,
    )

    def share(v):
        utility = (
            v.corridor_appeal
            + v.corridor_shift[:, None, :]
            + v.route_shift[:, None, :]
            - v.route_enforcement[..., None, None] * (v.effective_enforcement[:, None, :] - 1.0)
            - v.route_danger[..., None, None]
            * np.log(np.maximum(v.danger, C["route_danger_floor"]))[:, None, :]
            + v.route_network[..., None, None] * np.log(v.network)[:, None, :]
            + v.route_stay[..., None, None]
            * np.log(np.maximum(v.perceived_stay, C["route_stay_floor"]))
        )
        e = np.exp(utility - utility.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    m.aux(
        "route_share",
        share,
        dims=("origin", "corridor"),
        units="1",
        long_name="share of arrivals choosing each corridor",
    )
    m.flow(
        "arrivals",
        lambda v: (v.in_transit / v.transit_time)[..., None] * v.route_share,
        source="in_transit",
        target="waiting",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="arrivals at Mexican border cities",
    )
    m.stock(
        "waiting",
        lambda v: v.arrivals * v.wait_time[..., None],
        dims=("origin", "corridor"),
        units="people",
        long_name="people waiting in Mexican border cities",
    )
    m.aux(
        "waiting_by_corridor",
        lambda v: v.waiting.sum(axis=1),
        dims="corridor",
        units="people",
        long_name="people waiting in each corridor",
    )
    for name in (
        "evaded_in_us",
        "released_in_us",
        "removed",
        "returned_home",
        "dead",
        "legal_entries",
        "settled_in_mexico",
        "returned_by_mexico",
    ):
        m.stock(
            name,
            0.0,
            dims="origin",
            units="people",
            long_name=f"people {name.replace('_', ' ')} (cumulative)",
        )


def _border(m: sf.Model) -> None:
    m.smooth(
        "adaptation",
        "border_enforcement",
        lambda v: v.adaptation_time[:, None],
        dims="corridor",
        units="1",
        long_name="smugglers' adaptation to enforcement",
    )
    m.aux(
        "effective_enforcement",
        lambda v: np.maximum(
            C["enforcement_floor"],
            v.border_enforcement - v.adaptation_strength[..., None] * (v.adaptation - 1.0),
        ),
        dims="corridor",
        units="1",
        long_name="effective enforcement",
    )
    m.aux(
        "mean_effective_enforcement",
        lambda v: (v.route_share * v.effective_enforcement[:, None, :]).sum(axis=-1),
        dims="origin",
        units="1",
        long_name="effective enforcement met by each origin (weighted by route share)",
    )
    m.aux(
        "danger",
        lambda v: (
            v.effective_enforcement ** v.death_enforcement[..., None] * (1.0 - v.search_and_rescue)
        ),
        dims="corridor",
        units="1",
        long_name="danger of crossing relative to 2019",
    )
    m.aux(
        "death_risk",
        lambda v: np.minimum(C["death_risk_cap"], v.death_hazard * v.danger),
        dims="corridor",
        units="1",
        long_name="deaths per attempt",
    )
    m.stock("network", 1.0, dims="corridor", units="1", long_name="smuggling-network capacity")
    m.flow(
        "network_growth",
        lambda v: np.sqrt(v.arrivals.sum(axis=1) / v.network_ref) / v.network_time[..., None],
        target="network",
        dims="corridor",
        units="1/month",
        long_name="growth of smuggling networks with demand",
    )
    m.flow(
        "network_decline",
        lambda v: v.network / v.network_time[..., None] + v.smuggling_disruption * v.network,
        source="network",
        dims="corridor",
        units="1/month",
        long_name="decline and disruption of smuggling networks",
    )

    m.aux(
        "sheltered_fraction",
        lambda v: np.minimum(1.0, v.reception_capacity / np.maximum(v.waiting_by_corridor, 1.0)),
        dims="corridor",
        units="1",
        long_name="share of waiting people with shelter",
    )
    m.aux(
        "port_capacity",
        lambda v: v.port_processing_capacity + v.prescreening_capacity,
        dims="corridor",
        units="people/month",
        long_name="processing capacity at ports",
    )

    def attempts(v):
        legal_open = v.port_capacity / (v.port_capacity + np.maximum(v.waiting_by_corridor, 1.0))
        patience = 1.0 + v.reception_patience[..., None] * v.sheltered_fraction * legal_open
        rate = (v.network ** v.network_attempts[..., None])[:, None, :] / (
            v.wait_time[..., None] * patience[:, None, :]
        )
        return v.waiting * rate

    m.tally(
        "crossings",
        attempts,
        dims=("origin", "corridor"),
        units="people/month",
        long_name="irregular crossing attempts (including evasions)",
    )

    def apprehension(v):
        p0 = v.apprehension_prob
        odds = (
            (p0 / (1.0 - p0))
            * v.effective_enforcement ** v.apprehension_elasticity[..., None]
            * v.apprehension_boost
            * v.network ** -v.network_evasion[..., None]
        )
        return odds / (1.0 + odds)

    m.aux(
        "apprehension_rate",
        apprehension,
        dims="corridor",
        units="1",
        long_name="probability that an attempt is apprehended",
    )
    m.flow(
        "deaths",
        lambda v: v.crossings * v.death_risk[:, None, :],
        source="waiting",
        target="dead",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="deaths and disappearances at the border",
    )
    m.tally(
        "apprehensions",
        lambda v: (v.crossings - v.deaths) * v.apprehension_rate[:, None, :],
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="Border Patrol apprehensions",
    )
    m.flow(
        "evasions",
        lambda v: v.crossings - v.deaths - v.apprehensions,
        source="waiting",
        target="evaded_in_us",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="got-aways: crossings that evade apprehension",
    )
    m.tally(
        "expulsions",
        lambda v: v.apprehensions * v.expulsion_share[..., None],
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="Title 42 expulsions",
    )
    m.flow(
        "expelled_home",
        lambda v: v.expulsions * (1.0 - v.repeat_share[..., None]),
        source="waiting",
        target="returned_home",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="expelled people who do not try again",
    )
    m.aux(
        "removal_fraction",
        lambda v: (
            1.0
            - (1.0 - v.removal_share)
            * (1.0 - v.asylum_bar[..., None])
            * (1.0 - v.entry_suspension[..., None])
            * (1.0 - v.expedited_removal)
        ),
        dims="origin",
        units="1",
        long_name="share of Title 8 apprehensions removed",
    )

    def stay_ratio(v):
        """Chance that an attempt ends in the U.S. rather than in a Title 8 removal, relative
        to the same without asylum restrictions (the removal share alone). Expulsions are
        left out: who is expelled may try again (``repeat_share``)."""
        title8 = (1.0 - v.expulsion_share)[..., None]
        q = title8 * v.removal_fraction[..., None]
        q0 = title8 * v.removal_share[..., None]
        p = v.apprehension_rate[:, None, :]
        return (1.0 - p * q) / np.maximum(1.0 - p * q0, C["stay_ratio_floor"])

    m.aux(
        "stay_ratio",
        stay_ratio,
        dims=("origin", "corridor"),
        units="1",
        long_name="chance of staying in the U.S. after an attempt, relative to no asylum "
        "restrictions",
    )
    m.flow(
        "removals",
        lambda v: (v.apprehensions - v.expulsions) * v.removal_fraction[..., None],
        source="waiting",
        target="removed",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="removals under Title 8",
    )
    m.flow(
        "releases",
        lambda v: (
            (v.apprehensions - v.expulsions - v.removals)
            * (1.0 - v.rim_share[..., None] * v.remain_in_mexico[..., None, None])
        ),
        source="waiting",
        target="released_in_us",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="releases with a notice to appear",
    )

    def processed_at_ports(capacity, v):
        """Each origin's share of a corridor's port `capacity`, by its share of the people
        waiting there, and never more than its waiting people in half a month."""
        return np.minimum(
            capacity[:, None, :] * v.waiting / np.maximum(v.waiting_by_corridor, 1.0)[:, None, :],
            v.waiting / C["port_wait_min"],
        )

    m.tally(
        "port_processing",
        lambda v: processed_at_ports(v.port_capacity, v),
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="people processed at ports of entry (OFO encounters)",
    )
    m.aux(
        "port_processing_without_hub",
        lambda v: processed_at_ports(v.port_processing_capacity, v),
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="people the ports alone would process (no pre-screening hub)",
    )
    m.flow(
        "screened_out",
        lambda v: (
            # only the hub's extra throughput is screened: it never removes people the
            # existing port processing would have let in
            np.maximum(v.port_processing - v.port_processing_without_hub, 0.0)
            * v.prescreen_out[:, None, None]
        ),
        source="waiting",
        target="returned_home",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="people screened out at a pre-screening hub",
    )
    m.flow(
        "port_entries",
        lambda v: v.port_processing - v.screened_out,
        source="waiting",
        target="legal_entries",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="entries after processing at a port",
    )
    m.flow(
        "mexico_north_returns",
        lambda v: v.waiting * v.mexico_north_enforcement[..., None],
        source="waiting",
        target="returned_by_mexico",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="people removed by Mexico from its northern border cities",
    )
    m.flow(
        "giving_up",
        lambda v: v.waiting / v.give_up_time[:, None, None],
        source="waiting",
        target="returned_home",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="waiting people who give up",
    )


def _courts(m: sf.Model) -> None:
    m.stock("judges", lambda v: v.judges_initial, units="judges", long_name="immigration judges")
    m.aux(
        "judge_hiring_starts",
        lambda v: v.judge_hiring + v.additional_judge_hiring,
        units="judges/month",
        long_name="judges entering the hiring pipeline",
    )
    m.delay3(
        "judges_hired",
        "judge_hiring_starts",
        "judge_hiring_delay",
        units="judges/month",
        long_name="judges starting on the bench",
        target="judges",
    )
    m.flow(
        "judge_departures",
        lambda v: v.judges * v.judge_attrition,
        source="judges",
        units="judges/month",
        long_name="judges leaving",
    )
    m.stock(
        "court_backlog",
        lambda v: v.backlog_initial,
        units="cases",
        long_name="pending immigration-court cases",
    )
    m.aux(
        "new_cases",
        lambda v: (
            (v.releases.sum(axis=(1, 2)) + v.port_entries.sum(axis=(1, 2)))
            * v.case_share
            * (1.0 - v.asylum_officer_share)
        ),
        units="cases/month",
        long_name="new court cases from border releases and port entries",
    )
    m.delay1(
        "case_filings",
        "new_cases",
        "filing_delay",
        units="cases/month",
        long_name="notices to appear filed with the court",
        target="court_backlog",
    )
    m.flow(
        "other_receipts",
        lambda v: v.interior_receipts,
        target="court_backlog",
        units="cases/month",
        long_name="court receipts from the interior",
    )
    m.flow(
        "completions",
        lambda v: np.minimum(
            v.judges * v.judge_productivity * (1.0 + v.court_streamlining) * v.court_capacity,
            v.court_backlog,
        ),
        source="court_backlog",
        units="cases/month",
        long_name="court case completions",
    )
    m.aux(
        "processing_time",
        lambda v: (
            v.court_backlog
            / np.maximum(
                v.judges * v.judge_productivity * (1.0 + v.court_streamlining) * v.court_capacity,
                1.0,
            )
        ),
        units="month",
        long_name="asylum processing time (backlog / capacity)",
    )


def _outputs(m: sf.Model) -> None:
    m.tally(
        "encounters",
        lambda v: v.apprehensions + v.port_processing,
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="Southwest border encounters (Border Patrol and ports of entry)",
    )
    m.tally(
        "re_encounters",
        lambda v: (
            # expelled people who try again, times the chance that the next thing that
            # happens to someone waiting is an encounter (rather than evasion, death,
            # giving up or removal by Mexico)
            v.expulsions
            * v.repeat_share[..., None]
            * (v.apprehensions + v.port_processing)
            / np.maximum(
                v.crossings + v.port_processing + v.giving_up + v.mexico_north_returns,
                C["event_rate_floor"],
            )
        ),
        dims=("origin", "corridor"),
        units="encounters/month",
        long_name="re-encounters: encounters of people expelled before who tried again",
    )
    m.aux(
        "unsheltered",
        lambda v: np.maximum(0.0, v.waiting_by_corridor - v.reception_capacity),
        dims="corridor",
        units="people",
        long_name="waiting people above shelter capacity",
    )
    m.tally(
        "legal_pathway_entries",
        lambda v: v.pathway_entries + v.port_entries.sum(axis=-1),
        dims="origin",
        units="people/month",
        long_name="legal-pathway entries",
    )
    m.smooth(
        "recent_encounters",
        lambda v: v.encounters.sum(axis=-1),
        C["recent_encounters_time"],
        dims="origin",
        units="encounters/month",
        long_name="encounters over the last months (smoothed)",
    )


def people_account(ds: xr.Dataset) -> xr.DataArray:
    """Residual of the people balance by origin (and member), at every month.

    Everyone who departed or entered by a legal pathway is in exactly one people stock, so
    ``sum(people stocks) - sum(initial people stocks) - cumulative boundary inflows`` is
    zero up to integration round-off.

    Parameters
    ----------
    ds : xarray.Dataset
        A run of the model holding the people stocks, their ``<stock>_initial`` values and
        the boundary inflows (the output of :meth:`BorderModel.simulate`).

    Returns
    -------
    xarray.DataArray
        The residual [people] by origin and month (and member, for an ensemble).
    """
    total = sum(_by_origin(ds[s]) for s in PEOPLE_STOCKS)
    initial = sum(_by_origin(ds[f"{s}_initial"]) for s in PEOPLE_STOCKS)
    inflow = sum(_by_origin(ds[f]).cumsum("time") for f in BOUNDARY_INFLOWS)
    return total - initial - inflow


def _by_origin(da: xr.DataArray) -> xr.DataArray:
    extra = [d for d in da.dims if d not in ("origin", "time", "member")]
    return da.sum(extra) if extra else da


class BorderModel:
    """The binational model with its parameters; runs scenarios, never changes.

    Parameters
    ----------
    params : mapping, optional
        Parameter values replacing the defaults.
    use_calibration : bool, default True
        Start from the package's saved calibration (``sdmig/data/calibration.json``, made
        by ``sdmig calibrate``) rather than the values of :mod:`sdmig.model.parameters`.

    Examples
    --------
    >>> model = BorderModel()
    >>> ds = model.simulate(end="2020-09")
    >>> float(ds["encounters"].sel(time="2019-10").sum()) > 0
    True
    """

    start = START
    end = END

    def __init__(self, params: Mapping[str, Any] | None = None, *, use_calibration: bool = True):
        values = dict(calibrated_params()) if use_calibration else {}
        values.update(params or {})
        self.stockflow_model = build_model(values)
        self.compiled = sf.compile_model(self.stockflow_model)

    @property
    def params(self) -> dict[str, np.ndarray]:
        """Current parameter values (a copy)."""
        return {k: v.copy() for k, v in self.stockflow_model.params_default().items()}

    def simulate(
        self,
        scenario=None,
        *,
        params: Mapping[str, Any] | None = None,
        end: str | None = None,
        method: str = "RK45",
        dt: float = ENSEMBLE_DT,
        variables=None,
        member_values: Mapping[str, Mapping[str, Any]] | None = None,
        n_members: int | None = None,
        **options,
    ) -> xr.Dataset:
        """Run the model under `scenario` (``None``: no levers) from 2019-10 to `end`.

        Parameters
        ----------
        scenario : object with ``bind(stockflow_model)``, optional
            A :class:`sdmig.policy.scenario.Scenario`; its levers set the policy inputs.
        params : mapping, optional
            Parameter values for this run only; a leading member axis makes an ensemble.
        end : str, default "2028-12"
        member_values : mapping, optional
            Per-member values of the scenario's lever parameters, ``{label: {param:
            array (n_members,)}}`` (see ``Scenario.bind``); all members run in one chunk.
        n_members : int, optional
            Members of the ensemble, when neither `params` nor `member_values` say it.
        method, dt, variables, **options
            Passed to :func:`stockflow.simulate` (through
            :func:`sdmig.model.runner.run_model`).

        Returns
        -------
        xarray.Dataset
            Dims ``time``, ``origin``, ``corridor`` (and ``member``); every stock, flow
            and auxiliary with ``units`` and ``long_name``; ``lever_cost`` (lever, time)
            in USD when a scenario is given.
        """
        end = end or self.end
        bound = None
        if scenario is not None:
            extra = {"member_values": member_values} if member_values else {}
            bound = scenario.bind(self.stockflow_model, **extra)
        try:
            ds = run_model(
                self.compiled,
                end,
                bound=bound,
                params=params,
                n_members=n_members,
                method=method,
                dt=dt,
                variables=variables,
                **options,
            )
        except sf.DeclarationError as exc:
            raise ForecastError(str(exc)) from None
        if bound is not None:
            if member_values:  # costs per scenario: as planned, charged as the run acted
                plain = scenario.bind(self.stockflow_model)
                cost_bound = dataclasses.replace(plain, latches=bound.latches, logs=bound.logs)
            else:
                cost_bound = bound
            cost = cost_bound.cost(ds["time"])
            ds["lever_cost"] = cost
            ds.attrs["scenario"] = getattr(scenario, "name", "")
            if getattr(bound, "latches", None):
                ds["trigger_active"] = bound.trigger_states(ds["time"])
                ds.attrs["trigger_switches"] = bound.trigger_switches()
        return ds
