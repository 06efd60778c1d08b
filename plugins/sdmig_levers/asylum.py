"""Option 2 of the brief: reform of the U.S. asylum and immigration system.

Brief, "Policy Options": "increasing judicial capacity, streamlining case processing, and
expanding visa programs"; the recommendation adds asylum officers.
"""

from dataclasses import dataclass

import numpy as np

from sdmig.policy import Lever, Param
from sdmig_levers.costs import UNIT_COSTS, scaled_cost


@dataclass(frozen=True, kw_only=True)
class ImmigrationJudges(Lever):
    """Hire more immigration judges; they reach the bench after the hiring delay (option 2)."""

    name = "immigration_judges"
    params = {
        "hires": Param(
            "judges/month",
            low=0,
            high=100,
            default=10,
            doc="extra judges entering the hiring pipeline each month",
        )
    }
    acts_on = ("additional_judge_hiring",)
    mode = "add"
    intensity = "hires"

    def cost_rate(self, t):
        """Every judge hired since the start is paid: hires x months since the start."""
        months = np.maximum(np.asarray(t, dtype=float) - float(np.min(self.timing.start)), 0.0)
        judges = self.hires * months
        return scaled_cost(self, t, judges * UNIT_COSTS["judge_month"].value)


@dataclass(frozen=True, kw_only=True)
class AsylumOfficers(Lever):
    """Asylum officers decide a share of new cases instead of the courts (option 2)."""

    name = "asylum_officers"
    params = {
        "share": Param(
            "1", low=0, high=0.8, default=0.2, doc="share of new cases decided by asylum officers"
        )
    }
    acts_on = ("asylum_officer_share",)
    mode = "add"
    intensity = "share"
    #: Officers needed per unit of share (assumption: 800 officers decide ~75,000 cases a
    #: year, CRS IF12162; a share of 0.2 of ~40,000 new cases a month needs ~1,000).
    officers_per_share = 5_000.0

    def cost_rate(self, t):
        officers = self.share * self.officers_per_share
        return scaled_cost(self, t, officers * UNIT_COSTS["asylum_officer_month"].value)


@dataclass(frozen=True, kw_only=True)
class StreamlinedProcessing(Lever):
    """Streamlined case processing: more completions per judge (option 2)."""

    name = "streamlined_processing"
    params = {
        "gain": Param(
            "1", low=0, high=1, default=0.2, doc="fractional gain in completions per judge"
        )
    }
    acts_on = ("court_streamlining",)
    mode = "add"
    intensity = "gain"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.gain * UNIT_COSTS["court_gain_month"].value)


@dataclass(frozen=True, kw_only=True)
class LegalPathways(Lever):
    """Expanded visas and parole for would-be migrants, by origin (option 2)."""

    name = "legal_pathways"
    params = {
        "capacity": Param(
            "people/month",
            low=0,
            high=200_000,
            default=20_000,
            doc="places a month on legal pathways",
        )
    }
    acts_on = ("legal_pathway_capacity",)
    mode = "add"
    intensity = "capacity"

    def cost_rate(self, t):
        return scaled_cost(self, t, self.capacity * UNIT_COSTS["parole_per_person"].value)
