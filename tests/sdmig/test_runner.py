"""One runner: every run of the model reaches the integrator through sdmig.model.runner."""

from __future__ import annotations

import numpy as np
import pytest

import stockflow as sf
from sdmig.errors import ForecastError
from sdmig.model.border import BorderModel
from sdmig.model.runner import BACKEND_VARIABLE, default_backend, run_arguments, run_model
from sdmig.policy.scenario import load_scenario


@pytest.fixture(scope="module")
def model():
    return BorderModel()


def test_member_valued_levers_need_no_parameter_copy(model):
    """A scenario bound with member values gives the run its members; no parameter is
    copied to force a member axis, and each member is the run bound with its own value."""
    scenario = load_scenario("binational_phased")
    starts = np.array([80.0, 86.0])
    ds = model.simulate(
        scenario,
        member_values={"pre_screening_hub": {"start": starts}},
        end="2027-12",
        method="euler",
        variables=["encounters"],
    )
    assert ds.sizes["member"] == 2
    for k, start in enumerate(starts):
        one = model.simulate(
            scenario,
            member_values={"pre_screening_hub": {"start": np.array([start])}},
            end="2027-12",
            method="euler",
            variables=["encounters"],
        )
        np.testing.assert_array_equal(
            ds["encounters"].isel(member=k).values, one["encounters"].isel(member=0).values
        )


def test_members_that_disagree_with_the_scenario_are_refused(model):
    bound = load_scenario("binational_phased").bind(
        model.stockflow_model, member_values={"pre_screening_hub": {"start": [80.0, 86.0]}}
    )
    with pytest.raises(sf.DeclarationError) as err:
        run_model(model.compiled, "2020-01", bound=bound, n_members=3, method="euler")
    assert str(err.value) == "the scenario was bound with 2 members but `n_members` = 3"


def test_run_arguments_take_the_scenario_inputs_and_switch_times(model):
    assert run_arguments(model.compiled).compiled is model.compiled
    bound = load_scenario("baseline").bind(model.stockflow_model)
    args = run_arguments(model.compiled, bound)
    # the baseline's triggered proclamation needs the model with its averaging stock
    assert bound.model is not model.stockflow_model
    assert args.compiled is bound.compiled()
    assert set(args.inputs) == set(bound.inputs)
    assert args.breakpoints == bound.breakpoints
    assert args.n_members is None


def test_the_backend_comes_from_the_environment(model, monkeypatch):
    """``$SDMIG_BACKEND`` chooses stockflow's backend for every run; both give the same
    numbers to 1e-12, and an explicit option wins."""
    monkeypatch.setenv(BACKEND_VARIABLE, "numpy")
    assert default_backend() == "numpy"
    reference = run_model(model.compiled, "2020-06", n_members=3, method="euler")
    assert reference.attrs.get("backend") is None  # the NumPy path
    monkeypatch.setenv(BACKEND_VARIABLE, "compiled")
    compiled = run_model(model.compiled, "2020-06", n_members=3, method="euler")
    assert compiled.attrs["backend"] == "compiled"
    for name in ("encounters", "waiting", "court_backlog"):
        np.testing.assert_allclose(compiled[name], reference[name], rtol=1e-12, atol=0)
    explicit = run_model(model.compiled, "2020-06", method="euler", backend="numpy")
    assert explicit.attrs.get("backend") is None


def test_an_unknown_backend_is_one_clear_error(monkeypatch):
    monkeypatch.setenv(BACKEND_VARIABLE, "gpu")
    with pytest.raises(ForecastError) as err:
        default_backend()
    assert str(err.value) == (
        "environment variable SDMIG_BACKEND = 'gpu': allowed are numpy, compiled, auto"
    )


def test_the_command_line_option_sets_the_backend(monkeypatch):
    """``sdmig --backend numpy CMD`` sets ``$SDMIG_BACKEND`` for the command (and the
    workers it starts); a value outside the choices is a usage error."""
    from click.testing import CliRunner

    from sdmig.cli.main import main

    monkeypatch.setenv(BACKEND_VARIABLE, "auto")  # restored after the test
    result = CliRunner().invoke(main, ["--backend", "numpy", "levers", "list"])
    assert result.exit_code == 0, result.output
    assert default_backend() == "numpy"
    result = CliRunner().invoke(main, ["--backend", "gpu", "levers", "list"])
    assert result.exit_code == 2
    assert "'gpu' is not one of 'numpy', 'compiled', 'auto'" in result.output
