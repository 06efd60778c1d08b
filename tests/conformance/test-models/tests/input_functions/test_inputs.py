"""
Python model 'test_inputs.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import ramp, step, pulse
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
    "final_time": lambda: 25,
    "time_step": lambda: 0.0625,
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
    name="InputA",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"test_pulse": 1, "test_pulse_train": 1, "test_ramp": 1, "test_step": 1},
)
def inputa():
    return test_pulse() + test_pulse_train() + test_ramp() + test_step()


@component.add(
    name="StockA",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stocka": 1},
    other_deps={"_integ_stocka": {"initial": {}, "step": {"inputa": 1}}},
)
def stocka():
    return _integ_stocka()


_integ_stocka = Integ(lambda: inputa(), lambda: 0, "_integ_stocka")


@component.add(
    name="Test Pulse",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def test_pulse():
    return pulse(__data["time"], 3, width=2)


@component.add(
    name="Test Pulse Train",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def test_pulse_train():
    return pulse(__data["time"], 7, repeat_time=2, width=1, end=12)


@component.add(
    name="Test Ramp",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def test_ramp():
    return ramp(__data["time"], 1, 14, 17)


@component.add(
    name="Test Step",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def test_step():
    return step(__data["time"], 1, 1)
