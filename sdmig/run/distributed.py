"""Running sdmig's ensembles and sweeps on a Dask cluster (``dask.distributed``).

sdmig does not schedule work across machines itself: an ensemble is split over its members
into chunks (:mod:`sdmig.run.ensemble`), and each chunk is one task on a ``dask.distributed``
cluster. This module holds what that needs:

- :func:`get_client`: the :class:`distributed.Client` for a ``--scheduler`` option: an
  existing cluster's address, ``"local"`` to start a ``LocalCluster`` of `workers`
  processes on this machine, or ``None`` to run in this process;
- :func:`connect`: the same as a context manager, which closes what it opened;
- :func:`gather`: wait for tasks and turn a lost cluster into a :class:`ClusterError`.

Lost workers
------------
Chunk tasks are pure functions of their inputs (the members' values and a per-chunk
seed), so Dask can run a chunk again elsewhere when the worker running it dies; the run
then completes with the same result. A chunk whose workers keep dying (more often than the
scheduler's ``distributed.scheduler.allowed-failures``, 3 by default) ends the run with a
:class:`ClusterError` that names the chunk's members. A result is never returned short:
every chunk is accounted for before anything is reduced.

Worker memory allocator
-----------------------
A Dask nanny starts its worker with ``MALLOC_TRIM_THRESHOLD_=65536``
(``distributed.nanny.pre-spawn-environ``). On glibc that also turns off the adaptive
``mmap`` threshold, so every NumPy temporary over 128 KiB is ``mmap``-ed and page-faulted
afresh: a chunk of the border model then takes 2.5 times the CPU time, most of it in the
kernel. The first chunk a worker runs therefore raises its ``mmap`` and trim thresholds
(:func:`tune_worker_malloc`); memory is still returned to the system, in larger pieces.

Examples
--------
::

    from sdmig.run.distributed import connect
    from sdmig.run.ensemble import run_ensemble

    with connect("local", workers=2) as client:   # or "tcp://10.0.0.5:8786"
        ds = run_ensemble(model, scenario, draw, n_members=100_000, client=client, seed=1)
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sdmig.errors import ClusterError

__all__ = ["ClusterError", "connect", "gather", "get_client", "tune_worker_malloc"]

#: glibc ``mallopt`` settings for Dask workers: (parameter, value) for M_MMAP_THRESHOLD
#: (64 MiB) and M_TRIM_THRESHOLD (256 MiB).
_MALLOPT = ((-3, 64 * 2**20), (-1, 256 * 2**20))
_malloc_tuned = False


def get_client(
    scheduler: Any = None,
    workers: int | None = None,
    *,
    threads_per_worker: int = 1,
    timeout: float = 30.0,
    **cluster_options: Any,
):
    """The Dask client for a ``--scheduler`` / ``--workers`` pair of options.

    Parameters
    ----------
    scheduler : str, distributed.Client or None
        - ``None``: no cluster; returns None, and sdmig runs in this process.
        - ``"local"``: start a ``distributed.LocalCluster`` of `workers` processes with
          `threads_per_worker` threads each on this machine; the client owns it, and
          ``client.close()`` shuts it down.
        - an address (``"tcp://10.0.0.5:8786"``, ``"10.0.0.5:8786"``) or a scheduler file
          (a path ending in ``.json``): connect to a running cluster.
        - a ``distributed.Client``: returned as it is.
    workers : int, optional
        Worker processes of a local cluster (default: the number of CPUs,
        ``os.cpu_count()``). Only with ``scheduler="local"``.
    threads_per_worker : int, default 1
        Threads of each local worker. sdmig's chunks are NumPy code that holds the GIL
        much of the time, so processes scale and threads barely do.
    timeout : float, default 30
        Seconds to wait for a remote scheduler.
    **cluster_options
        More keyword arguments for ``distributed.LocalCluster`` (``memory_limit``,
        ``dashboard_address``, ...). The dashboard is off unless asked for.

    Returns
    -------
    distributed.Client or None
        Also made Dask's default scheduler, so that lazy results (such as
        ``run_ensemble(..., return_members=True)``) compute on it. Close it when done, or
        use :func:`connect`.

    Raises
    ------
    ClusterError
        The scheduler cannot be reached, or `workers` is given without
        ``scheduler="local"`` or is not a positive integer.

    Examples
    --------
    >>> get_client(None) is None
    True
    """
    from distributed import Client

    if isinstance(scheduler, Client):
        if workers is not None:
            raise ClusterError("`workers` applies to a local cluster only (--scheduler local)")
        return scheduler
    if scheduler is None:
        if workers is not None:
            raise ClusterError(
                f"--workers {workers} needs --scheduler local (start a local cluster) or "
                "--scheduler ADDRESS (whose workers are already running)"
            )
        return None
    if not isinstance(scheduler, str) or not scheduler.strip():
        raise ClusterError(
            f"--scheduler = {scheduler!r} must be 'local' or a scheduler address such as "
            "tcp://10.0.0.5:8786"
        )
    if scheduler == "local":
        n = (os.cpu_count() or 1) if workers is None else workers
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ClusterError(f"--workers = {workers!r} must be a positive integer")
        if isinstance(threads_per_worker, bool) or threads_per_worker < 1:
            raise ClusterError(
                f"`threads_per_worker` = {threads_per_worker!r} must be a positive integer"
            )
        options = {"dashboard_address": None, **cluster_options}
        return Client(n_workers=n, threads_per_worker=threads_per_worker, processes=True, **options)
    if workers is not None:
        raise ClusterError(
            f"--workers {workers} applies to --scheduler local only; the cluster at "
            f"{scheduler} has its own workers"
        )
    kwargs: dict[str, Any] = {"timeout": timeout}
    if scheduler.endswith(".json"):
        kwargs["scheduler_file"] = scheduler
        target: str | None = None
    else:
        target = scheduler if "://" in scheduler else f"tcp://{scheduler}"
    try:
        return Client(target, **kwargs)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one with "
            "'dask scheduler' (and workers with 'dask worker ADDRESS'), or use "
            "--scheduler local --workers N"
        ) from None


@contextlib.contextmanager
def connect(scheduler: Any = None, workers: int | None = None, **options: Any) -> Iterator[Any]:
    """:func:`get_client` as a context manager.

    Parameters
    ----------
    scheduler, workers, **options
        As for :func:`get_client`.

    Yields
    ------
    distributed.Client or None
        The client, closed on exit if it was opened here (a client passed in is left
        open); None when `scheduler` is None."""
    from distributed import Client

    client = get_client(scheduler, workers, **options)
    try:
        yield client
    finally:
        if client is not None and not isinstance(scheduler, Client):
            client.close()


def gather(
    client, futures: Sequence[Any], *, describe: Callable[[Any], str] | None = None
) -> list[Any]:
    """Wait for `futures` and return their results, in order.

    Parameters
    ----------
    client : distributed.Client
    futures : sequence of distributed.Future
    describe : callable, optional
        ``describe(key) -> str`` names the work of a task key in messages
        (``"ensemble chunk 3 (members 6144..8191)"``).

    Returns
    -------
    list
        The tasks' results, in the order of `futures`.

    Raises
    ------
    ClusterError
        A task's workers died more often than the scheduler allows (``KilledWorker``),
        or the connection to the scheduler was lost. Errors raised by the tasks
        themselves (a bad parameter value) are raised as they are.
    """
    from distributed import CancelledError, TimeoutError
    from distributed.comm.core import CommClosedError
    from distributed.scheduler import KilledWorker

    try:
        return client.gather(list(futures))
    except KilledWorker as exc:
        what = describe(exc.task) if describe is not None else f"task {exc.task!r}"
        raise ClusterError(
            f"{what} was lost: the workers running it died {exc.allowed_failures + 1} times "
            "(out of memory, killed, or crashed), more often than the scheduler allows "
            f"(distributed.scheduler.allowed-failures = {exc.allowed_failures}). No result "
            "was returned. See the workers' logs; a smaller chunk_size needs less memory."
        ) from None
    except (CancelledError, CommClosedError, TimeoutError, OSError) as exc:
        raise ClusterError(
            f"lost the Dask cluster at {_address(client)} before the work was done "
            f"({type(exc).__name__}: {exc}). No result was returned."
        ) from None


def tune_worker_malloc() -> bool:
    """Undo the effect of Dask's ``MALLOC_TRIM_THRESHOLD_`` on NumPy temporaries.

    Called by each chunk task; acts once per process, and only where that variable is set
    (a nanny's worker) and glibc is the allocator. Only the allocator is tuned: results
    are the same to the last bit.

    Returns
    -------
    bool
        Whether it changed anything.
    """
    global _malloc_tuned
    if _malloc_tuned:
        return False
    _malloc_tuned = True
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return all(mallopt(param, value) == 1 for param, value in _MALLOPT)


def _address(client) -> str:
    try:
        return str(client.scheduler.address)
    except AttributeError:  # a client that never connected
        return "<unknown>"


def chunk_index(key: Any) -> int | None:
    """The chunk number in a task key made by :mod:`sdmig.run.ensemble` (``sdmig-...-7``)."""
    text = key[0] if isinstance(key, tuple) else str(key)
    match = re.search(r"-(\d+)$", str(text))
    return int(match.group(1)) if match else None
