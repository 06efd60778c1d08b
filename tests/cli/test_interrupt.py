"""Ctrl-C: an interrupted ``sdmig forecast --out`` leaves nothing and exits with 130.

Each case runs the command in a subprocess and sends it SIGINT, as a terminal does: while
the ensemble is computed, or while the files are being written (once the staging folder
beside the output folder exists).
"""

import os
import signal
import subprocess
import sys
import time

import pytest

#: Imports the command's modules before saying "ready", so that the signal lands in the run.
DRIVER = """
import sys
import sdmig.outputs.plots, sdmig.outputs.report, sdmig.run.forecast
from sdmig.cli.main import main
print("ready", file=sys.stderr, flush=True)
main(sys.argv[1:], prog_name="sdmig")
"""


def _start(args, cwd):
    # run outside the source tree, so that the installed package is imported, as a user's is
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, "forecast", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _wait_ready(proc):
    line = proc.stderr.readline()
    assert line.strip() == "ready", line


def _computing(proc, folder):
    _wait_ready(proc)
    time.sleep(1.0)  # the parameter draws and the integration take several seconds


def _writing(proc, folder):
    _wait_ready(proc)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".out.partial-") for p in folder.iterdir()):
        assert proc.poll() is None, "the run ended before it wrote anything"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.2)  # some files are in the staging folder


def _old_run(folder):
    out = folder / "out"
    out.mkdir()
    (out / "summary.md").write_text("the previous run")
    return ["--overwrite"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("when", "members", "previous"),
    [
        (_computing, "400", None),
        (_writing, "6", None),
        (_writing, "6", _old_run),  # the previous run stays as it was
    ],
)
def test_interrupted_run_leaves_nothing_and_exits_130(tmp_path, when, members, previous):
    extra = previous(tmp_path) if previous else []
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    args = ["--members", members, "--end", "2027-12", "--out", str(out), "--quiet", *extra]
    proc = _start(args, cwd=tmp_path.parent)
    try:
        when(proc, tmp_path)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == [f"Interrupted: nothing was written to {out}."]
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out"] if previous else [])
