"""
Python model 'test_subscript_definition.py'
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
    "dim": [
        "A",
        "ab1",
        "ab2",
        "ab3",
        "ab4",
        "ab5",
        "ab6",
        "ab7",
        "ab8",
        "ab9",
        "ab10",
        "ab11",
        "ab12",
        "ab13",
        "ab14",
        "ab15",
        "ab16",
        "ab17",
        "ab18",
        "ab19",
        "ab20",
        "B",
        "bc1",
        "bc2",
        "bc3",
        "bc4",
        "bc5",
        "abc6",
        "abc7",
        "abc8",
        "abc9",
        "abc10",
        "abc11",
        "abc12",
        "abc13",
        "abc14",
        "abc15",
        "abc16",
        "abc17",
        "bc17",
        "bc18",
        "C",
    ],
    "subdim1": [
        "ab1",
        "ab2",
        "ab3",
        "ab4",
        "ab5",
        "ab6",
        "ab7",
        "ab8",
        "ab9",
        "ab10",
        "ab11",
        "ab12",
        "ab13",
        "ab14",
        "ab15",
        "ab16",
        "ab17",
        "ab18",
        "ab19",
        "ab20",
    ],
    "subdim2": [
        "bc1",
        "bc2",
        "bc3",
        "bc4",
        "bc5",
        "abc6",
        "abc7",
        "abc8",
        "abc9",
        "abc10",
        "abc11",
        "abc12",
        "abc13",
        "abc14",
        "abc15",
        "abc16",
        "abc17",
        "bc17",
        "bc18",
    ],
    "subsubdim": [
        "abc6",
        "abc7",
        "abc8",
        "abc9",
        "abc10",
        "abc11",
        "abc12",
        "abc13",
        "abc14",
        "abc15",
        "abc16",
        "abc17",
    ],
    "subdim1 copy": [
        "ab1",
        "ab2",
        "ab3",
        "ab4",
        "ab5",
        "ab6",
        "ab7",
        "ab8",
        "ab9",
        "ab10",
        "ab11",
        "ab12",
        "ab13",
        "ab14",
        "ab15",
        "ab16",
        "ab17",
        "ab18",
        "ab19",
        "ab20",
    ],
    "subdim2 copy": [
        "bc1",
        "bc2",
        "bc3",
        "bc4",
        "bc5",
        "abc6",
        "abc7",
        "abc8",
        "abc9",
        "abc10",
        "abc11",
        "abc12",
        "abc13",
        "abc14",
        "abc15",
        "abc16",
        "abc17",
        "bc17",
        "bc18",
    ],
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


@component.add(name="ndim", comp_type="Constant", comp_subtype="Normal")
def ndim():
    return len(
        xr.DataArray(
            np.arange(1, len(_subscript_dict["dim"]) + 1),
            {"dim": _subscript_dict["dim"]},
            ["dim"],
        )
    )


@component.add(
    name="dim values", subscripts=["dim"], comp_type="Constant", comp_subtype="Normal"
)
def dim_values():
    return xr.DataArray(
        np.arange(1, len(_subscript_dict["dim"]) + 1),
        {"dim": _subscript_dict["dim"]},
        ["dim"],
    )


@component.add(name="nsubdim1", comp_type="Constant", comp_subtype="Normal")
def nsubdim1():
    return len(
        xr.DataArray(
            np.arange(2, len(_subscript_dict["subdim1"]) + 2),
            {"subdim1": _subscript_dict["subdim1"]},
            ["subdim1"],
        )
    )


@component.add(
    name="subdim1 values",
    subscripts=["subdim1"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def subdim1_values():
    return xr.DataArray(
        np.arange(2, len(_subscript_dict["subdim1"]) + 2),
        {"subdim1": _subscript_dict["subdim1"]},
        ["subdim1"],
    )


@component.add(name="nsubdim1 copy", comp_type="Constant", comp_subtype="Normal")
def nsubdim1_copy():
    return len(
        xr.DataArray(
            np.arange(2, len(_subscript_dict["subdim1 copy"]) + 2),
            {"subdim1 copy": _subscript_dict["subdim1 copy"]},
            ["subdim1 copy"],
        )
    )


@component.add(
    name="subdim1 copy values",
    subscripts=["subdim1 copy"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def subdim1_copy_values():
    return xr.DataArray(
        np.arange(2, len(_subscript_dict["subdim1 copy"]) + 2),
        {"subdim1 copy": _subscript_dict["subdim1 copy"]},
        ["subdim1 copy"],
    )


@component.add(name="nsubdim2", comp_type="Constant", comp_subtype="Normal")
def nsubdim2():
    return len(
        xr.DataArray(
            np.arange(23, len(_subscript_dict["subdim2"]) + 23),
            {"subdim2": _subscript_dict["subdim2"]},
            ["subdim2"],
        )
    )


@component.add(
    name="subdim2 values",
    subscripts=["subdim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def subdim2_values():
    return xr.DataArray(
        np.arange(23, len(_subscript_dict["subdim2"]) + 23),
        {"subdim2": _subscript_dict["subdim2"]},
        ["subdim2"],
    )


@component.add(name="nsubdim2 copy", comp_type="Constant", comp_subtype="Normal")
def nsubdim2_copy():
    return len(
        xr.DataArray(
            np.arange(23, len(_subscript_dict["subdim2 copy"]) + 23),
            {"subdim2 copy": _subscript_dict["subdim2 copy"]},
            ["subdim2 copy"],
        )
    )


@component.add(
    name="subdim2 copy values",
    subscripts=["subdim2 copy"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def subdim2_copy_values():
    return xr.DataArray(
        np.arange(23, len(_subscript_dict["subdim2 copy"]) + 23),
        {"subdim2 copy": _subscript_dict["subdim2 copy"]},
        ["subdim2 copy"],
    )


@component.add(name="nsubsubdim", comp_type="Constant", comp_subtype="Normal")
def nsubsubdim():
    return len(
        xr.DataArray(
            np.arange(28, len(_subscript_dict["subsubdim"]) + 28),
            {"subsubdim": _subscript_dict["subsubdim"]},
            ["subsubdim"],
        )
    )


@component.add(
    name="subsubdim values",
    subscripts=["subsubdim"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def subsubdim_values():
    return xr.DataArray(
        np.arange(28, len(_subscript_dict["subsubdim"]) + 28),
        {"subsubdim": _subscript_dict["subsubdim"]},
        ["subsubdim"],
    )
