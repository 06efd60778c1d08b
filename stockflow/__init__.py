"""stockflow: a small, domain-free stock-and-flow engine on SciPy.

Declare a :class:`Model` (stocks, flows, auxiliaries, parameters, dimensions, lookups,
dated series, smooths and delays) with equations as Python callables, then
:func:`simulate` it with ``scipy.integrate.solve_ivp`` or a vectorized fixed-step
integrator, and get an ``xarray.Dataset`` back; :func:`run_clock` runs it on its own clock
(any time unit, Euler at exactly its step, saved every SAVEPER, flows as rates) as Vensim,
Stella and PySD do. :func:`check_ledger` verifies that every
stock's accounts balance.
"""

from stockflow.builtins import pulse, ramp, step
from stockflow.calendar import months_since
from stockflow.clock import run_clock
from stockflow.compile import CompiledModel, compile_model
from stockflow.errors import (
    DeclarationError,
    IntegrationError,
    LedgerError,
    StockflowError,
    StockflowWarning,
)
from stockflow.integrate import METHODS, simulate
from stockflow.latch import Latch, Probe
from stockflow.ledger import check_ledger, ledger
from stockflow.model import Lookup, Model, Variable
from stockflow.protocols import ModelHolder
from stockflow.stepper import Stepper
from stockflow.trace import is_symbolic

__all__ = [
    "ModelHolder",
    "METHODS",
    "CompiledModel",
    "DeclarationError",
    "IntegrationError",
    "Latch",
    "LedgerError",
    "Lookup",
    "Model",
    "Probe",
    "StockflowError",
    "Stepper",
    "StockflowWarning",
    "Variable",
    "check_ledger",
    "compile_model",
    "is_symbolic",
    "ledger",
    "months_since",
    "pulse",
    "ramp",
    "run_clock",
    "simulate",
    "step",
]
