"""
Python model 'test_lookups_xscale.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.statefuls import Integ
from pysd.py_backend.lookups import HardcodedLookups
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
    name="lookup function call",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "lookup_function_table": 1},
)
def lookup_function_call():
    return lookup_function_table(time())


@component.add(
    name="Lookup Linebreak Before Comma", comp_type="Constant", comp_subtype="Normal"
)
def lookup_linebreak_before_comma():
    """
    This lookup has a line break before the comma.
    """
    return np.interp(
        0,
        [0.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75, 4.0],
        [1.0, 1.0, 0.98, 0.9, 0.75, 0.45, 0.25, 0.17, 0.14, 0.12, 0.11, 0.1, 0.1],
    )


@component.add(
    name="rate",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"lookup_function_call": 1},
)
def rate():
    return lookup_function_call()


@component.add(
    name="lookup function table",
    limits=(-1.0, 1.0),
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_lookup_function_table"},
)
def lookup_function_table(x, final_subs=None):
    return _hardcodedlookup_lookup_function_table(x, final_subs)


_hardcodedlookup_lookup_function_table = HardcodedLookups(
    [0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0],
    [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, -1.0, -1.0, 0.0, 0.0],
    {},
    "interpolate",
    {},
    "_hardcodedlookup_lookup_function_table",
)


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
