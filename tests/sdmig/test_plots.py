"""Plots of forecasts: every kind, labels, fan bands, phase lines, PNG files, errors."""

import subprocess
import sys

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
import xarray as xr
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from sdmig.data.history import load_history
from sdmig.errors import ForecastError
from sdmig.outputs.plots import PLOT_KINDS, phase_marks, plot, write_plots
from sdmig.outputs.tables import reduce_members
from sdmig.policy.scenario import Scenario, load_scenario
from sdmig.run.forecast import forecast

pytestmark = pytest.mark.slow  # each case runs full forecasts or PySD (see README)

SCENARIOS = ["baseline", "option1_enforcement"]
END = "2027-12"
#: A phased scenario of our own (the built-in files may change): phases start 2026-07,
#: 2027-01 (the earlier of its two levers) and 2027-10; one unphased lever in 2026-09.
PHASED = """
name = "phased_demo"
extends = "baseline"
{levers}
"""
LEVER = """
[[lever]]
lever = "scale_input"
label = "{label}"
{phase}
start = "{start}"
input = "court_capacity"
factor = 1.1
"""
PHASES = [
    ("a", 'phase = "phase 1"', "2026-07"),
    ("b", 'phase = "phase 2"', "2027-03"),
    ("c", 'phase = "phase 2"', "2027-01-01"),
    ("d", 'phase = "phase 3"', "2027-10"),
    ("e", "", "2026-09"),
]


@pytest.fixture(scope="module")
def single():
    return forecast(SCENARIOS, end=END)


@pytest.fixture(scope="module")
def ensemble():
    return forecast(SCENARIOS, end=END, members=8)


@pytest.fixture(scope="module")
def quantiles(ensemble):
    return reduce_members(ensemble)


@pytest.fixture(scope="module")
def phased():
    levers = "".join(LEVER.format(label=a, phase=b, start=c) for a, b, c in PHASES)
    return Scenario.from_toml(PHASED.format(levers=levers), source="phased_demo.toml")


@pytest.fixture(scope="module")
def history():
    return load_history()


def by_gid(artists, prefix):
    return [a for a in artists if (a.get_gid() or "").startswith(prefix)]


def flat(text):
    return " ".join(text.split())


def x_dates(line):
    return pd.to_datetime(mdates.num2date(mdates.date2num(line.get_xdata()))).tz_localize(None)


@pytest.mark.parametrize("kind", PLOT_KINDS)
@pytest.mark.parametrize("which", ["single", "ensemble", "quantiles"])
def test_every_kind_makes_a_figure(kind, which, single, ensemble, quantiles, history):
    ds = {"single": single, "ensemble": ensemble, "quantiles": quantiles}[which]
    fig = plot(ds, kind, history=history)
    assert isinstance(fig, Figure)
    assert fig.get_suptitle()
    assert fig.legends, "every plot has a legend below the panels"


@pytest.mark.parametrize(
    ("kind", "var"),
    [("encounters", "encounters"), ("backlog", "court_backlog"), ("deaths", "deaths")],
)
def test_y_label_is_long_name_and_units(kind, var, single, history):
    fig = plot(single, kind, history=history)
    label = flat(fig.axes[0].get_ylabel())
    attrs = single[var].attrs
    assert attrs["long_name"] in label
    assert f"[{attrs['units']}]" in label


@pytest.mark.parametrize(
    ("kind", "var"),
    [("encounters_by_origin", "encounters"), ("encounters_by_corridor", "apprehensions")],
)
def test_small_multiples_share_one_y_label(kind, var, single, history):
    fig = plot(single, kind, history=history)
    label = flat(fig.get_supylabel())
    assert single[var].attrs["long_name"] in label
    assert f"[{single[var].attrs['units']}]" in label
    dim = "origin" if kind.endswith("origin") else "corridor"
    assert len([ax for ax in fig.axes if ax.get_visible()]) == single.sizes[dim]


def test_corridor_plot_says_the_model_counts_no_ports(single, history):
    fig = plot(single, "encounters_by_corridor", history=history)
    assert "ports of entry not included" in fig.get_supylabel()
    assert "between ports" in fig.get_suptitle()


def test_fan_chart_has_two_bands_and_a_median_per_scenario(ensemble, history):
    fig = plot(ensemble, "encounters", history=history)
    ax = fig.axes[0]
    bands = by_gid(ax.collections, "band:")
    assert all(isinstance(b, PolyCollection) for b in bands)
    assert sorted(b.get_gid() for b in bands) == sorted(
        f"band:{s}:{q}" for s in SCENARIOS for q in ("0.05-0.95", "0.1-0.9")
    )
    assert len(by_gid(ax.lines, "median:")) == len(SCENARIOS)
    assert len(by_gid(ax.lines, "history")) == 1
    # the baseline's median is the median across members of the total
    total = ensemble["encounters"].sel(scenario="baseline").sum(["origin", "corridor"])
    expected = total.quantile(0.5, dim="member").values
    (median,) = by_gid(ax.lines, "median:baseline")
    np.testing.assert_allclose(median.get_ydata(), expected)


def test_single_runs_draw_lines_and_no_bands(single, history):
    fig = plot(single, "encounters", history=history)
    ax = fig.axes[0]
    assert not by_gid(ax.collections, "band:")
    runs = by_gid(ax.lines, "run:")
    assert sorted(r.get_gid() for r in runs) == [f"run:{s}" for s in sorted(SCENARIOS)]
    (base,) = by_gid(ax.lines, "run:baseline")
    total = single["encounters"].sel(scenario="baseline").sum(["origin", "corridor"])
    np.testing.assert_allclose(base.get_ydata(), total.values)


def test_scenario_is_drawn_only_where_it_differs_from_the_first(single, history):
    fig = plot(single, "backlog", history=history)
    (other,) = by_gid(fig.axes[0].lines, "run:option1_enforcement")
    backlog = single["court_backlog"]
    differs = (
        backlog.sel(scenario="option1_enforcement") != backlog.sel(scenario="baseline")
    ).values
    first = int(np.argmax(differs))
    assert x_dates(other)[0] == pd.Timestamp(single["time"].values[first - 1])


def test_phase_lines_sit_at_the_phase_start_dates(single, phased, history):
    fig = plot(single, "encounters", history=history)
    lines = by_gid(fig.axes[0].lines, "phase:")
    assert [ln.get_gid() for ln in lines] == ["phase:2026-07-01"]
    assert lines[0].get_xdata()[0] == pytest.approx(mdates.date2num(pd.Timestamp("2026-07-01")))

    # scenario objects given by name: the phases of our own scenario, within the range
    fig = plot(single, "encounters", history=history, scenarios={"option1_enforcement": phased})
    lines = by_gid(fig.axes[0].lines, "phase:")
    expected = ["2026-07-01", "2026-09-01", "2027-01-01", "2027-10-01"]
    assert [ln.get_xdata()[0] for ln in lines] == pytest.approx(
        [mdates.date2num(pd.Timestamp(d)) for d in expected]
    )
    labels = by_gid(fig.axes[0].texts, "phase_label:")
    assert [t.get_text() for t in labels] == ["A", "B", "C", "D"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("C  2027-01: option1_enforcement phase 2" in t for t in legend), legend


def test_phase_lines_are_drawn_in_every_panel(single, history):
    fig = plot(single, "encounters_by_corridor", history=history)
    for ax in fig.axes:
        assert [ln.get_gid() for ln in by_gid(ax.lines, "phase:")] == ["phase:2026-07-01"]


def test_phase_marks_skip_the_baseline_levers(phased):
    base = load_scenario("baseline")
    marks = phase_marks({"baseline": base, "phased_demo": phased})
    assert [(m.date, m.scenario, m.phase, m.label) for m in marks] == [
        (pd.Timestamp("2026-07-01"), "phased_demo", "phase 1", "phase 1"),
        (pd.Timestamp("2026-09-01"), "phased_demo", None, "phased_demo"),
        (pd.Timestamp("2027-01-01"), "phased_demo", "phase 2", "phase 2"),
        (pd.Timestamp("2027-10-01"), "phased_demo", "phase 3", "phase 3"),
    ]
    assert phase_marks({"baseline": base}) == []


def test_unloadable_scenario_names_get_no_marks(single, history):
    ds = single.assign_coords(scenario=["baseline", "my_own_policy"])
    fig = plot(ds, "encounters", history=history)
    assert not by_gid(fig.axes[0].lines, "phase:")


def test_backlog_shows_eoir_points_at_fiscal_year_ends(single, history):
    fig = plot(single, "backlog", history=history)
    (points,) = by_gid(fig.axes[0].lines, "history")
    dates = x_dates(points)
    assert all(d.month == 9 for d in dates)
    years = [d.year for d in dates]
    np.testing.assert_allclose(
        points.get_ydata(), history["court_pending"].sel(fiscal_year=years).values
    )


def test_deaths_show_iom_annual_counts_per_month(single, history):
    fig = plot(single, "deaths", history=history)
    segments = by_gid(fig.axes[0].lines, "history")
    counts = history["border_deaths"].to_series().dropna()
    shown = {x_dates(s)[0].year: s.get_ydata()[0] for s in segments}
    assert shown == pytest.approx({y: v / 12 for y, v in counts.items() if y >= 2019})
    assert any("/ 12" in t.get_text() for t in fig.legends[0].get_texts())


def test_history_can_be_left_out(single):
    fig = plot(single, "encounters", history=False)
    assert not by_gid(fig.axes[0].lines, "history")


def test_difference_of_single_runs_is_scenario_minus_baseline(single):
    fig = plot(single, "difference")
    variables = ("encounters", "crossings", "deaths", "court_backlog")
    for ax, var in zip(fig.axes, variables, strict=True):
        assert single[var].attrs["long_name"] in flat(ax.get_title(loc="left"))
        assert f"[{single[var].attrs['units']}]" in ax.get_ylabel()
        (line,) = by_gid(ax.lines, "run:option1_enforcement")
        total = single[var].sum([d for d in single[var].dims if d not in ("scenario", "time")])
        diff = (total.sel(scenario="option1_enforcement") - total.sel(scenario="baseline")).values
        np.testing.assert_allclose(line.get_ydata(), diff[-len(line.get_ydata()) :])
        assert by_gid(ax.lines, "zero")


def test_difference_of_members_is_paired(ensemble):
    fig = plot(ensemble, "difference")
    ax = fig.axes[2]  # deaths
    assert len(by_gid(ax.collections, "band:option1_enforcement:0.1-0.9")) == 1
    deaths = ensemble["deaths"].sum(["origin", "corridor"])
    paired = deaths.sel(scenario="option1_enforcement") - deaths.sel(scenario="baseline")
    expected = paired.quantile(0.5, dim="member").values
    (median,) = by_gid(ax.lines, "median:option1_enforcement")
    np.testing.assert_allclose(median.get_ydata(), expected[-len(median.get_ydata()) :])
    # encounters: the expected counts, without the ensemble's observation noise
    assert "no observation noise" in flat(fig.axes[0].get_title(loc="left"))


def test_difference_needs_a_baseline_and_another_scenario(single):
    with pytest.raises(ForecastError, match=r"baseline = 'nope' is not a scenario.*baseline"):
        plot(single, "difference", baseline="nope")
    with pytest.raises(ForecastError, match="at least one other scenario"):
        plot(single.sel(scenario=["baseline"]), "difference")


def test_unknown_kind_lists_the_kinds(single, tmp_path):
    with pytest.raises(ForecastError, match=r"'encounter' is unknown; allowed: encounters, .*"):
        plot(single, "encounter")
    with pytest.raises(ForecastError, match="Did you mean 'encounters'"):
        plot(single, "encounter")
    with pytest.raises(ForecastError, match="allowed: " + ", ".join(PLOT_KINDS)):
        write_plots(single, tmp_path / "out", ["deaths", "bogus"])
    assert not (tmp_path / "out").exists()


def test_write_plots_writes_one_png_per_kind_and_nothing_else(single, history, tmp_path):
    paths = write_plots(single, tmp_path, history=history)
    assert paths == [tmp_path / f"{kind}.png" for kind in PLOT_KINDS]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.png" for k in PLOT_KINDS)
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_write_plots_skips_difference_without_a_comparison(single, tmp_path):
    ds = single.sel(scenario=["baseline"])
    paths = write_plots(ds, tmp_path, ["deaths"], history=False)
    assert [p.name for p in paths] == ["deaths.png"]
    with pytest.raises(ForecastError, match="at least one other scenario"):
        write_plots(ds, tmp_path, ["difference"], history=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deaths.png"]


def test_default_kinds_leave_out_difference_for_one_scenario(single, monkeypatch, tmp_path):
    import sdmig.outputs.plots

    made = []
    monkeypatch.setattr(
        sdmig.outputs.plots,
        "_PLOTTERS",
        {k: (lambda ds, k=k, **kw: made.append(k) or Figure()) for k in PLOT_KINDS},
    )
    write_plots(single.sel(scenario=["baseline"]), tmp_path, history=False)
    assert made == [k for k in PLOT_KINDS if k != "difference"]


def test_plots_need_no_pyplot(single, tmp_path):
    path = tmp_path / "ds.nc"
    single.sel(time=slice("2026-01", None)).to_netcdf(path, engine="h5netcdf")
    code = (
        "import sys, xarray as xr\n"
        "from sdmig.outputs.plots import plot\n"
        f"ds = xr.open_dataset({str(path)!r}, engine='h5netcdf').load()\n"
        "fig = plot(ds, 'encounters', history=False, scenarios={})\n"
        "fig.savefig(sys.argv[1], format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    out = tmp_path / "x.png"
    subprocess.run([sys.executable, "-c", code, str(out)], check=True)
    assert out.stat().st_size > 0


def test_plots_leave_the_dataset_unchanged(ensemble, history):
    before = ensemble.copy(deep=True)
    for kind in PLOT_KINDS:
        plot(ensemble, kind, history=history)
    xr.testing.assert_identical(ensemble, before)


def test_every_fan_stays_visible_where_fans_overlap(ensemble, history):
    """Bands are translucent with outlined edges; every median is above every band."""
    ax = plot(ensemble, "encounters", history=history).axes[0]
    bands = ax.collections
    medians = by_gid(ax.lines, "median:")
    assert {m.get_gid() for m in medians} == {f"median:{s}" for s in SCENARIOS}
    assert all(0 < b.get_alpha() < 0.5 for b in bands)
    assert min(m.get_zorder() for m in medians) > max(b.get_zorder() for b in bands)
    edges = by_gid(ax.lines, "band_edge:")
    assert {e.get_gid() for e in edges} == {
        f"band_edge:{s}:{lo}" for s in SCENARIOS for lo in ("0.05-0.95", "0.1-0.9")
    }
    # the first scenario's median is drawn last and narrower, so it shows on top of the other
    assert medians[-1].get_gid() == "median:baseline"
    assert medians[-1].get_linewidth() < medians[0].get_linewidth()


@pytest.mark.parametrize("kind", ["encounters", "difference"])
def test_band_swatches_have_the_colour_of_their_band(kind, ensemble, history):
    from matplotlib.colors import to_rgba

    fig = plot(ensemble, kind, history=history)
    drawn = {}
    for ax in fig.axes:
        for band in ax.collections:
            _, name, quantiles = band.get_gid().split(":")
            drawn[(name, quantiles)] = tuple(np.round(band.get_facecolor()[0], 3))
    swatches = [h for h in fig.legends[0].legend_handles if "% of members" in h.get_label()]
    assert len(swatches) == len(drawn)
    for swatch in swatches:
        label = swatch.get_label()
        name = label.split(":")[0] if ":" in label else "option1_enforcement"
        lo, hi = label.rsplit(" % of", 1)[0].split()[-1].split("-")
        key = (name, f"{float(lo) / 100:g}-{float(hi) / 100:g}")
        assert tuple(np.round(swatch.get_facecolor(), 3)) == drawn[key], label
        assert to_rgba(swatch.get_facecolor())[:3] != (0.3, 0.3, 0.3)


def test_history_label_says_how_far_the_data_go(single, history):
    fig = plot(single, "encounters", history=history)
    last = pd.Timestamp(history["encounters_total"].dropna("time")["time"].values[-1])
    line = by_gid(fig.axes[0].lines, "history")[0]
    assert line.get_label().endswith(f"to {last:%Y-%m}")
    assert pd.Timestamp(line.get_xdata()[-1]) >= last
