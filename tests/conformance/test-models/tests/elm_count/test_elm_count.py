"""
Python model 'test_elm_count.py'
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
    "dim1": ["A", "b", "c", "d"],
    "dim2": ["c", "b"],
    "dim30": [
        "aa1",
        "aa2",
        "aa3",
        "aa4",
        "aa5",
        "aa6",
        "aa7",
        "aa8",
        "aa9",
        "aa10",
        "aa11",
        "aa12",
        "aa13",
        "aa14",
        "aa15",
        "aa16",
        "aa17",
        "aa18",
        "aa19",
        "aa20",
        "aa21",
        "aa22",
        "aa23",
        "aa24",
        "aa25",
        "aa26",
        "aa27",
        "aa28",
        "aa29",
        "aa30",
    ],
    "dimn": [
        "ab10",
        "ab11",
        "ab12",
        "ab13",
        "ab14",
        "ab15",
        "ab16",
        "ab17",
        "ab18",
        "ab19",
        "ab20",
        "ab21",
        "ab22",
        "ab23",
        "ab24",
        "ab25",
        "ab26",
        "ab27",
        "ab28",
        "ab29",
        "ab30",
        "ab31",
        "ab32",
        "ab33",
        "ab34",
        "ab35",
        "ab36",
        "ab37",
        "ab38",
        "ab39",
        "ab40",
        "ab41",
        "ab42",
        "ab43",
        "ab44",
        "ab45",
        "ab46",
        "ab47",
        "ab48",
        "ab49",
        "ab50",
        "ab60",
        "ab61",
        "ab62",
        "ab63",
        "ab64",
        "ab65",
        "ab66",
        "ab67",
        "ab68",
        "ab69",
        "ab70",
    ],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 5,
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


@component.add(name="count1", comp_type="Constant", comp_subtype="Normal")
def count1():
    return len(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
    )


@component.add(name="count2", comp_type="Constant", comp_subtype="Normal")
def count2():
    return len(
        xr.DataArray(np.array([3, 2]), {"dim2": _subscript_dict["dim2"]}, ["dim2"])
    )


@component.add(name="count3", comp_type="Constant", comp_subtype="Normal")
def count3():
    return len(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim30"]) + 1),
            {"dim30": _subscript_dict["dim30"]},
            ["dim30"],
        )
    )


@component.add(
    name="count4", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def count4():
    value = xr.DataArray(np.nan, {"dim2": _subscript_dict["dim2"]}, ["dim2"])
    value.loc[["c"]] = len(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimn"]) + 1),
            {"dimn": _subscript_dict["dimn"]},
            ["dimn"],
        )
    )
    value.loc[["b"]] = len(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
    )
    return value
