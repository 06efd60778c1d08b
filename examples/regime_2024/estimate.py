"""Estimate the magnitudes of the 2023-12..2024-12 regime from CBP's monthly encounters.

Fits three numbers by least squares: Mexico's enforcement surge from December 2023
(``south_rate`` and ``north_rate`` of the ``mexico_surge_2023`` lever of the baseline) and the
model's ``stay_deterrence`` (the elasticity of departures to the perceived chance of staying
in the U.S., which carries the June 2024 proclamation's effect on departures). The other
magnitudes of the regime come from the policy record (thresholds, dates, the 70 % removal
share) and are not fitted.

What is fitted is the *shape* of the path, not its level: the log of Border Patrol
encounters each month of 2023-12..2024-12 relative to 2023-11, observed against modelled.
The model's level in late 2023 is far below the data (its economic drivers end in 2023-10),
and a level error must not be read as a policy effect. The modelled month is the mean of
the rates at its start and end (the model records end-of-month rates; CBP counts the
month).

Run from the repository root::

    python examples/regime_2024/estimate.py             # all three
    python examples/regime_2024/estimate.py --stay 1    # south_rate alone, the elasticity fixed

It prints the estimates, the fit and the comparison with the baseline without the
2023-12..2024-12 levers; the numbers in ``forecasts/baseline.toml`` and the README here
come from it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from sdmig.model.border import BorderModel
from sdmig.policy.scenario import Scenario, load_scenario

HERE = Path(__file__).resolve().parent
FIT = ("2023-12", "2024-12")
REGIME = ("mexico_surge_2023", "proclamation_2024", "final_rule_2024")


def observed() -> pd.Series:
    """Border Patrol encounters a month (CBP), 2023-06..2024-12."""
    data = pd.read_csv(HERE / "cbp_sw_encounters_2023-06_2024-12.csv")
    return data[data.series == "usbp_total"].set_index("month")["value"].astype(float)


def monthly(ds) -> pd.Series:
    """Modelled encounters between ports in each month: the mean of the end-of-month rates
    of the month before and the month itself."""
    rate = ds["apprehensions"].sum(("origin", "corridor")).to_series()
    rate.index = rate.index.strftime("%Y-%m")
    return ((rate + rate.shift(1)) / 2.0).dropna()


def scenario_with(base: Scenario, south: float, north: float) -> Scenario:
    levers = tuple(
        dataclasses.replace(lever, south_rate=south, north_rate=north)
        if lever.label == "mexico_surge_2023"
        else lever
        for lever in base.levers
    )
    return dataclasses.replace(base, levers=levers)


def without_regime(base: Scenario) -> Scenario:
    keep = [(lv, loc) for lv, loc in zip(base.levers, base.locations, strict=True)]
    keep = [(lv, loc) for lv, loc in keep if lv.label not in REGIME]
    return dataclasses.replace(
        base,
        name="baseline_without_2024_regime",
        levers=tuple(lv for lv, _ in keep),
        locations=tuple(loc for _, loc in keep),
    )


def run(scenario: Scenario, stay: float) -> tuple[pd.Series, str]:
    model = BorderModel({"stay_deterrence": stay})
    ds = model.simulate(scenario, method="rk4", end=FIT[1])
    return monthly(ds), ds.attrs.get("trigger_switches", "")


def shape_residuals(model: pd.Series, obs: pd.Series) -> np.ndarray:
    months = pd.period_range(*FIT, freq="M").strftime("%Y-%m")
    ref = "2023-11"
    return np.log(model[months] / model[ref]) - np.log(obs[months] / obs[ref])


def mape(model: pd.Series, obs: pd.Series) -> float:
    months = pd.period_range(*FIT, freq="M").strftime("%Y-%m")
    return float(np.mean(np.abs(model[months] / obs[months] - 1.0)) * 100)


def main_fixed_stay(stay: float) -> None:
    """Fit ``south_rate`` alone, with ``north_rate`` at 0 and ``stay_deterrence`` fixed."""
    from scipy.optimize import minimize_scalar

    obs = observed()
    base = load_scenario("baseline")

    def loss(south: float) -> float:
        model, _ = run(scenario_with(base, south, 0.0), stay)
        return float(np.sum(shape_residuals(model, obs) ** 2))

    fit = minimize_scalar(loss, bounds=(0.0, 2.0), method="bounded", options={"xatol": 0.01})
    print(f"fit with stay_deterrence = {stay:g}: {fit.nfev} runs, sum of squares {fit.fun:.4f}")
    print(f"south_rate = {fit.x:.3f} /month")
    report(obs, base, fit.x, 0.0, stay)


def report(obs, base, south, north, stay) -> None:
    """The fit against the data, with and without the regime's levers."""
    best, switches = run(scenario_with(base, south, north), stay)
    none, _ = run(without_regime(base), stay)
    print(f"trigger switches: {switches}")
    table = pd.DataFrame({"observed": obs, "with regime": best, "without": none})
    print(table.loc["2023-11" : FIT[1]].round(0).to_string())
    res_with = shape_residuals(best, obs)
    res_without = shape_residuals(none, obs)
    print(
        f"RMS log residual of the shape: with {np.sqrt(np.mean(res_with**2)):.3f}, "
        f"without {np.sqrt(np.mean(res_without**2)):.3f}"
    )
    print(f"MAPE of the level: with {mape(best, obs):.1f} %, without {mape(none, obs):.1f} %")


def main() -> None:
    """Fit all three magnitudes."""
    obs = observed()
    base = load_scenario("baseline")

    def loss(x: np.ndarray) -> float:
        south, north, stay = np.exp(x)
        model, _ = run(scenario_with(base, south, north), stay)
        return float(np.sum(shape_residuals(model, obs) ** 2))

    # a start near the optimum of an earlier run of this script (from 0.3, 0.3, 1.0)
    x0 = np.log([0.7, 0.01, 1.0])
    fit = minimize(loss, x0, method="Nelder-Mead", options={"xatol": 0.02, "fatol": 1e-4})
    south, north, stay = np.exp(fit.x)
    print(f"fit: {fit.nfev} runs, sum of squared log residuals {fit.fun:.4f}")
    print(f"south_rate = {south:.3f} /month, north_rate = {north:.3f} /month, ")
    print(f"stay_deterrence = {stay:.3f}")
    report(obs, base, south, north, stay)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--stay":
        main_fixed_stay(float(sys.argv[2]))
    else:
        main()
