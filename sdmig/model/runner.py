"""The one way from a model, a bound scenario, parameters and members to the integrator.

Every run of sdmig goes through :func:`run_model`: :meth:`BorderModel.simulate
<sdmig.model.border.BorderModel.simulate>` (so forecasts and calibration),
:meth:`BoundScenario.simulate <sdmig.policy.binding.BoundScenario.simulate>`, the ensemble
chunks of :mod:`sdmig.run.ensemble` and the ``sdmig import`` command. It turns what they
hold into one :func:`stockflow.simulate` call: the model to integrate (with the averaging
stocks of a scenario's triggers, when it has them), the scenario's composed inputs and
switch times, and the number of members. The filter of :mod:`sdmig.inference.statespace`
integrates month by month with a :class:`stockflow.Stepper`, built from the same
:func:`run_arguments`.

Which of stockflow's backends integrates is :func:`default_backend`: ``"auto"`` (the
generated kernel where the method has one and a C compiler is found, else NumPy; the two
agree to 1e-12 relative), or what the environment variable ``SDMIG_BACKEND`` says
(``numpy``, ``compiled`` or ``auto``; ``sdmig --backend`` sets it). An explicit
``backend=`` option wins. Being an environment variable, the choice reaches the workers
of a local Dask cluster as well.

A bound scenario is anything with ``inputs`` and ``breakpoints``, and optionally
``n_members`` and ``model`` with ``compiled()``, as :meth:`sdmig.policy.scenario.Scenario.bind`
returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import xarray as xr

import stockflow as sf
from sdmig.errors import ForecastError
from stockflow.calendar import DateLike
from stockflow.kernel import BACKENDS

__all__ = ["BACKEND_VARIABLE", "RunArguments", "default_backend", "run_arguments", "run_model"]

#: The environment variable that chooses stockflow's backend for every run of sdmig.
BACKEND_VARIABLE = "SDMIG_BACKEND"


def default_backend() -> str:
    """The backend sdmig's runs use: ``$SDMIG_BACKEND``, else ``"auto"``.

    Returns
    -------
    str
        One of :data:`stockflow.kernel.BACKENDS`.

    Raises
    ------
    sdmig.errors.ForecastError
        If ``$SDMIG_BACKEND`` holds anything else.

    Examples
    --------
    >>> import os
    >>> os.environ.pop("SDMIG_BACKEND", None) and None
    >>> default_backend()
    'auto'
    """
    value = os.environ.get(BACKEND_VARIABLE, "auto").strip().lower() or "auto"
    if value not in BACKENDS:
        raise ForecastError(
            f"environment variable {BACKEND_VARIABLE} = {os.environ[BACKEND_VARIABLE]!r}: "
            f"allowed are {', '.join(BACKENDS)}"
        )
    return value


@dataclass(frozen=True)
class RunArguments:
    """What a bound scenario gives the integrator.

    Parameters
    ----------
    compiled : stockflow.CompiledModel
        The model to integrate: the one given, or the scenario's copy of it with its
        triggers' averaging stocks.
    inputs : dict of str to callable
        Policy inputs ``f(t, v)``.
    breakpoints : tuple of float
        The levers' switch times [model months].
    n_members : int or None
        The members the inputs give values for (levers whose values vary by member), or
        None when they give one value for all.
    """

    compiled: sf.CompiledModel
    inputs: dict[str, Callable] = field(default_factory=dict)
    breakpoints: tuple[float, ...] = ()
    n_members: int | None = None


def run_arguments(model: sf.Model | sf.CompiledModel, bound: Any = None) -> RunArguments:
    """The model, inputs, switch times and members of a run of `model` under `bound`.

    Parameters
    ----------
    model : stockflow.Model or stockflow.CompiledModel
        The model the scenario was bound to.
    bound : BoundScenario, optional
        ``scenario.bind(model)``; None runs the model without levers.

    Returns
    -------
    RunArguments

    Examples
    --------
    >>> from sdmig.model.border import BorderModel
    >>> model = BorderModel()
    >>> run_arguments(model.compiled).inputs
    {}
    """
    compiled = model if isinstance(model, sf.CompiledModel) else sf.compile_model(model)
    if bound is None:
        return RunArguments(compiled)
    # a scenario with triggers is bound to a copy of the model with their averaging stocks
    if getattr(bound, "model", compiled.model) is not compiled.model:
        compiled = bound.compiled()
    return RunArguments(
        compiled, dict(bound.inputs), tuple(bound.breakpoints), getattr(bound, "n_members", None)
    )


def run_model(
    model: sf.Model | sf.CompiledModel,
    end: DateLike | int,
    *,
    bound: Any = None,
    params: Mapping[str, Any] | None = None,
    n_members: int | None = None,
    **options: Any,
) -> xr.Dataset:
    """Integrate `model` under the bound scenario `bound` through the month `end`.

    Parameters
    ----------
    model : stockflow.Model or stockflow.CompiledModel
        The model the scenario was bound to.
    end : date-like or int
        Last simulated month, or a number of months.
    bound : BoundScenario, optional
        ``scenario.bind(model)``; None runs the model without levers.
    params : mapping, optional
        Parameter values for this run (a leading member axis gives each member its own).
    n_members : int, optional
        Members of the ensemble (see :func:`stockflow.simulate`). Default: the members
        of a scenario bound with member values, else those of `params`, else one run.
    **options
        ``method``, ``dt``, ``variables``, ``chunk_size``, ``backend``, ... for
        :func:`stockflow.simulate`. A scenario bound with member values runs all its
        members in one chunk. ``backend`` defaults to :func:`default_backend`.

    Returns
    -------
    xarray.Dataset
        As :func:`stockflow.simulate` returns.

    Raises
    ------
    stockflow.DeclarationError
        An unknown parameter, or members that disagree (`n_members`, the parameters'
        member axis, the scenario's member values).
    stockflow.IntegrationError
        The integration failed.

    Examples
    --------
    >>> from sdmig.model.border import BorderModel
    >>> model = BorderModel()
    >>> ds = run_model(model.compiled, "2019-12", n_members=2, method="euler")
    >>> dict(ds.sizes)["member"]
    2
    """
    args = run_arguments(model, bound)
    options.setdefault("backend", default_backend())
    if args.n_members is not None:
        if n_members is not None and n_members != args.n_members:
            raise sf.DeclarationError(
                f"the scenario was bound with {args.n_members} members but `n_members` = "
                f"{n_members}"
            )
        n_members = args.n_members
        options["chunk_size"] = max(int(options.get("chunk_size", 1)), n_members)
    return sf.simulate(
        args.compiled,
        end,
        params=params,
        inputs=args.inputs,
        breakpoints=args.breakpoints,
        n_members=n_members,
        **options,
    )
