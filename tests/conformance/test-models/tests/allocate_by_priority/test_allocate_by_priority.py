"""
Python model 'test_allocate_by_priority.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.allocation import allocate_by_priority
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim4": ["G", "H", "I"],
    "dim3": ["X", "Y"],
    "dim": ["A", "B", "C"],
    "dim2": ["A", "B", "C", "D", "E"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 35,
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


@component.add(
    name="allocation2",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demands2": 1, "priorities2": 1, "supply_0d": 1},
)
def allocation2():
    return allocate_by_priority(demands2(), priorities2(), 3, supply_0d())


@component.add(
    name="priorities2", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def priorities2():
    return xr.DataArray(
        [5.0, 3.0, 0.0, 1.5, 4.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="allocation3D",
    subscripts=["dim3", "dim2", "dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demands3": 1, "priorities3": 1, "width3": 1, "supply3": 1},
)
def allocation3d():
    return allocate_by_priority(
        demands3()
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 0)
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        priorities3().expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        width3().expand_dims({"dim3": _subscript_dict["dim3"]}, 1),
        supply3().expand_dims({"dim2": _subscript_dict["dim2"]}, 0),
    ).transpose("dim3", "dim2", "dim")


@component.add(
    name="allocation4d",
    subscripts=["dim", "dim3", "dim4", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demands4": 1, "priorities4": 1, "width4": 1, "supply4": 1},
)
def allocation4d():
    return allocate_by_priority(
        demands4()
        .expand_dims({"dim": _subscript_dict["dim"]}, 1)
        .expand_dims({"dim4": _subscript_dict["dim4"]}, 2),
        priorities4()
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 0)
        .expand_dims({"dim4": _subscript_dict["dim4"]}, 2),
        width4()
        .expand_dims({"dim3": _subscript_dict["dim3"]}, 0)
        .expand_dims({"dim": _subscript_dict["dim"]}, 1),
        supply4()
        .expand_dims({"dim": _subscript_dict["dim"]}, 1)
        .expand_dims({"dim4": _subscript_dict["dim4"]}, 2),
    ).transpose("dim", "dim3", "dim4", "dim2")


@component.add(
    name="priorities4",
    subscripts=["dim", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priorities4():
    return xr.DataArray(
        [
            [1.0, 10.0, 2.0, 1.0, 8.0],
            [1.5, 3.0, 0.0, 1.5, 4.0],
            [7.0, 1.0, 3.0, 4.0, 0.5],
        ],
        {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
        ["dim", "dim2"],
    )


@component.add(
    name="demands2", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def demands2():
    return xr.DataArray(
        [8.0, 1.0, 3.0, 4.0, 0.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="width3", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def width3():
    return xr.DataArray(
        [1.0, 2.0, 0.5, 3.0, 10.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    )


@component.add(
    name="demands3", subscripts=["dim"], comp_type="Constant", comp_subtype="Normal"
)
def demands3():
    return xr.DataArray([10.0, 20.0, 5.0], {"dim": _subscript_dict["dim"]}, ["dim"])


@component.add(
    name="demands4",
    subscripts=["dim3", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def demands4():
    return xr.DataArray(
        [[10.0, 4.0, 6.0, 5.0, 4.0], [8.0, 5.0, 6.0, 4.0, 7.0]],
        {"dim3": _subscript_dict["dim3"], "dim2": _subscript_dict["dim2"]},
        ["dim3", "dim2"],
    )


@component.add(
    name="supply4",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def supply4():
    value = xr.DataArray(np.nan, {"dim3": _subscript_dict["dim3"]}, ["dim3"])
    value.loc[["X"]] = time()
    value.loc[["Y"]] = 3 * time()
    return value


@component.add(
    name="width4", subscripts=["dim4"], comp_type="Constant", comp_subtype="Normal"
)
def width4():
    return xr.DataArray([5.0, 3.5, 4.0], {"dim4": _subscript_dict["dim4"]}, ["dim4"])


@component.add(
    name="priorities3",
    subscripts=["dim2", "dim"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priorities3():
    return xr.DataArray(
        [
            [1.0, 10.0, 2.0],
            [5.0, 3.0, 0.0],
            [7.0, 1.0, 3.0],
            [1.0, 2.0, 3.0],
            [0.1, 0.3, 0.8],
        ],
        {"dim2": _subscript_dict["dim2"], "dim": _subscript_dict["dim"]},
        ["dim2", "dim"],
    )


@component.add(
    name="supply3",
    subscripts=["dim3"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def supply3():
    value = xr.DataArray(np.nan, {"dim3": _subscript_dict["dim3"]}, ["dim3"])
    value.loc[["X"]] = time()
    value.loc[["Y"]] = 2 * time() + 1
    return value


@component.add(
    name="demands2D",
    subscripts=["dim", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def demands2d():
    return xr.DataArray(
        [
            [6.0, 3.0, 3.0, 3.0, 1.0],
            [8.0, 1.0, 3.0, 4.0, 0.0],
            [0.6, 0.0, 3.0, 3.0, 1.0],
        ],
        {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
        ["dim", "dim2"],
    )


@component.add(
    name="priorities2D",
    subscripts=["dim", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priorities2d():
    return xr.DataArray(
        [
            [1.0, 10.0, 2.0, 1.0, 0.0],
            [5.0, 3.0, 0.0, 1.5, 4.0],
            [7.0, -2.0, 3.0, 4.0, 0.5],
        ],
        {"dim": _subscript_dict["dim"], "dim2": _subscript_dict["dim2"]},
        ["dim", "dim2"],
    )


@component.add(
    name="supply 1D",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 3},
)
def supply_1d():
    value = xr.DataArray(np.nan, {"dim": _subscript_dict["dim"]}, ["dim"])
    value.loc[["A"]] = time()
    value.loc[["B"]] = 10 + time()
    value.loc[["C"]] = time() / 2 + 1
    return value


@component.add(
    name="allocation2D",
    subscripts=["dim", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demands2d": 1, "priorities2d": 1, "widths": 1, "supply_1d": 1},
)
def allocation2d():
    return allocate_by_priority(demands2d(), priorities2d(), widths(), supply_1d())


@component.add(
    name="widths", subscripts=["dim"], comp_type="Constant", comp_subtype="Normal"
)
def widths():
    return xr.DataArray([2.0, 3.0, 3.0], {"dim": _subscript_dict["dim"]}, ["dim"])


@component.add(
    name="allocation1",
    subscripts=["dim"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demands1": 1, "priorities1": 1, "supply_0d": 1},
)
def allocation1():
    return allocate_by_priority(demands1(), priorities1(), 3, supply_0d())


@component.add(
    name="demands1", subscripts=["dim"], comp_type="Constant", comp_subtype="Normal"
)
def demands1():
    return xr.DataArray([10.0, 6.0, 3.0], {"dim": _subscript_dict["dim"]}, ["dim"])


@component.add(
    name="priorities1", subscripts=["dim"], comp_type="Constant", comp_subtype="Normal"
)
def priorities1():
    return xr.DataArray([2.0, 4.0, 3.0], {"dim": _subscript_dict["dim"]}, ["dim"])


@component.add(
    name="supply 0D",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def supply_0d():
    return time()
