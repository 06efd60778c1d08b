"""
Python model 'test_special_variable_names.py'
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
    "final_time": lambda: 100,
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
    name="Aux with (entirely superfuluous) parenthetical comment",
    comp_type="Constant",
    comp_subtype="Normal",
)
def aux_with_entirely_superfuluous_parenthetical_comment():
    return 90


@component.add(name="import", comp_type="Constant", comp_subtype="Normal")
def import_1():
    """
    This variable is a python keyword
    """
    return 10


@component.add(
    name="Aux with $peC!@| characters", comp_type="Constant", comp_subtype="Normal"
)
def aux_with_pec_characters():
    return 21


@component.add(
    name="Flow with STEP(function call!)",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"aux_with_entirely_superfuluous_parenthetical_comment": 1},
)
def flow_with_stepfunction_call():
    return aux_with_entirely_superfuluous_parenthetical_comment()


@component.add(
    name="Flow w/ division, lists, and INITIAL(construction functions)",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"aux_with_pec_characters": 1},
)
def flow_w_division_lists_and_initialconstruction_functions():
    return aux_with_pec_characters()


@component.add(
    name="normal flow",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"import_1": 1},
)
def normal_flow():
    return import_1()


@component.add(
    name="Flow*with a few^arithmetic + characters",
    comp_type="Constant",
    comp_subtype="Normal",
)
def flowwith_a_fewarithmetic_characters():
    return 4


@component.add(
    name="Stock with   Newline Character",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_with_newline_character": 1},
    other_deps={
        "_integ_stock_with_newline_character": {
            "initial": {},
            "step": {
                "flow_w_division_lists_and_initialconstruction_functions": 1,
                "flow_with_stepfunction_call": 1,
            },
        }
    },
)
def stock_with_newline_character():
    return _integ_stock_with_newline_character()


_integ_stock_with_newline_character = Integ(
    lambda: flow_w_division_lists_and_initialconstruction_functions()
    - flow_with_stepfunction_call(),
    lambda: 67,
    "_integ_stock_with_newline_character",
)


@component.add(
    name="Hyphenated-Stockname",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_hyphenatedstockname": 1},
    other_deps={
        "_integ_hyphenatedstockname": {
            "initial": {},
            "step": {"normal_flow": 1, "flowwith_a_fewarithmetic_characters": 1},
        }
    },
)
def hyphenatedstockname():
    return _integ_hyphenatedstockname()


_integ_hyphenatedstockname = Integ(
    lambda: normal_flow() - flowwith_a_fewarithmetic_characters(),
    lambda: 0,
    "_integ_hyphenatedstockname",
)
