"""Every public callable of sdmig and stockflow documents itself in numpydoc form.

A callable with arguments needs a ``Parameters`` section, one that returns a value a
``Returns`` (or ``Yields``) section. ``docstring_gaps.txt`` lists the callables not yet
complete: a new gap fails this test, and so does a listed gap that has been closed (take
it off the list), so the list only shrinks.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from collections.abc import Iterator
from pathlib import Path

from numpydoc.docscrape import ClassDoc, FunctionDoc

GAPS = Path(__file__).with_name("docstring_gaps.txt")
#: Modules whose callables are click commands, documented by their --help instead.
SKIP = ("sdmig.cli", "sdmig.__main__")


def _public(module) -> Iterator[tuple[str, object]]:
    names = getattr(module, "__all__", None) or [n for n in vars(module) if n[0] != "_"]
    for name in names:
        obj = getattr(module, name, None)
        if getattr(obj, "__module__", None) != module.__name__:
            continue
        if getattr(obj, "__name__", name) != name:  # an alias, documented under its name
            continue
        if inspect.isfunction(obj):
            yield f"{module.__name__}.{name}", obj
        elif inspect.isclass(obj):
            yield f"{module.__name__}.{name}", obj
            for attr, member in vars(obj).items():
                if attr[0] != "_" and inspect.isfunction(member):
                    yield f"{module.__name__}.{name}.{attr}", member


def _missing(obj) -> list[str]:
    doc = inspect.getdoc(obj)
    if not doc:
        return ["docstring"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = (ClassDoc if inspect.isclass(obj) else FunctionDoc)(obj)
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    missing = []
    if getattr(obj, "_is_protocol", False):  # a Protocol documents attributes, not arguments
        return missing
    arguments = [p for p in signature.parameters if p not in ("self", "cls")]
    if arguments and not parsed["Parameters"]:
        missing.append("Parameters")
    returns = signature.return_annotation
    if (
        inspect.isfunction(obj)
        and returns not in (None, "None", inspect.Signature.empty)
        and not (parsed["Returns"] or parsed["Yields"])
    ):
        missing.append("Returns")
    return missing


def gaps() -> dict[str, list[str]]:
    """Public callables of sdmig and stockflow with incomplete docstrings."""
    out = {}
    for package in ("sdmig", "stockflow"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.startswith(SKIP):
                continue
            module = importlib.import_module(info.name)
            for qualname, obj in _public(module):
                missing = _missing(obj)
                if missing:
                    out[qualname] = missing
    return out


def test_docstring_gaps_only_shrink():
    listed = {
        line.split()[0]
        for line in GAPS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    found = gaps()
    new = sorted(set(found) - listed)
    closed = sorted(listed - set(found))
    assert not new, "document these (numpydoc sections missing):\n" + "\n".join(
        f"{q}: {', '.join(found[q])}" for q in new
    )
    assert not closed, "closed gaps; take them off docstring_gaps.txt:\n" + "\n".join(closed)


if __name__ == "__main__":  # regenerate the list: python tests/architecture/test_docstrings.py
    lines = [f"{q}  {', '.join(m)}" for q, m in sorted(gaps().items())]
    header = "# Public callables whose numpydoc docstrings are not complete yet (see the test).\n"
    GAPS.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} gaps")
