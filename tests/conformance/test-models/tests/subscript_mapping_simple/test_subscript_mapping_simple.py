"""
Python model 'test_subscript_mapping_simple.py'
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
    "DimC": ["dc1", "dc2", "dc3"],
    "DimA": ["da1", "da2", "da3"],
    "DimB": ["db1", "db2", "db3"],
    "MFG SKILLS": ["MACHINERS", "ASSEMBLERS"],
    "PRODUCTS": ["PARTS", "SYSTEMS"],
    "AGE": ["INFANT", "CHILD", "TEEN", "MIDDLE", "OLD"],
    "ALL BUT YOUNGEST": ["CHILD", "TEEN", "MIDDLE", "OLD"],
    "PREVIOUS COHORT": ["INFANT", "CHILD", "TEEN", "MIDDLE"],
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1,
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
    name="Level 2",
    subscripts=["DimA", "DimC"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_level_2": 1},
    other_deps={
        "_integ_level_2": {
            "initial": {},
            "step": {"link_level": 1, "output_level_2": 1},
        }
    },
)
def level_2():
    return _integ_level_2()


_integ_level_2 = Integ(
    lambda: xr.DataArray(
        link_level().values,
        {"DimA": _subscript_dict["DimA"], "DimC": _subscript_dict["DimC"]},
        ["DimA", "DimC"],
    )
    - output_level_2(),
    lambda: xr.DataArray(
        2.22,
        {"DimA": _subscript_dict["DimA"], "DimC": _subscript_dict["DimC"]},
        ["DimA", "DimC"],
    ),
    "_integ_level_2",
)


@component.add(
    name="Level 1",
    units="Dmnl",
    subscripts=["DimA", "DimB"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_level_1": 1},
    other_deps={
        "_integ_level_1": {"initial": {}, "step": {"input_level_1": 1, "link_level": 1}}
    },
)
def level_1():
    return _integ_level_1()


_integ_level_1 = Integ(
    lambda: input_level_1() - link_level(),
    lambda: xr.DataArray(
        122,
        {"DimA": _subscript_dict["DimA"], "DimB": _subscript_dict["DimB"]},
        ["DimA", "DimB"],
    ),
    "_integ_level_1",
)


@component.add(
    name="link level",
    subscripts=["DimA", "DimB"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"level_2": 1},
)
def link_level():
    return xr.DataArray(
        level_2().values,
        {"DimA": _subscript_dict["DimA"], "DimB": _subscript_dict["DimB"]},
        ["DimA", "DimB"],
    )


@component.add(
    name="output level 2",
    subscripts=["DimA", "DimC"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"level_2": 1, "matrix_b": 1},
)
def output_level_2():
    return level_2() * matrix_b()


@component.add(
    name="input level 1",
    units="Dmnl",
    subscripts=["DimA", "DimB"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"matrix_a": 1, "level_1": 1},
)
def input_level_1():
    return matrix_a() * level_1()


@component.add(
    name="Matrix A",
    subscripts=["DimA", "DimB"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_a():
    return xr.DataArray(
        [[0.01, 0.2, 0.5], [0.31, 0.21, 0.12], [0.03, 0.7, 0.9]],
        {"DimA": _subscript_dict["DimA"], "DimB": _subscript_dict["DimB"]},
        ["DimA", "DimB"],
    )


@component.add(
    name="Matrix B",
    subscripts=["DimA", "DimC"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def matrix_b():
    return xr.DataArray(
        [[0.07, 0.1, 0.16], [0.6, 0.19, 0.4], [0.54, 0.23, 0.12]],
        {"DimA": _subscript_dict["DimA"], "DimC": _subscript_dict["DimC"]},
        ["DimA", "DimC"],
    )


@component.add(
    name="WORK FLOW",
    units="Part/year",
    subscripts=["PRODUCTS"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"work_force": 1, "productivity": 1},
)
def work_flow():
    """
    Rate of progress in manufacture phases.
    """
    return xr.DataArray(
        work_force().values, {"PRODUCTS": _subscript_dict["PRODUCTS"]}, ["PRODUCTS"]
    ) * xr.DataArray(
        productivity().values, {"PRODUCTS": _subscript_dict["PRODUCTS"]}, ["PRODUCTS"]
    )


@component.add(
    name="WORK FORCE",
    units="Part/year",
    subscripts=["MFG SKILLS"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def work_force():
    """
    Rate of progress.
    """
    return xr.DataArray(
        [5.0, 10.0], {"MFG SKILLS": _subscript_dict["MFG SKILLS"]}, ["MFG SKILLS"]
    )


@component.add(
    name="PRODUCTIVITY",
    subscripts=["MFG SKILLS"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def productivity():
    """
    Productivity in manufacture phases.
    """
    return xr.DataArray(
        [0.6, 0.7], {"MFG SKILLS": _subscript_dict["MFG SKILLS"]}, ["MFG SKILLS"]
    )


@component.add(
    name="POPULATION",
    units="People",
    subscripts=["AGE"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_population": 1, "_integ_population_1": 1},
    other_deps={
        "_integ_population": {
            "initial": {"initial_population": 1},
            "step": {"births": 1, "aging": 1},
        },
        "_integ_population_1": {
            "initial": {"initial_population": 1},
            "step": {"aging": 2},
        },
    },
)
def population():
    """
    Age cohorts of a population
    """
    value = xr.DataArray(np.nan, {"AGE": _subscript_dict["AGE"]}, ["AGE"])
    value.loc[["INFANT"]] = _integ_population().values
    value.loc[_subscript_dict["ALL BUT YOUNGEST"]] = _integ_population_1().values
    return value


_integ_population = Integ(
    lambda: xr.DataArray(
        births() - float(aging().loc["INFANT"]), {"AGE": ["INFANT"]}, ["AGE"]
    ),
    lambda: xr.DataArray(
        float(initial_population().loc["INFANT"]), {"AGE": ["INFANT"]}, ["AGE"]
    ),
    "_integ_population",
)

_integ_population_1 = Integ(
    lambda: xr.DataArray(
        aging()
        .loc[_subscript_dict["PREVIOUS COHORT"]]
        .rename({"AGE": "PREVIOUS COHORT"})
        .values,
        {"ALL BUT YOUNGEST": _subscript_dict["ALL BUT YOUNGEST"]},
        ["ALL BUT YOUNGEST"],
    )
    - aging()
    .loc[_subscript_dict["ALL BUT YOUNGEST"]]
    .rename({"AGE": "ALL BUT YOUNGEST"}),
    lambda: initial_population()
    .loc[_subscript_dict["ALL BUT YOUNGEST"]]
    .rename({"AGE": "ALL BUT YOUNGEST"}),
    "_integ_population_1",
)


@component.add(
    name="births", units="People/year", comp_type="Constant", comp_subtype="Normal"
)
def births():
    """
    New briths
    """
    return 200


@component.add(
    name="aging",
    units="People/year",
    subscripts=["AGE"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def aging():
    """
    Number of people that increase to the next AGE
    """
    return xr.DataArray(
        [300.0, 280.0, 200.0, 150.0, 100.0], {"AGE": _subscript_dict["AGE"]}, ["AGE"]
    )


@component.add(
    name="INITIAL POPULATION",
    units="People",
    subscripts=["AGE"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_population():
    """
    Initial population
    """
    return xr.DataArray(
        [1000.0, 900.0, 900.0, 800.0, 200.0], {"AGE": _subscript_dict["AGE"]}, ["AGE"]
    )
