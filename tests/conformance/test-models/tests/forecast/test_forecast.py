"""
Python model 'test_forecast.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import ramp, step
from pysd.py_backend.statefuls import Forecast, DelayFixed
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {"Dim1": ["A", "B"], "Dim2": ["C", "D", "E"]}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 0,
    "final_time": lambda: 120,
    "time_step": lambda: 0.5,
    "saveper": lambda: 1,
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
    comp_type="Constant",
    comp_subtype="Normal",
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
    name="period", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def period():
    return 20


@component.add(
    name="Delay time subs", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def delay_time_subs():
    return 7


@component.add(
    name="R Delayed subs",
    units="widgets/Month",
    subscripts=["Dim1"],
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_r_delayed_subs": 1},
    other_deps={
        "_delayfixed_r_delayed_subs": {
            "initial": {"r_subs": 1, "delay_time_subs": 1},
            "step": {"r_subs": 1},
        }
    },
)
def r_delayed_subs():
    return _delayfixed_r_delayed_subs()


_delayfixed_r_delayed_subs = DelayFixed(
    lambda: r_subs(),
    lambda: delay_time_subs(),
    lambda: r_subs(),
    time_step,
    "_delayfixed_r_delayed_subs",
)


@component.add(
    name="Fcst horizon subs", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def fcst_horizon_subs():
    return 10


@component.add(
    name="R forecast subs",
    units="widgets/Month",
    subscripts=["Dim1", "Dim2"],
    comp_type="Stateful",
    comp_subtype="Forecast",
    depends_on={"_forecast_r_forecast_subs": 1},
    other_deps={
        "_forecast_r_forecast_subs": {
            "initial": {"r_delayed_subs": 1},
            "step": {
                "r_delayed_subs": 1,
                "fcst_smoothing_time_subs": 1,
                "fcst_horizon_subs": 1,
            },
        }
    },
)
def r_forecast_subs():
    """
    The FORECAST function provides a very simple trend extrapolation forecast of the future value of a variable based on its past behavior. Like any trend extrapolator it performs very badly at turnarounds. It is also susceptible to noise amplification, though other extrapolators are more robust to that issue.
    """
    return _forecast_r_forecast_subs()


_forecast_r_forecast_subs = Forecast(
    lambda: r_delayed_subs().expand_dims({"Dim2": _subscript_dict["Dim2"]}, 1),
    lambda: fcst_smoothing_time_subs().expand_dims(
        {"Dim1": _subscript_dict["Dim1"]}, 0
    ),
    lambda: xr.DataArray(
        fcst_horizon_subs(),
        {"Dim1": _subscript_dict["Dim1"], "Dim2": _subscript_dict["Dim2"]},
        ["Dim1", "Dim2"],
    ),
    lambda: xr.DataArray(
        0,
        {"Dim1": _subscript_dict["Dim1"], "Dim2": _subscript_dict["Dim2"]},
        ["Dim1", "Dim2"],
    ),
    "_forecast_r_forecast_subs",
)


@component.add(
    name="Fcst smoothing time subs",
    units="Month",
    subscripts=["Dim2"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def fcst_smoothing_time_subs():
    return xr.DataArray([2.0, 3.0, 4.0], {"Dim2": _subscript_dict["Dim2"]}, ["Dim2"])


@component.add(
    name="period subs", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def period_subs():
    return 15


@component.add(
    name="R Delayed",
    units="widgets/Month",
    comp_type="Stateful",
    comp_subtype="DelayFixed",
    depends_on={"_delayfixed_r_delayed": 1},
    other_deps={
        "_delayfixed_r_delayed": {
            "initial": {"r": 1, "delay_time": 1},
            "step": {"r": 1},
        }
    },
)
def r_delayed():
    return _delayfixed_r_delayed()


_delayfixed_r_delayed = DelayFixed(
    lambda: r(), lambda: delay_time(), lambda: r(), time_step, "_delayfixed_r_delayed"
)


@component.add(
    name="R forecast",
    units="widgets/Month",
    comp_type="Stateful",
    comp_subtype="Forecast",
    depends_on={"_forecast_r_forecast": 1},
    other_deps={
        "_forecast_r_forecast": {
            "initial": {"r_delayed": 1},
            "step": {"r_delayed": 1, "fcst_smoothing_time": 1, "fcst_horizon": 1},
        }
    },
)
def r_forecast():
    """
    The FORECAST function provides a very simple trend extrapolation forecast of the future value of a variable based on its past behavior. Like any trend extrapolator it performs very badly at turnarounds. It is also susceptible to noise amplification, though other extrapolators are more robust to that issue.
    """
    return _forecast_r_forecast()


_forecast_r_forecast = Forecast(
    lambda: r_delayed(),
    lambda: fcst_smoothing_time(),
    lambda: fcst_horizon(),
    lambda: 0,
    "_forecast_r_forecast",
)


@component.add(
    name="R subs",
    units="widgets/Month",
    subscripts=["Dim1"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 10, "period_subs": 2},
)
def r_subs():
    value = xr.DataArray(np.nan, {"Dim1": _subscript_dict["Dim1"]}, ["Dim1"])
    value.loc[["A"]] = (
        10
        + ramp(__data["time"], 1, 10, 60)
        + step(__data["time"], 1, 70) * (1 - step(__data["time"], 1, 90))
        + step(__data["time"], 2 * float(np.sin(6.28 * time() / period_subs())), 100)
    )
    value.loc[["B"]] = (
        20
        + ramp(__data["time"], 1, 20, 30)
        + step(__data["time"], 1, 30) * (2 - step(__data["time"], 1, 60))
        + step(__data["time"], 2 * float(np.sin(5 * time() / period_subs())), 100)
    )
    return value


@component.add(
    name="Delay time", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def delay_time():
    return 10


@component.add(
    name="Fcst horizon", units="Month", comp_type="Constant", comp_subtype="Normal"
)
def fcst_horizon():
    return 10


@component.add(
    name="Fcst smoothing time",
    units="Month",
    comp_type="Constant",
    comp_subtype="Normal",
)
def fcst_smoothing_time():
    return 5


@component.add(
    name="R",
    units="widgets/Month",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 5, "period": 1},
)
def r():
    return (
        10
        + ramp(__data["time"], 1, 10, 60)
        + step(__data["time"], 1, 70) * (1 - step(__data["time"], 1, 90))
        + step(__data["time"], 2 * float(np.sin(6.28 * time() / period())), 100)
    )
