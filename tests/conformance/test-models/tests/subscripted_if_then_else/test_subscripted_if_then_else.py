"""
Python model 'test_subscripted_if_then_else.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import if_then_else
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"dim1": ["A", "B", "C"], "dim2": ["D", "E"]}

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
    name="if then else s s va",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 2, "var1a": 1},
)
def if_then_else_s_s_va():
    return if_then_else(
        scalar1() > 0,
        lambda: xr.DataArray(
            scalar1() + 1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]
        ),
        lambda: var1a(),
    )


@component.add(
    name="if then else m va vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix1": 1, "var1a": 1, "var1b": 1},
)
def if_then_else_m_va_vb():
    return if_then_else(
        matrix1() > 0,
        lambda: var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        lambda: var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="if then else va vb vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "var1b": 2},
)
def if_then_else_va_vb_vb():
    return if_then_else(
        (var1a() > 0).expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        lambda: var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
        lambda: (var1b() + 1).expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="if then else s s s",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 3},
)
def if_then_else_s_s_s():
    return if_then_else(scalar1() > 0, lambda: scalar1(), lambda: scalar1() + 1)


@component.add(
    name="if then else s va s",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 2, "var1a": 1},
)
def if_then_else_s_va_s():
    return if_then_else(
        scalar1() > 0,
        lambda: var1a(),
        lambda: xr.DataArray(
            scalar1() + 1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]
        ),
    )


@component.add(
    name="if then else va s s",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "scalar1": 2},
)
def if_then_else_va_s_s():
    return if_then_else(
        var1a() > 0,
        lambda: xr.DataArray(scalar1(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        lambda: xr.DataArray(
            scalar1() + 1, {"dim1": _subscript_dict["dim1"]}, ["dim1"]
        ),
    )


@component.add(
    name="if then else s va va",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 2},
)
def if_then_else_s_va_va():
    return if_then_else(scalar1() > 0, lambda: var1a(), lambda: var1a() + 1)


@component.add(
    name="if then else s m vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "matrix1": 1, "var1b": 1},
)
def if_then_else_s_m_vb():
    return if_then_else(
        scalar1() <= 0,
        lambda: matrix1(),
        lambda: var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="if then else s va m",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 1, "matrix1": 1},
)
def if_then_else_s_va_m():
    return if_then_else(
        scalar1() > 0,
        lambda: var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        lambda: matrix1(),
    )


@component.add(
    name="if then else s va vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 1, "var1b": 1},
)
def if_then_else_s_va_vb():
    return if_then_else(
        scalar1() > 0,
        lambda: var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        lambda: var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="matrix1",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix1():
    return xr.DataArray(
        [[3.0, 5.0], [7.0, -11.0], [-6.0, 10.0]],
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )


@component.add(name="scalar1", comp_type="Constant", comp_subtype="Normal")
def scalar1():
    return 0


@component.add(
    name="var1a", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def var1a():
    return xr.DataArray([-1.0, -10.0, 5.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="var1b", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def var1b():
    return xr.DataArray([50.0, 100.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"])
