"""
Python model 'test_allocate_available.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.allocation import allocate_available
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "size": ["small", "medium", "large", "huge"],
    "product": ["A", "B", "C", "D"],
    "branch": ["Boston", "Dayton", "Fresno"],
    "pprofile": ["ptype", "ppriority", "pwidth", "pextra"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 100,
    "time_step": lambda: 4,
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
    name="allocation mixed",
    subscripts=["branch", "product", "size"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand_mixed": 1, "priorities_mixed": 1, "available": 1},
)
def allocation_mixed():
    return allocate_available(
        demand_mixed().expand_dims({"branch": _subscript_dict["branch"]}, 1),
        priorities_mixed().expand_dims({"product": _subscript_dict["product"]}, 0),
        xr.DataArray(
            available(),
            {
                "product": _subscript_dict["product"],
                "branch": _subscript_dict["branch"],
            },
            ["product", "branch"],
        ),
    ).transpose("branch", "product", "size")


@component.add(
    name="allocation zeros",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand_zeros": 1, "priority_zeros": 1, "available": 1},
)
def allocation_zeros():
    return allocate_available(demand_zeros(), priority_zeros(), available())


@component.add(
    name="allocation2 far",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority2_far": 1, "available": 1},
)
def allocation2_far():
    return allocate_available(demand1(), priority2_far(), available())


@component.add(
    name="allocation1 far",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority1_far": 1, "available": 1},
)
def allocation1_far():
    return allocate_available(demand1(), priority1_far(), available())


@component.add(
    name="priority zeros",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority_zeros():
    return xr.DataArray(
        [[1.0, 5.0, 2.0, 0.0], [1.0, 5.0, 50.0, 0.0], [1.0, 23.0, 4.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="allocation3 far",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority3_far": 1, "available": 1},
)
def allocation3_far():
    return allocate_available(demand1(), priority3_far(), available())


@component.add(
    name="demand zeros",
    subscripts=["branch"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def demand_zeros():
    return xr.DataArray(
        [500.0, 0.0, 750.0], {"branch": _subscript_dict["branch"]}, ["branch"]
    )


@component.add(
    name="priority4 far",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority4_far():
    return xr.DataArray(
        [[4.0, 20.0, 1.0, 0.0], [4.0, 7.0, 2.0, 0.0], [4.0, 2.0, 2.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="demand mixed",
    subscripts=["product", "size"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def demand_mixed():
    return xr.DataArray(
        [
            [500.0, 300.0, 750.0, 200.0],
            [550.0, 400.0, 650.0, 220.0],
            [200.0, 600.0, 850.0, 190.0],
            [300.0, 700.0, 350.0, 500.0],
        ],
        {"product": _subscript_dict["product"], "size": _subscript_dict["size"]},
        ["product", "size"],
    )


@component.add(
    name="priorities mixed",
    subscripts=["branch", "size", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priorities_mixed():
    value = xr.DataArray(
        np.nan,
        {
            "branch": _subscript_dict["branch"],
            "size": _subscript_dict["size"],
            "pprofile": _subscript_dict["pprofile"],
        },
        ["branch", "size", "pprofile"],
    )
    value.loc[["Boston"], :, :] = xr.DataArray(
        [
            [
                [1.0, 3.0, 3.0, 0.0],
                [2.0, 5.0, 2.0, 0.0],
                [3.0, 2.0, 1.0, 0.0],
                [4.0, 6.0, 2.0, 0.0],
            ]
        ],
        {
            "branch": ["Boston"],
            "size": _subscript_dict["size"],
            "pprofile": _subscript_dict["pprofile"],
        },
        ["branch", "size", "pprofile"],
    ).values
    value.loc[["Dayton"], :, :] = xr.DataArray(
        [
            [
                [1.0, 4.0, 1.5, 0.0],
                [2.0, 5.0, 2.0, 0.0],
                [3.0, 4.0, 1.0, 0.0],
                [4.0, 6.0, 1.0, 0.0],
            ]
        ],
        {
            "branch": ["Dayton"],
            "size": _subscript_dict["size"],
            "pprofile": _subscript_dict["pprofile"],
        },
        ["branch", "size", "pprofile"],
    ).values
    value.loc[["Fresno"], :, :] = xr.DataArray(
        [
            [
                [1.0, 3.0, 3.0, 0.0],
                [2.0, 2.0, 2.0, 0.0],
                [3.0, 2.0, 2.0, 0.0],
                [4.0, 3.0, 1.0, 0.0],
            ]
        ],
        {
            "branch": ["Fresno"],
            "size": _subscript_dict["size"],
            "pprofile": _subscript_dict["pprofile"],
        },
        ["branch", "size", "pprofile"],
    ).values
    return value


@component.add(
    name="priority3 far",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority3_far():
    return xr.DataArray(
        [[3.0, 20.0, 1.0, 0.0], [3.0, 7.0, 2.0, 0.0], [3.0, 2.0, 2.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="priority2 far",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority2_far():
    return xr.DataArray(
        [[2.0, 20.0, 2.0, 0.0], [2.0, 7.0, 4.0, 0.0], [2.0, 2.0, 4.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="allocation4 far",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority4_far": 1, "available": 1},
)
def allocation4_far():
    return allocate_available(demand1(), priority4_far(), available())


@component.add(
    name="priority1 far",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority1_far():
    return xr.DataArray(
        [[1.0, 20.0, 2.0, 0.0], [1.0, 7.0, 4.0, 0.0], [1.0, 2.0, 4.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="allocation3 sep",
    subscripts=["product", "branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority3_sep": 1, "available_sep": 1},
)
def allocation3_sep():
    return allocate_available(
        demand1().expand_dims({"product": _subscript_dict["product"]}, 0),
        priority3_sep().expand_dims({"product": _subscript_dict["product"]}, 0),
        available_sep(),
    ).transpose("product", "branch")


@component.add(
    name="allocation1 sep",
    subscripts=["product", "branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority1_sep": 1, "available_sep": 1},
)
def allocation1_sep():
    return allocate_available(
        demand1().expand_dims({"product": _subscript_dict["product"]}, 0),
        priority1_sep().expand_dims({"product": _subscript_dict["product"]}, 0),
        available_sep(),
    ).transpose("product", "branch")


@component.add(
    name="allocation4 sep",
    subscripts=["product", "branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority4_sep": 1, "available_sep": 1},
)
def allocation4_sep():
    return allocate_available(
        demand1().expand_dims({"product": _subscript_dict["product"]}, 0),
        priority4_sep().expand_dims({"product": _subscript_dict["product"]}, 0),
        available_sep(),
    ).transpose("product", "branch")


@component.add(
    name="allocation2 sep",
    subscripts=["product", "branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority2_sep": 1, "available_sep": 1},
)
def allocation2_sep():
    return allocate_available(
        demand1().expand_dims({"product": _subscript_dict["product"]}, 0),
        priority2_sep().expand_dims({"product": _subscript_dict["product"]}, 0),
        available_sep(),
    ).transpose("product", "branch")


@component.add(
    name="available sep",
    subscripts=["product"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def available_sep():
    return xr.DataArray(
        [100.0, 220.0, 300.0, 550.0],
        {"product": _subscript_dict["product"]},
        ["product"],
    )


@component.add(
    name="priority3",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority3():
    return xr.DataArray(
        [[3.0, 5.0, 1.0, 0.0], [3.0, 7.0, 2.0, 0.0], [3.0, 3.0, 2.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="priority1 sep",
    subscripts=["branch", "pprofile"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def priority1_sep():
    value = xr.DataArray(
        np.nan,
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )
    value.loc[:, ["ptype"]] = 1
    value.loc[:, ["pwidth"]] = xr.DataArray(
        [[4.0], [2.0], [2.0]],
        {"branch": _subscript_dict["branch"], "pprofile": ["pwidth"]},
        ["branch", "pprofile"],
    ).values
    value.loc[:, ["pextra"]] = 0
    value.loc[["Boston"], ["ppriority"]] = 5 + 0.1 * time()
    value.loc[["Dayton"], ["ppriority"]] = 5
    value.loc[["Fresno"], ["ppriority"]] = 5 - 0.1 * time()
    return value


@component.add(
    name="allocation3",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority3": 1, "available": 1},
)
def allocation3():
    return allocate_available(demand1(), priority3(), available())


@component.add(
    name="allocation4",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority4": 1, "available": 1},
)
def allocation4():
    return allocate_available(demand1(), priority4(), available())


@component.add(
    name="priority4",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority4():
    return xr.DataArray(
        [[4.0, 5.0, 1.0, 0.0], [4.0, 7.0, 2.0, 0.0], [4.0, 3.0, 2.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="priority3 sep",
    subscripts=["branch", "pprofile"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def priority3_sep():
    value = xr.DataArray(
        np.nan,
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )
    value.loc[:, ["ptype"]] = 3
    value.loc[:, ["pwidth"]] = xr.DataArray(
        [[2.0], [1.0], [1.0]],
        {"branch": _subscript_dict["branch"], "pprofile": ["pwidth"]},
        ["branch", "pprofile"],
    ).values
    value.loc[:, ["pextra"]] = 0
    value.loc[["Boston"], ["ppriority"]] = 5 + 0.1 * time()
    value.loc[["Dayton"], ["ppriority"]] = 5
    value.loc[["Fresno"], ["ppriority"]] = 5 - 0.1 * time()
    return value


@component.add(
    name="priority4 sep",
    subscripts=["branch", "pprofile"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def priority4_sep():
    value = xr.DataArray(
        np.nan,
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )
    value.loc[:, ["ptype"]] = 4
    value.loc[:, ["pwidth"]] = xr.DataArray(
        [[2.0], [1.0], [1.0]],
        {"branch": _subscript_dict["branch"], "pprofile": ["pwidth"]},
        ["branch", "pprofile"],
    ).values
    value.loc[:, ["pextra"]] = 0
    value.loc[["Boston"], ["ppriority"]] = 5 + 0.1 * time()
    value.loc[["Dayton"], ["ppriority"]] = 5
    value.loc[["Fresno"], ["ppriority"]] = 5 - 0.1 * time()
    return value


@component.add(
    name="priority2 sep",
    subscripts=["branch", "pprofile"],
    comp_type="Constant, Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2},
)
def priority2_sep():
    value = xr.DataArray(
        np.nan,
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )
    value.loc[:, ["ptype"]] = 2
    value.loc[:, ["pwidth"]] = xr.DataArray(
        [[4.0], [2.0], [2.0]],
        {"branch": _subscript_dict["branch"], "pprofile": ["pwidth"]},
        ["branch", "pprofile"],
    ).values
    value.loc[:, ["pextra"]] = 0
    value.loc[["Boston"], ["ppriority"]] = 5 + 0.1 * time()
    value.loc[["Dayton"], ["ppriority"]] = 5
    value.loc[["Fresno"], ["ppriority"]] = 5 - 0.1 * time()
    return value


@component.add(
    name="allocation1",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority1": 1, "available": 1},
)
def allocation1():
    return allocate_available(demand1(), priority1(), available())


@component.add(
    name="allocation2",
    subscripts=["branch"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"demand1": 1, "priority2": 1, "available": 1},
)
def allocation2():
    return allocate_available(demand1(), priority2(), available())


@component.add(
    name="available",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def available():
    return 20 * time()


@component.add(
    name="demand1", subscripts=["branch"], comp_type="Constant", comp_subtype="Normal"
)
def demand1():
    return xr.DataArray(
        [500.0, 300.0, 750.0], {"branch": _subscript_dict["branch"]}, ["branch"]
    )


@component.add(
    name="priority1",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority1():
    return xr.DataArray(
        [[1.0, 5.0, 2.0, 0.0], [1.0, 7.0, 4.0, 0.0], [1.0, 3.0, 4.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )


@component.add(
    name="priority2",
    subscripts=["branch", "pprofile"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def priority2():
    return xr.DataArray(
        [[2.0, 5.0, 2.0, 0.0], [2.0, 7.0, 4.0, 0.0], [2.0, 3.0, 4.0, 0.0]],
        {"branch": _subscript_dict["branch"], "pprofile": _subscript_dict["pprofile"]},
        ["branch", "pprofile"],
    )
