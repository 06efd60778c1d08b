"""Large ensembles: members' parameters and lever values, run chunk by chunk, reduced.

:func:`run_ensemble` runs many members of :class:`~sdmig.model.border.BorderModel` under one
scenario and returns quantiles over the members of chosen outputs; :func:`member_outcomes`
returns each member's value of a few scalar outcomes (the input of a sensitivity
analysis). Both take the members' values from the caller (`draws`), and both run in this
process or, given a ``distributed.Client``, as tasks on a Dask cluster
(:mod:`sdmig.run.distributed`), with the same result to the last bit.

Members and chunks
------------------
The members are split into chunks of `chunk_size` consecutive members; each chunk is one
vectorized integration (:func:`stockflow.simulate`) and, on Dask, one task. `draws` gives
each member's values:

- a mapping ``{name: array}`` with a leading member axis, sliced chunk by chunk;
- or a callable ``draw(n, rng) -> mapping``, called once per chunk with the chunk's size
  and a ``numpy.random.Generator`` seeded from the chunk's own seed. Chunk ``i`` gets
  child ``i`` of ``SeedSequence(seed)`` (what ``spawn`` gives), so a result depends on
  `seed` and `chunk_size` but not on the scheduler, the number of workers or the order
  in which chunks run.

Names are model parameters (an array of shape ``(n, *dims)``, or ``(n,)`` for a scalar
parameter), or ``"<lever label>.<field>"`` for a lever's parameter or timing field (shape
``(n,)``; timings in model months), which vary by member through
``Scenario.bind(member_values=...)`` (see :mod:`sdmig.policy.member_binding`).

Reduction: exact quantiles of gathered per-member series
--------------------------------------------------------
A full ensemble does not fit in memory: 10^6 members x 111 months x the model's ~700
output elements is about 600 GB. So each chunk is reduced as soon as it is integrated, in
two steps:

1. In the chunk, each member's run is cut down to the requested *series*: each variable in
   `variables` summed over its dimensions not in `by`, for the months of `window`.
   Nothing else of the run is kept.
2. Across chunks, the per-member series are gathered (8 bytes x members x months x
   series: 2.7 GB for 10^6 members x 111 months x 3 totals) and reduced to *exact*
   quantiles with ``numpy.quantile`` (the 'linear' method), block of months by block of
   months. In this process they are one array; on Dask they stay on the workers, are
   rechunked to all members x a block of months, and each block is one task, so no
   process holds more than one block of them. The mean and standard deviation are merged
   from each chunk's count, mean and sum of squared deviations, in chunk order (Chan et
   al.), so they are deterministic too (for a given `chunk_size`).

No streaming approximation is made: the quantiles equal ``numpy.quantile`` over the
gathered members, and the Dask result equals the single-process one.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

import stockflow as sf
from sdmig.errors import ForecastError, ScenarioError
from sdmig.model.border import END
from sdmig.model.parameters import ENSEMBLE_DT
from sdmig.model.runner import run_model
from stockflow.calendar import month_starts, n_months_between

__all__ = [
    "DEFAULT_OUTCOMES",
    "DEFAULT_QUANTILES",
    "DEFAULT_VARIABLES",
    "DEFAULT_WINDOW",
    "Outcome",
    "member_outcomes",
    "outcome",
    "run_ensemble",
]

#: Quantiles :func:`run_ensemble` reports by default.
DEFAULT_QUANTILES = (0.05, 0.1, 0.5, 0.9, 0.95)
#: Variables :func:`run_ensemble` reduces by default.
DEFAULT_VARIABLES = ("encounters", "deaths", "court_backlog")
#: Outcomes of :func:`member_outcomes` by default.
DEFAULT_OUTCOMES = ("encounters", "deaths", "court_backlog")
#: The window of the outcomes by default (the brief's reporting window).
DEFAULT_WINDOW = ("2026-07", "2028-12")
#: Size [bytes] of one block of months of the gathered series, reduced by one task.
BLOCK_BYTES = 128 * 2**20

Draws = Mapping[str, Any] | Callable[[int, np.random.Generator], Mapping[str, Any]]


# ============================================================================ the job
@dataclass(frozen=True)
class _Series:
    """One reduced output: `variable` summed over `axes`, keeping `dims` of `shape`."""

    variable: str
    dims: tuple[str, ...]
    axes: tuple[int, ...]  # axes of (member, time, *variable dims) that are summed
    shape: tuple[int, ...]

    @property
    def size(self) -> int:
        return math.prod(self.shape)


@dataclass(frozen=True)
class Outcome:
    """A scalar outcome of each member's run: `variable` totalled over origins and
    corridors, then summed over the window's months (``how="sum"``, for rates) or taken
    at its last month (``how="last"``, for stocks and levels).

    Parameters
    ----------
    variable : str
        A model variable.
    how : {"sum", "last"}
        Sum over the window's months, or the value at its last month."""

    name: str
    variable: str
    how: str
    units: str
    long_name: str


@dataclass(frozen=True)
class _Job:
    """What every chunk needs; picklable, shipped once to each Dask worker."""

    model: Any
    scenario: Any
    end: str
    method: str
    dt: float
    series: tuple[_Series, ...]
    months: tuple[int, int]  # [first, stop) of the simulated months kept
    param_shapes: Mapping[str, tuple[int, ...]]
    lever_labels: tuple[str, ...]

    @property
    def n_months(self) -> int:
        return self.months[1] - self.months[0]

    @property
    def n_features(self) -> int:
        return sum(s.size for s in self.series)

    def check(self, values: Any, n: int, where: str) -> tuple[dict, dict]:
        """Split `values` into parameters and lever member values, checking each."""
        if not isinstance(values, Mapping):
            raise ForecastError(
                f"{where} must be a mapping {{name: values}}, got {type(values).__name__}"
            )
        params: dict[str, np.ndarray] = {}
        levers: dict[str, dict[str, np.ndarray]] = {}
        for name, raw in values.items():
            if not isinstance(name, str):
                raise ForecastError(f"{where}: name {name!r} is not a string")
            try:
                arr = np.asarray(raw, dtype=float)
            except (TypeError, ValueError):
                raise ForecastError(f"{where}[{name!r}]: values are not numbers") from None
            if "." in name:
                label, field = name.rsplit(".", 1)
                if self.scenario is None:
                    raise ForecastError(
                        f"{where}[{name!r}]: lever values need a scenario; none was given"
                    )
                if label not in self.lever_labels:
                    raise ForecastError(
                        f"{where}[{name!r}]: no lever labelled {label!r} in scenario "
                        f"{self.scenario.name!r}; its labels: {', '.join(self.lever_labels)}"
                    )
                expected: tuple[int, ...] = (n,)
                levers.setdefault(label, {})[field] = arr
            elif name in self.param_shapes:
                expected = (n, *self.param_shapes[name])
                params[name] = arr
            else:
                raise ForecastError(
                    f"{where}: {name!r} is neither a model parameter nor '<lever label>."
                    f"<field>'; the parameters: {', '.join(sorted(self.param_shapes))}"
                )
            if arr.shape != expected:
                raise ForecastError(
                    f"{where}[{name!r}]: shape {arr.shape} does not fit {expected}: one value "
                    "per member (a leading member axis), then the parameter's dims"
                )
        return params, levers

    def run(self, values: Mapping[str, Any], n: int, where: str) -> np.ndarray:
        """Simulate `n` members; return their series, shape ``(n, n_months, n_features)``."""
        params, levers = self.check(values, n, where)
        try:
            bound = (
                None
                if self.scenario is None
                else self.scenario.bind(self.model.stockflow_model, member_values=levers or None)
            )
        except ScenarioError as exc:
            raise ForecastError(f"{where}: {exc}") from None
        variables = list(dict.fromkeys(s.variable for s in self.series))
        try:
            ds = run_model(
                self.model.compiled,
                self.end,
                bound=bound,
                params=params,
                n_members=n,
                method=self.method,
                dt=self.dt,
                variables=variables,
                chunk_size=max(n, 1),
            )
        except (sf.DeclarationError, sf.IntegrationError) as exc:
            raise ForecastError(f"{where}: {exc}") from None
        first, stop = self.months
        out = np.empty((n, stop - first, self.n_features))
        col = 0
        for s in self.series:
            a = ds[s.variable].values[:, first:stop]
            if s.axes:
                a = a.sum(axis=s.axes)
            out[:, :, col : col + s.size] = a.reshape(n, stop - first, s.size)
            col += s.size
        return out


def _resolve(model, scenario):
    """The model (default ``BorderModel()``) and the scenario (a name or file is loaded)."""
    if model is None:
        from sdmig.model.border import BorderModel

        model = BorderModel()
    if isinstance(scenario, str):
        from sdmig.policy.scenario import load_scenario

        scenario = load_scenario(scenario)
    if scenario is not None and not hasattr(scenario, "bind"):
        raise ForecastError(f"`scenario` must be a Scenario, a name or a file, got {scenario!r}")
    return model, scenario


def _job(model, scenario, variables, by, end, window, method, dt) -> _Job:
    """Check the request and make the job (in the calling process)."""
    if method not in ("euler", "rk4"):
        raise ForecastError(
            f"`method` = {method!r}: ensembles use the vectorized fixed-step methods "
            "'rk4' or 'euler'"
        )
    if isinstance(dt, bool) or not (isinstance(dt, int | float) and dt > 0):
        raise ForecastError(f"`dt` must be a positive number of months, got {dt!r}")
    sfm = model.stockflow_model
    end = str(end or getattr(model, "end", END))
    start = str(sfm.start)
    n_months = _months(start, end, "end")
    if window is not None and not (isinstance(window, tuple | list) and len(window) == 2):
        raise ForecastError(f"`window` must be (first month, last month), got {window!r}")
    lo, hi = window if window is not None else (start, end)
    first, stop = _months(start, lo, "window start") - 1, _months(start, hi, "window end")
    if not 0 <= first < stop <= n_months:
        raise ForecastError(
            f"`window` = {lo}..{hi} must lie within the simulated months {start}..{end}"
        )
    names = [variables] if isinstance(variables, str) else list(variables)
    if not names:
        raise ForecastError("`variables` must name at least one model variable")
    by = (by,) if isinstance(by, str) else tuple(by)
    unknown = [d for d in by if d not in sfm.dims]
    if unknown:
        raise ForecastError(
            f"`by` = {unknown[0]!r} is not a dimension of the model; its dimensions: "
            f"{', '.join(sfm.dims)}"
        )
    series = []
    for name in names:
        var = sfm.variables.get(name)
        if var is None or var.kind == "param" or var.internal:
            raise ForecastError(
                f"`variables`: {name!r} is not an output of the model; e.g. "
                f"{', '.join(DEFAULT_VARIABLES)}, or any stock, flow or auxiliary"
            )
        kept = tuple(d for d in var.dims if d in by)
        axes = tuple(2 + i for i, d in enumerate(var.dims) if d not in by)
        series.append(_Series(name, kept, axes, tuple(len(sfm.dims[d]) for d in kept)))
    shapes = {n: tuple(np.shape(v.value)) for n, v in sfm.variables.items() if v.kind == "param"}
    labels = tuple(scenario.labels) if scenario is not None else ()
    return _Job(
        model, scenario, end, method, float(dt), tuple(series), (first, stop), shapes, labels
    )


def _months(start: str, month: Any, what: str) -> int:
    try:
        period = pd.Period(str(month), freq="M")
    except (ValueError, TypeError):
        raise ForecastError(f"`{what}` = {month!r} is not a month 'YYYY-MM'") from None
    return n_months_between(start, period)


# ============================================================================ chunks
@dataclass(frozen=True)
class _Chunk:
    index: int
    lo: int
    hi: int
    part: Any  # a mapping of this chunk's values, or the draw callable
    seed: np.random.SeedSequence

    @property
    def n(self) -> int:
        return self.hi - self.lo

    def describe(self) -> str:
        return f"ensemble chunk {self.index} (members {self.lo}..{self.hi - 1})"


def _chunks(job: _Job, draws: Draws, n_members: int | None, chunk_size: int, seed) -> tuple:
    """The chunks of the ensemble, and the root SeedSequence."""
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int | np.integer):
        raise ForecastError(f"`chunk_size` must be a positive integer, got {chunk_size!r}")
    if chunk_size < 1:
        raise ForecastError(f"`chunk_size` must be a positive integer, got {chunk_size}")
    if isinstance(seed, np.random.SeedSequence):
        root = seed
    else:
        try:
            root = np.random.SeedSequence(seed)
        except (TypeError, ValueError):
            raise ForecastError(f"`seed` must be an integer or None, got {seed!r}") from None
    if callable(draws):
        if n_members is None:
            raise ForecastError("`n_members` is required when `draws` is a callable")
        n = n_members
    elif isinstance(draws, Mapping):
        sizes = {k: np.shape(v)[0] if np.ndim(v) else None for k, v in draws.items()}
        found = set(sizes.values())
        if None in found or len(found) > 1:
            listed = ", ".join(f"{k}: {np.shape(v)}" for k, v in draws.items())
            raise ForecastError(
                f"`draws` must give every name an array with the same leading member axis; "
                f"got shapes {listed}"
            )
        n = found.pop() if found else n_members
        if n is None:
            raise ForecastError("`n_members` is required when `draws` is empty")
        if n_members is not None and n_members != n:
            raise ForecastError(f"`n_members` = {n_members} but `draws` has {n} members")
        job.check(draws, n, "`draws`")  # fail early, in the calling process
    else:
        raise ForecastError(
            "`draws` must be a mapping {name: values with a leading member axis} or a "
            f"callable draw(n, rng) -> mapping, got {type(draws).__name__}"
        )
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ForecastError(f"`n_members` must be a positive integer, got {n!r}")
    n = int(n)
    bounds = [(lo, min(lo + int(chunk_size), n)) for lo in range(0, n, int(chunk_size))]
    chunks = []
    for i, (lo, hi) in enumerate(bounds):
        child = np.random.SeedSequence(
            root.entropy, spawn_key=(*root.spawn_key, i), pool_size=root.pool_size
        )
        part = draws if callable(draws) else {k: np.asarray(v)[lo:hi] for k, v in draws.items()}
        chunks.append(_Chunk(i, lo, hi, part, child))
    return chunks, root


def _chunk_series(job: _Job, part: Any, n: int, seed, where: str) -> np.ndarray:
    """One chunk: draw (if need be), simulate, reduce to the series."""
    from sdmig.run.distributed import tune_worker_malloc

    tune_worker_malloc()  # a Dask worker's allocator (see sdmig.run.distributed)
    if callable(part):
        values = part(n, np.random.default_rng(seed))
        where = f"{where}: draw({n}, rng)"
    else:
        values = part
    return job.run(values, n, where)


def _chunk_outcomes(job: _Job, outcomes: tuple, part: Any, n: int, seed, where: str):
    return _outcome_values(_chunk_series(job, part, n, seed, where), outcomes)


def _outcome_values(series: np.ndarray, outcomes: tuple[Outcome, ...]) -> np.ndarray:
    """``(n, n_outcomes)`` from series of shape ``(n, months, outcomes)`` (one total each)."""
    out = np.empty((series.shape[0], len(outcomes)))
    for k, o in enumerate(outcomes):
        out[:, k] = series[:, :, k].sum(axis=1) if o.how == "sum" else series[:, -1, k]
    return out


def _chunk_stats(block: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Count, mean and sum of squared deviations over the members of one chunk."""
    mean = block.mean(axis=0)
    return block.shape[0], mean, ((block - mean) ** 2).sum(axis=0)


def _merge_stats(stats: Sequence[tuple[int, np.ndarray, np.ndarray]]):
    """Merge per-chunk statistics in order (Chan, Golub and LeVeque's pairwise update)."""
    n, mean, m2 = stats[0]
    for nb, mb, m2b in stats[1:]:
        total = n + nb
        delta = mb - mean
        mean = mean + delta * (nb / total)
        m2 = m2 + m2b + delta**2 * (n * nb / total)
        n = total
    return n, mean, m2


def _quantile_block(block: np.ndarray, quantiles: tuple[float, ...]) -> np.ndarray:
    return np.quantile(block, quantiles, axis=0)


def _block_months(n_members: int, n_months: int, n_features: int) -> int:
    return max(1, min(n_months, BLOCK_BYTES // max(1, 8 * n_members * n_features)))


# ============================================================================ public API
def run_ensemble(
    model,
    scenario,
    draws: Draws,
    *,
    n_members: int | None = None,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    variables: Sequence[str] = DEFAULT_VARIABLES,
    by: Sequence[str] = (),
    window: tuple[str, str] | None = None,
    end: str | None = None,
    method: str = "rk4",
    dt: float = ENSEMBLE_DT,
    chunk_size: int = 2048,
    client=None,
    seed: int | np.random.SeedSequence | None = None,
    return_members: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> xr.Dataset:
    """Run an ensemble of `model` under `scenario` and reduce it to quantiles over members.

    Parameters
    ----------
    model : BorderModel or None
        The model (None: ``BorderModel()``); its parameters are the members' defaults.
        Any :class:`stockflow.ModelHolder` (an object with a ``stockflow_model`` and its
        ``compiled`` form) will do, an imported Vensim or XMILE model among them.
    scenario : Scenario, str or None
        A scenario, a built-in scenario's name or a file (None: no levers).
    draws : mapping or callable
        Each member's values (see "Members and chunks" in :mod:`sdmig.run.ensemble`):

        - ``{name: array}``, each array with a leading member axis of length
          `n_members`;
        - ``draw(n, rng) -> mapping``, evaluated per chunk with a generator seeded from
          the chunk's seed (on Dask it runs on the workers, so it must pickle with
          cloudpickle, as lambdas and closures do).

        Names are model parameters or ``"<lever label>.<field>"``.
    n_members : int, optional
        Number of members; required with a callable (or empty) `draws`.
    quantiles : sequence of float, default (0.05, 0.1, 0.5, 0.9, 0.95)
        In [0, 1]; 'linear' interpolation between order statistics (``numpy.quantile``).
    variables : sequence of str, default ("encounters", "deaths", "court_backlog")
        Model outputs to reduce: stocks, flows (monthly totals) or auxiliaries.
    by : sequence of str, default ()
        Dimensions to keep (``("origin",)``); a variable is summed over its others.
    window : (str, str), optional
        First and last months kept (default: every simulated month).
    end : str, optional
        Last simulated month (default: the model's end, 2028-12).
    method : {'rk4', 'euler'}, default 'rk4'
        Fixed-step integrator (see :func:`stockflow.simulate`).
    dt : float, default 0.25
        Step [months]. Keep it at 0.25 or below for the border model: its fastest outflow
        (ports process the people waiting with a time constant of 0.5 month) is limited by
        a larger step, and the outcomes move by 3-17 % at 0.5 and 13-74 % at 1 (see
        ``benchmarks/README.md``).
    chunk_size : int, default 2048
        Members per chunk: one vectorized integration, and one task on Dask. With a
        callable `draws` the members drawn depend on it (each chunk draws its own).
    client : distributed.Client, optional
        Run the chunks as tasks on this Dask cluster (see :mod:`sdmig.run.distributed`).
    seed : int or numpy.random.SeedSequence, optional
        Root of the chunk seeds (None: fresh entropy, recorded in the attrs).
    return_members : bool, default False
        Also return each member's series as ``<variable>_member`` (member, time,
        the ``by`` dims); a lazy Dask array, kept on the cluster, when `client` is given.
    progress : callable, optional
        ``progress(members_done, n_members)`` after each chunk (this process only).

    Returns
    -------
    xarray.Dataset
        For each variable ``v``: ``v`` (quantile, time and the ``by`` dims), the quantiles over
        members of its monthly values summed over the dims not in `by`; ``v_mean`` and
        ``v_std`` (time and the ``by`` dims), their mean and standard deviation (ddof 1); and
        ``v_member`` with `return_members`. Attrs: ``n_members``, ``chunk_size``,
        ``seed_entropy``, ``solver``, ``dt``, ``scenario`` and ``reduction``.

    Raises
    ------
    ForecastError
        A bad request (unknown variable or parameter, shapes that do not fit, a window
        outside the run), or a member's values out of range; a chunk's error names its
        members.
    sdmig.run.distributed.ClusterError
        The cluster lost a chunk it could not redo, or could not be reached.

    See Also
    --------
    member_outcomes : each member's scalar outcomes.
    sdmig.run.distributed.get_client : a client for ``--scheduler``.

    Examples
    --------
    >>> import numpy as np
    >>> draws = {"enforcement_deterrence": np.linspace(0.3, 0.7, 8)}
    >>> ds = run_ensemble(None, None, draws, end="2020-06", method="euler", dt=1.0,
    ...                   variables=["encounters"], quantiles=(0.5,))
    >>> ds["encounters"].dims
    ('quantile', 'time')
    """
    model, scenario = _resolve(model, scenario)
    job = _job(model, scenario, variables, by, end, window, method, dt)
    qs = _check_quantiles(quantiles)
    chunks, root = _chunks(job, draws, n_members, chunk_size, seed)
    n = chunks[-1].hi
    n_months, n_features = job.n_months, job.n_features
    tb = _block_months(n, n_months, n_features)
    if client is None:
        members = np.empty((n, n_months, n_features))
        stats = []
        for c in chunks:
            block = _chunk_series(job, c.part, c.n, c.seed, c.describe())
            members[c.lo : c.hi] = block
            stats.append(_chunk_stats(block))
            if progress is not None:
                progress(c.hi, n)
        q = np.concatenate(
            [_quantile_block(members[:, t : t + tb], qs) for t in range(0, n_months, tb)],
            axis=1,
        )
    else:
        q, stats, members = _on_dask(client, job, chunks, qs, tb)
    count, mean, m2 = _merge_stats(stats)
    if count != n:  # never a short ensemble
        raise ForecastError(f"internal error: {count} of {n} members were reduced")
    std = np.sqrt(m2 / (n - 1 if n > 1 else 1))
    return _dataset(job, qs, q, mean, std, members if return_members else None, n, chunk_size, root)


def _check_quantiles(quantiles) -> tuple[float, ...]:
    try:
        qs = tuple(float(q) for q in np.atleast_1d(np.asarray(quantiles, dtype=float)))
    except (TypeError, ValueError):
        qs = ()
    if not qs or not all(0.0 <= q <= 1.0 for q in qs):
        raise ForecastError(f"`quantiles` must be numbers in [0, 1], got {quantiles!r}")
    return qs


def _on_dask(client, job: _Job, chunks: list[_Chunk], qs: tuple[float, ...], tb: int):
    """The chunks as tasks, their series as one Dask array, quantiles by block of months."""
    import dask.array as da

    from sdmig.run.distributed import gather

    name = f"sdmig-ensemble-{uuid.uuid4().hex[:12]}"
    futures, describe = _submit(client, job, chunks, _chunk_series, (), name)
    stats_f = [
        client.submit(_chunk_stats, f, key=f"{name}-stats-{c.index}")
        for f, c in zip(futures, chunks, strict=True)
    ]
    n_months, n_features = job.n_months, job.n_features
    members = da.concatenate(
        [
            da.from_delayed(f, shape=(c.n, n_months, n_features), dtype=float)
            for f, c in zip(futures, chunks, strict=True)
        ],
        axis=0,
    )
    blocks = members.rechunk({0: -1, 1: tb, 2: -1})
    q = blocks.map_blocks(
        _quantile_block,
        qs,
        chunks=((len(qs),), blocks.chunks[1], blocks.chunks[2]),
        dtype=float,
    )
    q_value, *stats = gather(client, [client.compute(q), *stats_f], describe=describe)
    return q_value, stats, members


def _submit(client, job: _Job, chunks: list[_Chunk], fn, extra: tuple, name: str):
    """Submit one task per chunk (keys ``<name>-<index>``); return the futures and a
    describer of task keys for messages."""
    from sdmig.run.distributed import chunk_index

    # the job travels once, as a task the scheduler can run again if its worker dies
    job_future = client.submit(_same, job, key=f"{name}-job")
    futures = [
        client.submit(
            fn, job_future, *extra, c.part, c.n, c.seed, c.describe(), key=f"{name}-{c.index}"
        )
        for c in chunks
    ]

    def describe(key) -> str:
        i = chunk_index(key)
        if i is not None and 0 <= i < len(chunks) and str(key).startswith(name):
            return chunks[i].describe()
        return f"task {key!r}"

    return futures, describe


def _same(x):
    return x


def _dataset(job: _Job, qs, q, mean, std, members, n, chunk_size, root) -> xr.Dataset:
    sfm = job.model.stockflow_model
    first, stop = job.months
    time = month_starts(sfm.start, stop)[first:stop]
    coords: dict[str, Any] = {"quantile": list(qs), "time": time}
    data = {}
    col = 0
    for s in job.series:
        var = sfm.variables[s.variable]
        for d in s.dims:
            coords[d] = list(sfm.dims[d])
        cols = slice(col, col + s.size)
        col += s.size
        summed = [d for d in var.dims if d not in s.dims]
        over = "".join(f"{d}: " for d in summed) + "sum " if summed else ""
        if var.kind == "flow":  # stockflow returns flows as month totals
            over = "time: sum (month total) " + over
        attrs = {"units": var.units, "long_name": var.long_name}
        dims = ("time", *s.dims)
        data[s.variable] = (
            ("quantile", *dims),
            q[:, :, cols].reshape(len(qs), job.n_months, *s.shape),
            {**attrs, "cell_methods": f"{over}member: quantile"},
        )
        data[f"{s.variable}_mean"] = (
            dims,
            mean[:, cols].reshape(job.n_months, *s.shape),
            {**attrs, "cell_methods": f"{over}member: mean"},
        )
        data[f"{s.variable}_std"] = (
            dims,
            std[:, cols].reshape(job.n_months, *s.shape),
            {**attrs, "cell_methods": f"{over}member: standard_deviation"},
        )
        if members is not None:
            data[f"{s.variable}_member"] = (
                ("member", *dims),
                members[:, :, cols].reshape(n, job.n_months, *s.shape),
                {**attrs, "cell_methods": over.strip()},
            )
    if members is not None:
        coords["member"] = np.arange(n)
    ds = xr.Dataset(data, coords=coords)
    ds["quantile"].attrs["long_name"] = "quantile over ensemble members"
    ds.attrs.update(
        title="sdmig ensemble",
        scenario="" if job.scenario is None else str(job.scenario.name),
        n_members=n,
        chunk_size=int(chunk_size),
        seed_entropy=str(root.entropy),
        solver=job.method,
        dt=job.dt,
        reduction=(
            "exact quantiles (numpy 'linear') over the members' monthly values, each "
            "variable summed over the dimensions not kept"
        ),
    )
    return ds


def outcome(model, name: str) -> Outcome:
    """The :class:`Outcome` of a model variable: rates (units ``.../month``) are summed
    over the window, anything else is taken at its last month.

    Parameters
    ----------
    model : BorderModel or stockflow.Model
        The model whose variable it is.
    name : str
        The variable.

    Returns
    -------
    Outcome

    Raises
    ------
    ForecastError
        `name` is not an output of the model.
    """
    var = model.stockflow_model.variables.get(name)
    if var is None or var.kind == "param" or var.internal:
        raise ForecastError(
            f"outcome {name!r} is not an output of the model; e.g. "
            f"{', '.join(DEFAULT_OUTCOMES)}, or any stock, flow or auxiliary"
        )
    if var.units.endswith("/month"):
        return Outcome(name, name, "sum", var.units.removesuffix("/month"), var.long_name)
    return Outcome(name, name, "last", var.units, var.long_name)


def member_outcomes(
    model,
    scenario,
    draws: Draws,
    outcomes: Sequence[str] = DEFAULT_OUTCOMES,
    *,
    n_members: int | None = None,
    window: tuple[str, str] = DEFAULT_WINDOW,
    method: str = "rk4",
    dt: float = ENSEMBLE_DT,
    chunk_size: int = 2048,
    client=None,
    seed: int | np.random.SeedSequence | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> xr.Dataset:
    """Each member's scalar outcomes over `window`, e.g. for a sensitivity analysis.

    Parameters
    ----------
    model, scenario, draws, n_members, method, dt, chunk_size, client, seed, progress
        As for :func:`run_ensemble`; the run ends at the window's last month.
    outcomes : sequence of str, default ("encounters", "deaths", "court_backlog")
        Model variables, totalled over origins and corridors; see :func:`outcome` for
        how the months of the window are combined.
    window : (str, str), default ("2026-07", "2028-12")

    Returns
    -------
    xarray.Dataset
        One variable per outcome, dim ``member``, with ``units`` and ``how`` ("sum" over
        the window or "last" month).

    Raises
    ------
    ForecastError, sdmig.run.distributed.ClusterError
        As for :func:`run_ensemble`.
    """
    model, scenario = _resolve(model, scenario)
    outcomes = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    if not outcomes:
        raise ForecastError("`outcomes` must name at least one model variable")
    outs = tuple(outcome(model, name) for name in outcomes)
    if not (isinstance(window, tuple | list) and len(window) == 2):
        raise ForecastError(f"`window` must be (first month, last month), got {window!r}")
    job = _job(model, scenario, outcomes, (), window[1], window, method, dt)
    chunks, root = _chunks(job, draws, n_members, chunk_size, seed)
    n = chunks[-1].hi
    if client is None:
        parts = []
        for c in chunks:
            parts.append(_chunk_outcomes(job, outs, c.part, c.n, c.seed, c.describe()))
            if progress is not None:
                progress(c.hi, n)
    else:
        from sdmig.run.distributed import gather

        name = f"sdmig-outcomes-{uuid.uuid4().hex[:12]}"
        futures, describe = _submit(client, job, chunks, _chunk_outcomes, (outs,), name)
        parts = gather(client, futures, describe=describe)
    values = np.concatenate(parts, axis=0)
    if values.shape != (n, len(outs)):  # never a short ensemble
        raise ForecastError(f"internal error: outcomes of shape {values.shape} for {n} members")
    ds = xr.Dataset(
        {
            o.name: (
                "member",
                values[:, k],
                {"units": o.units, "long_name": o.long_name, "how": o.how},
            )
            for k, o in enumerate(outs)
        },
        coords={"member": np.arange(n)},
    )
    ds.attrs.update(
        title="sdmig member outcomes",
        scenario="" if scenario is None else str(scenario.name),
        window=f"{window[0]}..{window[1]}",
        n_members=n,
        chunk_size=int(chunk_size),
        seed_entropy=str(root.entropy),
        solver=method,
        dt=float(dt),
    )
    return ds
