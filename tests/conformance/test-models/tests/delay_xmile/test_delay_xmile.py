"""
Python model 'test_delay_xmile.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.statefuls import DelayFixed, NonNegativeInteg
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1,
    "final_time": lambda: 13,
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
    name="INITIAL TIME", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="Months", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="Months",
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


@component.add(name="Converter 1", comp_type="Constant", comp_subtype="Normal")
def converter_1():
    return 0.02


@component.add(
    name="Converter 2",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"stock_1": 1, "_delayfixed_converter_2": 1},
    other_deps={
        "_delayfixed_converter_2": {"initial": {"stock_1": 1}, "step": {"stock_1": 1}}
    },
)
def converter_2():
    return (stock_1() / _delayfixed_converter_2() - 1) * 100


_delayfixed_converter_2 = DelayFixed(
    lambda: stock_1(),
    lambda: 1,
    lambda: stock_1(),
    time_step,
    "_delayfixed_converter_2",
)


@component.add(
    name="Delay Stock 1",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_delay_stock_1": 1},
    other_deps={
        "_delayfixed_delay_stock_1": {"initial": {"stock_1": 1}, "step": {"stock_1": 1}}
    },
)
def delay_stock_1():
    return _delayfixed_delay_stock_1()


_delayfixed_delay_stock_1 = DelayFixed(
    lambda: stock_1(),
    lambda: 1,
    lambda: stock_1(),
    time_step,
    "_delayfixed_delay_stock_1",
)


@component.add(
    name="Delay Stock 1 0",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_delay_stock_1_0": 1},
    other_deps={"_delayfixed_delay_stock_1_0": {"initial": {}, "step": {"stock_1": 1}}},
)
def delay_stock_1_0():
    return _delayfixed_delay_stock_1_0()


_delayfixed_delay_stock_1_0 = DelayFixed(
    lambda: stock_1(), lambda: 1, lambda: 0, time_step, "_delayfixed_delay_stock_1_0"
)


@component.add(
    name="Delay Flow 2",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_delay_flow_2": 1},
    other_deps={
        "_delayfixed_delay_flow_2": {"initial": {"flow_2": 1}, "step": {"flow_2": 1}}
    },
)
def delay_flow_2():
    return _delayfixed_delay_flow_2()


_delayfixed_delay_flow_2 = DelayFixed(
    lambda: flow_2(), lambda: 5, lambda: flow_2(), time_step, "_delayfixed_delay_flow_2"
)


@component.add(
    name="Delay Flow 2 20",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_delay_flow_2_20": 1},
    other_deps={"_delayfixed_delay_flow_2_20": {"initial": {}, "step": {"flow_2": 1}}},
)
def delay_flow_2_20():
    return _delayfixed_delay_flow_2_20()


_delayfixed_delay_flow_2_20 = DelayFixed(
    lambda: flow_2(), lambda: 5, lambda: -20, time_step, "_delayfixed_delay_flow_2_20"
)


@component.add(
    name="Flow 2",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"converter_1": 1, "stock_1": 1},
)
def flow_2():
    return float(np.maximum(converter_1() * stock_1(), 0))


@component.add(
    name="Stock 1",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_1": 1},
    other_deps={"_integ_stock_1": {"initial": {}, "step": {"flow_2": 1}}},
)
def stock_1():
    return _integ_stock_1()


_integ_stock_1 = NonNegativeInteg(lambda: flow_2(), lambda: 100, "_integ_stock_1")
