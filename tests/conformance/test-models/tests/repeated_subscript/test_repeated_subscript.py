"""
Python model 'test_repeated_subscript.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["C", "D"], "dim": ["A", "B"], "dim2": ["A", "B"]}

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
    name="a2a", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"matrix": 1}
)
def a2a():
    return float(matrix().loc["A", "A"])


@component.add(
    name="a2b", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"matrix": 1}
)
def a2b():
    return float(matrix().loc["A", "B"])


@component.add(
    name="b2a", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"matrix": 1}
)
def b2a():
    return float(matrix().loc["B", "A"])


@component.add(
    name="b2b", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"matrix": 1}
)
def b2b():
    return float(matrix().loc["B", "B"])


@component.add(
    name="matrix",
    subscripts=["dim2", "dim"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix():
    value = xr.DataArray(
        np.nan,
        {"dim2": _subscript_dict["dim2"], "dim": _subscript_dict["dim"]},
        ["dim2", "dim"],
    )
    value.loc[["A"], :] = xr.DataArray(
        [[1.0, 10.0]], {"dim2": ["A"], "dim": _subscript_dict["dim"]}, ["dim2", "dim"]
    ).values
    value.loc[["B"], :] = xr.DataArray(
        [[5.0, 40.0]], {"dim2": ["B"], "dim": _subscript_dict["dim"]}, ["dim2", "dim"]
    ).values
    return value
