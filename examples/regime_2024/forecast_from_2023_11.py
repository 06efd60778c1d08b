"""From origin 2023-11 (the filter sees data up to it only): the 2024 regime's levers
against the same baseline without them, MAPE on the observed 2023-12..2024-12."""

from pathlib import Path

import numpy as np

import sdmig
from sdmig.data.history import load_history

HERE = Path(__file__).resolve().parent

res = sdmig.forecast(
    ["baseline", str(HERE / "no_2024_levers.toml")],
    origin="2023-11",
    end="2024-12",
    members=200,
    particles=1000,
    seed=1,
)
ds = res.dataset
h = load_history()
months = slice("2023-12", "2024-12")
obs_total = h["encounters_total"].sel(time=months).values
obs_usbp = h["encounters_usbp"].sel(time=months).values
for name in ds.scenario.values:
    enc = ds["encounters"].sel(scenario=name).sum(["origin", "corridor"]).median("member")
    app = ds["apprehensions"].sel(scenario=name).sum(["origin", "corridor"]).median("member")
    e = enc.sel(time=months).values
    a = app.sel(time=months).values
    mape_t = np.mean(np.abs(e - obs_total) / obs_total) * 100
    mape_u = np.mean(np.abs(a - obs_usbp) / obs_usbp) * 100
    print(f"{name:16s} MAPE total encounters {mape_t:5.1f} %   USBP apprehensions {mape_u:5.1f} %")
    print("   model total:", np.round(e / 1e3).astype(int).tolist())
print("   observed   :", np.round(obs_total / 1e3).astype(int).tolist())
