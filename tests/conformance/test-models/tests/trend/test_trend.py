"""
Python model 'test_trend.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.statefuls import Trend
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
    name="input",
    units="widgets/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def input_1():
    return 1 + 0.5 * float(np.sin(2 * 3.14159 * time() / 20))


@component.add(
    name="average time", units="months", comp_type="Constant", comp_subtype="Normal"
)
def average_time():
    return 6


@component.add(
    name="initial trend",
    units="fraction/Month",
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_trend():
    return 0


@component.add(
    name="TREND of input",
    units="fraction/Month",
    comp_type="Stateful",
    comp_subtype="Trend",
    depends_on={"_trend_trend_of_input": 1},
    other_deps={
        "_trend_trend_of_input": {
            "initial": {"initial_trend": 1, "input_1": 1, "average_time": 1},
            "step": {"input_1": 1, "average_time": 1},
        }
    },
)
def trend_of_input():
    return _trend_trend_of_input()


_trend_trend_of_input = Trend(
    lambda: input_1(),
    lambda: average_time(),
    lambda: initial_trend(),
    "_trend_trend_of_input",
)
