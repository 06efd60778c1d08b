"""Option 3 of the brief and the Northern Triangle Compact: development investment.

Brief, "Policy Options": "investment in Central America to address the root causes of
migration ... outcomes may take years to materialize". Spending reaches the push factors
through a third-order delay of years (model parameter ``development_delay``).
"""

from dataclasses import dataclass

import numpy as np

from sdmig.policy import Lever, Param


@dataclass(frozen=True, kw_only=True)
class RegionalDevelopment(Lever):
    """Development investment in the targeted origins (brief, option 3)."""

    name = "regional_development"
    params = {
        "spending": Param(
            "USD/month", low=0, high=2e9, default=1e8, doc="development spending a month"
        )
    }
    acts_on = ("development_spending",)
    mode = "add"
    intensity = "spending"

    def cost_rate(self, t):
        return self.spending * self.timing.weight(t)


@dataclass(frozen=True, kw_only=True)
class NorthernTriangleCompact(Lever):
    """Aid to Guatemala, Honduras and El Salvador tied to benchmarks (brief, phase 3).

    State-aware: the aid flows in full while recent NTCA encounters (the model's
    ``recent_encounters`` stock) stay at or below ``benchmark``, and fades to nothing at
    ``benchmark * 1.25`` ("linking U.S. development aid to measurable improvements in
    migration management outcomes").
    """

    name = "northern_triangle_compact"
    params = {
        "spending": Param(
            "USD/month",
            low=0,
            high=2e9,
            default=1.5e8,
            doc="aid a month while the benchmark is met",
        ),
        "benchmark": Param(
            "encounters/month",
            low=0,
            high=1e6,
            default=40_000,
            doc="NTCA encounters a month at or below which aid flows",
        ),
    }
    acts_on = ("development_spending",)
    mode = "add"
    intensity = "spending"
    origin: tuple[str, ...] | None = ("NTCA",)

    def weight(self, t, v=None):
        base = super().weight(t, v)
        if v is None:
            return base
        recent = v.recent_encounters[..., 1]  # NTCA (NumPy values, or traced ones)
        met = np.clip((1.25 * self.benchmark - recent) / (0.25 * self.benchmark), 0.0, 1.0)
        return base * met

    def cost_rate(self, t):
        return self.spending * self.timing.weight(t)
