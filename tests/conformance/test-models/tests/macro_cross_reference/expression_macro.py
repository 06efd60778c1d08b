"""
Python model 'expression_macro.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.model import Macro
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
    depends_on={"_macro_second_macro_expression_macro": 1},
    other_deps={
        "_macro_second_macro_expression_macro": {
            "initial": {"input_1": 1, "parameter": 1},
            "step": {"input_1": 1, "parameter": 1},
        }
    },
)
def expression_macro():
    """
    tests basic macro containing no stocks and having no output
    """
    return _macro_second_macro_expression_macro()


_macro_second_macro_expression_macro = Macro(
    _root.joinpath("second_macro.py"),
    {"input": lambda: input_1(), "parameter": lambda: parameter()},
    "second_macro",
    time_initialization=lambda: __data["time"],
    py_name="_macro_second_macro_expression_macro",
)
