"""Scenario semantics that used to give silent wrong answers: `extends`, empty files,
built-in names, changing or ending an inherited lever, and validation against the model."""

import numpy as np
import pytest
from click.testing import CliRunner

import stockflow as sf
from sdmig.cli.main import main
from sdmig.errors import ScenarioError
from sdmig.policy.scenario import check_scenario_names, load_scenario

PARENT = """\
name = "parent"
extends = "none"

[[lever]]
lever = "scale_input"
label = "courts"
input = "court_capacity"
factor = 2
start = "2020-01"
"""


def mini_model():
    """A model whose stock integrates ``court_capacity`` (1 without levers)."""
    m = sf.Model("mini", start="2019-10")
    m.input("court_capacity", 1.0, units="1")
    m.stock("cases", 0.0, units="cases")
    m.flow("done", lambda v: 10.0 * v.court_capacity, target="cases", units="cases/month")
    return m


def run(scenario):
    return scenario.bind(mini_model()).simulate("2020-12", method="rk4")["cases"].values


def test_a_file_without_extends_is_an_error(tmp_path):
    path = tmp_path / "parole.toml"
    path.write_text('[[lever]]\nlever = "legal_pathways"\nstart = "2026-07"\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert str(err.value) == (
        "parole.toml: missing field 'extends'. Write `extends = \"baseline\"` to build on the "
        'historical policy regime (what almost every scenario wants), or `extends = "none"` '
        "to start from a model with no levers at all (no COVID-19, Title 42 or CBP One)"
    )


def test_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("# nothing yet\n")
    with pytest.raises(ScenarioError, match=r"^empty.toml: the file is empty; a scenario"):
        load_scenario(path)


def test_extends_none_starts_from_no_levers(tmp_path):
    path = tmp_path / "bare.toml"
    path.write_text('extends = "none"\n')
    s = load_scenario(path)
    assert s.levers == () and s.extends is None and s.origin == "file"


def test_extends_baseline_keeps_the_historical_regime(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('extends = "baseline"\n')
    assert load_scenario(path).levers == load_scenario("baseline").levers


def test_a_child_changes_an_inherited_lever_by_label(tmp_path):
    (tmp_path / "parent.toml").write_text(PARENT)
    child = tmp_path / "child.toml"
    child.write_text('extends = "parent"\n[[lever]]\nlabel = "courts"\nfactor = 3\n')
    (lever,) = load_scenario(child).levers
    assert lever.factor == 3 and lever.input == "court_capacity" and lever.label == "courts"
    assert str(lever.timing) == "from 2020-01"


def test_ending_an_inherited_lever_restores_the_no_lever_path(tmp_path):
    (tmp_path / "parent.toml").write_text(PARENT)
    ended = tmp_path / "ended.toml"
    ended.write_text('extends = "parent"\n[[lever]]\nlabel = "courts"\nend = "2020-01"\n')
    removed = tmp_path / "removed.toml"
    removed.write_text('extends = "parent"\n[[lever]]\nlabel = "courts"\nremove = true\n')
    later = tmp_path / "later.toml"
    later.write_text('extends = "parent"\n[[lever]]\nlabel = "courts"\nend = "2020-06"\n')
    bare = tmp_path / "bare.toml"
    bare.write_text('extends = "none"\n')
    no_lever = run(load_scenario(bare))
    parent = run(load_scenario(tmp_path / "parent.toml"))
    assert not np.allclose(parent, no_lever)
    np.testing.assert_array_equal(run(load_scenario(ended)), no_lever)
    np.testing.assert_array_equal(run(load_scenario(removed)), no_lever)
    assert load_scenario(removed).levers == ()
    part = run(load_scenario(later))
    assert no_lever[-1] < part[-1] < parent[-1]


def test_changing_an_unknown_label_is_an_error(tmp_path):
    (tmp_path / "parent.toml").write_text(PARENT)
    child = tmp_path / "child.toml"
    child.write_text('extends = "parent"\n[[lever]]\nlabel = "court"\nend = "2021-01"\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(child)
    assert str(err.value) == (
        "child.toml, lever 1: missing field 'lever'; a table without it changes an inherited "
        "lever, but label = 'court' is not the label of one. Did you mean 'courts'? "
        "Inherited labels: courts"
    )


def test_a_user_scenario_cannot_take_a_builtin_name(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "baseline"\nextends = "none"\n')
    mine = load_scenario(path)
    with pytest.raises(ScenarioError) as err:
        check_scenario_names([load_scenario("baseline"), mine])
    assert str(err.value).splitlines()[0] == (
        "mine.toml: name = 'baseline' is the name of a built-in scenario; give the scenario "
        'its own name (name = "my_baseline") so that it cannot be taken for the built-in one'
    )
    check_scenario_names([load_scenario("baseline"), load_scenario("option1_enforcement")])


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_the_cli_refuses_a_user_file_with_a_builtin_name(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "baseline"\nextends = "none"\n')
    result = cli("forecast", "--scenario", str(path), "--scenario", "option1_enforcement")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: mine.toml: name = 'baseline' is the name of a built")
    result = cli("scenarios", "validate", str(path))
    assert result.exit_code == 1 and "is the name of a built-in scenario" in result.stderr


@pytest.mark.parametrize(
    ("lever", "message"),
    [
        (
            'lever = "physical_barriers"\ncorridor = ["tijuana"]',
            "corridor = 'tijuana' is not a label of dimension 'corridor'",
        ),
        (
            'lever = "legal_pathways"\norigin = ["VEN"]',
            "origin = 'VEN' is not a label of dimension 'origin'",
        ),
        (
            'lever = "scale_input"\ninput = "transit_time"',
            "acts on 'transit_time', which is a param, not a policy input",
        ),
    ],
    ids=["corridor label", "origin label", "parameter"],
)
def test_validate_refuses_what_forecast_refuses(tmp_path, lever, message):
    path = tmp_path / "bad.toml"
    path.write_text(f'extends = "baseline"\n[[lever]]\n{lever}\nstart = "2026-07"\n')
    result = cli("scenarios", "validate", str(path))
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert result.stdout == ""


def test_the_builtin_files_read_by_path_are_the_builtins():
    from sdmig.policy.scenario import builtin_scenarios

    for name, resource in builtin_scenarios().items():
        assert load_scenario(str(resource)).origin == "builtin", name
    result = cli("scenarios", "validate", *(str(r) for r in builtin_scenarios().values()))
    assert result.exit_code == 0, result.output
