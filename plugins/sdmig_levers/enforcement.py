"""Option 1 of the brief: expanded U.S. border enforcement and surveillance.

Brief, "Policy Options": "expanding on present physical barriers, deploying advanced
technologies such as drones and sensor systems, and expanding qualified Border Patrol
staffing". Each lever raises the enforcement index of the corridors it targets (all by
default); the model erodes the effect as smugglers adapt and lets enforcement displace flow
to other corridors and raise the danger of crossing.
"""

from dataclasses import dataclass

from sdmig.policy import Lever, Param


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
    monthly_cost: float = 40e6  # assumption: $0.5bn a year of construction and upkeep


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
    monthly_cost: float = 25e6  # assumption

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
    monthly_cost: float = 60e6  # assumption: ~5,000 agents at ~$145,000 a year
