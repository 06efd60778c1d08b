"""
Python model 'expression_macro.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.statefuls import Integ
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
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_expression_macro": 1},
    other_deps={
        "_integ_expression_macro": {"initial": {"parameter": 1}, "step": {"input_1": 1}}
    },
)
def expression_macro():
    """
    tests basic macro containing a stock but no output
    """
    return _integ_expression_macro()


_integ_expression_macro = Integ(
    lambda: input_1(), lambda: parameter(), "_integ_expression_macro"
)
