"""Nowcasts: the filtered state, honest origins, later months, simulated truth, the CLI."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from click.testing import CliRunner

import sdmig
from sdmig.cli.main import main
from sdmig.data.history import load_history, write_history_csv
from sdmig.errors import DataError, ForecastError
from sdmig.inference.filter import FILTER_QUANTILES, particle_filter
from sdmig.inference.statespace import BorderStateSpace, NoiseParameters, observation_draw
from sdmig.model.border import BorderModel
from sdmig.model.parameters import CORRIDORS, ORIGINS


@pytest.fixture(scope="module")
def short():
    return sdmig.nowcast(through="2020-12", n_particles=100)


def test_nowcast_gives_every_stock_and_driver_at_every_month(short):
    state = short.state
    assert state.sizes["time"] == 15  # 2019-10..2020-12
    for name in ("court_backlog", "in_transit", "waiting", "pressure_shift", "route_shift"):
        assert name in state
    assert state["pressure_trend"].dims == ("time", "quantile", "origin")
    q = state["in_transit"].transpose("quantile", ...).values
    assert (np.diff(q, axis=0) >= -1e-9).all()  # quantiles in order
    assert np.isfinite(short.loglik)
    table = short.table()
    assert set(table["where"]) >= {*ORIGINS, *CORRIDORS}
    assert (table["lower"] <= table["median"]).all() and (table["median"] <= table["upper"]).all()
    text = short.format()
    assert "Nowcast for 2020-12" in text and "One-step-ahead check" in text


def test_nowcast_is_reproducible(short):
    again = sdmig.nowcast(through="2020-12", n_particles=100)
    assert again.loglik == short.loglik
    xr.testing.assert_equal(again.state, short.state)


def _changed_after(tmp_path, month, factor=1.0, extra=0):
    """The shipped history with encounters after `month` times `factor`, plus `extra`
    months (copies of the last one)."""
    ds = load_history()
    last = ds["time"].to_index()[-1]
    if extra:
        more = pd.date_range(last + pd.offsets.MonthBegin(1), periods=extra, freq="MS")
        ds = ds.reindex(time=ds["time"].to_index().append(more))
        for name in ("encounters_by_origin", "usbp_by_corridor"):
            ds[name].loc[{"time": more}] = ds[name].sel(time=last).values
    later = ds["time"].to_index() > pd.Period(month, freq="M").to_timestamp()
    for name in ("encounters_by_origin", "usbp_by_corridor"):
        ds[name].loc[{"time": later}] = ds[name].sel(time=later).values * factor
    path = tmp_path / "history.csv"
    write_history_csv(ds, path)
    return path, pd.Period(ds["time"].to_index()[-1], freq="M")


def test_history_with_later_months_moves_the_forecast(tmp_path):
    path, last = _changed_after(tmp_path, "2030-01", extra=2)
    res = sdmig.nowcast(path, n_particles=50)
    assert res.through == last
    ds = sdmig.forecast(
        ["baseline"], origin="last", history=path, end="2025-06", particles=50
    ).dataset
    assert str(ds["time"].values[0])[:7] == str(last + 1)
    assert ds.attrs["origin"] == str(last)


def test_forecast_from_an_origin_uses_no_later_data(tmp_path):
    changed, _ = _changed_after(tmp_path, "2023-09", factor=5.0)
    kwargs = dict(origin="2023-09", end="2024-02", particles=50, members=20)
    a = sdmig.forecast(["baseline"], history=changed, **kwargs).dataset
    b = sdmig.forecast(["baseline"], **kwargs).dataset
    xr.testing.assert_equal(a["encounters"], b["encounters"])


def test_forecast_intervals_grow_with_the_horizon():
    ds = sdmig.forecast(
        ["baseline"], origin="2022-06", end="2023-06", particles=200, members=200
    ).dataset
    total = ds["encounters"].sel(scenario="baseline").sum(["origin", "corridor"])
    q = total.quantile([0.1, 0.9], dim="member")
    width = (q.sel(quantile=0.9) - q.sel(quantile=0.1)) / total.median("member")
    assert float(width[-1]) > 1.5 * float(width[0])


def test_bad_months_are_clear_errors():
    with pytest.raises(DataError, match="after the last observed month"):
        sdmig.nowcast(through="2030-01", n_particles=10)
    with pytest.raises(DataError, match="not a month"):
        sdmig.nowcast(through="2021-13", n_particles=10)
    with pytest.raises(ForecastError, match="origin"):
        sdmig.forecast(["baseline"], origin="June", end="2024-01")


def _simulate_from_the_model(model, noise, through, seed):
    """Observations drawn from the state-space model itself, and its true shifts."""
    truth = BorderStateSpace(model, load_history(), through, noise=noise)
    rng = np.random.default_rng(seed)
    truth.start(1, rng)
    shifts, origin_obs, corridor_obs, court = [], [], [], {}
    for step in range(truth.n_steps):
        truth.propagate(step, rng)
        shifts.append(truth.sim.stock(truth.y, "pressure_shift")[0].copy())
        mu = truth._observed_means(step)
        origin_obs.append(observation_draw(mu["origin"], noise.obs_origin_sd, rng)[0])
        corridor_obs.append(observation_draw(mu["corridor"], noise.obs_corridor_sd, rng)[0])
        if truth.months[step].month == 9:
            court[truth.months[step].year] = float(
                observation_draw(mu["court"], noise.obs_court_sd, rng)[0]
            )
    simulated = xr.Dataset(
        {
            "encounters_by_origin": (("time", "origin"), np.array(origin_obs)),
            "usbp_by_corridor": (("time", "corridor"), np.array(corridor_obs)),
            "court_pending": ("fiscal_year", list(court.values())),
        },
        coords={
            "time": truth.months.to_timestamp(),
            "origin": list(ORIGINS),
            "corridor": list(CORRIDORS),
            "fiscal_year": list(court),
        },
    )
    return simulated, np.array(shifts)


def test_filter_recovers_the_state_of_data_simulated_from_the_model():
    model, noise, through = BorderModel(), NoiseParameters(), "2021-09"
    lo, hi = FILTER_QUANTILES.index(0.1), FILTER_QUANTILES.index(0.9)
    inside = []
    for seed in (11, 12, 13):
        simulated, shifts = _simulate_from_the_model(model, noise, through, seed)
        run = particle_filter(BorderStateSpace(model, simulated, through, noise=noise), 1000)
        q = run.quantiles["pressure_shift"]  # (months, quantiles, origin)
        inside.append((q[:, lo] <= shifts) & (shifts <= q[:, hi]))
    # nominal 0.80 over 3 runs x 24 months x 3 origins (correlated within a run)
    assert 0.68 <= np.mean(inside) <= 0.92


def test_cli_nowcast_prints_the_state_and_the_check():
    result = CliRunner().invoke(main, ["nowcast", "--through", "2021-03", "--particles", "50"])
    assert result.exit_code == 0, result.output
    assert "Nowcast for 2021-03" in result.output
    assert "court backlog" in result.output and "2021-03" in result.output.split("check")[1]


def test_cli_nowcast_bad_month_is_one_line():
    result = CliRunner().invoke(main, ["nowcast", "--through", "2031-01"])
    assert result.exit_code == 1
    assert "after the last observed month" in result.output
    assert "Traceback" not in result.output


def test_public_forecast_starts_from_the_last_observed_month_by_default():
    from sdmig.inference.nowcast import last_observed, resolve_history

    last = last_observed(resolve_history(None))
    res = sdmig.forecast(["baseline"], end=str(last + 3), particles=50)
    ds = res.dataset
    assert ds.attrs["origin"] == str(last)
    assert str(ds["time"].values[0])[:7] == str(last + 1)
    open_loop = sdmig.forecast(["baseline"], end="2019-12", origin="open-loop").dataset
    assert str(open_loop["time"].values[0])[:7] == "2019-10"


def test_a_triggered_lever_switches_per_particle_and_its_latch_is_resampled():
    from sdmig.inference.statespace import latch_state, select_particles

    quiet = NoiseParameters(level_sd=0, route_sd=0, court_sd=0, initial_sd=0, level_corr=0)
    ss = BorderStateSpace(BorderModel(), load_history(), "2024-12", noise=quiet)
    rng = np.random.default_rng(0)
    ss.start(2, rng)
    june = (pd.Period("2024-06", freq="M") - ss.first).n
    for step in range(june):
        ss.propagate(step, rng)
    # particle 0 many people on the move, particle 1 almost none: a synthetic path on
    # which the proclamation (on at its start, off after 7-day averages below 1,500 a day
    # for 14 days) stays on for one and switches off for the other
    shift = np.array([[3.0], [-6.0]])
    ss.sim.stock(ss.y, "pressure_shift")[:] += shift
    ss.sim.stock(ss.y, "in_transit")[:] *= np.exp(shift)
    ss.sim.stock(ss.y, "waiting")[:] *= np.exp(shift)[:, :, None]
    for step in range(june, june + 3):
        ss.propagate(step, rng)
    on = latch_state(ss.bound.latches)["proclamation_2024"][0]
    assert on.tolist() == [1.0, 0.0]
    snap = ss.snapshot(june + 2)
    assert select_particles(snap, np.array([1, 0]))["latches"]["proclamation_2024"][0].tolist() == [
        0.0,
        1.0,
    ]
    ss.resample(np.array([0, 0]))  # both now the particle with the lever on
    assert latch_state(ss.bound.latches)["proclamation_2024"][0].tolist() == [1.0, 1.0]
    ss.propagate(june + 3, rng)
    enc = ss.values(june + 3)["encounters_by_origin"]
    np.testing.assert_allclose(enc[0], enc[1], rtol=1e-12)


def test_student_t_pressure_steps_keep_their_standard_deviation():
    ss = BorderStateSpace(
        BorderModel(), load_history(), "2020-03", noise=NoiseParameters(level_df=5.0)
    )
    draw = ss._level_draw(np.random.default_rng(1), (200_000,))
    assert draw.std() == pytest.approx(1.0, abs=0.02)
    assert np.mean(np.abs(draw) > 3) > 0.004  # a normal has 0.0027 beyond 3 sd
    with pytest.raises(Exception, match="level_df = 2.0 must be 0 \\(normal steps\\) or more"):
        NoiseParameters(level_df=2.0)
