"""
Python model 'test_pipeline_delays.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.functions import step
from pysd.py_backend.statefuls import DelayFixed, DelayN
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
    "time_step": lambda: 0.5,
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
    name="Output Second Order Delay",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_output_second_order_delay": 1},
    other_deps={
        "_delayn_output_second_order_delay": {
            "initial": {"initial_value": 1, "fractional_delay_time": 1},
            "step": {"input_1": 1, "fractional_delay_time": 1},
        }
    },
)
def output_second_order_delay():
    return _delayn_output_second_order_delay()


_delayn_output_second_order_delay = DelayN(
    lambda: input_1(),
    lambda: fractional_delay_time(),
    lambda: initial_value(),
    lambda: 2,
    time_step,
    "_delayn_output_second_order_delay",
)


@component.add(
    name="Output Second Order Delay with Modified Delay Time",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_output_second_order_delay_with_modified_delay_time": 1},
    other_deps={
        "_delayn_output_second_order_delay_with_modified_delay_time": {
            "initial": {"initial_value": 1},
            "step": {"input_1": 1},
        }
    },
)
def output_second_order_delay_with_modified_delay_time():
    return _delayn_output_second_order_delay_with_modified_delay_time()


_delayn_output_second_order_delay_with_modified_delay_time = DelayN(
    lambda: input_1(),
    lambda: 1,
    lambda: initial_value(),
    lambda: 2,
    time_step,
    "_delayn_output_second_order_delay_with_modified_delay_time",
)


@component.add(
    name="Output Third order Delay",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_output_third_order_delay": 1},
    other_deps={
        "_delayn_output_third_order_delay": {
            "initial": {"initial_value": 1, "fractional_delay_time": 1},
            "step": {"input_1": 1, "fractional_delay_time": 1},
        }
    },
)
def output_third_order_delay():
    """
    See if the order is rounded to 3 or 2
    """
    return _delayn_output_third_order_delay()


_delayn_output_third_order_delay = DelayN(
    lambda: input_1(),
    lambda: fractional_delay_time(),
    lambda: initial_value(),
    lambda: 3,
    time_step,
    "_delayn_output_third_order_delay",
)


@component.add(
    name="Output Third order Delay with Modified Delay Time",
    comp_type="Stateful",
    comp_subtype="Delay",
    depends_on={"_delayn_output_third_order_delay_with_modified_delay_time": 1},
    other_deps={
        "_delayn_output_third_order_delay_with_modified_delay_time": {
            "initial": {"initial_value": 1},
            "step": {"input_1": 1},
        }
    },
)
def output_third_order_delay_with_modified_delay_time():
    return _delayn_output_third_order_delay_with_modified_delay_time()


_delayn_output_third_order_delay_with_modified_delay_time = DelayN(
    lambda: input_1(),
    lambda: 1.5,
    lambda: initial_value(),
    lambda: 3,
    time_step,
    "_delayn_output_third_order_delay_with_modified_delay_time",
)


@component.add(
    name="Changing Delay Time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def changing_delay_time():
    return 4 + step(__data["time"], 2, 15)


@component.add(
    name="Fractional Delay Time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"fractional_multiple": 1, "time_step": 1},
)
def fractional_delay_time():
    """
    See what happens when the delay time is not a simple multiple of the time step.
    """
    return fractional_multiple() * time_step()


@component.add(name="Fractional Multiple", comp_type="Constant", comp_subtype="Normal")
def fractional_multiple():
    """
    This should be small so that the differences between rounding up to 3 and down to 2 are obvious. Should be on the boundary so that to test the rounding behavior too...
    """
    return 2.5


@component.add(
    name="Output Fractional Pipeline Delay",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_output_fractional_pipeline_delay": 1},
    other_deps={
        "_delayfixed_output_fractional_pipeline_delay": {
            "initial": {"initial_value": 1, "fractional_delay_time": 1},
            "step": {"input_1": 1},
        }
    },
)
def output_fractional_pipeline_delay():
    """
    When the delay time is not easily handled as an integer of the step size - what then?
    """
    return _delayfixed_output_fractional_pipeline_delay()


_delayfixed_output_fractional_pipeline_delay = DelayFixed(
    lambda: input_1(),
    lambda: fractional_delay_time(),
    lambda: initial_value(),
    time_step,
    "_delayfixed_output_fractional_pipeline_delay",
)


@component.add(name="Integer Multiple", comp_type="Constant", comp_subtype="Normal")
def integer_multiple():
    return 5


@component.add(
    name="Integer Delay Time",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1, "integer_multiple": 1},
)
def integer_delay_time():
    """
    Test that delay time can vary
    """
    return time_step() * integer_multiple()


@component.add(
    name="Output Changing Delay Time",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_output_changing_delay_time": 1},
    other_deps={
        "_delayfixed_output_changing_delay_time": {
            "initial": {"initial_value": 1, "changing_delay_time": 1},
            "step": {"input_1": 1},
        }
    },
)
def output_changing_delay_time():
    """
    Test that delay time can vary
    """
    return _delayfixed_output_changing_delay_time()


_delayfixed_output_changing_delay_time = DelayFixed(
    lambda: input_1(),
    lambda: changing_delay_time(),
    lambda: initial_value(),
    time_step,
    "_delayfixed_output_changing_delay_time",
)


@component.add(
    name="Output Integer Pipeline Delay",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_output_integer_pipeline_delay": 1},
    other_deps={
        "_delayfixed_output_integer_pipeline_delay": {
            "initial": {"initial_value": 1, "integer_delay_time": 1},
            "step": {"input_1": 1},
        }
    },
)
def output_integer_pipeline_delay():
    """
    Test delays with a delay time that is an integer multiple of the step size, so that the bins for the pipeline are clear.
    """
    return _delayfixed_output_integer_pipeline_delay()


_delayfixed_output_integer_pipeline_delay = DelayFixed(
    lambda: input_1(),
    lambda: integer_delay_time(),
    lambda: initial_value(),
    time_step,
    "_delayfixed_output_integer_pipeline_delay",
)


@component.add(name="Initial Value", comp_type="Constant", comp_subtype="Normal")
def initial_value():
    return 6


@component.add(
    name="Input", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"time": 1}
)
def input_1():
    return -1 + step(__data["time"], 5, 5)
