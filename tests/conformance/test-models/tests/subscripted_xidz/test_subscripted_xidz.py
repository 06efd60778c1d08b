"""
Python model 'test_subscripted_xidz.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import zidz, xidz
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
    name="xidz s va s",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "scalar1": 1},
)
def xidz_s_va_s():
    return xidz(10, var1a(), scalar1() + 1)


@component.add(
    name="xidz s va va",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 2},
)
def xidz_s_va_va():
    return xidz(scalar1() + 1, var1a(), var1a() + 1)


@component.add(
    name="xidz s s s",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 3},
)
def xidz_s_s_s():
    return xidz(scalar1(), scalar1(), scalar1() + 1)


@component.add(
    name="xidz va s s",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "scalar1": 2},
)
def xidz_va_s_s():
    return xidz(
        var1a(),
        xr.DataArray(scalar1(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        scalar1() + 1,
    )


@component.add(
    name="xidz va vb vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "var1b": 2},
)
def xidz_va_vb_vb():
    return xidz(
        var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
        (var1b() + 1).expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="xidz m va vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix1": 1, "var1a": 1, "var1b": 1},
)
def xidz_m_va_vb():
    return xidz(
        matrix1(),
        var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="zidz s s",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 2},
)
def zidz_s_s():
    return zidz(scalar1() + 1, scalar1())


@component.add(
    name="zidz s va",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 1},
)
def zidz_s_va():
    return zidz(
        xr.DataArray(scalar1(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]), var1a()
    )


@component.add(
    name="xidz s s va",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 2, "var1a": 1},
)
def xidz_s_s_va():
    return xidz(
        xr.DataArray(scalar1(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        xr.DataArray(scalar1(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
        var1a(),
    )


@component.add(
    name="zidz va vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "var1b": 1},
)
def zidz_va_vb():
    return zidz(
        var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="zidz m va",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix1": 1, "var1a": 1},
)
def zidz_m_va():
    return zidz(matrix1(), var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1))


@component.add(
    name="zidz va s",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"var1a": 1, "scalar1": 1},
)
def zidz_va_s():
    return zidz(var1a(), scalar1())


@component.add(
    name="xidz s m vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "matrix1": 1, "var1b": 1},
)
def xidz_s_m_vb():
    return xidz(
        scalar1() + 1,
        matrix1(),
        var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="xidz s va m",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 1, "matrix1": 1},
)
def xidz_s_va_m():
    return xidz(
        scalar1() + 1,
        var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        matrix1(),
    )


@component.add(
    name="xidz s va vb",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"scalar1": 1, "var1a": 1, "var1b": 1},
)
def xidz_s_va_vb():
    return xidz(
        scalar1() + 1,
        var1a().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
        var1b().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    )


@component.add(
    name="matrix1",
    subscripts=["dim1", "dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix1():
    return xr.DataArray(
        [[3.0, 5.0], [0.0, -11.0], [-6.0, 0.0]],
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
    return xr.DataArray([-1.0, 0.0, 5.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"])


@component.add(
    name="var1b", subscripts=["dim2"], comp_type="Constant", comp_subtype="Normal"
)
def var1b():
    return xr.DataArray([50.0, 0.0], {"dim2": _subscript_dict["dim2"]}, ["dim2"])
