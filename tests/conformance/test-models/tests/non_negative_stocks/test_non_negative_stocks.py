"""
Python model 'test_non_negative_stocks.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.functions import if_then_else
from pysd.py_backend.statefuls import Integ, NonNegativeInteg
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0.0,
    "final_time": lambda: 60.0,
    "time_step": lambda: 1.5,
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


@component.add(name="INITIAL TIME", comp_type="Constant", comp_subtype="Normal")
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(name="FINAL TIME", comp_type="Constant", comp_subtype="Normal")
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(name="TIME STEP", comp_type="Constant", comp_subtype="Normal")
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
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


@component.add(name="OutFlow", comp_type="Constant", comp_subtype="Normal")
def outflow():
    return 1


@component.add(
    name="if_else", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 3}
)
def if_else():
    return if_then_else(time() > 10, lambda: time(), lambda: -time())


@component.add(
    name="TestStock0",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_teststock0": 1},
    other_deps={"_integ_teststock0": {"initial": {}, "step": {"outflow": 1}}},
)
def teststock0():
    return _integ_teststock0()


_integ_teststock0 = Integ(lambda: -outflow(), lambda: 25, "_integ_teststock0")


@component.add(
    name="TestStock1",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_teststock1": 1},
    other_deps={"_integ_teststock1": {"initial": {}, "step": {"outflow": 1}}},
)
def teststock1():
    return _integ_teststock1()


_integ_teststock1 = NonNegativeInteg(
    lambda: -outflow(), lambda: 25, "_integ_teststock1"
)


@component.add(
    name="TestStock2",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_teststock2": 1},
    other_deps={"_integ_teststock2": {"initial": {}, "step": {"if_else": 1}}},
)
def teststock2():
    return _integ_teststock2()


_integ_teststock2 = Integ(lambda: if_else(), lambda: 10, "_integ_teststock2")


@component.add(
    name="TestStock3",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_teststock3": 1},
    other_deps={"_integ_teststock3": {"initial": {}, "step": {"if_else": 1}}},
)
def teststock3():
    return _integ_teststock3()


_integ_teststock3 = NonNegativeInteg(lambda: if_else(), lambda: 10, "_integ_teststock3")
