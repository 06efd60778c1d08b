"""
Python model 'tabbed_arrays.py'
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
    "third_dim": ["one", "two", "three"],
    "country_row": ["MEXICO", "USA", "CANADA"],
    "blood_type_column": ["A", "B", "O", "AB"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 4,
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
    name="FINAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="INITIAL_TIME", units="Month", comp_type="Constant", comp_subtype="Normal"
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
    name="TIME_STEP",
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
    name="single_dimension_tabbed_array",
    subscripts=["blood_type_column"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def single_dimension_tabbed_array():
    return xr.DataArray(
        [1.0, 2.0, 3.0, 4.0],
        {"blood_type_column": _subscript_dict["blood_type_column"]},
        ["blood_type_column"],
    )


@component.add(
    name="three_D_tabbed_array",
    subscripts=["country_row", "blood_type_column", "third_dim"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def three_d_tabbed_array():
    value = xr.DataArray(
        np.nan,
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
            "third_dim": _subscript_dict["third_dim"],
        },
        ["country_row", "blood_type_column", "third_dim"],
    )
    value.loc[:, :, ["one"]] = xr.DataArray(
        [
            [[11.0], [12.0], [13.0], [14.0]],
            [[15.0], [16.0], [17.0], [18.0]],
            [[19.0], [20.0], [21.0], [22.0]],
        ],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
            "third_dim": ["one"],
        },
        ["country_row", "blood_type_column", "third_dim"],
    ).values
    value.loc[:, :, ["two"]] = xr.DataArray(
        [
            [[21.0], [22.0], [23.0], [24.0]],
            [[25.0], [26.0], [27.0], [28.0]],
            [[29.0], [30.0], [31.0], [32.0]],
        ],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
            "third_dim": ["two"],
        },
        ["country_row", "blood_type_column", "third_dim"],
    ).values
    value.loc[:, :, ["three"]] = xr.DataArray(
        [
            [[1.0], [2.0], [3.0], [4.0]],
            [[5.0], [6.0], [7.0], [8.0]],
            [[9.0], [10.0], [11.0], [12.0]],
        ],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
            "third_dim": ["three"],
        },
        ["country_row", "blood_type_column", "third_dim"],
    ).values
    return value


@component.add(
    name="unchangeable_tabbed_array",
    subscripts=["country_row", "blood_type_column"],
    comp_type="Constant",
    comp_subtype="Unchangeable",
)
def unchangeable_tabbed_array():
    return xr.DataArray(
        [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
        },
        ["country_row", "blood_type_column"],
    )


@component.add(
    name="initial_population_equiv_comma_semicolon_syntax",
    units="Person",
    subscripts=["country_row", "blood_type_column"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_population_equiv_comma_semicolon_syntax():
    return xr.DataArray(
        [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
        },
        ["country_row", "blood_type_column"],
    )


@component.add(
    name="initial_population_TABBED_ARRAY",
    units="Person",
    subscripts=["country_row", "blood_type_column"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_population_tabbed_array():
    return xr.DataArray(
        [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]],
        {
            "country_row": _subscript_dict["country_row"],
            "blood_type_column": _subscript_dict["blood_type_column"],
        },
        ["country_row", "blood_type_column"],
    )
