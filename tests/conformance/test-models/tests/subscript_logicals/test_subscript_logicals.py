"""
Python model 'test_subscript_logicals.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import if_then_else
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim1": ["A", "B", "C"],
    "dim2": ["A", "B", "C"],
    "dim3": ["A", "C", "B"],
    "dim4": ["A", "B"],
}

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
    name="comp1",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp1():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dim2"]) + 1),
            {"dim2": _subscript_dict["dim2"]},
            ["dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="comp2",
    subscripts=["dim1", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp2():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        == xr.DataArray(
            np.array([1, 3, 2]), {"dim3": _subscript_dict["dim3"]}, ["dim3"]
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim3": _subscript_dict["dim3"]},
            ["dim1", "dim3"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim3": _subscript_dict["dim3"]},
            ["dim1", "dim3"],
        ),
    )


@component.add(
    name="comp3",
    subscripts=["dim1", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp3():
    return if_then_else(
        xr.DataArray(np.array([1, 3, 2]), {"dim3": _subscript_dict["dim3"]}, ["dim3"])
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim3": _subscript_dict["dim3"], "dim1": _subscript_dict["dim1"]},
            ["dim3", "dim1"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim3": _subscript_dict["dim3"], "dim1": _subscript_dict["dim1"]},
            ["dim3", "dim1"],
        ),
    ).transpose("dim1", "dim3")


@component.add(
    name="comp4",
    subscripts=["dim1", "dim4"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp4():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dim4"]) + 1),
            {"dim4": _subscript_dict["dim4"]},
            ["dim4"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim4": _subscript_dict["dim4"]},
            ["dim1", "dim4"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim4": _subscript_dict["dim4"]},
            ["dim1", "dim4"],
        ),
    )


@component.add(
    name="comp5",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def comp5():
    return if_then_else(
        np.logical_and(
            xr.DataArray(
                np.arange(1, len(_subscript_dict["dim1"]) + 1),
                {"dim1": _subscript_dict["dim1"]},
                ["dim1"],
            )
            == xr.DataArray(
                np.arange(1, len(_subscript_dict["dim2"]) + 1),
                {"dim2": _subscript_dict["dim2"]},
                ["dim2"],
            ),
            time() > 5,
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="comp6",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def comp6():
    return if_then_else(
        np.logical_or(
            time() > 5,
            xr.DataArray(
                np.arange(1, len(_subscript_dict["dim1"]) + 1),
                {"dim1": _subscript_dict["dim1"]},
                ["dim1"],
            )
            == xr.DataArray(
                np.arange(1, len(_subscript_dict["dim2"]) + 1),
                {"dim2": _subscript_dict["dim2"]},
                ["dim2"],
            ),
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="comp7",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp7():
    return if_then_else(
        np.logical_not(
            xr.DataArray(
                np.arange(1, len(_subscript_dict["dim1"]) + 1),
                {"dim1": _subscript_dict["dim1"]},
                ["dim1"],
            )
            == xr.DataArray(
                np.arange(1, len(_subscript_dict["dim2"]) + 1),
                {"dim2": _subscript_dict["dim2"]},
                ["dim2"],
            )
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="comp8",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def comp8():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        != xr.DataArray(
            np.arange(1, len(_subscript_dict["dim2"]) + 1),
            {"dim2": _subscript_dict["dim2"]},
            ["dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )
