"""sdmig's commands on the NumPy path and on the compiled kernel: wall and CPU time.

Runs, each as a fresh process (as a user would, imports included) with
``$SDMIG_BACKEND`` = ``numpy`` and then ``auto``:

- ``sdmig forecast --members 1000`` (the baseline and ``binational_phased``, from the
  filtered state at the last observed month);
- ``sdmig calibrate`` (the structural parameters on the default window);
- ``sdmig nowcast --particles 2000`` (the particle filter over the whole history,
  2019-10..2024-12, and its printed state).

Each command runs once before it is timed, so that the kernels are built and cached
(a first run of a new model waits for the C compiler). Printed: a markdown table with the
wall time, the CPU time of the command (user + system of the child, threads included) and
the ratio of CPU times, with the load average beside each.

Run from the repository root::

    python benchmarks/bench_commands.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "sdmig forecast --members 1000": ["forecast", "--members", "1000"],
    "sdmig calibrate": ["calibrate", "--quiet"],
    "sdmig nowcast --particles 2000": ["nowcast", "--particles", "2000"],
}


def run(args: list[str], backend: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``sdmig ARGS`` with `backend`, in a fresh process."""
    env = dict(os.environ, SDMIG_BACKEND=backend)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as cwd:
        subprocess.run(
            [sys.executable, "-m", "sdmig", *args],
            env=env,
            cwd=cwd,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the fastest is kept")
    parser.add_argument("--only", nargs="*", default=None, help="commands (as printed)")
    args = parser.parse_args()
    print("| command | backend | wall [s] | CPU [s] | CPU vs numpy | load (1 min) |")
    print("|---|---|---:|---:|---:|---:|")
    for label, command in COMMANDS.items():
        if args.only and label not in args.only:
            continue
        reference = None
        for backend in ("numpy", "auto"):
            run(command, backend)  # warm-up: the kernel's build, the OS's file cache
            wall, cpu = min(run(command, backend) for _ in range(args.repeat))
            reference = reference or cpu
            print(
                f"| `{label}` | {backend} | {wall:.1f} | {cpu:.1f} | {reference / cpu:.1f}x | "
                f"{os.getloadavg()[0]:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
