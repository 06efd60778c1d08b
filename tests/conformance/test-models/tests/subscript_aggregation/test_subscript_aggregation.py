"""
Python model 'test_subscript_aggregation.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import prod, vmax, sum, vmin, if_then_else
from pysd.py_backend.statefuls import Integ
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "One Dimensional Subscript": ["Entry 1", "Entry 2", "Entry 3"],
    "Second Dimension Subscript": ["Column 1", "Column 2"],
    "Third Dimension Subrange": ["Depth 1", "Depth 2"],
    "Third Dimension Subscript": ["Depth 1", "Depth 2", "Depth 3"],
}

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
    name="Complex Max",
    subscripts=["Second Dimension Subscript", "Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "input_3d": 1, "stock_a": 1},
)
def complex_max():
    return vmax(
        if_then_else(
            time() > 3,
            lambda: input_3d().rename(
                {"One Dimensional Subscript": "One Dimensional Subscript!"}
            ),
            lambda: stock_a()
            .rename({"One Dimensional Subscript": "One Dimensional Subscript!"})
            .expand_dims(
                {
                    "Third Dimension Subscript": _subscript_dict[
                        "Third Dimension Subscript"
                    ]
                },
                2,
            ),
        ),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Complex Min",
    subscripts=["Second Dimension Subscript", "Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1, "stock_a": 1},
)
def complex_min():
    return vmin(
        input_3d().rename({"One Dimensional Subscript": "One Dimensional Subscript!"})
        + (
            2
            * stock_a().rename(
                {"One Dimensional Subscript": "One Dimensional Subscript!"}
            )
        )
        - 5,
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Complex Prod",
    subscripts=["Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1, "stock_a": 1},
)
def complex_prod():
    return prod(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        )
        - (
            0.1
            * stock_a().rename(
                {"One Dimensional Subscript": "One Dimensional Subscript!"}
            )
        ),
        dim=["One Dimensional Subscript!", "Third Dimension Subscript!"],
    )


@component.add(
    name="Complex Sum",
    subscripts=["Second Dimension Subscript", "Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1, "stock_a": 1},
)
def complex_sum():
    return sum(
        input_3d().rename({"One Dimensional Subscript": "One Dimensional Subscript!"})
        * stock_a().rename({"One Dimensional Subscript": "One Dimensional Subscript!"}),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Complex Sum subrange",
    subscripts=["One Dimensional Subscript", "Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1, "stock_a": 1},
)
def complex_sum_subrange():
    return sum(
        input_3d()
        .loc[:, :, _subscript_dict["Third Dimension Subrange"]]
        .rename({"Third Dimension Subscript": "Third Dimension Subrange!"})
        * stock_a(),
        dim=["Third Dimension Subrange!"],
    )


@component.add(
    name="Inflow A",
    subscripts=["One Dimensional Subscript", "Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"rate_a": 1},
)
def inflow_a():
    return rate_a()


@component.add(
    name="Initial Values",
    subscripts=["One Dimensional Subscript", "Second Dimension Subscript"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_values():
    return xr.DataArray(
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
        },
        ["One Dimensional Subscript", "Second Dimension Subscript"],
    )


@component.add(
    name="Input 3D",
    subscripts=[
        "One Dimensional Subscript",
        "Second Dimension Subscript",
        "Third Dimension Subscript",
    ],
    comp_type="Constant",
    comp_subtype="Normal",
)
def input_3d():
    value = xr.DataArray(
        np.nan,
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    )
    value.loc[:, ["Column 1"], :] = xr.DataArray(
        [[[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]], [[7.0, 8.0, 9.0]]],
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": ["Column 1"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    ).values
    value.loc[:, ["Column 2"], :] = xr.DataArray(
        [[[10.0, 20.0, 30.0]], [[40.0, 50.0, 60.0]], [[70.0, 80.0, 100.0]]],
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": ["Column 2"],
            "Third Dimension Subscript": _subscript_dict["Third Dimension Subscript"],
        },
        [
            "One Dimensional Subscript",
            "Second Dimension Subscript",
            "Third Dimension Subscript",
        ],
    ).values
    return value


@component.add(
    name="Rate A",
    subscripts=["One Dimensional Subscript", "Second Dimension Subscript"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def rate_a():
    return xr.DataArray(
        [[0.01, 0.02], [0.03, 0.04], [0.05, 0.06]],
        {
            "One Dimensional Subscript": _subscript_dict["One Dimensional Subscript"],
            "Second Dimension Subscript": _subscript_dict["Second Dimension Subscript"],
        },
        ["One Dimensional Subscript", "Second Dimension Subscript"],
    )


@component.add(
    name="Stock A",
    subscripts=["One Dimensional Subscript", "Second Dimension Subscript"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_stock_a": 1},
    other_deps={
        "_integ_stock_a": {"initial": {"initial_values": 1}, "step": {"inflow_a": 1}}
    },
)
def stock_a():
    return _integ_stock_a()


_integ_stock_a = Integ(lambda: inflow_a(), lambda: initial_values(), "_integ_stock_a")


@component.add(
    name="Subcript Max 123",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subcript_max_123():
    return vmax(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        ),
        dim=[
            "One Dimensional Subscript!",
            "Second Dimension Subscript!",
            "Third Dimension Subscript!",
        ],
    )


@component.add(
    name="Subcript Sum 2",
    subscripts=["One Dimensional Subscript", "Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subcript_sum_2():
    return sum(
        input_3d().rename(
            {"Second Dimension Subscript": "Second Dimension Subscript!"}
        ),
        dim=["Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 1d Max",
    subscripts=["One Dimensional Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_1d_max():
    return vmax(
        stock_a().rename({"Second Dimension Subscript": "Second Dimension Subscript!"}),
        dim=["Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 1d Min",
    subscripts=["Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_1d_min():
    return vmin(
        stock_a().rename({"One Dimensional Subscript": "One Dimensional Subscript!"}),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Subscript 1d Product",
    subscripts=["One Dimensional Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_1d_product():
    return prod(
        stock_a().rename({"Second Dimension Subscript": "Second Dimension Subscript!"}),
        dim=["Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 1d Sum",
    subscripts=["Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_1d_sum():
    return sum(
        stock_a().rename({"One Dimensional Subscript": "One Dimensional Subscript!"}),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Subscript 2d Max",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_2d_max():
    return vmax(
        stock_a().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 2d Min",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_2d_min():
    return vmin(
        stock_a().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 2d Product",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_2d_product():
    return prod(
        stock_a().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript 2d Sum",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"stock_a": 1},
)
def subscript_2d_sum():
    return sum(
        stock_a().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript Max 12",
    subscripts=["Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_max_12():
    return vmax(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript Min 13",
    subscripts=["Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_min_13():
    return vmin(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Third Dimension Subscript!"],
    )


@component.add(
    name="Subscript Min 23",
    subscripts=["One Dimensional Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_min_23():
    return vmin(
        input_3d().rename(
            {
                "Second Dimension Subscript": "Second Dimension Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        ),
        dim=["Second Dimension Subscript!", "Third Dimension Subscript!"],
    )


@component.add(
    name="Subscript Prod 12",
    subscripts=["Third Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_prod_12():
    return prod(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Second Dimension Subscript": "Second Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript Prod 23",
    subscripts=["One Dimensional Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_prod_23():
    return prod(
        input_3d().rename(
            {
                "Second Dimension Subscript": "Second Dimension Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        ),
        dim=["Second Dimension Subscript!", "Third Dimension Subscript!"],
    )


@component.add(
    name="Subscript Secondary Max",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"subscript_1d_max": 1},
)
def subscript_secondary_max():
    return vmax(
        subscript_1d_max().rename(
            {"One Dimensional Subscript": "One Dimensional Subscript!"}
        ),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Subscript Secondary Min",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"subscript_1d_min": 1},
)
def subscript_secondary_min():
    return vmin(
        subscript_1d_min().rename(
            {"Second Dimension Subscript": "Second Dimension Subscript!"}
        ),
        dim=["Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript Secondary Product",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"subscript_1d_product": 1},
)
def subscript_secondary_product():
    return prod(
        subscript_1d_product().rename(
            {"One Dimensional Subscript": "One Dimensional Subscript!"}
        ),
        dim=["One Dimensional Subscript!"],
    )


@component.add(
    name="Subscript Secondary Sum",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"subscript_1d_sum": 1},
)
def subscript_secondary_sum():
    return sum(
        subscript_1d_sum().rename(
            {"Second Dimension Subscript": "Second Dimension Subscript!"}
        ),
        dim=["Second Dimension Subscript!"],
    )


@component.add(
    name="Subscript Sum 13",
    subscripts=["Second Dimension Subscript"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"input_3d": 1},
)
def subscript_sum_13():
    return sum(
        input_3d().rename(
            {
                "One Dimensional Subscript": "One Dimensional Subscript!",
                "Third Dimension Subscript": "Third Dimension Subscript!",
            }
        ),
        dim=["One Dimensional Subscript!", "Third Dimension Subscript!"],
    )
