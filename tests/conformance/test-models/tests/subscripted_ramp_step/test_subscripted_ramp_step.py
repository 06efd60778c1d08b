"""
Python model 'test_subscripted_ramp_step.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import ramp, step
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["A", "B", "C"], "dim2": ["A", "B"], "dim3": ["X", "Y"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 10,
    "time_step": lambda: 0.25,
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


@component.add(name="finish1", comp_type="Constant", comp_subtype="Normal")
def finish1():
    return 5


@component.add(
    name="finish2", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def finish2():
    return xr.DataArray([6.0, 5.0, 8.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="finish3", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def finish3():
    return xr.DataArray([8.5, 6.5, 7.25], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="finish4", subscripts=["dim3"], comp_type="Constant", comp_subtype="Normal"
)
def finish4():
    return xr.DataArray([10.0, 9.0], {"dim3": _subscript_dict["dim3"]}, ["dim3"])


@component.add(
    name="finish5",
    subscripts=["dim1", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def finish5():
    return xr.DataArray(
        [[10.0, 7.0], [9.0, 8.0], [6.5, 7.5]],
        {"dim1": _subscript_dict["dim1"], "dim3": _subscript_dict["dim3"]},
        ["dim1", "dim3"],
    )


@component.add(
    name="RAMP1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"start1": 1, "finish2": 1, "time": 1},
)
def ramp1():
    return ramp(__data["time"], 5, start1(), finish2())


@component.add(
    name="RAMP2",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"start2": 1, "finish1": 1, "time": 1},
)
def ramp2():
    return ramp(__data["time"], 3, start2(), finish1())


@component.add(
    name="RAMP3",
    subscripts=["dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"start3": 1, "finish4": 1, "time": 1},
)
def ramp3():
    return ramp(__data["time"], -1, start3(), finish4())


@component.add(
    name="RAMP4",
    subscripts=["dim1", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"start4": 1, "finish5": 1, "time": 1},
)
def ramp4():
    return ramp(
        __data["time"], -7, start4(), finish5().transpose("dim3", "dim1")
    ).transpose("dim1", "dim3")


@component.add(
    name="RAMP5",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"start5": 1, "finish3": 1, "time": 1},
)
def ramp5():
    return ramp(__data["time"], 2.1, start5(), finish3()).transpose(
        "dim1", "dim2", "dim3"
    )


@component.add(
    name="RAMP6",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"slope1": 1, "start1": 1, "finish1": 1, "time": 1},
)
def ramp6():
    return ramp(__data["time"], slope1(), start1(), finish1())


@component.add(
    name="RAMP7",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"slope2": 1, "start2": 1, "time": 1},
)
def ramp7():
    return ramp(__data["time"], slope2(), start2(), 7.5).transpose("dim1", "dim2")


@component.add(
    name="RAMP8",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"slope3": 1, "finish2": 1, "time": 1},
)
def ramp8():
    return ramp(__data["time"], slope3(), 1.5, finish2()).transpose(
        "dim1", "dim2", "dim3"
    )


@component.add(
    name="RAMP9",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"slope2": 1, "start2": 1, "finish4": 1, "time": 1},
)
def ramp9():
    return ramp(__data["time"], slope2(), start2(), finish4()).transpose(
        "dim1", "dim2", "dim3"
    )


@component.add(
    name="slope1", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def slope1():
    return xr.DataArray([1.5, -2.5, 4.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="slope2", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def slope2():
    return xr.DataArray([-1.5, 1.5], {"dim2": _subscript_dict["dim2"]}, ["dim2"])


@component.add(
    name="slope3",
    subscripts=["dim2", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def slope3():
    return xr.DataArray(
        [[3.1, 0.4], [-0.3, -1.5]],
        {"dim2": _subscript_dict["dim2"], "dim3": _subscript_dict["dim3"]},
        ["dim2", "dim3"],
    )


@component.add(name="start1", comp_type="Constant", comp_subtype="Normal")
def start1():
    return 1


@component.add(
    name="start2", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def start2():
    return xr.DataArray([2.0, 4.0, 3.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="start3", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def start3():
    return xr.DataArray([2.5, 3.25], {"dim2": _subscript_dict["dim2"]}, ["dim2"])


@component.add(
    name="start4", subscripts=["dim3"], comp_type="Constant", comp_subtype="Normal"
)
def start4():
    return xr.DataArray([0.0, 1.0], {"dim3": _subscript_dict["dim3"]}, ["dim3"])


@component.add(
    name="start5",
    subscripts=["dim2", "dim3"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def start5():
    return xr.DataArray(
        [[1.0, 3.0], [0.5, 1.5]],
        {"dim2": _subscript_dict["dim2"], "dim3": _subscript_dict["dim3"]},
        ["dim2", "dim3"],
    )


@component.add(
    name="STEP1",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"finish2": 1, "start1": 1, "time": 1},
)
def step1():
    return step(__data["time"], finish2(), start1())


@component.add(
    name="STEP2",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"finish1": 1, "start2": 1, "time": 1},
)
def step2():
    return step(__data["time"], finish1(), start2())


@component.add(
    name="STEP3",
    subscripts=["dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"finish4": 1, "start3": 1, "time": 1},
)
def step3():
    return step(__data["time"], finish4(), start3()).transpose("dim2", "dim3")


@component.add(
    name="STEP4",
    subscripts=["dim1", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"finish5": 1, "start4": 1, "time": 1},
)
def step4():
    return step(__data["time"], finish5(), start4())


@component.add(
    name="STEP5",
    subscripts=["dim1", "dim2", "dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"finish3": 1, "start5": 1, "time": 1},
)
def step5():
    return step(__data["time"], finish3(), start5())
