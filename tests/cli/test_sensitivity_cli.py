"""`sdmig sensitivity`: ranked tables, the bar chart and the CSV, and clean failures."""

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from sdmig.cli.main import main

FAST = ["--solver", "euler", "--dt", "0.25", "--start", "2026-07", "--end", "2026-12"]
FACTORS = [
    "--factor", "base_departures",
    "--factor", "humanitarian_safeguards.averted=0.2:0.6",
    "--factor", "joint_oversight.start=-2:2",
]  # fmt: skip


def rows(output: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.split("|")[1:-1]]
        for line in output.splitlines()
        if line.startswith("| ") and not line.startswith("| rank")
    ]


@pytest.fixture(scope="module")
def sobol_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sensitivity") / "out"
    args = ["sensitivity", *FACTORS, *FAST, "--n-base", "16", "--outcome", "deaths"]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_sobol_prints_a_table_ranked_by_total_index(sobol_run):
    _, result = sobol_run
    assert "sobol: 3 factors, 80 runs of binational_phased (euler, dt 0.25)" in result.stderr
    assert "deaths (sum over the window)" in result.stdout
    table = rows(result.stdout)
    assert [r[0] for r in table] == ["1", "2", "3"]
    # departures +-20 % and the averted share of deaths (0.2 to 0.6) both move deaths;
    # which ranks first depends on the calibration, so only the last place is fixed
    assert {r[1] for r in table[:2]} == {"base_departures", "humanitarian_safeguards.averted"}
    st = [float(r[4].split("±")[0]) for r in table]
    assert st == sorted(st, reverse=True)
    assert table[-1][1:3] == ["joint_oversight.start", "shift -2 to 2 months"]
    assert table[-1][4] == "0.000 ± 0.000"  # oversight starts after the window


def test_sobol_writes_the_bar_chart_and_the_ranked_csv(sobol_run):
    out, result = sobol_run
    assert sorted(p.name for p in out.iterdir()) == ["sensitivity.csv", "sensitivity.png"]
    assert (out / "sensitivity.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    csv = pd.read_csv(out / "sensitivity.csv")
    assert list(csv.columns) == [
        "factor", "outcome", "rank", "range", "S1", "S1_conf", "ST", "ST_conf",
    ]  # fmt: skip
    # the CSV is ranked as the printed table is
    table = rows(result.stdout)
    assert list(csv["factor"]) == [r[1] for r in table]
    assert f"wrote {out / 'sensitivity.png'}" in result.stderr


def test_morris_screening():
    args = ["sensitivity", *FACTORS, *FAST, "--method", "morris", "--n-base", "4", "--quiet"]
    result = CliRunner().invoke(main, [*args, "--outcome", "encounters"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "| rank | factor | range | mu* | sigma |" in result.stdout
    assert rows(result.stdout)[0][1] == "base_departures"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--factor", "nope"], 1, "Error: factor 'nope' is not a model parameter"),
        (["--factor", "season_peak=1"], 2, "give NAME or NAME=LOW:HIGH"),
        (["--factor", "season_peak", "--n-base", "100"], 1, "must be a power of 2"),
        (["--factor", "season_peak", "--outcome", "colour"], 1, "outcome 'colour' is not an"),
        (["--factor", "season_peak", "--start", "2031-01"], 1, "must lie within"),
        (["--factor", "season_peak", "--workers", "2"], 1, "--workers 2 needs --scheduler local"),
        (["--scenario", "nope"], 1, "no scenario 'nope'"),
        (["--method", "fast"], 2, "'fast' is not one of 'sobol', 'morris'"),
    ],
)
def test_bad_requests_fail_cleanly_and_write_nothing(tmp_path, args, code, message):
    out = tmp_path / "out"
    # a later --n-base wins: the bad 100 in `args` comes after this one
    result = CliRunner().invoke(main, ["sensitivity", "--n-base", "2", *args, "--out", str(out)])
    assert result.exit_code == code, result.output
    assert re.search(message, result.output), result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_assumptions_are_ranked(tmp_path):
    args = ["sensitivity", "--assumptions", "--scenario", "option1_enforcement", "--method"]
    args += ["morris", "--n-base", "4", "--solver", "rk4", "--dt", "0.25"]
    args += ["--start", "2026-07", "--end", "2026-12", "--outcome", "crossings"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    names = [r[1] for r in rows(result.stdout)]
    assert "enforcement_deterrence" in names and "stay_deterrence" in names
    assert "physical_barriers.enforcement_factor" in names
