"""
Python model 'test_trig.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

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
    "final_time": lambda: 20,
    "time_step": lambda: 0.125,
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
    name="test tan",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stocka": 1},
)
def test_tan():
    return float(np.tan(stocka()))


@component.add(
    name="test arctan",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"test_tan": 1},
)
def test_arctan():
    return float(np.arctan(test_tan()))


@component.add(
    name="test sin",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stocka": 1},
)
def test_sin():
    return float(np.sin(stocka()))


@component.add(
    name="test arcsin",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"test_sin": 1},
)
def test_arcsin():
    return float(np.arcsin(test_sin()))


@component.add(
    name="test cos",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stocka": 1},
)
def test_cos():
    return float(np.cos(stocka()))


@component.add(
    name="test arccos",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"test_cos": 1},
)
def test_arccos():
    return float(np.arccos(test_cos()))


@component.add(name="InflowA", comp_type="Constant", comp_subtype="Normal")
def inflowa():
    return 1


@component.add(
    name="StockA",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stocka": 1},
    other_deps={"_integ_stocka": {"initial": {}, "step": {"inflowa": 1}}},
)
def stocka():
    return _integ_stocka()


_integ_stocka = Integ(lambda: inflowa(), lambda: -10, "_integ_stocka")
