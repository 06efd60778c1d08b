"""The brief's recommendation: a binational, phased strategy, and its failure mode.

Phase 1 (from mid-2026): joint U.S.-Mexico task forces in Tijuana-San Diego, El
Paso-Ciudad Juarez and McAllen-Reynosa, with humanitarian safeguards. Phase 2 (2027): the
Tijuana pre-screening hub and Mexican reception capacity. Phase 3 (late 2027-2028): joint
oversight with performance benchmarks. Coordination breakdown is the brief's warning: "when
coordination weakens ... migration flows tend to increase".
"""

from dataclasses import dataclass

from sdmig.policy import Lever, Param
from sdmig_levers.costs import UNIT_COSTS, scaled_cost


@dataclass(frozen=True, kw_only=True)
class JointTaskForces(Lever):
    """Joint U.S.-Mexico task forces against smuggling networks, with shared intelligence.

    "dismantling human smuggling and trafficking networks, rather than broadly targeting
    migrants themselves ... within the first six to nine months" (brief, recommendation).
    """

    name = "joint_task_forces"
    params = {
        "disruption": Param(
            "1/month",
            low=0,
            high=2,
            default=0.15,
            doc="rate at which smuggling-network capacity is dismantled",
        ),
        "intelligence_factor": Param(
            "1", low=1, high=3, default=1.25, doc="multiplier on the odds of apprehension"
        ),
    }
    acts_on = {"smuggling_disruption": "add", "apprehension_boost": "multiply"}
    corridor: tuple[str, ...] | None = ("tijuana_san_diego", "juarez_el_paso", "reynosa_mcallen")

    def cost_rate(self, t):
        """Per corridor, in proportion to the disruption rate (0.15 a month at the unit cost)."""
        corridors = len(self.corridor) if self.corridor is not None else 4
        per = UNIT_COSTS["task_force_month"].value * self.disruption / 0.15
        return scaled_cost(self, t, corridors * per)

    def effect(self, t, v):
        return {
            "smuggling_disruption": self.disruption,
            "apprehension_boost": self.intelligence_factor,
        }


@dataclass(frozen=True, kw_only=True)
class HumanitarianSafeguards(Lever):
    """Coordinated search and rescue and monitored safe transit (brief, phase 1)."""

    name = "humanitarian_safeguards"
    params = {
        "averted": Param(
            "1", low=0, high=0.9, default=0.4, doc="fraction of the death hazard averted"
        )
    }
    acts_on = ("search_and_rescue",)
    mode = "add"
    intensity = "averted"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.averted * UNIT_COSTS["safeguards_month"].value)


@dataclass(frozen=True, kw_only=True)
class PreScreeningHub(Lever):
    """Co-managed asylum pre-screening hub in a Mexican border city (brief, phase 2)."""

    name = "pre_screening_hub"
    params = {
        "capacity": Param(
            "people/month",
            low=0,
            high=20_000,
            default=8_000,
            doc="screenings a month at full capacity",
        )
    }
    acts_on = ("prescreening_capacity",)
    mode = "add"
    intensity = "capacity"
    corridor: tuple[str, ...] | None = ("tijuana_san_diego",)
    setup_cost: float = 50e6  # assumption

    def cost_rate(self, t):
        """Screenings a month at full capacity times the cost of one."""
        return scaled_cost(self, t, self.capacity * UNIT_COSTS["hub_screening"].value)


@dataclass(frozen=True, kw_only=True)
class MexicanReceptionCapacity(Lever):
    """Shelters, legal aid and case management in Mexican border cities (brief, phase 2)."""

    name = "mexican_reception_capacity"
    params = {
        "places": Param(
            "people",
            low=0,
            high=200_000,
            default=8_000,
            doc="extra shelter places in each targeted corridor",
        )
    }
    acts_on = ("reception_capacity",)
    mode = "add"
    intensity = "places"

    def cost_rate(self, t):
        """Places in each targeted corridor (all four when not targeted)."""
        corridors = len(self.corridor) if self.corridor is not None else 4
        places = self.places * corridors
        return scaled_cost(self, t, places * UNIT_COSTS["shelter_place_month"].value)


@dataclass(frozen=True, kw_only=True)
class JointOversight(Lever):
    """Joint oversight committees with performance benchmarks (brief, phase 3)."""

    name = "joint_oversight"
    params = {
        "effectiveness": Param(
            "1", low=1, high=2, default=1.25, doc="multiplier on what development capital achieves"
        )
    }
    acts_on = ("aid_effectiveness",)
    mode = "multiply"
    intensity = "effectiveness"

    def cost_rate(self, t):
        scale = (self.effectiveness - 1.0) / 0.25
        return scaled_cost(self, t, scale * UNIT_COSTS["oversight_month"].value)


@dataclass(frozen=True, kw_only=True)
class CoordinationBreakdown(Lever):
    """U.S.-Mexico coordination breaks down: less interdiction, weaker intelligence."""

    name = "coordination_breakdown"
    params = {
        "interdiction_factor": Param(
            "1", low=0, high=1, default=0.6, doc="multiplier on Mexican interdiction"
        ),
        "intelligence_factor": Param(
            "1", low=0, high=1, default=0.85, doc="multiplier on the odds of apprehension"
        ),
    }
    acts_on = ("mexico_interdiction", "apprehension_boost")
    mode = "multiply"

    def effect(self, t, v):
        return {
            "mexico_interdiction": self.interdiction_factor,
            "apprehension_boost": self.intelligence_factor,
        }
