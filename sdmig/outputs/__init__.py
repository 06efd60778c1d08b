"""Outputs: scenario comparisons, tables, plots, written reports and the ``ds.sdmig`` accessor."""
