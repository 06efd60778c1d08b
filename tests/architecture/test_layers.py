"""The package's rooms import one way only: data -> model -> policy -> inference -> run
-> outputs -> cli, and stockflow never imports sdmig. Every import counts, including
those inside functions, so a lazy import cannot hide a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Rooms in the order data flows through them; a room may import only earlier ones.
ROOMS = ("data", "model", "policy", "inference", "run", "outputs", "cli")
#: Modules every room may use.
SHARED = {"sdmig", "sdmig.errors", "sdmig.files"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant):
                out.add(node.args[0].value)
    return out


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "sdmig" and parts[1] in ROOMS else None


def _graph(package: str) -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted((ROOT / package).rglob("*.py"))}


def test_no_relative_imports_hide_edges():
    for p in (ROOT / "sdmig").rglob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, f"{p}: use absolute imports so the layer check sees them"


@pytest.mark.parametrize("room", ROOMS)
def test_room_imports_only_earlier_rooms(room):
    allowed = set(ROOMS[: ROOMS.index(room) + 1])
    bad = []
    for module, imports in _graph("sdmig").items():
        if _room(module) != room:
            continue
        for name in imports:
            target = _room(name)
            if target is not None and target not in allowed:
                bad.append(f"{module} imports {name} ({target} comes after {room})")
    assert not bad, "\n".join(sorted(bad))


def test_shared_modules_import_no_room():
    graph = _graph("sdmig")
    for module in SHARED - {"sdmig"}:
        rooms = {_room(n) for n in graph[module]} - {None}
        assert not rooms, f"{module} imports {rooms}"


def test_stockflow_knows_nothing_of_sdmig():
    for module, imports in _graph("stockflow").items():
        leaks = sorted(n for n in imports if n.split(".")[0] in {"sdmig", "sdmig_levers"})
        assert not leaks, f"{module} imports {leaks}"


def test_no_cycle_between_modules():
    graph = _graph("sdmig")
    modules = set(graph)
    edges = {m: {n for n in imps if n in modules and n != m} for m, imps in graph.items()}
    # a package's __init__ may re-export from its own modules; that is not a cycle
    for m in edges:
        edges[m] = {n for n in edges[m] if not m or not n.startswith(m + ".")}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in edges[m]:
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path, m, n]))
            if n not in state:
                visit(n, [*path, m])
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [])


def test_application_models_meet_the_engine_protocol():
    import stockflow as sf
    from sdmig.model.border import BorderModel
    from stockflow.interop.pysd_import import ImportedModel

    assert isinstance(BorderModel(), sf.ModelHolder)
    assert {"stockflow_model", "compiled"} <= set(dir(ImportedModel))
    assert not isinstance(object(), sf.ModelHolder)
