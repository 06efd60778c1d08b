"""
Python model 'test_delay_numeric_error.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import Integ, DelayN
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 100,
    "time_step": lambda: 0.125,
    "saveper": lambda: time_step(),
}


def _init_outer_references(data):
    for key in data:
        __data[key] = data[key]


@component.add(name="Time")
def time():
    """
    Current time of the model.
    """
    return __data["time"]()


@component.add(
    name="FINAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Month",
    limits=(0.0, np.nan),
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1},
)
def saveper():
    """
    The frequency with which output is stored.
    """
    return __data["time"].saveper()


@component.add(
    name="TIME STEP",
    units="Month",
    limits=(0.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="Outflow DelayN",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_outflow_delayn": 1},
    other_deps={
        "_delayn_outflow_delayn": {"initial": {}, "step": {"inflow_delayn": 1}}
    },
)
def outflow_delayn():
    return _delayn_outflow_delayn()


_delayn_outflow_delayn = DelayN(
    lambda: inflow_delayn(),
    lambda: 10,
    lambda: 10,
    lambda: 6,
    time_step,
    "_delayn_outflow_delayn",
)


@component.add(
    name="Stock DelayN",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delayn": 1},
    other_deps={
        "_integ_stock_delayn": {
            "initial": {},
            "step": {"inflow_delayn": 1, "outflow_delayn": 1},
        }
    },
)
def stock_delayn():
    return _integ_stock_delayn()


_integ_stock_delayn = Integ(
    lambda: inflow_delayn() - outflow_delayn(), lambda: 0, "_integ_stock_delayn"
)


@component.add(
    name="Inflow DelayN",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delayn():
    return step(__data["time"], 10, 5)
