"""
Python model 'test_delay_parentheses.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import Delay
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
    "final_time": lambda: 50,
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
    name="Delay Them",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_delay_them": 1},
    other_deps={
        "_delay_delay_them": {
            "initial": {"gen1": 1, "gen2": 1},
            "step": {"gen1": 1, "gen2": 1},
        }
    },
)
def delay_them():
    return _delay_delay_them()


_delay_delay_them = Delay(
    lambda: gen1() + gen2(),
    lambda: 10,
    lambda: gen1() + gen2(),
    lambda: 1,
    time_step,
    "_delay_delay_them",
)


@component.add(
    name="Gen1", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def gen1():
    return step(__data["time"], 3, 3)


@component.add(
    name="Gen2", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def gen2():
    return step(__data["time"], -2, 10)
