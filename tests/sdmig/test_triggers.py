"""State-triggered levers: the June 2024 proclamation's trigger on a synthetic path."""

import numpy as np
import pandas as pd
import pytest

import stockflow as sf
from sdmig.errors import ScenarioError
from sdmig.policy.scenario import Scenario
from sdmig.policy.triggers import DAYS_PER_MONTH, Trigger

START = "2019-10"


@pytest.fixture(autouse=True)
def numpy_backend(monkeypatch):
    """The toy models below read a path of daily values by a NumPy lookup, which the
    compiled kernel cannot trace: run them on the NumPy path (as ``backend='auto'`` would,
    with a warning)."""
    monkeypatch.setenv("SDMIG_BACKEND", "numpy")


def months(date: str) -> float:
    """Model time [months] of a date."""
    stamp = pd.Timestamp(date)
    return sf.months_since(START, stamp.to_period("M")) + (stamp.day - 1) / stamp.days_in_month


def mini_model(path):
    """`apprehensions` follows `path` [(date, encounters a day)], a step function."""
    times = np.array([months(d) for d, _ in path])
    per_day = np.array([x for _, x in path], dtype=float)
    m = sf.Model("mini", start=START)
    m.input("suspension", 0.0, units="1")
    m.aux(
        "apprehensions",
        lambda v: per_day[np.searchsorted(times, v.t, side="right") - 1] * DAYS_PER_MONTH,
        units="encounters/month",
    )
    m.stock("months_suspended", 0.0, units="month")
    m.flow("suspended", lambda v: v.suspension, target="months_suspended", units="1")
    m.add_breakpoints(*times[1:])
    return m


def proclamation(hold_off_days=14, start="2024-06-05"):
    return Scenario.from_toml(
        f"""
        extends = "none"
        [[lever]]
        lever = "set_input"
        label = "proclamation"
        input = "suspension"
        value = 1
        start = "{start}"
        [lever.trigger]
        variable = "apprehensions"
        per = "day"
        average_days = 7
        on_above = 2500
        off_below = 1500
        hold_off_days = {hold_off_days}
        """.replace("\n        ", "\n")
    )


# 2024: above 2,500 a day at the start, between the thresholds over the summer (the
# suspension holds), below 1,500 from late August, a new surge in 2025-02.
PATH = [
    ("2019-10-01", 4000),
    ("2024-07-01", 2000),
    ("2024-08-25", 1200),
    ("2025-02-10", 3000),
    ("2025-05-01", 1000),
]


def switches(ds):
    return ds.attrs["trigger_switches"]


def run(scenario, path=PATH):
    bound = scenario.bind(mini_model(path))
    ds = bound.simulate("2025-12", method="rk4", dt=0.25)
    return bound, ds


def test_the_proclamation_switches_on_and_off_at_the_right_months():
    bound, ds = run(proclamation())
    assert bound.trigger_switches() == (
        "proclamation: on 2024-06, off 2024-09, on 2025-02, off 2025-05"
    )
    state = bound.trigger_states(ds.time).sel(trigger="proclamation").to_series()
    on = state[state > 0].index.strftime("%Y-%m").tolist()
    assert on == ["2024-06", "2024-07", "2024-08", "2025-02", "2025-03", "2025-04"]
    # the lever acts only while on: about 3 + 2.7 months suspended
    assert 5.0 < float(ds.months_suspended[-1]) < 6.6


def test_the_final_rule_needs_28_days_below():
    # below 1,500 from 2024-08-20 (the 7-day average crosses about 16 days later): 14 days
    # end the suspension in September, 28 days in the first days of October
    path = [("2019-10-01", 4000), ("2024-08-20", 1200)]
    bound, _ = run(proclamation(14), path)
    assert bound.trigger_switches() == "proclamation: on 2024-06, off 2024-09"
    bound, _ = run(proclamation(28), path)
    assert bound.trigger_switches() == "proclamation: on 2024-06, off 2024-10"


def test_a_short_dip_does_not_switch_it_off():
    # the average is below 1,500 for about 5 days only
    path = [("2019-10-01", 4000), ("2024-08-01", 1200), ("2024-08-20", 2000)]
    bound, _ = run(proclamation(14), path)
    assert bound.trigger_switches() == "proclamation: on 2024-06"


def test_nothing_before_the_lever_starts():
    bound, ds = run(proclamation(start="2025-01-01"))
    assert bound.trigger_switches() == "proclamation: on 2025-02, off 2025-05"
    before = ds.months_suspended.sel(time=slice(None, "2025-01"))
    assert float(before.max()) == 0.0


def test_trigger_round_trips_through_toml():
    s = proclamation()
    again = Scenario.from_toml(s.to_toml())
    assert (
        again.levers[0].trigger
        == s.levers[0].trigger
        == Trigger("apprehensions", on_above=2500, off_below=1500, per="day", hold_off_days=14)
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('{ variable = "apprehensions", on_above = 1 }', "trigger needs 'off_below'"),
        (
            '{ variable = "apprehensions", on_above = 1000, off_below = 1500 }',
            "trigger off_below = 1500 is above on_above = 1000",
        ),
        (
            '{ variable = "apprehensions", on_above = 2, off_below = 1, per = "week" }',
            "trigger per = 'week' is not allowed",
        ),
        (
            '{ variable = "x", on_above = 2, off_below = 1, hold_days = 3 }',
            "unknown trigger field 'hold_days'",
        ),
    ],
)
def test_bad_triggers(table, message):
    text = (
        'extends = "none"\n[[lever]]\nlever = "set_input"\ninput = "suspension"\nvalue = 1\n'
        f'start = "2024-06"\ntrigger = {table}\n'
    )
    with pytest.raises(ScenarioError, match=message):
        Scenario.from_toml(text)


def test_a_trigger_on_an_unknown_variable_is_refused_at_bind():
    s = Scenario.from_toml(
        'extends = "none"\n[[lever]]\nlever = "set_input"\nlabel = "p"\ninput = "suspension"\n'
        'value = 1\nstart = "2024-06"\n'
        'trigger = { variable = "aprehensions", on_above = 2, off_below = 1 }\n'
    )
    with pytest.raises(ScenarioError, match="Did you mean 'apprehensions'"):
        s.bind(mini_model(PATH))


def two_rules(continues: bool):
    cont = 'continues = "proclamation"\n' if continues else ""
    return Scenario.from_toml(
        'extends = "none"\n'
        '[[lever]]\nlever = "set_input"\nlabel = "proclamation"\ninput = "suspension"\n'
        'value = 1\nstart = "2024-06-05"\nend = "2024-10-01"\n'
        '[lever.trigger]\nvariable = "apprehensions"\nper = "day"\non_above = 2500\n'
        "off_below = 1500\nhold_off_days = 14\n"
        '[[lever]]\nlever = "set_input"\nlabel = "final_rule"\ninput = "suspension"\n'
        'value = 1\nstart = "2024-10-01"\n'
        '[lever.trigger]\nvariable = "apprehensions"\nper = "day"\non_above = 2500\n'
        f"off_below = 1500\nhold_off_days = 28\n{cont}"
    )


def test_a_rule_that_continues_another_starts_in_its_state():
    # between the thresholds from July: the suspension stays in force under the final rule
    # only when the final rule continues the proclamation's state
    path = [("2019-10-01", 4000), ("2024-07-01", 1800), ("2025-03-01", 1000)]
    bound, _ = run(two_rules(continues=True), path)
    assert bound.trigger_switches() == (
        "proclamation: on 2024-06, off 2024-10; final_rule: on 2024-10, off 2025-04"
    )
    bound, _ = run(two_rules(continues=False), path)
    assert bound.trigger_switches() == "proclamation: on 2024-06, off 2024-10; final_rule: never on"
    bad = two_rules(True).to_toml().replace('continues = "proclamation"', 'continues = "x"')
    with pytest.raises(ScenarioError, match="trigger continues = 'x', which is not the label"):
        Scenario.from_toml(bad).bind(mini_model(path))


def test_a_rule_in_force_at_its_start_waits_for_its_off_condition():
    # between the thresholds when it starts: off by default, on with initially = "on"
    path = [("2019-10-01", 2000), ("2024-09-01", 1000)]
    assert run(proclamation(), path)[0].trigger_switches() == "proclamation: never on"
    text = (
        proclamation()
        .to_toml()
        .replace("hold_off_days = 14", 'hold_off_days = 14, initially = "on"')
    )
    bound, _ = run(Scenario.from_toml(text), path)
    assert bound.trigger_switches() == "proclamation: on 2024-06, off 2024-09"
