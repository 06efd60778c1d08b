"""
Python model 'test_vector_order.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import vector_rank, vector_sort_order, vector_reorder
from pysd.py_backend.external import ExtData
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "product": ["X", "Y"],
    "Region": ["A", "B", "C"],
    "company": ["company1", "company2", "company3", "company4", "company5"],
    "scompany": ["sort1", "sort2", "sort3", "sort4", "sort5"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 14,
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
    name="revenue2A",
    units="$/year",
    subscripts=["company", "Region"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_revenue2a",
        "__data__": "_ext_data_revenue2a",
        "time": 1,
    },
)
def revenue2a():
    return _ext_data_revenue2a(time())


_ext_data_revenue2a = ExtData(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_A",
    "raw",
    {"company": _subscript_dict["company"], "Region": ["A"]},
    _root,
    {"company": _subscript_dict["company"], "Region": _subscript_dict["Region"]},
    "_ext_data_revenue2a",
)

_ext_data_revenue2a.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_B",
    "raw",
    {"company": _subscript_dict["company"], "Region": ["B"]},
)

_ext_data_revenue2a.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_C",
    "raw",
    {"company": _subscript_dict["company"], "Region": ["C"]},
)


@component.add(
    name="median revenue neg3",
    units="$/year",
    subscripts=["Region", "product"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered_neg3": 1},
)
def median_revenue_neg3():
    return sorted_revenue_reordered_neg3().loc[:, :, "sort3"].reset_coords(drop=True)


@component.add(
    name="revenue3",
    units="$/year",
    subscripts=["Region", "product", "company"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_revenue3",
        "__data__": "_ext_data_revenue3",
        "time": 1,
    },
)
def revenue3():
    return _ext_data_revenue3(time())


_ext_data_revenue3 = ExtData(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_A",
    "raw",
    {"Region": ["A"], "product": ["X"], "company": _subscript_dict["company"]},
    _root,
    {
        "Region": _subscript_dict["Region"],
        "product": _subscript_dict["product"],
        "company": _subscript_dict["company"],
    },
    "_ext_data_revenue3",
)

_ext_data_revenue3.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_B",
    "raw",
    {"Region": ["B"], "product": ["X"], "company": _subscript_dict["company"]},
)

_ext_data_revenue3.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_C",
    "raw",
    {"Region": ["C"], "product": ["X"], "company": _subscript_dict["company"]},
)

_ext_data_revenue3.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_A",
    "raw",
    {"Region": ["A"], "product": ["Y"], "company": _subscript_dict["company"]},
)

_ext_data_revenue3.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_B",
    "raw",
    {"Region": ["B"], "product": ["Y"], "company": _subscript_dict["company"]},
)

_ext_data_revenue3.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_C",
    "raw",
    {"Region": ["C"], "product": ["Y"], "company": _subscript_dict["company"]},
)


@component.add(
    name="revenue2B",
    units="$/year",
    subscripts=["Region", "company"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_revenue2b",
        "__data__": "_ext_data_revenue2b",
        "time": 1,
    },
)
def revenue2b():
    return _ext_data_revenue2b(time())


_ext_data_revenue2b = ExtData(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_A",
    "raw",
    {"Region": ["A"], "company": _subscript_dict["company"]},
    _root,
    {"Region": _subscript_dict["Region"], "company": _subscript_dict["company"]},
    "_ext_data_revenue2b",
)

_ext_data_revenue2b.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_B",
    "raw",
    {"Region": ["B"], "company": _subscript_dict["company"]},
)

_ext_data_revenue2b.add(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue_C",
    "raw",
    {"Region": ["C"], "company": _subscript_dict["company"]},
)


@component.add(
    name="median revenue neg2A",
    units="$/year",
    subscripts=["Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered_neg2a": 1},
)
def median_revenue_neg2a():
    return sorted_revenue_reordered_neg2a().loc["sort3", :].reset_coords(drop=True)


@component.add(
    name="median revenue neg2B",
    units="$/year",
    subscripts=["Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered_neg2b": 1},
)
def median_revenue_neg2b():
    return sorted_revenue_reordered_neg2b().loc[:, "sort3"].reset_coords(drop=True)


@component.add(
    name="median revenue2A",
    units="$/year",
    subscripts=["Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered2a": 1},
)
def median_revenue2a():
    return sorted_revenue_reordered2a().loc["sort3", :].reset_coords(drop=True)


@component.add(
    name="median revenue3",
    units="$/year",
    subscripts=["Region", "product"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered3": 1},
)
def median_revenue3():
    return sorted_revenue_reordered3().loc[:, :, "sort3"].reset_coords(drop=True)


@component.add(
    name="median revenue2B",
    units="$/year",
    subscripts=["Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered2b": 1},
)
def median_revenue2b():
    return sorted_revenue_reordered2b().loc[:, "sort3"].reset_coords(drop=True)


@component.add(
    name="SORT ORDER3",
    units="dmnl",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1},
)
def sort_order3():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        1,
    )


@component.add(
    name="SORT ORDER2B",
    units="dmnl",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1},
)
def sort_order2b():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        1,
    )


@component.add(
    name="revenue RANK2A",
    units="dmnl",
    subscripts=["company", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1},
)
def revenue_rank2a():
    """
    Rank of companies by revenue.
    """
    return vector_rank(revenue2a(), 1)


@component.add(
    name="revenue RANK neg2A",
    units="dmnl",
    subscripts=["company", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1},
)
def revenue_rank_neg2a():
    """
    Rank of companies by revenue.
    """
    return vector_rank(revenue2a(), 0)


@component.add(
    name="revenue RANK neg3",
    units="dmnl",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1},
)
def revenue_rank_neg3():
    """
    Rank of companies by revenue.
    """
    return vector_rank(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        0,
    )


@component.add(
    name="revenue RANK neg2B",
    units="dmnl",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1},
)
def revenue_rank_neg2b():
    """
    Rank of companies by revenue.
    """
    return vector_rank(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        0,
    )


@component.add(
    name="sorted revenue REORDERed neg2A",
    units="$/year",
    subscripts=["scompany", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1, "sort_order_neg2a": 1},
)
def sorted_revenue_reordered_neg2a():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue2a().values,
            {
                "scompany": _subscript_dict["scompany"],
                "Region": _subscript_dict["Region"],
            },
            ["scompany", "Region"],
        ),
        sort_order_neg2a(),
    )


@component.add(
    name="revenue RANK3",
    units="dmnl",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1},
)
def revenue_rank3():
    """
    Rank of companies by revenue.
    """
    return vector_rank(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        1,
    )


@component.add(
    name="revenue RANK2B",
    units="dmnl",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1},
)
def revenue_rank2b():
    """
    Rank of companies by revenue.
    """
    return vector_rank(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        1,
    )


@component.add(
    name="sorted revenue REORDERed2B",
    units="$/year",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1, "sort_order2b": 1},
)
def sorted_revenue_reordered2b():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        sort_order2b(),
    )


@component.add(
    name="SORT ORDER2A",
    units="dmnl",
    subscripts=["scompany", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1},
)
def sort_order2a():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue2a().values,
            {
                "scompany": _subscript_dict["scompany"],
                "Region": _subscript_dict["Region"],
            },
            ["scompany", "Region"],
        ),
        1,
    )


@component.add(
    name="SORT ORDER neg2A",
    units="dmnl",
    subscripts=["scompany", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1},
)
def sort_order_neg2a():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue2a().values,
            {
                "scompany": _subscript_dict["scompany"],
                "Region": _subscript_dict["Region"],
            },
            ["scompany", "Region"],
        ),
        0,
    )


@component.add(
    name="SORT ORDER neg3",
    units="dmnl",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1},
)
def sort_order_neg3():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        0,
    )


@component.add(
    name="SORT ORDER neg2B",
    units="dmnl",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1},
)
def sort_order_neg2b():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        0,
    )


@component.add(
    name="sorted revenue REORDERed2A",
    units="$/year",
    subscripts=["scompany", "Region"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2a": 1, "sort_order2a": 1},
)
def sorted_revenue_reordered2a():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue2a().values,
            {
                "scompany": _subscript_dict["scompany"],
                "Region": _subscript_dict["Region"],
            },
            ["scompany", "Region"],
        ),
        sort_order2a(),
    )


@component.add(
    name="sorted revenue REORDERed3",
    units="$/year",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1, "sort_order3": 1},
)
def sorted_revenue_reordered3():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        sort_order3(),
    )


@component.add(
    name="sorted revenue REORDERed neg3",
    units="$/year",
    subscripts=["Region", "product", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue3": 1, "sort_order_neg3": 1},
)
def sorted_revenue_reordered_neg3():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue3().values,
            {
                "Region": _subscript_dict["Region"],
                "product": _subscript_dict["product"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "product", "scompany"],
        ),
        sort_order_neg3(),
    )


@component.add(
    name="sorted revenue REORDERed neg2B",
    units="$/year",
    subscripts=["Region", "scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue2b": 1, "sort_order_neg2b": 1},
)
def sorted_revenue_reordered_neg2b():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue2b().values,
            {
                "Region": _subscript_dict["Region"],
                "scompany": _subscript_dict["scompany"],
            },
            ["Region", "scompany"],
        ),
        sort_order_neg2b(),
    )


@component.add(
    name="revenue RANK neg",
    units="dmnl",
    subscripts=["company"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1},
)
def revenue_rank_neg():
    """
    Rank of companies by revenue.
    """
    return vector_rank(revenue(), 0)


@component.add(
    name="median revenue neg",
    units="$/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered_neg": 1},
)
def median_revenue_neg():
    return float(sorted_revenue_reordered_neg().loc["sort3"])


@component.add(
    name="SORT ORDER neg",
    units="dmnl",
    subscripts=["scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1},
)
def sort_order_neg():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue().values, {"scompany": _subscript_dict["scompany"]}, ["scompany"]
        ),
        0,
    )


@component.add(
    name="sorted revenue REORDERed neg",
    units="$/year",
    subscripts=["scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1, "sort_order_neg": 1},
)
def sorted_revenue_reordered_neg():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue().values, {"scompany": _subscript_dict["scompany"]}, ["scompany"]
        ),
        sort_order_neg(),
    )


@component.add(
    name="median revenue",
    units="$/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"sorted_revenue_reordered": 1},
)
def median_revenue():
    return float(sorted_revenue_reordered().loc["sort3"])


@component.add(
    name="revenue",
    units="$/year",
    subscripts=["company"],
    comp_type="Data",
    comp_subtype="External",
    depends_on={
        "__external__": "_ext_data_revenue",
        "__data__": "_ext_data_revenue",
        "time": 1,
    },
)
def revenue():
    return _ext_data_revenue(time())


_ext_data_revenue = ExtData(
    r"input.xlsx",
    "Sheet1",
    "time_index",
    "revenue",
    "raw",
    {"company": _subscript_dict["company"]},
    _root,
    {"company": _subscript_dict["company"]},
    "_ext_data_revenue",
)


@component.add(
    name="SORT ORDER",
    units="dmnl",
    subscripts=["scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1},
)
def sort_order():
    """
    Order of elements in sorted revenue vector.
    """
    return vector_sort_order(
        xr.DataArray(
            revenue().values, {"scompany": _subscript_dict["scompany"]}, ["scompany"]
        ),
        1,
    )


@component.add(
    name="sorted revenue REORDERed",
    units="$/year",
    subscripts=["scompany"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1, "sort_order": 1},
)
def sorted_revenue_reordered():
    """
    Revenue, sorted
    """
    return vector_reorder(
        xr.DataArray(
            revenue().values, {"scompany": _subscript_dict["scompany"]}, ["scompany"]
        ),
        sort_order(),
    )


@component.add(
    name="revenue RANK",
    units="dmnl",
    subscripts=["company"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"revenue": 1},
)
def revenue_rank():
    """
    Rank of companies by revenue.
    """
    return vector_rank(revenue(), 1)
