"""Run a folder of SDXorg test-models through stockflow's import and grade each model.

The system-dynamics community's conformance suite (SDXorg/test-models) holds small Vensim
and XMILE models, each beside the output Vensim or Stella produced (``output.csv`` or
``output.tab``). :func:`run_suite` imports every model file that has such a reference
(:func:`stockflow.interop.pysd_import.import_model`), runs it on the model's own clock
(:meth:`~stockflow.interop.pysd_import.ImportedModel.run`) and compares every reference
column at every reference time with the tolerance
``|sim - ref| <= 1e-3 * max(1, |ref|)``. Each model gets one status:

``PASS``
    every reference value within tolerance;
``FAIL-NUMERIC``
    the model ran, and some value is off (or missing, or the run stopped on a NaN or an
    infinity): the worst one is named;
``UNTRANSLATED``
    the import lists variables it cannot translate, or PySD cannot parse the file, or the
    run refuses the model with a message (a ``StockflowError``);
``ERROR``
    anything else: an unexpected exception, which is a bug.

With ``pysd=True`` each model is also run by PySD itself (``pysd.read_vensim`` /
``read_xmile`` and ``run``) and graded the same way, so that both counts come from one run.

Command line::

    python -m stockflow.interop.conformance DIR [--pysd] [--match TEXT] [--json OUT]
        [--expected FILE] [--update-expected FILE]

``--expected`` compares the run with an expected-results file (every model not passing,
with its status and why) and exits 1 on any difference: a regression, or a new pass to
record.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from stockflow.errors import IntegrationError, StockflowError

__all__ = [
    "STATUSES",
    "Result",
    "compare",
    "differences",
    "find_models",
    "grade_pysd",
    "grade_stockflow",
    "read_expected",
    "run_suite",
    "write_expected",
]

STATUSES = ("PASS", "FAIL-NUMERIC", "UNTRANSLATED", "ERROR")
MODEL_SUFFIXES = (".mdl", ".xmile", ".stmx")
REFERENCES = ("output.csv", "output.tab")
RTOL = 1e-3
# control variables: the reference may list them; they are not model output
CONTROL_COLUMNS = {"time", "initial_time", "final_time", "time_step", "saveper"}


@dataclass(frozen=True)
class Result:
    """The grade of one model file.

    Parameters
    ----------
    model : str
        Path of the model file relative to the suite folder (``tests/abs/test_abs.mdl``).
    status : str
        One of ``STATUSES``.
    detail : str
        Why it is not ``PASS`` (empty when it is).
    seconds : float
        Wall time of import, run and comparison.
    """

    model: str
    status: str
    detail: str
    seconds: float


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if (
        not seconds
        or not hasattr(signal, "SIGALRM")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def handler(signum, frame):
        raise _Timeout(f"no result within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def find_models(folder: str | Path, match: str | None = None) -> list[tuple[Path, Path]]:
    """Every model file under `folder` with a reference output beside it, sorted.

    Parameters
    ----------
    folder : str or pathlib.Path
        The suite's folder.
    match : str, optional
        Keep only the models whose relative path contains it.

    Returns
    -------
    list of (pathlib.Path, pathlib.Path)
        ``(model file, reference file)`` pairs.
    """
    folder = Path(folder)
    pairs = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in MODEL_SUFFIXES or not path.is_file():
            continue
        ref = next((path.parent / r for r in REFERENCES if (path.parent / r).is_file()), None)
        if ref is None:
            continue
        if match and match not in str(path.relative_to(folder)):
            continue
        pairs.append((path, ref))
    return pairs


def load_reference(path: str | Path) -> pd.DataFrame:
    """A reference output as a frame indexed by time, one column per variable (element)."""
    path = Path(path)
    for encoding in ("utf-8", "latin-1"):
        try:
            if path.suffix.lower() == ".tab":
                frame = pd.read_table(path, encoding=encoding, index_col="Time")
            else:
                frame = pd.read_csv(path, encoding=encoding, index_col=0)
            break
        except UnicodeDecodeError:
            continue
    frame.index = frame.index.astype(float)
    frame = frame[~np.isnan(frame.index)]
    frame.columns = [str(c).strip().strip('"') for c in frame.columns]
    return frame.apply(pd.to_numeric, errors="coerce")


def column_key(column: str) -> tuple[str, tuple[str, ...]]:
    """``"Stock A[north, x]"`` -> ``("stock_a", ("north", "x"))``, in PySD's key spelling."""
    m = re.fullmatch(r"\s*(.*?)\s*(?:\[(.*)\])?\s*", column)
    base, subs = m.group(1), m.group(2)
    key = re.sub(r"[\s_]+", "_", base.strip().strip('"').lower())
    if not subs:
        return key, ()
    return key, tuple(re.sub(r"[\s_]+", "_", s.strip().strip('"').lower()) for s in subs.split(","))


def _nearest(have: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Index of the time in `have` nearest each of `want`, or -1 if none is close.

    References print times rounded (``10.0312`` for 10.03125): a time matches within a
    tenth of the smallest spacing of `have`, and 1e-9 at least.
    """
    if have.size == 0:
        return np.full(want.shape, -1)
    spacing = np.diff(have).min() if have.size > 1 else 1.0
    i = np.clip(np.searchsorted(have, want), 1, max(1, have.size - 1))
    left = np.clip(i - 1, 0, have.size - 1)
    right = np.clip(i, 0, have.size - 1)
    best = np.where(np.abs(have[left] - want) <= np.abs(have[right] - want), left, right)
    close = np.abs(have[best] - want) <= max(1e-9, 0.1 * spacing)
    return np.where(close, best, -1)


def compare(sim: pd.DataFrame, ref: pd.DataFrame, rtol: float = RTOL) -> str:
    """Empty string when `sim` matches `ref` within tolerance, else the worst mismatch.

    Both are frames indexed by time; columns are matched by :func:`column_key`. Every
    reference column (control variables aside) at every reference time must be present in
    `sim`; values that are NaN in the reference are skipped.

    Parameters
    ----------
    sim, ref : pandas.DataFrame
        The simulated and the reference output.
    rtol : float, default 1e-3
        Tolerance: ``|sim - ref| <= rtol * max(1, |ref|)``.

    Returns
    -------
    str
    """
    by_key = {column_key(c): c for c in sim.columns}
    worst = (0.0, "")
    for col in ref.columns:
        key = column_key(col)
        if key[0] in CONTROL_COLUMNS and not key[1]:
            continue
        expected = ref[col].to_numpy(dtype=float)
        if np.all(np.isnan(expected)):
            continue
        if key not in by_key:
            return f"no output for {col!r}"
        got = sim[by_key[key]]
        times = ref.index.to_numpy()
        idx = _nearest(sim.index.to_numpy(dtype=float), times)
        if (idx < 0).any():
            return f"no output at time {times[np.argmin(idx)]:g}"
        values = got.to_numpy(dtype=float)[idx]
        with np.errstate(invalid="ignore"):
            excess = np.abs(values - expected) / (rtol * np.maximum(1.0, np.abs(expected)))
        excess = np.where(np.isnan(expected), 0.0, np.where(np.isnan(excess), np.inf, excess))
        i = int(np.argmax(excess))
        if excess[i] > 1.0 and excess[i] > worst[0]:
            worst = (
                float(excess[i]),
                f"{col} at time {times[i]:g}: {values[i]:.6g}, reference {expected[i]:.6g}",
            )
    return worst[1]


def _summary(untranslated: dict[str, str], limit: int = 3) -> str:
    items = [" ".join(f"{k}: {v}".split()) for k, v in untranslated.items()]
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more


def _error(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}".replace("\n", " ")


def _graded(sim: pd.DataFrame, ref_path: Path) -> tuple[str, str]:
    try:
        mismatch = compare(sim, load_reference(ref_path))
    except Exception as exc:  # a reference or output that cannot be compared is graded too
        return "ERROR", f"comparison failed: {_error(exc)}"
    return ("FAIL-NUMERIC", mismatch) if mismatch else ("PASS", "")


def grade_stockflow(path: Path, ref_path: Path, timeout: float | None = 120) -> tuple[str, str]:
    """Import and run one model with stockflow; ``(status, detail)``.

    Parameters
    ----------
    path : pathlib.Path
        The model file.
    ref_path : pathlib.Path
        Its reference output.
    timeout : float or None, default 120
        Seconds before the run is graded ``ERROR``.

    Returns
    -------
    (str, str)
        The status (one of ``STATUSES``) and why it is not ``PASS``.
    """
    from stockflow.interop.pysd_import import PysdImportError, import_model

    try:
        with _time_limit(timeout), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            imported = import_model(path, strict=False)
            if imported.untranslated:
                return "UNTRANSLATED", _summary(imported.untranslated)
            sim = imported.run_frame()
    except IntegrationError as exc:  # the run stopped: a NaN or inf, named
        return "FAIL-NUMERIC", f"run stopped: {exc}"
    except PysdImportError as exc:
        return "UNTRANSLATED", str(exc).replace("\n", " ")
    except StockflowError as exc:
        return "UNTRANSLATED", f"{type(exc).__name__}: {exc}".replace("\n", " ")
    except Exception as exc:  # any other failure is graded, and the run goes on
        return "ERROR", _error(exc)
    return _graded(sim, ref_path)


def grade_pysd(path: Path, ref_path: Path, timeout: float | None = 120) -> tuple[str, str]:
    """Translate and run one model with PySD itself; ``(status, detail)``.

    Parameters
    ----------
    path : pathlib.Path
        The model file.
    ref_path : pathlib.Path
        Its reference output.
    timeout : float or None, default 120
        Seconds before the run is graded ``ERROR``.

    Returns
    -------
    (str, str)
        The status (one of ``STATUSES``) and why it is not ``PASS``.
    """
    import pysd

    try:
        with (
            _time_limit(timeout),
            warnings.catch_warnings(),
            tempfile.TemporaryDirectory() as tmp,
        ):
            warnings.simplefilter("ignore")
            # PySD writes its translation beside the model: translate a copy of the folder
            folder = Path(tmp) / path.parent.name
            shutil.copytree(path.parent, folder)
            reader = pysd.read_vensim if path.suffix.lower() == ".mdl" else pysd.read_xmile
            model = reader(str(folder / path.name))
            sim = model.run()
    except Exception as exc:  # PySD's failures are graded, and the run goes on
        return "ERROR", _error(exc)
    sim.columns = [str(c) for c in sim.columns]
    return _graded(sim, ref_path)


def run_suite(
    folder: str | Path,
    *,
    match: str | None = None,
    pysd: bool = False,
    timeout: float | None = 120,
    progress=None,
) -> dict[str, list[Result]]:
    """Grade every model of `folder` with stockflow, and with PySD on request.

    Parameters
    ----------
    folder : str or pathlib.Path
        The suite's folder.
    match : str, optional
        Keep only the models whose relative path contains it.
    pysd : bool, default False
        Also grade PySD, in the same run.
    timeout : float or None, default 120
        Seconds per model before it is graded ``ERROR``.
    progress : callable, optional
        Called as ``progress(tool, result)`` after each model is graded.

    Returns
    -------
    dict of str to list of Result
        ``{"stockflow": [...]}``, and ``"pysd"`` when asked.
    """
    folder = Path(folder)
    out: dict[str, list[Result]] = {"stockflow": []}
    if pysd:
        out["pysd"] = []
    for path, ref in find_models(folder, match):
        rel = str(path.relative_to(folder))
        for tool, grade in (("stockflow", grade_stockflow), ("pysd", grade_pysd)):
            if tool not in out:
                continue
            t0 = time.perf_counter()
            status, detail = grade(path, ref, timeout)
            result = Result(rel, status, detail, time.perf_counter() - t0)
            out[tool].append(result)
            if progress is not None:
                progress(tool, result)
    return out


def counts(results: Iterable[Result]) -> dict[str, int]:
    """How many models got each status."""
    c = Counter(r.status for r in results)
    return {s: c.get(s, 0) for s in STATUSES}


def format_table(results: dict[str, list[Result]]) -> str:
    """A plain-text table: one row per model, a column per tool, then the counts."""
    tools = list(results)
    rows = results["stockflow"]
    width = max((len(r.model) for r in rows), default=5)
    lines = [
        f"{'model':<{width}}  " + "  ".join(f"{t:<13}" for t in tools) + "  detail (stockflow)"
    ]
    for i, r in enumerate(rows):
        cells = "  ".join(f"{results[t][i].status:<13}" for t in tools)
        lines.append(f"{r.model:<{width}}  {cells}  {r.detail[:160]}")
    lines.append("")
    for t in tools:
        c = counts(results[t])
        seconds = sum(r.seconds for r in results[t])
        lines.append(
            f"{t}: {c['PASS']} of {len(results[t])} pass; "
            + ", ".join(f"{k} {v}" for k, v in c.items())
            + f"; {seconds:.1f} s"
        )
    return "\n".join(lines)


def read_expected(path: str | Path) -> dict[str, tuple[str, str]]:
    """The expected-results file: ``{model: (status, why)}`` for every model not passing.

    One line per model, tab-separated: relative path, status, why; ``#`` starts a comment.
    A model that is not listed is expected to pass.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    dict of str to (str, str)
    """
    out = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in STATUSES[1:]:
            raise ValueError(
                f"{path}, line {n}: expected 'model<TAB>status<TAB>why' with a status among "
                f"{STATUSES[1:]}, got {line!r}"
            )
        out[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return out


def write_expected(path: str | Path, results: list[Result]) -> None:
    """Write the expected-results file listing every model of `results` not passing.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to write.
    results : list of Result
        The grades of a run.
    """
    lines = [
        "# SDXorg test-models not yet passing through stockflow's import, and why.",
        "# Written by `python -m stockflow.interop.conformance DIR --update-expected FILE`;",
        "# tests/conformance checks every run against it: a regression or a new pass fails.",
    ]
    for r in results:
        if r.status != "PASS":
            lines.append(f"{r.model}\t{r.status}\t{r.detail[:200]}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def differences(results: list[Result], expected: dict[str, tuple[str, str]]) -> list[str]:
    """What differs from the expected results: regressions, new passes, changed statuses.

    Parameters
    ----------
    results : list of Result
        This run's grades.
    expected : dict
        :func:`read_expected`'s content.

    Returns
    -------
    list of str
        One line per difference; empty when the run is as expected.
    """
    out = []
    seen = set()
    for r in results:
        seen.add(r.model)
        want = expected.get(r.model, ("PASS", ""))[0]
        if r.status == want:
            continue
        if want == "PASS":
            out.append(f"regression: {r.model} was PASS, now {r.status}: {r.detail}")
        elif r.status == "PASS":
            out.append(f"new pass: {r.model} (was {want}); remove it from the expected file")
        else:
            out.append(f"changed: {r.model} was {want}, now {r.status}: {r.detail}")
    out += [f"listed but not found: {m}" for m in sorted(set(expected) - seen)]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: grade a folder of test-models and print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m stockflow.interop.conformance",
        description="Run SDXorg test-models through stockflow's import (and PySD).",
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pysd", action="store_true", help="also run PySD on each model")
    parser.add_argument("--match", help="only models whose path contains this text")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per model and tool")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--verbose", action="store_true", help="print each result as it comes")
    parser.add_argument(
        "--expected", type=Path, help="fail (exit 1) on any difference from this results file"
    )
    parser.add_argument(
        "--update-expected", type=Path, help="write the models not passing to this file"
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2

    def show(tool, r):
        print(f"{tool:9} {r.status:13} {r.seconds:6.2f}s {r.model}  {r.detail[:120]}", flush=True)

    results = run_suite(
        args.folder,
        match=args.match,
        pysd=args.pysd,
        timeout=args.timeout,
        progress=show if args.verbose else None,
    )
    print(format_table(results))
    if args.json:
        args.json.write_text(
            json.dumps({t: [asdict(r) for r in rs] for t, rs in results.items()}, indent=1)
        )
    if args.update_expected:
        write_expected(args.update_expected, results["stockflow"])
    if args.expected:
        diff = differences(results["stockflow"], read_expected(args.expected))
        for line in diff:
            print(line)
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
