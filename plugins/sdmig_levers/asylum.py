"""Option 2 of the brief: reform of the U.S. asylum and immigration system.

Brief, "Policy Options": "increasing judicial capacity, streamlining case processing, and
expanding visa programs"; the recommendation adds asylum officers.
"""

from dataclasses import dataclass

from sdmig.policy import Lever, Param


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
    monthly_cost: float = 3e6  # assumption: a judge with staff ~$0.3M a year, growing corps


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
    monthly_cost: float = 15e6  # assumption


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
    monthly_cost: float = 2e6  # assumption


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
    monthly_cost: float = 10e6  # assumption
