"""
Python model 'test_subscripted_logicals.py'
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


_subscript_dict = {"dim1": ["A", "B", "C", "D"], "dim2": ["E", "F", "G", "H"]}

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
    name="array 1d", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def array_1d():
    return xr.DataArray(
        [1.0, 0.0, 2.0, 10.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="array 1d and array 1d",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 2, "time": 2},
)
def array_1d_and_array_1d():
    return if_then_else(
        np.logical_and(array_1d() * time() > 5, array_1d() * time() < 10),
        lambda: xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    )


@component.add(
    name="array 1d or array 1d",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 2, "time": 2},
)
def array_1d_or_array_1d():
    return if_then_else(
        np.logical_or(array_1d() * time() > 5, array_1d() * time() < 10),
        lambda: xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    )


@component.add(
    name="array 1db", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def array_1db():
    return xr.DataArray(
        [0.0, 10.0, 20.0, 1.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="array 2d",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def array_2d():
    return xr.DataArray(
        [
            [2.0, 6.0, 1.0, 0.0],
            [0.0, 0.0, 10.0, 5.0],
            [4.0, 2.0, 1.0, 7.0],
            [2.0, 8.0, 2.0, 6.0],
        ],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="array 2d and array 1db",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_2d": 1, "time": 2, "array_1db": 1},
)
def array_2d_and_array_1db():
    return if_then_else(
        np.logical_and(array_2d() * time() > 5, (array_1db() * time() > 5)),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="array 2d or array 1db",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_2d": 1, "time": 2, "array_1db": 1},
)
def array_2d_or_array_1db():
    return if_then_else(
        np.logical_or(array_2d() * time() > 5, (array_1db() * time() > 5)),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="array1d and array1db",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 1, "time": 2, "array_1db": 1},
)
def array1d_and_array1db():
    return if_then_else(
        np.logical_and((array_1d() * time() > 5), (array_1db() * time() > 5)),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="array1d and array2d",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 1, "time": 2, "array_2d": 1},
)
def array1d_and_array2d():
    return if_then_else(
        np.logical_and((array_1d() * time() > 5), array_2d() * time() > 5),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="array1d or array1db",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 1, "time": 2, "array_1db": 1},
)
def array1d_or_array1db():
    return if_then_else(
        np.logical_or((array_1d() * time() > 5), (array_1db() * time() > 5)),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="array1d or array2d",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 1, "time": 2, "array_2d": 1},
)
def array1d_or_array2d():
    return if_then_else(
        np.logical_or((array_1d() * time() > 5), array_2d() * time() > 5),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="not and or",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 3, "array_1d": 1, "array_1db": 1, "array_2d": 1},
)
def not_and_or():
    return if_then_else(
        np.logical_and(
            np.logical_or(np.logical_not(time() > 5), array_1d() * time() > 5),
            np.logical_and(np.logical_not(array_2d() * time() > 5), (array_1db() > 5)),
        ),
        lambda: xr.DataArray(
            0,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
            ["dim1", "dim2"],
        ),
    )


@component.add(
    name="not array",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"array_1d": 1, "time": 1},
)
def not_array():
    return if_then_else(
        np.logical_not(array_1d() * time() > 5),
        lambda: xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    )


@component.add(
    name="not scalar",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def not_scalar():
    return if_then_else(np.logical_not(time() > 5), lambda: 0, lambda: 1)


@component.add(
    name="scalar and array",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "array_1d": 1},
)
def scalar_and_array():
    return if_then_else(
        np.logical_and(time() > 5, array_1d() * time() > 5),
        lambda: xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    )


@component.add(
    name="scalar and scalar",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def scalar_and_scalar():
    return if_then_else(np.logical_and(time() > 5, time() < 8), lambda: 0, lambda: 1)


@component.add(
    name="scalar or array",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "array_1d": 1},
)
def scalar_or_array():
    return if_then_else(
        np.logical_or(time() > 5, array_1d() * time() > 5),
        lambda: xr.DataArray(0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    )


@component.add(
    name="scalar or scalar",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def scalar_or_scalar():
    return if_then_else(np.logical_or(time() < 5, time() > 8), lambda: 0, lambda: 1)
