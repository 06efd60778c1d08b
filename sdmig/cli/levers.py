"""``sdmig levers``: the installed policy levers, as a table or one at a time."""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
from collections.abc import Mapping, Sequence
from importlib.metadata import EntryPoint

import click

from sdmig.cli.common import DefaultGroup, user_errors
from sdmig.policy.levers import BASE_FIELDS, Lever, format_number
from sdmig.policy.registry import available_levers, entry_point_of, get_lever

__all__ = ["lever_doc", "lever_table", "levers"]


def _acts_on(cls: type[Lever]) -> list[str]:
    acts_on = cls.acts_on
    if not acts_on:
        return ["chosen per instance"]
    if isinstance(acts_on, Mapping):
        return [f"{name} ({mode})" for name, mode in acts_on.items()]
    return [f"{name} ({cls.mode})" for name in acts_on]


def _params(cls: type[Lever]) -> list[str]:
    return [f"{name} {p.describe()}" for name, p in cls.params.items()] or ["(none)"]


def table(header: Sequence[str], rows: Sequence[Sequence[list[str]]]) -> str:
    """A plain-text table whose cells may hold several lines."""
    widths = [len(h) for h in header]
    for row in rows:
        for k, cell in enumerate(row):
            widths[k] = max([widths[k], *(len(line) for line in cell)])
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for row in rows:
        for i in range(max(len(cell) for cell in row)):
            cells = [
                (cell[i] if i < len(cell) else "").ljust(w)
                for cell, w in zip(row, widths, strict=True)
            ]
            out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def lever_table(levers: Mapping[str, type[Lever]]) -> str:
    """The ``sdmig levers`` table: name, the inputs acted on, the parameters."""
    if not levers:
        return "No levers are installed (entry-point group 'sdmig.policy.levers')."
    rows = [([name], _acts_on(cls), _params(cls)) for name, cls in sorted(levers.items())]
    return table(("name", "acts on", "parameters [units] range, default"), rows)


def _example(cls: type[Lever]) -> str:
    lines = ["[[lever]]", f'lever = "{cls.name}"', 'start = "2027-01"', "ramp_months = 6"]
    for f in dataclasses.fields(cls):
        if f.name in BASE_FIELDS:
            continue
        p = cls.params.get(f.name)
        if p is not None:
            value = p.default if p.default is not None else (p.low if p.low > -1e300 else 0)
            lines.append(f"{f.name} = {format_number(value)}")
        elif f.default is dataclasses.MISSING:
            lines.append(f'{f.name} = "..."')
    return "\n".join(lines)


def lever_doc(cls: type[Lever], ep: EntryPoint | None = None) -> str:
    """The documentation ``sdmig levers show NAME`` prints."""
    out = [f"{cls.name}: {cls.description}", ""]
    where = f"{cls.__module__}:{cls.__qualname__}"
    if ep is not None and getattr(ep, "dist", None) is not None:
        where += f" (distribution {ep.dist.name} {ep.dist.version})"
    out.append(f"  class      {where}")
    acts = _acts_on(cls)
    out.append(f"  acts on    {acts[0]}")
    out += [f"             {line}" for line in acts[1:]]
    if cls.intensity:
        out.append(f"  effect     the value of `{cls.intensity}` at full effect")
    out += ["", "Parameters"]
    for name, p in cls.params.items():
        out.append(f"  {name} {p.describe()}")
        if p.doc:
            out.append(f"      {p.doc}")
    if not cls.params:
        out.append("  (none)")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    extra = [f for name, f in fields.items() if name not in BASE_FIELDS and name not in cls.params]
    if extra:
        out += ["", "Other fields"]
        for f in extra:
            default = "required" if f.default is dataclasses.MISSING else f"default {f.default!r}"
            out.append(f"  {f.name}: {f.type} ({default})")

    def default_of(name: str) -> str:
        value = fields[name].default
        if value is None:
            return "every label" if name in ("corridor", "origin") else "none"
        return ", ".join(value) if isinstance(value, tuple) else format_number(value)

    out += [
        "",
        "Fields of every lever",
        "  start, ramp_months, shape, end, ramp_down_months, phase: timing",
        f"  corridor: {default_of('corridor')}; origin: {default_of('origin')}",
        f"  monthly_cost [USD/month at full effect]: {default_of('monthly_cost')}",
        f"  setup_cost [USD, once, at the start]: {default_of('setup_cost')}",
        "  label: a name for this instance, unique in the scenario",
    ]
    doc = inspect.getdoc(cls)
    if doc and not doc.startswith(f"{cls.__name__}("):
        out += ["", "Documentation", textwrap.indent(doc, "  ")]
    out += ["", "Example (scenario file)", textwrap.indent(_example(cls), "  ")]
    return "\n".join(out)


@click.group(cls=DefaultGroup, name="levers", short_help="List the installed levers, or show one.")
def levers() -> None:
    """List the installed policy levers (`sdmig levers`), or document one
    (`sdmig levers show NAME`)."""


@levers.command("list")
def list_levers() -> None:
    """A table of the installed levers: name, inputs acted on, parameters."""
    with user_errors():
        found = available_levers()
    click.echo(lever_table(found))


@levers.command("show")
@click.argument("name")
def show(name: str) -> None:
    """The documentation of the lever NAME."""
    with user_errors():
        cls = get_lever(name)
        ep = entry_point_of(name)
    click.echo(lever_doc(cls, ep))
