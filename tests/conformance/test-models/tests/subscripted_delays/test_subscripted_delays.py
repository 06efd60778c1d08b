"""
Python model 'test_subscripted_delays.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import Integ, DelayN, Delay
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Apples": ["Macoun", "Red Spy", "Grimes Golden", "Roxbury Russet"],
    "Citrus": ["Lemon", "Lime", "Orange", "Clementine", "Grapefruit"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 20,
    "time_step": lambda: 0.25,
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
    name="Outflow Delay3I",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outflow_delay3i": 1},
    other_deps={
        "_delay_outflow_delay3i": {
            "initial": {"delay": 1},
            "step": {"inflow_delay3i": 1, "delay": 1},
        }
    },
)
def outflow_delay3i():
    return _delay_outflow_delay3i()


_delay_outflow_delay3i = Delay(
    lambda: inflow_delay3i(),
    lambda: delay().expand_dims({"Citrus": _subscript_dict["Citrus"]}, 1),
    lambda: xr.DataArray(
        3,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: 3,
    time_step,
    "_delay_outflow_delay3i",
)


@component.add(
    name="Outflow DelayN",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_outflow_delayn": 1},
    other_deps={
        "_delayn_outflow_delayn": {
            "initial": {"delay": 1},
            "step": {"inflow_delayn": 1, "delay": 1},
        }
    },
)
def outflow_delayn():
    return _delayn_outflow_delayn()


_delayn_outflow_delayn = DelayN(
    lambda: inflow_delayn(),
    lambda: delay().expand_dims({"Citrus": _subscript_dict["Citrus"]}, 1),
    lambda: xr.DataArray(
        10,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: 6,
    time_step,
    "_delayn_outflow_delayn",
)


@component.add(
    name="Stock Delay1",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delay1": 1},
    other_deps={
        "_integ_stock_delay1": {
            "initial": {},
            "step": {"inflow_delay1": 1, "outflow_delay1": 1},
        }
    },
)
def stock_delay1():
    return _integ_stock_delay1()


_integ_stock_delay1 = Integ(
    lambda: inflow_delay1() - outflow_delay1(),
    lambda: xr.DataArray(
        5,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    "_integ_stock_delay1",
)


@component.add(
    name="Stock Delay1I",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delay1i": 1},
    other_deps={
        "_integ_stock_delay1i": {
            "initial": {},
            "step": {"inflow_delay1i": 1, "outflow_delay1i": 1},
        }
    },
)
def stock_delay1i():
    return _integ_stock_delay1i()


_integ_stock_delay1i = Integ(
    lambda: inflow_delay1i() - outflow_delay1i(),
    lambda: xr.DataArray(
        5,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    "_integ_stock_delay1i",
)


@component.add(
    name="Stock Delay3",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delay3": 1},
    other_deps={
        "_integ_stock_delay3": {
            "initial": {},
            "step": {"inflow_delay3": 1, "outflow_delay3": 1},
        }
    },
)
def stock_delay3():
    return _integ_stock_delay3()


_integ_stock_delay3 = Integ(
    lambda: inflow_delay3() - outflow_delay3(),
    lambda: xr.DataArray(
        5,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    "_integ_stock_delay3",
)


@component.add(
    name="Stock Delay3I",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delay3i": 1},
    other_deps={
        "_integ_stock_delay3i": {
            "initial": {},
            "step": {"inflow_delay3i": 1, "outflow_delay3i": 1},
        }
    },
)
def stock_delay3i():
    return _integ_stock_delay3i()


_integ_stock_delay3i = Integ(
    lambda: inflow_delay3i() - outflow_delay3i(),
    lambda: xr.DataArray(
        5,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    "_integ_stock_delay3i",
)


@component.add(
    name="Outflow Delay1",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outflow_delay1": 1},
    other_deps={
        "_delay_outflow_delay1": {
            "initial": {"inflow_delay1": 1, "delay": 1},
            "step": {"inflow_delay1": 1, "delay": 1},
        }
    },
)
def outflow_delay1():
    return _delay_outflow_delay1()


_delay_outflow_delay1 = Delay(
    lambda: inflow_delay1(),
    lambda: delay().expand_dims({"Citrus": _subscript_dict["Citrus"]}, 1),
    lambda: inflow_delay1(),
    lambda: 1,
    time_step,
    "_delay_outflow_delay1",
)


@component.add(
    name="Outflow Delay1I",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outflow_delay1i": 1},
    other_deps={
        "_delay_outflow_delay1i": {
            "initial": {"delay": 1},
            "step": {"inflow_delay1i": 1, "delay": 1},
        }
    },
)
def outflow_delay1i():
    return _delay_outflow_delay1i()


_delay_outflow_delay1i = Delay(
    lambda: inflow_delay1i(),
    lambda: delay().expand_dims({"Citrus": _subscript_dict["Citrus"]}, 1),
    lambda: xr.DataArray(
        2,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    lambda: 1,
    time_step,
    "_delay_outflow_delay1i",
)


@component.add(
    name="Outflow Delay3",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outflow_delay3": 1},
    other_deps={
        "_delay_outflow_delay3": {
            "initial": {"inflow_delay3": 1, "delay": 1},
            "step": {"inflow_delay3": 1, "delay": 1},
        }
    },
)
def outflow_delay3():
    return _delay_outflow_delay3()


_delay_outflow_delay3 = Delay(
    lambda: inflow_delay3(),
    lambda: delay().expand_dims({"Citrus": _subscript_dict["Citrus"]}, 1),
    lambda: inflow_delay3(),
    lambda: 3,
    time_step,
    "_delay_outflow_delay3",
)


@component.add(
    name="Stock DelayN",
    subscripts=["Apples", "Citrus"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_delayn": 1},
    other_deps={
        "_integ_stock_delayn": {
            "initial": {},
            "step": {"inflow_delayn": 1, "outflow_delayn": 1},
        }
    },
)
def stock_delayn():
    return _integ_stock_delayn()


_integ_stock_delayn = Integ(
    lambda: inflow_delayn() - outflow_delayn(),
    lambda: xr.DataArray(
        0,
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    ),
    "_integ_stock_delayn",
)


@component.add(
    name="Inflow Delay1",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delay1():
    return xr.DataArray(
        step(__data["time"], 5, 10),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="Inflow Delay1I",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delay1i():
    return xr.DataArray(
        step(__data["time"], 5, 10),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="Inflow Delay3I",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delay3i():
    return xr.DataArray(
        step(__data["time"], 5, 10),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="Inflow DelayN",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delayn():
    return xr.DataArray(
        step(__data["time"], 10, 5),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="Inflow Delay3",
    subscripts=["Apples", "Citrus"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def inflow_delay3():
    return xr.DataArray(
        step(__data["time"], 5, 10),
        {"Apples": _subscript_dict["Apples"], "Citrus": _subscript_dict["Citrus"]},
        ["Apples", "Citrus"],
    )


@component.add(
    name="delay", subscripts=["Apples"], comp_type="Constant", comp_subtype="Normal"
)
def delay():
    return xr.DataArray(
        [10.0, 3.0, 2.0, 4.0], {"Apples": _subscript_dict["Apples"]}, ["Apples"]
    )
