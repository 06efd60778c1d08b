"""
Python model 'test_conditional_subscripts.py'
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


_subscript_dict = {
    "dim": [
        "sec1",
        "sec2",
        "sec3",
        "sec4",
        "sec5",
        "sec6",
        "sec7",
        "sec8",
        "sec9",
        "sec10",
    ],
    "dimA": ["A", "B", "C"],
    "dimb": [
        "secb1",
        "secb2",
        "secb3",
        "secb4",
        "secb5",
        "secb6",
        "secb7",
        "secb8",
        "secb9",
        "secb10",
    ],
    "dimc": ["secc1", "secc2", "secc3", "secc4", "secc5", "secc6", "secc7", "secc8"],
    "dimD": ["D", "E", "F"],
    "dimG": ["G", "H"],
    "subA": ["B", "A"],
}

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
    name="Matrix5",
    subscripts=["dim", "subA"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix5():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        == xr.DataArray(np.array([2, 1]), {"subA": _subscript_dict["subA"]}, ["subA"]),
        lambda: xr.DataArray(
            1,
            {"dim": _subscript_dict["dim"], "subA": _subscript_dict["subA"]},
            ["dim", "subA"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim": _subscript_dict["dim"], "subA": _subscript_dict["subA"]},
            ["dim", "subA"],
        ),
    )


@component.add(
    name="Matrix1",
    subscripts=["dim", "dimb"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix1():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dimb"]) + 1),
            {"dimb": _subscript_dict["dimb"]},
            ["dimb"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim": _subscript_dict["dim"], "dimb": _subscript_dict["dimb"]},
            ["dim", "dimb"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim": _subscript_dict["dim"], "dimb": _subscript_dict["dimb"]},
            ["dim", "dimb"],
        ),
    )


@component.add(
    name="Matrix2",
    subscripts=["dim", "dimc"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix2():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dimc"]) + 1),
            {"dimc": _subscript_dict["dimc"]},
            ["dimc"],
        ),
        lambda: xr.DataArray(
            1,
            {"dim": _subscript_dict["dim"], "dimc": _subscript_dict["dimc"]},
            ["dim", "dimc"],
        ),
        lambda: xr.DataArray(
            0,
            {"dim": _subscript_dict["dim"], "dimc": _subscript_dict["dimc"]},
            ["dim", "dimc"],
        ),
    )


@component.add(
    name="Matrix3",
    subscripts=["dimA", "dimD"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix3():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dimD"]) + 1),
            {"dimD": _subscript_dict["dimD"]},
            ["dimD"],
        ),
        lambda: xr.DataArray(
            1,
            {"dimA": _subscript_dict["dimA"], "dimD": _subscript_dict["dimD"]},
            ["dimA", "dimD"],
        ),
        lambda: xr.DataArray(
            0,
            {"dimA": _subscript_dict["dimA"], "dimD": _subscript_dict["dimD"]},
            ["dimA", "dimD"],
        ),
    )


@component.add(
    name="Matrix4",
    subscripts=["dimA", "subA"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix4():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        )
        == xr.DataArray(np.array([2, 1]), {"subA": _subscript_dict["subA"]}, ["subA"]),
        lambda: xr.DataArray(
            1,
            {"dimA": _subscript_dict["dimA"], "subA": _subscript_dict["subA"]},
            ["dimA", "subA"],
        ),
        lambda: xr.DataArray(
            0,
            {"dimA": _subscript_dict["dimA"], "subA": _subscript_dict["subA"]},
            ["dimA", "subA"],
        ),
    )


@component.add(
    name="Vector1", subscripts=["dimA"], comp_type="Constant", comp_subtype="Normal"
)
def vector1():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        )
        == xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        ),
        lambda: xr.DataArray(1, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
        lambda: xr.DataArray(0, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
    )


@component.add(
    name="Vector2", subscripts=["dimA"], comp_type="Constant", comp_subtype="Normal"
)
def vector2():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        )
        == 2,
        lambda: xr.DataArray(1, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
        lambda: xr.DataArray(0, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
    )


@component.add(
    name="Vector3", subscripts=["dimA"], comp_type="Constant", comp_subtype="Normal"
)
def vector3():
    return if_then_else(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dimA"]) + 1),
            {"dimA": _subscript_dict["dimA"]},
            ["dimA"],
        )
        == 3,
        lambda: xr.DataArray(1, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
        lambda: xr.DataArray(0, {"dimA": _subscript_dict["dimA"]}, ["dimA"]),
    )
