"""
Python model 'simple_harmonic_oscillator.py'
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
    "final_time": lambda: 50,
    "time_step": lambda: 0.01,
    "saveper": lambda: 0.1,
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
    name="FINAL TIME", units="Second", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL TIME", units="Second", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="SAVEPER",
    units="Second",
    limits=(0.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def saveper():
    """
    The frequency with which output is stored.
    """
    return __data["time"].saveper()


@component.add(
    name="TIME STEP",
    units="Second",
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
    name="elastic acceleration",
    units="m/s/s",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"elastic_constant": 1, "mass": 1, "position": 1},
)
def elastic_acceleration():
    """
    Acceleration due to the elastic force.
    """
    return -elastic_constant() / mass() * position()


@component.add(
    name="elastic constant", units="kg/s/s", comp_type="Constant", comp_subtype="Normal"
)
def elastic_constant():
    """
    Elastic constant of the spring.
    """
    return 0.5


@component.add(
    name="initial position", units="m", comp_type="Constant", comp_subtype="Normal"
)
def initial_position():
    """
    Initial position with the particule.
    """
    return 50


@component.add(name="mass", units="kg", comp_type="Constant", comp_subtype="Normal")
def mass():
    """
    Mass of the object
    """
    return 10


@component.add(
    name="position",
    units="m",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_position": 1},
    other_deps={
        "_integ_position": {"initial": {"initial_position": 1}, "step": {"speed": 1}}
    },
)
def position():
    """
    Position of the particule.
    """
    return _integ_position()


_integ_position = Integ(lambda: speed(), lambda: initial_position(), "_integ_position")


@component.add(
    name="speed",
    units="m/s",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_speed": 1},
    other_deps={"_integ_speed": {"initial": {}, "step": {"elastic_acceleration": 1}}},
)
def speed():
    """
    Speed of the particule.
    """
    return _integ_speed()


_integ_speed = Integ(lambda: elastic_acceleration(), lambda: 0, "_integ_speed")
