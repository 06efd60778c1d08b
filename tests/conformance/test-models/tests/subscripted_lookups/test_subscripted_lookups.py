"""
Python model 'test_subscripted_lookups.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.lookups import HardcodedLookups
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["A", "B"], "dim2": ["C", "D", "E"], "dim3": ["V", "W"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 10,
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
    name="lookup1var3dim",
    subscripts=["dim1", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim3": 1, "lookup1dim": 1},
)
def lookup1var3dim():
    return lookup1dim(vardim3(), {"dim3": ["V", "W"], "dim1": ["A", "B"]}).transpose(
        "dim1", "dim3"
    )


@component.add(
    name="lookup1vardim1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim1": 1, "lookup1dim": 1},
)
def lookup1vardim1():
    return lookup1dim(vardim1(), {"dim1": ["A", "B"]})


@component.add(
    name="lookup2dim",
    subscripts=["dim1", "dim2"],
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_lookup2dim"},
)
def lookup2dim(x, final_subs=None):
    return _hardcodedlookup_lookup2dim(x, final_subs)


_hardcodedlookup_lookup2dim = HardcodedLookups(
    [2, 4, 7],
    [3, 7, 1],
    {"dim1": ["A"], "dim2": ["C"]},
    "interpolate",
    {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
    "_hardcodedlookup_lookup2dim",
)

_hardcodedlookup_lookup2dim.add([1, 4, 5], [3, 7, 1], {"dim1": ["A"], "dim2": ["D"]})

_hardcodedlookup_lookup2dim.add([2, 4], [-3, -7], {"dim1": ["A"], "dim2": ["E"]})

_hardcodedlookup_lookup2dim.add(
    [2.0, 4.0, 7.2, 8.0], [3.2, 7.1, 1.0, 10.0], {"dim1": ["B"], "dim2": ["C"]}
)

_hardcodedlookup_lookup2dim.add([2, 4, 7], [3, 7, 1], {"dim1": ["B"], "dim2": ["D"]})

_hardcodedlookup_lookup2dim.add([0, 1, 2], [-1, -7, -3], {"dim1": ["B"], "dim2": ["E"]})


@component.add(
    name="lookup0dimtime",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup0dim": 1},
)
def lookup0dimtime():
    return lookup0dim(time())


@component.add(
    name="lookup0var3dim",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim3": 1, "lookup0dim": 1},
)
def lookup0var3dim():
    return lookup0dim(vardim3(), {"dim3": ["V", "W"]})


@component.add(
    name="lookup0vardim1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim1": 1, "lookup0dim": 1},
)
def lookup0vardim1():
    return lookup0dim(vardim1(), {"dim1": ["A", "B"]})


@component.add(
    name="lookup1dim",
    subscripts=["dim1"],
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_lookup1dim"},
)
def lookup1dim(x, final_subs=None):
    return _hardcodedlookup_lookup1dim(x, final_subs)


_hardcodedlookup_lookup1dim = HardcodedLookups(
    [2, 4, 7],
    [3, 7, 1],
    {"dim1": ["A"]},
    "interpolate",
    {"dim1": _subscript_dict["dim1"]},
    "_hardcodedlookup_lookup1dim",
)

_hardcodedlookup_lookup1dim.add([3.0, 4.0, 8.0], [4.0, -1.0, 1.5], {"dim1": ["B"]})


@component.add(
    name="lookup1dimtime",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup1dim": 1},
)
def lookup1dimtime():
    return lookup1dim(time())


@component.add(
    name="lookup2var3dim",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim3": 1, "lookup2dim": 1},
)
def lookup2var3dim():
    return lookup2dim(
        vardim3(), {"dim3": ["V", "W"], "dim1": ["A", "B"], "dim2": ["C", "D", "E"]}
    ).transpose("dim1", "dim2", "dim3")


@component.add(
    name="lookup2vardim1",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"vardim1": 1, "lookup2dim": 1},
)
def lookup2vardim1():
    return lookup2dim(vardim1(), {"dim1": ["A", "B"], "dim2": ["C", "D", "E"]})


@component.add(
    name="vardim1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def vardim1():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[["A"]] = time() + 2
    value.loc[["B"]] = time() - 1.5
    return value


@component.add(
    name="lookup2dimtime",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup2dim": 1},
)
def lookup2dimtime():
    return lookup2dim(time())


@component.add(
    name="vardim3",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def vardim3():
    value = xr.DataArray(np.nan, {"dim3": _subscript_dict["dim3"]}, ["dim3"])
    value.loc[["V"]] = time()
    value.loc[["W"]] = 2 * time() - 2
    return value


@component.add(
    name="lookup0dim",
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_lookup0dim"},
)
def lookup0dim(x, final_subs=None):
    return _hardcodedlookup_lookup0dim(x, final_subs)


_hardcodedlookup_lookup0dim = HardcodedLookups(
    [1.0, 3.0, 7.0],
    [2.0, 4.0, 12.3],
    {},
    "interpolate",
    {},
    "_hardcodedlookup_lookup0dim",
)
