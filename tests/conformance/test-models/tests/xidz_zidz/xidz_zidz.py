"""
Python model 'xidz_zidz.py'
Translated using PySD
"""

from pathlib import Path

from pysd.py_backend.functions import zidz, xidz
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
    name="text xidz",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"numerator": 1, "zero": 1, "alternate": 1},
)
def text_xidz():
    return xidz(numerator(), zero(), alternate())


@component.add(name="zero", comp_type="Constant", comp_subtype="Normal")
def zero():
    return 0


@component.add(
    name="test zidz",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"numerator": 1, "zero": 1},
)
def test_zidz():
    return zidz(numerator(), zero())


@component.add(name="alternate", comp_type="Constant", comp_subtype="Normal")
def alternate():
    return 4


@component.add(name="numerator", comp_type="Constant", comp_subtype="Normal")
def numerator():
    return 11
