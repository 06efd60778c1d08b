"""
Python model 'test_get_lookups_subset.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtLookup
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Rows": ["Row1", "Row2"],
    "Rowsb": ["Row1", "Row2"],
    "Dim": ["A", "B"],
}

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
    name="lookup subset1",
    subscripts=["Dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function": 1},
)
def lookup_subset1():
    return lookup_function(time()).loc[:, "Row1"].reset_coords(drop=True)


@component.add(
    name="lookup subset2",
    subscripts=["Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function": 1},
)
def lookup_subset2():
    return lookup_function(time()).loc["B", :].reset_coords(drop=True)


@component.add(
    name="lookup subset3",
    subscripts=["Dim", "Rowsb"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function": 1},
)
def lookup_subset3():
    return lookup_function(time()).rename({"Rows": "Rowsb"})


@component.add(
    name="lookup subset4",
    subscripts=["Rowsb"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function": 1},
)
def lookup_subset4():
    return (
        lookup_function(time())
        .loc["A", :]
        .reset_coords(drop=True)
        .rename({"Rows": "Rowsb"})
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
