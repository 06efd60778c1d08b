"""
Python model 'test_subscript_mixed_assembly.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Dim1": ["A", "B", "C"], "Dim2": ["D", "E"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 3,
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
    name="mixed assembly",
    subscripts=["Dim1", "Dim2"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"subset": 1},
)
def mixed_assembly():
    value = xr.DataArray(
        np.nan,
        {"Dim1": _subscript_dict["Dim1"], "Dim2": _subscript_dict["Dim2"]},
        ["Dim1", "Dim2"],
    )
    value.loc[:, ["D"]] = subset().expand_dims({"Dim2": ["D"]}, 1).values
    value.loc[:, ["E"]] = xr.DataArray(
        [[2.1], [2.2], [2.3]],
        {"Dim1": _subscript_dict["Dim1"], "Dim2": ["E"]},
        ["Dim1", "Dim2"],
    ).values
    return value


@component.add(
    name="subset", subscripts=["Dim1"], comp_type="Constant", comp_subtype="Normal"
)
def subset():
    return xr.DataArray([1.1, 1.2, 1.3], {"Dim1": _subscript_dict["Dim1"]}, ["Dim1"])
