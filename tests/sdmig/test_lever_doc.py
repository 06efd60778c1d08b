"""docs/writing-a-lever.md: its table of policy inputs is complete, and its examples run and
give the signs the text claims."""

import re
from pathlib import Path

import pytest

from sdmig.model.border import POLICY_INPUTS, BorderModel
from sdmig.policy.scenario import load_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "writing-a-lever.md"


def toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(), flags=re.S)


def test_the_doc_lists_every_policy_input_with_dims_and_units():
    rows = {}
    for line in DOC.read_text().splitlines():
        m = re.match(r"\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", line)
        if m:
            rows[m.group(1)] = (m.group(2).strip(), m.group(3).strip())
    for name, (_, dims, units, _) in POLICY_INPUTS.items():
        assert name in rows, f"{name} is not in the doc's table of policy inputs"
        assert rows[name] == (", ".join(dims) or "scalar", units), name


def test_the_parole_example_lowers_crossings_and_raises_legal_entries(tmp_path):
    pytest.importorskip("sdmig_example_lever")
    text = next(b for b in toml_blocks() if b.startswith("# parole.toml"))
    path = tmp_path / "parole.toml"
    path.write_text(text)
    parole = load_scenario(path)
    assert parole.extends == "baseline"
    model = BorderModel()
    window = slice("2026-07", "2028-12")
    base = model.simulate(load_scenario("baseline"), method="rk4").sel(time=window)
    ds = model.simulate(parole, method="rk4").sel(time=window)
    d_crossings = float((ds.crossings - base.crossings).sum())
    d_legal = float((ds.legal_pathway_entries - base.legal_pathway_entries).sum())
    assert d_crossings < 0 < d_legal


def test_the_change_and_trigger_examples_load(tmp_path):
    change = next(b for b in toml_blocks() if 'label = "cbp_one_1450"' in b)
    (tmp_path / "change.toml").write_text(change)
    s = load_scenario(tmp_path / "change.toml")
    by_label = dict(zip(s.labels, s.levers, strict=True))
    assert str(by_label["cbp_one_1450"].timing.end.date()) == "2027-01-01"
    assert by_label["chnv_parole"].capacity == 10000
    trigger = next(b for b in toml_blocks() if "[lever.trigger]" in b)
    (tmp_path / "trigger.toml").write_text('extends = "none"\n' + trigger)
    (lever,) = load_scenario(tmp_path / "trigger.toml").levers
    assert lever.trigger.on_above == 2500 and lever.trigger.hold_off_days == 14
