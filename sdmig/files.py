"""Writing files so that a failure never leaves a half-written one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: str | os.PathLike, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside `path`, then rename it to `path`.

    Parameters
    ----------
    path : str or path-like
        The file to write. Its folder must exist.
    write : callable
        Called with the temporary file's name; writes the whole content there. The
        temporary file keeps the suffix of `path`, so writers that choose a format by
        suffix (matplotlib, for one) choose the right one.

    Returns
    -------
    pathlib.Path
        `path`.

    Notes
    -----
    A failure (or an interrupt) removes the temporary file, so `path` is either complete
    or untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
