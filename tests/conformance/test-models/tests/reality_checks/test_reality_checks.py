"""
Python model 'test_reality_checks.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"sectors": ["a", "b", "c", "d"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1,
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
    name="FINAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
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
    name="TIME_STEP",
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
    name="output",
    subscripts=["sectors"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"workers": 1, "working_hours": 1, "productivity": 1},
)
def output():
    return workers() * working_hours() * productivity()


@component.add(
    name="productivity",
    subscripts=["sectors"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def productivity():
    return xr.DataArray(
        [0.5, 2.0, 4.5, 3.0], {"sectors": _subscript_dict["sectors"]}, ["sectors"]
    )


@component.add(
    name="workers", subscripts=["sectors"], comp_type="Constant", comp_subtype="Normal"
)
def workers():
    return xr.DataArray(
        [4.0, 5.0, 6.0, 9.0], {"sectors": _subscript_dict["sectors"]}, ["sectors"]
    )


@component.add(
    name="working_hours",
    subscripts=["sectors"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def working_hours():
    return xr.DataArray(
        [2.0, 5.0, 9.0, 3.0], {"sectors": _subscript_dict["sectors"]}, ["sectors"]
    )
