"""
Python model 'test_arguments.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import pulse, modulo
from pysd.py_backend.statefuls import Initial, Delay, Smooth
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
    "final_time": lambda: 10,
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


@component.add(name="constant", comp_type="Constant", comp_subtype="Normal")
def constant():
    return 29


@component.add(
    name="Outer Multiple Inner Multiple",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outer_multiple_inner_multiple": 1},
    other_deps={
        "_delay_outer_multiple_inner_multiple": {
            "initial": {"time": 1, "constant": 1},
            "step": {"time": 1, "constant": 1},
        }
    },
)
def outer_multiple_inner_multiple():
    return _delay_outer_multiple_inner_multiple()


_delay_outer_multiple_inner_multiple = Delay(
    lambda: time(),
    lambda: modulo(constant(), 4),
    lambda: time(),
    lambda: 1,
    time_step,
    "_delay_outer_multiple_inner_multiple",
)


@component.add(
    name="Outer Multiple Inner Single",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_outer_multiple_inner_single": 1},
    other_deps={
        "_delay_outer_multiple_inner_single": {
            "initial": {"time": 1, "constant": 1},
            "step": {"time": 1, "constant": 1},
        }
    },
)
def outer_multiple_inner_single():
    return _delay_outer_multiple_inner_single()


_delay_outer_multiple_inner_single = Delay(
    lambda: time(),
    lambda: constant(),
    lambda: time(),
    lambda: 1,
    time_step,
    "_delay_outer_multiple_inner_single",
)


@component.add(
    name="Outer Multiple Middle Multiple Inner Multiple",
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_outer_multiple_middle_multiple_inner_multiple": 1},
    other_deps={
        "_delay_outer_multiple_middle_multiple_inner_multiple": {
            "initial": {"time": 1, "constant": 1},
            "step": {"time": 1, "constant": 1},
        },
        "_smooth_outer_multiple_middle_multiple_inner_multiple": {
            "initial": {},
            "step": {
                "_delay_outer_multiple_middle_multiple_inner_multiple": 1,
                "constant": 1,
            },
        },
    },
)
def outer_multiple_middle_multiple_inner_multiple():
    return _smooth_outer_multiple_middle_multiple_inner_multiple()


_delay_outer_multiple_middle_multiple_inner_multiple = Delay(
    lambda: time(),
    lambda: modulo(constant(), 3),
    lambda: time(),
    lambda: 3,
    time_step,
    "_delay_outer_multiple_middle_multiple_inner_multiple",
)

_smooth_outer_multiple_middle_multiple_inner_multiple = Smooth(
    lambda: _delay_outer_multiple_middle_multiple_inner_multiple(),
    lambda: constant(),
    lambda: 1,
    lambda: 2,
    "_smooth_outer_multiple_middle_multiple_inner_multiple",
)


@component.add(
    name="Outer Multiple Middle Multiple Inner Single",
    comp_type="Stateful",
    comp_subtype="Smooth",
    depends_on={"_smooth_outer_multiple_middle_multiple_inner_single": 1},
    other_deps={
        "_delay_outer_multiple_middle_multiple_inner_single": {
            "initial": {"time": 1, "constant": 1},
            "step": {"time": 1, "constant": 1},
        },
        "_smooth_outer_multiple_middle_multiple_inner_single": {
            "initial": {},
            "step": {
                "_delay_outer_multiple_middle_multiple_inner_single": 1,
                "constant": 1,
            },
        },
    },
)
def outer_multiple_middle_multiple_inner_single():
    return _smooth_outer_multiple_middle_multiple_inner_single()


_delay_outer_multiple_middle_multiple_inner_single = Delay(
    lambda: time(),
    lambda: float(np.abs(constant())),
    lambda: time(),
    lambda: 3,
    time_step,
    "_delay_outer_multiple_middle_multiple_inner_single",
)

_smooth_outer_multiple_middle_multiple_inner_single = Smooth(
    lambda: _delay_outer_multiple_middle_multiple_inner_single(),
    lambda: constant(),
    lambda: 1,
    lambda: 2,
    "_smooth_outer_multiple_middle_multiple_inner_single",
)


@component.add(
    name="Outer Single Inner Multiple",
    comp_type="Stateful",
    comp_subtype="Initial",
    depends_on={"_initial_outer_single_inner_multiple": 1},
    other_deps={
        "_initial_outer_single_inner_multiple": {
            "initial": {"constant": 1, "time": 1},
            "step": {},
        }
    },
)
def outer_single_inner_multiple():
    return _initial_outer_single_inner_multiple()


_initial_outer_single_inner_multiple = Initial(
    lambda: pulse(__data["time"], constant(), width=2),
    "_initial_outer_single_inner_multiple",
)
