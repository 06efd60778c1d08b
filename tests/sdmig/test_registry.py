"""Lever discovery: hand-made entry points, the built-ins, and a real third-party plugin."""

import importlib
import importlib.metadata
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from sdmig_levers.generic import ScaleInput, SetInput

import stockflow as sf
from sdmig.errors import LeverError, LeverLoadWarning
from sdmig.policy import registry
from sdmig.policy.levers import Param, Timing
from sdmig.policy.registry import (
    GROUP,
    available_levers,
    build_levers,
    entry_point_of,
    get_lever,
    refresh_levers,
    remove_duplicates,
)
from sdmig.policy.scenario import Scenario, load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sdmig-example-lever"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"
HERE = __name__  # the module name entry points below refer to


@pytest.fixture(scope="session")
def example_plugin(tmp_path_factory):
    """Install examples/sdmig-example-lever unless it is installed (CI installs it first)."""
    try:
        importlib.metadata.distribution("sdmig-example-lever")
    except importlib.metadata.PackageNotFoundError:
        src = tmp_path_factory.mktemp("plugin") / EXAMPLE.name
        shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("build", "*.egg-info"))
        cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", str(src)]
        subprocess.run(cmd, check=True)
        importlib.invalidate_caches()
    refresh_levers()
    yield
    refresh_levers()


@pytest.fixture
def fake_installed(monkeypatch):
    """Replace the installed entry points by a list the test controls."""
    eps: list[EntryPoint] = []
    monkeypatch.setattr(registry, "lever_entry_points", lambda: list(eps))
    refresh_levers()
    yield eps
    monkeypatch.undo()
    refresh_levers()


@dataclass(frozen=True, kw_only=True)
class AltScale(ScaleInput):
    """Another lever that calls itself scale_input."""

    name = "scale_input"


@dataclass(frozen=True, kw_only=True)
class Misnamed(ScaleInput):
    """A lever whose name differs from its entry-point name."""

    name = "misnamed_lever"


class NotALever:
    """Not a lever at all."""


@dataclass(frozen=True, kw_only=True)
class NoEffect(ScaleInput):
    """Declares neither an intensity nor an effect."""

    name = "no_effect"
    params = {"x": Param("1", default=1)}
    intensity = None


def ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name, value, GROUP)


SCALE = ep("scale_input", "sdmig_levers.generic:ScaleInput")
SET = ep("set_input", "sdmig_levers.generic:SetInput")


def test_build_levers_from_hand_made_entry_points():
    assert build_levers([SET, SCALE]) == {"scale_input": ScaleInput, "set_input": SetInput}
    assert list(build_levers([SET, SCALE])) == ["scale_input", "set_input"]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            ep("hub", "sdmig_no_such_plugin.levers:Hub"),
            r"lever plugin 'hub' \(sdmig_no_such_plugin.levers:Hub\) failed to load and is "
            r"skipped: ModuleNotFoundError: No module named 'sdmig_no_such_plugin'",
        ),
        (
            ep("hub", "sdmig.policy.levers:NoSuchHub"),
            r"lever plugin 'hub' .* failed to load .*AttributeError",
        ),
        (
            ep("not_a_lever", f"{HERE}:NotALever"),
            r"lever plugin 'not_a_lever' .* is skipped: .*is not a subclass of sdmig.policy.levers.Lever",
        ),
        (
            ep("no_effect", f"{HERE}:NoEffect"),
            r"lever plugin 'no_effect' .* is skipped: .*set `intensity`",
        ),
        (
            ep("other_name", f"{HERE}:Misnamed"),
            r"lever plugin 'other_name' .* is skipped: its class declares name = "
            r"'misnamed_lever'; the entry-point name and the lever's name must match",
        ),
    ],
)
def test_a_broken_plugin_is_a_warning_and_the_rest_load(broken, message):
    with pytest.warns(LeverLoadWarning, match=message):
        found = build_levers([SCALE, broken, SET])
    assert found == {"scale_input": ScaleInput, "set_input": SetInput}


def test_duplicate_names_warn_and_resolve_deterministically():
    alt = ep("scale_input", f"{HERE}:AltScale")
    winners = set()
    for order in ([SCALE, alt], [alt, SCALE]):
        with pytest.warns(
            LeverLoadWarning, match=r"lever 'scale_input' is registered by 2 plugins \("
        ) as record:
            winners.add(build_levers(order)["scale_input"])
        assert HERE in str(record[0].message) and "sdmig_levers.generic" in str(record[0].message)
    assert len(winners) == 1  # the same winner whatever the order


def test_identical_entry_points_are_merged_silently():
    assert remove_duplicates([SCALE, SCALE, SET]) == [SCALE, SET]


def test_sdmig_own_lever_wins_a_duplicate():
    installed = [
        e for e in importlib.metadata.distribution("sdmig").entry_points if e.name == "scale_input"
    ]
    assert installed, "install the project first: pip install -e ."
    alt = ep("scale_input", f"{HERE}:AltScale")
    for order in ([alt, *installed], [*installed, alt]):
        with pytest.warns(
            LeverLoadWarning, match=r"using sdmig_levers.generic:ScaleInput from sdmig"
        ):
            assert remove_duplicates(order) == installed


def test_available_levers_is_cached_until_refreshed(fake_installed):
    fake_installed.append(SCALE)
    assert available_levers() == {"scale_input": ScaleInput}
    fake_installed.append(SET)
    assert available_levers() == {"scale_input": ScaleInput}  # cached
    refresh_levers()
    assert available_levers() == {"scale_input": ScaleInput, "set_input": SetInput}
    available_levers().clear()  # a copy: the cache cannot be damaged
    assert len(available_levers()) == 2


def test_broken_installed_plugin_warns_once(fake_installed):
    fake_installed += [SCALE, ep("hub", "sdmig_no_such_plugin:Hub")]
    with pytest.warns(LeverLoadWarning, match="'hub'"):
        assert list(available_levers()) == ["scale_input"]
    assert list(available_levers()) == ["scale_input"]  # cached: no second warning


def test_unknown_lever_lists_the_installed_and_the_closest(fake_installed):
    fake_installed += [SCALE, SET]
    with pytest.raises(LeverError) as err:
        get_lever("scale_inptu")
    assert str(err.value) == (
        "unknown lever 'scale_inptu'. Did you mean 'scale_input'? Installed levers: "
        "scale_input, set_input. Run 'sdmig levers' to list installed levers."
    )
    with pytest.raises(LeverError, match=r"unknown lever 'zzz'\. Installed levers: scale_input"):
        get_lever("zzz")
    with pytest.raises(LeverError, match="No levers are installed"):
        get_lever("zzz", levers={})


def test_builtins_are_registered_through_pyproject_entry_points():
    """sdmig's own levers come through the same entry-point group as any plugin."""
    refresh_levers()
    dist = importlib.metadata.distribution("sdmig")
    names = {e.name for e in dist.entry_points if e.group == GROUP}
    assert {"scale_input", "set_input"} <= names
    found = available_levers()
    assert found["scale_input"] is ScaleInput and found["set_input"] is SetInput
    assert entry_point_of("scale_input").dist.name == "sdmig"


def test_example_plugin_is_discovered_and_works_in_a_scenario(example_plugin):
    """A separately installed distribution adds a lever, with no change to sdmig."""
    point = entry_point_of("example_parole")
    assert point is not None and point.dist.name == "sdmig-example-lever"
    parole = get_lever("example_parole")
    assert parole.__module__ == "sdmig_example_lever"
    lever = parole(slots=1200, timing=Timing(start="2026-07", ramp_months=6), origin="NTCA")
    assert lever.actions() == {"legal_pathway_capacity": "add"}
    assert Scenario(name="parole", levers=[lever]).labels == ("example_parole",)

    scenario = load_scenario(FIXTURES / "parole.toml")
    assert [type(x) for x in scenario.levers] == [parole, ScaleInput]
    m = sf.Model("mini", start="2026-01", dims={"origin": ("MEX", "NTCA", "OTHER")})
    m.input("legal_pathway_capacity", 0.0, dims="origin", units="people/month")
    m.input("court_capacity", 1.0)
    m.stock("entered", 0.0, dims="origin", units="people")
    m.flow("entries", lambda v: v.legal_pathway_capacity, target="entered", dims="origin")
    bound = scenario.bind(m)
    ds = bound.simulate("2027-06")
    # 1200 a month from 2026-07 (t=6) after a 6-month linear ramp: 1200 * (18 - 6 - 3)
    assert ds.entered.sel(origin="NTCA")[-1] == pytest.approx(1200 * 9, rel=1e-8)
    assert float(ds.entered.sel(origin="MEX")[-1]) == 0.0
    assert float(ds.court_capacity[-1]) == 1.25
    cost = bound.cost(ds.time)
    assert float(cost.sel(lever="ntca_parole").sum()) == pytest.approx(2e6 + 500 * 1200 * 9)


def test_lever_load_warning_is_an_sdmig_warning():
    from sdmig.errors import SdmigWarning

    assert issubclass(LeverLoadWarning, SdmigWarning)
