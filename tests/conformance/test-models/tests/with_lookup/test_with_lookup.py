"""
Python model 'test_with_lookup.py'
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
    "Dim3": ["g", "h", "i"],
    "Dim1": ["a", "b", "c"],
    "Dim2": ["d", "e", "f"],
}

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
    name="var3",
    subscripts=["Dim1", "Dim2", "Dim3"],
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"var1": 1},
)
def var3():
    return xr.DataArray(
        np.interp(var1(), [1, 2, 3, 4, 5], [10, 20, 30, 40, 50]),
        {"Dim1": ["a", "b", "c"], "Dim2": ["d", "e", "f"]},
        ["Dim1", "Dim2"],
    ).expand_dims({"Dim3": _subscript_dict["Dim3"]}, 2)


@component.add(
    name="var4", subscripts=["Dim2"], comp_type="Constant", comp_subtype="Normal"
)
def var4():
    return xr.DataArray([4.0, 5.0, 6.0], {"Dim2": _subscript_dict["Dim2"]}, ["Dim2"])


@component.add(
    name="var5",
    subscripts=["Dim2"],
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"var4": 1},
)
def var5():
    return xr.DataArray(
        np.interp(var4(), [4, 6], [3, 4]), {"Dim2": ["d", "e", "f"]}, ["Dim2"]
    )


@component.add(
    name="var1",
    subscripts=["Dim1", "Dim2"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var1"},
)
def var1():
    return _ext_constant_var1()


_ext_constant_var1 = ExtConstant(
    r"inputs.xlsx",
    "tab1",
    "var1_",
    {"Dim1": _subscript_dict["Dim1"], "Dim2": _subscript_dict["Dim2"]},
    _root,
    {"Dim1": _subscript_dict["Dim1"], "Dim2": _subscript_dict["Dim2"]},
    "_ext_constant_var1",
)


@component.add(
    name="var2",
    subscripts=["Dim1", "Dim2"],
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"var1": 1},
)
def var2():
    return xr.DataArray(
        np.interp(var1(), [1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 3, 4, 5, 6, 7, 8, 9, 120]),
        {"Dim1": ["a", "b", "c"], "Dim2": ["d", "e", "f"]},
        ["Dim1", "Dim2"],
    )
