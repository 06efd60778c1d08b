"""
Python model 'test_get_values_order.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import zidz
from pysd.py_backend.external import ExtConstant
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Dimension": ["t1", "t2", "t3", "t4"], "subdim": ["t3", "t1"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 1,
    "time_step": lambda: 1,
    "saveper": lambda: 1,
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
    name="FINAL_TIME", units="Year", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL_TIME", units="Year", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Year",
    limits=(0.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def saveper():
    """
    The frequency with which output is stored.
    """
    return __data["time"].saveper()


@component.add(
    name="TIME_STEP",
    units="Year",
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
    name="var3",
    subscripts=["Dimension"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1, "var2": 1},
)
def var3():
    """
    ZIDZ will only work if the coordinates are in the same order.
    """
    return zidz(var1(), var2())


@component.add(
    name="var5",
    subscripts=["Dimension"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1, "var4": 1},
)
def var5():
    """
    ZIDZ will only work if the coordinates are in the same order.
    """
    return zidz(var1(), var4())


@component.add(
    name="var1",
    subscripts=["Dimension"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var1"},
)
def var1():
    """
    Read at once, the order of coordinates will be the same as the definition.
    """
    return _ext_constant_var1()


_ext_constant_var1 = ExtConstant(
    r"inputs.xlsx",
    "Sheet1",
    "var1all*",
    {"Dimension": _subscript_dict["Dimension"]},
    _root,
    {"Dimension": _subscript_dict["Dimension"]},
    "_ext_constant_var1",
)


@component.add(
    name="var2",
    subscripts=["Dimension"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var2"},
)
def var2():
    """
    Read by subscripts, the coordinates order may no be the correct one if not implemented.
    """
    return _ext_constant_var2()


_ext_constant_var2 = ExtConstant(
    r"inputs.xlsx",
    "Sheet1",
    "var2t2",
    {"Dimension": ["t2"]},
    _root,
    {"Dimension": _subscript_dict["Dimension"]},
    "_ext_constant_var2",
)

_ext_constant_var2.add(r"inputs.xlsx", "Sheet1", "var2t3", {"Dimension": ["t3"]})

_ext_constant_var2.add(r"inputs.xlsx", "Sheet1", "var2t1", {"Dimension": ["t1"]})

_ext_constant_var2.add(r"inputs.xlsx", "Sheet1", "var2t4", {"Dimension": ["t4"]})


@component.add(
    name="var4",
    subscripts=["Dimension"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_var4"},
)
def var4():
    """
    Read by subscripts, the coordinates order may no be the correct one if not implemented.
    """
    return _ext_constant_var4()


_ext_constant_var4 = ExtConstant(
    r"inputs.xlsx",
    "Sheet1",
    "var2t2",
    {"Dimension": ["t2"]},
    _root,
    {"Dimension": _subscript_dict["Dimension"]},
    "_ext_constant_var4",
)

_ext_constant_var4.add(
    r"inputs.xlsx", "Sheet1", "var4subdim*", {"Dimension": _subscript_dict["subdim"]}
)

_ext_constant_var4.add(r"inputs.xlsx", "Sheet1", "var2t4", {"Dimension": ["t4"]})
