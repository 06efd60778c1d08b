"""
Python model 'test_partial_range_definitions.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtLookup, ExtData, ExtConstant
from pysd.py_backend.lookups import HardcodedLookups
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"my range": ["A", "B", "C", "D", "E"]}

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
    name="data",
    subscripts=["my range"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"partial_data": 2},
)
def data():
    value = xr.DataArray(
        np.nan, {"my range": _subscript_dict["my range"]}, ["my range"]
    )
    value.loc[["D"]] = float(partial_data().loc["D"])
    value.loc[["A"]] = float(partial_data().loc["A"])
    return value


@component.add(
    name="partial call",
    subscripts=["my range"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "partial_lookup": 2},
)
def partial_call():
    value = xr.DataArray(
        np.nan, {"my range": _subscript_dict["my range"]}, ["my range"]
    )
    value.loc[["A"]] = float(partial_lookup(time()).loc["A"])
    value.loc[["B"]] = float(partial_lookup(time()).loc["B"])
    return value


@component.add(
    name="partial call2",
    subscripts=["my range"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "partiall_hardcoded_lookup": 2},
)
def partial_call2():
    value = xr.DataArray(
        np.nan, {"my range": _subscript_dict["my range"]}, ["my range"]
    )
    value.loc[["C"]] = float(partiall_hardcoded_lookup(time()).loc["C"])
    value.loc[["D"]] = float(partiall_hardcoded_lookup(time()).loc["D"])
    return value


@component.add(
    name="partial constants",
    subscripts=["my range"],
    comp_type="Constant",
    comp_subtype="External",
    depends_on={"__external__": "_ext_constant_partial_constants"},
)
def partial_constants():
    return _ext_constant_partial_constants()


_ext_constant_partial_constants = ExtConstant(
    r"inputs.xlsx",
    "Sheet1",
    "B2",
    {"my range": ["B"]},
    _root,
    {"my range": _subscript_dict["my range"]},
    "_ext_constant_partial_constants",
)

_ext_constant_partial_constants.add(r"inputs.xlsx", "Sheet1", "D3", {"my range": ["A"]})


@component.add(
    name="partial data",
    subscripts=["my range"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_partial_data",
        "__data__": "_ext_data_partial_data",
        "time": 1,
    },
)
def partial_data():
    return _ext_data_partial_data(time())


_ext_data_partial_data = ExtData(
    r"inputs.xlsx",
    "Sheet1",
    "1",
    "A2",
    "interpolate",
    {"my range": ["D"]},
    _root,
    {"my range": _subscript_dict["my range"]},
    "_ext_data_partial_data",
)

_ext_data_partial_data.add(
    r"inputs.xlsx", "Sheet1", "1", "A3", "interpolate", {"my range": ["A"]}
)


@component.add(
    name="partial lookup",
    subscripts=["my range"],
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_partial_lookup",
        "__lookup__": "_ext_lookup_partial_lookup",
    },
)
def partial_lookup(x, final_subs=None):
    return _ext_lookup_partial_lookup(x, final_subs)


_ext_lookup_partial_lookup = ExtLookup(
    r"inputs.xlsx",
    "Sheet1",
    "1",
    "A2",
    {"my range": ["A"]},
    _root,
    {"my range": _subscript_dict["my range"]},
    "_ext_lookup_partial_lookup",
)

_ext_lookup_partial_lookup.add(r"inputs.xlsx", "Sheet1", "1", "A3", {"my range": ["B"]})


@component.add(
    name="partiall hardcoded lookup",
    subscripts=["my range"],
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_partiall_hardcoded_lookup"},
)
def partiall_hardcoded_lookup(x, final_subs=None):
    return _hardcodedlookup_partiall_hardcoded_lookup(x, final_subs)


_hardcodedlookup_partiall_hardcoded_lookup = HardcodedLookups(
    [0.0, 2.84536, 3.19588, 5.07217, 5.9732, 7.15258, 10.0],
    [0.719697, 2.65152, 5.15152, 6.17424, 3.42424, 4.59091, 4.63258],
    {"my range": ["C"]},
    "interpolate",
    {"my range": _subscript_dict["my range"]},
    "_hardcodedlookup_partiall_hardcoded_lookup",
)

_hardcodedlookup_partiall_hardcoded_lookup.add(
    [0.0, 1.27835, 1.31959, 2.61856, 3.85567, 4.28866, 5.4433, 7.87629, 10.0],
    [5.07576, 2.72727, 6.51515, 3.59848, 5.22727, 2.57576, 6.40152, 3.06818, 5.90909],
    {"my range": ["D"]},
)
