"""
Python model 'test_get_with_missing_values_xlsx.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtLookup, ExtData
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim": ["A", "B"]}

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
    name="lookup4",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup4",
        "__lookup__": "_ext_lookup_lookup4",
    },
)
def lookup4(x, final_subs=None):
    return _ext_lookup_lookup4(x, final_subs)


_ext_lookup_lookup4 = ExtLookup(
    r"input.xlsx", "Hoja1", "10", "A9", {}, _root, {}, "_ext_lookup_lookup4"
)


@component.add(
    name="lookup3",
    comp_type="Lookup",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_lookup_lookup3",
        "__lookup__": "_ext_lookup_lookup3",
    },
)
def lookup3(x, final_subs=None):
    return _ext_lookup_lookup3(x, final_subs)


_ext_lookup_lookup3 = ExtLookup(
    r"input.xlsx", "Hoja1", "8", "A9", {}, _root, {}, "_ext_lookup_lookup3"
)


@component.add(
    name="out lookup4",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup4": 1},
)
def out_lookup4():
    return lookup4(time())


@component.add(
    name="out lookup3",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup3": 1},
)
def out_lookup3():
    return lookup3(time())


@component.add(
    name="data interp4",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_interp4",
        "__data__": "_ext_data_data_interp4",
        "time": 1,
    },
)
def data_interp4():
    return _ext_data_data_interp4(time())


_ext_data_data_interp4 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "10",
    "A9",
    "interpolate",
    {},
    _root,
    {},
    "_ext_data_data_interp4",
)


@component.add(
    name="data interp3",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_interp3",
        "__data__": "_ext_data_data_interp3",
        "time": 1,
    },
)
def data_interp3():
    return _ext_data_data_interp3(time())


_ext_data_data_interp3 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "8",
    "A9",
    "interpolate",
    {},
    _root,
    {},
    "_ext_data_data_interp3",
)


@component.add(
    name="out data interp4",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_interp4": 1},
)
def out_data_interp4():
    return data_interp4()


@component.add(
    name="out data interp3",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_interp3": 1},
)
def out_data_interp3():
    return data_interp3()


@component.add(
    name="data interp2",
    subscripts=["dim"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_interp2",
        "__data__": "_ext_data_data_interp2",
        "time": 1,
    },
)
def data_interp2():
    return _ext_data_data_interp2(time())


_ext_data_data_interp2 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "1",
    "C5",
    None,
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_data_data_interp2",
)


@component.add(
    name="out data interp2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_interp2": 1},
)
def out_data_interp2():
    return data_interp2()


@component.add(
    name="data interp1",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_interp1",
        "__data__": "_ext_data_data_interp1",
        "time": 1,
    },
)
def data_interp1():
    return _ext_data_data_interp1(time())


_ext_data_data_interp1 = ExtData(
    r"input.xlsx", "Hoja1", "1", "C5", None, {}, _root, {}, "_ext_data_data_interp1"
)


@component.add(
    name="out data interp1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_interp1": 1},
)
def out_data_interp1():
    return data_interp1()


@component.add(
    name="data lf4",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_lf4",
        "__data__": "_ext_data_data_lf4",
        "time": 1,
    },
)
def data_lf4():
    return _ext_data_data_lf4(time())


_ext_data_data_lf4 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "10",
    "A9",
    "look_forward",
    {},
    _root,
    {},
    "_ext_data_data_lf4",
)


@component.add(
    name="data lf3",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_lf3",
        "__data__": "_ext_data_data_lf3",
        "time": 1,
    },
)
def data_lf3():
    return _ext_data_data_lf3(time())


_ext_data_data_lf3 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "8",
    "A9",
    "look_forward",
    {},
    _root,
    {},
    "_ext_data_data_lf3",
)


@component.add(
    name="out data lf4",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_lf4": 1},
)
def out_data_lf4():
    return data_lf4()


@component.add(
    name="out data lf3",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_lf3": 1},
)
def out_data_lf3():
    return data_lf3()


@component.add(
    name="data lf2",
    subscripts=["dim"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_lf2",
        "__data__": "_ext_data_data_lf2",
        "time": 1,
    },
)
def data_lf2():
    return _ext_data_data_lf2(time())


_ext_data_data_lf2 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "1",
    "C5",
    "look_forward",
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_data_data_lf2",
)


@component.add(
    name="out data lf2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_lf2": 1},
)
def out_data_lf2():
    return data_lf2()


@component.add(
    name="data lf1",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_lf1",
        "__data__": "_ext_data_data_lf1",
        "time": 1,
    },
)
def data_lf1():
    return _ext_data_data_lf1(time())


_ext_data_data_lf1 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "1",
    "C5",
    "look_forward",
    {},
    _root,
    {},
    "_ext_data_data_lf1",
)


@component.add(
    name="out data lf1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_lf1": 1},
)
def out_data_lf1():
    return data_lf1()


@component.add(
    name="data hb4",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_hb4",
        "__data__": "_ext_data_data_hb4",
        "time": 1,
    },
)
def data_hb4():
    return _ext_data_data_hb4(time())


_ext_data_data_hb4 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "10",
    "A9",
    "hold_backward",
    {},
    _root,
    {},
    "_ext_data_data_hb4",
)


@component.add(
    name="data hb3",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_hb3",
        "__data__": "_ext_data_data_hb3",
        "time": 1,
    },
)
def data_hb3():
    return _ext_data_data_hb3(time())


_ext_data_data_hb3 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "8",
    "A9",
    "hold_backward",
    {},
    _root,
    {},
    "_ext_data_data_hb3",
)


@component.add(
    name="out data hb4",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_hb4": 1},
)
def out_data_hb4():
    return data_hb4()


@component.add(
    name="out data hb3",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_hb3": 1},
)
def out_data_hb3():
    return data_hb3()


@component.add(
    name="data hb2",
    subscripts=["dim"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_hb2",
        "__data__": "_ext_data_data_hb2",
        "time": 1,
    },
)
def data_hb2():
    return _ext_data_data_hb2(time())


_ext_data_data_hb2 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "1",
    "C5",
    "hold_backward",
    {"dim": _subscript_dict["dim"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_data_data_hb2",
)


@component.add(
    name="out data hb2",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_hb2": 1},
)
def out_data_hb2():
    return data_hb2()


@component.add(
    name="data hb1",
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_data_hb1",
        "__data__": "_ext_data_data_hb1",
        "time": 1,
    },
)
def data_hb1():
    return _ext_data_data_hb1(time())


_ext_data_data_hb1 = ExtData(
    r"input.xlsx",
    "Hoja1",
    "1",
    "C5",
    "hold_backward",
    {},
    _root,
    {},
    "_ext_data_data_hb1",
)


@component.add(
    name="out data hb1",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_hb1": 1},
)
def out_data_hb1():
    return data_hb1()
