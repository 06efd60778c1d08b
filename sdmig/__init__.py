"""sdmig: forecasts of migration through the U.S.-Mexico border as one binational system.

A system-dynamics model of departures, transit through Mexico, waiting in Mexican border
cities, crossings, encounters, deaths and the U.S. immigration-court backlog, built on the
domain-free :mod:`stockflow` engine, with every policy lever a plugin.

The package's rooms follow the flow of data:

=======================  ===============================================================
``sdmig.data``           the shipped history with its provenance, and its loader
``sdmig.model``          parameters, what calibration estimates, the stock-flow model
``sdmig.policy``         levers (plugins), their registry, scenario files, benchmarks
``sdmig.inference``      calibration (statsmodels) and rolling-origin backtests
``sdmig.run``            forecasts, ensembles (one process or Dask), sensitivity
``sdmig.outputs``        comparisons, tables, plots, reports, the ``ds.sdmig`` accessor
``sdmig.cli``            the ``sdmig`` command, thin click wrappers over the above
=======================  ===============================================================

The main entry points are importable from here: :func:`sdmig.forecast` returns a
:class:`~sdmig.outputs.results.ForecastResults`, whose ``.dataset`` is the forecast; importing ``sdmig`` also registers the
``ds.sdmig`` accessor on :class:`xarray.Dataset`.

Examples
--------
>>> import sdmig
>>> res = sdmig.forecast(["baseline"], end="2020-03", origin="open-loop")
>>> res.scenario_names
['baseline']
>>> res.dataset["encounters"].dims
('scenario', 'time', 'origin', 'corridor')
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("sdmig")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

#: Public name -> module that defines it (imported on first use, so ``import sdmig`` is fast).
_PUBLIC = {
    "forecast": "sdmig.outputs.results",
    "ForecastResults": "sdmig.outputs.results",
    "calibrate": "sdmig.inference.calibrate",
    "backtest": "sdmig.inference.backtest",
    "nowcast": "sdmig.inference.nowcast",
    "load_history": "sdmig.data.history",
    "Scenario": "sdmig.policy.scenario",
    "load_scenario": "sdmig.policy.scenario",
    "Lever": "sdmig.policy.levers",
    "BorderModel": "sdmig.model.border",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sdmig' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


import_module("sdmig.outputs.accessor")  # registers ds.sdmig
