"""Option 1 of the brief: expanded U.S. border enforcement and surveillance.

Brief, "Policy Options": "expanding on present physical barriers, deploying advanced
technologies such as drones and sensor systems, and expanding qualified Border Patrol
staffing". Each lever raises the enforcement index of the corridors it targets (all by
default); the model erodes the effect as smugglers adapt and lets enforcement displace flow
to other corridors and raise the danger of crossing.
"""

from dataclasses import dataclass

from sdmig.policy import Lever, Param
from sdmig_levers.costs import UNIT_COSTS, scaled_cost


@dataclass(frozen=True, kw_only=True)
class PhysicalBarriers(Lever):
    """More physical barriers along the targeted corridors (brief, option 1)."""

    name = "physical_barriers"
    params = {
        "enforcement_factor": Param(
            "1", low=1, high=3, default=1.15, doc="multiplier on the enforcement index"
        )
    }
    acts_on = ("border_enforcement",)
    mode = "multiply"
    intensity = "enforcement_factor"

    def cost_rate(self, t):
        rise = self.enforcement_factor - 1.0
        return scaled_cost(self, t, rise * UNIT_COSTS["barrier_index_month"].value)


@dataclass(frozen=True, kw_only=True)
class SurveillanceTechnology(Lever):
    """Drones, sensors and towers: more enforcement and better detection (brief, option 1)."""

    name = "surveillance_technology"
    params = {
        "enforcement_factor": Param(
            "1", low=1, high=3, default=1.1, doc="multiplier on the enforcement index"
        ),
        "detection_factor": Param(
            "1", low=1, high=3, default=1.2, doc="multiplier on the odds of apprehending an attempt"
        ),
    }
    acts_on = ("border_enforcement", "apprehension_boost")
    mode = "multiply"

    def cost_rate(self, t):
        rise = self.enforcement_factor - 1.0
        return scaled_cost(self, t, rise * UNIT_COSTS["surveillance_index_month"].value)

    def effect(self, t, v):
        return {
            "border_enforcement": self.enforcement_factor,
            "apprehension_boost": self.detection_factor,
        }


@dataclass(frozen=True, kw_only=True)
class BorderPatrolStaffing(Lever):
    """More qualified Border Patrol agents in the targeted corridors (brief, option 1)."""

    name = "border_patrol_staffing"
    params = {
        "enforcement_factor": Param(
            "1", low=1, high=3, default=1.2, doc="multiplier on the enforcement index"
        )
    }
    acts_on = ("border_enforcement",)
    mode = "multiply"
    intensity = "enforcement_factor"
    #: Agents per unit rise of the enforcement index (assumption: +20 % ~ 5,000 agents).
    agents_per_unit = 25_000.0

    def cost_rate(self, t):
        agents = (self.enforcement_factor - 1.0) * self.agents_per_unit
        return scaled_cost(self, t, agents * UNIT_COSTS["agent_month"].value)
