"""``sdmig levers`` and ``sdmig scenarios``, end to end through click."""

import importlib
import importlib.metadata
import shutil
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from click.testing import CliRunner

from sdmig.cli.main import main
from sdmig.policy import registry
from sdmig.policy.registry import GROUP, refresh_levers
from sdmig.policy.scenario import builtin_scenarios

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sdmig-example-lever"
FIXTURES = ROOT / "tests" / "fixtures" / "scenarios"

BAD = """\
name = "binational"
extends = "none"

[[lever]]
lever = "scale_input"
input = "court_capacity"
start = "2026-07"

[[lever]]
lever = "scale_input"
input = "border_enforcement"
factor = 250
start = "2027-01"

[[lever]]
lever = "example_parole"
start = "2031-01"
"""


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


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_levers_table(example_plugin):
    result = run("levers")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "acts", "on", "parameters", "[units]", "range,", "default"]
    parole = next(i for i, line in enumerate(lines) if line.startswith("example_parole "))
    assert lines[parole].split() == [
        "example_parole",
        "legal_pathway_capacity",
        "(add)",
        "slots",
        "[people/month]",
        "0",
        "to",
        "50000,",
        "default",
        "5000",
    ]
    assert lines[parole + 1].split()[0] == "unit_cost"
    assert any(line.startswith("scale_input ") for line in lines)
    assert run("levers", "list").stdout == result.stdout


def test_levers_show(example_plugin):
    result = run("levers", "show", "example_parole")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("example_parole: Humanitarian parole: lawful entries a month")
    assert "sdmig_example_lever:ExampleParole (distribution sdmig-example-lever 0.1.0)" in out
    assert "slots [people/month] 0 to 50000, default 5000" in out
    assert "paroles a month at full effect" in out
    assert 'lever = "example_parole"' in out


def test_levers_show_unknown_name():
    result = run("levers", "show", "example_parol")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown lever 'example_parol'. Did you mean")
    assert "Installed levers: " in result.stderr


def test_broken_plugin_is_a_warning_line(monkeypatch):
    points = [
        EntryPoint("scale_input", "sdmig_levers.generic:ScaleInput", GROUP),
        EntryPoint("hub", "sdmig_no_such_plugin:Hub", GROUP),
    ]
    monkeypatch.setattr(registry, "lever_entry_points", lambda: points)
    refresh_levers()
    try:
        result = run("levers")
    finally:
        monkeypatch.undo()
        refresh_levers()
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: lever plugin 'hub' (sdmig_no_such_plugin:Hub)")
    assert "scale_input" in result.stdout and "hub" not in result.stdout


def test_scenarios_lists_builtins_and_files_by_phase(example_plugin):
    result = run("scenarios", str(FIXTURES / "parole_extended.toml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in builtin_scenarios():
        assert f"\n{name} (built-in" in "\n" + out
    block = out[out.index("parole_extended (") :]
    assert block.splitlines()[1:7] == [
        "  phase 1",
        "    ntca_parole [example_parole]  from 2026-07, ramp 6 months, until 2028-06 "
        "(ramp-down 3 months); origin: NTCA",
        "  phase 2",
        "    scale_input  from 2027-01",
        "  phase 3",
        "    set_input  from 2027-10; corridor: tijuana_san_diego, juarez_el_paso",
    ]


def test_scenarios_validate_good_files(example_plugin):
    files = [str(FIXTURES / "parole.toml"), str(FIXTURES / "parole_extended.toml")]
    result = run("scenarios", "validate", *files)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (f"{files[0]}: valid (scenario 'parole', 2 levers)")


def test_scenarios_validate_bad_file(tmp_path, example_plugin):
    bad = tmp_path / "binational.toml"
    bad.write_text(BAD)
    good = FIXTURES / "parole.toml"
    result = run("scenarios", "validate", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{good}: valid")
    assert result.stderr.splitlines() == [
        "Error: binational.toml, lever 2 (scale_input): factor = 250 is out of range; "
        "allowed 0 to 100",
        "Error: binational.toml, lever 3 (example_parole): start = 2031-01 is outside the "
        "simulated range; allowed 2019-10 to 2028-12",
    ]
    result = run("scenarios", "validate", str(bad).replace(".toml", "x.toml"))
    assert result.exit_code == 1
    assert result.stderr == "Error: binationalx.toml: no such file\n"


def test_scenarios_validate_range_option(tmp_path):
    late = tmp_path / "late.toml"
    late.write_text(
        'extends = "none"\n[[lever]]\nlever = "scale_input"\ninput = "court_capacity"\n'
        'start = "2031-01"\n'
    )
    result = run("scenarios", "validate", str(late))
    assert result.exit_code == 1
    assert "start = 2031-01 is outside the simulated range; allowed 2019-10 to 2028-12" in (
        result.stderr
    )
    assert run("scenarios", "validate", "--range", "2019-10..2032-12", str(late)).exit_code == 0
    usage = run("scenarios", "validate", "--range", "2019-10", str(late))
    assert usage.exit_code == 2 and "is not a range of months" in usage.stderr


def test_scenarios_validate_needs_a_file():
    assert run("scenarios", "validate").exit_code == 2
