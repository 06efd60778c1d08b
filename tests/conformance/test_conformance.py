"""The SDXorg conformance suite (vendored in ``test-models/``) through stockflow's import.

Every model with a reference output is imported, run on its own clock and compared with
the reference at ``|sim - ref| <= 1e-3 * max(1, |ref|)``. ``expected.txt`` lists the models
not passing yet and why: a model that stops passing, or one that starts passing without
being taken off the list, fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stockflow.interop import conformance as cf

HERE = Path(__file__).parent
SUITE = HERE / "test-models"
EXPECTED = HERE / "expected.txt"


@pytest.mark.slow
def test_suite_matches_the_expected_results():
    results = cf.run_suite(SUITE, timeout=60)["stockflow"]
    assert len(results) == 267
    counts = cf.counts(results)
    assert counts["ERROR"] == 0, [r for r in results if r.status == "ERROR"]
    diff = cf.differences(results, cf.read_expected(EXPECTED))
    assert not diff, "\n".join(diff)


def test_tolerance_and_matching():
    ref = pd.DataFrame({"Stock A": [1.0, 2000.0], "x[North, b]": [0.0, 0.0]}, index=[0.0, 1.0])
    ok = pd.DataFrame({"stock_a": [1.0009, 2001.9], "X[north,B]": [9e-4, 0.0]}, index=[0.0, 1.0])
    assert cf.compare(ok, ref) == ""
    off = ok.assign(stock_a=[1.0, 2002.1])
    assert cf.compare(off, ref).startswith("Stock A at time 1: 2002.1")
    assert cf.compare(ok.drop(columns="X[north,B]"), ref) == "no output for 'x[North, b]'"
    assert cf.compare(ok.iloc[:1], ref) == "no output at time 1"


def test_expected_file_is_checked(tmp_path):
    bad = tmp_path / "expected.txt"
    bad.write_text("tests/abs/test_abs.mdl\tBROKEN\twhy\n")
    with pytest.raises(ValueError, match="line 1"):
        cf.read_expected(bad)
    results = [cf.Result("a.mdl", "PASS", "", 0.0), cf.Result("b.mdl", "FAIL-NUMERIC", "x", 0.0)]
    diff = cf.differences(results, {"a.mdl": ("UNTRANSLATED", "")})
    assert diff[0].startswith("new pass: a.mdl")
    assert diff[1].startswith("regression: b.mdl")


def test_command_line_fails_on_a_difference(tmp_path, capsys):
    expected = tmp_path / "expected.txt"
    cf.write_expected(expected, [cf.Result("tests/abs/test_abs.mdl", "UNTRANSLATED", "x", 0)])
    code = cf.main([str(SUITE), "--match", "tests/abs/", "--expected", str(expected)])
    out = capsys.readouterr().out
    assert code == 1
    assert "new pass: tests/abs/test_abs.mdl (was UNTRANSLATED)" in out
    assert "stockflow: 3 of 3 pass" in out
    cf.write_expected(expected, [])
    assert cf.main([str(SUITE), "--match", "tests/abs/", "--expected", str(expected)]) == 0
    assert cf.main([str(tmp_path / "nowhere")]) == 2
