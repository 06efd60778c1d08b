"""The particle filter over the whole history, and the honest backtest: wall and CPU time.

Measures

- :func:`sdmig.nowcast` (bootstrap particle filter over the border model, 2019-10 through
  the last month of the history) with 500, 1,000 and 2,000 particles, Euler and RK4 at
  0.25 month: wall time, CPU time of this process, and the load average beside it (the
  machine is shared, so CPU time is the number that does not depend on the others);
- each with ``$SDMIG_BACKEND`` = ``numpy`` and ``auto`` (the compiled kernel), and the
  ratio of their CPU times;
- with ``--backtest``, :func:`sdmig.backtest` with its default origins (2021-10..2024-06)
  and 1,000 particles, split into the filter, the model's forecasts and the baselines.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_filter.py [--history DIR_OR_FILE] [--backtest]

The history must reach 2024-12 for the backtest's default origins (the shipped data do
once they run to 2024-12; before that, pass a history file or folder).
"""

from __future__ import annotations

import argparse
import os
import time

from sdmig.inference.backtest import backtest
from sdmig.inference.nowcast import nowcast, resolve_history
from sdmig.model.runner import BACKEND_VARIABLE


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", default=None)
    parser.add_argument("--backtest", action="store_true")
    parser.add_argument("--particles", type=int, nargs="*", default=[500, 1000, 2000])
    parser.add_argument(
        "--backends", nargs="*", default=["numpy", "auto"], help="values of $SDMIG_BACKEND"
    )
    args = parser.parse_args()
    history = resolve_history(args.history)
    print(
        "| particles | integrator | backend | months | wall [s] | CPU [s] | "
        "CPU vs numpy | load (1 min) |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    reference: dict[tuple, float] = {}
    for method in ("euler", "rk4"):
        for backend in args.backends:
            os.environ[BACKEND_VARIABLE] = backend
            nowcast(history, n_particles=50, method=method)  # warm-up: imports, the kernel
            for n in args.particles:
                res, wall, cpu = timed(
                    lambda n=n, m=method: nowcast(history, n_particles=n, method=m)
                )
                months = res.state.sizes["time"]
                load = os.getloadavg()[0]
                reference.setdefault((method, n), cpu)
                ratio = reference[(method, n)] / cpu
                print(
                    f"| {n:,} | {method} | {backend} | {months} | {wall:.1f} | {cpu:.1f} | "
                    f"{ratio:.1f}x | {load:.1f} |"
                )
    if args.backtest:
        res, wall, cpu = timed(lambda: backtest(history))
        print()
        print(
            f"backtest (default origins, 1,000 particles): wall {wall:.0f} s, CPU {cpu:.0f} s, "
            f"load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
