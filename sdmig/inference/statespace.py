"""The border model as a state-space model: latent drivers, process and observation noise.

The state of a particle is one member of a :class:`stockflow.Stepper` ensemble of the
border model (every stock, from people in transit to the court backlog) plus the latent
drivers that carry the level of migration:

- ``pressure_shift[g]``, a stock of the model: the log-multiplier of departure pressure
  by origin. It replaces the hand-fitted economic-driver curve (the driver is held at 1,
  so the knots of :mod:`sdmig.model.parameters` play no part here). Between months it
  takes a random step, optionally with a damped slope ``pressure_trend[g]``::

      shift[t+1] = shift[t] + trend[t] + level_sd * e1
      trend[t+1] = trend_damping * trend[t] + trend_sd * e2

  The slope is off by default (``trend_sd = trend_damping = 0``: a local level). A step
  of the shift also scales the people of that origin already in transit and waiting by
  ``exp(step)``: a change in pressure is a change in how many people are on the move,
  which otherwise would reach the encounters only months later, too late for a filter
  to follow.

- ``route_shift[c]``, a stock of the model: a shift of every origin's appeal of a corridor
  (logit scale, 0 for the first corridor), a random walk with step ``route_sd``.

Within a month the stock-flow dynamics run deterministically (fixed-step RK4 by default)
under the historical policy levers (the ``baseline`` scenario). A state-triggered lever
(:mod:`sdmig.policy.triggers`, the June 2024 proclamation) switches per particle: its
latch (on or off, and the time its conditions have held) is part of each particle's
state, resampled with it and carried into its forecasts. Each particle has its own
draw of the structural parameters from the calibration's estimated distribution, so
parameter uncertainty propagates too.

Observations, at the level they are published, with multiplicative errors (Student t with
5 degrees of freedom on the log scale, robust to the odd month the model cannot follow):

- encounters by origin group (MEX, NTCA, OTHER), scale ``obs_origin_sd``;
- Border Patrol encounters by corridor, scale ``obs_corridor_sd``;
- the court backlog at the end of each fiscal year (September), scale ``obs_court_sd``;
  the backlog itself takes a multiplicative random step each month (``court_sd``), for
  the receipts and completions the model does not explain.

Model values are the month's totals of the flows (encounters, Border Patrol apprehensions),
as the observed monthly counts are and as in the calibration
(:mod:`sdmig.inference.calibrate`), and the court backlog at the end of the month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import gammaln

import stockflow as sf
from sdmig.errors import CalibrationError, DataError
from sdmig.model.border import START
from sdmig.model.parameters import CORRIDORS, ORIGINS
from sdmig.model.runner import default_backend, run_arguments
from sdmig.policy.triggers import DAYS_PER_MONTH

#: Integrator of the filter: Euler at 0.25 month, fast enough for 2,000 particles (the
#: latent level absorbs its small bias against RK4; see docs/calibration.md).
FILTER_METHOD = "euler"
#: Degrees of freedom of the Student t observation errors (log scale).
OBS_DF = 5.0
#: Flows whose month totals the observations are compared with.
OBSERVED_FLOWS = ("encounters", "apprehensions")
#: Variables recorded at every month of a filter run (besides the latent trend).
RECORDED_AUXES = ("would_be_departures", "waiting_by_corridor", "processing_time", "unsheltered")
_T_CONST = gammaln((OBS_DF + 1) / 2) - gammaln(OBS_DF / 2) - 0.5 * np.log(OBS_DF * np.pi)


def latch_state(latches: Mapping[str, Any]) -> dict[str, tuple[np.ndarray, ...]]:
    """Copies of each trigger latch's state per member: on/off, and its two timers.

    A triggered lever's latch (:class:`sdmig.policy.triggers.Latch`) is part of a
    particle's state: it is resampled with the particle and carried into its forecasts.

    Parameters
    ----------
    latches : mapping of str to Latch
        A bound scenario's latches (``BoundScenario.latches``).

    Returns
    -------
    dict of str to (ndarray, ndarray, ndarray)
        ``{label: (state, timer_on, timer_off)}``, each of shape ``(n,)``; labels of
        latches that have not run yet are left out.
    """
    states = {label: latch.state() for label, latch in latches.items()}
    return {label: state for label, state in states.items() if state is not None}


def set_latch_state(
    latches: Mapping[str, Any], t: float, state: Mapping[str, tuple[np.ndarray, ...]]
) -> None:
    """Start each latch of `latches` named in `state` at model time `t` in that state.

    Parameters
    ----------
    latches : mapping of str to Latch
    t : float
        Model time [months] the state holds at; the latch advances from there.
    state : mapping
        From :func:`latch_state`, or a selection of its members.
    """
    for label, (on, timer_on, timer_off) in state.items():
        latch = latches.get(label)
        if latch is None:
            continue
        latch.set_state(t, on, timer_on, timer_off)


def select_particles(snapshot: Mapping[str, Any], index: np.ndarray) -> dict[str, Any]:
    """The particles `index` of a snapshot (:meth:`BorderStateSpace.snapshot`).

    Parameters
    ----------
    snapshot : mapping
    index : numpy.ndarray of int

    Returns
    -------
    dict
        The same keys, with the state, trend, parameter draws and latch states of the
        chosen particles.
    """
    return {
        **snapshot,
        "y": snapshot["y"][:, index],
        "trend": snapshot["trend"][index],
        "param_index": snapshot["param_index"][index],
        "latches": {k: tuple(a[index] for a in v) for k, v in snapshot["latches"].items()},
    }


def mean_particle(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """One particle: the snapshot's mean state, the point parameters, the majority latches.

    Parameters
    ----------
    snapshot : mapping

    Returns
    -------
    dict
    """
    return {
        "step": snapshot["step"],
        "y": snapshot["y"].mean(axis=1, keepdims=True),
        "trend": snapshot["trend"].mean(axis=0, keepdims=True),
        "param_index": None,
        "latches": {
            k: (
                np.array([float(on.mean() > 0.5)]),
                np.array([timer_on.mean()]),
                np.array([timer_off.mean()]),
            )
            for k, (on, timer_on, timer_off) in snapshot["latches"].items()
        },
    }


@dataclass(frozen=True)
class NoiseParameters:
    """Process- and observation-noise parameters of the state-space model.

    ``ESTIMATED`` names the ones :func:`sdmig.inference.noise.estimate_noise` fits by
    maximizing the filter's likelihood; the others are fixed assumptions.

    Parameters
    ----------
    level_sd : float
        Monthly standard deviation of the log departure-pressure shift.
    trend_sd : float
        Monthly standard deviation of its slope.
    route_sd : float
        Monthly standard deviation of the corridor-appeal shifts (logit scale).
    obs_origin_sd, obs_corridor_sd, obs_court_sd : float
        Scales of the Student t errors (log scale) of encounters by origin, Border Patrol
        encounters by corridor and the court backlog.
    trend_damping : float
        Factor on the slope each month (at most 1).
    initial_sd : float
        Spread of the latent shifts at the start (assumption).
    court_sd : float
        Monthly standard deviation of a multiplicative shock to the court backlog
        (assumption): receipts and completions the model does not explain.
    level_corr : float
        Correlation of the monthly steps of the pressure shifts of different origin
        groups (0..1): the share of a step's variance common to every origin, as when one
        policy change moves the departures of all of them. The default, 0.5, is an
        assumption, replaced by the estimate saved with the calibration.
    level_df : float
        Degrees of freedom of the Student t steps of the pressure shifts (0: normal
        steps; default 5, an assumption, as for the observation errors); ``level_sd``
        stays their standard deviation. Heavy tails let a month
        bring the sharp drop of a policy change without widening every month's step.
    """

    level_sd: float = 0.15
    trend_sd: float = 0.0
    route_sd: float = 0.10
    obs_origin_sd: float = 0.10
    obs_corridor_sd: float = 0.14
    obs_court_sd: float = 0.03
    trend_damping: float = 0.0
    initial_sd: float = 0.1
    court_sd: float = 0.02
    level_corr: float = 0.5
    level_df: float = 5.0

    #: Estimated by the filter's likelihood. The slope (``trend_sd``, ``trend_damping``) is
    #: off by default, which makes the pressure a local level (a random walk): a damped
    #: trend raised the likelihood but forecast worse (docs/calibration.md).
    ESTIMATED = ("level_sd", "route_sd", "obs_origin_sd", "obs_corridor_sd", "level_corr")
    #: Parameters between 0 and 1, estimated on the logit scale.
    UNIT_INTERVAL = ("trend_damping", "level_corr")

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if not (np.isfinite(value) and value >= 0):
                raise CalibrationError(f"noise parameter {f.name} = {value!r} must be >= 0")
        for name in self.UNIT_INTERVAL:
            if not getattr(self, name) <= 1:
                raise CalibrationError(f"{name} = {getattr(self, name)} must be <= 1")
        if 0 < self.level_df <= 2:
            raise CalibrationError(
                f"level_df = {self.level_df} must be 0 (normal steps) or more than 2"
            )

    def to_dict(self) -> dict[str, float]:
        """The parameters as plain floats.

        Returns
        -------
        dict of str to float
        """
        return {k: float(v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, d: Mapping[str, float]) -> NoiseParameters:
        """Parameters from :meth:`to_dict`'s form (missing ones at their defaults).

        Parameters
        ----------
        d : mapping of str to float

        Returns
        -------
        NoiseParameters
        """
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - names)
        if unknown:
            raise CalibrationError(
                f"unknown noise parameter {unknown[0]!r}; allowed: {sorted(names)}"
            )
        return cls(**{k: float(v) for k, v in d.items()})

    def with_estimated(self, values: Sequence[float]) -> NoiseParameters:
        """A copy with :attr:`ESTIMATED` set to `values`.

        Parameters
        ----------
        values : sequence of float
            In the order of :attr:`ESTIMATED`.

        Returns
        -------
        NoiseParameters
        """
        return replace(self, **dict(zip(self.ESTIMATED, map(float, values), strict=True)))

    def to_unconstrained(self) -> np.ndarray:
        """The estimated parameters on the optimizer's scale (log; logit for those in 0..1).

        Returns
        -------
        numpy.ndarray
            In the order of :attr:`ESTIMATED`.
        """
        return np.array(
            [
                np.log(min(max(v, 1e-3), 1 - 1e-3) / (1 - min(max(v, 1e-3), 1 - 1e-3)))
                if k in self.UNIT_INTERVAL
                else np.log(v)
                for k, v in ((k, getattr(self, k)) for k in self.ESTIMATED)
            ]
        )

    def from_unconstrained(self, x: Sequence[float]) -> NoiseParameters:
        """Inverse of :meth:`to_unconstrained`, other parameters from `self`.

        Parameters
        ----------
        x : sequence of float

        Returns
        -------
        NoiseParameters
        """
        values = [
            1 / (1 + np.exp(-v)) if k in self.UNIT_INTERVAL else np.exp(v)
            for k, v in zip(self.ESTIMATED, x, strict=True)
        ]
        return self.with_estimated(values)


def _t_loglik(obs: np.ndarray, mu: np.ndarray, scale: float) -> np.ndarray:
    """Sum over the last axis of the log density of log(obs) given log(mu); NaN obs skipped."""
    ok = np.isfinite(obs) & (obs > 0)
    if not ok.any():
        return np.zeros(mu.shape[0])
    z = (np.log(obs[ok]) - np.log(np.maximum(mu[:, ok], 1e-9))) / scale
    dens = _T_CONST - np.log(scale) - np.log(obs[ok]) - (OBS_DF + 1) / 2 * np.log1p(z**2 / OBS_DF)
    return dens.sum(axis=-1)


def observation_arrays(history, months: pd.PeriodIndex) -> dict[str, Any]:
    """Observed series aligned with `months` (NaN where a month has no value).

    Parameters
    ----------
    history : xarray.Dataset
    months : pandas.PeriodIndex

    Returns
    -------
    dict
        ``origin`` ``(months, 3)``, ``corridor`` ``(months, 4)``, and ``court``: {index of
        a September: pending cases at that fiscal year's end}.

    Raises
    ------
    DataError
        When the history lacks ``encounters_by_origin``.
    """
    if "encounters_by_origin" not in history:
        raise DataError(f"history {history.attrs.get('source', '')}: needs encounters_by_origin")
    times = pd.DatetimeIndex(months.to_timestamp())

    def aligned(name, dim, labels):
        if name not in history:
            return np.full((len(months), len(labels)), np.nan)
        da = history[name].reindex(time=times).transpose("time", dim)
        return da.sel({dim: list(labels)}).values.astype(float)

    court = {}
    if "court_pending" in history and "fiscal_year" in history["court_pending"].dims:
        pending = history["court_pending"].to_series().dropna()
        for i, m in enumerate(months):
            if m.month == 9 and (m.year in pending.index):
                court[i] = float(pending.loc[m.year])
    return {
        "origin": aligned("encounters_by_origin", "origin", ORIGINS),
        "corridor": aligned("usbp_by_corridor", "corridor", CORRIDORS),
        "court": court,
    }


class BorderStateSpace:
    """The border model in the form :func:`sdmig.inference.filter.particle_filter` needs.

    Parameters
    ----------
    model : BorderModel
    history : xarray.Dataset
        Observations (see :func:`sdmig.data.history.load_history`); months after
        `through` are not used.
    through : str
        Last month filtered (``YYYY-MM``).
    noise : NoiseParameters
    calibration : CalibrationResults, optional
        Each particle gets its own parameter draw from it; None: every particle has the
        model's parameters.
    scenario : Scenario, optional
        The historical policy levers; default the built-in ``baseline``.
    method, dt : str, float
        Fixed-step integrator of :class:`stockflow.Stepper`.
    backend : {'auto', 'numpy', 'compiled'}, optional
        The Stepper's backend; default :func:`sdmig.model.runner.default_backend`.
    observe_from : str, optional
        First month whose observations weight the particles (default the model's start).
    """

    def __init__(
        self,
        model,
        history,
        through: str,
        *,
        noise: NoiseParameters | None = None,
        calibration=None,
        scenario=None,
        method: str = FILTER_METHOD,
        dt: float = 0.25,
        observe_from: str | None = None,
        draw_seed: int = 0,
        backend: str | None = None,
    ):
        from sdmig.policy.scenario import load_scenario

        self.model = model
        self.noise = noise or NoiseParameters()
        self.calibration = calibration
        self.first = pd.Period(START, freq="M")
        self.last = pd.Period(through, freq="M")
        if self.last < self.first:
            raise DataError(f"--through = {through} is before the model's start {START}")
        self.months = pd.period_range(self.first, self.last, freq="M")
        self.n_steps = len(self.months)
        self.obs = observation_arrays(history, self.months)
        self.observe_from = (
            0 if observe_from is None else (pd.Period(observe_from, freq="M") - self.first).n
        )
        self.scenario = scenario or load_scenario("baseline")
        self.bound = self.scenario.bind(model.stockflow_model)
        # with triggers, the bound model has their averaging stocks
        self.compiled = (
            model.compiled if self.bound.model is model.stockflow_model else self.bound.compiled()
        )
        self.method, self.dt = method, dt
        self.backend = backend or default_backend()
        self.draw_seed = draw_seed
        self._cache: tuple[int, dict] | None = None

    # ------------------------------------------------------------------ particles
    def particle_params(self, n: int) -> dict[str, np.ndarray]:
        """Parameters of `n` particles: calibration draws, the economic driver held at 1.

        Parameters
        ----------
        n : int

        Returns
        -------
        dict of str to numpy.ndarray
            Member-varying ones (named in ``member_params``) have a leading axis of `n`.
        """
        base = self.model.params
        params: dict[str, np.ndarray] = {"economic_driver": np.ones_like(base["economic_driver"])}
        self.member_params: set[str] = set()
        if self.calibration is not None:
            draws = self.calibration.draw(n, seed=self.draw_seed)
            draws.pop("alpha_encounters", None)
            draws.pop("alpha_court", None)
            params.update(draws)
            self.member_params = set(draws)
        return params

    def point_params(self) -> dict[str, np.ndarray]:
        """Parameters at the calibration's estimate, the economic driver held at 1.

        Returns
        -------
        dict of str to numpy.ndarray
        """
        params = {"economic_driver": np.ones_like(self.model.params["economic_driver"])}
        if self.calibration is not None:
            params.update(self.calibration.model_params())
        return params

    def stepper(self, params: Mapping[str, np.ndarray], n: int, inputs=None, track=()):
        """A :class:`stockflow.Stepper` of the model under the historical levers.

        Parameters
        ----------
        params : mapping
            Parameter values (a leading axis of `n` for member-varying ones).
        n : int
            Members.
        inputs : mapping, optional
            Policy inputs instead of the historical ones.
        track : iterable of str
            Flows to integrate.

        Returns
        -------
        stockflow.Stepper
        """
        run = run_arguments(self.model.compiled, self.bound)
        return sf.Stepper(
            run.compiled,
            params=params,
            inputs=run.inputs if inputs is None else inputs,
            method=self.method,
            dt=self.dt,
            breakpoints=run.breakpoints,
            track=track,
            n_members=n,
            backend=self.backend,
        )

    def start(self, n: int, rng: np.random.Generator) -> None:
        """Draw `n` particles: parameters, the model's initial state, latent shifts.

        Parameters
        ----------
        n : int
        rng : numpy.random.Generator
        """
        self.n = n
        self.params = self.particle_params(n)
        self.param_index = np.arange(n)
        self.sim = self.stepper(self.params, n, track=OBSERVED_FLOWS)
        self.y = self.sim.initial()
        sd = self.noise.initial_sd
        self.sim.stock(self.y, "pressure_shift")[:] = sd * rng.standard_normal((n, len(ORIGINS)))
        self.trend = 0.02 * rng.standard_normal((n, len(ORIGINS)))
        route = self.sim.stock(self.y, "route_shift")
        route[:, 1:] = sd * rng.standard_normal((n, len(CORRIDORS) - 1))
        self._cache = None

    def _level_draw(self, rng, shape) -> np.ndarray:
        """Standardized steps of the pressure shifts: normal, or Student t (variance 1)."""
        df = self.noise.level_df
        if df <= 0:
            return rng.standard_normal(shape)
        return rng.standard_t(df, size=shape) * np.sqrt((df - 2) / df)

    def _step_noise(self, y, trend, sim, rng) -> np.ndarray:
        """One month of the latent drivers' random walks, in place; returns the new trend."""
        nz = self.noise
        n = y.shape[1]
        shock = self._level_draw(rng, (n, len(ORIGINS)))
        if nz.level_corr > 0:  # a share of the step common to every origin group
            common = self._level_draw(rng, (n, 1))
            shock = np.sqrt(nz.level_corr) * common + np.sqrt(1 - nz.level_corr) * shock
        step = trend + nz.level_sd * shock
        sim.stock(y, "pressure_shift")[:] += step
        # the people already on their way scale with the pressure that sent them
        sim.stock(y, "in_transit")[:] *= np.exp(step)
        sim.stock(y, "waiting")[:] *= np.exp(step)[:, :, None]
        trend = nz.trend_damping * trend + nz.trend_sd * rng.standard_normal((n, len(ORIGINS)))
        sim.stock(y, "route_shift")[:, 1:] += nz.route_sd * rng.standard_normal(
            (n, len(CORRIDORS) - 1)
        )
        sim.stock(y, "court_backlog")[:] *= np.exp(nz.court_sd * rng.standard_normal(n))
        return trend

    def propagate(self, step: int, rng: np.random.Generator) -> None:
        """Latent drivers' random step (after the first month), then one month of the model.

        Parameters
        ----------
        step : int
        rng : numpy.random.Generator
        """
        if step > 0:
            self.trend = self._step_noise(self.y, self.trend, self.sim, rng)
        self.y[self.sim.cm.n_stock_state :] = 0.0  # the flows' totals over this month
        self.y = self.sim.advance(self.y, step, step + 1)
        self._cache = None

    def _observed_means(self, step: int) -> dict[str, np.ndarray]:
        if self._cache is None or self._cache[0] != step:
            # month totals, as the observed monthly counts are
            self._cache = (
                step,
                {
                    "origin": self.sim.flow_total(self.y, "encounters").sum(axis=-1),
                    "corridor": self.sim.flow_total(self.y, "apprehensions").sum(axis=1),
                    "court": self.sim.stock(self.y, "court_backlog").copy(),
                },
            )
        return self._cache[1]

    def log_likelihood(self, step: int) -> np.ndarray:
        """Log-likelihood of the month's observations for each particle.

        Parameters
        ----------
        step : int

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``; 0 where the month has no observation.
        """
        if step < self.observe_from:
            return np.zeros(self.n)
        mu = self._observed_means(step)
        nz = self.noise
        ll = _t_loglik(self.obs["origin"][step], mu["origin"], nz.obs_origin_sd)
        ll = ll + _t_loglik(self.obs["corridor"][step], mu["corridor"], nz.obs_corridor_sd)
        if step in self.obs["court"]:
            court = np.array([self.obs["court"][step]])
            ll = ll + _t_loglik(court, mu["court"][:, None], nz.obs_court_sd)
        return ll

    def predict(self, step: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """A draw of each particle's encounters at `step`, observation noise included.

        Parameters
        ----------
        step : int
        rng : numpy.random.Generator

        Returns
        -------
        dict of str to numpy.ndarray
            ``encounters_by_origin`` ``(n, 3)`` and ``encounters_total`` ``(n,)``.
        """
        mu = self._observed_means(step)["origin"]
        draw = observation_draw(mu, self.noise.obs_origin_sd, rng)
        return {"encounters_by_origin": draw, "encounters_total": draw.sum(axis=-1)}

    def resample(self, index: np.ndarray) -> None:
        """Keep particle ``index[i]`` as particle ``i`` (state, trend, parameters, latches).

        Parameters
        ----------
        index : numpy.ndarray of int
        """
        self.y = self.y[:, index]
        self.trend = self.trend[index]
        self.param_index = self.param_index[index]
        self.sim.take(index)
        for latch in self.bound.latches.values():
            if latch.times:  # its history is cut to the present, which it keeps
                t = latch.times[-1]
                set_latch_state(
                    {"_": latch},
                    t,
                    {"_": tuple(a[index] for a in latch_state({"_": latch})["_"])},
                )
        self._cache = None

    def values(self, step: int) -> dict[str, np.ndarray]:
        """Every stock, the latent trend and a few auxiliaries of each particle.

        Parameters
        ----------
        step : int

        Returns
        -------
        dict of str to numpy.ndarray
            Each of shape ``(n, *dims)``.
        """
        out = {}
        variables = self.bound.model.variables
        for s in self.sim.cm.stocks:
            if not variables[s.name].internal:
                out[s.name] = self.sim.stock(self.y, s.name)
        out.update(self.sim.evaluate(self.y, step + 1, RECORDED_AUXES))
        mu = self._observed_means(step)
        out["encounters_by_origin"] = mu["origin"]
        out["usbp_by_corridor"] = mu["corridor"]
        out["pressure_trend"] = self.trend
        for label, (on, _, _) in latch_state(self.bound.latches).items():
            out[f"trigger_on_{label}"] = on
        return out

    def snapshot(self, step: int, _model=None) -> dict[str, Any]:
        """The particle system at the end of `step` (copies).

        Parameters
        ----------
        step : int
        _model : object, optional
            Ignored (the filter passes the model itself).

        Returns
        -------
        dict
            ``step``, ``y`` (state), ``trend``, ``param_index`` (each particle's
            parameter draw) and ``latches`` (each triggered lever's latch state,
            :func:`latch_state`).
        """
        return {
            "step": step,
            "y": self.y.copy(),
            "trend": self.trend.copy(),
            "param_index": self.param_index.copy(),
            "latches": latch_state(self.bound.latches),
        }

    # ------------------------------------------------------------------ forecasts
    def _carry_state(self, y0: np.ndarray, sim, bound, t: float) -> np.ndarray:
        """The filter's stocks `y0` in the layout of `sim`, accumulators of flows at zero.

        Stocks are matched by name; a trigger's averaging stock that the filter did not
        have starts at the current value of the variable it watches.
        """
        y = np.zeros((sim.cm.n_state, y0.shape[1]))
        mine = _stock_slots(self.sim.cm)
        missing = []
        for name, (a, b) in _stock_slots(sim.cm).items():
            if name in mine:
                y[a:b] = y0[slice(*mine[name])]
            else:
                missing.append(name)
        for latch in bound.latches.values():
            if latch.stock in missing:
                trig = latch.trigger
                value = sim.evaluate(y, t, [trig.variable])[trig.variable]
                value = value.reshape(value.shape[0], -1).sum(axis=1)
                scale = 1.0 / DAYS_PER_MONTH if trig.per == "day" else 1.0
                sim.stock(y, latch.stock)[:] = value * scale
        return y

    def forecast(
        self,
        snapshot: Mapping[str, Any],
        horizon: int,
        rng: np.random.Generator,
        *,
        hold_policy: bool = False,
        variables: Sequence[str] = (),
        scenario=None,
        noise: bool = True,
    ) -> dict[str, np.ndarray]:
        """Continue the particles of `snapshot` for `horizon` months, noise included.

        Parameters
        ----------
        snapshot : mapping
            From :meth:`snapshot`.
        horizon : int
        rng : numpy.random.Generator
        hold_policy : bool, default False
            Hold every policy input at its value at the end of the snapshot's month
            ("status quo"); otherwise the levers follow their dates ("known policy").
        variables : sequence of str
            Model variables to return as well (flows as monthly totals).
        scenario : Scenario, optional
            Levers to run instead of the state space's own (e.g. a policy option).
        noise : bool, default True
            False: no process or observation noise (a single mean path).

        Returns
        -------
        dict of str to ndarray
            ``encounters_by_origin`` (observation draws, ``(n, horizon, 3)``),
            ``expected_encounters_by_origin`` (the model's means) and each of `variables`
            ``(n, horizon, *dims)``.
        """
        step = int(snapshot["step"])
        n = snapshot["y"].shape[1]
        index = snapshot["param_index"]
        if index is None:  # the point estimate for every member
            params = self.point_params()
        else:
            params = {
                k: (v[index] if k in self.member_params else v) for k, v in self.params.items()
            }
        # a fresh binding: its latches start from the particles' own
        bound = (scenario or self.scenario).bind(self.model.stockflow_model)
        set_latch_state(bound.latches, float(step + 1), snapshot.get("latches", {}))
        run = run_arguments(self.model.compiled, bound)
        inputs = run.inputs
        if hold_policy:
            t0 = np.nextafter(float(step + 1), 0.0)
            inputs = {k: (lambda t, v, f=f: f(min(t, t0), v)) for k, f in inputs.items()}
        flows = [v for v in variables if self.model.stockflow_model.variables[v].kind == "flow"]
        flows += [f for f in ("encounters",) if f not in flows]
        others = [v for v in variables if v not in flows]
        sim = sf.Stepper(
            run.compiled,
            params=params,
            inputs=inputs,
            method=self.method,
            dt=self.dt,
            breakpoints=run.breakpoints,
            track=flows,
            n_members=n,
            backend=self.backend,
        )
        y = self._carry_state(snapshot["y"], sim, bound, step + 1)
        trend = snapshot["trend"].copy()
        out: dict[str, list] = {}
        before = {f: sim.flow_total(y, f) for f in flows} if flows else {}
        for m in range(step + 1, step + 1 + horizon):
            if noise:
                trend = self._step_noise(y, trend, sim, rng)
            else:
                sim.stock(y, "pressure_shift")[:] += trend
                trend = self.noise.trend_damping * trend
            y = sim.advance(y, m, m + 1)
            v = sim.evaluate(y, m + 1, others) if others else {}
            for name in others:
                out.setdefault(name, []).append(v[name])
            for f in flows:
                total = sim.flow_total(y, f)
                out.setdefault(f, []).append(total - before[f])
                before[f] = total
            mu = out["encounters"][-1].sum(axis=-1)  # the month's total, as observed
            out.setdefault("expected_encounters_by_origin", []).append(mu)
            out.setdefault("encounters_by_origin", []).append(
                observation_draw(mu, self.noise.obs_origin_sd, rng) if noise else mu
            )
        if "encounters" not in variables:
            out.pop("encounters")
        return {k: np.stack(v, axis=1) for k, v in out.items()}


def _stock_slots(cm) -> dict[str, tuple[int, int]]:
    return {s.name: (s.start, s.stop) for s in cm.stocks}


def observation_draw(mu: np.ndarray, scale: float, rng: np.random.Generator) -> np.ndarray:
    """Observations around means: ``mu * exp(scale * t5)``.

    Parameters
    ----------
    mu : numpy.ndarray
        Means.
    scale : float
        Scale of the log-scale Student t error (5 degrees of freedom).
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        Shaped like `mu`.
    """
    return mu * np.exp(scale * rng.standard_t(OBS_DF, size=mu.shape))
