"""An output folder that holds exactly one run, complete or not at all.

A run is written into a hidden staging folder beside the target (same parent, so the same
file system) and renamed into place when every file is there (:func:`staged_folder`). An
error or an interrupt (Ctrl-C) removes the staging folder, so the target is left as it
was; with ``overwrite`` the previous run is moved aside and deleted only after the new
one is in place, so the folder never mixes files of two runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sdmig.errors import ForecastError

__all__ = ["prepare_output", "staged_folder"]


def prepare_output(out_dir: str | os.PathLike, *, overwrite: bool) -> Path:
    """Check, before any work is done, that a run can be written to `out_dir`.

    Nothing is created here: :func:`staged_folder` creates the folder when the run is
    written.

    Parameters
    ----------
    out_dir : str or path-like
        The output folder; it may not exist yet.
    overwrite : bool
        Whether a non-empty `out_dir` may be replaced.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ForecastError
        `out_dir` is a file, holds files and `overwrite` is false, or cannot be created
        or written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ForecastError(f"--out {out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise ForecastError(
            f"output folder {out} is not empty; use --overwrite to replace its files"
        )
    ancestor = out.absolute().parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ForecastError(f"cannot create output folder {out}: {ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise ForecastError(f"cannot create output folder {out}: {ancestor} is not writable")
    return out


@contextlib.contextmanager
def staged_folder(
    out: str | os.PathLike,
    *,
    overwrite: bool = False,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Path]:
    """A staging folder beside `out`, renamed to `out` when the block ends without error.

    Parameters
    ----------
    out : str or path-like
        The output folder (see :func:`prepare_output`). Missing parent folders are
        created, and removed again if the block fails.
    overwrite : bool, default False
        Replace a non-empty `out`; without it a non-empty `out` is a
        :class:`ForecastError` when the run is moved into place.
    cancelled : callable, optional
        Asked just before the run is moved into place; if it returns True the run is
        dropped as if interrupted (:class:`KeyboardInterrupt`). A Ctrl-C that Python
        could not raise (one that arrives while a garbage-collection callback runs is
        only printed) is still honoured this way.

    Yields
    ------
    pathlib.Path
        The staging folder: write every file of the run there.
    """
    out = Path(out).absolute()
    created = _make_parents(out.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except BaseException:
        _remove_empty(created)
        raise
    try:
        yield staging
        if cancelled is not None and cancelled():
            raise KeyboardInterrupt
        os.chmod(staging, 0o755)
        _swap_in(staging, out, overwrite=overwrite)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(created)
        raise


def _swap_in(staging: Path, out: Path, *, overwrite: bool) -> None:
    """Rename `staging` to `out`; a previous run in `out` is deleted once the new one is in."""
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    if not out.exists():
        os.rename(staging, out)
        return
    if not overwrite:
        raise ForecastError(
            f"output folder {out} is not empty; use --overwrite to replace its files"
        )
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rename(out, old / out.name)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old / out.name, out)  # put the previous run back
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)


def _make_parents(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; return the created ones, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except OSError as exc:
            _remove_empty(missing[missing.index(path) + 1 :])
            raise ForecastError(f"cannot create output folder {path}: {exc.strerror}") from None
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for path in folders:  # deepest first
        with contextlib.suppress(OSError):
            path.rmdir()
