"""``sdmig scenarios``: list scenarios with their levers by phase, and validate files."""

from __future__ import annotations

import click
import pandas as pd

from sdmig.cli.common import DefaultGroup, user_errors
from sdmig.errors import ScenarioError
from sdmig.policy.scenario import (
    DEFAULT_RANGE,
    Scenario,
    builtin_scenarios,
    check_scenario_names,
    load_scenario,
)

__all__ = ["render_scenario", "scenarios"]


def _parse_range(ctx, param, value: str) -> tuple[str, str]:
    first, sep, last = value.partition("..")
    try:
        if not sep:
            raise ValueError
        pd.Period(first, freq="M")
        pd.Period(last, freq="M")
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a range of months; use FIRST..LAST, e.g. 2019-10..2028-12"
        ) from None
    return first, last


range_option = click.option(
    "--range",
    "date_range",
    default="..".join(DEFAULT_RANGE),
    show_default=True,
    metavar="FIRST..LAST",
    callback=_parse_range,
    help="Simulated months; every date in a scenario must lie within.",
)


def render_scenario(scenario: Scenario, origin: str) -> str:
    """A scenario and its levers, grouped by phase."""
    head = f"{scenario.name} ({origin}"
    head += f", extends {scenario.extends})" if scenario.extends else ")"
    lines = [head + (f": {scenario.description}" if scenario.description else "")]
    if not scenario.levers:
        lines.append("  (no levers)")
    for phase, members in scenario.by_phase().items():
        lines.append(f"  {phase or 'no phase'}")
        names = [
            label if label == lever.name else f"{label} [{lever.name}]" for label, lever in members
        ]
        width = max(len(name) for name in names)
        for name, (_, lever) in zip(names, members, strict=True):
            targets = "; ".join(f"{d}: {', '.join(v)}" for d, v in lever.targets().items())
            text = f"    {name.ljust(width)}  {lever.timing}"
            text += f"; {targets}" if targets else ""
            if lever.trigger is not None:
                text += f"; while {lever.trigger.describe()}"
            lines.append(text)
    return "\n".join(lines)


@click.group(
    cls=DefaultGroup, name="scenarios", short_help="List scenarios by phase, or validate files."
)
def scenarios() -> None:
    """List the built-in scenarios and FILES with their levers by phase
    (`sdmig scenarios [FILE...]`), or check files (`sdmig scenarios validate FILE...`)."""


@scenarios.command("list")
@click.argument("files", nargs=-1)
@range_option
@click.pass_context
def list_scenarios(ctx: click.Context, files: tuple[str, ...], date_range) -> None:
    """The built-in scenarios and FILES, with their levers by phase."""
    failures = []
    with user_errors():
        sources = [(name, "built-in") for name in builtin_scenarios()]
        sources += [(f, f) for f in files]
        if not sources:
            click.echo("No built-in scenarios are installed.")
        for k, (source, origin) in enumerate(sources):
            try:
                scenario = load_scenario(source, date_range=date_range)
            except ScenarioError as err:
                failures.append(str(err))
                continue
            click.echo(("\n" if k else "") + render_scenario(scenario, origin))
    for message in failures:
        click.echo(f"Error: {message}", err=True)
    if failures:
        ctx.exit(1)


@scenarios.command("validate", short_help="Check scenario files (exit 1 on problems).")
@click.argument("files", nargs=-1, required=True)
@range_option
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], date_range) -> None:
    """Check scenario FILES: exit 0 when all are valid, 1 with every problem otherwise.

    A file is valid when ``sdmig forecast`` would run it: it reads, its levers bind to the
    model (inputs, dims, corridor and origin labels), and its name is not a built-in
    scenario's.
    """
    from sdmig.model.border import build_model

    failed = False
    model = None
    with user_errors():
        for source in files:
            try:
                scenario = load_scenario(source, date_range=date_range)
                if scenario.origin != "builtin":
                    check_scenario_names([scenario])
                model = model or build_model()
                scenario.bind(model)
            except ScenarioError as err:
                failed = True
                for line in str(err).splitlines():
                    click.echo(f"Error: {line}", err=True)
                continue
            n = len(scenario.levers)
            click.echo(f"{source}: valid (scenario {scenario.name!r}, {n} lever{'s' * (n != 1)})")
    if failed:
        ctx.exit(1)
