"""Import through PySD: Vensim and XMILE models rebuilt on stockflow and run under sdmig.

Reference numbers: PySD's own run of the same file (Euler at the model's TIME STEP), which
stockflow's Euler at the same step must reproduce to rounding; and, for the cross-check
model, the same model written by hand for stockflow (``tests/stockflow/test_pysd_crosscheck``).
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import stockflow as sf
from stockflow.interop.pysd_import import PysdImportError, import_model

ROOT = Path(__file__).parents[2]
CROSS_CHECK = ROOT / "tests" / "fixtures" / "cross_check.mdl"
SHELTERS = ROOT / "examples" / "pysd_model" / "shelters.mdl"

CONTROL = """
********************************************************
	.Control
********************************************************~
		Simulation Control Parameters
	|

FINAL TIME  = {final}
	~	Month
	~	|

INITIAL TIME  = {initial}
	~	Month
	~	|

SAVEPER  = 1
	~	Month [0,?]
	~	|

TIME STEP  = 0.25
	~	{time_units} [0,?]
	~	|
"""

# Every function and builtin the import translates, in one invented model.
FEATURES = """{UTF-8}
zone:
	east, west, far north
	~	~	|

Stock A[zone]= INTEG (inflow a[zone]-outflow a[zone], init a[zone])
	~	widgets	~	|

init a[zone]= 10, 20, 30
	~	widgets	~	|

inflow a[zone]= gain[zone]*STEP(2, 5)+RAMP(0.5, 4, 8)+PULSE(6, 2)*3+WITH LOOKUP(Time, ([(0,0)-(20,5)],(2,1),(10,3),(14,2)))
	~	widgets/Month	~	|

gain[east]= 1
	~	widgets/Month	~	|

gain[west]= 2
	~	widgets/Month	~	|

gain[far north]= Time/10
	~	widgets/Month	~	|

outflow a[zone]= Stock A[zone]*XIDZ(1, rate[zone], 0.1)
	~	widgets/Month	~	|

rate[zone]= 10, 0, 20
	~	Month	~	|

total= SUM(Stock A[zone!])
	~	widgets	~	|

peak= VMAX(Stock A[zone!])
	~	widgets	~	|

east share= ZIDZ(Stock A[east], total)
	~	dmnl	~	|

smooth three[zone]= SMOOTH3(Stock A[zone], 2)
	~	widgets	~	|

smooth i= SMOOTHI(total, 3, 5)
	~	widgets	~	|

delayed= DELAY1I(total/4, 2, 1)
	~	widgets/Month	~	|

late= DELAY3(total/8, 4)
	~	widgets/Month	~	|

Stock B= INTEG (delayed+late-outflow b, 0)
	~	widgets	~	|

outflow b= Stock B/5
	~	widgets/Month	~	|

start total= INITIAL(total)
	~	widgets	~	|

misc= MODULO(Time, 3)+INTEGER(Time/2.5)+POWER(total, 0.5)+LOG(total, 10)+EXP(-Time/10)+LN(total)+ABS(-peak)+SQRT(peak)
	~	dmnl	~	|

cond= IF THEN ELSE(Time>5 :AND: total>50, MIN(total, 60), MAX(peak, 3))
	~	widgets	~	|

not cond= IF THEN ELSE(:NOT: (Time <= 5) :OR: total = 0, 1, 0)
	~	dmnl	~	|

Stock C= INTEG (Stock A[east]*0.01-Stock C/3, 0)
	~	widgets	~	|
""" + CONTROL.format(final=14, initial=2, time_units="Month")


def pysd_run(path: Path, tmp_path: Path):
    """PySD's run of a copy of `path` (PySD writes its translation beside the model)."""
    copy = tmp_path / path.name
    if copy != path:
        shutil.copy(path, copy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pysd

        reader = pysd.read_vensim if path.suffix == ".mdl" else pysd.read_xmile
        return reader(str(copy)).run()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def pysd_values(df, name, labels=None):
    if labels is None:
        return df[name].to_numpy()
    return np.stack([df[f"{name}[{label}]"].to_numpy() for label in labels], axis=-1)


# ------------------------------------------------------------------ cross check
def test_cross_check_model_equals_the_hand_written_one():
    from test_pysd_crosscheck import stockflow_model

    imported = import_model(CROSS_CHECK, start="2020-01")
    assert imported.untranslated == {} and imported.notes == ()
    assert (imported.n_months, imported.dt, imported.initial_time) == (36, 0.25, 0.0)
    model = imported.model
    flows = {n: (v.source, v.target) for n, v in model.variables.items() if v.kind == "flow"}
    # INTEG(births - deaths - emigration, ...) makes them flows of the stock
    assert flows["births"] == (None, "population")
    assert flows["deaths"] == ("population", None)
    assert flows["arrivals"] == ("arrivals__stage3", "settled")  # a DELAY3 into a stock
    assert model.variables["investment_per_person"].units == "dollars/(month*people)"
    ds = sf.simulate(model, imported.n_months, method="euler", dt=imported.dt)
    sf.check_ledger(ds)
    ref = sf.simulate(stockflow_model(), 36, method="euler", dt=0.25)
    for name in ("population", "settled", "capital", "reserve", "perceived_attractiveness"):
        assert_allclose(ds[name].values, ref[name].values, rtol=1e-12, atol=0)


# --------------------------------------------------------------------- features
@pytest.fixture(scope="module")
def features(tmp_path_factory):
    folder = tmp_path_factory.mktemp("features")
    path = write(folder, "features.mdl", FEATURES)
    imported = import_model(path, start="2030-01")
    df = pysd_run(path, folder)
    ds = sf.simulate(imported.model, imported.n_months, method="euler", dt=imported.dt)
    return imported, df, ds


def test_features_reproduce_pysd(features):
    imported, df, ds = features
    assert imported.untranslated == {}
    assert imported.initial_time == 2.0 and imported.n_months == 12
    zones = ["east", "west", "far north"]
    pairs = [
        ("Stock A", "stock_a", zones),
        ("smooth three", "smooth_three", zones),
        ("Stock B", "stock_b", None),
        ("Stock C", "stock_c", None),
        ("smooth i", "smooth_i", None),
        ("start total", "start_total", None),
        ("total", "total", None),
        ("peak", "peak", None),
        ("east share", "east_share", None),
        ("misc", "misc", None),
        ("cond", "cond", None),
        ("not cond", "not_cond", None),
        ("inflow a", "inflow_a", zones),
    ]
    for pysd_name, name, labels in pairs:
        expected = pysd_values(df, pysd_name, labels)[1:]  # t = 3, 4, ... (month ends)
        var = imported.model.variables[name]
        if var.kind == "flow":  # stockflow reports monthly totals, PySD rates: compare stocks
            continue
        assert_allclose(ds[name].values, expected, rtol=1e-9, err_msg=name)
    assert_allclose(ds["stock_a_initial"].values, pysd_values(df, "Stock A", zones)[0])


def test_features_are_translated_to_stockflow_builtins(features):
    imported, _, _ = features
    v = imported.model.variables
    assert v["smooth_three"].kind == "stock" and "smooth_three__smooth2" in v
    assert v["delayed"].kind == "flow" and v["delayed"].source == "delayed__stage1"
    assert v["late__stage3"].internal
    assert v["start_total"].kind == "stock"  # INITIAL: a stock without flows
    assert v["gain"].kind == "aux"  # defined element by element
    # INTEG(delayed + late - outflow b): two delays into the stock, a flow out of it
    assert (v["delayed"].target, v["late"].target) == ("stock_b", "stock_b")
    assert v["outflow_b"].source == "stock_b"
    assert (v["inflow_a"].target, v["outflow_a"].source) == ("stock_a", "stock_a")
    # a rate that is not a sum of variables: one net flow, in the stock's units per month
    assert (v["stock_c__net"].target, v["stock_c__net"].units) == ("stock_c", "widgets/month")
    assert imported.model.breakpoints == [3.0, 2.0, 6.0, 4.0, 6.0]


# ------------------------------------------------------------------ what fails
UNSUPPORTED = """{UTF-8}
zone:
	east, west
	~	~	|

x[zone]= INTEG (-x[zone]/5, 1)
	~	widgets	~	|

noise= RANDOM UNIFORM(0, 1, 0)
	~	widgets	~	|

ranked= GET TIME VALUE(1, 0, 0)
	~	widgets	~	|

clock= GET TIME VALUE(2, 0, 1)
	~	widgets	~	|

uses noise= noise*2
	~	widgets	~	|
""" + CONTROL.format(final=10, initial=0, time_units="Month")


def test_what_cannot_be_translated_is_named():
    with pytest.raises(PysdImportError) as info:
        import_model(write_tmp("unsupported.mdl", UNSUPPORTED))
    err = info.value
    assert set(err.untranslated) >= {"noise", "ranked", "clock"}
    for name in ("noise", "ranked", "clock"):
        assert f"  {name}: " in str(err)
    assert "cannot be translated to stockflow" in str(err)


def test_not_strict_returns_the_report():
    imported = import_model(write_tmp("unsupported2.mdl", UNSUPPORTED), strict=False)
    assert imported.model is None
    assert "RANDOM_UNIFORM is not supported" in imported.untranslated["noise"]
    assert "GET TIME VALUE is supported relative to" in imported.untranslated["ranked"]
    with pytest.raises(PysdImportError, match="not translated"):
        _ = imported.stockflow_model


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        (FEATURES, {"inputs": ["no such thing"]}, r"input 'no such thing' is not a variable"),
        (FEATURES, {"inputs": ["total"]}, "input 'total' is not a constant"),
    ],
    ids=["unknown input", "input not a constant"],
)
def test_bad_requests(text, kwargs, message):
    with pytest.raises(PysdImportError, match=message):
        import_model(write_tmp("bad.mdl", text), **kwargs)


def test_a_model_in_years_runs_on_its_own_clock():
    """Any time unit: no calendar, the run in the model's years, as PySD runs it."""
    text = (
        FEATURES.replace(
            "	~	Month [0,?]\n	~	|\n\nTIME STEP",
            "	~	Year [0,?]\n	~	|\n\nTIME STEP",
        )
        .replace("FINAL TIME  = 14\n	~	Month", "FINAL TIME  = 14\n	~	Year")
        .replace("INITIAL TIME  = 2\n	~	Month", "INITIAL TIME  = 2\n	~	Year")
        .replace("~	Month [0,?]", "~	Year [0,?]")
    )
    path = write_tmp("years.mdl", text)
    imported = import_model(path)
    assert imported.model.start is None and imported.time_units == "Year"
    ours = imported.run_frame()
    import pysd

    theirs = pysd.read_vensim(str(path)).run()
    assert ours.index[0] == 2.0 and ours.index[-1] == 14.0
    shared = [c for c in theirs.columns if c in ours.columns]
    assert len(shared) > 5
    np.testing.assert_allclose(ours[shared].to_numpy(), theirs[shared].to_numpy(), rtol=1e-9)


def test_unreadable_files(tmp_path):
    with pytest.raises(PysdImportError, match="no such file"):
        import_model(tmp_path / "missing.mdl")
    with pytest.raises(PysdImportError, match="not a Vensim"):
        import_model(write(tmp_path, "model.txt", "x"))
    with pytest.raises(PysdImportError, match="PySD cannot read it"):
        import_model(write(tmp_path, "broken.xmile", "<xmile><model></xmile>"))


_TMP: list[Path] = []


def write_tmp(name: str, text: str) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sdmig-import-"))
    _TMP.append(folder)
    return write(folder, name, text)


@pytest.fixture(autouse=True, scope="module")
def _clean_tmp():
    yield
    for folder in _TMP:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------ XMILE, full circle
def test_an_exported_model_comes_back(tmp_path):
    """stockflow -> XMILE -> PySD's XMILE translator -> stockflow gives the same run."""
    from test_xmile import feature_model

    from stockflow.interop.xmile import euler_reference, export_xmile

    path = export_xmile(feature_model(), 12, builtins="stocks").write(tmp_path / "f.xmile")
    imported = import_model(path, start="2020-01")
    assert any("non-negative stock" in note for note in imported.notes)
    ds = sf.simulate(imported.model, imported.n_months, method="euler", dt=imported.dt)
    ref = euler_reference(feature_model(), 12)
    for name in ("pop", "moved", "tank", "perceived", "softmax", "price", "rule", "arrivals"):
        assert_allclose(ds[name].values, ref[name].values, rtol=1e-12, err_msg=name)


# ------------------------------------------------------- under sdmig's machinery
@pytest.fixture(scope="module")
def shelters():
    return import_model(SHELTERS, start="2024-01", inputs=["shelter capacity", "arrival rate"])


def test_shelters_reproduces_pysd(shelters, tmp_path):
    assert shelters.untranslated == {}
    assert shelters.model.variables["shelter_capacity"].kind == "input"
    assert shelters.model.variables["stay_time"].bounds == (0.5, 24.0)
    assert (shelters.start, shelters.end) == ("2024-01", "2025-12")
    df = pysd_run(SHELTERS, tmp_path)
    ds = sf.simulate(shelters.compiled, shelters.n_months, method="euler", dt=shelters.dt)
    sf.check_ledger(ds)
    for pysd_name, name in [("Waiting", "waiting"), ("Sheltered", "sheltered")]:
        assert_allclose(
            ds[name].values, pysd_values(df, pysd_name, ["north", "south"])[1:], rtol=1e-12
        )
    assert_allclose(ds["settled"].values, df["Settled"].to_numpy()[1:], rtol=1e-12)


def test_scenario_levers_act_on_imported_constants(shelters):
    from sdmig.policy.scenario import load_scenario

    scenario = load_scenario(
        SHELTERS.parent / "expand_shelters.toml", date_range=(shelters.start, shelters.end)
    )
    bound = scenario.bind(shelters.model)
    assert set(bound.inputs) == {"shelter_capacity", "arrival_rate"}
    run = bound.simulate(shelters.n_months, method="RK45", variables=["shelter_capacity"])
    capacity = run.shelter_capacity.sel(city="north")
    assert float(capacity.sel(time="2024-05-01")) == 1200.0
    assert float(capacity.sel(time="2025-06-01")) == pytest.approx(1800.0)


def test_ensembles_run_on_the_imported_model(shelters):
    from sdmig.run.ensemble import run_ensemble

    n = 64
    stay = np.linspace(2.0, 4.0, n)
    members = sf.simulate(
        shelters.compiled,
        shelters.n_months,
        method="rk4",
        params={"stay_time": stay},
        variables=["sheltered"],
    )
    assert members.sizes["member"] == n
    single = sf.simulate(
        shelters.compiled,
        shelters.n_months,
        method="rk4",
        params={"stay_time": stay[5]},
        variables=["sheltered"],
    )
    assert_allclose(members.sheltered.isel(member=5).values, single.sheltered.values, rtol=1e-12)
    q = run_ensemble(shelters, None, {"stay_time": stay}, variables=["waiting"], quantiles=(0.5,))
    assert q["waiting"].sizes["time"] == shelters.n_months


def test_calibration_recovers_a_parameter(shelters):
    from scipy.optimize import minimize_scalar

    def sheltered(stay_time):
        ds = sf.simulate(
            shelters.compiled,
            shelters.n_months,
            method="euler",
            dt=shelters.dt,
            params={"stay_time": stay_time},
            variables=["sheltered"],
        )
        return ds.sheltered.values

    observed = sheltered(3.6)
    fit = minimize_scalar(
        lambda s: float(((sheltered(s) - observed) ** 2).sum()),
        bounds=(0.5, 24),
        method="bounded",
        options={"xatol": 1e-8},
    )
    assert fit.x == pytest.approx(3.6, rel=1e-5)
