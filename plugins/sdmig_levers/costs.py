"""Unit costs of the built-in levers: a lever's cost is its intensity times a unit cost.

Every unit cost has its units, who pays (``US``, ``MX`` or ``joint``, for the Mexican-side
costs the brief names: reception, pre-screening hubs in Mexican border cities, Mexican
enforcement) and a source or the word "assumption". Doubling a lever's intensity doubles
its cost; a lever's ``monthly_cost`` field, if given in a scenario, is added on top as a
fixed cost at full effect.

=========================  ====================  =====  =========================================
key                        value                 payer  source
=========================  ====================  =====  =========================================
judge_month                25,000 USD/judge-mo   US     assumption (~$0.3M a year per judge with
                                                        support staff)
asylum_officer_month       18,750 USD/officer-mo US     USCIS: >=800 new officers ~$180M a year
                                                        (CRS IF12162, 2022; policy_events.csv
                                                        uscis_asylum_processing_rule_2022)
removal_officer_month      18,750 USD/officer-mo US     assumption: as an asylum officer
removal_per_person         10,000 USD/person     US     assumption
port_processing_per_person 500 USD/person        US     assumption
parole_per_person          600 USD/person        US     assumption
agent_month                12,083 USD/agent-mo   US     assumption (~$145,000 a year per agent)
troop_month                15,000 USD/troop-mo   US     assumption
barrier_index_month        267M USD/mo per unit  US     assumption ($0.5bn a year for +15 %)
surveillance_index_month   250M USD/mo per unit  US     assumption ($0.3bn a year for +10 %)
court_gain_month           10M USD/mo per unit   US     assumption ($2M a month for +20 %)
task_force_month           6.7M USD/corridor-mo  joint  assumption
safeguards_month           12.5M USD/mo per unit joint  assumption ($5M a month for 40 %)
hub_screening              750 USD/screening     joint  assumption
shelter_place_month        333 USD/place-month   MX     assumption
mexican_agent_month        1,500 USD/agent-mo    MX     assumption
oversight_month            1M USD/month          joint  assumption
=========================  ====================  =====  =========================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["UNIT_COSTS", "UnitCost", "scaled_cost"]


@dataclass(frozen=True)
class UnitCost:
    """One unit cost: value, units, payer and source."""

    value: float
    units: str
    payer: str
    source: str


UNIT_COSTS: dict[str, UnitCost] = {
    "judge_month": UnitCost(
        25_000.0, "USD/judge/month", "US", "assumption: ~$0.3M a year per judge with staff"
    ),
    "asylum_officer_month": UnitCost(
        180e6 / 800 / 12,
        "USD/officer/month",
        "US",
        "USCIS: >=800 new asylum officers ~$180M a year (CRS IF12162, 2022)",
    ),
    "removal_officer_month": UnitCost(
        180e6 / 800 / 12, "USD/officer/month", "US", "assumption: as an asylum officer"
    ),
    "removal_per_person": UnitCost(10_000.0, "USD/person", "US", "assumption"),
    "port_processing_per_person": UnitCost(500.0, "USD/person", "US", "assumption"),
    "parole_per_person": UnitCost(600.0, "USD/person", "US", "assumption"),
    "agent_month": UnitCost(
        145_000.0 / 12, "USD/agent/month", "US", "assumption: ~$145,000 a year per agent"
    ),
    "troop_month": UnitCost(15_000.0, "USD/troop/month", "US", "assumption"),
    "barrier_index_month": UnitCost(
        40e6 / 0.15, "USD/month per unit of enforcement index", "US", "assumption"
    ),
    "surveillance_index_month": UnitCost(
        25e6 / 0.1, "USD/month per unit of enforcement index", "US", "assumption"
    ),
    "court_gain_month": UnitCost(
        2e6 / 0.2, "USD/month per unit of completions gain", "US", "assumption"
    ),
    "task_force_month": UnitCost(20e6 / 3, "USD/corridor/month", "joint", "assumption"),
    "safeguards_month": UnitCost(
        5e6 / 0.4, "USD/month per unit of hazard averted", "joint", "assumption"
    ),
    "hub_screening": UnitCost(750.0, "USD/screening", "joint", "assumption"),
    "shelter_place_month": UnitCost(8e6 / 24_000, "USD/place/month", "MX", "assumption"),
    "mexican_agent_month": UnitCost(1_500.0, "USD/agent/month", "MX", "assumption"),
    "oversight_month": UnitCost(1e6, "USD/month", "joint", "assumption"),
}


def scaled_cost(lever: Any, t: Any, amount: Any) -> Any:
    """Cost [USD/month] at model times `t`: (`amount` at full effect + the lever's fixed
    ``monthly_cost``) times the timing weight."""
    return (amount + lever.monthly_cost) * lever.timing.weight(t)
