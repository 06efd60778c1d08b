"""
Python model 'test_except.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "product": ["p1", "p2", "p3", "p4", "p5"],
    "store": ["s1", "s2", "s3", "s4"],
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
    name="init inventory",
    subscripts=["store", "product"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def init_inventory():
    return xr.DataArray(
        100,
        {"store": _subscript_dict["store"], "product": _subscript_dict["product"]},
        ["store", "product"],
    )


@component.add(
    name="inventory",
    units="units",
    subscripts=["store", "product"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_inventory": 1, "_integ_inventory_1": 1},
    other_deps={
        "_integ_inventory": {
            "initial": {"init_inventory": 1},
            "step": {"receipts": 1, "sales": 1},
        },
        "_integ_inventory_1": {
            "initial": {"init_inventory": 1},
            "step": {"receipts": 1, "sales": 1, "special_giveaways": 1},
        },
    },
)
def inventory():
    """
    Inventory content.
    """
    value = xr.DataArray(
        np.nan,
        {"store": _subscript_dict["store"], "product": _subscript_dict["product"]},
        ["store", "product"],
    )
    except_subs = xr.ones_like(value, dtype=bool)
    except_subs.loc[["s3"], ["p5"]] = False
    value.values[except_subs.values] = _integ_inventory().values[except_subs.values]
    value.loc[["s3"], ["p5"]] = _integ_inventory_1().values
    return value


_integ_inventory = Integ(
    lambda: receipts() - sales(), lambda: init_inventory(), "_integ_inventory"
)

_integ_inventory_1 = Integ(
    lambda: xr.DataArray(
        float(receipts().loc["s3", "p5"])
        - float(sales().loc["s3", "p5"])
        - special_giveaways(),
        {"store": ["s3"], "product": ["p5"]},
        ["store", "product"],
    ),
    lambda: xr.DataArray(
        float(init_inventory().loc["s3", "p5"]),
        {"store": ["s3"], "product": ["p5"]},
        ["store", "product"],
    ),
    "_integ_inventory_1",
)


@component.add(
    name="receipts",
    subscripts=["store", "product"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def receipts():
    return xr.DataArray(
        time(),
        {"store": _subscript_dict["store"], "product": _subscript_dict["product"]},
        ["store", "product"],
    )


@component.add(
    name="sales",
    subscripts=["store", "product"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def sales():
    return xr.DataArray(
        float(np.maximum(0, float(np.sin(time() - 2)))),
        {"store": _subscript_dict["store"], "product": _subscript_dict["product"]},
        ["store", "product"],
    )


@component.add(
    name="special giveaways",
    units="units",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "inventory": 1},
)
def special_giveaways():
    """
    Special give aways.
    """
    return 0.1 * (1 + float(np.sin(time()))) * float(inventory().loc["s3", "p5"])
