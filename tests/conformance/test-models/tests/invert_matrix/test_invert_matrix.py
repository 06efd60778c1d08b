"""
Python model 'test_invert_matrix.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import invert_matrix
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "c": ["E", "F"],
    "d": ["A", "B"],
    "d1": ["A", "B"],
    "dim1": ["h", "m", "l"],
    "dim2": ["h", "m", "l"],
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
    name="matrix 1", subscripts=["d", "d1"], comp_type="Constant", comp_subtype="Normal"
)
def matrix_1():
    return xr.DataArray(
        [[4.0, 7.0], [2.0, 6.0]],
        {"d": _subscript_dict["d"], "d1": _subscript_dict["d1"]},
        ["d", "d1"],
    )


@component.add(
    name="matrix 2",
    subscripts=["c", "d", "d1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_2():
    value = xr.DataArray(
        np.nan,
        {
            "c": _subscript_dict["c"],
            "d": _subscript_dict["d"],
            "d1": _subscript_dict["d1"],
        },
        ["c", "d", "d1"],
    )
    value.loc[["E"], :, :] = xr.DataArray(
        [[[3.0, 3.5], [3.2, 3.6]]],
        {"c": ["E"], "d": _subscript_dict["d"], "d1": _subscript_dict["d1"]},
        ["c", "d", "d1"],
    ).values
    value.loc[["F"], :, :] = xr.DataArray(
        [[[0.6, -0.7], [-0.2, 0.4]]],
        {"c": ["F"], "d": _subscript_dict["d"], "d1": _subscript_dict["d1"]},
        ["c", "d", "d1"],
    ).values
    return value


@component.add(
    name="matrix 2i",
    subscripts=["c", "d", "d1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix_2": 1},
)
def matrix_2i():
    return invert_matrix(matrix_2())


@component.add(
    name="matrix 3",
    subscripts=["d", "dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_3():
    value = xr.DataArray(
        np.nan,
        {
            "d": _subscript_dict["d"],
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
        },
        ["d", "dim1", "dim2"],
    )
    value.loc[["A"], :, :] = xr.DataArray(
        [[[3.0, 0.0, 2.0], [2.0, 0.0, -2.0], [0.0, 1.0, 1.0]]],
        {"d": ["A"], "dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["d", "dim1", "dim2"],
    ).values
    value.loc[["B"], :, :] = xr.DataArray(
        [[[1.0, 0.0, 5.0], [2.0, 1.0, 5.0], [3.0, 4.0, 0.0]]],
        {"d": ["B"], "dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["d", "dim1", "dim2"],
    ).values
    return value


@component.add(
    name="matrix1i",
    subscripts=["d", "d1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix_1": 1},
)
def matrix1i():
    return invert_matrix(matrix_1())


@component.add(
    name="matrix3i",
    subscripts=["d", "dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix_3": 1},
)
def matrix3i():
    return invert_matrix(matrix_3())
