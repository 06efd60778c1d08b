"""
Python model 'test_subscript_element_name.py'
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
    "fuels": ["gas", "oil", "electric"],
    "sectors": ["Water Transport", "Inland Transport", "Air Transport"],
    "water": ["blue", "green", "gray"],
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
    name="Required energy by sector and fuel",
    subscripts=["fuels", "sectors"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def required_energy_by_sector_and_fuel():
    return xr.DataArray(
        [[10.0, 15.0, 20.0], [25.0, 30.0, 50.0], [40.0, 27.0, 12.0]],
        {"fuels": _subscript_dict["fuels"], "sectors": _subscript_dict["sectors"]},
        ["fuels", "sectors"],
    )


@component.add(
    name="Required energy for water transport",
    subscripts=["fuels"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"required_energy_by_sector_and_fuel": 1},
)
def required_energy_for_water_transport():
    return (
        required_energy_by_sector_and_fuel()
        .loc[:, "Water Transport"]
        .reset_coords(drop=True)
    )


@component.add(
    name="Transport value",
    subscripts=["sectors"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def transport_value():
    return xr.DataArray(
        [500.0, 2000.0, 700.0], {"sectors": _subscript_dict["sectors"]}, ["sectors"]
    )
