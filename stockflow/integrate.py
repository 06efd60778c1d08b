"""Integrating a model: ``solve_ivp`` for single runs, fixed-step Euler/RK4 for ensembles.

Both paths integrate piecewise between the model's breakpoints (series dates, declared
switch times, the ones a run adds), so that no discontinuity falls inside a step: within a
segment ``[a, b]`` a function of time evaluated at ``b`` sees its value just before ``b``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import xarray as xr
from scipy.integrate import solve_ivp

from stockflow.calendar import DateLike, n_months_between
from stockflow.compile import CompiledModel, Values, compile_model
from stockflow.errors import DeclarationError, IntegrationError
from stockflow.exponential import EXPONENTIAL, exponential_step
from stockflow.kernel import BACKENDS, use_kernel
from stockflow.model import Model, check_mapping
from stockflow.output import Recorder, to_dataset

FIXED_STEP = ("euler", "rk4", *EXPONENTIAL)
# set (true) in the values equations see while the initial values of stocks are computed
INITIALIZING = "_initializing"
SOLVE_IVP = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")
METHODS = FIXED_STEP + SOLVE_IVP


def simulate(
    model: Model | CompiledModel,
    end: DateLike | int,
    *,
    params: Mapping[str, Any] | None = None,
    inputs: Mapping[str, Callable] | None = None,
    method: str = "RK45",
    dt: float = 0.25,
    rtol: float = 1e-6,
    atol: float = 1e-6,
    breakpoints: Iterable[float] = (),
    variables: Iterable[str] | None = None,
    chunk_size: int = 2048,
    progress: Callable[[int, int], None] | None = None,
    backend: str = "numpy",
    n_members: int | None = None,
) -> xr.Dataset:
    """Integrate `model` from its start month through the month `end`, inclusive.

    Parameters
    ----------
    model : Model or CompiledModel
    end : date-like or int
        Last simulated month (``"2028-12"``), or a number of months.
    params : mapping, optional
        Parameter values for this run only (the model is never changed). A value shaped
        like the parameter's dims is shared by all members; one with an extra *leading*
        axis gives each ensemble member its own value, and makes the result an ensemble
        with a ``member`` dimension. An ``xarray.DataArray`` with a ``member`` dim is
        accepted too.
    inputs : mapping of str to callable, optional
        ``f(t, v)`` giving a policy input's value at model time ``t`` [months]; see
        :meth:`Model.input`.
    method : {'RK45', 'RK23', 'DOP853', 'Radau', 'BDF', 'LSODA', 'euler', 'rk4', 'exp-euler', 'exp-heun'}
        ``solve_ivp`` methods integrate each member on its own with adaptive steps;
        the others step all members at once with step `dt`: ``'euler'`` (one evaluation
        per step), classic ``'rk4'`` (four), and the exponential methods of
        :mod:`stockflow.exponential`, which solve each stock's drains exactly over the
        step and so stay accurate and non-negative at steps longer than the model's
        shortest time constants: ``'exp-euler'`` (first order, one evaluation per step)
        and ``'exp-heun'`` (second order, two). Both conserve what flows between stocks,
        and a linear drain ``stock / tau`` with constant inflow is exact at any step.
    dt : float, default 0.25
        Fixed step [months], a whole fraction of a month (1, 0.5, 0.25, ...; any other
        value is refused rather than replaced); steps are shortened only to land on
        breakpoints.
    rtol, atol : float
        Tolerances for ``solve_ivp``.
    breakpoints : iterable of float
        Extra discontinuity times [months] for this run.
    variables : iterable of str, optional
        Variables to return (default: every stock, flow, auxiliary, input and series that
        is not internal to a builtin). Only the flows returned are integrated into monthly
        totals, so returning few variables also makes the run cheaper.
    chunk_size : int, default 2048
        Members integrated together by the fixed-step methods. A few thousand keeps the
        temporaries in cache; much larger chunks gain nothing (see
        ``benchmarks/bench_engine.py``).
    progress : callable, optional
        Called as ``progress(members_done, n_members)`` after each chunk.
    backend : {'numpy', 'compiled', 'auto'}, default 'numpy'
        How the fixed-step methods are computed: ``'numpy'``, the reference path;
        ``'compiled'``, the generated kernel of :mod:`stockflow.kernel` (the exponential
        methods: :mod:`stockflow.expkernel`; needs a C
        compiler, ``$CC`` or ``cc``; raises :class:`~stockflow.kernel.KernelFallback`
        naming an equation it cannot compile); ``'auto'``, the kernel where it can, else
        the NumPy path with a :class:`~stockflow.kernel.KernelFallbackWarning` naming the
        variable. The two agree to rounding. With ``solve_ivp`` methods the solver calls
        the compiled right-hand side (one member at a time).
    n_members : int, optional
        Run an ensemble of this many members (the result has a ``member`` dimension, even
        of length 1). Parameters without a member axis are shared by every member; those
        with one must have `n_members` values. Needed when only the `inputs` differ by
        member (they then return one value per member). Default: the length of the
        parameters' member axis, and a single run when none has one.

    Returns
    -------
    xarray.Dataset
        Dims ``time`` (month starts), the model's dimensions, and ``member`` for
        ensembles. Stocks are values at the end of each month, flows are totals over the
        month, auxiliaries are values at the end of the month (``cell_methods`` says
        which). ``<stock>_initial`` holds each stock at time 0. Attrs: ``solver``,
        ``nfev``, ``n_segments``, ``message`` and more.

    Raises
    ------
    DeclarationError
        Bad declarations (see :func:`compile_model`) or an unknown parameter or input.
    IntegrationError
        The solver failed, or the state became non-finite (NaN or infinite); the error
        carries the time reached and the solver's message. For ``euler`` and ``rk4`` the
        state is checked at each month end and the message names the stock and member.
    ValueError, TypeError
        A bad `method`, `dt`, `end`, `chunk_size`, `backend`, `n_members`, or a `params` / `inputs`
        that is not a mapping.
    """
    cm = model if isinstance(model, CompiledModel) else compile_model(model)
    if method not in METHODS:
        raise ValueError(f"`method` must be one of {METHODS}, got {method!r}")
    if not (dt > 0):
        raise ValueError(f"`dt` must be positive, got {dt}")
    per_month = 1.0 / dt
    if method in FIXED_STEP and abs(per_month - round(per_month)) > 1e-9 * per_month:
        raise ValueError(
            f"`dt` = {dt} month is not a whole fraction of a month (1, 0.5, 0.25, ...): "
            "the fixed-step integrators land on every month end; run a model with a "
            "different step on its own clock with `stockflow.run_clock`"
        )
    if backend not in BACKENDS:
        raise ValueError(f"`backend` must be one of {BACKENDS}, got {backend!r}")
    compiled_run = method in FIXED_STEP and use_kernel(backend, method)
    if not (isinstance(chunk_size, int | np.integer) and chunk_size >= 1):
        raise ValueError(f"`chunk_size` must be a positive integer, got {chunk_size!r}")
    n_months = (
        int(end)
        if isinstance(end, int | np.integer) or cm.model.start is None
        else n_months_between(cm.model.start, end)
    )
    if n_months < 1:
        raise ValueError(f"`end` must be at or after the start month {cm.model.start}, got {end}")
    values, found, varying = _parameters(cm, check_mapping("params", params))
    n_members, is_ensemble = _members(n_members, found, varying)
    inputs = check_mapping("inputs", inputs)
    unknown = sorted(set(inputs) - set(cm.input_names))
    if unknown:
        raise DeclarationError(
            f"unknown input {unknown[0]!r}; the model's inputs: {cm.input_names}"
        )
    names = _variables(cm, variables)
    # integrate the accumulators of the returned flows only
    cm = cm.tracking(n for n in names if cm.model.variables[n].kind == "flow")
    breaks, grid = _segment_points(cm.model.breakpoints, breakpoints, n_months)
    recorder = Recorder(cm, names, n_months, n_members)
    diagnostics: dict[str, Any] = {"solver": method, "n_segments": len(breaks) - 1}
    compiled_nfev = None
    if compiled_run:  # the generated kernel (stockflow.kernel)
        from stockflow.kernel import simulate_fixed_step

        compiled_nfev = simulate_fixed_step(
            cm, values, n_members, inputs, grid, dt, method, recorder, chunk_size, progress, backend
        )
    if compiled_nfev is not None:
        diagnostics.update(nfev=compiled_nfev, dt=dt, backend="compiled")
        diagnostics.update(message="fixed-step integration completed")
    elif method in FIXED_STEP:
        nfev = 0
        for lo in range(0, n_members, chunk_size):
            hi = min(lo + chunk_size, n_members)
            consts = cm.constants(_take(values, lo, hi, n_members))
            y0 = initial_state(cm, consts, inputs, hi - lo)
            recorder.initial(y0, lo, hi)
            nfev += _fixed_step(cm, y0, consts, inputs, grid, dt, method, recorder, lo, hi)
            if progress is not None:
                progress(hi, n_members)
        diagnostics.update(nfev=nfev, dt=dt, message="fixed-step integration completed")
    else:
        nfev = 0
        for m in range(n_members):
            consts = cm.constants(_take(values, m, m + 1, n_members))
            y0 = initial_state(cm, consts, inputs, 1)
            recorder.initial(y0, m, m + 1)
            rhs_model = cm  # the compiled right-hand side with a backend (stockflow.kernel)
            if backend != "numpy":
                from stockflow.kernel import solve_ivp_model

                rhs_model = solve_ivp_model(cm, consts, inputs, backend)
            nfev += _solve_ivp(
                rhs_model, y0[:, 0], consts, inputs, breaks, grid, method, rtol, atol, recorder, m
            )
            if progress is not None:
                progress(m + 1, n_members)
        diagnostics.update(
            nfev=nfev,
            rtol=rtol,
            atol=atol,
            message="The solver successfully reached the end of the integration interval.",
        )
    return to_dataset(cm, recorder, is_ensemble=is_ensemble, attrs=diagnostics)


def _parameters(cm: CompiledModel, overrides: dict[str, Any]):
    defaults = cm.model.params_default()
    unknown = sorted(set(overrides) - set(defaults))
    if unknown:
        raise DeclarationError(
            f"unknown parameter {unknown[0]!r}; the model's parameters: {sorted(defaults)}"
        )
    values: dict[str, np.ndarray] = {}
    sizes = set()
    is_ensemble = False
    for name, default in defaults.items():
        if name not in overrides:
            values[name] = default[None]
            continue
        var = cm.model.variables[name]
        raw = overrides[name]
        if isinstance(raw, xr.DataArray):
            raw = raw.transpose(*(("member",) if "member" in raw.dims else ()), *var.dims).values
        arr = np.asarray(raw, dtype=float)
        shape = default.shape
        if arr.ndim == len(shape) + 1:
            is_ensemble = True
            sizes.add(arr.shape[0])
        elif arr.ndim <= len(shape):
            arr = arr[None]
        else:
            raise DeclarationError(
                f"parameter {name!r}: value of shape {arr.shape} does not fit dims {var.dims}"
            )
        try:
            arr = np.broadcast_to(arr, (arr.shape[0], *shape))
        except ValueError:
            raise DeclarationError(
                f"parameter {name!r}: value of shape {arr.shape} does not fit dims {var.dims} {shape}"
            ) from None
        lo, hi = var.bounds
        if np.any(arr < lo) or np.any(arr > hi) or np.any(np.isnan(arr)):
            raise DeclarationError(f"parameter {name!r}: values must lie in [{lo}, {hi}]")
        values[name] = arr
    if len(sizes) > 1:
        raise DeclarationError(
            f"ensemble parameters disagree on the number of members: {sorted(sizes)}"
        )
    return values, (sizes.pop() if sizes else 1), is_ensemble


def _members(requested: int | None, found: int, varying: bool) -> tuple[int, bool]:
    """The number of members and whether the run is an ensemble, from `n_members` and the
    parameters' member axis (`found` members, if `varying`)."""
    if requested is None:
        return found, varying
    if isinstance(requested, bool) or not isinstance(requested, int | np.integer):
        raise TypeError(f"`n_members` must be a positive integer, got {requested!r}")
    if requested < 1:
        raise ValueError(f"`n_members` must be a positive integer, got {requested}")
    if varying and found != requested:
        raise DeclarationError(
            f"the parameters' member axis has {found} members but `n_members` = {requested}"
        )
    return int(requested), True


def _take(values: dict[str, np.ndarray], lo: int, hi: int, n: int) -> dict[str, np.ndarray]:
    return {k: (v[lo:hi] if v.shape[0] == n and n > 1 else v) for k, v in values.items()}


def _variables(cm: CompiledModel, variables) -> list[str]:
    var = cm.model.variables
    if variables is None:
        return [n for n, v in var.items() if v.kind != "param" and not v.internal]
    names = list(variables)
    for n in names:
        if n not in var or var[n].kind == "param":
            raise DeclarationError(
                f"cannot return {n!r}: not a stock, flow, auxiliary, input or series"
            )
        if var[n].kind == "flow" and not cm.track_flows:
            raise DeclarationError(
                f"cannot return flow {n!r}: the model was compiled without flow tracking"
            )
    return names


def _segment_points(model_bps, run_bps, n_months: int) -> tuple[list[float], list[float]]:
    """Breakpoints (with 0 and the end), and those together with every month end."""
    breaks = {0.0, float(n_months)}
    breaks.update(float(b) for b in [*model_bps, *run_bps] if 0 < float(b) < n_months)
    grid = breaks | {float(i) for i in range(1, n_months + 1)}
    return sorted(breaks), sorted(grid)


def initial_state(
    cm: CompiledModel, consts: dict[str, Any], inputs: dict[str, Callable], k: int
) -> np.ndarray:
    """State at time 0, shape ``(n_state, k)``.

    Stocks with array initial values are set first; stocks whose initial value is an
    equation (smooths and delays start from their input) are then evaluated against the
    model at time 0, repeating until the values settle (chains of smooths need one pass
    per link).

    Parameters
    ----------
    cm : CompiledModel
        The model.
    consts : dict
        From :meth:`CompiledModel.constants`.
    inputs : dict of str to callable
        ``f(t, v)`` per policy input.
    k : int
        Number of members.

    Returns
    -------
    ndarray, shape ``(n_state, k)``
        The stocks' initial values and zero accumulators.

    Raises
    ------
    DeclarationError
        If a stock's initial value is not finite.
    """
    y = np.zeros((cm.n_state, k))
    computed = []
    for slot in cm.stocks:
        init = cm.model.variables[slot.name].value
        if callable(init):
            computed.append((slot, init))
        else:
            y[slot.start : slot.start + slot.size] = np.broadcast_to(init, slot.shape).reshape(
                -1, 1
            )
    # equations may tell the start from the run by ``getattr(v, INITIALIZING, False)``
    starting = {**consts, INITIALIZING: True}
    for _ in range(len(computed) + 1):
        if not computed:
            break
        with np.errstate(all="ignore"):
            ns = cm.evaluate(0.0, y, starting, inputs, tau_min=1.0)
            values = Values(ns)
            before = y.copy()
            for slot, init in computed:
                val = np.broadcast_to(init(values), (k, *slot.shape)).reshape(k, -1)
                y[slot.start : slot.start + slot.size] = val.T
        if np.array_equal(before, y, equal_nan=True):
            break
    bad = [s.name for s in cm.stocks if not np.all(np.isfinite(y[s.start : s.start + s.size]))]
    if bad:
        raise DeclarationError(f"initial value of stock {bad[0]!r} is not finite")
    return y


def _fixed_step(cm, y, consts, inputs, grid, dt, method, recorder, lo, hi) -> int:
    """Euler, classic RK4 or an exponential method over every segment of `grid`."""
    y = y.copy()
    stage = np.empty_like(y)
    nfev = 0
    for a, b in itertools.pairwise(grid):
        n = max(1, math.ceil((b - a) / dt - 1e-9))
        h = (b - a) / n
        b_left = np.nextafter(b, a)
        # limited outflows empty a stock in one Euler step of a hair over h, so that
        # rounding cannot carry an emptied stock below zero
        tau_min = h * (1 + 1e-9)

        def f(t, yy, b_left=b_left, tau_min=tau_min):
            return cm.rhs(min(t, b_left), yy, consts, inputs, tau_min=tau_min)

        for i in range(n):
            t = a + i * h
            if method in EXPONENTIAL:  # stockflow.exponential: drains solved exactly
                nfev += exponential_step(cm, y, t, h, b_left, consts, inputs, method)
                continue
            k1 = f(t, y)
            if method == "euler":
                y += np.multiply(k1, h, out=k1)  # y + h k1
                nfev += 1
                continue
            # y + h/6 (k1 + 2 k2 + 2 k3 + k4), the stages written into `stage`, the sum into k2
            k2 = f(t + h / 2, np.add(y, np.multiply(k1, h / 2, out=stage), out=stage))
            k3 = f(t + h / 2, np.add(y, np.multiply(k2, h / 2, out=stage), out=stage))
            k4 = f(t + h, np.add(y, np.multiply(k3, h, out=stage), out=stage))
            k2 *= 2
            k2 += k1
            k3 *= 2
            k2 += k3
            k2 += k4
            y += np.multiply(k2, h / 6, out=k2)
            nfev += 4
        if b == round(b):
            _check_finite(cm, y, b, method, lo)
            recorder.record(int(round(b)) - 1, float(b), y, consts, inputs, lo, hi)
    return nfev


def _check_finite(cm: CompiledModel, y: np.ndarray, t: float, method: str, lo: int) -> None:
    """Raise :class:`IntegrationError` if a fixed-step state of shape ``(n, k)`` has gone non-finite."""
    if np.isfinite(y).all():
        return
    row, col = np.argwhere(~np.isfinite(y))[0]
    slots = [(f"stock {s.name!r}", s.start, s.size) for s in cm.stocks]
    slots += [
        (f"the total of flow {f!r}", start, math.prod(shape)) for f, start, shape in cm.flow_slots
    ]
    what = next(label for label, start, size in slots if start <= row < start + size)
    raise IntegrationError(
        f"{method} failed by t = {t:.4g} months: {what} of member {lo + col} is not finite",
        t_reached=float(t),
        solver_message="non-finite state",
    )


class _NonFiniteDerivative(Exception):
    def __init__(self, t: float):
        self.t = t


def _solve_ivp(cm, y0, consts, inputs, breaks, grid, method, rtol, atol, recorder, m) -> int:
    """One member with ``solve_ivp``: one call per segment between breakpoints."""
    # A non-finite derivative makes LSODA return NaN as a success, or loop for ever once the
    # state overflows, and makes BDF's LU factorization raise a ValueError; so these two stop
    # at once. The others reject such a step and fail cleanly when the step gets too small
    # (and may recover if only a trial stage was out of bounds), so they are left to do that.
    stop_on_non_finite = method in ("LSODA", "BDF")
    nfev = 0
    y = y0
    for a, b in itertools.pairwise(breaks):
        b_left = np.nextafter(b, a)
        t_eval = [float(p) for p in grid if a < p < b and p == round(p)] + [float(b)]

        def f(t, yy, b_left=b_left):
            dy = cm.rhs(min(t, b_left), yy, consts, inputs)
            if stop_on_non_finite and not np.isfinite(dy).all():
                raise _NonFiniteDerivative(float(t))
            return dy

        def fail(reached: float, why: str, a=a, b=b):
            return IntegrationError(
                f"{method} failed at t = {reached:.4g} months (segment {a:.4g}..{b:.4g}): {why}",
                t_reached=reached,
                solver_message=why,
            )

        # dense_output only to learn the time reached on failure (``sol.sol.t_max``):
        # with `t_eval`, ``sol.t`` stops at the last output time passed
        try:
            sol = solve_ivp(
                f,
                (a, b),
                y,
                method=method,
                t_eval=t_eval,
                vectorized=True,
                dense_output=True,
                rtol=rtol,
                atol=atol,
            )
        except _NonFiniteDerivative as exc:
            raise fail(exc.t, "the derivative is not finite") from None
        nfev += int(sol.nfev)
        if not sol.success:
            raise fail(float(sol.sol.t_max) if sol.sol is not None else float(a), str(sol.message))
        finite = np.isfinite(sol.y).all(axis=0)
        if not finite.all():
            raise fail(float(sol.t[np.argmin(finite)]), "the state is not finite")
        for t, col in zip(sol.t, sol.y.T, strict=True):
            if t == round(t):
                recorder.record(int(round(t)) - 1, float(t), col[:, None], consts, inputs, m, m + 1)
        y = sol.y[:, -1]
    return nfev
