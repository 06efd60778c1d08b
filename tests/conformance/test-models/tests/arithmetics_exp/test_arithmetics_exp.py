"""
Python model 'test_arithmetics_exp.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "subs": ["sub1", "sub2", "sub3", "sub4", "sub5", "sub6", "sub7", "sub8", "sub9"]
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1,
    "final_time": lambda: 10,
    "time_step": lambda: 0.1,
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
    name="add substract",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons": 16, "time2": 9, "time3": 9},
)
def add_substract():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons() - time2() + time3() - cons()
    value.loc[["sub2"]] = -cons() - time2() + time3() - cons()
    value.loc[["sub3"]] = -(cons() - time2() + time3() - cons())
    value.loc[["sub4"]] = -(-cons() - time2() + time3() - cons())
    value.loc[["sub5"]] = -(0.01 - time2()) + (time3() - cons())
    value.loc[["sub6"]] = -(cons() - time2()) - (time3() - cons())
    value.loc[["sub7"]] = -(cons() - time2()) + (time3() - cons())
    value.loc[["sub8"]] = (cons() - time2()) - (time3() - cons())
    value.loc[["sub9"]] = (0.01 - time2()) + (time3() - cons())
    return value


@component.add(
    name="combined",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time2": 10, "time3": 9, "cons": 16, "time": 3},
)
def combined():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = 0.01 / time2() + time3() / cons()
    value.loc[["sub2"]] = -(cons() / time2() + time3() / cons())
    value.loc[["sub3"]] = -cons() / (time2() ** (2 + cons()) - time3() / cons())
    value.loc[["sub4"]] = 1 / (-cons() + 3 / time2() * time3() / (cons() - time()))
    value.loc[["sub5"]] = -0.01 / time2() * (time3() / cons())
    value.loc[["sub6"]] = -0.012 / time2() + (cons() / time2()) / (time3() / cons())
    value.loc[["sub7"]] = ((0.012 + cons() - time()) / time2()) / (time3() / cons())
    value.loc[["sub8"]] = (-0.012 + cons() - time() / time2()) / (time3() / cons())
    value.loc[["sub9"]] = (120 / time2() - 120) * (time3() / (cons() - 120))
    return value


@component.add(
    name="expo",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons": 8, "time": 4},
)
def expo():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = 30 ** cons()
    value.loc[["sub2"]] = 30 ** cons() ** cons()
    value.loc[["sub3"]] = cons() ** cons() ** 0.003
    value.loc[["sub4"]] = (cons() ** cons()) ** 30
    value.loc[["sub5"]] = -time() ** 30
    value.loc[["sub6"]] = 30 ** -(30 ** -cons())
    value.loc[["sub7"]] = (-time()) ** 30
    value.loc[["sub8"]] = time() ** -30
    value.loc[["sub9"]] = time() ** -0.03
    return value


@component.add(
    name="product",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons": 9, "time2": 9, "time3": 9},
)
def product():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons() / time2() * time3() / 0.03
    value.loc[["sub2"]] = -cons() / time2() * time3() / 0.03
    value.loc[["sub3"]] = -cons() / time2() * time3() / 0.03
    value.loc[["sub4"]] = 1 / (-cons() / time2() * time3() / 0.03)
    value.loc[["sub5"]] = -cons() / time2() * (time3() / 0.03)
    value.loc[["sub6"]] = -cons() / time2() / (time3() / 0.13)
    value.loc[["sub7"]] = -cons() / time2() * (time3() / 0.13)
    value.loc[["sub8"]] = (cons() / time2()) / (time3() / 0.13)
    value.loc[["sub9"]] = (cons() / time2()) * (time3() / 0.13)
    return value


@component.add(
    name="time1", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def time1():
    return -time()


@component.add(
    name="time2", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def time2():
    return 2 * time()


@component.add(
    name="time3", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def time3():
    return 3 * time()


@component.add(name="cons", comp_type="Constant", comp_subtype="Normal")
def cons():
    return 1.2
