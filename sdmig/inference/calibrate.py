"""Maximum-likelihood calibration of the binational model with statsmodels.

:class:`EncounterLikelihood` is a :class:`statsmodels.base.model.GenericLikelihoodModel`
whose means come from simulating the stock-flow model under the ``baseline`` scenario:

- monthly encounters by origin (MEX, NTCA, OTHER) and Border Patrol encounters by corridor
  in the fit window, by default 2020-01..2023-09 (2019-10..2019-12 are spin-up), negative
  binomial (NB2) with dispersion ``alpha_encounters``: ``var = mu + alpha * mu**2``;
- the court backlog at the end of each fiscal year whose September lies in the window
  (FY2020..FY2023 by default), NB2 with its own ``alpha_court``.

The two encounter series overlap (Border Patrol encounters by corridor are part of the
encounters by origin), so the likelihood is a composite one: the point estimates are
consistent, the standard errors are too small by an unknown factor. Say so when quoting them.

Free parameters (:data:`FREE_PARAMETERS`) are estimated on an unconstrained scale: a
positive parameter through ``log``, a bounded one through a scaled logit, so the optimizer
cannot leave the valid range. Every other parameter keeps the value and the documented
source of :mod:`sdmig.model.parameters`.

Speed: each evaluation of the score simulates ``k + 1`` ensemble members at once (the
point and one forward step per free parameter) with the fixed-step RK4 integrator, so a
gradient costs about one simulation. The Hessian is the negative Fisher information of the
negative binomial, ``-sum_i grad(mu_i) grad(mu_i)' / var_i`` for the model parameters (and
a numerical second derivative for the dispersions, which need no simulation), so Newton's
method is Fisher scoring.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Sequence
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import gammaln
from statsmodels.base.model import GenericLikelihoodModel
from statsmodels.iolib.summary import Summary
from statsmodels.iolib.table import SimpleTable

from sdmig import __version__
from sdmig.data.history import load_history
from sdmig.errors import CalibrationError, ConvergenceWarning, DataError
from sdmig.files import atomic_write
from sdmig.inference.fit_window import check_fit_window
from sdmig.model.estimable import (
    DEFAULT_CALIBRATION,
    FREE_NAMES,
    FREE_PARAMETERS,
    params_from_estimates,
)
from sdmig.model.parameters import (
    CORRIDORS,
    ENSEMBLE_DT,
    KNOTS,
    ORIGINS,
    PARAMS_BY_NAME,
    default_parameters,
)
from sdmig.model.runner import default_backend, run_model

#: The default fit window (the design's 2020-2023), whatever months the history holds.
FIT_WINDOW = ("2020-01", "2023-09")


def court_years(end: str, start: str = FIT_WINDOW[0]) -> tuple[int, ...]:
    """Fiscal years whose last month (September) lies in the window `start`..`end`.

    Parameters
    ----------
    end : str
        Last month of the window, ``YYYY-MM``.
    start : str, default "2020-01"
        First month of the window.

    Returns
    -------
    tuple of int
        The fiscal years, in order.

    Examples
    --------
    >>> court_years("2023-09")
    (2020, 2021, 2022, 2023)
    >>> court_years("2022-06", "2021-01")
    (2021,)
    """
    lo, hi = pd.Period(start, freq="M"), pd.Period(end, freq="M")
    years = range(lo.year, hi.year + 1)
    return tuple(y for y in years if lo <= pd.Period(f"{y}-09", freq="M") <= hi)


#: Integrator used for the likelihood (fixed step, so that members are exact copies).
SIM_METHOD, SIM_DT = "rk4", ENSEMBLE_DT
FD_STEP = 1e-5


def observations(
    history, end: str = FIT_WINDOW[1], start: str = FIT_WINDOW[0]
) -> tuple[np.ndarray, list[str]]:
    """The observed vector and a label per entry, from a history Dataset (window `start`..`end`).

    Parameters
    ----------
    history : xarray.Dataset
        From :func:`sdmig.data.history.load_history`.
    end : str, default "2023-09"
        Last month of the fit window.
    start : str, default "2020-01"
        First month of the fit window.

    Returns
    -------
    numpy.ndarray
        Encounters by origin, Border Patrol encounters by corridor (month by month, series
        by series), then the court backlog at the end of each fiscal year in the window.
    list of str
        One label per entry (``"encounters_by_origin[MEX] 2020-01"``).

    Examples
    --------
    >>> from sdmig.data.history import load_history
    >>> y, labels = observations(load_history(), "2020-12")
    >>> labels[0], len(y) == len(labels)
    ('encounters_by_origin[MEX] 2020-01', True)

    Raises
    ------
    DataError
        When the history lacks a series or a month of the fit window.
    """
    need = ("encounters_by_origin", "usbp_by_corridor", "court_pending")
    missing = [v for v in need if v not in history]
    if missing:
        raise DataError(
            f"history {history.attrs.get('source', '')}: series {missing} are "
            f"required for calibration"
        )
    window = slice(start, end)
    months = pd.period_range(start, end, freq="M")
    parts, labels = [], []
    for var, dim in (("encounters_by_origin", "origin"), ("usbp_by_corridor", "corridor")):
        da = history[var].sel(time=window)
        if da.sizes["time"] != len(months) or bool(da.isnull().any()):
            raise DataError(
                f"history {history.attrs.get('source', '')}: {var} must cover "
                f"{start}..{end} without gaps"
            )
        for label in da[dim].values:
            parts.append(da.sel({dim: label}).values)
            labels += [f"{var}[{label}] {m}" for m in months]
    court = history["court_pending"]
    years = court_years(end, start)
    if "fiscal_year" not in court.dims or not set(years) <= set(court["fiscal_year"].values):
        raise DataError(
            f"history {history.attrs.get('source', '')}: court_pending needs fiscal years {years}"
        )
    parts.append(court.sel(fiscal_year=list(years)).values)
    labels += [f"court_pending FY{y}" for y in years]
    return np.concatenate(parts).astype(float), labels


def _nb_logpmf(y, mu, alpha):
    r = 1.0 / alpha
    return (
        gammaln(y + r)
        - gammaln(r)
        - gammaln(y + 1.0)
        + r * np.log(r / (r + mu))
        + y * np.log(mu / (r + mu))
    )


class EncounterLikelihood(GenericLikelihoodModel):
    """Negative-binomial likelihood of the history given the simulated model.

    Parameters
    ----------
    history : xarray.Dataset, optional
        From :func:`sdmig.data.history.load_history`; default: the shipped history.
    model : BorderModel, optional
        Supplies the fixed parameters; default: the model with the values of
        :mod:`sdmig.model.parameters`.
    scenario : Scenario, optional
        The historical regime; default: the built-in ``baseline``.
    end : str, default "2023-09"
        Last month of the fit window (earlier for backtests).
    start : str, default "2020-01"
        First month of the fit window (2020-01 or later: the model spins up from 2019-10).
    hold : sequence of str, default ()
        Free parameters (:data:`FREE_NAMES`) held at their start value
        (:meth:`start_params_theta`, the model's value) instead of estimated: those the
        window cannot identify. The optimizer then sees only the others; :meth:`loglike`,
        :meth:`score` and :meth:`hessian` take either every free parameter or only those
        not held, and answer in the same shape.

    Raises
    ------
    CalibrationError
        A name in `hold` that is not a free parameter.
    """

    def __init__(
        self,
        history=None,
        model=None,
        scenario=None,
        *,
        end=FIT_WINDOW[1],
        start=FIT_WINDOW[0],
        hold=(),
        **kwargs,
    ):
        from sdmig.model.border import BorderModel
        from sdmig.policy.scenario import load_scenario

        self.history = load_history() if history is None else history
        self.start, self.end = str(start), str(end)
        endog, self.obs_labels = observations(self.history, self.end, self.start)
        self.border_model = model or BorderModel(use_calibration=False)
        self.scenario = scenario or load_scenario("baseline")
        self.free = FREE_PARAMETERS
        unknown = [h for h in hold if h not in FREE_NAMES]
        if unknown:
            raise CalibrationError(
                f"hold = {unknown[0]!r} is not a free parameter; allowed: {', '.join(FREE_NAMES)}"
            )
        self.held = tuple(n for n in FREE_NAMES if n in hold)
        self.estimated = [j for j, n in enumerate(FREE_NAMES) if n not in self.held]
        n_months = len(pd.period_range(self.start, self.end, freq="M"))
        self.n_enc = (len(ORIGINS) + len(CORRIDORS)) * n_months
        self._cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}
        self.n_simulations = 0
        names = [FREE_NAMES[j] for j in self.estimated]
        super().__init__(endog, exog=None, extra_params_names=names, **kwargs)
        self.nobs = len(endog)

    # -------------------------------------------------------------- parameters
    def start_params_theta(self) -> np.ndarray:
        """Unconstrained start: the model's current values, dispersions 0.05.

        Returns
        -------
        ndarray, shape ``(len(FREE_NAMES),)``
            Each free parameter on its unconstrained scale; a value at the edge of a
            logit range is first moved 0.1 % of the span inside it.

        Examples
        --------
        ::

            like = EncounterLikelihood()
            dict(zip(FREE_NAMES, like.start_params_theta()))
        """
        base = self.border_model.params
        out = []
        for p in self.free:
            value = 0.05 if p.param is None else float(base[p.param][p.index])
            if p.transform == "logit":
                span = p.high - p.low
                value = float(np.clip(value, p.low + 1e-3 * span, p.high - 1e-3 * span))
            out.append(float(p.to_theta(value)))
        return np.array(out)

    def model_params(self, thetas: np.ndarray) -> dict[str, np.ndarray]:
        """Full parameter arrays with a member axis for each row of `thetas`.

        Parameters
        ----------
        thetas : ndarray, shape ``(k, len(FREE_NAMES))``
            Unconstrained values of the free parameters, one row per member.

        Returns
        -------
        dict of str to ndarray
            Model parameter -> array ``(k, *dims)``: the model's value with the free
            elements replaced (on the natural scale). Dispersions are not model parameters
            and are left out.

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            params = like.model_params(theta[None])  # one member
        """
        base = self.border_model.params
        k = thetas.shape[0]
        out = {}
        for j, p in enumerate(self.free):
            if p.param is None:
                continue
            if p.param not in out:
                out[p.param] = np.repeat(base[p.param][None], k, axis=0)
            out[p.param][(slice(None), *p.index)] = p.to_natural(thetas[:, j])
        return out

    # -------------------------------------------------------------- simulation
    @cached_property
    def bound(self):
        """The scenario bound to the model once, for every run of the fit: its inputs are
        the same functions from run to run, so the compiled kernel is built once (its
        triggers start afresh with each run)."""
        return self.scenario.bind(self.border_model.stockflow_model)

    def simulate_means(self, thetas: np.ndarray) -> np.ndarray:
        """Simulated means, shape ``(len(thetas), nobs)``, one ensemble run.

        Parameters
        ----------
        thetas : ndarray, shape ``(k, len(FREE_NAMES))``
            Unconstrained parameter values, one row (ensemble member) each.

        Returns
        -------
        ndarray, shape ``(k, nobs)``
            Per member, the means of the observations in the order of ``endog``: monthly
            encounters by origin, apprehensions by corridor, then the court backlog at
            each fiscal year end; floored at 1e-6.

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            mu = like.simulate_means(theta[None])
        """
        ds = run_model(
            self.border_model.compiled,
            self.end,
            bound=self.bound,
            params=self.model_params(thetas),
            method=SIM_METHOD,
            dt=SIM_DT,
            variables=["encounters", "apprehensions", "court_backlog"],
        )
        self.n_simulations += 1
        window = slice(self.start, self.end)
        enc = (
            ds["encounters"].sum("corridor").sel(time=window).transpose("member", "origin", "time")
        )
        usbp = (
            ds["apprehensions"]
            .sum("origin")
            .sel(time=window)
            .transpose("member", "corridor", "time")
        )
        ends = [f"{y}-09" for y in court_years(self.end, self.start)]
        court = ds["court_backlog"].sel(time=ends).transpose("member", "time")
        k = thetas.shape[0]
        mu = np.concatenate(
            [enc.values.reshape(k, -1), usbp.values.reshape(k, -1), court.values.reshape(k, -1)],
            axis=1,
        )
        return np.maximum(mu, 1e-6)

    def means_and_jacobian(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Means at `theta` and their forward-difference Jacobian over model parameters.

        One ensemble run gives both (the point and a step of ``FD_STEP`` in each model
        parameter); the last result is cached, since the likelihood and its score are
        asked for at the same point.

        Parameters
        ----------
        theta : ndarray, shape ``(len(FREE_NAMES),)``
            Unconstrained parameter values.

        Returns
        -------
        mu : ndarray, shape ``(nobs,)``
            Simulated means of the observations.
        jacobian : ndarray, shape ``(len(theta), nobs)``
            ``d mu / d theta``; rows of the dispersions are 0.

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            mu, jac = like.means_and_jacobian(theta)
        """
        key = np.asarray(theta, dtype=float).tobytes()
        if key not in self._cache:
            model_cols = [j for j, p in enumerate(self.free) if p.param is not None]
            thetas = np.repeat(theta[None], len(model_cols) + 1, axis=0)
            for row, j in enumerate(model_cols, start=1):
                thetas[row, j] += FD_STEP
            mu = self.simulate_means(thetas)
            jac = np.zeros((len(theta), mu.shape[1]))
            jac[model_cols] = (mu[1:] - mu[0]) / FD_STEP
            self._cache = {key: (mu[0], jac)}
        return self._cache[key]

    def _alphas(self, theta) -> np.ndarray:
        a_enc = np.exp(theta[FREE_NAMES.index("alpha_encounters")])
        a_court = np.exp(theta[FREE_NAMES.index("alpha_court")])
        alpha = np.full(self.endog.shape, a_enc)
        alpha[self.n_enc :] = a_court
        return alpha

    def full_theta(self, params) -> np.ndarray:
        """Every free parameter: `params`, with the held ones inserted when left out.

        Parameters
        ----------
        params : array-like
            Unconstrained values of every free parameter, or of those not held.

        Returns
        -------
        ndarray, shape ``(len(FREE_NAMES),)``
        """
        params = np.asarray(params, dtype=float)
        if len(params) == len(FREE_NAMES):
            return params
        theta = self.start_params_theta()
        theta[self.estimated] = params
        return theta

    def _reduced(self, params) -> bool:
        return len(np.asarray(params)) != len(FREE_NAMES)

    # -------------------------------------------------------------- likelihood
    def loglikeobs(self, params):
        theta = self.full_theta(params)
        # the gradient is almost always asked for at the same point next: one ensemble
        # run gives both
        mu = self.means_and_jacobian(theta)[0]
        return _nb_logpmf(self.endog, mu, self._alphas(theta))

    def loglike(self, params):
        """Negative-binomial log-likelihood of the history at `params`.

        Parameters
        ----------
        params : array-like, shape ``(len(FREE_NAMES),)``
            Unconstrained parameter values.

        Returns
        -------
        float

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            like.loglike(theta)
        """
        return float(np.sum(self.loglikeobs(params)))

    def score(self, params):
        """Gradient of :meth:`loglike` with respect to the unconstrained parameters.

        Through the Jacobian of the means for model parameters, by central differences
        for the dispersions.

        Parameters
        ----------
        params : array-like, shape ``(len(FREE_NAMES),)``
            Unconstrained parameter values.

        Returns
        -------
        ndarray, shape ``(len(FREE_NAMES),)``

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            like.score(theta)
        """
        theta = self.full_theta(params)
        mu, jac = self.means_and_jacobian(theta)
        y, alpha = self.endog, self._alphas(theta)
        r = 1.0 / alpha
        dmu = y / mu - (y + r) / (r + mu)
        grad = jac @ dmu
        for j in range(len(FREE_NAMES)):
            if self.free[j].param is None:
                step = np.zeros_like(theta)
                step[j] = 1e-6
                up = _nb_logpmf(y, mu, self._alphas(theta + step)).sum()
                down = _nb_logpmf(y, mu, self._alphas(theta - step)).sum()
                grad[j] = (up - down) / 2e-6
        return grad[self.estimated] if self._reduced(params) else grad

    def hessian(self, params):
        """Negative Fisher information (see the module docstring).

        The dispersions' diagonal entries are second central differences of the
        log-likelihood.

        Parameters
        ----------
        params : array-like, shape ``(len(FREE_NAMES),)``
            Unconstrained parameter values.

        Returns
        -------
        ndarray, shape ``(len(FREE_NAMES), len(FREE_NAMES))``

        Examples
        --------
        Each call runs the border model over the fit window, so this is not executed::

            like = EncounterLikelihood()
            theta = like.start_params_theta()
            like.hessian(theta)
        """
        theta = self.full_theta(params)
        mu, jac = self.means_and_jacobian(theta)
        var = mu + self._alphas(theta) * mu**2
        h = -(jac / var) @ jac.T
        y = self.endog
        for j in range(len(theta)):
            if self.free[j].param is None:
                # a step of 0.01 in log alpha: at 1e-4 the second difference of a
                # log-likelihood of about -3,400 is rounding noise (it gave a positive
                # curvature, hence a negative variance, for alpha_court near 0.001)
                e = np.zeros_like(theta)
                e[j] = 1e-2
                f0 = _nb_logpmf(y, mu, self._alphas(theta)).sum()
                fp = _nb_logpmf(y, mu, self._alphas(theta + e)).sum()
                fm = _nb_logpmf(y, mu, self._alphas(theta - e)).sum()
                h[j, j] = (fp - 2 * f0 + fm) / 1e-4
        return h[np.ix_(self.estimated, self.estimated)] if self._reduced(params) else h

    def fit(self, start_params=None, method="minimize", maxiter=100, progress=None, **kwargs):
        """Estimate the free parameters; returns :class:`CalibrationResults`.

        Parameters
        ----------
        start_params : array, optional
            Unconstrained start (default: :meth:`start_params_theta`).
        method : str, default "minimize"
            A statsmodels optimizer. The default is scipy's trust-region Newton method
            (``min_method="trust-exact"``) with the Fisher information as the Hessian, a
            Levenberg-Marquardt-like scheme that converges in about 15 iterations here.
        maxiter : int, default 100
        progress : callable, optional
            Called as ``progress(iteration, loglike)`` after each iteration.
        **kwargs
            Passed to ``GenericLikelihoodModel.fit``.
        """
        if method == "minimize":
            kwargs.setdefault("min_method", "trust-exact")
        start = self.start_params_theta() if start_params is None else np.asarray(start_params)
        start = start[self.estimated] if not self._reduced(start) else start
        state = {"i": 0}

        def callback(theta, *args):
            state["i"] += 1
            if progress is not None:
                progress(state["i"], self.loglike(theta))

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.filterwarnings("ignore", module="statsmodels")
            res = super().fit(
                start_params=start,
                method=method,
                maxiter=maxiter,
                callback=callback,
                disp=False,
                **kwargs,
            )
        return CalibrationResults.from_statsmodels(self, res)


class CalibrationResults:
    """Estimated parameters of the binational model, statsmodels-style.

    ``params`` and ``bse`` are on the natural scale (``bse`` by the delta method);
    ``conf_int()`` transforms the interval of the unconstrained estimate, so it respects
    each parameter's range. ``theta`` and ``cov_theta`` hold the unconstrained estimate and
    its covariance, from which :meth:`draw` samples. :attr:`model` is the fitted model: the
    model that was calibrated, with the estimates in place.

    Parameters
    ----------
    theta, cov_theta : array
        The unconstrained estimate of :data:`~sdmig.model.estimable.FREE_PARAMETERS` and
        its covariance.
    llf : float
        Log-likelihood at the estimate.
    nobs : int
        Observations fitted.
    converged : bool
    iterations : int
    diagnostics : dict
        MAPE and R^2 per observed series (:func:`fit_diagnostics`).
    data_checksum : str
        SHA-256 of the history fitted.
    version : str
        sdmig version that made the fit.
    method : str
        The optimizer.
    window : tuple of two str
        First and last month fitted.
    noise : dict, optional
        Noise parameters of the state-space model (:mod:`sdmig.inference.statespace`).
    base_params : mapping, optional
        The parameters of the model that was calibrated (those not estimated keep these
        values); default: :func:`~sdmig.model.parameters.default_parameters`.
    driver_knots : array-like, optional
        The economic-driver knots derived for the window.
    held : sequence of str, default ()
        Free parameters held at their start value (the model's) rather than estimated,
        because the window does not identify them; their variance is 0.

    Examples
    --------
    >>> results = CalibrationResults.load()  # the package's calibration
    >>> results.window
    ('2020-01', '2023-09')
    >>> fitted = results.model.params["hurricane_shock"]  # the fitted model's parameters
    """

    def __init__(
        self,
        theta,
        cov_theta,
        llf,
        nobs,
        *,
        converged,
        iterations,
        diagnostics,
        data_checksum,
        version=__version__,
        method="trust-exact",
        window=FIT_WINDOW,
        noise=None,
        base_params=None,
        driver_knots=None,
        held=(),
    ):
        self.theta = np.asarray(theta, dtype=float)
        self.cov_theta = np.asarray(cov_theta, dtype=float)
        self.llf = float(llf)
        self.nobs = int(nobs)
        self.converged = bool(converged)
        self.iterations = int(iterations)
        self.diagnostics = diagnostics
        self.data_checksum = data_checksum
        self.version = version
        self.method = method
        self.window = (str(window[0]), str(window[1]))
        #: Noise parameters of the state-space model (sdmig.inference.statespace), or None.
        self.noise = dict(noise) if noise else None
        defaults = default_parameters()
        base = {k: np.asarray(v, dtype=float) for k, v in (base_params or {}).items()}
        #: The calibrated model's parameters that differ from the defaults.
        self.base_params = {
            k: v.copy() for k, v in base.items() if not np.array_equal(v, defaults.get(k))
        }
        #: The economic-driver knots derived from the data up to the window's end
        #: (:mod:`sdmig.inference.driver_knots`), shape (origin, knot), or None.
        self.driver_knots = None if driver_knots is None else np.asarray(driver_knots, float)
        #: Free parameters held at the model's value, not estimated (the window does not
        #: identify them).
        self.held = tuple(held)

    @classmethod
    def from_statsmodels(cls, model: EncounterLikelihood, res) -> CalibrationResults:
        estimated = np.asarray(res.params, dtype=float)
        theta = model.full_theta(estimated)
        try:
            cov_est = np.asarray(res.cov_params(), dtype=float)
            ok = np.all(np.isfinite(cov_est)) and np.all(np.diag(cov_est) > 0)
        except (np.linalg.LinAlgError, ValueError):
            ok = False
        if not ok:
            cov_est = np.linalg.pinv(-model.hessian(estimated))
            warnings.warn(
                "the information matrix is near singular at the estimate; standard "
                "errors use its pseudo-inverse. Try fewer free parameters or a "
                "different start.",
                ConvergenceWarning,
                stacklevel=3,
            )
        # a held parameter has no variance: every draw keeps its value
        cov = np.zeros((len(theta), len(theta)))
        cov[np.ix_(model.estimated, model.estimated)] = cov_est
        info = res.mle_retvals or {}
        converged = bool(info.get("converged", False))
        if not converged:
            warnings.warn(
                f"the optimizer stopped after {info.get('iterations', '?')} iterations "
                "without converging; try a larger maxiter, another start, or "
                "method='bfgs'.",
                ConvergenceWarning,
                stacklevel=3,
            )
        mu = model.simulate_means(theta[None])[0]
        return cls(
            theta,
            cov,
            model.loglike(theta),
            model.nobs,
            converged=converged,
            iterations=int(info.get("iterations", 0)),
            diagnostics=fit_diagnostics(model.endog, mu, model.obs_labels),
            data_checksum=model.history.attrs.get("sha256", ""),
            method=str(info.get("min_method", "") or "trust-exact"),
            window=(model.start, model.end),
            base_params={
                k: v for k, v in model.border_model.params.items() if k != "economic_driver"
            },
            driver_knots=model.border_model.params["economic_driver"],
            held=model.held,
        )

    # ----------------------------------------------------------- statistics
    @cached_property
    def params(self) -> pd.Series:
        return pd.Series(
            [p.to_natural(t) for p, t in zip(FREE_PARAMETERS, self.theta, strict=True)],
            index=list(FREE_NAMES),
            name="params",
            dtype=float,
        )

    @cached_property
    def bse(self) -> pd.Series:
        se_theta = np.sqrt(np.diag(self.cov_theta))
        slope = []
        for p, t in zip(FREE_PARAMETERS, self.theta, strict=True):
            h = 1e-6
            slope.append((p.to_natural(t + h) - p.to_natural(t - h)) / (2 * h))
        return pd.Series(np.abs(slope) * se_theta, index=list(FREE_NAMES), name="bse")

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals, transformed from the unconstrained scale.

        Parameters
        ----------
        alpha : float, default 0.05
            One minus the coverage.

        Returns
        -------
        pandas.DataFrame
            Columns ``lower`` and ``upper``, one row per free parameter.
        """
        from scipy.stats import norm

        z = norm.ppf(1 - alpha / 2)
        se = np.sqrt(np.diag(self.cov_theta))
        rows = []
        for p, t, s in zip(FREE_PARAMETERS, self.theta, se, strict=True):
            lo, hi = p.to_natural(t - z * s), p.to_natural(t + z * s)
            rows.append((min(lo, hi), max(lo, hi)))
        return pd.DataFrame(rows, index=list(FREE_NAMES), columns=["lower", "upper"])

    @property
    def k_params(self) -> int:
        return len(self.theta)

    @property
    def aic(self) -> float:
        return -2 * self.llf + 2 * self.k_params

    @property
    def bic(self) -> float:
        return -2 * self.llf + np.log(self.nobs) * self.k_params

    def _base(self) -> dict[str, np.ndarray]:
        """The calibrated model's parameters (defaults where the fit kept them)."""
        return {**default_parameters(), **self.base_params}

    def model_params(self) -> dict[str, np.ndarray]:
        """The estimates as model parameter arrays (dispersions left out), with the
        economic-driver knots derived for the fit window.

        Returns
        -------
        dict of str to numpy.ndarray
            Each estimated model parameter, its other elements as in the calibrated model,
            and ``economic_driver`` when the knots were derived.
        """
        if not self.base_params:
            out = params_from_estimates(self.params.to_dict())
        else:
            base = self._base()
            out = {}
            for p in FREE_PARAMETERS:
                if p.param is not None:
                    out.setdefault(p.param, base[p.param].copy())[p.index] = self.params[p.name]
        if self.driver_knots is not None:
            out["economic_driver"] = self.driver_knots.copy()
        return out

    @cached_property
    def model(self):
        """The fitted model: a :class:`~sdmig.model.border.BorderModel` with the calibrated
        model's parameters and the estimates in place."""
        from sdmig.model.border import BorderModel

        return BorderModel(
            params={**self.base_params, **self.model_params()}, use_calibration=False
        )

    def draw(
        self, n: int, seed: int | np.random.SeedSequence | None = None
    ) -> dict[str, np.ndarray]:
        """`n` parameter sets from the estimate's normal distribution (unconstrained scale).

        Parameters
        ----------
        n : int
            Parameter sets.
        seed : int or numpy.random.SeedSequence, optional

        Returns
        -------
        dict of str to numpy.ndarray
            Model parameter arrays with a leading member axis (their other elements as in
            the calibrated model), plus ``alpha_encounters`` and ``alpha_court`` (shape
            ``(n,)``).
        """
        rng = np.random.default_rng(seed)
        # a symmetric square root with negative eigenvalues (round-off) clipped to zero
        values, vectors = np.linalg.eigh((self.cov_theta + self.cov_theta.T) / 2)
        root = vectors * np.sqrt(np.clip(values, 0.0, None))
        thetas = self.theta + rng.standard_normal((n, len(self.theta))) @ root.T
        base = self._base()
        out: dict[str, np.ndarray] = {}
        for j, p in enumerate(FREE_PARAMETERS):
            values = p.to_natural(thetas[:, j])
            if p.param is None:
                out[p.name] = values
                continue
            spec = PARAMS_BY_NAME[p.param]
            arr = out.setdefault(p.param, np.repeat(base[p.param][None], n, axis=0))
            arr[(slice(None), *p.index)] = np.clip(values, spec.low, spec.high)
        return out

    def summary(self) -> Summary:
        """A statsmodels ``Summary``: fit statistics and the parameter table.

        Returns
        -------
        statsmodels.iolib.summary.Summary
            Its first table names the fit window.
        """
        smry = Summary()
        top = [
            ("Model:", "sdmig binational model"),
            ("Likelihood:", "negative binomial (NB2)"),
            ("Fit window:", f"{self.window[0]}..{self.window[1]}"),
            ("No. observations:", str(self.nobs)),
            ("Converged:", str(self.converged)),
        ]
        right = [
            ("Log-likelihood:", f"{self.llf:.1f}"),
            ("AIC:", f"{self.aic:.1f}"),
            ("BIC:", f"{self.bic:.1f}"),
            ("Free parameters:", str(self.k_params)),
            ("sdmig version:", self.version),
        ]
        smry.tables.append(
            SimpleTable(
                [[a, b, c, d] for (a, b), (c, d) in zip(top, right, strict=True)],
                title="sdmig calibration results",
            )
        )
        ci = self.conf_int()
        rows = [
            [
                name,
                f"{self.params[name]:.5g}",
                *(
                    ["held", "", ""]
                    if name in self.held
                    else [
                        f"{self.bse[name]:.3g}",
                        f"{ci.loc[name, 'lower']:.5g}",
                        f"{ci.loc[name, 'upper']:.5g}",
                    ]
                ),
            ]
            for name in FREE_NAMES
        ]
        smry.tables.append(
            SimpleTable(rows, headers=["", "estimate", "std err", "[0.025", "0.975]"])
        )
        diag = [[k, f"{v['mape']:.1f}%", f"{v['r2']:.3f}"] for k, v in self.diagnostics.items()]
        smry.tables.append(SimpleTable(diag, headers=["series", "MAPE", "R^2"]))
        if self.noise:
            rows = [[k, f"{v:.4g}"] for k, v in self.noise.items()]
            smry.tables.append(
                SimpleTable(rows, headers=["noise parameter (state-space model)", "value"])
            )
        notes = [
            "Standard errors come from a composite likelihood (encounters by "
            "origin and by corridor overlap) and are too small."
        ]
        if self.held:
            notes.append(
                f"Held at the model's value, not estimated (the window does not identify "
                f"them): {', '.join(self.held)}."
            )
        smry.add_extra_txt(notes)
        return smry

    # -------------------------------------------------------------- storage
    def to_dict(self) -> dict[str, Any]:
        """The results as JSON-ready data (what :meth:`save` writes).

        Returns
        -------
        dict
        """
        return {
            "sdmig_version": self.version,
            "data_sha256": self.data_checksum,
            "method": self.method,
            "simulation": {"method": SIM_METHOD, "dt": SIM_DT, "backend": default_backend()},
            "fit_window": list(self.window),
            "names": list(FREE_NAMES),
            "theta": self.theta.tolist(),
            "cov_theta": self.cov_theta.tolist(),
            "params": self.params.to_dict(),
            "llf": self.llf,
            "nobs": self.nobs,
            "converged": self.converged,
            "iterations": self.iterations,
            "diagnostics": self.diagnostics,
            **({"noise": self.noise} if self.noise else {}),
            **({"held": list(self.held)} if self.held else {}),
            **(
                {"base_params": {k: v.tolist() for k, v in self.base_params.items()}}
                if self.base_params
                else {}
            ),
            **(
                {
                    "driver_knots": {
                        "knots": list(KNOTS),
                        "data_end": self.window[1],
                        "economic_driver": self.driver_knots.tolist(),
                    }
                }
                if self.driver_knots is not None
                else {}
            ),
        }

    def save(self, path: str | os.PathLike) -> Path:
        """Write the results as JSON (temporary file, then rename).

        Parameters
        ----------
        path : str or path-like

        Returns
        -------
        pathlib.Path
            The file written.
        """
        text = json.dumps(self.to_dict(), indent=1) + "\n"
        return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> CalibrationResults:
        """Read results saved by :meth:`save` (default: the package's calibration)."""
        try:
            text = (
                (files("sdmig.data") / DEFAULT_CALIBRATION).read_text(encoding="utf-8")
                if path is None
                else Path(path).read_text(encoding="utf-8")
            )
            d = json.loads(text)
        except (OSError, json.JSONDecodeError) as exc:
            raise CalibrationError(
                f"cannot read calibration {path or DEFAULT_CALIBRATION}: {exc}"
            ) from None
        if d.get("names") != list(FREE_NAMES):
            raise CalibrationError(
                f"calibration {path or DEFAULT_CALIBRATION} was made for "
                f"other free parameters; run 'sdmig calibrate' again"
            )
        return cls(
            d["theta"],
            d["cov_theta"],
            d["llf"],
            d["nobs"],
            converged=d["converged"],
            iterations=d["iterations"],
            diagnostics=d["diagnostics"],
            data_checksum=d["data_sha256"],
            version=d["sdmig_version"],
            method=d["method"],
            window=tuple(d.get("fit_window", FIT_WINDOW)),
            noise=d.get("noise"),
            base_params=d.get("base_params"),
            driver_knots=(d.get("driver_knots") or {}).get("economic_driver"),
            held=d.get("held", ()),
        )

    def __repr__(self) -> str:
        return (
            f"<CalibrationResults llf={self.llf:.1f} k={self.k_params} nobs={self.nobs} "
            f"converged={self.converged}>"
        )


def fit_diagnostics(y: np.ndarray, mu: np.ndarray, labels: list[str]) -> dict[str, dict]:
    """MAPE [%] and R^2 of the simulated means per observed series.

    Parameters
    ----------
    y, mu : numpy.ndarray
        Observations and simulated means, in the order of `labels`.
    labels : list of str
        From :func:`observations`; the series is the label up to its first space.

    Returns
    -------
    dict of str to dict
        ``{series: {"mape": ..., "r2": ...}}``.

    Examples
    --------
    >>> d = fit_diagnostics(np.array([10.0, 20.0]), np.array([11.0, 19.0]), ["a 1", "a 2"])
    >>> round(d["a"]["mape"], 2), round(d["a"]["r2"], 2)
    (7.5, 0.96)
    """
    series: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        series.setdefault(label.split(" ")[0], []).append(i)
    out = {}
    for name, idx in series.items():
        obs, fit = y[idx], mu[idx]
        ss_res = float(np.sum((obs - fit) ** 2))
        ss_tot = float(np.sum((obs - obs.mean()) ** 2))
        out[name] = {
            "mape": float(np.mean(np.abs(fit - obs) / obs) * 100),
            "r2": 1 - ss_res / ss_tot if ss_tot > 0 else float("nan"),
        }
    return out


def calibrate(
    history_path: str | os.PathLike | None = None,
    *,
    window: tuple[str, str] = FIT_WINDOW,
    maxiter: int = 50,
    progress: Callable[[int, float], None] | None = None,
    noise: bool = False,
    hold: Sequence[str] = (),
    hold_unidentified: bool = False,
) -> CalibrationResults:
    """Fit the model to the shipped history, a history folder or a tidy history file.

    Parameters
    ----------
    history_path : str or path-like, optional
        Anything :func:`sdmig.data.history.load_history` reads; default: the shipped data.
    window : tuple of two str, default ("2020-01", "2023-09")
        First and last month fitted, whatever months the history holds; checked by
        :func:`check_fit_window`. The results remember it (``window``, saved as
        ``fit_window``).
    maxiter : int, default 50
    progress : callable, optional
        Called as ``progress(iteration, loglike)``.
    noise : bool, default False
        Then estimate the state-space model's noise parameters on the months up to the
        window's end (:func:`sdmig.inference.noise.estimate_noise`, a few minutes), saved
        as ``noise``.
    hold : sequence of str, default ()
        Free parameters held at the model's value instead of estimated
        (:class:`EncounterLikelihood`).
    hold_unidentified : bool, default False
        Then, if the fit leaves parameters the window does not identify
        (:func:`unidentified`), fit again with them held as well.

    Returns
    -------
    CalibrationResults

    Raises
    ------
    DataError
        If the history is malformed or lacks a series or month of the window.
    CalibrationError
        If the window is not allowed.

    Notes
    -----
    The economic-driver knots are derived first, from the encounters up to the window's
    end only (:func:`sdmig.inference.driver_knots.fit_driver_knots`), and saved with the
    estimates; every other estimate is fitted with them held.

    The same data and window give the same parameters: the start values, the integrator
    and the optimizer are fixed, and nothing is random (the particle filter behind the
    noise parameters has a fixed seed).
    """
    from sdmig.inference.driver_knots import fit_driver_knots
    from sdmig.model.border import BorderModel

    history = load_history(history_path)
    start, end = check_fit_window(window, history)
    # the driver knots from the data up to the window's end, then the structural fit
    knots = fit_driver_knots(history, end, model=BorderModel(use_calibration=False))
    border = BorderModel({"economic_driver": knots}, use_calibration=False)
    model = EncounterLikelihood(history, model=border, start=start, end=end, hold=hold)
    results = model.fit(maxiter=maxiter, progress=progress)
    weak = unidentified(results) if hold_unidentified else ()
    if weak:
        model = EncounterLikelihood(
            history, model=border, start=start, end=end, hold=(*hold, *weak)
        )
        results = model.fit(maxiter=maxiter, progress=progress)
    if noise:
        from sdmig.inference.noise import estimate_noise

        results.noise = estimate_noise(history, results, end=end)[0].to_dict()
    return results


#: Share of a bounded parameter's range that its 95 % interval must cover to count as not
#: identified by the window.
UNIDENTIFIED_SPAN = 0.99


def unidentified(results: CalibrationResults, span: float = UNIDENTIFIED_SPAN) -> tuple[str, ...]:
    """Bounded free parameters whose 95 % interval covers nearly all of their range.

    Such a parameter is not identified by the fit window: the data leave it anywhere
    between its bounds (for example the share of releases that become court cases when
    the window holds only two fiscal-year ends of the court backlog).

    Parameters
    ----------
    results : CalibrationResults
    span : float, default 0.99
        Share of the range the interval must cover.

    Returns
    -------
    tuple of str
        Their names, in the order of :data:`FREE_NAMES`; parameters already held are left
        out.

    Examples
    --------
    >>> unidentified(CalibrationResults.load())  # the package's calibration: none
    ()
    """
    ci = results.conf_int()
    out = []
    for p in FREE_PARAMETERS:
        if p.transform != "logit" or p.name in results.held:
            continue
        width = ci.loc[p.name, "upper"] - ci.loc[p.name, "lower"]
        if width >= span * (p.high - p.low):
            out.append(p.name)
    return tuple(out)
