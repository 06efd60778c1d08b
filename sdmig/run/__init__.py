"""Runs: scenario forecasts, member ensembles (in one process or on Dask), sensitivity."""
