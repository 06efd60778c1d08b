"""
Python model 'test_subscripted_round.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import zidz, quantum, modulo, integer
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["A", "B", "C"], "dim2": ["D", "E"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 100,
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
    name="var modulo3",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1},
)
def var_modulo3():
    return modulo(var(), 3)


@component.add(
    name="var quantum4",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1},
)
def var_quantum4():
    return quantum(var(), -3)


@component.add(
    name="var quantum3",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1},
)
def var_quantum3():
    return quantum(var(), 3)


@component.add(
    name="var3",
    subscripts=["dim1"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def var3():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[["A"]] = 3
    value.loc[["B"]] = 4
    value.loc[["C"]] = 1.5 + time() / 10
    return value


@component.add(
    name="var modulo",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1, "var3": 1},
)
def var_modulo():
    return modulo(var(), var3())


@component.add(
    name="var integer3",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1, "var": 1},
)
def var_integer3():
    return integer(
        zidz(var2().expand_dims({"dim2": _subscript_dict["dim2"]}, 1), var())
    )


@component.add(
    name="var",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 6},
)
def var():
    value = xr.DataArray(
        np.nan,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )
    value.loc[["A"], ["D"]] = time()
    value.loc[["B"], ["D"]] = -time()
    value.loc[["C"], ["D"]] = time() / 2 - 10
    value.loc[["A"], ["E"]] = time() / 100 - 1
    value.loc[["B"], ["E"]] = 10 - time() / 5
    value.loc[["C"], ["E"]] = 1 / (time() + 1)
    return value


@component.add(
    name="var integer",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1},
)
def var_integer():
    return integer(var())


@component.add(
    name="var integer2",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1, "var2": 1},
)
def var_integer2():
    return integer(var() / var2())


@component.add(
    name="var quantum2",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1, "var": 1},
)
def var_quantum2():
    return quantum(var2(), var())


@component.add(
    name="var quantum1",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var": 1, "var2": 1},
)
def var_quantum1():
    return quantum(var(), var2())


@component.add(
    name="var2", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def var2():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[["A"]] = 3
    value.loc[["B"]] = 4
    value.loc[["C"]] = -1
    return value
