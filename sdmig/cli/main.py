"""The ``sdmig`` command line: thin click wrappers over the Python API.

Each command parses options, calls one API function and prints its result. Errors caused
by the user's input (:class:`sdmig.errors.SdmigError`) become one line on stderr and exit
status 1; usage errors exit with 2 through click; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os

import click

from sdmig import __version__
from sdmig.cli.backtest import backtest_command
from sdmig.cli.calibrate import calibrate_command
from sdmig.cli.common import user_errors
from sdmig.cli.export import export_command, import_command
from sdmig.cli.forecast import forecast_command
from sdmig.cli.levers import levers
from sdmig.cli.nowcast import nowcast_command
from sdmig.cli.scenarios import scenarios
from sdmig.cli.sensitivity import sensitivity_command
from sdmig.model.runner import BACKEND_VARIABLE
from stockflow.kernel import BACKENDS

__all__ = ["main", "user_errors"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sdmig")
@click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default=None,
    help="How the model is integrated: auto (default: the compiled kernel where a C "
    "compiler is found, else NumPy), numpy (the reference) or compiled. Also "
    f"${BACKEND_VARIABLE}.",
)
def main(backend: str | None) -> None:
    """Forecast migration through the U.S.-Mexico border as one binational system."""
    if backend is not None:  # read by every run, here and on the workers of a local cluster
        os.environ[BACKEND_VARIABLE] = backend


main.add_command(backtest_command)
main.add_command(calibrate_command)
main.add_command(export_command)
main.add_command(import_command)
main.add_command(forecast_command)
main.add_command(levers)
main.add_command(nowcast_command)
main.add_command(scenarios)
main.add_command(sensitivity_command)
