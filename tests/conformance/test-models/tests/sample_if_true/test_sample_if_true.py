"""
Python model 'test_sample_if_true.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import SampleIfTrue
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
    name="sample 111",
    subscripts=["dim1", "dim2"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_111": 1},
    other_deps={
        "_sampleiftrue_sample_111": {
            "initial": {"var_initial": 1},
            "step": {"oscilating_var_dim": 1, "var": 1},
        }
    },
)
def sample_111():
    return _sampleiftrue_sample_111()


_sampleiftrue_sample_111 = SampleIfTrue(
    lambda: (oscilating_var_dim() < 0).expand_dims(
        {"dim2": _subscript_dict["dim2"]}, 1
    ),
    lambda: var().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    lambda: var_initial().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
    "_sampleiftrue_sample_111",
)


@component.add(
    name="oscilating var dim",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"oscilating_var": 3, "time": 1},
)
def oscilating_var_dim():
    value = xr.DataArray(np.nan, {"dim1": _subscript_dict["dim1"]}, ["dim1"])
    value.loc[["A"]] = oscilating_var() + time() * 0.1
    value.loc[["B"]] = -oscilating_var()
    value.loc[["C"]] = oscilating_var() * 2 - 1
    return value


@component.add(
    name="sample 001",
    subscripts=["dim1"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_001": 1},
    other_deps={
        "_sampleiftrue_sample_001": {
            "initial": {"var_initial": 1},
            "step": {"oscilating_var": 1, "time_in_seconds": 1},
        }
    },
)
def sample_001():
    return _sampleiftrue_sample_001()


_sampleiftrue_sample_001 = SampleIfTrue(
    lambda: xr.DataArray(
        oscilating_var() > 0, {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    ),
    lambda: xr.DataArray(
        time_in_seconds(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    ),
    lambda: var_initial(),
    "_sampleiftrue_sample_001",
)


@component.add(
    name="sample 010",
    subscripts=["dim2"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_010": 1},
    other_deps={
        "_sampleiftrue_sample_010": {
            "initial": {},
            "step": {"oscilating_var": 1, "var": 1},
        }
    },
)
def sample_010():
    return _sampleiftrue_sample_010()


_sampleiftrue_sample_010 = SampleIfTrue(
    lambda: xr.DataArray(
        oscilating_var() > 0, {"dim2": _subscript_dict["dim2"]}, ["dim2"]
    ),
    lambda: var(),
    lambda: xr.DataArray(-90, {"dim2": _subscript_dict["dim2"]}, ["dim2"]),
    "_sampleiftrue_sample_010",
)


@component.add(
    name="sample 011",
    subscripts=["dim1", "dim2"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_011": 1},
    other_deps={
        "_sampleiftrue_sample_011": {
            "initial": {"var_initial": 1},
            "step": {"oscilating_var": 1, "var": 1},
        }
    },
)
def sample_011():
    return _sampleiftrue_sample_011()


_sampleiftrue_sample_011 = SampleIfTrue(
    lambda: xr.DataArray(
        oscilating_var() > 0,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    ),
    lambda: var().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    lambda: var_initial().expand_dims({"dim2": _subscript_dict["dim2"]}, 1),
    "_sampleiftrue_sample_011",
)


@component.add(
    name="sample 100",
    subscripts=["dim1"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_100": 1},
    other_deps={
        "_sampleiftrue_sample_100": {
            "initial": {},
            "step": {"oscilating_var_dim": 1, "time_in_seconds": 1},
        }
    },
)
def sample_100():
    return _sampleiftrue_sample_100()


_sampleiftrue_sample_100 = SampleIfTrue(
    lambda: oscilating_var_dim() < 0,
    lambda: xr.DataArray(
        time_in_seconds(), {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    ),
    lambda: xr.DataArray(100, {"dim1": _subscript_dict["dim1"]}, ["dim1"]),
    "_sampleiftrue_sample_100",
)


@component.add(
    name="sample 110",
    subscripts=["dim1", "dim2"],
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_110": 1},
    other_deps={
        "_sampleiftrue_sample_110": {
            "initial": {},
            "step": {"oscilating_var_dim": 1, "var": 1},
        }
    },
)
def sample_110():
    return _sampleiftrue_sample_110()


_sampleiftrue_sample_110 = SampleIfTrue(
    lambda: (oscilating_var_dim() < 0).expand_dims(
        {"dim2": _subscript_dict["dim2"]}, 1
    ),
    lambda: var().expand_dims({"dim1": _subscript_dict["dim1"]}, 0),
    lambda: xr.DataArray(
        -30,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    ),
    "_sampleiftrue_sample_110",
)


@component.add(
    name="var",
    subscripts=["dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_in_seconds": 2},
)
def var():
    value = xr.DataArray(np.nan, {"dim2": _subscript_dict["dim2"]}, ["dim2"])
    value.loc[["D"]] = time_in_seconds() * 10
    value.loc[["E"]] = -time_in_seconds()
    return value


@component.add(
    name="var initial", subscripts=["dim1"], comp_type="Constant", comp_subtype="Normal"
)
def var_initial():
    return xr.DataArray(
        [100.0, -10.0, 50.0], {"dim1": _subscript_dict["dim1"]}, ["dim1"]
    )


@component.add(
    name="oscilating var",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def oscilating_var():
    return float(np.sin(float(np.exp(0.5 * time()))))


@component.add(
    name="sample simple",
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_simple": 1},
    other_deps={
        "_sampleiftrue_sample_simple": {
            "initial": {},
            "step": {"oscilating_var": 1, "time_in_seconds": 1},
        }
    },
)
def sample_simple():
    return _sampleiftrue_sample_simple()


_sampleiftrue_sample_simple = SampleIfTrue(
    lambda: oscilating_var() < 0,
    lambda: time_in_seconds(),
    lambda: 100,
    "_sampleiftrue_sample_simple",
)


@component.add(
    name="sample var",
    comp_type="Stateful",
    comp_subtype="SampleIfTrue",
    depends_on={"_sampleiftrue_sample_var": 1},
    other_deps={
        "_sampleiftrue_sample_var": {
            "initial": {"time_in_seconds": 1},
            "step": {"oscilating_var": 1, "time_in_seconds": 1},
        }
    },
)
def sample_var():
    return _sampleiftrue_sample_var()


_sampleiftrue_sample_var = SampleIfTrue(
    lambda: oscilating_var() > 0,
    lambda: time_in_seconds(),
    lambda: time_in_seconds(),
    "_sampleiftrue_sample_var",
)


@component.add(
    name="time in seconds",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def time_in_seconds():
    return time() * 60
