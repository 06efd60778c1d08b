"""Reference numbers from PySD: the same subscripted Vensim model, integrated by both tools.

``tests/fixtures/cross_check.mdl`` was written for this test (an invented valley with
regions north, south and east): four subscripted and scalar stocks, a SUM over the
subscript, three lookups (one of ``Time``), a SMOOTH and a DELAY3. PySD runs it with
Euler, TIME STEP 0.25 and SAVEPER 1; stockflow runs the same equations with
``method="euler", dt=0.25``. Both evaluate the same functions at the same times, so they
must agree to rounding.

Conventions: PySD reports a stock at the saved times ``t = 0, 1, 2, ...``; stockflow reports
month ``i`` at its end, ``t = i + 1``, and the value at ``t = 0`` as ``<stock>_initial``.
Every stock stays far from zero, so stockflow's non-negativity limit never acts.
"""

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import stockflow as sf

pytestmark = pytest.mark.slow  # each case runs full forecasts or PySD (see README)

MDL = Path(__file__).parents[1] / "fixtures" / "cross_check.mdl"
REGIONS = ["north", "south", "east"]
N_MONTHS = 36
DT = 0.25


def stockflow_model():
    m = sf.Model("cross check", start="2020-01", dims={"region": REGIONS})
    m.param("initial_population", [1000, 800, 600], dims="region", units="people")
    m.param("birth_rate", [0.03, 0.025, 0.02], dims="region", units="1/month")
    m.param("capacity", [1500, 1000, 900], dims="region", units="people")
    m.param("lifetime", 40, units="month")
    m.param("emigration_fraction", 0.01, units="1/month")
    m.param("perception_time", 6, units="month")
    m.param("transit_time", 4, units="month")
    m.param("initial_capital", [3000, 1500, 500], dims="region", units="dollars")
    m.param("investment_per_person", 0.1)
    m.param("capital_lifetime", 60, units="month")
    m.param("tax_rate", 0.01, units="1/month")
    m.param("spending_time", 5, units="month")
    m.lookup("crowding_effect_table", [0, 0.5, 1, 2, 4], [1.3, 1.1, 1, 0.6, 0.2])
    m.lookup("season_table", [0, 6, 12, 18, 24, 36], [1, 1.2, 1, 0.8, 1, 1.1])
    m.lookup("attractiveness_table", [0, 1, 2, 5, 10], [0.2, 0.5, 0.8, 1, 1])

    m.stock("population", lambda v: v.initial_population, dims="region", units="people")
    m.stock("settled", 10.0, dims="region", units="people")
    m.stock("capital", lambda v: v.initial_capital, dims="region", units="dollars")
    m.stock("reserve", 50.0, units="dollars")

    m.aux(
        "crowding_effect",
        lambda v: v.crowding_effect_table(v.population / v.capacity),
        dims="region",
    )
    m.aux("season_effect", lambda v: v.season_table(v.t))
    m.aux(
        "attractiveness", lambda v: v.attractiveness_table(v.capital / v.population), dims="region"
    )
    m.smooth("perceived_attractiveness", "attractiveness", "perception_time", dims="region")

    m.flow(
        "births",
        lambda v: v.population * v.birth_rate * v.crowding_effect * v.season_effect[:, None],
        target="population",
        dims="region",
    )
    m.flow(
        "deaths", lambda v: v.population / v.lifetime[:, None], source="population", dims="region"
    )
    m.flow(
        "emigration",
        lambda v: (
            v.population * v.emigration_fraction[:, None] * (1.5 - v.perceived_attractiveness)
        ),
        source="population",
        dims="region",
    )
    m.delay3(
        "arrivals",
        "emigration",
        "transit_time",
        dims="region",
        target="settled",
        units="people/month",
    )
    m.flow(
        "investment",
        lambda v: v.population * v.investment_per_person[:, None] * v.attractiveness,
        target="capital",
        dims="region",
    )
    m.flow(
        "depreciation",
        lambda v: v.capital / v.capital_lifetime[:, None],
        source="capital",
        dims="region",
    )
    m.flow("taxes", lambda v: v.capital * v.tax_rate[:, None], source="capital", dims="region")
    m.flow("tax_income", lambda v: v.taxes.sum(axis=1), target="reserve")
    m.flow("spending", lambda v: v.reserve / v.spending_time, source="reserve")
    return m


@pytest.fixture(scope="module")
def pysd_run(tmp_path_factory):
    """PySD's results, translated in a temporary folder so that the repository stays clean."""
    folder = tmp_path_factory.mktemp("pysd")
    mdl = folder / MDL.name
    shutil.copy(MDL, mdl)
    with warnings.catch_warnings():
        # PySD's own deprecation notices (chardet, pandas' inplace); not stockflow's concern
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        import pysd

        model = pysd.read_vensim(str(mdl))
        df = model.run()
    assert (folder / "cross_check.py").exists()  # the translation went to tmp_path
    assert list(df.index) == list(np.arange(N_MONTHS + 1, dtype=float))
    return df


@pytest.fixture(scope="module")
def stockflow_run():
    variables = [
        "population",
        "settled",
        "capital",
        "reserve",
        "perceived_attractiveness",
        "arrivals__stage3",
    ]
    return sf.simulate(stockflow_model(), N_MONTHS, method="euler", dt=DT, variables=variables)


STOCKS = [
    ("Population", "population"),
    ("Settled", "settled"),
    ("Capital", "capital"),
    ("perceived attractiveness", "perceived_attractiveness"),
]


def pysd_series(df, vensim_name):
    return df[[f"{vensim_name}[{r}]" for r in REGIONS]].to_numpy()


@pytest.mark.parametrize(("vensim_name", "name"), STOCKS)
def test_subscripted_stocks_agree(pysd_run, stockflow_run, vensim_name, name):
    expected = pysd_series(pysd_run, vensim_name)
    actual = np.concatenate(
        [stockflow_run[f"{name}_initial"].values[None], stockflow_run[name].values]
    )
    assert actual.shape == expected.shape == (N_MONTHS + 1, 3)
    assert_allclose(actual, expected, rtol=1e-9, atol=0)


def test_scalar_stock_fed_by_a_sum_agrees(pysd_run, stockflow_run):
    expected = pysd_run["Reserve"].to_numpy()
    actual = np.concatenate([[stockflow_run.reserve_initial.item()], stockflow_run.reserve.values])
    assert_allclose(actual, expected, rtol=1e-9, atol=0)


def test_delay3_output_agrees(pysd_run, stockflow_run):
    """DELAY3's output at each saved time is its last stage over a third of the delay."""
    expected = pysd_series(pysd_run, "arrivals")[1:]
    actual = stockflow_run.arrivals__stage3.values * 3 / 4.0
    assert_allclose(actual, expected, rtol=1e-9, atol=0)


def test_the_comparison_is_not_trivial(pysd_run):
    """The stocks move: each region's changes over the run, one by more than 10 %."""
    for vensim_name, _ in STOCKS:
        change = np.abs(
            pysd_series(pysd_run, vensim_name)[-1] / pysd_series(pysd_run, vensim_name)[0] - 1
        )
        assert change.min() > 5e-3 and change.max() > 0.1, (vensim_name, change)


def test_rk4_is_closer_to_the_limit_than_euler(pysd_run):
    """Euler at dt 0.25 (PySD's scheme) differs from RK4 by more than rounding."""
    rk4 = sf.simulate(stockflow_model(), N_MONTHS, method="rk4", variables=["population"])
    euler = pysd_series(pysd_run, "Population")[1:]
    assert np.abs(rk4.population.values / euler - 1).max() > 1e-4
