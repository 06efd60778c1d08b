"""The output Dataset: dims, coordinates, CF attrs, solver diagnostics, NetCDF round trip."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from numpy.testing import assert_allclose

import stockflow as sf

ORIGINS = ["MEX", "GTM", "HND"]
CORRIDORS = ["tijuana", "juarez", "laredo", "rgv"]


def labelled_model():
    m = sf.Model("labels", start="2019-10", dims={"origin": ORIGINS, "corridor": CORRIDORS})
    m.param("rate", [0.1, 0.2, 0.3], dims="origin", units="1/month", long_name="departure rate")
    m.series("season", ["2019-10", "2020-04"], [1.0, 1.5], units="1", long_name="seasonality")
    m.input("capacity", 40.0, units="people/month", long_name="processing capacity")
    m.lookup("effect", [0, 100], [1.0, 0.5])
    m.stock("pool", [100.0, 50.0, 20.0], dims="origin", units="people", long_name="people ready")
    m.stock("waiting", 1.0, dims=("origin", "corridor"), units="people", long_name="people waiting")
    m.aux(
        "total_waiting",
        lambda v: v.waiting.sum(axis=(1, 2)),
        units="people",
        long_name="people waiting anywhere",
    )
    m.flow(
        "departures",
        lambda v: (v.season[:, None] * v.rate * v.pool)[..., None] * np.full(4, 0.25),
        source="pool",
        target="waiting",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="departures",
    )
    m.flow(
        "processed",
        lambda v: (
            v.capacity[:, None, None]
            * v.effect(v.total_waiting)[:, None, None]
            * v.waiting
            / (1 + v.total_waiting[:, None, None])
        ),
        source="waiting",
        dims=("origin", "corridor"),
        units="people/month",
        long_name="people processed",
    )
    m.smooth("smoothed", "total_waiting", 2.0, units="people")
    return m


@pytest.fixture(scope="module")
def single():
    return sf.simulate(labelled_model(), "2020-09", method="RK45")


@pytest.fixture(scope="module")
def ensemble():
    return sf.simulate(
        labelled_model(),
        12,
        method="rk4",
        params={"rate": np.linspace(0.05, 0.4, 12).reshape(4, 3)},
    )


def test_dims_and_coords(single):
    assert dict(single.sizes) == {"time": 12, "origin": 3, "corridor": 4}
    assert list(single.origin.values) == ORIGINS
    assert list(single.corridor.values) == CORRIDORS
    assert single.pool.dims == ("time", "origin")
    assert single.waiting.dims == ("time", "origin", "corridor")
    assert single.total_waiting.dims == ("time",)
    assert single.pool_initial.dims == ("origin",)
    # every non-internal variable and no parameter or internal flow is returned
    assert set(single.data_vars) == {
        "pool",
        "pool_initial",
        "waiting",
        "waiting_initial",
        "total_waiting",
        "departures",
        "processed",
        "season",
        "capacity",
        "smoothed",
        "smoothed_initial",
    }


def test_time_coordinate_is_month_starts(single):
    expected = pd.date_range("2019-10-01", periods=12, freq="MS")
    assert (pd.DatetimeIndex(single.time.values) == expected).all()
    assert single.attrs["start"] == "2019-10"
    assert single.attrs["time_units"] == "month"


def test_requested_end_month_is_included():
    ds = sf.simulate(labelled_model(), "2019-12", method="rk4")
    assert pd.Timestamp(ds.time.values[-1]) == pd.Timestamp("2019-12-01")
    assert ds.sizes["time"] == 3


def test_variable_attrs(single):
    assert single.pool.attrs["units"] == "people"
    assert single.pool.attrs["long_name"] == "people ready"
    assert single.pool.attrs["cell_methods"].startswith("time: point")
    assert single.departures.attrs["units"] == "people/month"
    assert single.departures.attrs["cell_methods"].startswith("time: sum")
    assert single.total_waiting.attrs["long_name"] == "people waiting anywhere"
    assert single.season.attrs["long_name"] == "seasonality"
    assert single.pool_initial.attrs["units"] == "people"
    assert single.pool.attrs["inflows"] == ""
    assert single.pool.attrs["outflows"] == "departures"
    assert single.waiting.attrs["inflows"] == "departures"
    assert single.pool.attrs["complete_accounts"] == 1
    for var in single.data_vars.values():
        assert var.attrs["units"] and var.attrs["long_name"], var.name


def test_solver_diagnostics(single, ensemble):
    assert single.attrs["title"] == "labels"
    assert single.attrs["solver"] == "RK45"
    assert single.attrs["nfev"] > 0
    assert single.attrs["n_segments"] == 2  # split at the series date 2020-04
    assert single.attrs["rtol"] == 1e-6
    assert "successfully" in single.attrs["message"]
    assert ensemble.attrs["solver"] == "rk4"
    assert ensemble.attrs["dt"] == 0.25
    assert ensemble.attrs["nfev"] == 4 * 4 * 12  # four evaluations per step, 48 steps
    for value in [*single.attrs.values(), *ensemble.attrs.values()]:
        assert isinstance(value, str | int | float), value


def test_stocks_are_month_ends_and_flows_month_totals():
    """Stocks at t = i + 1 for month i; a flow's months add up to the change it caused."""
    m = sf.Model("fill", start="2020-01")
    m.stock("x", 0.0, units="widgets")
    m.flow("fill", lambda v: 2.0 * v.t, target="x", units="widgets/month")  # x = t^2
    ds = sf.simulate(m, 5, method="rk4")
    assert_allclose(ds.x.values, [1, 4, 9, 16, 25], rtol=1e-12)
    assert_allclose(ds.fill.values, [1, 3, 5, 7, 9], rtol=1e-12)


def test_ensemble_layout(ensemble):
    assert ensemble.pool.dims == ("member", "time", "origin")
    assert ensemble.pool_initial.dims == ("member", "origin")
    assert list(ensemble.member.values) == [0, 1, 2, 3]
    # a variable no parameter reaches still has a member dimension: it is the same in each
    assert ensemble.capacity.dims == ("member", "time")


def test_variables_selects_outputs():
    ds = sf.simulate(labelled_model(), 6, method="rk4", variables=["waiting", "processed"])
    assert set(ds.data_vars) == {"waiting", "waiting_initial", "processed"}
    assert ds.waiting.attrs["complete_accounts"] == 0  # departures were not returned


def test_inputs_apply_to_one_run_only():
    m = labelled_model()
    policy = sf.simulate(m, 6, method="rk4", inputs={"capacity": lambda t, v: 10.0 + t})
    default = sf.simulate(m, 6, method="rk4")
    assert_allclose(policy.capacity.values, 10.0 + np.arange(1, 7))
    assert_allclose(default.capacity.values, 40.0)
    assert m.variables["capacity"].value == 40.0


@pytest.mark.parametrize("which", ["single", "ensemble"])
def test_netcdf_round_trip(which, request, tmp_path):
    ds = request.getfixturevalue(which)
    path = tmp_path / "x.nc"
    ds.to_netcdf(path)
    with xr.open_dataset(path) as back:
        back.load()
    xr.testing.assert_identical(back, ds)
