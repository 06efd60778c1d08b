"""Scenario files: reading TOML (with every check) and writing it.

Scenario files
--------------
TOML, read with :mod:`tomllib`; data only, nothing in them is executed::

    name = "binational"                        # default: the file name without .toml
    description = "Phased binational strategy" # optional
    extends = "baseline"                       # optional: levers of baseline.toml first

    [[lever]]
    lever = "pre_screening_hub"                # an installed lever (sdmig levers)
    label = "tijuana_hub"                      # optional, unique in the scenario
    phase = "phase 2"                          # optional label
    start = "2027-01"                          # 'YYYY-MM' or 'YYYY-MM-DD' (or a TOML date)
    ramp_months = 6                            # optional, default 0 (a step)
    shape = "s_curve"                          # optional: "linear" (default) or "s_curve"
    end = "2028-06"                            # optional: start of the ramp-down
    ramp_down_months = 3                       # optional, needs end
    corridor = ["tijuana_san_diego"]           # optional targeting: corridor, origin
    monthly_cost = 1.5e6                       # optional [USD/month at full effect]
    setup_cost = 4e6                           # optional [USD, once, at the start]
    capacity = 1500                            # the lever's own parameters

``extends`` names a file beside this one (``baseline`` -> ``baseline.toml``) or a
built-in scenario. The parent's levers come first; a lever whose ``label`` equals an
inherited lever's label replaces it. Every date must lie in the simulated range
(default :data:`DEFAULT_RANGE`, 2019-10 to 2028-12).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import importlib.resources
import json
import math
import os
import tomllib
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sdmig.errors import LeverError, ScenarioError
from sdmig.model.parameters import END, START
from sdmig.policy.benchmarks import parse_benchmark
from sdmig.policy.levers import (
    BASE_FIELDS,
    TARGET_DIMS,
    Lever,
    Param,
    Timing,
    format_date,
    format_number,
)
from sdmig.policy.registry import available_levers, unknown_lever_message
from sdmig.policy.triggers import Trigger

__all__ = [
    "COMMON_FIELDS",
    "DEFAULT_RANGE",
    "TIMING_FIELDS",
    "TOP_LEVEL_FIELDS",
    "builtin_scenarios",
    "check_scenario_names",
    "read_scenario",
    "read_scenario_text",
    "scenario_toml",
]

#: The simulated range that dates in scenario files must lie in (months, inclusive).
DEFAULT_RANGE = (START, END)
#: Keys allowed at the top of a scenario file.
TOP_LEVEL_FIELDS = ("name", "description", "extends", "lever", "benchmark")
#: Keys of a ``[[lever]]`` table that make its :class:`~sdmig.policy.levers.Timing`.
TIMING_FIELDS = ("start", "ramp_months", "shape", "end", "ramp_down_months", "phase")
#: Keys every ``[[lever]]`` table may have, besides the timing and the lever's parameters.
COMMON_FIELDS = ("lever", "label", "corridor", "origin", "monthly_cost", "setup_cost", "trigger")


def scenario_toml(scenario: Any) -> str:
    """`scenario` as a scenario file (``extends`` already flattened).

    :meth:`sdmig.policy.scenario.Scenario.to_toml` calls this.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    str
        TOML text that :func:`read_scenario_text` reads back into an equal scenario.

    Raises
    ------
    ScenarioError
        A lever's timing is in model months rather than dates, or a field has a value TOML
        cannot hold.

    Examples
    --------
    >>> from sdmig.policy.scenario import load_scenario
    >>> print(scenario_toml(load_scenario("baseline")).splitlines()[0])
    name = "baseline"
    """
    lines = [f"name = {_toml(scenario.name)}"]
    if scenario.description:
        lines.append(f"description = {_toml(scenario.description)}")
    lines.append('extends = "none"  # the inherited levers are written out below')
    for lever, loc in zip(scenario.levers, scenario.locations, strict=True):
        tm = lever.timing
        if not tm.is_dated:
            raise ScenarioError(f"{loc}: timing {tm} is in model months; scenario files need dates")
        lines += ["", "[[lever]]", f"lever = {_toml(lever.name)}"]
        for key, value in _lever_items(lever):
            if value is not None:
                lines.append(f"{key} = {_toml(value, loc, key)}")
    return "\n".join(lines) + "\n"


def _lever_items(lever: Lever) -> list[tuple[str, Any]]:
    """A lever (dated timing) as scenario-file keys and values (None: leave it out)."""
    tm = lever.timing
    return [
        ("label", lever.label),
        ("phase", tm.phase),
        ("start", format_date(tm.start)),
        ("ramp_months", tm.ramp_months or None),
        ("shape", None if tm.shape == "linear" else tm.shape),
        ("end", None if tm.end is None else format_date(tm.end)),
        ("ramp_down_months", tm.ramp_down_months or None),
        ("corridor", lever.corridor),
        ("origin", lever.origin),
        ("monthly_cost", lever.monthly_cost or None),
        ("setup_cost", lever.setup_cost or None),
        ("trigger", lever.trigger.to_table() if lever.trigger is not None else None),
        *lever.values().items(),
    ]


def _lever_table(lever: Lever) -> dict[str, Any]:
    """A lever as the ``[[lever]]`` table that makes it (for a child's changes)."""
    table: dict[str, Any] = {"lever": lever.name}
    for key, value in _lever_items(lever):
        if value is None:
            continue
        table[key] = list(value) if isinstance(value, tuple) else value
    table["monthly_cost"] = lever.monthly_cost
    table["setup_cost"] = lever.setup_cost
    return table


# ============================================================================ loading
def builtin_scenarios() -> dict[str, Any]:
    """The built-in scenario files.

    Returns
    -------
    dict of str to importlib resource
        ``{name: resource}`` of the packaged ``forecasts/*.toml``, sorted by name.

    Examples
    --------
    >>> "baseline" in builtin_scenarios()
    True
    """
    try:
        root: Any = importlib.resources.files("sdmig._scenarios")
    except ModuleNotFoundError:  # a source tree that was never installed
        root = Path(__file__).resolve().parent.parent / "forecasts"
        if not root.is_dir():
            return {}
    files = [p for p in root.iterdir() if p.name.endswith(".toml") and p.is_file()]
    return {p.name.removesuffix(".toml"): p for p in sorted(files, key=lambda p: p.name)}


def check_scenario_names(scenarios: Sequence[Any]) -> None:
    """Refuse scenarios that would be confused in a comparison.

    Scenario names must be distinct, and a scenario that is not the built-in one of its
    name (a user's file or a scenario made in code) must not take a built-in scenario's
    name: comparisons are made against the built-in ``baseline``, and a user file named
    ``baseline`` would silently replace it.

    Parameters
    ----------
    scenarios : sequence of Scenario

    Raises
    ------
    ScenarioError
        Naming the scenario, where it came from and what to do.
    """
    builtins = builtin_scenarios()
    seen: dict[str, str] = {}
    errors = []
    for scenario in scenarios:
        name = scenario.name
        where = getattr(scenario, "source", None) or f"scenario {name!r}"
        if name in builtins and getattr(scenario, "origin", None) != "builtin":
            errors.append(
                f"{where}: name = {name!r} is the name of a built-in scenario; give the "
                f'scenario its own name (name = "my_{name}") so that it cannot be taken '
                "for the built-in one"
            )
        if name in seen:
            errors.append(
                f"{where}: scenario name {name!r} is already used by {seen[name]}; scenario "
                "names must be distinct"
            )
        seen.setdefault(name, where)
    if errors:
        raise ScenarioError("\n".join(errors))


def read_scenario(
    source: str | os.PathLike,
    make: Callable[..., Any],
    *,
    date_range: tuple[str, str] = DEFAULT_RANGE,
    levers: Mapping[str, type[Lever]] | None = None,
) -> Any:
    """Read and check a scenario file, or a built-in scenario by name.

    The reader builds its scenarios (and those they extend) by calling `make` with the
    fields of :class:`~sdmig.policy.scenario.Scenario`, so that this module does not
    import the class that reads files through it; :func:`sdmig.policy.scenario.load_scenario`
    passes that class.

    Parameters
    ----------
    source : str or path
        A TOML file, or the name of a built-in scenario (``"baseline"``). A string that
        ends in ``.toml``, contains a path separator or names an existing file is a file.
    make : callable
        The scenario class, called with keyword arguments ``name``, ``description``,
        ``levers``, ``extends``, ``source``, ``locations``, ``benchmarks`` and ``origin``.
    date_range : (str, str), default ("2019-10", "2028-12")
        First and last simulated months; every date in the file must lie within.
    levers : mapping of str to Lever subclass, optional
        The levers a file may use (default: the installed ones,
        :func:`sdmig.policy.registry.available_levers`).

    Returns
    -------
    Scenario
        What `make` returns.

    Raises
    ------
    ScenarioError
        One line per problem, each naming the file, the lever's position and name, the
        field, the value and what is allowed.

    Examples
    --------
    >>> from sdmig.policy.scenario import Scenario
    >>> read_scenario("baseline", Scenario).name
    'baseline'
    """
    loader = _Loader(date_range, levers, make)
    return loader.load(loader.ref(source), ())


def read_scenario_text(
    text: str,
    make: Callable[..., Any],
    *,
    source: str = "<string>",
    date_range: tuple[str, str] = DEFAULT_RANGE,
    levers: Mapping[str, type[Lever]] | None = None,
) -> Any:
    """Read and check a scenario from TOML text; ``extends`` can name only built-in
    scenarios.

    Parameters
    ----------
    text : str
        The TOML text.
    make : callable
        The scenario class (see :func:`read_scenario`).
    source : str, default "<string>"
        Names the text in messages; its stem is the default scenario name.
    date_range, levers
        As for :func:`read_scenario`.

    Returns
    -------
    Scenario
        What `make` returns.

    Raises
    ------
    ScenarioError
        As for :func:`read_scenario`.

    Examples
    --------
    >>> from sdmig.policy.scenario import Scenario
    >>> read_scenario_text('extends = "none"', Scenario, source="empty.toml").name
    'empty'
    """
    loader = _Loader(date_range, levers, make)
    stem = Path(source).name.removesuffix(".toml") if source != "<string>" else "scenario"
    ref = _Ref(display=source, key=f"text:{source}", stem=stem, read=lambda: text)
    return loader.load(ref, ())


@dataclass(frozen=True)
class _Ref:
    """Where a scenario's text comes from."""

    display: str
    key: str
    stem: str
    read: Any
    directory: Path | None = None


def _month(value: str, what: str) -> pd.Period:
    try:
        return pd.Period(value, freq="M")
    except (ValueError, TypeError):
        raise ScenarioError(f"`date_range` {what} = {value!r} is not a month 'YYYY-MM'") from None


def _toml_type(value: Any) -> str:
    kinds = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        (datetime.datetime, "a date-time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
    ]
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Loader:
    def __init__(
        self,
        date_range: tuple[str, str],
        levers: Mapping[str, type[Lever]] | None,
        make: Callable[..., Any],
    ):
        self.make = make
        if not (isinstance(date_range, Sequence) and len(date_range) == 2):
            raise ScenarioError(f"`date_range` = {date_range!r} must be (first, last) months")
        self.first = _month(date_range[0], "first")
        self.last = _month(date_range[1], "last")
        if self.last < self.first:
            raise ScenarioError(f"`date_range` ends ({self.last}) before it starts ({self.first})")
        self.levers = dict(available_levers() if levers is None else levers)
        self._builtins: dict[str, Any] | None = None

    @property
    def builtins(self) -> dict[str, Any]:
        if self._builtins is None:
            self._builtins = builtin_scenarios()
        return self._builtins

    # ------------------------------------------------------------------ sources
    def _file_ref(self, path: Path) -> _Ref:
        return _Ref(
            display=path.name,
            key=f"file:{path.resolve()}",
            stem=path.name.removesuffix(".toml"),
            read=path.read_bytes,
            directory=path.parent,
        )

    def _builtin_ref(self, name: str) -> _Ref:
        res = self.builtins[name]
        return _Ref(display=f"{name}.toml", key=f"builtin:{name}", stem=name, read=res.read_bytes)

    def _builtin_hint(self, name: str) -> str:
        names = list(self.builtins)
        close = difflib.get_close_matches(name, names, n=1)
        text = f" Did you mean {close[0]!r}?" if close else ""
        return text + f" Built-in scenarios: {', '.join(names) or 'none'}."

    def ref(self, source: str | os.PathLike) -> _Ref:
        if isinstance(source, os.PathLike):
            return self._file_ref(Path(source))
        if not isinstance(source, str):
            raise ScenarioError(f"scenario source {source!r} must be a file path or a name")
        path = Path(source)
        if source.endswith(".toml") or os.sep in source or "/" in source or path.exists():
            return self._file_ref(path)
        if source in self.builtins:
            return self._builtin_ref(source)
        raise ScenarioError(
            f"no scenario {source!r}: not a file and not a built-in scenario."
            + self._builtin_hint(source)
        )

    def _extends_ref(self, ref: _Ref, name: str) -> _Ref:
        stem = name.removesuffix(".toml")
        if ref.directory is not None:
            path = ref.directory / f"{stem}.toml"
            if path.is_file():
                return self._file_ref(path)
        if stem in self.builtins:
            return self._builtin_ref(stem)
        beside = f"no file {stem}.toml beside {ref.display} and " if ref.directory else ""
        raise ScenarioError(
            f"{ref.display}: extends = {name!r} names no scenario: {beside}no built-in "
            f"scenario of that name." + self._builtin_hint(stem)
        )

    # ------------------------------------------------------------------ parsing
    def load(self, ref: _Ref, chain: tuple[_Ref, ...]) -> Any:
        if any(r.key == ref.key for r in chain):
            cycle = " -> ".join(r.display for r in (*chain, ref))
            raise ScenarioError(
                f"{chain[0].display}: `extends` forms a cycle: {cycle}; a scenario cannot "
                "extend itself, directly or through others"
            )
        data = self._parse(ref)
        if not data:
            raise ScenarioError(
                f"{ref.display}: the file is empty; a scenario file needs at least "
                '`extends = "baseline"` (the historical regime and the status quo) or '
                '`extends = "none"` (no levers at all), then its [[lever]] tables'
            )
        errors: list[str] = []
        if "extends" not in data:
            errors.append(
                f"{ref.display}: missing field 'extends'. Write "
                '`extends = "baseline"` to build on the historical policy regime (what '
                'almost every scenario wants), or `extends = "none"` to start from a model '
                "with no levers at all (no COVID-19, Title 42 or CBP One)"
            )
        for key in data:
            if key not in TOP_LEVEL_FIELDS:
                close = difflib.get_close_matches(key, TOP_LEVEL_FIELDS, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                errors.append(
                    f"{ref.display}: unknown field {key!r};{hint} allowed at the top level: "
                    f"{', '.join(TOP_LEVEL_FIELDS)} (levers go in [[lever]] tables)"
                )
        text_fields = {}
        for key in ("name", "description", "extends"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                errors.append(
                    f"{ref.display}: {key} = {_shown(value)} has the wrong type "
                    f"({_toml_type(value)}); expected a string"
                )
            else:
                text_fields[key] = value
        if text_fields.get("name") == "":
            errors.append(f"{ref.display}: name = '' must not be empty")
        tables = data.get("lever", [])
        if not isinstance(tables, list):
            errors.append(
                f"{ref.display}: lever = {_shown(tables)} has the wrong type "
                f"({_toml_type(tables)}); expected [[lever]] tables"
            )
            tables = []
        if errors:
            raise ScenarioError("\n".join(errors))
        parent = None
        extends = text_fields.get("extends")
        if extends == "":
            raise ScenarioError(
                f'{ref.display}: extends = \'\' names no scenario; use "baseline" or "none"'
            )
        if extends is not None and extends != "none":
            parent = self.load(self._extends_ref(ref, extends), (*chain, ref))
        inherited_by_label = (
            dict(zip(parent.labels, zip(parent.levers, parent.locations, strict=True), strict=True))
            if parent
            else {}
        )
        own: list[tuple[Lever | None, str, str | None]] = []
        for i, table in enumerate(tables, 1):
            try:
                own.append(self._own_lever(table, ref.display, i, inherited_by_label, parent))
            except ScenarioError as err:
                errors.append(str(err))
        benchmarks = list(parent.benchmarks) if parent else []
        bench_tables = data.get("benchmark", [])
        if not isinstance(bench_tables, list):
            errors.append(
                f"{ref.display}: benchmark = {_shown(bench_tables)} has the wrong "
                f"type ({_toml_type(bench_tables)}); expected [[benchmark]] tables"
            )
            bench_tables = []
        for i, table in enumerate(bench_tables, 1):
            try:
                benchmarks.append(
                    parse_benchmark(
                        table, f"{ref.display}, benchmark {i}", (str(self.first), str(self.last))
                    )
                )
            except ScenarioError as err:
                errors.append(str(err))
        if errors:
            raise ScenarioError("\n".join(errors))
        levers: list[Lever | None] = list(parent.levers) if parent else []
        locations = list(parent.locations) if parent else []
        inherited = {lever.label: k for k, lever in enumerate(levers) if lever.label}
        if parent:
            inherited.update({label: k for k, label in enumerate(parent.labels)})
        for lever, loc, changes in own:
            key = changes if changes is not None else (lever.label if lever else None)
            if key in inherited:
                k = inherited.pop(key)
                levers[k] = lever
                locations[k] = loc
            elif lever is not None:
                levers.append(lever)
                locations.append(loc)
        kept = [(lv, loc) for lv, loc in zip(levers, locations, strict=True) if lv is not None]
        return self.make(
            name=text_fields.get("name") or ref.stem,
            description=text_fields.get("description") or "",
            levers=tuple(lv for lv, _ in kept),
            extends=None if extends == "none" else extends,
            source=ref.display,
            locations=tuple(loc for _, loc in kept),
            benchmarks=tuple(benchmarks),
            origin=self._origin(ref),
        )

    def _origin(self, ref: _Ref) -> str:
        """``"builtin"``, ``"file"`` or ``"text"``; a built-in scenario's own file read by
        its path counts as built-in."""
        kind, _, where = ref.key.partition(":")
        if kind == "file" and ref.stem in self.builtins:
            try:
                if Path(str(self.builtins[ref.stem])).resolve() == Path(where):
                    return "builtin"
            except OSError:  # pragma: no cover - a resource that is not a file
                pass
        return kind

    def _own_lever(
        self,
        table: Any,
        display: str,
        i: int,
        inherited: Mapping[str, tuple[Lever, str]],
        parent: Any,
    ) -> tuple[Lever | None, str, str | None]:
        """A ``[[lever]]`` table: a new lever, or a change to an inherited one.

        Returns ``(lever or None when removed, location, inherited label it changes or
        None)``. A table with a ``label`` of an inherited lever and no ``lever`` key
        changes that lever: its keys replace the inherited ones (``end = "2027-01"`` ends
        it, ``remove = true`` drops it).
        """
        if not isinstance(table, dict) or "lever" in table or "label" not in table:
            if isinstance(table, dict) and "remove" in table:
                raise ScenarioError(
                    f"{display}, lever {i}: `remove` needs the `label` of an inherited lever "
                    "and no `lever` key"
                )
            lever, loc = self._lever(table, display, i)
            return lever, loc, None
        label = table["label"]
        if not isinstance(label, str) or label not in inherited:
            labels = ", ".join(inherited) or "none"
            close = difflib.get_close_matches(str(label), list(inherited), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ScenarioError(
                f"{display}, lever {i}: missing field 'lever'; a table without it changes an "
                f"inherited lever, but label = {_shown(label)} is not the label of one.{hint} "
                f"Inherited labels: {labels}"
            )
        old, _ = inherited[label]
        loc = f"{display}, lever {i} (changes {label!r} of {parent.source or parent.name})"
        remove = table.get("remove", False)
        if not isinstance(remove, bool):
            raise ScenarioError(
                f"{loc}: remove = {_shown(remove)} has the wrong type ({_toml_type(remove)}); "
                "expected true or false"
            )
        if remove:
            extra = sorted(set(table) - {"label", "remove"})
            if extra:
                raise ScenarioError(
                    f"{loc}: remove = true drops the lever; other fields ({', '.join(extra)}) "
                    "would do nothing"
                )
            return None, loc, label
        merged = _lever_table(old)
        merged.update({k: v for k, v in table.items() if k != "remove"})
        if old.label is None:
            merged.pop("label", None)
        lever, _ = self._lever(merged, display, i)
        return lever, loc, label

    def _parse(self, ref: _Ref) -> dict:
        try:
            raw = ref.read()
        except FileNotFoundError:
            raise ScenarioError(f"{ref.display}: no such file") from None
        except OSError as err:
            raise ScenarioError(f"{ref.display}: cannot be read: {err.strerror or err}") from None
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            raise ScenarioError(f"{ref.display}: is not UTF-8 text") from None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ScenarioError(f"{ref.display}: not valid TOML: {err}") from None

    def _date(self, loc: str, key: str, value: Any) -> pd.Timestamp:
        expected = "expected a date 'YYYY-MM' or 'YYYY-MM-DD'"
        if isinstance(value, datetime.date):
            stamp = pd.Timestamp(value)
        elif isinstance(value, str):
            try:
                stamp = Timing(start=value).start
            except LeverError:
                raise ScenarioError(f"{loc}: {key} = {value!r} is not a date; {expected}") from None
        else:
            raise ScenarioError(
                f"{loc}: {key} = {_shown(value)} has the wrong type ({_toml_type(value)}); "
                f"{expected}"
            )
        month = stamp.to_period("M")
        if not self.first <= month <= self.last:
            shown = value if isinstance(value, str) else _shown(value)
            raise ScenarioError(
                f"{loc}: {key} = {shown} is outside the simulated range; allowed "
                f"{self.first} to {self.last}"
            )
        return stamp

    def _lever(self, table: Any, display: str, i: int) -> tuple[Lever, str]:
        loc = f"{display}, lever {i}"
        if not isinstance(table, dict):
            raise ScenarioError(
                f"{loc}: {_shown(table)} has the wrong type ({_toml_type(table)}); expected "
                "a [[lever]] table"
            )
        name = table.get("lever")
        if name is None:
            raise ScenarioError(
                f"{loc}: missing field 'lever', the name of an installed lever. Run "
                "'sdmig levers' to list installed levers."
            )
        if not isinstance(name, str):
            raise ScenarioError(
                f"{loc}: lever = {_shown(name)} has the wrong type ({_toml_type(name)}); "
                "expected the name of an installed lever"
            )
        cls = self.levers.get(name)
        if cls is None:
            raise ScenarioError(f"{loc}: {unknown_lever_message(name, self.levers)}")
        loc = f"{loc} ({name})"
        own = [f for f in dataclasses.fields(cls) if f.name not in BASE_FIELDS]
        allowed = [*COMMON_FIELDS, *TIMING_FIELDS, *(f.name for f in own)]
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise ScenarioError(
                    f"{loc}: unknown field {key!r};{hint} allowed: {', '.join(allowed[1:])}"
                )
        timing = self._timing(loc, table)
        kwargs: dict[str, Any] = {"timing": timing}
        if "label" in table:
            kwargs["label"] = self._typed(loc, "label", table["label"], str)
        for dim in TARGET_DIMS:
            if dim in table:
                value = table[dim]
                labels = [value] if isinstance(value, str) else value
                if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                    raise ScenarioError(
                        f"{loc}: {dim} = {_shown(value)} has the wrong type "
                        f"({_toml_type(value)}); expected a label or an array of labels"
                    )
                kwargs[dim] = tuple(labels)
        for key, units in (("monthly_cost", "USD/month"), ("setup_cost", "USD")):
            if key in table:
                kwargs[key] = self._number(loc, key, table[key], Param(units, low=0))
        if "trigger" in table:
            kwargs["trigger"] = Trigger.from_table(table["trigger"], loc)
        hints = _type_hints(cls)
        for f in own:
            if f.name in table:
                p = cls.params.get(f.name)
                if p is not None:
                    kwargs[f.name] = self._number(loc, f.name, table[f.name], p)
                else:
                    kwargs[f.name] = self._typed(loc, f.name, table[f.name], hints.get(f.name))
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                p = cls.params.get(f.name)
                what = f" ({p.allowed()})" if p is not None else ""
                raise ScenarioError(f"{loc}: missing required field {f.name!r}{what}")
        try:
            return cls(**kwargs), loc
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _timing(self, loc: str, table: dict) -> Timing:
        if "start" not in table:
            raise ScenarioError(
                f"{loc}: missing field 'start', the date the lever starts ('YYYY-MM')"
            )
        kwargs: dict[str, Any] = {"start": self._date(loc, "start", table["start"])}
        if "end" in table:
            kwargs["end"] = self._date(loc, "end", table["end"])
        for key in ("ramp_months", "ramp_down_months"):
            if key in table:
                kwargs[key] = self._number(loc, key, table[key], Param("months", low=0))
        for key in ("shape", "phase"):
            if key in table:
                kwargs[key] = self._typed(loc, key, table[key], str)
        try:
            return Timing(**kwargs)
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _number(self, loc: str, key: str, value: Any, param: Param) -> float:
        if not _is_number(value):
            raise ScenarioError(
                f"{loc}: {key} = {_shown(value)} has the wrong type ({_toml_type(value)}); "
                f"expected a number, {param.allowed()}"
            )
        try:
            return param.check(key, value)
        except LeverError as err:
            raise ScenarioError(f"{loc}: {err}") from None

    def _typed(self, loc: str, key: str, value: Any, hint: Any) -> Any:
        """Check a non-parameter field against its annotation (simple types only)."""
        hint = _strip_optional(hint)
        checks = {
            str: (lambda x: isinstance(x, str), "a string"),
            bool: (lambda x: isinstance(x, bool), "a boolean"),
            int: (lambda x: isinstance(x, int) and not isinstance(x, bool), "an integer"),
            float: (_is_number, "a number"),
        }
        if hint in checks:
            ok, expected = checks[hint]
            if not ok(value):
                raise ScenarioError(
                    f"{loc}: {key} = {_shown(value)} has the wrong type "
                    f"({_toml_type(value)}); expected {expected}"
                )
            return float(value) if hint is float else value
        if typing.get_origin(hint) in (tuple, list) and isinstance(value, list):
            return tuple(value)
        return value


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _type_hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError, AttributeError):  # unresolvable: no type check
        return {}


def _toml(value: Any, loc: str = "", key: str = "") -> str:
    """One TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        if math.isnan(x):
            return "nan"
        return format_number(x)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(x, loc, key) for x in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{k} = {_toml(x, loc, key)}" for k, x in value.items())
        return "{ " + items + " }"
    raise ScenarioError(f"{loc}: {key} = {value!r} cannot be written to TOML")
