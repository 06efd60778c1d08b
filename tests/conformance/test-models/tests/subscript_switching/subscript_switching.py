"""
Python model 'subscript_switching.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import sum
from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Cats": ["c1", "c2", "c3", "c4", "c5"],
    "dummy": ["c1", "c2", "c3", "c4", "c5"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 100,
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
    name="Categories",
    subscripts=["Cats"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_categories": 1},
    other_deps={
        "_integ_categories": {
            "initial": {"initial_categories": 1},
            "step": {"switching_in": 1, "switching_out": 1},
        }
    },
)
def categories():
    return _integ_categories()


_integ_categories = Integ(
    lambda: switching_in().rename({"dummy": "Cats"}) - switching_out(),
    lambda: initial_categories(),
    "_integ_categories",
)


@component.add(
    name="Switching In",
    subscripts=["dummy"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"gain": 1, "categories": 1, "transition_matrix": 1},
)
def switching_in():
    return gain() * sum(
        transition_matrix().rename({"Cats": "Cats!"})
        * categories().rename({"Cats": "Cats!"}),
        dim=["Cats!"],
    )


@component.add(
    name="Switching Out",
    subscripts=["Cats"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"gain": 1, "categories": 1, "transition_matrix": 1},
)
def switching_out():
    return gain() * sum(
        transition_matrix().rename({"dummy": "dummy!"}) * categories(), dim=["dummy!"]
    )


@component.add(name="Gain", comp_type="Constant", comp_subtype="Normal")
def gain():
    return 0.1


@component.add(
    name="Total",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"categories": 1},
)
def total():
    return sum(categories().rename({"Cats": "Cats!"}), dim=["Cats!"])


@component.add(
    name="Initial Categories",
    subscripts=["Cats"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_categories():
    return xr.DataArray(
        [1.0, 0.0, 0.0, 0.0, 0.0], {"Cats": _subscript_dict["Cats"]}, ["Cats"]
    )


@component.add(
    name="Transition Matrix",
    subscripts=["Cats", "dummy"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def transition_matrix():
    return xr.DataArray(
        [
            [0.0, 0.3, 0.2, 0.4, 0.1],
            [0.1, 0.0, 0.3, 0.2, 0.4],
            [0.3, 0.4, 0.0, 0.1, 0.2],
            [0.2, 0.1, 0.4, 0.0, 0.3],
            [0.4, 0.2, 0.1, 0.3, 0.0],
        ],
        {"Cats": _subscript_dict["Cats"], "dummy": _subscript_dict["dummy"]},
        ["Cats", "dummy"],
    )
