"""
Python model 'test_get_lookups_subscripted_args.py'
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
    name="arg d",
    subscripts=["Dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def arg_d():
    value = xr.DataArray(np.nan, {"Dim": _subscript_dict["Dim"]}, ["Dim"])
    value.loc[["A"]] = 2 * time()
    value.loc[["B"]] = 2 + 2 * float(np.cos(time()))
    return value


@component.add(
    name="r01d",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_r": 1, "lookup_1d": 1},
)
def r01d():
    return lookup_1d(float(arg_r().loc["Row1"]))


@component.add(
    name="d3d",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_d": 1, "lookup_3d": 1},
)
def d3d():
    return lookup_3d(arg_d(), {"Dim": ["A", "B"], "Rows": ["Row1", "Row2"]})


@component.add(
    name="r1d",
    subscripts=["Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_r": 1, "lookup_1d": 1},
)
def r1d():
    return lookup_1d(arg_r(), {"Rows": ["Row1", "Row2"]})


@component.add(
    name="d1d",
    subscripts=["Dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_d": 1, "lookup_1d": 1},
)
def d1d():
    return lookup_1d(arg_d(), {"Dim": ["A", "B"]})


@component.add(
    name="d2d",
    subscripts=["Rows", "Dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_d": 1, "lookup_2d": 1},
)
def d2d():
    return lookup_2d(arg_d(), {"Dim": ["A", "B"], "Rows": ["Row1", "Row2"]}).transpose(
        "Rows", "Dim"
    )


@component.add(
    name="rd1d",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_rd": 1, "lookup_1d": 1},
)
def rd1d():
    return lookup_1d(arg_rd(), {"Dim": ["A", "B"], "Rows": ["Row1", "Row2"]})


@component.add(
    name="rd2d",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_rd": 1, "lookup_2d": 1},
)
def rd2d():
    return lookup_2d(arg_rd(), {"Dim": ["A", "B"], "Rows": ["Row1", "Row2"]})


@component.add(
    name="rd3d",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_rd": 1, "lookup_3d": 1},
)
def rd3d():
    return lookup_3d(arg_rd(), {"Dim": ["A", "B"], "Rows": ["Row1", "Row2"]})


@component.add(
    name="r3d",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_r": 1, "lookup_3d": 1},
)
def r3d():
    return lookup_3d(arg_r(), {"Rows": ["Row1", "Row2"], "Dim": ["A", "B"]}).transpose(
        "Dim", "Rows"
    )


@component.add(
    name="r2d",
    subscripts=["Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"arg_r": 1, "lookup_2d": 1},
)
def r2d():
    return lookup_2d(arg_r(), {"Rows": ["Row1", "Row2"]})


@component.add(
    name="arg r",
    subscripts=["Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def arg_r():
    value = xr.DataArray(np.nan, {"Rows": _subscript_dict["Rows"]}, ["Rows"])
    value.loc[["Row1"]] = time()
    value.loc[["Row2"]] = 1 + float(np.sin(time()))
    return value


@component.add(
    name="arg rd",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 8},
)
def arg_rd():
    value = xr.DataArray(
        np.nan,
        {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
        ["Dim", "Rows"],
    )
    value.loc[["A"], ["Row1"]] = 30 - time()
    value.loc[["A"], ["Row2"]] = time() - time() * float(np.sin(time()))
    value.loc[["B"], ["Row1"]] = 3 * time() / 2
    value.loc[["B"], ["Row2"]] = (
        5 + 2 * float(np.sin(time())) + 2 * float(np.cos(time())) + time()
    )
    return value


@component.add(
    name="lookup 1d",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup_1d",
        "__lookup__": "_ext_lookup_lookup_1d",
    },
)
def lookup_1d(x, final_subs=None):
    return _ext_lookup_lookup_1d(x, final_subs)


_ext_lookup_lookup_1d = ExtLookup(
    r"input.xls", "Sheet1", "4", "C5", {}, _root, {}, "_ext_lookup_lookup_1d"
)


@component.add(
    name="lookup 2d",
    subscripts=["Rows"],
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup_2d",
        "__lookup__": "_ext_lookup_lookup_2d",
    },
)
def lookup_2d(x, final_subs=None):
    return _ext_lookup_lookup_2d(x, final_subs)


_ext_lookup_lookup_2d = ExtLookup(
    r"input.xls",
    "Sheet1",
    "4",
    "C5",
    {"Rows": _subscript_dict["Rows"]},
    _root,
    {"Rows": _subscript_dict["Rows"]},
    "_ext_lookup_lookup_2d",
)


@component.add(
    name="lookup 3d",
    subscripts=["Dim", "Rows"],
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup_3d",
        "__lookup__": "_ext_lookup_lookup_3d",
    },
)
def lookup_3d(x, final_subs=None):
    return _ext_lookup_lookup_3d(x, final_subs)


_ext_lookup_lookup_3d = ExtLookup(
    r"input.xls",
    "Sheet1",
    "4",
    "C5",
    {"Dim": ["A"], "Rows": _subscript_dict["Rows"]},
    _root,
    {"Dim": _subscript_dict["Dim"], "Rows": _subscript_dict["Rows"]},
    "_ext_lookup_lookup_3d",
)

_ext_lookup_lookup_3d.add(
    r"input.xls", "Sheet1", "4", "C7", {"Dim": ["B"], "Rows": _subscript_dict["Rows"]}
)


@component.add(
    name="lookup 1d time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_1d": 1},
)
def lookup_1d_time():
    return lookup_1d(time())


@component.add(
    name="lookup 2d time",
    subscripts=["Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_2d": 1},
)
def lookup_2d_time():
    return lookup_2d(time())


@component.add(
    name="lookup 3d time",
    subscripts=["Dim", "Rows"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_3d": 1},
)
def lookup_3d_time():
    return lookup_3d(time())
