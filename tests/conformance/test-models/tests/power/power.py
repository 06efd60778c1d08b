"""
Python model 'power.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import ramp
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"subs2": ["c", "d", "e"], "subs3": ["f", "g"], "subs1": ["a", "b"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 5,
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
    name="FINAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
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
    name="TIME_STEP",
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
    name="power5",
    subscripts=["subs2", "subs1", "subs3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var3": 1, "var4": 1},
)
def power5():
    return np.power(var3(), var4())


@component.add(
    name="var4",
    subscripts=["subs2", "subs3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def var4():
    return xr.DataArray(
        [[3.0, 4.0], [5.1, 2.0], [3.0, 2.0]],
        {"subs2": _subscript_dict["subs2"], "subs3": _subscript_dict["subs3"]},
        ["subs2", "subs3"],
    )


@component.add(
    name="var3",
    subscripts=["subs2", "subs1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def var3():
    return xr.DataArray(
        [[1.0, 2.0], [3.0, 4.5], [-2.0, 3.0]],
        {"subs2": _subscript_dict["subs2"], "subs1": _subscript_dict["subs1"]},
        ["subs2", "subs1"],
    )


@component.add(name="negative_base", comp_type="Constant", comp_subtype="Normal")
def negative_base():
    return float(np.power(-2.3, 3))


@component.add(name="negative_exponent", comp_type="Constant", comp_subtype="Normal")
def negative_exponent():
    return float(np.power(2.5, -3.3))


@component.add(
    name="power3",
    subscripts=["subs1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1, "var2": 1},
)
def power3():
    return np.power(var1(), var2())


@component.add(
    name="power2",
    subscripts=["subs1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1": 1, "var2": 1},
)
def power2():
    return xr.DataArray(
        float(np.power(float(var1().loc["a"]), float(var2().loc["b"]))),
        {"subs1": _subscript_dict["subs1"]},
        ["subs1"],
    )


@component.add(
    name="var2", subscripts=["subs1"], comp_type="Constant", comp_subtype="Normal"
)
def var2():
    return xr.DataArray(
        [1.0e05, 2.0e00], {"subs1": _subscript_dict["subs1"]}, ["subs1"]
    )


@component.add(
    name="power4", comp_type="Auxiliary", comp_subtype="Normal", depends_on={"x": 1}
)
def power4():
    return float(np.power(2, x()))


@component.add(
    name="X",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"final_time": 2, "initial_time": 2, "time": 1},
)
def x():
    return ramp(
        __data["time"],
        4 / (final_time() - initial_time()),
        initial_time(),
        final_time(),
    )


@component.add(name="power1", comp_type="Constant", comp_subtype="Normal")
def power1():
    return float(np.power(2, 3))


@component.add(
    name="var1", subscripts=["subs1"], comp_type="Constant", comp_subtype="Normal"
)
def var1():
    return xr.DataArray([1.0, 20.0], {"subs1": _subscript_dict["subs1"]}, ["subs1"])
