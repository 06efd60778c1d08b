"""
Python model 'test_min_max_1arg.py'
Translated using PySD
"""

from pathlib import Path
import xarray as xr

from pysd.py_backend.functions import vmax, vmin
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["a", "b", "c"]}

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
    name="INITIAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="Month",
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
    name="var_min", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"var1": 1}
)
def var_min():
    return vmin(var1())


@component.add(
    name="var_max", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"var1": 1}
)
def var_max():
    return vmax(var1())


@component.add(
    name="var1", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def var1():
    return xr.DataArray([1.0, 2.0, 3.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])
