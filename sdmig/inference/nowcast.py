"""Nowcasts: the filtered state of the border model at every month, from all data up to it.

:func:`nowcast` runs the particle filter (:mod:`sdmig.inference.filter`) over the border
model in state-space form (:mod:`sdmig.inference.statespace`) from 2019-10 through the last
observed month (or `through`) and returns :class:`NowcastResults`: the filtered
distribution of every stock and latent driver at every month as an ``xarray.Dataset``, the
log-likelihood, and the one-step-ahead predictive intervals of the encounters.
:func:`sdmig.inference.noise.estimate_noise` fits the noise parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sdmig.data.history import load_history
from sdmig.errors import DataError
from sdmig.inference.filter import FILTER_QUANTILES, FilterRun, particle_filter
from sdmig.inference.statespace import FILTER_METHOD, BorderStateSpace, NoiseParameters
from sdmig.model.parameters import CORRIDORS, ORIGINS

#: Particles of a nowcast by default.
DEFAULT_PARTICLES = 2000
_EXTRA_DIMS = {
    "encounters_by_origin": ("origin",),
    "usbp_by_corridor": ("corridor",),
    "pressure_trend": ("origin",),
}
_EXTRA_META = {
    "encounters_by_origin": ("encounters/month", "modelled encounters by origin group"),
    "usbp_by_corridor": ("encounters/month", "modelled Border Patrol encounters by corridor"),
    "pressure_trend": ("1/month", "latent monthly growth of the log departure pressure"),
}


def resolve_history(history) -> xr.Dataset:
    """A history Dataset from None (shipped), a path (file or folder), or a Dataset.

    Parameters
    ----------
    history : None, path or xarray.Dataset

    Returns
    -------
    xarray.Dataset
    """
    if isinstance(history, xr.Dataset):
        return history
    return load_history(history)


def last_observed(history: xr.Dataset) -> pd.Period:
    """Last month with encounters by origin for every origin group.

    Parameters
    ----------
    history : xarray.Dataset

    Returns
    -------
    pandas.Period

    Raises
    ------
    DataError
        No month has them.
    """
    da = history["encounters_by_origin"].dropna("time", how="any")
    if da.sizes["time"] == 0:
        raise DataError("the history has no month with encounters by origin")
    return pd.Period(pd.Timestamp(da["time"].values[-1]), freq="M")


def load_noise(calibration) -> NoiseParameters:
    """The noise parameters saved with a calibration.

    Parameters
    ----------
    calibration : CalibrationResults

    Returns
    -------
    NoiseParameters
        The saved ones, or the defaults when the calibration has none.
    """
    saved = getattr(calibration, "noise", None)
    return NoiseParameters.from_dict(saved) if saved else NoiseParameters()


@dataclass
class NowcastResults:
    """A filter run over the history.

    Parameters
    ----------
    state : xarray.Dataset
        Filtered quantiles (dim ``quantile``) of every stock, the latent drivers
        (``pressure_shift``, ``pressure_trend``, ``route_shift``) and a few auxiliaries at
        every month (dim ``time``).
    mean : xarray.Dataset
        Filtered means of the same variables.
    one_step : xarray.Dataset
        One-step-ahead predictive quantiles of ``encounters_total`` and
        ``encounters_by_origin`` (observation noise included) beside the observed values
        (``observed_total``, ``observed_by_origin``).
    loglik : float
    noise : NoiseParameters
    n_particles : int
    run : FilterRun
        The raw filter output (effective sample sizes, ...).
    """

    state: xr.Dataset
    mean: xr.Dataset
    one_step: xr.Dataset
    loglik: float
    noise: NoiseParameters
    n_particles: int
    run: FilterRun

    @property
    def through(self) -> pd.Period:
        return pd.Period(pd.Timestamp(self.state["time"].values[-1]), freq="M")

    def table(self, month: str | None = None, level: float = 0.8) -> pd.DataFrame:
        """Median and central interval of the main quantities at one month.

        Parameters
        ----------
        month : str, optional
            ``YYYY-MM``; default the last month filtered.
        level : float, default 0.8

        Returns
        -------
        pandas.DataFrame
            Columns quantity, where, median, lower, upper.
        """
        month = str(month or self.through)
        lo, hi = (1 - level) / 2, (1 + level) / 2
        at = self.state.sel(time=pd.Period(month, freq="M").to_timestamp())
        rows = []
        for name, dim, label in (
            ("would_be_departures", "origin", "departure pressure [people/month]"),
            ("pressure_shift", "origin", "latent log-multiplier of departures"),
            ("in_transit", "origin", "in transit through Mexico [people]"),
            ("waiting_by_corridor", "corridor", "waiting in border cities [people]"),
            ("court_backlog", None, "court backlog [cases]"),
        ):
            da = at[name]
            for key in da[dim].values if dim else [None]:
                cell = da.sel({dim: key}) if dim else da
                rows.append(
                    {
                        "quantity": label,
                        "where": key or "",
                        "median": float(cell.sel(quantile=0.5)),
                        "lower": float(cell.sel(quantile=lo, method="nearest")),
                        "upper": float(cell.sel(quantile=hi, method="nearest")),
                    }
                )
        return pd.DataFrame(rows)

    def one_step_check(self, months: int = 6, level: float = 0.8) -> pd.DataFrame:
        """Observed total encounters against the one-step-ahead predictive interval.

        Parameters
        ----------
        months : int, default 6
            The last months to show.
        level : float, default 0.8

        Returns
        -------
        pandas.DataFrame
            Columns observed, median, lower, upper, inside; one row per month.
        """
        lo, hi = (1 - level) / 2, (1 + level) / 2
        tail = self.one_step.isel(time=slice(-months, None))
        frame = pd.DataFrame(
            {
                "observed": tail["observed_total"].values,
                "median": tail["encounters_total"].sel(quantile=0.5).values,
                "lower": tail["encounters_total"].sel(quantile=lo, method="nearest").values,
                "upper": tail["encounters_total"].sel(quantile=hi, method="nearest").values,
            },
            index=pd.PeriodIndex(pd.DatetimeIndex(tail["time"].values), freq="M").astype(str),
        )
        frame["inside"] = (frame["lower"] <= frame["observed"]) & (
            frame["observed"] <= frame["upper"]
        )
        return frame

    def format(self, month: str | None = None) -> str:
        """The nowcast as text: filtered state with 80 % intervals and the one-step check.

        Parameters
        ----------
        month : str, optional
            ``YYYY-MM``; default the last month filtered.

        Returns
        -------
        str
        """
        month = str(month or self.through)
        lines = [
            f"Nowcast for {month} (particle filter, {self.n_particles} particles, "
            f"log-likelihood {self.loglik:.1f})",
            "",
            f"{'quantity':40s} {'':18s} {'median':>12s} {'80% interval':>27s}",
        ]
        for r in self.table(month).itertuples():
            lines.append(
                f"{r.quantity:40s} {r.where:18s} {_fmt(r.median):>12s} "
                f"{_fmt(r.lower):>12s} .. {_fmt(r.upper):<12s}"
            )
        lines += [
            "",
            "One-step-ahead check, total encounters (80 % predictive interval)",
            "",
            f"{'month':8s} {'observed':>10s} {'median':>10s} {'80% interval':>23s}  inside",
        ]
        for m, r in self.one_step_check().iterrows():
            lines.append(
                f"{m:8s} {_fmt(r.observed):>10s} {_fmt(r['median']):>10s} "
                f"{_fmt(r.lower):>10s} .. {_fmt(r.upper):<10s}  {'yes' if r.inside else 'no'}"
            )
        return "\n".join(lines)


def _fmt(x: float) -> str:
    if np.isnan(x):
        return "-"
    return f"{x:,.3f}" if abs(x) < 10 else f"{x:,.0f}"


def build_state_space(
    history,
    through: str | None = None,
    *,
    model=None,
    calibration=None,
    noise: NoiseParameters | None = None,
    method: str = FILTER_METHOD,
) -> BorderStateSpace:
    """The border state-space model over the history through a month.

    Parameters
    ----------
    history : None, path or xarray.Dataset
    through : str, optional
        ``YYYY-MM``; default the last month with encounters.
    model : BorderModel, optional
    calibration : CalibrationResults, optional
        Default: the package's saved calibration.
    noise : NoiseParameters, optional
        Default: the calibration's.
    method : {'euler', 'rk4'}

    Returns
    -------
    BorderStateSpace

    Raises
    ------
    DataError
        A `through` that is not a month or lies after the last observed month.
    """
    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.model.border import BorderModel

    history = resolve_history(history)
    last = last_observed(history)
    if through is None:
        through_p = last
    else:
        try:
            through_p = pd.Period(str(through), freq="M")
        except ValueError:
            raise DataError(f"--through = {through!r} is not a month; use YYYY-MM") from None
        if through_p > last:
            raise DataError(f"--through = {through_p} is after the last observed month {last}")
    if calibration is None:
        calibration = CalibrationResults.load()
    return BorderStateSpace(
        model or BorderModel(),
        history,
        str(through_p),
        noise=noise or load_noise(calibration),
        calibration=calibration,
        method=method,
    )


def nowcast(
    history=None,
    through: str | None = None,
    *,
    n_particles: int = DEFAULT_PARTICLES,
    seed: int = 0,
    calibration=None,
    noise: NoiseParameters | None = None,
    method: str = FILTER_METHOD,
) -> NowcastResults:
    """Filter the model's state at every month from 2019-10 through `through`.

    Parameters
    ----------
    history : None, path or xarray.Dataset
        None: the shipped history; a path: a history file or folder
        (:func:`sdmig.data.history.load_history`); or a loaded Dataset.
    through : str, optional
        Last month filtered, ``YYYY-MM``; default the last month with encounters.
    n_particles : int, default 2000
    seed : int, default 0
        The same seed gives the same nowcast.
    calibration : CalibrationResults, optional
        Structural parameters (each particle draws its own) and noise parameters;
        default the package's saved calibration.
    noise : NoiseParameters, optional
        Overrides the calibration's noise parameters.
    method : {'euler', 'rk4'}, default 'euler'

    Returns
    -------
    NowcastResults

    Raises
    ------
    DataError
        A bad `through`, or a history without encounters by origin.

    Examples
    --------
    >>> import sdmig
    >>> res = sdmig.nowcast(through="2020-06", n_particles=100)
    >>> res.state["court_backlog"].sel(quantile=0.5).sizes["time"]
    9
    """
    ss = build_state_space(history, through, calibration=calibration, noise=noise, method=method)
    run = particle_filter(ss, n_particles, seed=seed)
    return _results(ss, run, n_particles)


def _results(ss: BorderStateSpace, run: FilterRun, n_particles: int) -> NowcastResults:
    time = pd.DatetimeIndex(ss.months.to_timestamp(), name="time")
    q = list(FILTER_QUANTILES)
    variables = ss.bound.model.variables
    coords = {"time": time, "quantile": q, "origin": list(ORIGINS), "corridor": list(CORRIDORS)}
    qvars, mvars = {}, {}
    for name, arr in run.quantiles.items():
        if name in _EXTRA_DIMS:
            dims, (units, long_name) = _EXTRA_DIMS[name], _EXTRA_META[name]
        elif name.startswith("trigger_on_"):
            dims, units = (), "1"
            long_name = f"share of particles with the triggered lever {name[11:]} on"
        else:
            var = variables[name]
            dims, units, long_name = var.dims, var.units, var.long_name
        attrs = {"units": units, "long_name": long_name}
        qvars[name] = xr.Variable(("time", "quantile", *dims), arr, attrs)
        mvars[name] = xr.Variable(("time", *dims), run.mean[name], attrs)
    extra_coords = {k: v for k, v in coords.items() if k != "quantile"}
    attrs = {
        "title": "sdmig nowcast: filtered state",
        "n_particles": n_particles,
        "loglik": run.loglik,
        **{f"noise_{k}": v for k, v in ss.noise.to_dict().items()},
    }
    state = xr.Dataset(qvars, coords=coords, attrs=attrs)
    mean = xr.Dataset(mvars, coords=extra_coords, attrs=attrs)
    obs = ss.obs["origin"]
    one_step = xr.Dataset(
        {
            "encounters_total": (("time", "quantile"), run.predicted["encounters_total"]),
            "encounters_by_origin": (
                ("time", "quantile", "origin"),
                run.predicted["encounters_by_origin"],
            ),
            "observed_total": ("time", obs.sum(axis=1)),
            "observed_by_origin": (("time", "origin"), obs),
        },
        coords={"time": time, "quantile": q, "origin": list(ORIGINS)},
        attrs={"title": "sdmig nowcast: one-step-ahead predictive quantiles"},
    )
    return NowcastResults(state, mean, one_step, run.loglik, ss.noise, n_particles, run)
