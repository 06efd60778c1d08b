"""
Python model 'test_arithmetics.py'
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
    name="add substract",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons3": 9, "time2": 9, "time3": 9, "cons2": 9},
)
def add_substract():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons3() - time2() + time3() - cons2()
    value.loc[["sub2"]] = -cons3() - time2() + time3() - cons2()
    value.loc[["sub3"]] = -(cons3() - time2() + time3() - cons2())
    value.loc[["sub4"]] = -(-cons3() - time2() + time3() - cons2())
    value.loc[["sub5"]] = -(cons3() - time2()) + (time3() - cons2())
    value.loc[["sub6"]] = -(cons3() - time2()) - (time3() - cons2())
    value.loc[["sub7"]] = -(cons3() - time2()) + (time3() - cons2())
    value.loc[["sub8"]] = (cons3() - time2()) - (time3() - cons2())
    value.loc[["sub9"]] = (cons3() - time2()) + (time3() - cons2())
    return value


@component.add(
    name="combined",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons3": 12, "time2": 10, "cons2": 12, "time3": 9, "time": 3},
)
def combined():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons3() / time2() + time3() / cons2()
    value.loc[["sub2"]] = -(cons3() / time2() + time3() / cons2())
    value.loc[["sub3"]] = -cons3() / (time2() ** (2 + cons2()) - time3() / cons2())
    value.loc[["sub4"]] = 1 / (-cons3() + 3 / time2() * time3() / (cons2() - time()))
    value.loc[["sub5"]] = -cons3() / time2() * (time3() / cons2())
    value.loc[["sub6"]] = -cons3() / time2() + (cons3() / time2()) / (time3() / cons2())
    value.loc[["sub7"]] = ((cons3() + cons2() - time()) / time2()) / (time3() / cons2())
    value.loc[["sub8"]] = (cons3() + cons2() - time() / time2()) / (time3() / cons2())
    value.loc[["sub9"]] = (cons3() / time2() - cons3()) * (
        time3() / (cons2() - cons3())
    )
    return value


@component.add(name="cons2", comp_type="Constant", comp_subtype="Normal")
def cons2():
    return 2


@component.add(name="cons3", comp_type="Constant", comp_subtype="Normal")
def cons3():
    return 3


@component.add(name="cons4", comp_type="Constant", comp_subtype="Normal")
def cons4():
    return 4


@component.add(
    name="expo",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons2": 10, "cons3": 5, "cons4": 3, "time": 4},
)
def expo():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons2() ** cons3()
    value.loc[["sub2"]] = cons4() ** cons3() ** cons2()
    value.loc[["sub3"]] = cons4() ** cons3() ** cons2()
    value.loc[["sub4"]] = (cons4() ** cons3()) ** cons2()
    value.loc[["sub5"]] = -time() ** cons2()
    value.loc[["sub6"]] = cons2() ** -cons2() ** -cons3()
    value.loc[["sub7"]] = (-time()) ** cons2()
    value.loc[["sub8"]] = time() ** -cons2()
    value.loc[["sub9"]] = time() ** -cons2()
    return value


@component.add(
    name="product",
    subscripts=["subs"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cons3": 9, "time2": 9, "time3": 9, "cons2": 9},
)
def product():
    value = xr.DataArray(np.nan, {"subs": _subscript_dict["subs"]}, ["subs"])
    value.loc[["sub1"]] = cons3() / time2() * time3() / cons2()
    value.loc[["sub2"]] = -cons3() / time2() * time3() / cons2()
    value.loc[["sub3"]] = -cons3() / time2() * time3() / cons2()
    value.loc[["sub4"]] = 1 / (-cons3() / time2() * time3() / cons2())
    value.loc[["sub5"]] = -cons3() / time2() * (time3() / cons2())
    value.loc[["sub6"]] = -cons3() / time2() / (time3() / cons2())
    value.loc[["sub7"]] = -cons3() / time2() * (time3() / cons2())
    value.loc[["sub8"]] = (cons3() / time2()) / (time3() / cons2())
    value.loc[["sub9"]] = (cons3() / time2()) * (time3() / cons2())
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
