"""
Python model 'test_get_lookups_data_3d_xls.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Integ
from pysd.py_backend.external import ExtLookup, ExtData
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Rows": ["Row1", "Row2"], "Dim": ["A", "B"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 30,
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
    name="FINAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Minute",
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
    units="Minute",
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
    name="lookup call",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function": 1},
)
def lookup_call():
    return lookup_function(time())


@component.add(
    name="rate",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"lookup_call": 1},
)
def rate():
    return lookup_call()


@component.add(
    name="accumulation",
    subscripts=["Dim", "Rows"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_accumulation": 1},
    other_deps={"_integ_accumulation": {"initial": {}, "step": {"rate": 1}}},
)
def accumulation():
    return _integ_accumulation()


_integ_accumulation = Integ(
    lambda: rate(),
    lambda: xr.DataArray(
        0,
        {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
        ["Dim", "Rows"],
    ),
    "_integ_accumulation",
)


@component.add(
    name="accumulation data",
    subscripts=["Dim", "Rows"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_accumulation_data": 1},
    other_deps={
        "_integ_accumulation_data": {"initial": {}, "step": {"data_function_table": 1}}
    },
)
def accumulation_data():
    return _integ_accumulation_data()


_integ_accumulation_data = Integ(
    lambda: data_function_table(),
    lambda: xr.DataArray(
        0,
        {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
        ["Dim", "Rows"],
    ),
    "_integ_accumulation_data",
)


@component.add(
    name="lookup function",
    subscripts=["Dim", "Rows"],
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup_function",
        "__lookup__": "_ext_lookup_lookup_function",
    },
)
def lookup_function(x, final_subs=None):
    return _ext_lookup_lookup_function(x, final_subs)


_ext_lookup_lookup_function = ExtLookup(
    r"input.xls",
    "Sheet1",
    "4",
    "C5",
    {"Dim": ["A"], "Rows": _subscript_dict["Rows"]},
    _root,
    {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
    "_ext_lookup_lookup_function",
)

_ext_lookup_lookup_function.add(
    r"input.xls", "Sheet1", "4", "C7", {"Dim": ["B"], "Rows": _subscript_dict["Rows"]}
)


@component.add(
    name="data function table",
    subscripts=["Dim", "Rows"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_function_table",
        "__data__": "_ext_data_data_function_table",
        "time": 1,
    },
)
def data_function_table():
    return _ext_data_data_function_table(time())


_ext_data_data_function_table = ExtData(
    r"input2.xls",
    "Sheet1",
    "4",
    "C5",
    None,
    {"Dim": ["A"], "Rows": _subscript_dict["Rows"]},
    _root,
    {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
    "_ext_data_data_function_table",
)

_ext_data_data_function_table.add(
    r"input2.xls",
    "Sheet1",
    "4",
    "C7",
    None,
    {"Dim": ["B"], "Rows": _subscript_dict["Rows"]},
)
