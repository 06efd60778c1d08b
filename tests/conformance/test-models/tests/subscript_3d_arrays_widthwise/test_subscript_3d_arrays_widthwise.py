"""
Python model 'test_subscript_3d_arrays_widthwise.py'
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
    "Third Dimension Subscript": ["Depth 1", "Depth 2"],
    "Second Dimension Subscript": ["Column 1", "Column 2"],
    "One Dimensional Subscript": ["Entry 1", "Entry 2", "Entry 3"],
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
    name="Three Dimensional Variable",
    subscripts=[
        "One Dimensional Subscript",
        "Second Dimension Subscript",
        "Third Dimension Subscript",
    ],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"three_dimensional_constant": 1},
)
def three_dimensional_variable():
    return three_dimensional_constant()


@component.add(
    name="Three Dimensional Constant",
    subscripts=[
        "One Dimensional Subscript",
        "Second Dimension Subscript",
        "Third Dimension Subscript",
    ],
    comp_type="Constant",
    comp_subtype="Normal",
)
def three_dimensional_constant():
    value = xr.DataArray(
        np.nan,
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    )
    value.loc[["Entry 1"], :, :] = xr.DataArray(
        [[[0.01, 0.02], [0.03, 0.04]]],
        {
            "One Dimensional Subscript": ["Entry 1"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    ).values
    value.loc[["Entry 2"], :, :] = xr.DataArray(
        [[[0.02, 0.05], [0.02, 0.04]]],
        {
            "One Dimensional Subscript": ["Entry 2"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    ).values
    value.loc[["Entry 3"], :, :] = xr.DataArray(
        [[[0.05, 0.06], [0.08, 0.09]]],
        {
            "One Dimensional Subscript": ["Entry 3"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    ).values
    return value
