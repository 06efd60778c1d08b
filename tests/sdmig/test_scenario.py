"""Scenario files: loading, extends, round trips, built-ins, and a table of bad files."""

import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from sdmig_levers.generic import ScaleInput, SetInput

from sdmig.errors import ScenarioError
from sdmig.policy.levers import Lever, Param, Timing
from sdmig.policy.scenario import DEFAULT_RANGE, Scenario, builtin_scenarios, load_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


@dataclass(frozen=True, kw_only=True)
class Hub(Lever):
    """Pre-screening hub (a test double of the built-in)."""

    name = "pre_screening_hub"
    params = {"capacity": Param("people/month", low=0, high=20_000, default=8_000)}
    acts_on = ("prescreening_capacity",)
    mode = "add"
    intensity = "capacity"


@dataclass(frozen=True, kw_only=True)
class EnforcementLevel(Lever):
    """Set the enforcement index (a required parameter)."""

    name = "enforcement_level"
    params = {"level": Param("1", low=0, high=10)}
    acts_on = ("border_enforcement",)
    mode = "set"
    intensity = "level"


LEVERS = {
    "pre_screening_hub": Hub,
    "enforcement_level": EnforcementLevel,
    "scale_input": ScaleInput,
    "set_input": SetInput,
}


def write(folder: Path, name: str, text: str, *, root: bool = True) -> Path:
    """Write a scenario file; with `root`, one without `extends` gets ``extends = "none"``
    (every file must say what it builds on), unless it is not valid TOML anyway."""
    text = textwrap.dedent(text)
    if root and "extends" not in text:
        try:
            tomllib.loads(text)
            text = 'extends = "none"\n' + text
        except tomllib.TOMLDecodeError:
            pass
    path = folder / name
    path.write_text(text)
    return path


def load(path, **kw):
    return load_scenario(path, levers=LEVERS, **kw)


HUB = """
[[lever]]
lever = "pre_screening_hub"
start = "2027-01"
"""

BINATIONAL = """
name = "binational"
description = "Three levers"

[[lever]]
lever = "scale_input"
input = "court_capacity"
factor = 1.1
start = "2026-07"

[[lever]]
lever = "enforcement_level"
level = 2
start = "2026-07"
end = "2027-01"

[[lever]]
lever = "pre_screening_hub"
start = "2027-01"
ramp_months = 6
capacity = 1500
"""


# ------------------------------------------------------------------------- good files
def test_load_a_scenario_file(tmp_path):
    s = load(write(tmp_path, "binational.toml", BINATIONAL))
    assert s.name == "binational" and s.description == "Three levers"
    assert s.source == "binational.toml"
    assert [lever.name for lever in s.levers] == [
        "scale_input",
        "enforcement_level",
        "pre_screening_hub",
    ]
    hub = s.levers[2]
    assert isinstance(hub, Hub) and hub.capacity == 1500.0
    assert hub.timing == Timing(start="2027-01", ramp_months=6)
    assert s.locations[2] == "binational.toml, lever 3 (pre_screening_hub)"


def test_name_defaults_to_the_file_name_and_toml_dates_work(tmp_path):
    s = load(write(tmp_path, "plain.toml", HUB.replace('"2027-01"', "2027-01-15")))
    assert s.name == "plain" and s.description == ""
    assert str(s.levers[0].timing.start.date()) == "2027-01-15"


def test_extends_puts_parent_levers_first_and_replaces_by_label(tmp_path):
    write(
        tmp_path,
        "parent.toml",
        HUB + 'label = "hub"\n' + HUB.replace("2027-01", "2028-01"),
    )
    child = write(
        tmp_path,
        "child.toml",
        """
        extends = "parent"
        [[lever]]
        lever = "pre_screening_hub"
        label = "hub"
        start = "2027-06"
        capacity = 99
        [[lever]]
        lever = "scale_input"
        input = "court_capacity"
        start = "2026-01"
        """,
    )
    s = load(child)
    assert s.extends == "parent" and s.name == "child"
    assert [x.label for x in s.levers] == ["hub", None, None]
    assert s.levers[0].capacity == 99 and s.levers[1].capacity == 8000
    assert s.locations == (
        "child.toml, lever 1 (pre_screening_hub)",
        "parent.toml, lever 2 (pre_screening_hub)",
        "child.toml, lever 2 (scale_input)",
    )
    assert s.labels == ("hub", "pre_screening_hub", "scale_input")


def test_round_trip_through_to_toml(tmp_path):
    s = load(write(tmp_path, "binational.toml", BINATIONAL))
    again = Scenario.from_toml(s.to_toml(), source="again.toml", levers=LEVERS)
    assert again == s


def test_by_phase_in_natural_order():
    def lever(phase):
        return ScaleInput(input="x", timing=Timing(start=0, phase=phase))

    s = Scenario(name="p", levers=[lever(None), lever("phase 10"), lever("phase 2")])
    assert list(s.by_phase()) == ["phase 2", "phase 10", None]
    assert [label for label, _ in s.by_phase()["phase 10"]] == ["scale_input#2"]


def test_fixture_scenarios_with_the_installed_levers():
    pytest.importorskip("sdmig_example_lever")
    s = load_scenario(FIXTURES / "parole_extended.toml")
    assert s.labels == ("ntca_parole", "scale_input", "set_input")
    assert s.levers[0].slots == 2400 and s.levers[0].timing.ramp_down_months == 3
    assert list(s.by_phase()) == ["phase 1", "phase 2", "phase 3"]


def test_date_range_can_be_widened(tmp_path):
    path = write(tmp_path, "late.toml", HUB.replace("2027-01", "2031-01"))
    with pytest.raises(ScenarioError, match="outside the simulated range"):
        load(path)
    assert load(path, date_range=("2019-10", "2032-12")).levers[0].timing.start.year == 2031
    with pytest.raises(ScenarioError, match="`date_range` first = 'soon' is not a month"):
        load(path, date_range=("soon", "2030-01"))
    assert DEFAULT_RANGE == ("2019-10", "2028-12")


def test_builtin_scenarios_are_valid():
    """Every forecasts/*.toml loads with the installed levers (and one by name)."""
    found = builtin_scenarios()
    for name in found:
        scenario = load_scenario(name)
        assert scenario.source == f"{name}.toml"
    with pytest.raises(ScenarioError, match="no scenario 'no_such_scenario': not a file"):
        load_scenario("no_such_scenario")


def test_files_are_data_never_code(tmp_path):
    """Nothing in a file is executed: a "lever" naming a Python object is just unknown."""
    path = write(
        tmp_path,
        "evil.toml",
        """
        [[lever]]
        lever = "os:system"
        start = "2027-01"
        """,
    )
    with pytest.raises(ScenarioError, match="unknown lever 'os:system'"):
        load(path)


# ---------------------------------------------------------------- the bad-input table
CYCLE_A = 'extends = "cycle_b"\n'
CYCLE_B = 'extends = "cycle_a"\n'

BAD_FILES = [
    # (id, {file name: text}, file to load, exact message or /regex/)
    (
        "param out of range",
        {"binational.toml": BINATIONAL.replace("capacity = 1500", "capacity = -500")},
        "binational.toml",
        "binational.toml, lever 3 (pre_screening_hub): capacity = -500 is out of range; "
        "allowed 0 to 20000 people/month",
    ),
    (
        "param wrong type",
        {"b.toml": HUB + 'capacity = "lots"\n'},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): capacity = 'lots' has the wrong type (a string); "
        "expected a number, 0 to 20000 people/month",
    ),
    (
        "unknown lever",
        {"b.toml": HUB.replace("pre_screening_hub", "pre_screning_hub")},
        "b.toml",
        "b.toml, lever 1: unknown lever 'pre_screning_hub'. Did you mean 'pre_screening_hub'? "
        "Installed levers: enforcement_level, pre_screening_hub, scale_input, set_input. "
        "Run 'sdmig levers' to list installed levers.",
    ),
    (
        "missing lever name",
        {"b.toml": '[[lever]]\nstart = "2027-01"\n'},
        "b.toml",
        "b.toml, lever 1: missing field 'lever', the name of an installed lever. "
        "Run 'sdmig levers' to list installed levers.",
    ),
    (
        "lever name wrong type",
        {"b.toml": "[[lever]]\nlever = 5\n"},
        "b.toml",
        "b.toml, lever 1: lever = 5 has the wrong type (an integer); "
        "expected the name of an installed lever",
    ),
    (
        "unknown field",
        {"b.toml": HUB + "capcity = 10\n"},
        "b.toml",
        "/^b.toml, lever 1 \\(pre_screening_hub\\): unknown field 'capcity'; Did you mean "
        "'capacity'\\? allowed: label, corridor, origin, .*, capacity$/",
    ),
    (
        "start out of range",
        {"b.toml": HUB.replace("2027-01", "2031-01")},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): start = 2031-01 is outside the simulated range; "
        "allowed 2019-10 to 2028-12",
    ),
    (
        "start before range",
        {"b.toml": HUB.replace("2027-01", "2019-09-30")},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): start = 2019-09-30 is outside the simulated "
        "range; allowed 2019-10 to 2028-12",
    ),
    (
        "end out of range (a TOML date)",
        {"b.toml": HUB + "end = 2029-01-01\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): end = 2029-01-01 is outside the simulated "
        "range; allowed 2019-10 to 2028-12",
    ),
    (
        "start not a date",
        {"b.toml": HUB.replace('"2027-01"', '"July 2027"')},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): start = 'July 2027' is not a date; "
        "expected a date 'YYYY-MM' or 'YYYY-MM-DD'",
    ),
    (
        "start wrong type",
        {"b.toml": HUB.replace('"2027-01"', "2027")},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): start = 2027 has the wrong type (an integer); "
        "expected a date 'YYYY-MM' or 'YYYY-MM-DD'",
    ),
    (
        "missing start",
        {"b.toml": '[[lever]]\nlever = "pre_screening_hub"\n'},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): missing field 'start', the date the lever "
        "starts ('YYYY-MM')",
    ),
    (
        "end before start",
        {"b.toml": HUB + 'end = "2026-01"\n'},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): end = 2026-01 is before start = 2027-01; "
        "the end must be at or after the start",
    ),
    (
        "negative ramp",
        {"b.toml": HUB + "ramp_months = -2\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): ramp_months = -2 is out of range; "
        "allowed 0 or more months",
    ),
    (
        "bad shape",
        {"b.toml": HUB + 'shape = "cubic"\n'},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): shape = 'cubic' is not allowed; "
        "allowed 'linear' or 's_curve'",
    ),
    (
        "ramp-down without end",
        {"b.toml": HUB + "ramp_down_months = 3\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): ramp_down_months = 3 needs an end; "
        "give an end date or leave the ramp-down out",
    ),
    (
        "targeting wrong type",
        {"b.toml": HUB + "corridor = 3\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): corridor = 3 has the wrong type (an integer); "
        "expected a label or an array of labels",
    ),
    (
        "empty targeting",
        {"b.toml": HUB + "origin = []\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): origin = [] selects nothing; "
        "leave it out to act on every origin",
    ),
    (
        "negative cost",
        {"b.toml": HUB + "monthly_cost = -1e6\n"},
        "b.toml",
        "b.toml, lever 1 (pre_screening_hub): monthly_cost = -1000000 is out of range; "
        "allowed 0 or more USD/month",
    ),
    (
        "missing required parameter",
        {"b.toml": '[[lever]]\nlever = "enforcement_level"\nstart = "2027-01"\n'},
        "b.toml",
        "b.toml, lever 1 (enforcement_level): missing required field 'level' (0 to 10)",
    ),
    (
        "extra field wrong type",
        {"b.toml": '[[lever]]\nlever = "scale_input"\nstart = "2027-01"\ninput = 4\n'},
        "b.toml",
        "b.toml, lever 1 (scale_input): input = 4 has the wrong type (an integer); "
        "expected a string",
    ),
    (
        "overlapping set levers",
        {
            "b.toml": BINATIONAL
            + '[[lever]]\nlever = "enforcement_level"\nlevel = 3\nstart = "2026-12"\n'
        },
        "b.toml",
        "b.toml, lever 4 (enforcement_level) and b.toml, lever 2 (enforcement_level) both set "
        "'border_enforcement' at overlapping times and targets; 'set' levers on one input "
        "must not overlap (end one before the other starts, or target different corridors "
        "or origins)",
    ),
    (
        "duplicate label",
        {"b.toml": HUB + 'label = "x"\n' + HUB + 'label = "x"\n'},
        "b.toml",
        "b.toml, lever 2 (pre_screening_hub): label 'x' is already used by b.toml, lever 1 "
        "(pre_screening_hub); labels must be unique within a scenario",
    ),
    (
        "extends cycle",
        {"cycle_a.toml": CYCLE_A, "cycle_b.toml": CYCLE_B},
        "cycle_a.toml",
        "cycle_a.toml: `extends` forms a cycle: cycle_a.toml -> cycle_b.toml -> cycle_a.toml; "
        "a scenario cannot extend itself, directly or through others",
    ),
    (
        "extends itself",
        {"self.toml": 'extends = "self"\n'},
        "self.toml",
        "/^self.toml: `extends` forms a cycle: self.toml -> self.toml;/",
    ),
    (
        "extends nothing",
        {"b.toml": 'extends = "basline"\n'},
        "b.toml",
        "/^b.toml: extends = 'basline' names no scenario: no file basline.toml beside b.toml "
        "and no built-in scenario of that name\\./",
    ),
    (
        "unknown top-level field",
        {"b.toml": "levers = []\n"},
        "b.toml",
        "b.toml: unknown field 'levers'; Did you mean 'lever'? allowed at the top level: "
        "name, description, extends, lever, benchmark (levers go in [[lever]] tables)",
    ),
    (
        "name wrong type",
        {"b.toml": "name = 3\n"},
        "b.toml",
        "b.toml: name = 3 has the wrong type (an integer); expected a string",
    ),
    (
        "lever is not an array of tables",
        {"b.toml": 'lever = "pre_screening_hub"\n'},
        "b.toml",
        "b.toml: lever = 'pre_screening_hub' has the wrong type (a string); "
        "expected [[lever]] tables",
    ),
    (
        "not TOML",
        {"b.toml": "name = \n"},
        "b.toml",
        "/^b.toml: not valid TOML: Invalid value \\(at line 1, column 8\\)$/",
    ),
    (
        "no such file",
        {},
        "missing.toml",
        "missing.toml: no such file",
    ),
]


@pytest.mark.parametrize(
    ("files", "target", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_scenario_files(tmp_path, files, target, message):
    for name, text in files.items():
        write(tmp_path, name, text)
    with pytest.raises(ScenarioError) as err:
        load(tmp_path / target)
    if message.startswith("/"):
        assert __import__("re").search(message.strip("/"), str(err.value), flags=0), str(err.value)
    else:
        assert str(err.value) == message


def test_every_bad_lever_in_a_file_is_reported(tmp_path):
    text = BINATIONAL.replace("capacity = 1500", "capacity = -500").replace(
        "level = 2", "level = 11"
    )
    with pytest.raises(ScenarioError) as err:
        load(write(tmp_path, "binational.toml", text))
    assert str(err.value).splitlines() == [
        "binational.toml, lever 2 (enforcement_level): level = 11 is out of range; allowed 0 to 10",
        "binational.toml, lever 3 (pre_screening_hub): capacity = -500 is out of range; "
        "allowed 0 to 20000 people/month",
    ]


def test_scenario_objects_are_checked_too():
    with pytest.raises(ScenarioError, match=r"scenario 'x', lever 1: 'hub' is not a sdmig"):
        Scenario(name="x", levers=["hub"])
    with pytest.raises(ScenarioError, match="scenario name = '' must be a non-empty string"):
        Scenario(name="")
    month_timing = Scenario(name="x", levers=[Hub(timing=Timing(start=3))])
    with pytest.raises(ScenarioError, match="is in model months; scenario files need dates"):
        month_timing.to_toml()
