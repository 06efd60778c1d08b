"""Forecasts: run scenarios through the model and stack the results.

:func:`forecast` runs scenarios through :class:`~sdmig.model.border.BorderModel` and stacks
the results on a ``scenario`` dimension, with the provenance of the run in its attrs.
:mod:`sdmig.outputs` turns the result into tables, plots and files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import xarray as xr

from sdmig import __version__
from sdmig.arguments import as_count, as_month, as_scenario_list, as_seed
from sdmig.errors import ForecastError
from sdmig.model.border import BorderModel
from sdmig.model.parameters import END, ENSEMBLE_DT, START
from sdmig.run.provenance import provenance

#: Variables written to forecast.nc and forecast.csv.
OUTPUT_VARIABLES = (
    "encounters",
    "apprehensions",
    "port_processing",
    "crossings",
    "evasions",
    "deaths",
    "departures",
    "in_transit",
    "waiting",
    "unsheltered",
    "court_backlog",
    "processing_time",
    "judges",
    "legal_pathway_entries",
    "expulsions",
    "re_encounters",
    "releases",
    "push",
)
#: Suffix of the ``long_name`` of every flow in a forecast: each value is a month's total.
MONTH_TOTAL = " (month total)"

DEFAULT_SCENARIOS = ("baseline", "binational_phased")
#: Particles of the filter behind a forecast from the filtered state.
FILTER_PARTICLES = 1000


def label_month_totals(ds: xr.Dataset, stockflow_model) -> xr.Dataset:
    """Mark every month total of a forecast as such in its attrs, in place.

    The model's flows (``encounters``, ``crossings``, ``deaths``, ...) are reported as
    their totals over each month; their ``long_name`` ends in ``" (month total)"`` and
    ``cell_methods`` says ``"time: sum (month total)"``, so plots and files say "people
    per month (month total)". ``lever_cost`` is the month's spending. Stocks and
    auxiliaries keep their attrs (values at the end of the month).

    Parameters
    ----------
    ds : xarray.Dataset
        A forecast whose variables are named as the model's (plus ``lever_cost`` and
        ``expected_encounters``).
    stockflow_model : stockflow.Model
        The model that made it.

    Returns
    -------
    xarray.Dataset
        `ds`.

    Examples
    --------
    >>> import xarray as xr
    >>> from sdmig.model.border import build_model
    >>> ds = xr.Dataset({"deaths": ("time", [1.0, 2.0])})
    >>> label_month_totals(ds, build_model()).deaths.attrs["long_name"]
    'deaths and disappearances at the border (month total)'
    """
    variables = stockflow_model.variables
    for name in ds.data_vars:
        base = "encounters" if name == "expected_encounters" else str(name)
        var = variables.get(base)
        if name == "lever_cost":
            ds[name].attrs.update(
                units="USD/month",
                long_name="cost of the scenario's levers" + MONTH_TOTAL,
                cell_methods="time: sum (month total)",
            )
        elif var is not None and var.kind == "flow":
            long_name = str(ds[name].attrs.get("long_name") or var.long_name)
            if not long_name.endswith(MONTH_TOTAL):
                long_name += MONTH_TOTAL
            ds[name].attrs.update(
                units=var.units, long_name=long_name, cell_methods="time: sum (month total)"
            )
    return ds


def check_window(start: str, end: str) -> tuple[pd.Period, pd.Period]:
    """Parse and check a reporting window inside the simulated range.

    Parameters
    ----------
    start, end : str
        First and last month, ``YYYY-MM``.

    Returns
    -------
    (pandas.Period, pandas.Period)

    Raises
    ------
    ForecastError
        A month that does not parse, lies outside 2019-10..2028-12, or a start after
        the end.
    """
    lo = as_month("start", start, earliest=START, latest=END)
    hi = as_month("end", end, earliest=START, latest=END)
    if lo > hi:
        raise ForecastError(f"start = {lo} is after end = {hi}")
    return lo, hi


def forecast(
    scenarios: Sequence = DEFAULT_SCENARIOS,
    *,
    model: BorderModel | None = None,
    end: str = END,
    method: str | None = None,
    members: int = 1,
    seed: int = 0,
    calibration=None,
    history=None,
    client=None,
    chunk_size: int = 2048,
    progress: Callable[[str], None] | None = None,
    fixed_assumptions: bool = False,
    assumptions=None,
    origin: str | None = None,
    particles: int = FILTER_PARTICLES,
) -> xr.Dataset:
    """Run each scenario from 2019-10 (or from the filtered state at `origin`) to `end`.

    Parameters
    ----------
    scenarios : sequence of str, path or Scenario
        Built-in scenario names, scenario files, or :class:`~sdmig.policy.scenario.Scenario`
        objects.
    model : BorderModel, optional
        Defaults to the model with its default (calibrated) parameters.
    end : str, default "2028-12"
    method : str, optional
        Integrator (see :func:`stockflow.simulate`); default ``"RK45"`` for one member
        and ``"rk4"`` (step 0.25 month, all members at once) for ensembles.
    members : int, default 1
        With more than one, draw parameter sets from the calibration's estimated
        distribution (:meth:`~sdmig.inference.calibrate.CalibrationResults.draw`) and add
        negative-binomial observation noise to ``encounters``. Every scenario gets the
        same draws and the same noise, so differences between scenarios are paired.
    seed : int, default 0
        Seed of the draws and the noise; the same seed gives the same numbers.
    calibration : CalibrationResults or path, optional
        The calibration whose estimates set the parameters (when `model` is not given) and
        whose distribution the draws come from; a path is read with
        :meth:`~sdmig.inference.calibrate.CalibrationResults.load` and named in the
        provenance. Default: the package's saved calibration.
    history : xarray.Dataset or path, optional
        The history the run is based on, recorded in the provenance (``data_vintage``,
        ``data_sha256``): a Dataset from :func:`sdmig.data.history.load_history` or anything
        it reads. Default: the shipped history. With `origin`, the filter's observations.
    client : distributed.Client, optional
        Run the members in chunks of `chunk_size` as tasks on this Dask cluster (see
        :func:`sdmig.run.distributed.get_client`). The parameter draws and the noise are made
        here, so the result equals the single-process one for the same seed.
    chunk_size : int, default 2048
        Members a task integrates at once.
    progress : callable, optional
        Called with each scenario's name before it runs.
    fixed_assumptions : bool, default False
        With more than one member, the assumed elasticities and lever effects are drawn
        too, paired across scenarios (:func:`sdmig.policy.assumptions.draw_assumptions`),
        so that the comparison's intervals include them; True keeps them at their values.
    assumptions : mapping of str to Assumption, optional
        Ranges of the assumed model parameters to draw (default
        :data:`sdmig.policy.assumptions.MODEL_ASSUMPTIONS`).
    origin : str, optional
        ``"last"`` or ``YYYY-MM``: start from the particle filter's state at the end of
        that month, estimated from the history up to it and no later
        (:func:`forecast_from_state`); the result then starts the month after. None (the
        default here) or ``"open-loop"``: run open-loop from 2019-10. (:func:`sdmig.forecast`
        and ``sdmig forecast`` default to ``"last"``.)
    particles : int, default 1000
        Particles of the filter (at least `members`).

    Returns
    -------
    xarray.Dataset
        :data:`OUTPUT_VARIABLES` and ``lever_cost`` with a leading ``scenario`` dim, and
        ``member`` when `members` > 1 (see :func:`reduce_members`).

    Raises
    ------
    ForecastError
        `members` below 1 or `seed` below 0 (or either not a whole number).
    ScenarioError
        Scenario names that are not distinct, or a user scenario with a built-in
        scenario's name (:func:`~sdmig.policy.scenario.check_scenario_names`).
    """
    from sdmig.policy.scenario import check_scenario_names, load_scenario

    scenarios = as_scenario_list("scenarios", scenarios)
    members = as_count("members", members)
    seed = as_seed("seed", seed)
    end = str(as_month("end", end, earliest=START, latest=END))
    chunk_size = as_count("chunk_size", chunk_size)
    if history is not None and not hasattr(history, "attrs"):
        from sdmig.data.history import load_history

        history = load_history(history)  # a bad history fails before the runs
    calibration_source = None
    if calibration is not None and not hasattr(calibration, "draw"):
        from sdmig.inference.calibrate import CalibrationResults

        calibration_source = os.fspath(calibration)
        calibration = CalibrationResults.load(calibration)
    if origin is not None and origin != "open-loop":
        return forecast_from_state(
            scenarios,
            origin=origin,
            history=history,
            model=model,
            end=end,
            members=members,
            seed=seed,
            calibration=calibration,
            particles=particles,
            progress=progress,
            calibration_source=calibration_source,
        )
    if model is None:
        model = BorderModel(None if calibration is None else calibration.model_params())
    loaded = [s if hasattr(s, "bind") else load_scenario(s) for s in scenarios]
    names = [s.name for s in loaded]
    check_scenario_names(loaded)
    params, alpha, drawn = None, None, {}
    if members > 1:
        from sdmig.inference.calibrate import CalibrationResults

        draws = (calibration or CalibrationResults.load()).draw(int(members), seed=seed)
        alpha = draws.pop("alpha_encounters")
        draws.pop("alpha_court", None)
        params = draws
        method = method or "rk4"
        if not fixed_assumptions:
            from sdmig.policy.assumptions import draw_assumptions

            shapes = {k: np.shape(v) for k, v in model.params.items()}
            for scenario in loaded:
                a_params, member_values = draw_assumptions(
                    scenario,
                    int(members),
                    int(seed),
                    param_shapes=shapes,
                    model_assumptions=assumptions,
                )
                drawn[scenario.name] = member_values
            params = {**params, **a_params}
    method = method or "RK45"
    runs, switches = [], []
    for scenario in loaded:
        if progress is not None:
            progress(scenario.name)
        levers = drawn.get(scenario.name) or None
        if client is not None and params is not None:
            ds = _simulate_on_cluster(
                client, model, scenario, params, end, method, chunk_size, levers
            )
        else:
            ds = _simulate_chunk(model, scenario, params, end, method, chunk_size, levers)
        if ds.attrs.get("trigger_switches"):
            switches.append(f"{scenario.name}: {ds.attrs['trigger_switches']}")
        run = ds[[v for v in OUTPUT_VARIABLES if v in ds]]
        if alpha is not None:
            run["expected_encounters"] = run["encounters"].copy()
            run["expected_encounters"].attrs["long_name"] = (
                "expected encounters (no observation noise)"
            )
            run["encounters"] = _observation_noise(run["encounters"], alpha, seed)
        run["lever_cost"] = ds["lever_cost"].sum("lever", keep_attrs=True)
        runs.append(run.drop_vars("lever", errors="ignore"))
    out = xr.concat(runs, dim=pd.Index(names, name="scenario"), combine_attrs="drop")
    for v in out.data_vars:
        out[v].attrs = dict(runs[0][v].attrs)
    label_month_totals(out, model.stockflow_model)
    out.attrs.update(
        title="sdmig forecast",
        sdmig_version=__version__,
        start=START,
        solver=method if members == 1 else f"{method}, step {ENSEMBLE_DT} month",
        scenarios=" ".join(names),
        trigger_switches=" | ".join(switches),
        assumptions_drawn=int(members > 1 and not fixed_assumptions),
        **provenance(
            loaded,
            members=int(members),
            seed=int(seed),
            calibration=calibration,
            calibration_source=calibration_source,
            history=history,
        ),
    )
    return out


def _simulate_chunk(
    model, scenario, params, end, method, chunk_size=2048, member_values=None
) -> xr.Dataset:
    extra = {"member_values": member_values} if member_values else {}
    if member_values:  # member-varying levers run all their members in one chunk
        chunk_size = max(chunk_size, len(next(iter(params.values()))))
    return model.simulate(
        scenario,
        params=params,
        **extra,
        end=end,
        method=method,
        dt=ENSEMBLE_DT,
        variables=list(OUTPUT_VARIABLES),
        chunk_size=chunk_size,
    )


def _simulate_on_cluster(
    client, model, scenario, params, end, method, chunk_size, member_values=None
):
    """The members in chunks as Dask tasks, joined back in member order."""
    from sdmig.run.distributed import gather

    n = len(next(iter(params.values())))
    starts = list(range(0, n, chunk_size))

    def part(lo):
        if not member_values:
            return None
        return {
            label: {k: v[lo : lo + chunk_size] for k, v in fields.items()}
            for label, fields in member_values.items()
        }

    futures = [
        client.submit(
            _simulate_chunk,
            model,
            scenario,
            {k: v[lo : lo + chunk_size] for k, v in params.items()},
            end,
            method,
            chunk_size,
            part(lo),
            pure=False,
        )
        for lo in starts
    ]
    parts = gather(
        client,
        futures,
        describe=lambda key: f"forecast of {scenario.name} (a chunk of {chunk_size} members)",
    )
    parts = [
        p.assign_coords(member=p["member"].values + lo) for p, lo in zip(parts, starts, strict=True)
    ]
    out = xr.concat(
        parts,
        dim="member",
        data_vars="minimal",
        coords="minimal",
        compat="override",
        join="override",
        combine_attrs="override",
    )
    return out


def _observation_noise(mu: xr.DataArray, alpha: np.ndarray, seed: int) -> xr.DataArray:
    """Negative-binomial counts around `mu` (with a member dim), dispersion per member.

    The counts are quantiles of shared uniform numbers (``nbinom.ppf``), so that every
    scenario run with the same seed gets the same noise: where two scenarios have the same
    mean, they have the same count, and differences between scenarios stay paired.
    """
    from scipy.stats import nbinom

    values = mu.transpose("member", ...).values
    uniforms = np.random.default_rng([int(seed), 1]).random(values.shape)
    r = 1.0 / alpha.reshape((-1,) + (1,) * (values.ndim - 1))
    noisy = nbinom.ppf(uniforms, r, r / (r + np.maximum(values, 1e-9)))
    out = mu.transpose("member", ...).copy(data=noisy.astype(float))
    return out.transpose(*mu.dims)


def forecast_from_state(
    scenarios: Sequence = DEFAULT_SCENARIOS,
    *,
    origin: str = "last",
    history=None,
    model: BorderModel | None = None,
    end: str = END,
    members: int = 1,
    seed: int = 0,
    calibration=None,
    particles: int = FILTER_PARTICLES,
    progress: Callable[[str], None] | None = None,
    calibration_source: str | None = None,
) -> xr.Dataset:
    """Forecast each scenario from the filtered state at the end of `origin`.

    The particle filter (:func:`sdmig.inference.nowcast.nowcast`) runs over the history
    through `origin` only. With one member, the forecast starts from the filtered mean
    state and runs without process noise; with more, `members` particles drawn from the
    filtered distribution run on with their latent drivers' process noise, their own
    parameter draws and observation noise on ``encounters`` (``expected_encounters``
    keeps the model's values). Every scenario gets the same particles and the same noise,
    so differences between scenarios stay paired.

    Parameters
    ----------
    scenarios : sequence of str, path or Scenario
    origin : str, default "last"
        ``YYYY-MM`` or ``"last"`` (the last month with encounters).
    history : None, path or xarray.Dataset
        The observations the filter uses.
    model : BorderModel, optional
    end : str, default "2028-12"
    members : int, default 1
    seed : int, default 0
    calibration : CalibrationResults, optional
    particles : int, default 1000
        Particles of the filter (at least `members` are used).
    progress : callable, optional
        Called with each scenario's name before it runs.
    calibration_source : str, optional
        Where `calibration` was read from, for the provenance.

    Returns
    -------
    xarray.Dataset
        As :func:`forecast`, on the months after `origin` through `end`.

    Raises
    ------
    ForecastError
        An `origin` that is not a month, lies after the last observed month, or is not
        before `end`.
    """
    from sdmig.errors import DataError
    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.inference.filter import particle_filter
    from sdmig.inference.nowcast import build_state_space, last_observed, resolve_history
    from sdmig.inference.statespace import mean_particle, select_particles
    from sdmig.policy.scenario import load_scenario

    try:
        hist = resolve_history(history)
        last = last_observed(hist)
        origin_p = last if origin == "last" else as_month("origin", origin)
        if origin_p > last:
            raise ForecastError(f"--origin = {origin_p} is after the last observed month {last}")
        if origin_p >= pd.Period(end, freq="M"):
            raise ForecastError(f"--origin = {origin_p} must be before --end = {end}")
        ss = build_state_space(
            hist, str(origin_p), model=model, calibration=calibration or CalibrationResults.load()
        )
    except DataError as exc:
        raise ForecastError(str(exc)) from None
    loaded = [s if hasattr(s, "bind") else load_scenario(s) for s in scenarios]
    names = [s.name for s in loaded]
    if len(set(names)) != len(names):
        raise ForecastError(f"scenario names must be distinct, got {names}")
    n = max(int(particles), int(members))
    step = ss.n_steps - 1
    run = particle_filter(ss, n, seed=seed, snapshot_steps=[step], snapshot=ss.snapshot)
    snap = run.snapshots[step]
    noisy = members > 1
    if noisy:
        pick = np.random.default_rng([seed, 2]).choice(n, size=int(members), replace=False)
        snap = select_particles(snap, pick)
    else:
        snap = mean_particle(snap)
    horizon = (pd.Period(end, freq="M") - ss.last).n
    time = pd.period_range(ss.last + 1, periods=horizon, freq="M").to_timestamp()
    variables = ss.model.stockflow_model.variables
    runs = []
    for scenario in loaded:
        if progress is not None:
            progress(scenario.name)
        rng = np.random.default_rng([seed, 3])  # the same noise for every scenario
        draw = ss.forecast(
            snap,
            horizon,
            rng,
            variables=OUTPUT_VARIABLES,
            scenario=scenario,
            noise=noisy,
        )
        data = {}
        for name in OUTPUT_VARIABLES:
            var = variables[name]
            attrs = {"units": var.units, "long_name": var.long_name}
            arr, dims = draw[name], ("member", "time", *var.dims)
            if not noisy:
                arr, dims = arr[0], dims[1:]
            data[name] = xr.Variable(dims, arr, attrs)
        if noisy:
            data["expected_encounters"] = data["encounters"].copy()
            data["expected_encounters"].attrs["long_name"] = (
                "expected encounters (no observation noise)"
            )
            factor = draw["encounters_by_origin"] / draw["expected_encounters_by_origin"]
            data["encounters"] = data["encounters"].copy(
                data=data["encounters"].values * factor[..., None]
            )
        ds = xr.Dataset(
            data,
            coords={
                "time": time,
                "origin": list(ss.model.stockflow_model.dims["origin"]),
                "corridor": list(ss.model.stockflow_model.dims["corridor"]),
                "factor": list(ss.model.stockflow_model.dims["factor"]),
                **({"member": np.arange(members)} if noisy else {}),
            },
        )
        bound = scenario.bind(ss.model.stockflow_model)
        ds["lever_cost"] = bound.cost(ds["time"]).sum("lever", keep_attrs=True)
        runs.append(ds.drop_vars("lever", errors="ignore"))
    out = xr.concat(runs, dim=pd.Index(names, name="scenario"), combine_attrs="drop")
    for v in out.data_vars:
        out[v].attrs = dict(runs[0][v].attrs)
    label_month_totals(out, ss.model.stockflow_model)
    out.attrs.update(
        title="sdmig forecast",
        sdmig_version=__version__,
        start=str(ss.last + 1),
        origin=str(ss.last),
        solver=f"{ss.method}, step {ss.dt} month, from the filtered state "
        f"({n} particles, log-likelihood {run.loglik:.1f})",
        scenarios=" ".join(names),
        **provenance(
            loaded,
            members=int(members),
            seed=int(seed),
            calibration=calibration,
            calibration_source=calibration_source,
            history=hist,
        ),
    )
    return out
