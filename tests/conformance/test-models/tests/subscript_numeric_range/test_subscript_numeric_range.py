"""
Python model 'test_subscript_numeric_range.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "DimC": ["dc1", "dc2"],
    "DimA": ["da1", "da2", "da3", "da4", "da5"],
    "DimB": ["db1", "db2", "db3"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1,
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
    name="Level_1",
    units="Dmnl",
    subscripts=["DimA", "DimB", "DimC"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_level_1": 1},
    other_deps={
        "_integ_level_1": {
            "initial": {},
            "step": {"input_level_1": 1, "output_level_1": 1},
        }
    },
)
def level_1():
    return _integ_level_1()


_integ_level_1 = Integ(
    lambda: input_level_1() - output_level_1(),
    lambda: xr.DataArray(
        10,
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": _subscript_dict["DimC"],
        },
        ["DimA", "DimB", "DimC"],
    ),
    "_integ_level_1",
)


@component.add(
    name="Matrix_A",
    subscripts=["DimA", "DimB", "DimC"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_a():
    value = xr.DataArray(
        np.nan,
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": _subscript_dict["DimC"],
        },
        ["DimA", "DimB", "DimC"],
    )
    value.loc[:, :, ["dc1"]] = xr.DataArray(
        [
            [[0.1], [0.01], [0.5]],
            [[0.3], [0.2], [0.12]],
            [[0.03], [0.07], [0.9]],
            [[0.8], [0.22], [0.15]],
            [[0.5], [0.05], [0.2]],
        ],
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": ["dc1"],
        },
        ["DimA", "DimB", "DimC"],
    ).values
    value.loc[:, :, ["dc2"]] = xr.DataArray(
        [
            [[0.5], [0.2], [0.8]],
            [[0.03], [0.05], [0.7]],
            [[0.3], [0.07], [0.5]],
            [[0.13], [0.22], [0.15]],
            [[0.5], [0.08], [0.2]],
        ],
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": ["dc2"],
        },
        ["DimA", "DimB", "DimC"],
    ).values
    return value


@component.add(
    name="input_level_1",
    units="Dmnl",
    subscripts=["DimA", "DimB", "DimC"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix_a": 1, "level_1": 1},
)
def input_level_1():
    return matrix_a() * level_1()


@component.add(
    name="Matrix_B",
    subscripts=["DimA", "DimB", "DimC"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_b():
    value = xr.DataArray(
        np.nan,
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": _subscript_dict["DimC"],
        },
        ["DimA", "DimB", "DimC"],
    )
    value.loc[:, :, ["dc1"]] = xr.DataArray(
        [
            [[0.2], [0.2], [0.01]],
            [[0.3], [0.1], [0.12]],
            [[0.4], [0.07], [0.9]],
            [[0.7], [0.2], [0.2]],
            [[0.11], [0.15], [0.17]],
        ],
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": ["dc1"],
        },
        ["DimA", "DimB", "DimC"],
    ).values
    value.loc[:, :, ["dc2"]] = xr.DataArray(
        [
            [[0.03], [0.2], [0.8]],
            [[0.09], [0.5], [0.07]],
            [[0.02], [0.7], [0.35]],
            [[0.02], [0.22], [0.11]],
            [[0.37], [0.1], [0.21]],
        ],
        {
            "DimA": _subscript_dict["DimA"],
            "DimB": _subscript_dict["DimB"],
            "DimC": ["dc2"],
        },
        ["DimA", "DimB", "DimC"],
    ).values
    return value


@component.add(
    name="output_level_1",
    subscripts=["DimA", "DimB", "DimC"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"level_1": 1, "matrix_b": 1},
)
def output_level_1():
    return level_1() * matrix_b()
