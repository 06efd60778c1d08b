"""
Python model 'test_smooth_and_stock.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.statefuls import Integ, Smooth
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
    "final_time": lambda: 45,
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


@component.add(
    name="first order smooth",
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_first_order_smooth": 1},
    other_deps={"_smooth_first_order_smooth": {"initial": {}, "step": {}}},
)
def first_order_smooth():
    """
    Check that this doesn't get parsed as smoot
    """
    return _smooth_first_order_smooth()


_smooth_first_order_smooth = Smooth(
    lambda: 100, lambda: 2, lambda: 100, lambda: 1, "_smooth_first_order_smooth"
)


@component.add(
    name="third order smooth",
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_third_order_smooth": 1},
    other_deps={"_smooth_third_order_smooth": {"initial": {}, "step": {}}},
)
def third_order_smooth():
    return _smooth_third_order_smooth()


_smooth_third_order_smooth = Smooth(
    lambda: 100, lambda: 2, lambda: 100, lambda: 3, "_smooth_third_order_smooth"
)


@component.add(name="rate", comp_type="Constant", comp_subtype="Normal")
def rate():
    return 5


@component.add(
    name="accumulation",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_accumulation": 1},
    other_deps={"_integ_accumulation": {"initial": {}, "step": {"rate": 1}}},
)
def accumulation():
    return _integ_accumulation()


_integ_accumulation = Integ(lambda: rate(), lambda: 0, "_integ_accumulation")
