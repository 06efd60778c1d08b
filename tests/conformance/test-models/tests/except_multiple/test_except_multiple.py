"""
Python model 'test_except_multiple.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "dim1": [
        "sub1",
        "sub2",
        "sub3",
        "sub4",
        "sub5",
        "sub6",
        "sub7",
        "sub8",
        "sub9",
        "sub10",
    ],
    "dim1up": ["sub1", "sub2", "sub3", "sub4", "sub5"],
    "dim2": ["d1", "d2", "d3", "d4", "d5"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 10,
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
    name="my except var dim",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"my_var_dim": 2, "my_var_dim2": 2},
)
def my_except_var_dim():
    value = xr.DataArray(
        np.nan,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )
    except_subs = xr.ones_like(value, dtype=bool)
    except_subs.loc[_subscript_dict["dim1up"], ["d1"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d3"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d5"]] = False
    value.values[except_subs.values] = (
        my_var_dim()
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1)
        .values[except_subs.values]
    )
    except_subs = xr.zeros_like(value, dtype=bool)
    except_subs.loc[_subscript_dict["dim1up"], :] = True
    except_subs.loc[_subscript_dict["dim1up"], ["d2"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d3"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d4"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d5"]] = False
    value.values[except_subs.values] = (
        my_var_dim2()
        .loc[_subscript_dict["dim1up"]]
        .rename({"dim1": "dim1up"})
        .expand_dims({"dim2": _subscript_dict["dim2"]}, 1)
        .values[except_subs.loc[_subscript_dict["dim1up"], :].values]
    )
    value.loc[_subscript_dict["dim1up"], ["d3"]] = (
        (3 * my_var_dim().loc[_subscript_dict["dim1up"]].rename({"dim1": "dim1up"}))
        .expand_dims({"dim2": ["d3"]}, 1)
        .values
    )
    value.loc[_subscript_dict["dim1up"], ["d5"]] = (
        (10 * my_var_dim2().loc[_subscript_dict["dim1up"]].rename({"dim1": "dim1up"}))
        .expand_dims({"dim2": ["d5"]}, 1)
        .values
    )
    return value


@component.add(
    name="my var dim",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def my_var_dim():
    return (
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        * time()
    )


@component.add(
    name="my var dim2",
    subscripts=["dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def my_var_dim2():
    return (
        1
        - xr.DataArray(
            np.arange(1, len(_subscript_dict["dim1"]) + 1),
            {"dim1": _subscript_dict["dim1"]},
            ["dim1"],
        )
        * time()
    )


@component.add(
    name="my except var",
    subscripts=["dim1", "dim2"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 4},
)
def my_except_var():
    value = xr.DataArray(
        np.nan,
        {"dim1": _subscript_dict["dim1"], "dim2": _subscript_dict["dim2"]},
        ["dim1", "dim2"],
    )
    except_subs = xr.ones_like(value, dtype=bool)
    except_subs.loc[_subscript_dict["dim1up"], ["d1"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d3"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d5"]] = False
    value.values[except_subs.values] = time()
    except_subs = xr.zeros_like(value, dtype=bool)
    except_subs.loc[_subscript_dict["dim1up"], :] = True
    except_subs.loc[_subscript_dict["dim1up"], ["d2"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d3"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d4"]] = False
    except_subs.loc[_subscript_dict["dim1up"], ["d5"]] = False
    value.values[except_subs.values] = -time()
    value.loc[_subscript_dict["dim1up"], ["d3"]] = 2 * time()
    value.loc[_subscript_dict["dim1up"], ["d5"]] = -2 * time()
    return value
