"""
Python model 'test_subscript_copy.py'
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
    "DimA": ["da1", "da2", "da3", "da4", "da5"],
    "DimB": ["da1", "da2", "da3", "da4", "da5"],
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
    name="Matrix A B",
    subscripts=["DimA", "DimB"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_a_b():
    return xr.DataArray(
        [
            [1.0, 2.0, 3.0, 4.0, 5.0],
            [6.0, 7.0, 8.0, 9.0, 10.0],
            [10.0, 20.0, 30.0, 40.0, 50.0],
            [6.0, 7.0, 8.0, 9.0, 10.0],
            [1.0, 2.0, 3.0, 4.0, 5.0],
        ],
        {"DimA": _subscript_dict["DimA"], "DimB": _subscript_dict["DimB"]},
        ["DimA", "DimB"],
    )


@component.add(
    name="Level 1",
    units="Dmnl",
    subscripts=["DimB"],
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
    lambda: input_level_1() - output_level_1().rename({"DimA": "DimB"}),
    lambda: xr.DataArray(122, {"DimB": _subscript_dict["DimB"]}, ["DimB"]),
    "_integ_level_1",
)


@component.add(
    name="Vector C",
    subscripts=["DimA"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"level_1": 1},
)
def vector_c():
    return level_1().rename({"DimB": "DimA"})


@component.add(
    name="output level 1",
    subscripts=["DimA"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vector_b": 1, "input_level_1": 1},
)
def output_level_1():
    return vector_b().rename({"DimB": "DimA"}) * input_level_1().rename(
        {"DimB": "DimA"}
    )


@component.add(
    name="input level 1",
    units="Dmnl",
    subscripts=["DimB"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vector_a": 1, "level_1": 1},
)
def input_level_1():
    return vector_a() * level_1()


@component.add(
    name="Vector A", subscripts=["DimB"], comp_type="Constant", comp_subtype="Normal"
)
def vector_a():
    return xr.DataArray(
        [0.01, 0.2, 0.5, 0.03, 0.7], {"DimB": _subscript_dict["DimB"]}, ["DimB"]
    )


@component.add(
    name="Vector B", subscripts=["DimB"], comp_type="Constant", comp_subtype="Normal"
)
def vector_b():
    return xr.DataArray(
        [0.07, 0.1, 0.16, 0.01, 0.7], {"DimB": _subscript_dict["DimB"]}, ["DimB"]
    )
