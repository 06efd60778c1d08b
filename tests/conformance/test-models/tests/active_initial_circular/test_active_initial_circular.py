"""
Python model 'test_active_initial_circular.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import active_initial
from pysd.py_backend.statefuls import Smooth
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
    name="active initial variable",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"_active_initial_active_initial_variable": 1},
    other_deps={
        "_active_initial_active_initial_variable": {
            "initial": {},
            "step": {"smooth_variable": 1, "time": 2},
        }
    },
)
def active_initial_variable():
    return active_initial(
        __data["time"].stage,
        lambda: smooth_variable() + time() * float(np.sin(time())),
        1,
    )


@component.add(
    name="smooth variable",
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smooth_variable": 1},
    other_deps={
        "_smooth_smooth_variable": {
            "initial": {"active_initial_variable": 1},
            "step": {"active_initial_variable": 1},
        }
    },
)
def smooth_variable():
    return _smooth_smooth_variable()


_smooth_smooth_variable = Smooth(
    lambda: active_initial_variable(),
    lambda: 0.5,
    lambda: active_initial_variable(),
    lambda: 1,
    "_smooth_smooth_variable",
)
