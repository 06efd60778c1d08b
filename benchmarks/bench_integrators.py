"""Accuracy and cost of the fixed-step integrators on the border model, against RK45.

For the model without levers (``none``) and every shipped scenario, each fixed-step method runs the model from 2019-10 to 2028-12
and is compared with ``RK45`` at ``rtol = atol = 1e-8``:

- **monthly**: for each output of the forecast (:data:`sdmig.run.forecast.OUTPUT_VARIABLES`,
  summed over origins and corridors), the largest relative difference over the 111
  months. A month whose reference value is near zero is judged against 1 % of the
  series' largest absolute value instead (``|x - r| / max(|r|, 0.01 max|r|)``), so that a
  series crossing zero does not blow the ratio up;
- **report**: the figures of the comparison table (:data:`sdmig.outputs.tables.SUMMARY_COLUMNS`
  except the cost, which does not come from the integration) over the report window
  2026-07..2028-12 and over the whole run 2019-10..2028-12: monthly sums of the flows and
  end-of-window values of the stocks, the relative difference of each.

Then the cost: an ensemble of members drawn from the calibration runs the baseline with
each method, in pairs in one process (the runs alternate, the best of the repeats is
kept): evaluations of the model per month and microseconds per member-month, and their
ratio to RK4 at dt 0.25.

Run from the repository root (about 5 minutes: one RK45 run per scenario is ~30 s)::

    python benchmarks/bench_integrators.py
    python benchmarks/bench_integrators.py --scenarios none baseline --no-cost
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from sdmig.inference.calibrate import CalibrationResults
from sdmig.model.border import BorderModel
from sdmig.model.parameters import END, REPORT_WINDOW, START
from sdmig.outputs.tables import SUMMARY_COLUMNS, window_value
from sdmig.policy.scenario import builtin_scenarios, load_scenario
from sdmig.run.forecast import OUTPUT_VARIABLES

VARIABLES = list(OUTPUT_VARIABLES)
#: The outputs the brief names, shown one per column (the worst of all is shown too).
SHOWN = ("encounters", "crossings", "apprehensions", "deaths", "waiting", "court_backlog")
#: (method, dt) compared with RK45.
CANDIDATES = (("euler", 0.25), ("rk4", 0.25), ("exp-heun", 1.0), ("exp-heun", 0.5))
FLOOR = 0.01  # near-zero months are judged against 1 % of the series' largest value
#: The model with no scenario: no levers, so no triggers whose switching time depends on
#: when the model is evaluated; what is left is the integrators' own error.
NO_LEVERS = "none"


def monthly_errors(ds, ref) -> dict[str, float]:
    """Largest relative monthly difference of each output, summed over its dims."""
    out = {}
    for v in VARIABLES:
        r = ref[v].sum([d for d in ref[v].dims if d != "time"]).values
        x = ds[v].sum([d for d in ds[v].dims if d != "time"]).values
        scale = np.maximum(np.abs(r), FLOOR * np.abs(r).max())
        out[v] = float(np.max(np.abs(x - r) / scale)) if np.abs(r).max() > 0 else 0.0
    return out


def report_errors(ds, ref, start: str, end: str) -> dict[str, float]:
    """Relative difference of each figure of the comparison table over `start`..`end`."""
    out = {}
    for label, var, how, _units in SUMMARY_COLUMNS:
        if var not in ref:
            continue
        r = float(window_value(ref, var, how, start, end))
        x = float(window_value(ds, var, how, start, end))
        out[label] = abs(x - r) / abs(r) if r != 0 else abs(x)
    return out


def accuracy(scenarios: list[str]) -> list[dict]:
    model = BorderModel()
    rows = []
    for name in scenarios:
        scenario = None if name == NO_LEVERS else load_scenario(name)
        t0 = time.perf_counter()
        ref = model.simulate(scenario, method="RK45", rtol=1e-8, atol=1e-8, variables=VARIABLES)
        print(f"{name}: RK45 reference in {time.perf_counter() - t0:.1f} s", flush=True)
        for method, dt in CANDIDATES:
            ds = model.simulate(scenario, method=method, dt=dt, variables=VARIABLES)
            rows.append(
                {
                    "scenario": name,
                    "method": method,
                    "dt": dt,
                    "monthly": monthly_errors(ds, ref),
                    "window": report_errors(ds, ref, *REPORT_WINDOW),
                    "full": report_errors(ds, ref, START, END),
                    "switches": ds.attrs.get("trigger_switches", "")
                    != ref.attrs.get("trigger_switches", ""),
                }
            )
    return rows


def cost(n_members: int, repeats: int) -> list[dict]:
    model = BorderModel()
    scenario = load_scenario("baseline")
    draws = CalibrationResults.load().draw(n_members, seed=0)
    params = {k: v for k, v in draws.items() if not k.startswith("alpha_")}
    n_months = 1
    best: dict[tuple[str, float], float] = {}
    nfev: dict[tuple[str, float], int] = {}
    for _ in range(repeats):
        for method, dt in (("euler", 0.25), *CANDIDATES[1:]):
            t0 = time.perf_counter()
            ds = model.simulate(scenario, params=params, method=method, dt=dt, variables=VARIABLES)
            elapsed = time.perf_counter() - t0
            key = (method, dt)
            best[key] = min(best.get(key, np.inf), elapsed)
            nfev[key] = int(ds.attrs["nfev"])
            n_months = ds.sizes["time"]
    rk4 = best[("rk4", 0.25)]
    return [
        {
            "method": m,
            "dt": dt,
            "evals_per_month": nfev[(m, dt)] / n_months,
            "us_per_member_month": 1e6 * t / (n_members * n_months),
            "vs_rk4": t / rk4,
        }
        for (m, dt), t in best.items()
    ]


def print_tables(rows: list[dict], costs: list[dict], n_members: int) -> None:
    print("\n#### Largest monthly difference from RK45 (rtol = atol = 1e-8), 2019-10..2028-12\n")
    print("| scenario | method | dt | " + " | ".join(SHOWN) + " | worst of all outputs |")
    print("|---|---|---|" + "---|" * (len(SHOWN) + 1))
    for r in rows:
        m = r["monthly"]
        worst = max(m, key=m.get)
        cells = [f"{100 * m[v]:.2f} %" for v in SHOWN]
        flag = " (trigger switches differ)" if r["switches"] else ""
        print(
            f"| {r['scenario']} | {r['method']} | {r['dt']:g} | "
            + " | ".join(cells)
            + f" | {100 * m[worst]:.2f} % ({worst}){flag} |"
        )
    print("\n#### Largest difference of a report figure from RK45\n")
    print("| scenario | method | dt | window 2026-07..2028-12 | whole run 2019-10..2028-12 |")
    print("|---|---|---|---|---|")
    for r in rows:
        cells = []
        for key in ("window", "full"):
            e = r[key]
            worst = max(e, key=e.get)
            cells.append(f"{100 * e[worst]:.3f} % ({worst})")
        print(f"| {r['scenario']} | {r['method']} | {r['dt']:g} | " + " | ".join(cells) + " |")
    if not costs:
        return
    print(f"\n#### Cost: baseline, {n_members} members, best of the repeats\n")
    print("| method | dt | evaluations per month | µs per member-month | time vs RK4 dt 0.25 |")
    print("|---|---|---|---|---|")
    for c in costs:
        print(
            f"| {c['method']} | {c['dt']:g} | {c['evals_per_month']:.1f} | "
            f"{c['us_per_member_month']:.1f} | {c['vs_rk4']:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scenarios",
        nargs="*",
        default=None,
        help=f"default: {NO_LEVERS!r} (the model without levers) and every shipped scenario",
    )
    parser.add_argument("--members", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--no-cost", action="store_true", help="accuracy only")
    args = parser.parse_args()
    scenarios = args.scenarios or [NO_LEVERS, *builtin_scenarios()]
    rows = accuracy(scenarios)
    costs = [] if args.no_cost else cost(args.members, args.repeats)
    print_tables(rows, costs, args.members)


if __name__ == "__main__":
    main()
