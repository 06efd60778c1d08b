"""
Python model 'test_get_mixed_definitions.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.external import ExtData, ExtConstant
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "DimAB": ["A", "B"],
    "dim": ["d1", "d2", "d3", "d4"],
    "Type": ["ext data", "ext const", "const"],
    "adim": ["a1", "a2"],
}

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
    name="Variable",
    subscripts=["Type", "DimAB"],
    comp_type="Data, Constant",
    comp_subtype="Normal, External",
    depends_on={
        "__external__": "_ext_data_variable",
        "__data__": "_ext_data_variable",
        "time": 1,
    },
)
def variable():
    value = xr.DataArray(
        np.nan,
        {"Type": _subscript_dict["Type"], "DimAB": _subscript_dict["DimAB"]},
        ["Type", "DimAB"],
    )
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["ext data"], :] = True
    value.values[def_subs.values] = _ext_data_variable(time()).values[def_subs.values]
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["ext const"], :] = True
    value.values[def_subs.values] = _ext_constant_variable().values[def_subs.values]
    value.loc[["const"], :] = xr.DataArray(
        [[2.0, 4.0]],
        {"Type": ["const"], "DimAB": _subscript_dict["DimAB"]},
        ["Type", "DimAB"],
    ).values
    return value


_ext_data_variable = ExtData(
    r"input.xlsx",
    "Sheet1",
    "4",
    "C5",
    "interpolate",
    {"Type": ["ext data"], "DimAB": _subscript_dict["DimAB"]},
    _root,
    {"Type": _subscript_dict["Type"], "DimAB": _subscript_dict["DimAB"]},
    "_ext_data_variable",
)

_ext_constant_variable = ExtConstant(
    r"input.xlsx",
    "Sheet1",
    "C8*",
    {"Type": ["ext const"], "DimAB": _subscript_dict["DimAB"]},
    _root,
    {"Type": _subscript_dict["Type"], "DimAB": _subscript_dict["DimAB"]},
    "_ext_constant_variable",
)


@component.add(
    name="Variable 10",
    subscripts=["Type", "DimAB"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"variable": 1},
)
def variable_10():
    return variable() * 10


@component.add(
    name="outdata 1",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_var_1": 1},
)
def outdata_1():
    return data_var_1()


@component.add(
    name="outdata 2",
    subscripts=["dim", "adim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_var_2": 1},
)
def outdata_2():
    return data_var_2()


@component.add(
    name="outdata3",
    subscripts=["dim", "adim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"data_var_3": 1},
)
def outdata3():
    return data_var_3()


@component.add(
    name="const var 1",
    subscripts=["dim"],
    comp_type="Constant",
    comp_subtype="Normal, External",
    depends_on={"__external__": "_ext_constant_const_var_1"},
)
def const_var_1():
    value = xr.DataArray(np.nan, {"dim": _subscript_dict["dim"]}, ["dim"])
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"]] = True
    def_subs.loc[["d3"]] = True
    value.values[def_subs.values] = _ext_constant_const_var_1().values[def_subs.values]
    value.loc[["d2"]] = 5
    value.loc[["d4"]] = 3
    return value


_ext_constant_const_var_1 = ExtConstant(
    r"input.xlsx",
    "Sheet2",
    "var_d1*",
    {"dim": ["d1"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_constant_const_var_1",
)

_ext_constant_const_var_1.add(r"input.xlsx", "Sheet2", "var_d3", {"dim": ["d3"]})


@component.add(
    name="const var 2",
    subscripts=["dim", "adim"],
    comp_type="Constant",
    comp_subtype="Normal, External",
    depends_on={"__external__": "_ext_constant_const_var_2"},
)
def const_var_2():
    value = xr.DataArray(
        np.nan,
        {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
        ["dim", "adim"],
    )
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"], ["a1"]] = True
    def_subs.loc[:, ["a2"]] = True
    value.values[def_subs.values] = _ext_constant_const_var_2().values[def_subs.values]
    value.loc[["d2"], ["a1"]] = 2
    value.loc[["d3"], ["a1"]] = 3
    value.loc[["d4"], ["a1"]] = 4
    return value


_ext_constant_const_var_2 = ExtConstant(
    r"input.xlsx",
    "Sheet2",
    "var_d1",
    {"dim": ["d1"], "adim": ["a1"]},
    _root,
    {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
    "_ext_constant_const_var_2",
)

_ext_constant_const_var_2.add(
    r"input.xlsx", "Sheet2", "var_dim*", {"dim": _subscript_dict["dim"], "adim": ["a2"]}
)


@component.add(
    name="const var 3",
    subscripts=["dim", "adim"],
    comp_type="Constant",
    comp_subtype="Normal, External",
    depends_on={"__external__": "_ext_constant_const_var_3"},
)
def const_var_3():
    value = xr.DataArray(
        np.nan,
        {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
        ["dim", "adim"],
    )
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"], ["a1"]] = True
    def_subs.loc[["d3"], ["a2"]] = True
    value.values[def_subs.values] = _ext_constant_const_var_3().values[def_subs.values]
    value.loc[["d2"], ["a1"]] = 2
    value.loc[["d3"], ["a1"]] = 3
    value.loc[["d4"], ["a1"]] = 4
    value.loc[["d1"], ["a2"]] = 5
    value.loc[["d2"], ["a2"]] = 6
    value.loc[["d4"], ["a2"]] = 8
    return value


_ext_constant_const_var_3 = ExtConstant(
    r"input.xlsx",
    "Sheet2",
    "var_d1",
    {"dim": ["d1"], "adim": ["a1"]},
    _root,
    {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
    "_ext_constant_const_var_3",
)

_ext_constant_const_var_3.add(
    r"input.xlsx", "Sheet2", "var_d3", {"dim": ["d3"], "adim": ["a2"]}
)


@component.add(
    name="data var 1",
    subscripts=["dim"],
    comp_type="Data, Constant",
    comp_subtype="Normal, External",
    depends_on={
        "__external__": "_ext_data_data_var_1",
        "__data__": "_ext_data_data_var_1",
        "time": 1,
    },
)
def data_var_1():
    value = xr.DataArray(np.nan, {"dim": _subscript_dict["dim"]}, ["dim"])
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"]] = True
    def_subs.loc[["d3"]] = True
    value.values[def_subs.values] = _ext_data_data_var_1(time()).values[def_subs.values]
    value.loc[["d2"]] = 5
    value.loc[["d4"]] = 3
    return value


_ext_data_data_var_1 = ExtData(
    r"input.xlsx",
    "Sheet2",
    "time",
    "data_d1",
    None,
    {"dim": ["d1"]},
    _root,
    {"dim": _subscript_dict["dim"]},
    "_ext_data_data_var_1",
)

_ext_data_data_var_1.add(
    r"input.xlsx", "Sheet2", "time", "data_d3", None, {"dim": ["d3"]}
)


@component.add(
    name="data var 2",
    subscripts=["dim", "adim"],
    comp_type="Data, Constant",
    comp_subtype="Normal, External",
    depends_on={
        "__external__": "_ext_data_data_var_2",
        "__data__": "_ext_data_data_var_2",
        "time": 1,
    },
)
def data_var_2():
    value = xr.DataArray(
        np.nan,
        {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
        ["dim", "adim"],
    )
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"], ["a1"]] = True
    def_subs.loc[:, ["a2"]] = True
    value.values[def_subs.values] = _ext_data_data_var_2(time()).values[def_subs.values]
    value.loc[["d2"], ["a1"]] = 2
    value.loc[["d3"], ["a1"]] = 3
    value.loc[["d4"], ["a1"]] = 4
    return value


_ext_data_data_var_2 = ExtData(
    r"input.xlsx",
    "Sheet2",
    "time",
    "data_d1",
    None,
    {"dim": ["d1"], "adim": ["a1"]},
    _root,
    {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
    "_ext_data_data_var_2",
)

_ext_data_data_var_2.add(
    r"input.xlsx",
    "Sheet2",
    "time",
    "data_dim",
    None,
    {"dim": _subscript_dict["dim"], "adim": ["a2"]},
)


@component.add(
    name="data var 3",
    subscripts=["dim", "adim"],
    comp_type="Data, Constant",
    comp_subtype="Normal, External",
    depends_on={
        "__external__": "_ext_data_data_var_3",
        "__data__": "_ext_data_data_var_3",
        "time": 1,
    },
)
def data_var_3():
    value = xr.DataArray(
        np.nan,
        {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
        ["dim", "adim"],
    )
    def_subs = xr.zeros_like(value, dtype=bool)
    def_subs.loc[["d1"], ["a1"]] = True
    def_subs.loc[["d3"], ["a2"]] = True
    value.values[def_subs.values] = _ext_data_data_var_3(time()).values[def_subs.values]
    value.loc[["d2"], ["a1"]] = 2
    value.loc[["d3"], ["a1"]] = 3
    value.loc[["d4"], ["a1"]] = 4
    value.loc[["d1"], ["a2"]] = 5
    value.loc[["d2"], ["a2"]] = 6
    value.loc[["d4"], ["a2"]] = 8
    return value


_ext_data_data_var_3 = ExtData(
    r"input.xlsx",
    "Sheet2",
    "time",
    "data_d1",
    None,
    {"dim": ["d1"], "adim": ["a1"]},
    _root,
    {"dim": _subscript_dict["dim"], "adim": _subscript_dict["adim"]},
    "_ext_data_data_var_3",
)

_ext_data_data_var_3.add(
    r"input.xlsx", "Sheet2", "time", "data_d3", None, {"dim": ["d3"], "adim": ["a2"]}
)
