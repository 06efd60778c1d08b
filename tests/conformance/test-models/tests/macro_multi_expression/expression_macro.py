"""
Python model 'expression_macro.py'
Translated using PySD
"""

from pathlib import Path

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent

_params = {"input": "input_1", "parameter": "parameter"}


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################


def _init_outer_references(data):
    for key in data:
        __data[key] = data[key]


@component.add(name="Time")
def time():
    """
    Current time of the model.
    """
    return __data["time"]()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="EXPRESSION MACRO",
    units="input",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_1": 1, "intermediate": 1},
)
def expression_macro():
    """
    tests basic macro containing no stocks and having no output
    """
    return input_1() * intermediate()


@component.add(
    name="intermediate",
    units="myunit",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"parameter": 1},
)
def intermediate():
    """
    can the macros handle multiple pieces?
    """
    return parameter() * 3
