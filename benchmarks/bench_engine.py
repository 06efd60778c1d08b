"""Speed of the stockflow engine on a reference model, against PySD on the same model.

The reference model is an invented migration system written for this benchmark: 13 stocks
(push[origin], transit[origin], waiting[origin, corridor], crossed[corridor],
dead[corridor], a scalar court backlog, granted, removed[origin], enforcement, a SMOOTH of
the risk per corridor, and the three stages of a DELAY3 of deportations per origin), 3
origins x 4 corridors, 6 lookups (one of time), 108 months. ``benchmarks/reference.mdl`` is
the same model in Vensim; the script checks that stockflow (Euler) and PySD agree on it
before timing anything.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_engine.py            # everything (about 2 minutes)
    PYTHONPATH=. python benchmarks/bench_engine.py --no-pysd  # skip the PySD runs

It prints one table: single-run times for each integrator, ensemble throughput with RK4,
and the per-run ratio of PySD to stockflow, each beside its target.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

import stockflow as sf
from stockflow.integrate import initial_state

ORIGINS = ["oa", "ob", "oc"]
CORRIDORS = ["cw", "cx", "cy", "cz"]
N_MONTHS = 108
DT = 0.25
MDL = Path(__file__).with_name("reference.mdl")
PRESSURE_X = [0, 6, 12, 18, 24, 36, 48, 60, 72, 84, 96, 108]
PRESSURE_Y = [1, 1.3, 1, 1.4, 1.1, 0.9, 1.2, 1.5, 1, 1.3, 1.1, 1]
ENSEMBLE_OUTPUTS = ["backlog", "crossed"]

# (stockflow name, Vensim name, dims) of the stocks compared with PySD
STOCKS = [
    ("push", "push", ("origin",)),
    ("transit", "transit", ("origin",)),
    ("waiting", "waiting", ("origin", "corridor")),
    ("crossed", "crossed", ("corridor",)),
    ("dead", "dead", ("corridor",)),
    ("backlog", "backlog", ()),
    ("granted", "granted", ()),
    ("removed", "removed", ("origin",)),
    ("enforcement", "enforcement", ()),
    ("perceived_risk", "perceived risk", ("corridor",)),
]


def reference_model() -> sf.Model:
    """The model of ``reference.mdl``, declared in stockflow."""
    m = sf.Model("reference", start="2020-01", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    p = m.param
    p("base_pressure", [3000, 2000, 1000], dims="origin", units="people/month")
    p("departure_rate", 0.2, units="1/month")
    p("shelter_capacity", 10000, units="people")
    p("transit_time", 2, units="month")
    p(
        "corridor_preference",
        [[0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4], [0.25] * 4],
        dims=("origin", "corridor"),
    )
    p("crossing_rate", 0.15, units="1/month")
    p("claim_rate", 0.1, units="1/month")
    p("death_rate", 0.001, units="1/month")
    p("processing_time", 24, units="month")
    p("court_capacity", 60000, units="people")
    p("grant_share", 0.3)
    p("removal_time", 2, units="month")
    p("return_delay", 3, units="month")
    p("enforcement_scale", 2000, units="people/month")
    p("adjustment_time", 6, units="month")
    p("corridor_danger", [1, 1.5, 0.8, 1.2], dims="corridor")
    p("risk_perception_time", 4, units="month")

    m.lookup("pressure_table", PRESSURE_X, PRESSURE_Y)
    m.lookup("congestion_effect", [0, 0.5, 1, 2, 3, 5], [1.2, 1.1, 1, 0.7, 0.4, 0.2])
    m.lookup("route_attractiveness", [0, 1, 2, 3, 5], [1.5, 1, 0.6, 0.4, 0.3])
    m.lookup("risk_effect", [0, 1, 2, 3, 5], [1.3, 1, 0.7, 0.5, 0.3])
    m.lookup("return_effect", [0, 1, 2, 3, 5], [0.01, 0.03, 0.08, 0.15, 0.25])
    m.lookup("processing_effect", [0, 1, 2, 4], [1.2, 1, 0.6, 0.4])
    m.add_breakpoints(*PRESSURE_X[1:-1])  # kinks of the lookup of time

    people = {"units": "people"}
    m.stock("push", [5000, 3000, 2000], dims="origin", **people)
    m.stock("transit", [2000, 1500, 800], dims="origin", **people)
    m.stock("waiting", 200.0, dims=("origin", "corridor"), **people)
    m.stock("crossed", 0.0, dims="corridor", **people)
    m.stock("dead", 0.0, dims="corridor", **people)
    m.stock("backlog", 50000.0, **people)
    m.stock("granted", 0.0, **people)
    m.stock("removed", [500, 300, 200], dims="origin", **people)
    m.stock("enforcement", 1.0)

    m.aux("total_waiting", lambda v: v.waiting.sum(axis=(1, 2)), **people)
    m.aux("crowding", lambda v: v.total_waiting / v.shelter_capacity)
    m.aux("actual_risk", lambda v: v.enforcement[:, None] * v.corridor_danger, dims="corridor")
    m.smooth("perceived_risk", "actual_risk", "risk_perception_time", dims="corridor")
    m.aux(
        "route_weight",
        lambda v: v.corridor_preference * v.route_attractiveness(v.perceived_risk)[:, None, :],
        dims=("origin", "corridor"),
    )
    m.aux(
        "route_share",
        lambda v: v.route_weight / v.route_weight.sum(axis=2, keepdims=True),
        dims=("origin", "corridor"),
    )
    m.aux(
        "decisions",
        lambda v: v.backlog / v.processing_time * v.processing_effect(v.backlog / v.court_capacity),
        units="people/month",
    )
    m.aux("target_enforcement", lambda v: 1 + v.crossings.sum(axis=(1, 2)) / v.enforcement_scale)

    flow = {"units": "people/month"}
    m.flow(
        "recruitment",
        lambda v: v.base_pressure * v.pressure_table(v.t),
        target="push",
        dims="origin",
        **flow,
    )
    m.flow(
        "departures",
        lambda v: v.push * (v.departure_rate * v.congestion_effect(v.crowding))[:, None],
        source="push",
        target="transit",
        dims="origin",
        **flow,
    )
    m.flow(
        "arrivals",
        lambda v: (v.transit / v.transit_time[:, None])[..., None] * v.route_share,
        source="transit",
        target="waiting",
        dims=("origin", "corridor"),
        **flow,
    )
    m.flow(
        "crossings",
        lambda v: (
            v.waiting * v.crossing_rate[:, None, None] * v.risk_effect(v.perceived_risk)[:, None, :]
        ),
        source="waiting",
        target="crossed",
        dims=("origin", "corridor"),
        **flow,
    )
    m.flow(
        "asylum_claims",
        lambda v: v.waiting * v.claim_rate[:, None, None],
        source="waiting",
        target="backlog",
        dims=("origin", "corridor"),
        **flow,
    )
    m.flow(
        "returns",
        lambda v: v.waiting * v.return_effect(v.crowding)[:, None, None],
        source="waiting",
        target="removed",
        dims=("origin", "corridor"),
        **flow,
    )
    m.flow(
        "deaths",
        lambda v: v.waiting * v.death_rate[:, None, None] * v.perceived_risk[:, None, :],
        source="waiting",
        target="dead",
        dims=("origin", "corridor"),
        **flow,
    )
    m.flow(
        "grants", lambda v: v.decisions * v.grant_share, source="backlog", target="granted", **flow
    )
    m.flow("denials", lambda v: v.decisions * (1 - v.grant_share), source="backlog", **flow)
    m.flow(
        "deportations",
        lambda v: v.removed / v.removal_time[:, None],
        source="removed",
        dims="origin",
        **flow,
    )
    m.delay3("returnees", "deportations", "return_delay", dims="origin", target="push", **flow)
    m.flow(
        "enforcement_change",
        lambda v: (v.target_enforcement - v.enforcement) / v.adjustment_time,
        target="enforcement",
        units="1/month",
    )
    return m


def ensemble_params(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Each member's own departure and crossing rates and pressures, +-20 % around the defaults."""
    rng = np.random.default_rng(seed)
    return {
        "departure_rate": 0.2 * rng.uniform(0.8, 1.2, n),
        "crossing_rate": 0.15 * rng.uniform(0.8, 1.2, n),
        "base_pressure": np.array([3000, 2000, 1000]) * rng.uniform(0.8, 1.2, (n, 3)),
    }


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def rhs_seconds(cm: sf.CompiledModel, k: int) -> float:
    """Median time of one RK4-style evaluation of the right-hand side for `k` members."""
    params = {n: v[None] for n, v in cm.model.params_default().items()}
    params.update(ensemble_params(k))
    consts = cm.constants(params)
    y = initial_state(cm, consts, {}, k)
    repeat = 200

    def evaluate():
        for _ in range(repeat):
            cm.rhs(1.0, y, consts, tau_min=DT)

    return median_time(evaluate, 5) / repeat


def run_pysd(repeat: int):
    """Median PySD run time [s] (Euler, dt 0.25, 108 months) and its results."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PySD's own deprecation notices
        import pysd

        with tempfile.TemporaryDirectory() as folder:
            mdl = Path(folder) / MDL.name
            shutil.copy(MDL, mdl)
            model = pysd.read_vensim(str(mdl))
            model.run()  # warm-up: first-call caches
            results = {}

            def run():
                results["df"] = model.run()

            return median_time(run, repeat), results["df"]


def agreement(ds, df) -> float:
    """Largest relative difference between stockflow (Euler) and PySD over all stocks."""
    worst = 0.0
    for name, vensim, dims in STOCKS:
        values = np.concatenate([ds[f"{name}_initial"].values[None], ds[name].values])
        if dims:
            labels = [ds[d].values for d in dims]
            grid = np.stack(np.meshgrid(*labels, indexing="ij"), axis=-1).reshape(-1, len(dims))
            cols = [f"{vensim}[{','.join(row)}]" for row in grid]
            expected = df[cols].to_numpy().reshape(values.shape)
        else:
            expected = df[vensim].to_numpy()
        scale = np.maximum(np.abs(expected), 1e-12)
        worst = max(worst, float(np.max(np.abs(values - expected) / scale)))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pysd", action="store_true", help="skip the PySD runs")
    parser.add_argument("--max-members", type=int, default=100_000)
    args = parser.parse_args()

    cm = sf.compile_model(reference_model())
    n_stock_vars = len(cm.stocks)
    print(
        f"reference model: {n_stock_vars} stocks ({cm.n_stock_state} state elements), "
        f"{len(cm.model.lookups)} lookups, {N_MONTHS} months, dims origin x corridor = "
        f"{len(ORIGINS)} x {len(CORRIDORS)}\n"
    )

    rows = []  # (measurement, measured, target, note)

    # ---------------------------------------------------------------- single runs
    single = {}
    for method in ["RK45", "LSODA", "rk4", "euler"]:
        ds = sf.simulate(cm, N_MONTHS, method=method, dt=DT)  # warm-up, and nfev
        seconds = median_time(lambda m=method: sf.simulate(cm, N_MONTHS, method=m, dt=DT), 5)
        single[method] = seconds
        target = "< 20 ms" if method in ("RK45", "LSODA") else ""
        step = f", dt {DT}" if method in ("rk4", "euler") else ""
        verdict = ("met" if seconds < 0.020 else "missed") if target else ""
        rows.append(
            (
                f"single run, {method}{step}",
                f"{seconds * 1e3:8.1f} ms",
                target,
                f"nfev {ds.attrs['nfev']}; {verdict}".rstrip("; "),
            )
        )

    # ------------------------------------------------------------------ ensembles
    per_member = {}
    for n in [1, 1_000, 10_000, 100_000]:
        if n > args.max_members:
            continue
        params = ensemble_params(n)

        def run(params=params):
            return sf.simulate(
                cm, N_MONTHS, method="rk4", dt=DT, params=params, variables=ENSEMBLE_OUTPUTS
            )

        seconds = median_time(run, 3 if n <= 10_000 else 1)
        member_months = n * N_MONTHS
        per_member[n] = seconds / n
        target, verdict = "", ""
        if n == 10_000:
            target = "< 1 s"
            verdict = "met" if seconds < 1.0 else "missed"
        rows.append(
            (
                f"ensemble rk4 dt {DT}, N = {n:,}",
                f"{seconds:8.3f} s",
                target,
                f"{member_months / seconds:,.0f} member-months/s, "
                f"{seconds / member_months * 1e9:,.0f} ns per member-month"
                + (f"; {verdict}" if verdict else ""),
            )
        )

    # Euler, for comparison with the figures in PERF_NOTES.md
    n = min(10_000, args.max_members)
    params = ensemble_params(n)
    seconds = median_time(
        lambda: sf.simulate(
            cm, N_MONTHS, method="euler", dt=DT, params=params, variables=ENSEMBLE_OUTPUTS
        ),
        3,
    )
    rows.append(
        (
            f"ensemble euler dt {DT}, N = {n:,}",
            f"{seconds:8.3f} s",
            "",
            f"{seconds / (n * N_MONTHS) * 1e9:,.0f} ns per member-month",
        )
    )

    # Python overhead or array work? One evaluation of the right-hand side, by members
    chunk = 2048  # simulate's default chunk_size
    ensemble_cm = cm.tracking(())  # as in the ensemble runs above: no flow returned
    overhead, full = rhs_seconds(ensemble_cm, 1), rhs_seconds(ensemble_cm, chunk)
    rows.append(
        (
            "one right-hand side evaluation, 1 member",
            f"{overhead * 1e6:8.0f} us",
            "",
            "all of it Python overhead",
        )
    )
    rows.append(
        (
            f"one right-hand side evaluation, {chunk:,} members",
            f"{full * 1e6:8.0f} us",
            "",
            f"{overhead / full:.0%} Python overhead, the rest array work: "
            f"{(full - overhead) / chunk * 1e9:,.0f} ns per member",
        )
    )

    # ----------------------------------------------------------------------- PySD
    if not args.no_pysd:
        pysd_seconds, df = run_pysd(3)
        euler = sf.simulate(cm, N_MONTHS, method="euler", dt=DT)
        diff = agreement(euler, df)
        rows.append(
            (
                "PySD 3 run, Euler dt 0.25 (median of 3)",
                f"{pysd_seconds:8.2f} s",
                "",
                f"stockflow euler agrees to {diff:.1e} relative on every stock",
            )
        )
        rows.append(
            ("  vs stockflow single run, euler", f"{pysd_seconds / single['euler']:8,.0f}x", "", "")
        )
        rows.append(
            ("  vs stockflow single run, RK45", f"{pysd_seconds / single['RK45']:8,.0f}x", "", "")
        )
        for n, seconds in per_member.items():
            if n < 1000:
                continue
            ratio = pysd_seconds / seconds
            target = ">= 10,000x" if n == 10_000 else ""
            verdict = ("; met" if ratio >= 10_000 else "; missed") if target else ""
            rows.append(
                (
                    f"  vs stockflow per member, rk4, N = {n:,}",
                    f"{ratio:8,.0f}x",
                    target,
                    f"per-run ratio PySD / stockflow-per-member{verdict}",
                )
            )

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'measured':>12}  {'target':<10}  note")
    print(f"{'-' * width}  {'-' * 12}  {'-' * 10}  {'-' * 30}")
    for name, measured, target, note in rows:
        print(f"{name:<{width}}  {measured:>12}  {target:<10}  {note}")


if __name__ == "__main__":
    main()
