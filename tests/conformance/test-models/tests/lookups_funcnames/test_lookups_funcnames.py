"""
Python model 'test_lookups_funcnames.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import modulo
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
    name="FINAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Minute", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Minute",
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
    units="Minute",
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


@component.add(name="mod", comp_type="Constant", comp_subtype="Normal")
def mod():
    return 5


@component.add(
    name="using a modulo function", comp_type="Constant", comp_subtype="Normal"
)
def using_a_modulo_function():
    """
    Check that this doesn't get parsed as smoot
    """
    return modulo(10, 3)


@component.add(
    name="using the mod variable",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"mod": 1},
)
def using_the_mod_variable():
    return mod()


@component.add(
    name="lookup function call",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "expname_table": 1},
)
def lookup_function_call():
    return expname_table(time())


@component.add(
    name="rate",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"lookup_function_call": 1},
)
def rate():
    return lookup_function_call()


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


@component.add(
    name="expname table",
    comp_type="Lookup",
    comp_subtype="Normal",
    depends_on={"__lookup__": "_hardcodedlookup_expname_table"},
)
def expname_table(x, final_subs=None):
    """
    Test that this parses as a lookup table and not as the exp function
    """
    return _hardcodedlookup_expname_table(x, final_subs)


_hardcodedlookup_expname_table = HardcodedLookups(
    [0, 5, 10, 15, 20, 25, 30, 35, 40, 45],
    [0, 0, 1, 1, 0, 0, -1, -1, 0, 0],
    {},
    "interpolate",
    {},
    "_hardcodedlookup_expname_table",
)
