"""
Python model 'test_logicals.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import if_then_else
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
    "final_time": lambda: 1,
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


@component.add(
    name="NOT output",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"false_input": 1},
)
def not_output():
    """
    Test the :NOT: operator. Should yield 1.
    """
    return if_then_else(np.logical_not(false_input()), lambda: 1, lambda: 0)


@component.add(name="false input", comp_type="Constant", comp_subtype="Normal")
def false_input():
    return 0


@component.add(name="true input", comp_type="Constant", comp_subtype="Normal")
def true_input():
    return 1


@component.add(
    name="AND output",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"true_input": 1, "false_input": 1},
)
def and_output():
    """
    Test the :AND: Operator. Should Yield 0
    """
    return if_then_else(
        np.logical_and(true_input(), false_input()), lambda: 1, lambda: 0
    )


@component.add(
    name="OR output",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"true_input": 1, "false_input": 1},
)
def or_output():
    """
    Test the :OR: Operator, should yield 1
    """
    return if_then_else(
        np.logical_or(true_input(), false_input()), lambda: 1, lambda: 0
    )
