"""The ``sdmig`` command line: thin click commands over the Python API."""

from sdmig.cli.main import main

__all__ = ["main"]
