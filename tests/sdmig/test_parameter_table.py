"""parameters.py is the single source of truth for every number in the model."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from sdmig.model import parameters
from sdmig.model.border import build_model

BORDER = Path(parameters.__file__).with_name("border.py")
TABLES = {
    "PARAMETERS": parameters.PARAMETERS,
    "EXTRA_PARAMETERS": parameters.EXTRA_PARAMETERS,
    "CONSTANTS": parameters.CONSTANTS,
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def _positions(tree: ast.AST) -> set[int]:
    """Integer constants that count positions, not quantities: axes and indices."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "axis":
            out.update(id(n) for n in ast.walk(node.value))
        elif isinstance(node, ast.Subscript):
            out.update(id(n) for n in ast.walk(node.slice))
    return out


def bare_numbers(source: str) -> list[str]:
    """Numeric literals other than 0 and 1 outside docstrings, axes and indices."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _positions(tree)
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and type(node.value) in (int, float, complex)
            and node.value not in (0, 1)
            and not (id(node) in skip and isinstance(node.value, int))
        ):
            found.append(
                f"border.py:{node.lineno}: {node.value!r} in {lines[node.lineno - 1].strip()}"
            )
    return sorted(found)


def test_border_equations_hold_no_bare_numbers():
    found = bare_numbers(BORDER.read_text(encoding="utf-8"))
    assert not found, "declare these in sdmig/model/parameters.py:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("f = lambda v: v.x / 12.0", ["border.py:1: 12.0 in f = lambda v: v.x / 12.0"]),
        (
            "f = lambda v: np.minimum(0.5, v.x)",
            ["border.py:1: 0.5 in f = lambda v: np.minimum(0.5, v.x)"],
        ),
        ("f = lambda v: v.x.sum(axis=(1, 2)) * v.y[2] + 1.0 - 0", []),
    ],
)
def test_the_scan_finds_bare_numbers_and_only_those(source, expected):
    assert bare_numbers(source) == expected


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_entry_has_units_a_range_holding_its_value_and_a_source(table):
    for p in TABLES[table]:
        value = np.asarray(p.value, dtype=float)
        assert p.units, f"{table} {p.name}: no units"
        assert p.source.strip(), f"{table} {p.name}: no source (or 'assumption')"
        assert p.doc.strip(), f"{table} {p.name}: no description"
        assert np.all((p.low <= value) & (value <= p.high)), f"{table} {p.name}: out of range"


def test_every_model_parameter_is_declared_in_the_table():
    declared = {p.name: p for p in (*parameters.PARAMETERS, *parameters.EXTRA_PARAMETERS)}
    model = build_model()
    params = {v.name: v for v in model.variables.values() if v.kind == "param"}
    assert set(params) == set(declared)
    for name, var in params.items():
        assert var.units == declared[name].units
        assert var.bounds == (declared[name].low, declared[name].high)
