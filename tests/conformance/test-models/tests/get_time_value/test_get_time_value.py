"""
Python model 'test_get_time_value.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import get_time_value
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim": [
        "A0",
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "A6",
        "A7",
        "A8",
        "A9",
        "A10",
        "A11",
        "A12",
        "A13",
        "A14",
        "A15",
        "A16",
        "A17",
        "A18",
        "A19",
        "A20",
        "A21",
        "A22",
        "A23",
        "A24",
        "A25",
        "A26",
        "A27",
        "A28",
        "A29",
        "A30",
        "A31",
        "A32",
        "A33",
        "A34",
        "A35",
        "A36",
        "A37",
        "A38",
        "A39",
        "A40",
        "A41",
        "A42",
        "A43",
        "A44",
        "A45",
        "A46",
        "A47",
        "A48",
        "A49",
        "A50",
        "A51",
        "A52",
        "A53",
        "A54",
        "A55",
        "A56",
        "A57",
        "A58",
        "A59",
        "A60",
        "A61",
        "A62",
        "A63",
        "A64",
        "A65",
        "A66",
        "A67",
        "A68",
        "A69",
        "A70",
        "A71",
        "A72",
        "A73",
        "A74",
        "A75",
        "A76",
        "A77",
        "A78",
        "A79",
        "A80",
        "A81",
        "A82",
        "A83",
        "A84",
        "A85",
        "A86",
        "A87",
        "A88",
        "A89",
        "A90",
        "A91",
        "A92",
        "A93",
        "A94",
        "A95",
        "A96",
        "A97",
        "A98",
        "A99",
        "A100",
    ]
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 50,
    "final_time": lambda: 100,
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
    name="get time 0 dim 0",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_0():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        0,
    )


@component.add(
    name="get time 1 dim 0",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_0():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        0,
    )


@component.add(
    name="get time 0 dim 1",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_1():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        1,
    )


@component.add(
    name="get time 1 dim 1",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_1():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        1,
    )


@component.add(
    name="get time 0 dim 2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_2():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        2,
    )


@component.add(
    name="get time 1 dim 2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_2():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        2,
    )


@component.add(
    name="get time 0 dim 3",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_3():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        3,
    )


@component.add(
    name="get time 1 dim 3",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_3():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        3,
    )


@component.add(
    name="get time 0 dim 4",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_4():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        4,
    )


@component.add(
    name="get time 1 dim 4",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_4():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        4,
    )


@component.add(
    name="get time 0 dim 5",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_5():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        5,
    )


@component.add(
    name="get time 1 dim 5",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_5():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        5,
    )


@component.add(
    name="get time 0 dim 6",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_6():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        6,
    )


@component.add(
    name="get time 1 dim 6",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_6():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        6,
    )


@component.add(
    name="get time 0 dim 7",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_7():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        7,
    )


@component.add(
    name="get time 1 dim 7",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_7():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        7,
    )


@component.add(
    name="get time 0 dim 8",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_8():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        8,
    )


@component.add(
    name="get time 1 dim 8",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_8():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        8,
    )


@component.add(
    name="get time 0 dim 9",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_9():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        9,
    )


@component.add(
    name="get time 1 dim 9",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_9():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        9,
    )


@component.add(
    name="get time 0 dim 10",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_0_dim_10():
    return get_time_value(
        __data["time"],
        0,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        10,
    )


@component.add(
    name="get time 1 dim 10",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def get_time_1_dim_10():
    return get_time_value(
        __data["time"],
        1,
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        - 20,
        10,
    )
