"""Generic levers that work on any model: scale or set one named policy input.

They are registered in sdmig's own ``pyproject.toml`` under the entry-point group
``sdmig.policy.levers``, exactly as a third-party plugin registers its levers::

    [project.entry-points."sdmig.levers"]
    scale_input = "sdmig_levers.generic:ScaleInput"
    set_input = "sdmig_levers.generic:SetInput"
"""

from __future__ import annotations

from dataclasses import dataclass

from sdmig.errors import LeverError
from sdmig.policy import Lever, Param


@dataclass(frozen=True, kw_only=True)
class _OneInput(Lever):
    """A lever whose input is chosen per instance by its ``input`` field."""

    input: str

    def __post_init__(self):
        super().__post_init__()
        if not isinstance(self.input, str) or not self.input.isidentifier():
            raise LeverError(f"input = {self.input!r} must be the name of a policy input")

    def actions(self) -> dict[str, str]:
        return {self.input: self.mode}


@dataclass(frozen=True, kw_only=True)
class ScaleInput(_OneInput):
    """Multiply any policy input by a factor.

    A what-if on one model quantity, for sensitivity runs and for policies no dedicated
    lever describes yet.

    Parameters
    ----------
    input : str
        Name of the model's policy input (``sdmig.model.border.POLICY_INPUTS``).
    factor : float, default 1
        Factor at full effect [1]; 0 to 100.
    """

    name = "scale_input"
    params = {"factor": Param("1", low=0, high=100, default=1.0, doc="factor at full effect")}
    mode = "multiply"
    intensity = "factor"


@dataclass(frozen=True, kw_only=True)
class SetInput(_OneInput):
    """Set any policy input to a value.

    Two ``set_input`` levers on the same input must not overlap in time and targets.

    Parameters
    ----------
    input : str
        Name of the model's policy input.
    value : float
        Value at full effect, in the input's own units; the ramp blends from the value
        the input would otherwise have.
    """

    name = "set_input"
    params = {"value": Param("input units", doc="value at full effect")}
    mode = "set"
    intensity = "value"
