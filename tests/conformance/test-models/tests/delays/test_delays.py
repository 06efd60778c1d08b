"""
Python model 'test_delays.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import DelayN, Delay
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
    "final_time": lambda: 100,
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


@component.add(
    name="Delay Time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def delay_time():
    """
    Test that delay time can vary
    """
    return 4 + step(__data["time"], 2, 15)


@component.add(name="Initial Value", comp_type="Constant", comp_subtype="Normal")
def initial_value():
    return 6


@component.add(
    name="Input", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def input_1():
    return -1 + step(__data["time"], 5, 5)


@component.add(
    name="Order Variable",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def order_variable():
    """
    Test the behavior when a change is requested to the order
    """
    return 2 + step(__data["time"], 1, 10)


@component.add(
    name="Output Delay1",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_output_delay1": 1},
    other_deps={
        "_delay_output_delay1": {
            "initial": {"input_1": 1, "delay_time": 1},
            "step": {"input_1": 1, "delay_time": 1},
        }
    },
)
def output_delay1():
    return _delay_output_delay1()


_delay_output_delay1 = Delay(
    lambda: input_1(),
    lambda: delay_time(),
    lambda: input_1(),
    lambda: 1,
    time_step,
    "_delay_output_delay1",
)


@component.add(
    name="Output Delay1I",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_output_delay1i": 1},
    other_deps={
        "_delay_output_delay1i": {
            "initial": {"initial_value": 1, "delay_time": 1},
            "step": {"input_1": 1, "delay_time": 1},
        }
    },
)
def output_delay1i():
    return _delay_output_delay1i()


_delay_output_delay1i = Delay(
    lambda: input_1(),
    lambda: delay_time(),
    lambda: initial_value(),
    lambda: 1,
    time_step,
    "_delay_output_delay1i",
)


@component.add(
    name="Output Delay3",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_output_delay3": 1},
    other_deps={
        "_delay_output_delay3": {
            "initial": {"input_1": 1, "delay_time": 1},
            "step": {"input_1": 1, "delay_time": 1},
        }
    },
)
def output_delay3():
    return _delay_output_delay3()


_delay_output_delay3 = Delay(
    lambda: input_1(),
    lambda: delay_time(),
    lambda: input_1(),
    lambda: 3,
    time_step,
    "_delay_output_delay3",
)


@component.add(
    name="Output Delay3I",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delay_output_delay3i": 1},
    other_deps={
        "_delay_output_delay3i": {
            "initial": {"initial_value": 1, "delay_time": 1},
            "step": {"input_1": 1, "delay_time": 1},
        }
    },
)
def output_delay3i():
    return _delay_output_delay3i()


_delay_output_delay3i = Delay(
    lambda: input_1(),
    lambda: delay_time(),
    lambda: initial_value(),
    lambda: 3,
    time_step,
    "_delay_output_delay3i",
)


@component.add(
    name="OutputDelayN",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_outputdelayn": 1},
    other_deps={
        "_delayn_outputdelayn": {
            "initial": {"initial_value": 1, "delay_time": 1, "order_variable": 1},
            "step": {"input_1": 1, "delay_time": 1},
        }
    },
)
def outputdelayn():
    return _delayn_outputdelayn()


_delayn_outputdelayn = DelayN(
    lambda: input_1(),
    lambda: delay_time(),
    lambda: initial_value(),
    lambda: order_variable(),
    time_step,
    "_delayn_outputdelayn",
)
