"""
Python model 'test_variable_ranges.py'
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
    name="Unbounded Variable Value Above 0", comp_type="Constant", comp_subtype="Normal"
)
def unbounded_variable_value_above_0():
    return 10


@component.add(
    name="Unbounded Variable Value Below 0", comp_type="Constant", comp_subtype="Normal"
)
def unbounded_variable_value_below_0():
    return -10


@component.add(
    name="Both Bounds Above 0",
    limits=(2.0, 10.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def both_bounds_above_0():
    """
    When both bounds are above zero
    """
    return 5


@component.add(
    name="Both Bounds Below 0",
    limits=(-10.0, -3.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def both_bounds_below_0():
    """
    When Both Bounds are Below Zero
    """
    return -5


@component.add(
    name="Both Bounds Identical",
    limits=(0.0, 0.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def both_bounds_identical():
    """
    An interesting special case, which should limit the allowable values to 0, but not throw an error so long as it is Zero.
    """
    return 0


@component.add(
    name="Unbounded Variable Value 0", comp_type="Constant", comp_subtype="Normal"
)
def unbounded_variable_value_0():
    """
    For testing variables with no bounds present
    """
    return 0


@component.add(
    name="Lower Bound 0",
    limits=(0.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def lower_bound_0():
    """
    For testing a lonely zero lower bound
    """
    return 2


@component.add(
    name="Lower Bound Above 0",
    limits=(5.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def lower_bound_above_0():
    """
    for testing a lonely positive lower bound
    """
    return 20


@component.add(
    name="Lower Bound Below 0",
    limits=(-10.0, np.nan),
    comp_type="Constant",
    comp_subtype="Normal",
)
def lower_bound_below_0():
    """
    Test for a lonely negative lower bound.
    """
    return 2


@component.add(
    name="Upper Bound 0",
    limits=(np.nan, 0.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def upper_bound_0():
    """
    For testing lonely 0 upper bounds
    """
    return -2


@component.add(
    name="Upper Bound Above 0",
    limits=(np.nan, 10.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def upper_bound_above_0():
    """
    For testing lonely positive upper bounds
    """
    return 4


@component.add(
    name="Upper Bound Below 0",
    limits=(np.nan, -5.0),
    comp_type="Constant",
    comp_subtype="Normal",
)
def upper_bound_below_0():
    """
    For testing lonely negative upper bounds.
    """
    return -10


@component.add(name="Outflow", comp_type="Constant", comp_subtype="Normal")
def outflow():
    return 1


@component.add(
    name="Lower Bounded Stock",
    limits=(0.0, np.nan),
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_lower_bounded_stock": 1},
    other_deps={"_integ_lower_bounded_stock": {"initial": {}, "step": {"outflow": 1}}},
)
def lower_bounded_stock():
    return _integ_lower_bounded_stock()


_integ_lower_bounded_stock = Integ(
    lambda: -outflow(), lambda: 10, "_integ_lower_bounded_stock"
)


@component.add(
    name="Broken Upper Bounded Variable",
    limits=(np.nan, 3.0),
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"lower_bounded_stock": 1},
)
def broken_upper_bounded_variable():
    return lower_bounded_stock()
