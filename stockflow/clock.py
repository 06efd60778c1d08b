"""Running a model on its own clock, as Vensim, Stella and PySD do.

:func:`stockflow.simulate` counts months, lands its steps on every breakpoint and reports
flows as monthly totals: what a calendar model such as a monthly forecast needs.
:func:`run_clock` runs any model in its own time unit (minutes, days, years, "Time") the
way the system-dynamics tools do, so that their outputs can be compared one to one:

- Euler steps of exactly `dt` from ``t = 0`` (breakpoints are not steps: a switch inside a
  step takes effect at the next one, as in Vensim); a `dt` that does not divide the
  saving interval is refused with a message, never replaced;
- every variable saved at ``0, saveper, 2 saveper, ...`` through the end, flows as their
  instantaneous rates at those times (what Vensim writes), stocks and auxiliaries as
  their values;
- non-negative stocks as XMILE defines them: a step that would take such a stock below
  zero takes it to zero instead, whatever the shape of its rate (outflows, a net rate,
  or inflows that turn negative);
- a NaN or an infinity in any variable stops the run with an
  :class:`~stockflow.errors.IntegrationError` naming the variable and the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import xarray as xr

from stockflow.compile import CompiledModel, compile_model
from stockflow.errors import DeclarationError, IntegrationError
from stockflow.model import Model, check_mapping

KIND_CELL = "time: point"


def clock_steps(duration: float, dt: float, saveper: float) -> tuple[int, int]:
    """``(number of steps, steps between saves)`` for a run of `duration` time units.

    Parameters
    ----------
    duration : float
        ``FINAL TIME - INITIAL TIME``, in the model's time unit.
    dt : float
        The integration step (``TIME STEP``).
    saveper : float
        The interval between saved times (``SAVEPER``).

    Returns
    -------
    (int, int)

    Raises
    ------
    DeclarationError
        `dt` or `saveper` not positive, `saveper` not a whole number of steps, or the
        duration not a whole number of steps.
    """
    if not (np.isfinite(dt) and dt > 0):
        raise DeclarationError(f"TIME STEP must be a positive number, got {dt}")
    if not (np.isfinite(saveper) and saveper > 0):
        raise DeclarationError(f"SAVEPER must be a positive number, got {saveper}")
    every = saveper / dt
    if abs(every - round(every)) > 1e-6 * max(1.0, every) or round(every) < 1:
        raise DeclarationError(
            f"SAVEPER {saveper:g} is not a whole number of TIME STEPs {dt:g}; "
            "the run would have to change the step"
        )
    n = duration / dt
    if abs(n - round(n)) > 1e-6 * max(1.0, n) or round(n) < 1:
        raise DeclarationError(
            f"the run's length {duration:g} is not a whole number of TIME STEPs {dt:g}"
        )
    return int(round(n)), int(round(every))


def run_clock(
    model: Model | CompiledModel,
    duration: float,
    *,
    dt: float,
    saveper: float | None = None,
    t0: float = 0.0,
    params: Mapping[str, Any] | None = None,
    inputs: Mapping[str, Callable] | None = None,
    variables: Iterable[str] | None = None,
    time_units: str = "",
    missing_ok: Iterable[str] = (),
) -> xr.Dataset:
    """Euler on the uniform grid ``t = i * dt``, saving every `saveper`.

    Parameters
    ----------
    model : Model or CompiledModel
    duration : float
        Length of the run in the model's time unit (``FINAL TIME - INITIAL TIME``).
    dt : float
        The step, honoured exactly.
    saveper : float, optional
        Saving interval, a whole number of steps (default: every step).
    t0 : float, default 0
        Time at which the run starts, added to model time in the output (``INITIAL
        TIME``); equations still see model time ``t`` from 0.
    params, inputs : mapping, optional
        As for :func:`stockflow.simulate` (ensembles included).
    variables : iterable of str, optional
        Variables to return (default: every stock, flow, auxiliary, input and series that
        is not internal).
    time_units : str
        Written into the output's attrs.
    missing_ok : iterable of str
        Variables that may be NaN on purpose (a missing value, Vensim's ``:NA:``).

    Returns
    -------
    xarray.Dataset
        Dims ``[member,] time, *dims``; ``time`` is the model's time ``t0 + k * saveper``.

    Raises
    ------
    DeclarationError
        Bad `dt`, `saveper` or `duration` (see :func:`clock_steps`), unknown variables.
    IntegrationError
        A variable became NaN or infinite: names it and the time.
    """
    from stockflow.integrate import _parameters, initial_state

    n_steps, every = clock_steps(duration, dt, saveper if saveper is not None else dt)
    cm = model if isinstance(model, CompiledModel) else compile_model(model, track_flows=False)
    cm = cm.tracking([]) if cm.track_flows else cm
    inputs = check_mapping("inputs", inputs)
    var = cm.model.variables
    names = _names(cm, variables)
    values, k, is_ensemble = _parameters(cm, check_mapping("params", params))
    consts = cm.constants(values)
    with np.errstate(all="ignore"):
        y = initial_state(cm, consts, inputs, k)
    limited = [(s.start, s.stop) for s in cm.stocks if s.nonnegative]
    skip = set(missing_ok)
    checked = [
        n for n, v in var.items() if v.kind in ("aux", "flow", "input", "series") and n not in skip
    ]
    n_saves = n_steps // every + 1
    data = {n: np.empty((n_saves, k, *cm.shapes[n])) for n in names}
    for i in range(n_steps + 1):
        t = i * dt
        with np.errstate(all="ignore"):
            ns = cm._evaluate_unlimited(t, y, consts, inputs)
        _check_finite(ns, checked, cm, y, t0 + t)
        if i % every == 0:
            for n in names:
                data[n][i // every] = ns[n]
        if i == n_steps:
            break
        with np.errstate(all="ignore"):
            y = y + dt * cm.rhs_from_values(ns, k)
        for start, stop in limited:
            np.maximum(y[start:stop], 0.0, out=y[start:stop])
    times = t0 + np.arange(n_saves) * (every * dt)
    return _dataset(cm, names, data, times, is_ensemble, time_units, dt, every * dt)


def _names(cm: CompiledModel, variables) -> list[str]:
    var = cm.model.variables
    if variables is None:
        return [n for n, v in var.items() if v.kind != "param" and not v.internal]
    names = list(variables)
    for n in names:
        if n not in var or var[n].kind == "param":
            raise DeclarationError(
                f"cannot return {n!r}: not a stock, flow, auxiliary, input or series"
            )
    return names


def _check_finite(ns, checked, cm: CompiledModel, y: np.ndarray, t: float) -> None:
    """Raise naming the first variable (stocks, then in evaluation order) that is not finite."""
    if np.isfinite(y).all() and all(np.isfinite(ns[n]).all() for n in checked):
        return
    for name in [s.name for s in cm.stocks] + [n for n in cm.order if n in checked]:
        value = np.asarray(ns[name])
        if not np.isfinite(value).all():
            what = "NaN" if np.isnan(value).any() else "infinite"
            kind = cm.model.variables[name].kind
            raise IntegrationError(
                f"{kind} {name!r} is {what} at time {t:g}",
                t_reached=float(t),
                solver_message="non-finite value",
            )


def _dataset(cm, names, data, times, is_ensemble, time_units, dt, saveper) -> xr.Dataset:
    model = cm.model
    coords: dict[str, Any] = {"time": times}
    for dim, labels in model.dims.items():
        coords[dim] = list(labels)
    data_vars = {}
    for n in names:
        v = model.variables[n]
        arr = np.moveaxis(data[n], 1, 0)  # (member, time, *dims)
        dims = ("member", "time", *v.dims)
        if not is_ensemble:
            arr, dims = arr[0], dims[1:]
        attrs = {
            "units": v.units,
            "long_name": v.long_name,
            "cell_methods": KIND_CELL,
            "stockflow_kind": v.kind,
        }
        data_vars[n] = xr.Variable(dims, arr, attrs)
    if is_ensemble:
        coords["member"] = np.arange(next(iter(data.values())).shape[1]) if data else []
    ds = xr.Dataset(data_vars, coords=coords)
    ds["time"].attrs["units"] = time_units
    ds.attrs.update(
        title=model.name,
        time_units=time_units,
        method="euler",
        dt=dt,
        saveper=saveper,
        flows="instantaneous rates",
    )
    return ds
