"""
Python model 'test_time.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import if_then_else
from pysd.py_backend.statefuls import Integ
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
    "final_time": lambda: 10,
    "time_step": lambda: 1,
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
    name="Inflow",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "initial_time": 1},
)
def inflow():
    return if_then_else(time() == initial_time(), lambda: 10, lambda: 3)


@component.add(
    name="Outflow 1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock": 1, "time_step": 1},
)
def outflow_1():
    return stock() / time_step()


@component.add(
    name="Outflow 2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "final_time": 1},
)
def outflow_2():
    return if_then_else(time() == final_time(), lambda: 2, lambda: 0)


@component.add(
    name="Stock",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock": 1},
    other_deps={
        "_integ_stock": {
            "initial": {},
            "step": {"inflow": 1, "outflow_1": 1, "outflow_2": 1},
        }
    },
)
def stock():
    return _integ_stock()


_integ_stock = Integ(
    lambda: inflow() - outflow_1() - outflow_2(), lambda: 0, "_integ_stock"
)
