"""Ensembles of the full model in one process and on a Dask LocalCluster; PySD for the ratio.

Measures, for :func:`sdmig.run.ensemble.run_ensemble` on the full binational model under the
``binational_phased`` scenario, 2019-10..2028-12 (111 months), each member with its own
parameters and lever intensity, reduced to 5 quantiles of 3 monthly totals (encounters,
deaths, court backlog):

- member-months per second in one process and on a ``LocalCluster`` of 2 worker
  processes (1 thread each), for 10^3 to 10^5 members (10^6 with ``--million``), with RK4
  and Euler at dt 0.25 month, and the speed-up of 2 workers over 1 process;
  with the CPU time the run took (this process and the workers), since wall times on a
  shared machine depend on what else runs (the load average is printed beside each);
- the accuracy of each integrator and step on the outcomes (against RK4 at dt 1/8): a
  step of 0.5 month or more is far off, because the fastest outflow of the model (ports
  process people waiting with a time constant of 0.5 month) is then limited;
- the reduction alone for 10^6 members (synthetic series: gathering and exact quantiles),
  in one process and on the cluster;
- memory: the bytes per member of the gathered series, and the peak resident memory of
  this process and of the workers;
- Sobol indices for 10 factors with N = 1,024 base samples (12,288 runs);
- the same ensemble work on PySD: PySD has no version of the full model, so the ratio is
  taken on the 13-stock reference model of ``benchmarks/bench_engine.py`` (Euler, dt
  0.25, 108 months): one PySD run against one member of a stockflow ensemble of it.

Run from the repository root (about 15 minutes on an idle machine; ``--quick`` about 2)::

    PYTHONPATH=. python benchmarks/bench_ensemble.py
    PYTHONPATH=. python benchmarks/bench_ensemble.py --quick --no-pysd

The results, and the machine they were measured on, are in ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_engine, beside this file

import stockflow as sf  # noqa: E402
from sdmig.model.border import BorderModel  # noqa: E402
from sdmig.policy.scenario import load_scenario  # noqa: E402
from sdmig.run.distributed import get_client  # noqa: E402
from sdmig.run.ensemble import run_ensemble  # noqa: E402
from sdmig.run.factors import make_factor  # noqa: E402
from sdmig.run.sensitivity import sensitivity  # noqa: E402

N_MONTHS = 111  # 2019-10..2028-12
VARIABLES = ("encounters", "deaths", "court_backlog")
SOBOL_FACTORS = (
    "base_departures",
    "enforcement_deterrence",
    "backlog_deterrence",
    "season_peak",
    "judge_productivity",
    "joint_task_forces.disruption",
    "joint_task_forces.start",
    "humanitarian_safeguards.averted",
    "pre_screening_hub.capacity",
    "asylum_officers.share",
)


def draw(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Members' values: four parameters and one lever intensity, around the defaults."""
    return {
        "base_departures": np.array([21_000.0, 14_000.0, 6_100.0]) * rng.uniform(0.8, 1.2, (n, 1)),
        "enforcement_deterrence": rng.uniform(0.3, 0.7, n),
        "backlog_deterrence": rng.uniform(0.2, 0.4, n),
        "season_peak": rng.uniform(4.0, 7.0, n),
        "pre_screening_hub.capacity": rng.uniform(4_000.0, 12_000.0, n),
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        cpu = next(
            line.split(":", 1)[1].strip() for line in out.splitlines() if "Model name" in line
        )
    except (OSError, StopIteration):
        pass
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    import dask
    import distributed
    import numpy

    return (
        f"{os.cpu_count()} CPUs (nproc), {cpu}, {pages / 2**30:.0f} GiB; "
        f"Python {platform.python_version()}, NumPy {numpy.__version__}, "
        f"dask/distributed {dask.__version__}/{distributed.__version__}"
    )


def rss_mib() -> float:
    """Peak resident memory of this process [MiB]."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reduce_synthetic(client, n: int = 1_000_000, chunk: int = 2048) -> tuple[float, float]:
    """Seconds to reduce 10^6 members' series (random numbers, chunks of `chunk`) to exact
    quantiles the way :func:`run_ensemble` does, and the GiB of series gathered."""
    from sdmig.run.ensemble import DEFAULT_QUANTILES, _block_months, _quantile_block

    qs, shape = DEFAULT_QUANTILES, (N_MONTHS, len(VARIABLES))
    tb = _block_months(n, *shape)
    bounds = [(lo, min(lo + chunk, n)) for lo in range(0, n, chunk)]
    if client is None:
        members = np.empty((n, *shape))
        for i, (lo, hi) in enumerate(bounds):  # as the chunks arrive
            members[lo:hi] = np.random.default_rng(i).random((hi - lo, *shape))
        t0 = time.perf_counter()
        np.concatenate(
            [_quantile_block(members[:, t : t + tb], qs) for t in range(0, shape[0], tb)], axis=1
        )
        seconds = time.perf_counter() - t0
    else:
        import dask.array as da
        from distributed import wait

        futures = [
            client.submit(lambda i, k: np.random.default_rng(i).random((k, *shape)), i, hi - lo)
            for i, (lo, hi) in enumerate(bounds)
        ]
        wait(futures)
        t0 = time.perf_counter()
        members = da.concatenate(
            [
                da.from_delayed(f, (hi - lo, *shape), float)
                for f, (lo, hi) in zip(futures, bounds, strict=True)
            ]
        )
        blocks = members.rechunk({0: -1, 1: tb, 2: -1})
        q = blocks.map_blocks(
            _quantile_block,
            qs,
            chunks=((len(qs),), blocks.chunks[1], blocks.chunks[2]),
            dtype=float,
        )
        client.compute(q).result()
        seconds = time.perf_counter() - t0
        del futures, members
    return seconds, n * np.prod(shape) * 8 / 2**30


def integrator_accuracy(model, scenario) -> list[tuple[str, dict[str, float]]]:
    """Largest relative difference of the outcomes from RK4 at dt 1/8, for 3 members."""
    from sdmig.run.ensemble import member_outcomes

    values = {"season_peak": np.array([4.0, 5.0, 6.0])}
    ref = member_outcomes(model, scenario, values, VARIABLES, method="rk4", dt=0.125)
    out = []
    for method, dt in [("rk4", 0.25), ("rk4", 0.5), ("rk4", 1.0), ("euler", 0.25), ("euler", 1.0)]:
        o = member_outcomes(model, scenario, values, VARIABLES, method=method, dt=dt)
        out.append(
            (
                f"{method} dt {dt:g}",
                {v: float(np.max(np.abs(o[v] / ref[v] - 1))) for v in VARIABLES},
            )
        )
    return out


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^3 and 10^4 members only")
    parser.add_argument("--no-pysd", action="store_true", help="skip the PySD runs")
    parser.add_argument("--no-sobol", action="store_true", help="skip the Sobol timing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--million", action="store_true",
                        help="also run 10^6 members on the cluster with Euler dt 0.25 (15-30 min)")  # fmt: skip
    args = parser.parse_args()

    print(f"machine: {machine()}\n")
    model = BorderModel()
    scenario = load_scenario("binational_phased")
    configs = [("euler", 0.25), ("rk4", 0.25)]
    sizes = {
        "euler": [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000],
        "rk4": [1_000] if args.quick else [1_000, 10_000],
    }
    accuracy = integrator_accuracy(model, scenario)
    rows = []  # (integrator, members, where, wall seconds, CPU seconds, load average)

    def run(method, dt, n, client=None):
        return run_ensemble(
            model, scenario, draw, n_members=n, method=method, dt=dt, variables=VARIABLES,
            client=client, seed=1,
        )  # fmt: skip

    def measure(method, dt, n, where, client=None):
        cpu0 = time.process_time() + (sum(client.run(time.process_time).values()) if client else 0)
        seconds, _ = timed(lambda: run(method, dt, n, client))
        cpu1 = time.process_time() + (sum(client.run(time.process_time).values()) if client else 0)
        load = os.getloadavg()[0]
        rows.append((f"{method} dt {dt:g}", n, where, seconds, cpu1 - cpu0, load))
        print(f"{method} dt {dt:g}, N = {n:>9,}, {where}: {seconds:8.1f} s wall, "
              f"{cpu1 - cpu0:8.1f} s CPU, load {load:.1f}", flush=True)  # fmt: skip

    # ------------------------------------------------------------ one process
    rss0 = rss_mib()
    run("euler", 0.25, 64)  # warm-up
    for method, dt in configs:
        for n in sizes[method]:
            measure(method, dt, n, "1 process")
    rss_single = rss_mib() - rss0
    reduction = [("1 process", *reduce_synthetic(None))]

    # ------------------------------------------------------------- LocalCluster
    client = get_client("local", workers=args.workers)
    client.wait_for_workers(args.workers)
    label = f"LocalCluster, {args.workers} workers"
    try:
        run("euler", 0.25, 64, client)  # warm-up: workers import sdmig, get the model
        for method, dt in configs:
            ns = list(sizes[method])
            if method == "euler" and args.million:
                ns.append(1_000_000)
            for n in ns:
                measure(method, dt, n, label, client)
        reduction.append((label, *reduce_synthetic(client)))
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

        # ------------------------------------------------------------- Sobol
        sobol_rows = []
        if not args.no_sobol:
            factors = [make_factor(model, scenario, name) for name in SOBOL_FACTORS]
            for method, dt in configs:
                for where, c in (("1 process", None), (label, client)):
                    seconds, ds = timed(
                        lambda m=method, d=dt, c=c: sensitivity(
                            model, scenario, factors, VARIABLES, n_base=1024, solver=m, dt=d,
                            client=c,
                        )
                    )  # fmt: skip
                    sobol_rows.append((f"{method} dt {dt:g}", where, ds.attrs["n_runs"], seconds))
                    print(f"Sobol, {method} dt {dt:g}, {where}: {seconds:8.1f} s", flush=True)
    finally:
        client.close()

    # --------------------------------------------------------------------- PySD
    pysd_rows = []
    if not args.no_pysd:
        import bench_engine as be

        ref = be.reference_model()
        wrapper = SimpleNamespace(stockflow_model=ref, compiled=sf.compile_model(ref), end=None)
        ref_end = "2028-12"  # 108 months from 2020-01

        def ref_draw(n, rng):
            return be.ensemble_params(n, seed=int(rng.integers(2**31)))

        n_ref = 10_000
        run_ensemble(wrapper, None, ref_draw, n_members=64, end=ref_end, method="euler",
                     variables=["backlog", "crossed"])  # fmt: skip
        seconds, _ = timed(
            lambda: run_ensemble(
                wrapper, None, ref_draw, n_members=n_ref, end=ref_end, method="euler",
                dt=0.25, variables=["backlog", "crossed"], seed=1,
            )
        )  # fmt: skip
        pysd_seconds, _ = be.run_pysd(3)
        per_member = seconds / n_ref
        pysd_rows.append((n_ref, seconds, per_member, pysd_seconds))
        print(f"reference model: stockflow ensemble {seconds:.2f} s for {n_ref:,}; PySD "
              f"{pysd_seconds:.2f} s per run", flush=True)  # fmt: skip

    # -------------------------------------------------------------------- table
    print("\n| integrator | members | where | wall [s] | member-months/s | CPU [s] | "
          "member-months per CPU-s | load |")  # fmt: skip
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for integrator, n, where, seconds, cpu, load in rows:
        mm = n * N_MONTHS
        print(f"| {integrator} | {n:,} | {where} | {seconds:,.1f} | {mm / seconds:,.0f} | "
              f"{cpu:,.1f} | {mm / cpu:,.0f} | {load:.1f} |")  # fmt: skip
    print("\nspeed-up of the cluster over one process (same integrator and members):")
    single = {(r[0], r[1]): r[3] for r in rows if r[2] == "1 process"}
    for integrator, n, where, seconds, _cpu, _load in rows:
        if where != "1 process" and (integrator, n) in single:
            print(f"  {integrator}, N = {n:,}: {single[(integrator, n)] / seconds:.2f}x")
    print("\naccuracy of the outcomes 2026-07..2028-12 against rk4 dt 1/8 (largest relative "
          "difference over 3 members):")  # fmt: skip
    for integrator, diff in accuracy:
        print(f"  {integrator}: " + ", ".join(f"{v} {d:.2%}" for v, d in diff.items()))
    print("\nreduction alone, 10^6 members x 111 months x 3 series (synthetic), 5 quantiles:")
    for where, seconds, gib in reduction:
        print(f"  {where}: {seconds:.1f} s for {gib:.2f} GiB of gathered series")
    per_member_bytes = N_MONTHS * len(VARIABLES) * 8
    print(f"\nmemory: gathered series {per_member_bytes:,} bytes per member; peak RSS of this "
          f"process grew by {rss_single:,.0f} MiB over the one-process runs (largest: "
          f"{max(r[1] for r in rows if r[2] == '1 process'):,} members); worker peak RSS "
          f"[MiB]: {', '.join(f'{v:,.0f}' for v in worker_rss.values())}")  # fmt: skip
    if not args.no_sobol:
        print("\n| Sobol, 10 factors, N = 1,024 | where | runs | wall [s] |")
        print("|---|---|---:|---:|")
        for integrator, where, runs, seconds in sobol_rows:
            print(f"| {integrator} | {where} | {runs:,} | {seconds:,.1f} |")
    for n_ref, seconds, per_member, pysd_seconds in pysd_rows:
        print(f"\nreference model (108 months, Euler dt 0.25): stockflow ensemble of {n_ref:,} "
              f"members in {seconds:.2f} s ({per_member * 1e3:.3f} ms per member, "
              f"{n_ref * 108 / seconds:,.0f} member-months/s); PySD {pysd_seconds:.2f} s per "
              f"run; ratio {pysd_seconds / per_member:,.0f}x")  # fmt: skip


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # SALib's and PySD's notices
        main()
