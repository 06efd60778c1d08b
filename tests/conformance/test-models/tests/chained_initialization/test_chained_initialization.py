"""
Python model 'test_chained_initialization.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


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


@component.add(name="Flow D", comp_type="Constant", comp_subtype="Normal")
def flow_d():
    return 1


@component.add(name="Flow A", comp_type="Constant", comp_subtype="Normal")
def flow_a():
    return 1


@component.add(name="Flow B", comp_type="Constant", comp_subtype="Normal")
def flow_b():
    return 1


@component.add(name="Flow C", comp_type="Constant", comp_subtype="Normal")
def flow_c():
    return 1


@component.add(
    name="Stock C",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_c": 1},
    other_deps={"_integ_stock_c": {"initial": {}, "step": {"flow_c": 1}}},
)
def stock_c():
    return _integ_stock_c()


_integ_stock_c = Integ(lambda: flow_c(), lambda: 5, "_integ_stock_c")


@component.add(
    name="Stock B",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_b": 1},
    other_deps={
        "_integ_stock_b": {
            "initial": {"stock_a": 1, "stock_c": 1, "stock_d": 1},
            "step": {"flow_b": 1},
        }
    },
)
def stock_b():
    return _integ_stock_b()


_integ_stock_b = Integ(
    lambda: flow_b(), lambda: stock_a() + stock_c() + stock_d(), "_integ_stock_b"
)


@component.add(
    name="Stock A",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_a": 1},
    other_deps={"_integ_stock_a": {"initial": {}, "step": {"flow_a": 1}}},
)
def stock_a():
    return _integ_stock_a()


_integ_stock_a = Integ(lambda: flow_a(), lambda: 3, "_integ_stock_a")


@component.add(
    name="Stock D",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_d": 1},
    other_deps={"_integ_stock_d": {"initial": {}, "step": {"flow_d": 1}}},
)
def stock_d():
    return _integ_stock_d()


_integ_stock_d = Integ(lambda: flow_d(), lambda: 7, "_integ_stock_d")
