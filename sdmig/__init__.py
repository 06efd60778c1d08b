"""sdmig: forecasts of migration through the U.S.-Mexico border as one binational system.

A system-dynamics model of departures, transit through Mexico, waiting in Mexican border
cities, crossings, encounters, deaths and the U.S. immigration-court backlog, built on the
domain-free :mod:`stockflow` engine, with every policy lever a plugin.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sdmig")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
