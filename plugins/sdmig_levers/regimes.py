"""Levers for the border regimes of 2023-2025 and their successors.

Each can be written in a scenario file without code: an entry suspension (asylum
shutdown), expedited removal, an appointment system at ports, parole programmes by origin,
military zones by corridor, Mexican enforcement in the north and the south of Mexico, and
a pressure on departures by origin. Remain in Mexico is the ``remain_in_mexico`` lever of
:mod:`sdmig_levers.historical` (a restart is a new ``[[lever]]`` with its own start).

Dates and magnitudes come from ``policy_events.csv`` (see ``sdmig/data/SOURCES.md``);
unit costs are in :mod:`sdmig_levers.costs`, each with its source or "assumption".
"""

from dataclasses import dataclass

import numpy as np

from sdmig.policy import Lever, Param
from sdmig_levers.costs import UNIT_COSTS, scaled_cost
from sdmig_levers.historical import DAYS_PER_MONTH, PORT_SPLIT


@dataclass(frozen=True, kw_only=True)
class EntrySuspension(Lever):
    """Suspension of entry at the border (asylum shutdown): apprehended people are removed.

    While in force, a share of the people who would have been released with a notice to
    appear is removed instead (Proclamation 10773 of June 2024: "70% of single adults and
    family members encountered by USBP 2024-06-05 to 2024-08-31 were removed or
    returned", DHS). People with an appointment at a port are exempt (port processing is
    unchanged). Through the deterrence path, fewer people depart once the lower chance of
    staying is perceived. Give it a ``trigger`` to make it switch with encounters.
    """

    name = "entry_suspension"
    params = {
        "removal_share": Param(
            "1",
            low=0,
            high=1,
            default=0.7,
            doc="share of would-be releases removed instead while in force",
        ),
        "staff": Param(
            "officers",
            low=0,
            high=20_000,
            default=1_000,
            doc="asylum officers and removal staff assigned (sets the cost)",
        ),
    }
    acts_on = ("entry_suspension",)
    mode = "set"
    intensity = "removal_share"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.staff * UNIT_COSTS["removal_officer_month"].value)


@dataclass(frozen=True, kw_only=True)
class ExpeditedRemoval(Lever):
    """Expedited removal expanded: a share of would-be releases is removed quickly instead."""

    name = "expedited_removal"
    params = {
        "share": Param(
            "1",
            low=0,
            high=1,
            default=0.2,
            doc="share of would-be releases placed in expedited removal",
        ),
        "removals": Param(
            "people/month",
            low=0,
            high=200_000,
            default=10_000,
            doc="expected removals a month (sets the cost)",
        ),
    }
    acts_on = ("expedited_removal",)
    mode = "set"
    intensity = "share"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.removals * UNIT_COSTS["removal_per_person"].value)


@dataclass(frozen=True, kw_only=True)
class AppointmentSystem(Lever):
    """Appointments at ports of entry (CBP One style): capacity a day, can end (``end``)."""

    name = "appointment_system"
    params = {
        "per_day": Param(
            "appointments/day",
            low=0,
            high=20_000,
            default=1_450,
            doc="appointments a day along the border (1,450 from 2023-06-30, CBP)",
        )
    }
    acts_on = ("port_processing_capacity",)
    mode = "add"

    def effect(self, t, v):
        return {"port_processing_capacity": self.per_day * DAYS_PER_MONTH * PORT_SPLIT}

    def cost_rate(self, t):
        per_month = self.per_day * DAYS_PER_MONTH
        return scaled_cost(self, t, per_month * UNIT_COSTS["port_processing_per_person"].value)


@dataclass(frozen=True, kw_only=True)
class ParoleProgramme(Lever):
    """A parole programme for the targeted origins: places a month, can end (``end``)."""

    name = "parole_programme"
    params = {
        "capacity": Param(
            "people/month",
            low=0,
            high=200_000,
            default=30_000,
            doc="paroles a month (CHNV: up to 30,000)",
        )
    }
    acts_on = ("legal_pathway_capacity",)
    mode = "add"
    intensity = "capacity"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.capacity * UNIT_COSTS["parole_per_person"].value)


@dataclass(frozen=True, kw_only=True)
class MilitaryZones(Lever):
    """Troops and restricted military zones along the targeted corridors.

    Each 1,000 troops raise the enforcement index by ``enforcement_per_1000`` and the
    odds of apprehension by ``detection_per_1000`` (multiplicatively), in the corridors
    targeted (all by default); smugglers adapt and flows shift to other corridors as for
    any enforcement.
    """

    name = "military_zones"
    params = {
        "troops": Param("troops", low=0, high=20_000, default=2_500, doc="troops deployed"),
        "enforcement_per_1000": Param(
            "1",
            low=0,
            high=0.5,
            default=0.04,
            doc="rise of the enforcement index per 1,000 troops (assumption)",
        ),
        "detection_per_1000": Param(
            "1",
            low=0,
            high=0.5,
            default=0.04,
            doc="rise of the odds of apprehension per 1,000 troops (assumption)",
        ),
    }
    acts_on = ("border_enforcement", "apprehension_boost")
    mode = "multiply"

    def effect(self, t, v):
        k = np.asarray(self.troops) / 1000.0
        return {
            "border_enforcement": 1.0 + k * self.enforcement_per_1000,
            "apprehension_boost": 1.0 + k * self.detection_per_1000,
        }

    def cost_rate(self, t):
        return scaled_cost(self, t, self.troops * UNIT_COSTS["troop_month"].value)


@dataclass(frozen=True, kw_only=True)
class MexicanEnforcement(Lever):
    """Mexican enforcement in the south (in transit) and the north (border cities).

    It acts on every origin, Mexicans included, unless targeted: ``south_rate`` is an
    interdiction rate of people in transit added to the 2019 effort; ``north_rate`` the
    rate at which people waiting in the northern border cities are removed (returned or
    relocated south, as INM did from late December 2023).
    """

    name = "mexican_enforcement"
    params = {
        "south_rate": Param(
            "1/month",
            low=0,
            high=5,
            default=0.2,
            doc="interdiction of people in transit, added to the 2019 effort",
        ),
        "north_rate": Param(
            "1/month",
            low=0,
            high=5,
            default=0.1,
            doc="removal of people waiting in northern border cities",
        ),
        "agents": Param(
            "agents",
            low=0,
            high=100_000,
            default=10_000,
            doc="National Guard and INM agents deployed (sets the cost)",
        ),
    }
    acts_on = {"mexico_south_enforcement": "add", "mexico_north_enforcement": "add"}

    def effect(self, t, v):
        return {
            "mexico_south_enforcement": self.south_rate,
            "mexico_north_enforcement": self.north_rate,
        }

    def cost_rate(self, t):
        unit = UNIT_COSTS["mexican_agent_month"].value
        return scaled_cost(self, t, self.agents * unit)


@dataclass(frozen=True, kw_only=True)
class DeparturePressure(Lever):
    """Multiply would-be departures from the targeted origins (push factors by origin).

    For policies that act on the decision to leave in one origin: a tax on remittances
    (factor above 1), a job programme (below 1), a crisis.
    """

    name = "departure_pressure"
    params = {
        "factor": Param("1", low=0, high=5, default=1.0, doc="multiplier on would-be departures")
    }
    acts_on = ("departure_pressure",)
    mode = "multiply"
    intensity = "factor"
