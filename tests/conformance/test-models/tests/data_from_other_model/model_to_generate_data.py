"""
Python model 'model_to_generate_data.py'
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


_subscript_dict = {"dim1": ["A", "B", "C"], "dim2": ["D", "E"], "dim3": ["A", "B"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 50,
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
    name="conflict var",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var_2dim": 1},
)
def conflict_var():
    return var_2dim() * 2


@component.add(
    name="input",
    subscripts=["dim1", "dim2"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 4},
)
def input_1():
    value = xr.DataArray(
        np.nan,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )
    value.loc[["A"], ["D"]] = time()
    value.loc[["B"], ["D"]] = time() + 1
    value.loc[["C"], ["D"]] = float(np.sin(time()))
    value.loc[["A"], ["E"]] = float(np.cos(time()))
    value.loc[["B"], ["E"]] = 1
    value.loc[["C"], ["E"]] = 0
    return value


@component.add(
    name="var 0dim",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def var_0dim():
    return time() * 2 + 1


@component.add(
    name="var 1dim",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 4},
)
def var_1dim():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[["A"]] = time() - float(np.sin(time()))
    value.loc[["B"]] = time() * 2
    value.loc[["C"]] = -time()
    return value


@component.add(
    name="var 2dim",
    subscripts=["dim1", "dim2"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_var_2dim": 1},
    other_deps={"_integ_var_2dim": {"initial": {}, "step": {"input_1": 1}}},
)
def var_2dim():
    return _integ_var_2dim()


_integ_var_2dim = Integ(
    lambda: input_1() * 0.5 - 1,
    lambda: xr.DataArray(
        3,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    ),
    "_integ_var_2dim",
)


@component.add(
    name="var 3dim",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_var_3dim": 1, "_integ_var_3dim_1": 1},
    other_deps={
        "_integ_var_3dim": {"initial": {}, "step": {"input_1": 1}},
        "_integ_var_3dim_1": {"initial": {}, "step": {"time": 1}},
    },
)
def var_3dim():
    value = xr.DataArray(
        np.nan,
        {
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
            "dim3": _subscript_dict["dim3"],
        },
        ["dim1", "dim2", "dim3"],
    )
    value.loc[:, :, ["B"]] = _integ_var_3dim().values
    value.loc[:, :, ["A"]] = _integ_var_3dim_1().values
    return value


_integ_var_3dim = Integ(
    lambda: (-input_1()).expand_dims({"dim3": ["B"]}, 2),
    lambda: xr.DataArray(
        2,
        {
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
            "dim3": ["B"],
        },
        ["dim1", "dim2", "dim3"],
    ),
    "_integ_var_3dim",
)

_integ_var_3dim_1 = Integ(
    lambda: xr.DataArray(
        time() - 2,
        {
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
            "dim3": ["A"],
        },
        ["dim1", "dim2", "dim3"],
    ),
    lambda: xr.DataArray(
        1,
        {
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
            "dim3": ["A"],
        },
        ["dim1", "dim2", "dim3"],
    ),
    "_integ_var_3dim_1",
)
