"""
Python model 'test_smaller_range.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Dims": ["A", "B", "C"], "Dims1": ["A", "B", "C"]}

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
    name="my var",
    subscripts=["Dims"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def my_var():
    value = xr.DataArray(np.nan, {"Dims": _subscript_dict["Dims"]}, ["Dims"])
    value.loc[["A"]] = 5 * time()
    value.loc[["C"]] = -time()
    return value


@component.add(
    name="my var2",
    subscripts=["Dims1", "Dims"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def my_var2():
    value = xr.DataArray(
        np.nan,
        {"Dims1": _subscript_dict["Dims1"], "Dims": _subscript_dict["Dims"]},
        ["Dims1", "Dims"],
    )
    value.loc[["A"], :] = xr.DataArray(
        [[1.0, 2.0, 3.0]],
        {"Dims1": ["A"], "Dims": _subscript_dict["Dims"]},
        ["Dims1", "Dims"],
    ).values
    value.loc[["B"], :] = xr.DataArray(
        [[4.0, 3.0, 40.0]],
        {"Dims1": ["B"], "Dims": _subscript_dict["Dims"]},
        ["Dims1", "Dims"],
    ).values
    value.loc[["C"], :] = time()
    return value
