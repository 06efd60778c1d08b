"""
A forecast with uncertainty, from Python
========================================

Run the status-quo ``baseline`` and the brief's ``binational_phased`` strategy as a small
ensemble: parameter sets are drawn from the calibration's estimated distribution, and every
scenario gets the same draws, so differences between scenarios are paired member by member.
"""

import sdmig

ds = sdmig.forecast(["baseline", "binational_phased"], members=20, seed=1)

# %%
# The fan chart: median and 10–90 % band of monthly encounters, with CBP's observed months.
fig = ds.sdmig.plot("encounters")

# %%
# Each scenario minus the baseline over 2026-07..2028-12: median and 10–90 % across members.
print(ds.sdmig.compare().round(0).to_string())
