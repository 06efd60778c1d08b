"""
Python model 'test_subscripted_smooth.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import Smooth
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
    "final_time": lambda: 20,
    "time_step": lambda: 0.25,
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
    name="Initial value subscript",
    subscripts=["Citrus"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_value_subscript():
    return xr.DataArray(
        [4.0, 5.0, 6.0, 3.0, 7.0], {"Citrus": _subscript_dict["Citrus"]}, ["Citrus"]
    )


@component.add(
    name="Input SM",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def input_sm():
    return xr.DataArray(
        -1 + step(__data["time"], 3, 3),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="SmoothI output",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smoothi_output": 1},
    other_deps={
        "_smooth_smoothi_output": {
            "initial": {"initial_value_subscript": 1},
            "step": {"input_sm": 1, "adjustment_time": 1},
        }
    },
)
def smoothi_output():
    return _smooth_smoothi_output()


_smooth_smoothi_output = Smooth(
    lambda: input_sm(),
    lambda: xr.DataArray(
        adjustment_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: initial_value_subscript().expand_dims(
        {"Apples": _subscript_dict["Apples"]}, 0
    ),
    lambda: 1,
    "_smooth_smoothi_output",
)


@component.add(
    name="Variable Order",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def variable_order():
    return 2 + step(__data["time"], 1, 1)


@component.add(
    name="Smooth N output",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smooth_n_output": 1},
    other_deps={
        "_smooth_smooth_n_output": {
            "initial": {"initial_value": 1, "variable_order": 1},
            "step": {"input_sm": 1, "adjustment_time": 1},
        }
    },
)
def smooth_n_output():
    return _smooth_smooth_n_output()


_smooth_smooth_n_output = Smooth(
    lambda: input_sm(),
    lambda: xr.DataArray(
        adjustment_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: xr.DataArray(
        initial_value(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: variable_order(),
    "_smooth_smooth_n_output",
)


@component.add(
    name="Smooth3I output",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smooth3i_output": 1},
    other_deps={
        "_smooth_smooth3i_output": {
            "initial": {"initial_value": 1},
            "step": {"input_sm": 1, "adjustment_time": 1},
        }
    },
)
def smooth3i_output():
    return _smooth_smooth3i_output()


_smooth_smooth3i_output = Smooth(
    lambda: input_sm(),
    lambda: xr.DataArray(
        adjustment_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: xr.DataArray(
        initial_value(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: 3,
    "_smooth_smooth3i_output",
)


@component.add(name="Initial Value", comp_type="Constant", comp_subtype="Normal")
def initial_value():
    return 5


@component.add(
    name="Smooth3 output",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smooth3_output": 1},
    other_deps={
        "_smooth_smooth3_output": {
            "initial": {"input_sm": 1},
            "step": {"input_sm": 1, "adjustment_time": 1},
        }
    },
)
def smooth3_output():
    return _smooth_smooth3_output()


_smooth_smooth3_output = Smooth(
    lambda: input_sm(),
    lambda: xr.DataArray(
        adjustment_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: input_sm(),
    lambda: 3,
    "_smooth_smooth3_output",
)


@component.add(
    name="Smooth output",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_smooth_output": 1},
    other_deps={
        "_smooth_smooth_output": {
            "initial": {"input_sm": 1},
            "step": {"input_sm": 1, "adjustment_time": 1},
        }
    },
)
def smooth_output():
    return _smooth_smooth_output()


_smooth_smooth_output = Smooth(
    lambda: input_sm(),
    lambda: xr.DataArray(
        adjustment_time(),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: input_sm(),
    lambda: 1,
    "_smooth_smooth_output",
)


@component.add(
    name="Adjustment Time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def adjustment_time():
    return 2 + step(__data["time"], 2, 1)
