"""
Python model 'test_get_xls_cellrange.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtLookup, ExtData, ExtConstant
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim": ["A", "B", "C", "D", "E", "F"]}

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
    name="data1",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data1",
        "__data__": "_ext_data_data1",
        "time": 1,
    },
)
def data1():
    return _ext_data_data1(time())


_ext_data_data1 = ExtData(
    r"inputs.xlsx", "Global", "Time1", "value1", None, {}, _root, {}, "_ext_data_data1"
)


@component.add(
    name="datav",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_datav",
        "__data__": "_ext_data_datav",
        "time": 1,
    },
)
def datav():
    return _ext_data_datav(time())


_ext_data_datav = ExtData(
    r"inputs.xlsx", "Global", "Timev", "valuev", None, {}, _root, {}, "_ext_data_datav"
)


@component.add(
    name="lookupv",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookupv",
        "__lookup__": "_ext_lookup_lookupv",
    },
)
def lookupv(x, final_subs=None):
    return _ext_lookup_lookupv(x, final_subs)


_ext_lookup_lookupv = ExtLookup(
    r"inputs.xlsx", "Global", "Timev", "valuev", {}, _root, {}, "_ext_lookup_lookupv"
)


@component.add(
    name="finalv",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"valuev": 1, "datav": 1, "time": 1, "lookupv": 1},
)
def finalv():
    return valuev() + 10 * datav() - 100 * lookupv(time())


@component.add(
    name="valuev",
    subscripts=["dim"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_valuev"},
)
def valuev():
    """
    Vertically defined variable
    """
    return _ext_constant_valuev()


_ext_constant_valuev = ExtConstant(
    r"inputs.xlsx",
    "Global",
    "valuev*",
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_constant_valuev",
)


@component.add(
    name="data2",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data2",
        "__data__": "_ext_data_data2",
        "time": 1,
    },
)
def data2():
    return _ext_data_data2(time())


_ext_data_data2 = ExtData(
    r"inputs.xlsx", "Local", "Time2", "value2", None, {}, _root, {}, "_ext_data_data2"
)


@component.add(
    name="final1",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"value1": 1, "data1": 1, "lookup1": 1, "time": 1},
)
def final1():
    return value1() + 10 * data1() - 100 * lookup1(time())


@component.add(
    name="final2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"value2": 1, "data2": 1, "time": 1, "lookup2": 1},
)
def final2():
    return value2() + 10 * data2() - 100 * lookup2(time())


@component.add(
    name="lookup1",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup1",
        "__lookup__": "_ext_lookup_lookup1",
    },
)
def lookup1(x, final_subs=None):
    return _ext_lookup_lookup1(x, final_subs)


_ext_lookup_lookup1 = ExtLookup(
    r"inputs.xlsx", "Global", "Time1", "value1", {}, _root, {}, "_ext_lookup_lookup1"
)


@component.add(
    name="lookup2",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup2",
        "__lookup__": "_ext_lookup_lookup2",
    },
)
def lookup2(x, final_subs=None):
    return _ext_lookup_lookup2(x, final_subs)


_ext_lookup_lookup2 = ExtLookup(
    r"inputs.xlsx", "Local", "Time2", "value2", {}, _root, {}, "_ext_lookup_lookup2"
)


@component.add(
    name="value1",
    subscripts=["dim"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_value1"},
)
def value1():
    """
    Globally defined variablr
    """
    return _ext_constant_value1()


_ext_constant_value1 = ExtConstant(
    r"inputs.xlsx",
    "Global",
    "value1",
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_constant_value1",
)


@component.add(
    name="value2",
    subscripts=["dim"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_value2"},
)
def value2():
    """
    Locally defined variable
    """
    return _ext_constant_value2()


_ext_constant_value2 = ExtConstant(
    r"inputs.xlsx",
    "Local",
    "value2",
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_constant_value2",
)
