"""The historical policy regime 2019-2023 as levers with real dates.

Dates and magnitudes come from ``policy_events_2019_2023.csv`` (see
``sdmig/data/SOURCES.md``); the ``baseline`` scenario uses these levers, so the baseline is
a scenario like any other.
"""

from dataclasses import dataclass

import numpy as np

from sdmig.policy import Lever, Param

#: Share of port processing by corridor (assumption, from the ports in each corridor).
PORT_SPLIT = np.array([0.35, 0.2, 0.15, 0.3])
DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True, kw_only=True)
class CovidRestrictions(Lever):
    """COVID-19 restrictions and mobility shock (from 2020-03)."""

    name = "covid_restrictions"
    params = {
        "mobility_factor": Param(
            "1", low=0, high=1, default=0.45, doc="multiplier on departures at the trough"
        )
    }
    acts_on = ("covid_mobility",)
    mode = "multiply"
    intensity = "mobility_factor"


@dataclass(frozen=True, kw_only=True)
class CourtClosures(Lever):
    """COVID-19 closures and slowdowns of the immigration courts (from 2020-03)."""

    name = "court_closures"
    params = {
        "capacity_factor": Param(
            "1", low=0, high=1, default=0.4, doc="multiplier on court capacity"
        )
    }
    acts_on = ("court_capacity",)
    mode = "multiply"
    intensity = "capacity_factor"


@dataclass(frozen=True, kw_only=True)
class Title42Expulsions(Lever):
    """Title 42 expulsions (2020-03-21 to 2023-05-11): expel, and close ports to asylum."""

    name = "title42_expulsions"
    params = {
        "share_mex": Param("1", low=0, high=1, default=0.92, doc="share of MEX expelled"),
        "share_ntca": Param("1", low=0, high=1, default=0.75, doc="share of NTCA expelled"),
        "share_other": Param("1", low=0, high=1, default=0.25, doc="share of OTHER expelled"),
        "ports_factor": Param(
            "1", low=0, high=1, default=0.2, doc="multiplier on processing at ports"
        ),
    }
    acts_on = {"expulsion_share": "set", "port_processing_capacity": "multiply"}

    def effect(self, t, v):
        return {
            "expulsion_share": np.array([self.share_mex, self.share_ntca, self.share_other]),
            "port_processing_capacity": self.ports_factor,
        }


@dataclass(frozen=True, kw_only=True)
class RemainInMexico(Lever):
    """Migrant Protection Protocols: released asylum seekers wait in Mexico instead."""

    name = "remain_in_mexico"
    params = {"scale": Param("1", low=0, high=1, default=1.0, doc="how fully it is enforced")}
    acts_on = ("remain_in_mexico",)
    mode = "set"
    intensity = "scale"


@dataclass(frozen=True, kw_only=True)
class CbpOneAppointments(Lever):
    """CBP One appointments at ports of entry (from 2023-01-18)."""

    name = "cbp_one_appointments"
    params = {
        "per_day": Param(
            "appointments/day",
            low=0,
            high=10_000,
            default=1_000,
            doc="appointments a day along the whole border",
        )
    }
    acts_on = ("port_processing_capacity",)
    mode = "add"

    def effect(self, t, v):
        return {"port_processing_capacity": self.per_day * DAYS_PER_MONTH * PORT_SPLIT}


@dataclass(frozen=True, kw_only=True)
class LawfulPathwaysRule(Lever):
    """Circumvention of Lawful Pathways rule (from 2023-05-11): more irregular entrants removed."""

    name = "lawful_pathways_rule"
    params = {
        "bar": Param(
            "1", low=0, high=1, default=0.3, doc="share of would-be releases removed instead"
        )
    }
    acts_on = ("asylum_bar",)
    mode = "add"
    intensity = "bar"


@dataclass(frozen=True, kw_only=True)
class ChnvParole(Lever):
    """Parole for Cubans, Haitians, Nicaraguans and Venezuelans (from 2023-01-05)."""

    name = "chnv_parole"
    params = {
        "capacity": Param(
            "people/month",
            low=0,
            high=100_000,
            default=30_000,
            doc="paroles a month (up to 30,000)",
        )
    }
    acts_on = ("legal_pathway_capacity",)
    mode = "add"
    intensity = "capacity"
    origin: tuple[str, ...] | None = ("OTHER",)


@dataclass(frozen=True, kw_only=True)
class MexicoEnforcementSurge(Lever):
    """A surge of Mexican enforcement in transit (e.g. the 2022-01 visa rule for Venezuelans)."""

    name = "mexico_enforcement_surge"
    params = {
        "interdiction_factor": Param(
            "1", low=1, high=5, default=1.4, doc="multiplier on Mexican interdiction"
        )
    }
    acts_on = ("mexico_interdiction",)
    mode = "multiply"
    intensity = "interdiction_factor"
