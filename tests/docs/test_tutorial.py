"""The tutorial's tables are well formed and its quick commands give what it shows."""

import re
from pathlib import Path

from click.testing import CliRunner

from sdmig.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"


def test_every_table_separator_follows_a_header_of_its_width():
    lines = TUTORIAL.read_text(encoding="utf-8").splitlines()
    separators = [i for i, line in enumerate(lines) if re.fullmatch(r"\|(-+\|)+", line)]
    assert separators
    for i in separators:
        header = lines[i - 1]
        assert header.startswith("| ") and not re.fullmatch(r"\|(-+\|)+", header), i + 1
        assert header.count("|") == lines[i].count("|"), i + 1
        body = lines[i + 1]
        assert body.startswith("| ") and body.count("|") == header.count("|"), i + 1


def test_the_tutorial_shows_the_levels_and_benchmark_tables():
    text = TUTORIAL.read_text(encoding="utf-8")
    assert "| scenario | encounters [encounters] |" in text
    assert "| scenario | benchmark | metric | target | by | months evaluated |" in text
    for figure in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (TUTORIAL.parent / figure).is_file(), figure


def test_validate_prints_what_the_tutorial_shows(monkeypatch):
    monkeypatch.chdir(ROOT)
    text = TUTORIAL.read_text(encoding="utf-8")
    shown = re.search(r"sdmig scenarios validate (\S+)\n```\n```\n(.+)\n```", text)
    result = CliRunner().invoke(main, ["scenarios", "validate", shown.group(1)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown.group(2)
