"""
A scenario of your own, in a few lines
======================================

A scenario is data: levers with their timing, on top of a scenario it extends. Here we
take the status-quo baseline and add 20 % more court capacity from 2026-07, ramping up
over six months, then compare the court backlog with the baseline's.
"""

import matplotlib.pyplot as plt

import sdmig

text = """
name = "more_court_capacity"
extends = "baseline"

[[lever]]
lever = "scale_input"
input = "court_capacity"
factor = 1.2
start = "2026-07"
ramp_months = 6
"""
scenario = sdmig.Scenario.from_toml(text, source="more_court_capacity.toml")
ds = sdmig.forecast(["baseline", scenario])

# %%
# More capacity means more completions, so the backlog falls below the baseline's once the
# ramp starts.
backlog = ds["court_backlog"].sel(time=slice("2025-01", None))
fig, ax = plt.subplots(figsize=(8, 4))
for name in backlog.scenario.values:
    (backlog.sel(scenario=name) / 1e6).plot(ax=ax, label=str(name))
ax.axvline(backlog.time.sel(time="2026-07").values[0], color="grey", linestyle=":")
ax.set_ylabel("court backlog [million cases]")
ax.set_title("Court backlog with 20 % more court capacity from 2026-07")
ax.legend()
fig.tight_layout()

end = ds["court_backlog"].isel(time=-1)
change = float(end.sel(scenario="more_court_capacity") - end.sel(scenario="baseline"))
print(f"backlog at the end of 2028: {change:+,.0f} cases against the baseline")
assert change < 0, "more court capacity must lower the backlog"
