"""
Python model 'test_subscript_transposition.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import sum
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "sector1": ["agriculture", "industry", "transport", "tourism", "comercial"],
    "sector": ["agriculture", "industry", "transport", "tourism", "comercial"],
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
    name="input", subscripts=["sector"], comp_type="Constant", comp_subtype="Normal"
)
def input_1():
    return xr.DataArray(
        [1.0, 10.0, 5.0, 7.0, 9.0], {"sector": _subscript_dict["sector"]}, ["sector"]
    )


@component.add(
    name="output2",
    subscripts=["sector1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_1": 1, "io_matrix": 1},
)
def output2():
    return sum(
        input_1().rename({"sector": "sector!"})
        * io_matrix()
        .rename({"sector": "sector1", "sector1": "sector!"})
        .transpose("sector!", "sector1"),
        dim=["sector!"],
    )


@component.add(
    name="output",
    subscripts=["sector1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_1": 1, "io_matrix": 1},
)
def output():
    return sum(
        input_1().rename({"sector": "sector!"})
        * io_matrix().rename({"sector": "sector!"}),
        dim=["sector!"],
    )


@component.add(
    name="io matrix",
    subscripts=["sector", "sector1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def io_matrix():
    return xr.DataArray(
        [
            [1.0, 2.0, 3.0, 4.0, 5.0],
            [10.0, 20.0, 30.0, 40.0, 50.0],
            [1.0, 2.0, 3.0, 4.0, 5.0],
            [2.0, 3.0, 4.0, 5.0, 6.0],
            [-1.0, 2.0, -3.0, 4.0, -5.0],
        ],
        {"sector": _subscript_dict["sector"], "sector1": _subscript_dict["sector1"]},
        ["sector", "sector1"],
    )
