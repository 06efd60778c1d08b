"""
Python model 'test_get_data_args_3d_xls.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Integ
from pysd.py_backend.external import ExtData
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Rows": ["Row1", "Row2"], "Dim": ["A", "B"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 30,
    "time_step": lambda: 0.5,
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
    name="FINAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Minute",
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
    units="Minute",
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
    name="accumulation backward",
    subscripts=["Dim", "Rows"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_accumulation_backward": 1},
    other_deps={
        "_integ_accumulation_backward": {"initial": {}, "step": {"data_backward": 1}}
    },
)
def accumulation_backward():
    return _integ_accumulation_backward()


_integ_accumulation_backward = Integ(
    lambda: data_backward(),
    lambda: xr.DataArray(
        0,
        {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
        ["Dim", "Rows"],
    ),
    "_integ_accumulation_backward",
)


@component.add(
    name="accumulation forward",
    subscripts=["Dim", "Rows"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_accumulation_forward": 1},
    other_deps={
        "_integ_accumulation_forward": {"initial": {}, "step": {"data_forward": 1}}
    },
)
def accumulation_forward():
    return _integ_accumulation_forward()


_integ_accumulation_forward = Integ(
    lambda: data_forward(),
    lambda: xr.DataArray(
        0,
        {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
        ["Dim", "Rows"],
    ),
    "_integ_accumulation_forward",
)


@component.add(
    name="data backward",
    subscripts=["Dim", "Rows"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_backward",
        "__data__": "_ext_data_data_backward",
        "time": 1,
    },
)
def data_backward():
    return _ext_data_data_backward(time())


_ext_data_data_backward = ExtData(
    r"input.xls",
    "Sheet1",
    "4",
    "C5",
    "hold_backward",
    {"Dim": ["A"], "Rows": _subscript_dict["Rows"]},
    _root,
    {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
    "_ext_data_data_backward",
)

_ext_data_data_backward.add(
    r"input.xls",
    "Sheet1",
    "4",
    "C7",
    "hold_backward",
    {"Dim": ["B"], "Rows": _subscript_dict["Rows"]},
)


@component.add(
    name="data forward",
    subscripts=["Dim", "Rows"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_forward",
        "__data__": "_ext_data_data_forward",
        "time": 1,
    },
)
def data_forward():
    return _ext_data_data_forward(time())


_ext_data_data_forward = ExtData(
    r"input.xls",
    "Sheet1",
    "4",
    "C5",
    "look_forward",
    {"Dim": ["A"], "Rows": _subscript_dict["Rows"]},
    _root,
    {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
    "_ext_data_data_forward",
)

_ext_data_data_forward.add(
    r"input.xls",
    "Sheet1",
    "4",
    "C7",
    "look_forward",
    {"Dim": ["B"], "Rows": _subscript_dict["Rows"]},
)
