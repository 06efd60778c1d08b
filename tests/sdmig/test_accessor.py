"""The ``ds.sdmig`` accessor: plot, table, compare."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import sdmig.outputs.accessor  # noqa: F401  (registers ds.sdmig)
from sdmig.errors import ForecastError
from sdmig.outputs.tables import reduce_members, summary_table
from sdmig.run.forecast import forecast

SCENARIOS = ["baseline", "option1_enforcement"]
END = "2027-12"
WINDOW = ("2026-07", "2027-12")


@pytest.fixture(scope="module")
def single():
    return forecast(SCENARIOS, end=END)


@pytest.fixture(scope="module")
def ensemble():
    return forecast(SCENARIOS, end=END, members=8)


def test_accessor_is_cached_per_dataset(single):
    assert single.sdmig is single.sdmig
    assert isinstance(single.sdmig, sdmig.outputs.accessor.SdmigAccessor)


def test_plot_returns_a_figure(single):
    fig = single.sdmig.plot("deaths", history=False)
    assert isinstance(fig, Figure)
    assert "Deaths" in fig.get_suptitle()
    assert isinstance(single.sdmig.plot(history=False), Figure)  # default kind: encounters


def test_plot_rejects_an_unknown_kind(single):
    with pytest.raises(ForecastError, match="allowed: encounters"):
        single.sdmig.plot("fan")


def test_table_is_the_summary_table(single, ensemble):
    pd.testing.assert_frame_equal(single.sdmig.table(*WINDOW), summary_table(single, *WINDOW))
    pd.testing.assert_frame_equal(ensemble.sdmig.table(*WINDOW), summary_table(ensemble, *WINDOW))
    # the default end is the forecast's last month
    pd.testing.assert_frame_equal(single.sdmig.table("2026-07"), summary_table(single, *WINDOW))


def _cell(table, scenario, period, metric, stat="median"):
    row = table[(table.scenario == scenario) & (table.period == period) & (table.metric == metric)]
    assert len(row) == 1
    return float(row[stat].iloc[0])


def test_compare_single_runs_by_hand(single):
    diff = single.sdmig.compare(start=WINDOW[0], end=WINDOW[1])
    assert list(diff.columns) == [
        "scenario",
        "period",
        "from",
        "to",
        "metric",
        "units",
        "median",
        "p10",
        "p90",
    ]
    window = single.sel(time=slice(*WINDOW))
    crossings = window["crossings"].sum(["time", "origin", "corridor"])
    backlog = window["court_backlog"].isel(time=-1)
    assert _cell(diff, "option1_enforcement", "window", "crossings") == pytest.approx(
        float(crossings.sel(scenario="option1_enforcement") - crossings.sel(scenario="baseline"))
    )
    assert _cell(diff, "option1_enforcement", "window", "court_backlog") == pytest.approx(
        float(backlog.sel(scenario="option1_enforcement") - backlog.sel(scenario="baseline"))
    )
    assert set(diff.units[diff.metric == "crossings"]) == {"people"}


def test_compare_ensemble_pairs_members(ensemble):
    diff = ensemble.sdmig.compare(start=WINDOW[0], end=WINDOW[1])
    window = ensemble.sel(time=slice(*WINDOW))
    deaths = window["deaths"].sum(["time", "origin", "corridor"])
    paired = (deaths.sel(scenario="option1_enforcement") - deaths.sel(scenario="baseline")).values
    got = [
        _cell(diff, "option1_enforcement", "window", "deaths", s) for s in ("median", "p10", "p90")
    ]
    np.testing.assert_allclose(got, np.quantile(paired, [0.5, 0.1, 0.9]))
    # paired: in general not the difference of the scenarios' quantiles
    table = summary_table(ensemble, *WINDOW)["crossings incl. evasions"]
    unpaired = table.loc["option1_enforcement"] - table.loc["baseline"]
    paired_q = [
        _cell(diff, "option1_enforcement", "window", "crossings", s)
        for s in ("median", "p10", "p90")
    ]
    assert not np.allclose(paired_q, unpaired.loc[["median", "p10", "p90"]].to_numpy())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scenario", "members", "periods"),
    [
        ("binational_phased", 1, ["window", "phase 1", "phase 2", "phase 3"]),
        ("docs/tutorial/my_strategy.toml", 6, ["window", "phase 1", "phase 2"]),
    ],
)
def test_accessor_compare_is_the_cli_comparison(tmp_path, scenario, members, periods):
    """``ds.sdmig.compare()`` gives the rows and numbers of the CLI's comparison.csv."""
    from click.testing import CliRunner

    from sdmig.cli.main import main

    out = tmp_path / "out"
    args = ["forecast", "--scenario", "baseline", "--scenario", scenario, "--end", "2027-12"]
    args += ["--members", str(members), "--seed", "4", "--out", str(out), "--origin", "open-loop"]
    result = CliRunner().invoke(main, [*args, "--plot", "none", "--format", "csv", "--quiet"])
    assert result.exit_code == 0, result.output
    cli = pd.read_csv(out / "comparison.csv", dtype={"from": str, "to": str})
    ds = forecast(["baseline", scenario], members=members, seed=4)
    api = ds.sdmig.compare(end="2027-12")
    assert list(dict.fromkeys(api.period)) == periods
    pd.testing.assert_frame_equal(api, cli, check_exact=False, rtol=1e-8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline": "status_quo"}, "baseline = 'status_quo' is not a scenario"),
        (
            {"end": "2028-12"},
            r"`end` = 2028-12 is outside the forecast, which runs 2019-10..2027-12",
        ),
        ({"start": "2026-13"}, "`start` = '2026-13' is not a month"),
        ({"start": "2027-06", "end": "2027-01"}, "`start` = 2027-06 is after `end` = 2027-01"),
    ],
)
def test_compare_errors(single, kwargs, message):
    with pytest.raises(ForecastError, match=message):
        single.sdmig.compare(**kwargs)


def test_compare_needs_another_scenario(single):
    with pytest.raises(ForecastError, match="at least one other scenario"):
        single.sel(scenario=["baseline"]).sdmig.compare()


def test_reduced_ensembles_cannot_be_tabled(ensemble):
    reduced = reduce_members(ensemble)
    with pytest.raises(ForecastError, match="holds quantiles"):
        reduced.sdmig.table()
    with pytest.raises(ForecastError, match="holds quantiles"):
        reduced.sdmig.compare()
    assert isinstance(reduced.sdmig.plot("backlog", history=False), Figure)
