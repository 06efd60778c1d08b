"""
Python model 'test_get_constants_incomplete_subscript.py'
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


_subscript_dict = {"dim": ["a", "b", "c"], "dim2": ["female", "male"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 4,
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
    name="adimensional const",
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_adimensional_const"},
)
def adimensional_const():
    return _ext_constant_adimensional_const()


_ext_constant_adimensional_const = ExtConstant(
    r"inputs.xls", "tab1", "B11", {}, _root, {}, "_ext_constant_adimensional_const"
)


@component.add(
    name="var2",
    subscripts=["dim", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var_only_women": 1, "var": 1, "adimensional_const": 1},
)
def var2():
    return (
        var_only_women().loc[:, "female"].reset_coords(drop=True)
        * var().loc[:, "female"].reset_coords(drop=True)
        * adimensional_const()
    ).expand_dims({"dim2": ["female"]}, 1)


@component.add(
    name="var",
    subscripts=["dim", "dim2"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var"},
)
def var():
    return _ext_constant_var()


_ext_constant_var = ExtConstant(
    r"inputs.xls",
    "tab1",
    "B5",
    {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
    _root,
    {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
    "_ext_constant_var",
)


@component.add(
    name="var only women",
    subscripts=["dim", "dim2"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var_only_women"},
)
def var_only_women():
    return _ext_constant_var_only_women()


_ext_constant_var_only_women = ExtConstant(
    r"inputs.xls",
    "tab1",
    "B2",
    {"dim": _subscript_dict["dim"], "dim2": ["female"]},
    _root,
    {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
    "_ext_constant_var_only_women",
)
