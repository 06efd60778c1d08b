"""
Python model 'test_data_from_other_model.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Integ
from pysd.py_backend.data import TabData
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
    "time_step": lambda: 0.5,
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
    comp_type="Constant",
    comp_subtype="Normal",
)
def conflict_var():
    return xr.DataArray(
        0,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(
    name="out1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var_0dim": 1, "var_1dim": 1},
)
def out1():
    return var_0dim() * 2 + var_1dim()


@component.add(
    name="out2",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var_2dim": 1},
)
def out2():
    return var_2dim() - 1


@component.add(
    name="out3",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var_3dim": 1},
)
def out3():
    return var_3dim()


@component.add(
    name="stock",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock": 1},
    other_deps={"_integ_stock": {"initial": {}, "step": {"out1": 1, "out2": 1}}},
)
def stock():
    return _integ_stock()


_integ_stock = Integ(
    lambda: (out1() + out2()).expand_dims({"dim3": _subscript_dict["dim3"]}, 2),
    lambda: xr.DataArray(
        0,
        {
            "dim1": _subscript_dict["dim1"],
            "dim2": _subscript_dict["dim2"],
            "dim3": _subscript_dict["dim3"],
        },
        ["dim1", "dim2", "dim3"],
    ),
    "_integ_stock",
)


@component.add(
    name="var 0dim",
    comp_type="Data",
    comp_subtype="Normal",
    depends_on={"time": 1, "__data__": "_data_var_0dim"},
)
def var_0dim():
    return _data_var_0dim(time())


_data_var_0dim = TabData("var 0dim", "var_0dim", {}, "interpolate")


@component.add(
    name="var 1dim",
    subscripts=["dim1"],
    comp_type="Data",
    comp_subtype="Normal",
    depends_on={"time": 1, "__data__": "_data_var_1dim"},
)
def var_1dim():
    return _data_var_1dim(time())


_data_var_1dim = TabData(
    "var 1dim", "var_1dim", {"dim1": _subscript_dict["dim1"]}, "hold_backward"
)


@component.add(
    name="var 2dim",
    subscripts=["dim1", "dim2"],
    comp_type="Data",
    comp_subtype="Normal",
    depends_on={"time": 1, "__data__": "_data_var_2dim"},
)
def var_2dim():
    return _data_var_2dim(time())


_data_var_2dim = TabData(
    "var 2dim",
    "var_2dim",
    {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
    "look_forward",
)


@component.add(
    name="var 3dim",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Data",
    comp_subtype="Normal",
    depends_on={"time": 1, "__data__": "_data_var_3dim"},
)
def var_3dim():
    return _data_var_3dim(time())


_data_var_3dim = TabData(
    "var 3dim",
    "var_3dim",
    {
        "dim1": _subscript_dict["dim1"],
        "dim2": _subscript_dict["dim2"],
        "dim3": _subscript_dict["dim3"],
    },
    "raw",
)
