"""Honest rolling-origin backtests of the filtered model against statistical baselines.

For each forecast origin (every month from `first` to `last`), the model's state is the
particle filter's estimate from the observations up to that month and no later: one
filter pass over the history gives them all, since the filtered state at a month depends
only on the data up to it (:mod:`sdmig.inference.nowcast`). From each origin the particles
run 1-12 months ahead with their process noise, parameter draws and observation noise, in
two ways:

- ``status quo``: every policy input held at its value at the end of the origin month;
- ``known policy``: the historical levers (``baseline`` scenario) with their later dates
  as they happened.

The structural parameters and the noise parameters at each origin come from the
calibration whose fit window ends latest at or before the origin
(:func:`sdmig.inference.origin_calibrations.calibration_for`; by default the package's
calibrations, fitted on 2020-01..2021-09, ..2022-03, ..2022-09, ..2023-03 and ..2023-09, the
noise parameters on 2019-10 to the same end), so none of them was fitted on a month after
the origin. The filter runs once per calibration in use, through the last origin that uses
it. No driver curve is used: the level is carried by the filtered latent state alone.

The baselines are fitted on the same windows (from 2018-10), each giving a predictive
distribution as samples, so that every forecaster gets the same scores:

- ``naive`` (random walk) and ``seasonal_naive``: lognormal around the last value (of the
  same month a year before), with the root mean square of the training data's log changes
  over the same lag as the log-scale spread;
- ``ets``: Holt-Winters with damped additive trend and additive seasonality on log
  encounters (``statsmodels`` ``ExponentialSmoothing``), simulated paths;
- ``sarimax``: SARIMAX(1,1,0)(0,1,1)12 on log encounters, Gaussian on the log scale.

Scores by horizon band, for the total and each origin group, over every origin and horizon
in the band:

- MASE: mean absolute error of the median, divided by the in-sample mean absolute error
  of the seasonal-naive forecast at the origin;
- CRPS skill: ``1 - CRPS / CRPS(seasonal naive)`` (CRPS summed over the band, from the
  samples with ``scoringrules.crps_ensemble``);
- bias: the mean signed error of the median on the MASE scale (positive: too high);
- coverage of the central 50, 80 and 95 % intervals.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sdmig.errors import ForecastError
from sdmig.model.parameters import ORIGINS

DEFAULT_ORIGINS = ("2021-10", "2024-06")
HORIZONS = tuple(range(1, 13))
BANDS = {"1-3": (1, 3), "4-6": (4, 6), "7-12": (7, 12)}
SERIES = ("total", *ORIGINS)
MODEL_ROWS = ("status quo", "known policy")
BASELINES = ("naive", "seasonal_naive", "ets", "sarimax")
LEVELS = (0.5, 0.8, 0.95)
#: Samples drawn from each baseline's predictive distribution.
BASELINE_SAMPLES = 1000


def observed(history) -> pd.DataFrame:
    """Monthly encounters, total and by origin group, indexed by month.

    Parameters
    ----------
    history : xarray.Dataset

    Returns
    -------
    pandas.DataFrame
        Columns total, MEX, NTCA, OTHER; a monthly PeriodIndex; months with a gap dropped.
    """
    by_origin = history["encounters_by_origin"].to_pandas()
    frame = pd.DataFrame({g: by_origin[g] for g in ORIGINS})
    frame.insert(0, "total", frame.sum(axis=1))
    frame.index = pd.PeriodIndex(frame.index, freq="M")
    return frame.dropna()


def baseline_forecasts(
    train: pd.Series, h: int, *, n: int = BASELINE_SAMPLES, seed: int = 0, warm: dict | None = None
) -> dict[str, np.ndarray]:
    """The four baselines' predictive samples ``(n, h)`` for the `h` months after `train`.

    Parameters
    ----------
    train : pandas.Series
        Monthly values up to the origin.
    h : int
        Months ahead.
    n : int, default 1000
        Samples.
    seed : int, default 0
    warm : dict, optional
        Carries SARIMAX's estimate from one call to the next as its start (a rolling
        backtest refits on windows one month apart).

    Returns
    -------
    dict of str to numpy.ndarray
        Samples ``(n, h)`` for each of :data:`BASELINES`.
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    rng = np.random.default_rng(seed)
    y = train.to_numpy(dtype=float)
    log_y = np.log(y)
    steps = np.arange(1, h + 1)
    naive_sd = np.array([_rms(log_y[k:] - log_y[:-k]) for k in steps])
    seasonal_sd = _rms(log_y[12:] - log_y[:-12]) * np.sqrt(np.ceil(steps / 12))
    seasonal = np.array([log_y[len(y) - 12 + (i % 12)] for i in range(h)])
    z = rng.standard_normal((n, h))
    out = {
        "naive": np.exp(log_y[-1] + naive_sd * z),
        "seasonal_naive": np.exp(seasonal + seasonal_sd * z),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ets = ExponentialSmoothing(
            log_y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=12
        ).fit()
        paths = ets.simulate(h, repetitions=n, error="add", random_state=rng)
        out["ets"] = np.exp(np.asarray(paths).T.reshape(n, h))
        sarimax = SARIMAX(
            log_y, order=(1, 1, 0), seasonal_order=(0, 1, 1, 12), concentrate_scale=True
        ).fit(start_params=(warm or {}).get("sarimax"), disp=False)
        if warm is not None:
            warm["sarimax"] = sarimax.params
        pred = sarimax.get_forecast(h)
        mean, sd = np.asarray(pred.predicted_mean), np.sqrt(np.asarray(pred.var_pred_mean))
        out["sarimax"] = np.exp(mean + sd * rng.standard_normal((n, h)))
    return out


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2)))


def model_forecasts(
    state_space, snapshot, horizon: int, *, seed: int
) -> dict[str, dict[str, np.ndarray]]:
    """Predictive samples per series, for both model rows.

    Parameters
    ----------
    state_space : BorderStateSpace
        The filtered state space.
    snapshot : mapping
        The particles at the origin (:meth:`BorderStateSpace.snapshot`).
    horizon : int
        Months ahead.
    seed : int
        Seed of the process and observation noise.

    Returns
    -------
    dict
        ``{row: {series: samples (particles, horizon)}}`` for :data:`MODEL_ROWS`.
    """
    out = {}
    for row, hold in zip(MODEL_ROWS, (True, False), strict=True):
        rng = np.random.default_rng([seed, int(snapshot["step"]), hold])
        draw = state_space.forecast(snapshot, horizon, rng, hold_policy=hold)
        enc = draw["encounters_by_origin"]  # (n, h, origin)
        out[row] = {"total": enc.sum(-1), **{g: enc[..., i] for i, g in enumerate(ORIGINS)}}
    return out


@dataclass
class BacktestResults:
    """Scores of a backtest.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per origin, series, forecaster and horizon: scaled absolute and signed
        errors, CRPS, and whether the 50, 80 and 95 % intervals held the value.
    origins : (str, str)
        First and last origin.
    n_particles : int
    seconds : dict of str to float
        Run time of each stage.
    calibrations : dict of str to (str, str), optional
        At each origin (``YYYY-MM``), the fit window of the calibration the model rows
        used: its structural parameters were fitted on that window, its noise parameters
        on 2019-10 to the window's end.
    """

    scores: pd.DataFrame
    origins: tuple[str, str]
    n_particles: int
    seconds: dict[str, float] = field(default_factory=dict)
    calibrations: dict[str, tuple[str, str]] = field(default_factory=dict)

    def table(self, first_origin: str | None = None) -> pd.DataFrame:
        """Scores by series, forecaster and band.

        Parameters
        ----------
        first_origin : str, optional
            ``YYYY-MM``: score only the origins from this month on.

        Returns
        -------
        pandas.DataFrame
            Rows (series, forecaster, band); columns MASE, CRPS skill, bias and the
            coverage of the 50, 80 and 95 % intervals.
        """
        frame = self.scores.copy()
        if first_origin is not None:
            months = pd.PeriodIndex(frame["origin"], freq="M")
            frame = frame[months >= pd.Period(first_origin, freq="M")]
        frame["band"] = pd.cut(frame["horizon"], bins=[0, 3, 6, 12], labels=list(BANDS))
        group = frame.groupby(["series", "forecaster", "band"], observed=True, sort=False)
        table = pd.DataFrame(
            {
                "MASE": group["abs_error"].mean(),
                "crps": group["crps"].sum(),
                "bias": group["error"].mean(),
                **{f"{int(lv * 100)}%": group[f"in{int(lv * 100)}"].mean() for lv in LEVELS},
            }
        )
        reference = table.xs("seasonal_naive", level="forecaster")["crps"]
        skill = [
            1 - row.crps / reference.loc[(series, band)]
            for (series, _, band), row in table.iterrows()
        ]
        table.insert(1, "CRPS skill", skill)
        return table.drop(columns="crps")

    def calibration_note(self) -> str:
        """Which calibration the model rows used at which origins.

        Returns
        -------
        str
            One sentence; empty when :attr:`calibrations` is.

        Examples
        --------
        >>> res = BacktestResults(pd.DataFrame(), ("2022-01", "2022-03"), 10, calibrations={
        ...     "2022-01": ("2020-01", "2021-09"), "2022-02": ("2020-01", "2021-09"),
        ...     "2022-03": ("2020-01", "2022-03")})
        >>> print(res.calibration_note())  # doctest: +NORMALIZE_WHITESPACE
        Calibration at each origin: the one fitted on the latest window ending at or before
        it (noise parameters on 2019-10 to the same end): 2020-01..2021-09 at 2022-01..2022-02
        (2 origins), 2020-01..2022-03 at 2022-03 (1 origin).
        """
        if not self.calibrations:
            return ""
        runs: list[list] = []  # [window, first origin, last origin, count]
        for origin, window in self.calibrations.items():
            window = tuple(window)
            if runs and runs[-1][0] == window:
                runs[-1][2:] = [origin, runs[-1][3] + 1]
            else:
                runs.append([window, origin, origin, 1])
        parts = [
            f"{w[0]}..{w[1]} at {a}{'' if a == b else '..' + b} ({n} origin{'' if n == 1 else 's'})"
            for w, a, b, n in runs
        ]
        return (
            "Calibration at each origin: the one fitted on the latest window ending at or "
            "before it (noise parameters on 2019-10 to the same end): " + ", ".join(parts) + "."
        )

    def later_data_note(self) -> str:
        """Which origins used a calibration fitted on data after them.

        Returns
        -------
        str
            A warning naming them; empty when there is none (as in every run of
            :func:`backtest`, which never chooses such a calibration).

        Examples
        --------
        >>> res = BacktestResults(pd.DataFrame(), ("2022-01", "2022-01"), 10,
        ...                       calibrations={"2022-01": ("2020-01", "2023-09")})
        >>> res.later_data_note()[:47]
        'Fitted on data after the origin: the structural'
        """
        late = [
            origin
            for origin, window in self.calibrations.items()
            if pd.Period(window[1], freq="M") > pd.Period(origin, freq="M")
        ]
        if not late:
            return ""
        return (
            "Fitted on data after the origin: the structural and noise parameters at "
            f"{len(late)} of {len(self.calibrations)} origins ({', '.join(late)})."
        )

    def format(self) -> str:
        """The table as Markdown, one block per series.

        Returns
        -------
        str
        """
        forecasters = [*MODEL_ROWS, *BASELINES]
        lines = [
            f"Rolling origins {self.origins[0]}..{self.origins[1]}, horizons 1-12 months; "
            f"model: particle filter at each origin ({self.n_particles} particles)",
        ]
        lines += [note for note in (self.calibration_note(), self.later_data_note()) if note]
        table = self.table()
        for series in SERIES:
            lines += [
                "",
                f"**{series}**",
                "",
                "| forecaster | band | MASE | CRPS skill | bias | 50% | 80% | 95% |",
                "|---|---|---:|---:|---:|---:|---:|---:|",
            ]
            for f in forecasters:
                for band in BANDS:
                    if (series, f, band) not in table.index:
                        continue
                    r = table.loc[(series, f, band)]
                    lines.append(
                        f"| {f} | {band} | {r['MASE']:.2f} | {r['CRPS skill']:+.0%} | "
                        f"{r['bias']:+.2f} | {r['50%']:.0%} | {r['80%']:.0%} | {r['95%']:.0%} |"
                    )
        if self.seconds:
            parts = ", ".join(f"{k} {v:.0f} s" for k, v in self.seconds.items())
            lines += ["", f"Run time: {parts}."]
        return "\n".join(lines)


def _score_rows(origin, series, name, samples, actual, scale) -> list[dict]:
    import scoringrules as sr

    med = np.median(samples, axis=0)
    crps = sr.crps_ensemble(actual, samples.T)
    rows = []
    for h in range(len(actual)):
        row = {
            "origin": str(origin),
            "series": series,
            "forecaster": name,
            "horizon": h + 1,
            "abs_error": abs(med[h] - actual[h]) / scale,
            "error": (med[h] - actual[h]) / scale,
            "crps": float(crps[h]),
        }
        for lv in LEVELS:
            lo, hi = np.quantile(samples[:, h], [(1 - lv) / 2, (1 + lv) / 2])
            row[f"in{int(lv * 100)}"] = bool(lo <= actual[h] <= hi)
        rows.append(row)
    return rows


def backtest(
    history=None,
    *,
    first: str = DEFAULT_ORIGINS[0],
    last: str = DEFAULT_ORIGINS[1],
    n_particles: int = 1000,
    seed: int = 0,
    calibrations=None,
    progress: Callable[[str], None] | None = None,
) -> BacktestResults:
    """Rolling-origin backtest with origins every month from `first` to `last`.

    Parameters
    ----------
    history : None, path or xarray.Dataset
        Default: the shipped history.
    first, last : str
        First and last origin, ``YYYY-MM``.
    n_particles : int, default 1000
    seed : int, default 0
    calibrations : CalibrationResults or sequence of them, optional
        The candidates; at each origin the one whose fit window ends latest at or before
        it is used (:func:`~sdmig.inference.origin_calibrations.calibration_for`).
        Default: the package's (:func:`~sdmig.inference.origin_calibrations.shipped_calibrations`).
    progress : callable, optional
        Called with a short message at each stage.

    Returns
    -------
    BacktestResults

    Raises
    ------
    ForecastError
        Origins that are not months, outside the history, or fewer than 24 months after
        its start; or an origin before the end of every candidate calibration's window.

    Examples
    --------
    A short run takes about a minute (two filter passes, two calibrations)::

        res = backtest(first="2022-08", last="2022-09", n_particles=100)
        res.calibrations  # {'2022-08': ('2020-01', '2022-03'), '2022-09': ('2020-01', '2022-09')}
        print(res.format())
    """
    import time

    from sdmig.inference.calibrate import CalibrationResults
    from sdmig.inference.filter import particle_filter
    from sdmig.inference.nowcast import build_state_space, resolve_history
    from sdmig.inference.origin_calibrations import assign_calibrations, shipped_calibrations

    started = time.perf_counter()
    history = resolve_history(history)
    data = observed(history)
    try:
        origins = list(pd.period_range(first, last, freq="M"))
    except ValueError:
        raise ForecastError(f"origins {first!r}..{last!r} are not months; use YYYY-MM") from None
    if not origins or origins[0] - 24 < data.index[0] or origins[-1] >= data.index[-1]:
        raise ForecastError(
            f"origins {first}..{last} must lie inside the history "
            f"{data.index[0] + 24}..{data.index[-1] - 1}"
        )
    if calibrations is None:
        calibrations = shipped_calibrations()
    elif isinstance(calibrations, CalibrationResults):
        calibrations = [calibrations]
    chosen = assign_calibrations(origins, calibrations)
    # one filter pass per calibration in use, through the last origin that uses it: the
    # filtered state at a month depends only on the data up to it
    snapshots: dict[pd.Period, tuple] = {}
    for cal in {id(c): c for c in chosen}.values():
        mine = [o for o, c in zip(origins, chosen, strict=True) if c is cal]
        if progress is not None:
            progress(f"filtering through {mine[-1]} (calibration {'..'.join(cal.window)})")
        ss = build_state_space(history, str(mine[-1]), calibration=cal)
        steps = [(o - ss.first).n for o in mine]
        run = particle_filter(
            ss, n_particles, seed=seed, snapshot_steps=steps, snapshot=ss.snapshot
        )
        snapshots.update({o: (ss, run.snapshots[k]) for o, k in zip(mine, steps, strict=True)})
    seconds = {"filter": time.perf_counter() - started, "model forecasts": 0.0, "baselines": 0.0}
    rows: list[dict] = []
    warm: dict[str, dict] = {series: {} for series in SERIES}
    for origin in origins:
        if progress is not None:
            progress(f"origin {origin}")
        horizon = min(12, (data.index[-1] - origin).n)
        tick = time.perf_counter()
        ss, snapshot = snapshots[origin]
        model = model_forecasts(ss, snapshot, horizon, seed=seed)
        seconds["model forecasts"] += time.perf_counter() - tick
        for series in SERIES:
            train = data.loc[:origin, series]
            y = train.to_numpy(dtype=float)
            scale = float(np.mean(np.abs(y[12:] - y[:-12])))  # in-sample seasonal naive
            actual = data[series].loc[origin + 1 : origin + horizon].to_numpy()
            samples = {row: model[row][series] for row in MODEL_ROWS}
            tick = time.perf_counter()
            samples.update(baseline_forecasts(train, horizon, seed=seed, warm=warm[series]))
            seconds["baselines"] += time.perf_counter() - tick
            for name, s in samples.items():
                rows += _score_rows(origin, series, name, s, actual, scale)
    seconds["total"] = time.perf_counter() - started
    return BacktestResults(
        pd.DataFrame(rows),
        (str(origins[0]), str(origins[-1])),
        n_particles,
        seconds,
        calibrations={str(o): tuple(c.window) for o, c in zip(origins, chosen, strict=True)},
    )
