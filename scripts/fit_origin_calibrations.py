"""Fit the calibrations that backtest origins before 2023-09 may use, and save them.

Each is what ``sdmig calibrate --noise --hold-unidentified --window 2020-01..END`` makes
(driver knots, then the structural parameters by maximum likelihood on 2020-01..END, fitted
again with any bounded parameter the window does not identify held at the model's value,
then the noise parameters by the particle filter's likelihood on 2019-10..END), on the
shipped history, saved as
``sdmig/data/calibrations/through_END.json``. END runs over the anchor months of
:data:`sdmig.inference.origin_calibrations.ANCHORS` unless given. The fits are
deterministic: the same data give the same files. Each fit's summary is printed.

Run from the repository root (each fit takes about 5 minutes on an idle core)::

    python scripts/fit_origin_calibrations.py [--anchors 2021-09 2022-03 ...] [--jobs 2]
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sdmig.inference.calibrate import calibrate
from sdmig.inference.fit_window import check_fit_window
from sdmig.inference.origin_calibrations import ANCHORS, CALIBRATIONS_DIR, anchor_file

OUT_DIR = Path(__file__).resolve().parents[1] / "sdmig" / "data" / CALIBRATIONS_DIR
START = "2020-01"


def fit_one(end: str, out_dir: Path) -> tuple[str, float, Path]:
    """Fit the calibration of the window 2020-01..`end` and save it in `out_dir`.

    Parameters
    ----------
    end : str
        Last month of the window, ``YYYY-MM``.
    out_dir : pathlib.Path

    Returns
    -------
    (str, float, pathlib.Path)
        `end`, the wall time in seconds and the file written.
    """
    tick = time.perf_counter()
    # maxiter as the command's default, so that the files equal its output
    results = calibrate(window=(START, end), maxiter=100, noise=True, hold_unidentified=True)
    path = results.save(out_dir / anchor_file(end))
    print(results.summary().as_text(), flush=True)
    return end, time.perf_counter() - tick, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchors", nargs="*", default=list(ANCHORS), metavar="YYYY-MM")
    parser.add_argument("--jobs", type=int, default=1, help="fits run at once")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    from sdmig.data.history import load_history

    history = load_history()
    for end in args.anchors:  # a bad anchor fails before any fit
        check_fit_window((START, end), history, name="--anchors")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for end, seconds, path in pool.map(
            fit_one, args.anchors, [args.out_dir] * len(args.anchors)
        ):
            print(f"{START}..{end}: {seconds / 60:.1f} min, wrote {path}")


if __name__ == "__main__":
    main()
