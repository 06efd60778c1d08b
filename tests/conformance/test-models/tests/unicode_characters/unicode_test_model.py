"""
Python model 'unicode_test_model.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

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
    name="this is a french variable with é à è",
    units="dmnl",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"this_is_a_german_variable_with_o_a_u": 1},
)
def this_is_a_french_variable_with_e_a_e():
    """
    This variable also has funny german characters ö ä ü in its comment box
    """
    return 3 * this_is_a_german_variable_with_o_a_u()


@component.add(
    name="this is a german variable with ö ä ü",
    units="dmnl",
    comp_type="Constant",
    comp_subtype="Normal",
)
def this_is_a_german_variable_with_o_a_u():
    return 2


@component.add(
    name="this is a spanish variable with ñ ç",
    units="D",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"this_is_a_german_variable_with_o_a_u": 1},
)
def this_is_a_spanish_variable_with_n_c():
    return 2 * this_is_a_german_variable_with_o_a_u()
