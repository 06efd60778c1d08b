"""An example sdmig lever plugin: a humanitarian parole programme."""

from dataclasses import dataclass

from sdmig.policy import Lever, Param


@dataclass(frozen=True, kw_only=True)
class ExampleParole(Lever):
    """Humanitarian parole: lawful entries a month for people from the chosen origins.

    Adds ``slots`` paroles a month to the model's ``legal_pathway_capacity`` input, for
    the origins a scenario names (``origin = ["NTCA"]``), or for every origin.
    """

    name = "example_parole"
    params = {
        "slots": Param(
            "people/month", low=0, high=50_000, default=5_000, doc="paroles a month at full effect"
        ),
        "unit_cost": Param(
            "USD/person", low=0, high=10_000, default=600, doc="processing cost of one parole"
        ),
    }
    acts_on = ("legal_pathway_capacity",)
    mode = "add"
    intensity = "slots"

    def cost_rate(self, t):
        """Cost [USD/month]: each parole granted costs `unit_cost`."""
        return self.unit_cost * self.slots * self.timing.weight(t)
