"""Rolling-origin backtests of the model against statistical baselines.

For each forecast origin (a month), the model is **re-fitted** by maximum likelihood on the
history up to that month (warm-started from the previous origin's estimate), its economic
drivers are held at their value at the origin (the same status-quo assumption a real
forecast makes), and it forecasts the next 1-12 months of encounters, total and by origin
group. The baselines are fitted on the same windows (from 2018-10): naive (random walk),
seasonal naive, ETS (damped additive trend and additive seasonality on log encounters,
``statsmodels.tsa.holtwinters.ExponentialSmoothing``) and SARIMAX(1,1,0)(0,1,1)12 on log
encounters.

Scores: MASE, the mean absolute error divided by the in-sample mean absolute error of the
seasonal-naive forecast, by horizon band; and the share of held-back months inside the
model's 80 % and 95 % prediction intervals (parameter draws from the re-fitted estimate's
covariance plus negative-binomial observation noise).

One caveat, stated in every report: the driver knots of :mod:`sdmig.model.parameters` were set
once on the whole 2019-2023 history, so the model's past drivers know more than a
forecaster at the origin did.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sdmig.data.history import load_history
from sdmig.errors import ForecastError, SdmigWarning
from sdmig.inference.calibrate import EncounterLikelihood
from sdmig.model.parameters import ENSEMBLE_DT, KNOTS, ORIGINS

DEFAULT_ORIGINS = ("2021-10", "2023-06")
HORIZONS = tuple(range(1, 13))
BANDS = {"1-3": (1, 3), "4-6": (4, 6), "7-12": (7, 12)}
SERIES = ("total", *ORIGINS)
BASELINES = ("naive", "seasonal_naive", "ets", "sarimax")
LEVELS = (0.8, 0.95)


def observed(history) -> pd.DataFrame:
    """Monthly encounters, total and by origin group, indexed by month."""
    by_origin = history["encounters_by_origin"].to_pandas()
    frame = pd.DataFrame({g: by_origin[g] for g in ORIGINS})
    frame.insert(0, "total", frame.sum(axis=1))
    frame.index = pd.PeriodIndex(frame.index, freq="M")
    return frame.dropna()


def baseline_forecasts(train: pd.Series, h: int) -> dict[str, np.ndarray]:
    """The four baselines' point forecasts for the `h` months after `train`."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    y = train.to_numpy(dtype=float)
    log_y = np.log(y)
    out = {
        "naive": np.repeat(y[-1], h),
        "seasonal_naive": np.array([y[len(y) - 12 + (i % 12)] for i in range(h)]),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ets = ExponentialSmoothing(
            log_y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=12
        ).fit()
        out["ets"] = np.exp(ets.forecast(h))
        sarimax = SARIMAX(log_y, order=(1, 1, 0), seasonal_order=(0, 1, 1, 12)).fit(disp=False)
        out["sarimax"] = np.exp(sarimax.forecast(h))
    return out


def freeze_drivers(params: dict[str, np.ndarray], origin: str) -> dict[str, np.ndarray]:
    """`params` with the economic driver held at its value at `origin` from then on."""
    import stockflow as sf
    from sdmig.model.border import START

    knots = np.array([sf.months_since(START, k) for k in KNOTS])
    t = sf.months_since(START, pd.Period(origin, freq="M").end_time.normalize())
    driver = np.array(params["economic_driver"], dtype=float, copy=True)
    at_origin = np.apply_along_axis(lambda row: np.interp(t, knots, row), -1, driver)
    later = knots > t
    driver[..., later] = at_origin[..., None]
    return {**params, "economic_driver": driver}


@dataclass
class OriginForecast:
    """The model's forecast from one origin: point and interval per series and horizon."""

    origin: pd.Period
    point: pd.DataFrame  # horizon x series
    lower: dict[float, pd.DataFrame]
    upper: dict[float, pd.DataFrame]
    theta: np.ndarray


def model_forecast(
    history, origin: str, *, start_theta=None, n_draws: int = 200, seed: int = 0, horizon: int = 12
) -> OriginForecast:
    """Re-fit on the history up to `origin` and forecast `horizon` months."""
    from sdmig.model.border import BorderModel
    from sdmig.policy.scenario import load_scenario

    likelihood = EncounterLikelihood(history, end=origin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SdmigWarning)
        res = likelihood.fit(start_params=start_theta)
    model = BorderModel(use_calibration=False)
    draws = res.draw(n_draws, seed=seed)
    alpha = np.concatenate([[res.params["alpha_encounters"]], draws.pop("alpha_encounters")])
    draws.pop("alpha_court")
    point = res.model_params()
    params = {k: np.concatenate([point[k][None], v]) for k, v in draws.items()}
    params["economic_driver"] = np.repeat(
        model.params["economic_driver"][None], n_draws + 1, axis=0
    )
    params = freeze_drivers(params, origin)
    first = pd.Period(origin, freq="M") + 1
    last = first + horizon - 1
    ds = model.simulate(
        load_scenario("baseline"),
        params=params,
        end=str(last),
        method="rk4",
        dt=ENSEMBLE_DT,
        variables=["encounters"],
    )
    mu = ds["encounters"].sum("corridor").sel(time=slice(str(first), str(last)))
    mu = mu.transpose("member", "time", "origin").values  # (members, h, origin)
    rng = np.random.default_rng(seed)
    r = 1.0 / alpha[:, None, None]
    noisy = rng.negative_binomial(r, r / (r + mu)).astype(float)
    columns = {"total": noisy.sum(-1), **{g: noisy[..., i] for i, g in enumerate(ORIGINS)}}
    index = pd.Index(range(1, horizon + 1), name="horizon")
    point_frame = pd.DataFrame(
        {"total": mu[0].sum(-1), **{g: mu[0, :, i] for i, g in enumerate(ORIGINS)}}, index=index
    )
    lower, upper = {}, {}
    for level in LEVELS:
        q = (1 - level) / 2
        lower[level] = pd.DataFrame(
            {k: np.quantile(v, q, axis=0) for k, v in columns.items()}, index=index
        )
        upper[level] = pd.DataFrame(
            {k: np.quantile(v, 1 - q, axis=0) for k, v in columns.items()}, index=index
        )
    return OriginForecast(pd.Period(origin, freq="M"), point_frame, lower, upper, res.theta)


@dataclass
class BacktestResults:
    """Scores of a backtest; ``errors`` holds every scaled error behind them."""

    errors: pd.DataFrame
    coverage: pd.DataFrame
    origins: tuple[str, str]

    @property
    def mase(self) -> pd.DataFrame:
        """MASE by series and forecaster (rows) and horizon band (columns)."""
        frame = self.errors.copy()
        frame["band"] = pd.cut(frame["horizon"], bins=[0, 3, 6, 12], labels=list(BANDS))
        table = frame.pivot_table(
            index=["series", "forecaster"],
            columns="band",
            values="scaled_error",
            aggfunc="mean",
            observed=False,
        )
        return table.reindex(columns=list(BANDS))

    def format(self) -> str:
        lines = [
            f"MASE by horizon band, origins {self.origins[0]}..{self.origins[1]} "
            "(model re-fitted at each origin)",
            "",
            "| series | forecaster | " + " | ".join(BANDS) + " |",
            "|---|---|" + "---|" * len(BANDS),
        ]
        for (series, forecaster), row in self.mase.iterrows():
            cells = " | ".join(f"{x:.2f}" for x in row)
            lines.append(f"| {series} | {forecaster} | {cells} |")
        lines += [
            "",
            "Empirical coverage of the model's prediction intervals",
            "",
            "| series | 80% | 95% |",
            "|---|---|---|",
        ]
        for series, row in self.coverage.iterrows():
            lines.append(f"| {series} | {row['80%']:.0%} | {row['95%']:.0%} |")
        lines += ["", "Caveat: the driver knots were set on the whole 2019-2023 history."]
        return "\n".join(lines)


def backtest(
    history_path=None,
    *,
    first: str = DEFAULT_ORIGINS[0],
    last: str = DEFAULT_ORIGINS[1],
    n_draws: int = 200,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> BacktestResults:
    """Rolling-origin backtest with origins every month from `first` to `last`.

    Raises
    ------
    ForecastError
        Origins outside the history, or fewer than 24 months before the first origin.
    """
    history = load_history(history_path)
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
    rows, hits = [], []
    theta = None
    for origin in origins:
        if progress is not None:
            progress(str(origin))
        horizon = min(12, (data.index[-1] - origin).n)
        fc = model_forecast(
            history, str(origin), start_theta=theta, n_draws=n_draws, seed=seed, horizon=horizon
        )
        theta = fc.theta
        for series in SERIES:
            train = data.loc[:origin, series]
            y = train.to_numpy(dtype=float)
            scale = float(np.mean(np.abs(y[12:] - y[:-12])))  # in-sample seasonal naive
            actual = data[series].loc[origin + 1 : origin + horizon].to_numpy()
            forecasts = {"model": fc.point[series].to_numpy(), **baseline_forecasts(train, horizon)}
            for name, values in forecasts.items():
                for h in range(1, horizon + 1):
                    rows.append(
                        {
                            "origin": str(origin),
                            "series": series,
                            "forecaster": name,
                            "horizon": h,
                            "scaled_error": abs(values[h - 1] - actual[h - 1]) / scale,
                        }
                    )
            for h in range(1, horizon + 1):
                hits.append(
                    {
                        "series": series,
                        **{
                            f"{int(level * 100)}%": bool(
                                fc.lower[level].loc[h, series]
                                <= actual[h - 1]
                                <= fc.upper[level].loc[h, series]
                            )
                            for level in LEVELS
                        },
                    }
                )
    coverage = pd.DataFrame(hits).groupby("series").mean().loc[list(SERIES)]
    return BacktestResults(pd.DataFrame(rows), coverage, (str(origins[0]), str(origins[-1])))
