"""
A forecast with uncertainty, from Python
========================================

Run the status-quo ``baseline`` and the brief's ``binational_phased`` strategy as a small
ensemble from the model's state at the last observed month: members are particles of the
filter that estimated that state from the data, each with its own parameter draw, and every
scenario gets the same members and noise, so differences between scenarios are paired
member by member.
"""

import sdmig

res = sdmig.forecast(["baseline", "binational_phased"], members=20, seed=1)
print(res)

# %%
# The fan chart: median and 10–90 % band of monthly encounters, with CBP's observed months.
fig = res.plot("encounters")

# %%
# Each scenario minus the baseline over 2026-07..2028-12: median and 10–90 % across members,
# the table ``sdmig forecast`` prints. ``res.write("out")`` would write the folder
# ``sdmig forecast --out out`` writes, ``report.html`` included.
print(res.compare().round(0).to_string())

# %%
# The members' values are in ``res.dataset``, an :class:`xarray.Dataset`.
print(res.dataset["crossings"].dims)
