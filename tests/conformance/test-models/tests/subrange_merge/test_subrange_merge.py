"""
Python model 'test_subrange_merge.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Layers": ["Layer1", "Layer2", "Layer3", "Layer4"],
    "lower": ["Layer2", "Layer3", "Layer4"],
    "upper": ["Layer1", "Layer2", "Layer3"],
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
    name="lower values",
    subscripts=["lower"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"value_per_layer": 1},
)
def lower_values():
    return value_per_layer().loc[_subscript_dict["lower"]].rename({"Layers": "lower"})


@component.add(
    name="merged lower",
    subscripts=["Layers"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"lower_values": 1},
)
def merged_lower():
    value = xr.DataArray(np.nan, {"Layers": _subscript_dict["Layers"]}, ["Layers"])
    value.loc[_subscript_dict["lower"]] = lower_values().values
    value.loc[["Layer1"]] = 10
    return value


@component.add(
    name="merged upper",
    subscripts=["Layers"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"upper_values": 1},
)
def merged_upper():
    value = xr.DataArray(np.nan, {"Layers": _subscript_dict["Layers"]}, ["Layers"])
    value.loc[_subscript_dict["upper"]] = upper_values().values
    value.loc[["Layer4"]] = 40
    return value


@component.add(
    name="upper values",
    subscripts=["upper"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"value_per_layer": 1},
)
def upper_values():
    return value_per_layer().loc[_subscript_dict["upper"]].rename({"Layers": "upper"})


@component.add(
    name="value per layer",
    subscripts=["Layers"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def value_per_layer():
    return xr.DataArray(
        [1.0, 2.0, 3.0, 4.0], {"Layers": _subscript_dict["Layers"]}, ["Layers"]
    )
