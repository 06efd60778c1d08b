"""
Python model 'test_subscripted_trend.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Trend
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Apples": ["Macoun", "Red Spy", "Grimes Golden", "Roxbury Russet"],
    "Citrus": ["Lemon", "Lime", "Orange", "Clementine", "Grapefruit"],
}

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
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def input_1():
    return xr.DataArray(
        1 + 0.5 * float(np.sin(2 * 3.14159 * time() / 20)),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="average time", units="months", comp_type="Constant", comp_subtype="Normal"
)
def average_time():
    return 6


@component.add(
    name="initial trend",
    units="fraction/Month",
    subscripts=["Citrus"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_trend():
    return xr.DataArray(0, {"Citrus": _subscript_dict["Citrus"]}, ["Citrus"])


@component.add(
    name="TREND of input",
    units="fraction/Month",
    subscripts=["Apples", "Citrus"],
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
    lambda: xr.DataArray(
        average_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: initial_trend().expand_dims({"Apples": _subscript_dict["Apples"]}, 0),
    "_trend_trend_of_input",
)
