"""
Python model 'test_get_constants_subranges.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtConstant
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim1": ["A", "B", "C", "D", "E"],
    "dim1a": ["A", "B"],
    "dim1c": ["C", "D", "E"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 1,
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
    name="constant",
    subscripts=["dim1"],
    comp_type="Constant",
    comp_subtype="Normal, External",
    depends_on={"__external__": "_ext_constant_constant"},
)
def constant():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[_subscript_dict["dim1a"]] = 0
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["C", "D", "E"]] = True
    value.values[def_subs.values] = _ext_constant_constant().values[def_subs.values]
    return value


_ext_constant_constant = ExtConstant(
    r"inputs.xlsx",
    "Sheet1",
    "A1",
    {"dim1": _subscript_dict["dim1c"]},
    _root,
    {"dim1": _subscript_dict["dim1"]},
    "_ext_constant_constant",
)
