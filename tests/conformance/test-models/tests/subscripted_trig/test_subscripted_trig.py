"""
Python model 'test_subscripted_trig.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"sub1": ["A", "B", "C"], "sub2": ["D", "E"]}

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
    name="INITIAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1},
)
def saveper():
    """
    The save time step for the simulation.
    """
    return __data["time"].saveper()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="sabs1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sabs1():
    return np.abs(var1())


@component.add(
    name="sabs2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sabs2():
    return np.abs(var2())


@component.add(
    name="sabs3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sabs3():
    return np.abs(var3())


@component.add(
    name="sarccos1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sarccos1():
    return np.arccos(var1())


@component.add(
    name="sarccos2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sarccos2():
    return np.arccos(var2())


@component.add(
    name="sarccos3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sarccos3():
    return np.arccos(var3())


@component.add(
    name="sarcsin1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sarcsin1():
    return np.arcsin(var1())


@component.add(
    name="sarcsin2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sarcsin2():
    return np.arcsin(var2())


@component.add(
    name="sarcsin3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sarcsin3():
    return np.arcsin(var3())


@component.add(
    name="sarctan1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sarctan1():
    return np.arctan(var1())


@component.add(
    name="sarctan2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sarctan2():
    return np.arctan(var2())


@component.add(
    name="sarctan3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sarctan3():
    return np.arctan(var3())


@component.add(
    name="scos1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def scos1():
    return np.cos(var1())


@component.add(
    name="scos2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def scos2():
    return np.cos(var2())


@component.add(
    name="scos3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def scos3():
    return np.cos(var3())


@component.add(
    name="scosh1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def scosh1():
    return np.cosh(var1())


@component.add(
    name="scosh2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def scosh2():
    return np.cosh(var2())


@component.add(
    name="scosh3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def scosh3():
    return np.cosh(var3())


@component.add(
    name="sexp1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sexp1():
    return np.exp(var1())


@component.add(
    name="sexp2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sexp2():
    return np.exp(var2())


@component.add(
    name="sexp3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sexp3():
    return np.exp(var3())


@component.add(
    name="sln1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def sln1():
    return np.log(np.abs(var1()))


@component.add(
    name="sln2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def sln2():
    return np.log(np.abs(var2()))


@component.add(
    name="sln3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def sln3():
    return np.log(np.abs(var3()))


@component.add(
    name="ssin1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def ssin1():
    return np.sin(var1())


@component.add(
    name="ssin2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def ssin2():
    return np.sin(var2())


@component.add(
    name="ssin3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def ssin3():
    return np.sin(var3())


@component.add(
    name="ssinh1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def ssinh1():
    return np.sinh(var1())


@component.add(
    name="ssinh2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def ssinh2():
    return np.sinh(var2())


@component.add(
    name="ssinh3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def ssinh3():
    return np.sinh(var3())


@component.add(
    name="stan1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def stan1():
    return np.tan(var1())


@component.add(
    name="stan2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def stan2():
    return np.tan(var2())


@component.add(
    name="stan3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def stan3():
    return np.tan(var3())


@component.add(
    name="stanh1",
    subscripts=["sub1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1},
)
def stanh1():
    return np.tanh(var1())


@component.add(
    name="stanh2",
    subscripts=["sub1", "sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var2": 1},
)
def stanh2():
    return np.tanh(var2())


@component.add(
    name="stanh3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1},
)
def stanh3():
    return np.tanh(var3())


@component.add(
    name="var3",
    subscripts=["sub2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def var3():
    value = xr.DataArray(np.nan, {"sub2": _subscript_dict["sub2"]}, ["sub2"])
    value.loc[["D"]] = (time() + 1) / 15
    value.loc[["E"]] = -0.2 - time() / 20
    return value


@component.add(
    name="var1", subscripts=["sub1"], comp_type="Constant", comp_subtype="Normal"
)
def var1():
    return xr.DataArray([0.1, 0.3, 0.8], {"sub1": _subscript_dict["sub1"]}, ["sub1"])


@component.add(
    name="var2",
    subscripts=["sub1", "sub2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def var2():
    return xr.DataArray(
        [[0.1, 0.2], [0.4, 0.5], [0.6, 0.7]],
        {"sub1": _subscript_dict["sub1"], "sub2": _subscript_dict["sub2"]},
        ["sub1", "sub2"],
    )
