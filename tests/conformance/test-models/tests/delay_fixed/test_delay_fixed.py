"""
Python model 'test_delay_fixed.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np

from pysd.py_backend.statefuls import DelayFixed
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 50,
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
    name="DF05",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df05": 1},
    other_deps={"_delayfixed_df05": {"initial": {}, "step": {"time_squared": 1}}},
)
def df05():
    return _delayfixed_df05()


_delayfixed_df05 = DelayFixed(
    lambda: time_squared(), lambda: 0.5, lambda: -10, time_step, "_delayfixed_df05"
)


@component.add(
    name="DF1",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df1": 1},
    other_deps={"_delayfixed_df1": {"initial": {}, "step": {"time_squared": 1}}},
)
def df1():
    return _delayfixed_df1()


_delayfixed_df1 = DelayFixed(
    lambda: time_squared(), lambda: 1, lambda: 10, time_step, "_delayfixed_df1"
)


@component.add(
    name="DF12",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df12": 1},
    other_deps={"_delayfixed_df12": {"initial": {}, "step": {"time_squared": 1}}},
)
def df12():
    return _delayfixed_df12()


_delayfixed_df12 = DelayFixed(
    lambda: time_squared(), lambda: 1.2, lambda: -4, time_step, "_delayfixed_df12"
)


@component.add(
    name="DF15",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df15": 1},
    other_deps={"_delayfixed_df15": {"initial": {}, "step": {"time_squared": 1}}},
)
def df15():
    return _delayfixed_df15()


_delayfixed_df15 = DelayFixed(
    lambda: time_squared(), lambda: 1.5, lambda: 20, time_step, "_delayfixed_df15"
)


@component.add(
    name="DF2",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df2": 1},
    other_deps={"_delayfixed_df2": {"initial": {}, "step": {"time_squared": 1}}},
)
def df2():
    return _delayfixed_df2()


_delayfixed_df2 = DelayFixed(
    lambda: time_squared(), lambda: 2, lambda: -3, time_step, "_delayfixed_df2"
)


@component.add(
    name="DF37",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_df37": 1},
    other_deps={"_delayfixed_df37": {"initial": {}, "step": {"time_squared": 1}}},
)
def df37():
    return _delayfixed_df37()


_delayfixed_df37 = DelayFixed(
    lambda: time_squared(), lambda: 3.7, lambda: 4, time_step, "_delayfixed_df37"
)


@component.add(
    name="DST",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_dst": 1},
    other_deps={
        "_delayfixed_dst": {"initial": {"time": 1}, "step": {"time_squared": 1}}
    },
)
def dst():
    return _delayfixed_dst()


_delayfixed_dst = DelayFixed(
    lambda: time_squared(),
    lambda: 2 + 2 * float(np.sin(time())),
    lambda: 7,
    time_step,
    "_delayfixed_dst",
)


@component.add(
    name="DT2",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_dt2": 1},
    other_deps={
        "_delayfixed_dt2": {"initial": {"time": 1}, "step": {"time_squared": 1}}
    },
)
def dt2():
    return _delayfixed_dt2()


_delayfixed_dt2 = DelayFixed(
    lambda: time_squared(), lambda: time() / 2, lambda: 4, time_step, "_delayfixed_dt2"
)


@component.add(
    name="time squared",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1},
)
def time_squared():
    return time() ** 2
