"""
Python model 'test_except_subranges.py'
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
    "REGION": ["A", "B", "C"],
    "SEC ALL": ["X", "Y", "W", "Z"],
    "SEC ALL MAP": ["X", "Y", "W", "Z"],
    "SEC A": ["X", "Z"],
    "SEC B": ["Y", "W"],
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
    name="origin",
    subscripts=["REGION", "SEC A", "SEC ALL MAP"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def origin():
    return xr.DataArray(
        1,
        {
            "REGION": _subscript_dict["REGION"],
            "SEC A": _subscript_dict["SEC A"],
            "SEC ALL MAP": _subscript_dict["SEC ALL MAP"],
        },
        ["REGION", "SEC A", "SEC ALL MAP"],
    )


@component.add(
    name="my var",
    subscripts=["REGION", "SEC ALL", "SEC ALL MAP"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"origin": 1},
)
def my_var():
    value = xr.DataArray(
        np.nan,
        {
            "REGION": _subscript_dict["REGION"],
            "SEC ALL": _subscript_dict["SEC ALL"],
            "SEC ALL MAP": _subscript_dict["SEC ALL MAP"],
        },
        ["REGION", "SEC ALL", "SEC ALL MAP"],
    )
    except_subs = xr.zeros_like(value, dtype=bool)
    except_subs.loc[:, _subscript_dict["SEC A"], :] = True
    except_subs.loc[["C"], _subscript_dict["SEC A"], :] = False
    value.values[except_subs.values] = origin().values[
        except_subs.loc[:, _subscript_dict["SEC A"], :].values
    ]
    value.loc[:, _subscript_dict["SEC B"], :] = 2
    value.loc[["C"], _subscript_dict["SEC A"], :] = 3
    return value


@component.add(
    name="origin2",
    subscripts=["REGION", "SEC ALL", "SEC ALL MAP"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def origin2():
    return xr.DataArray(
        10,
        {
            "REGION": _subscript_dict["REGION"],
            "SEC ALL": _subscript_dict["SEC ALL"],
            "SEC ALL MAP": _subscript_dict["SEC ALL MAP"],
        },
        ["REGION", "SEC ALL", "SEC ALL MAP"],
    )


@component.add(
    name="my var2",
    subscripts=["REGION", "SEC ALL", "SEC A"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"origin2": 1},
)
def my_var2():
    value = xr.DataArray(
        np.nan,
        {
            "REGION": _subscript_dict["REGION"],
            "SEC ALL": _subscript_dict["SEC ALL"],
            "SEC A": _subscript_dict["SEC A"],
        },
        ["REGION", "SEC ALL", "SEC A"],
    )
    except_subs = xr.zeros_like(value, dtype=bool)
    except_subs.loc[:, :, ["X"]] = True
    except_subs.loc[["C"], :, ["X"]] = False
    value.values[except_subs.values] = (
        origin2()
        .loc[:, :, "X"]
        .reset_coords(drop=True)
        .expand_dims({"SEC ALL MAP": ["X"]}, 2)
        .values[except_subs.loc[:, :, ["X"]].values]
    )
    value.loc[["C"], :, ["X"]] = 20
    value.loc[:, :, ["Z"]] = 30
    return value
