"""Scenarios: named, immutable sets of lever instances with their timing.

A :class:`Scenario` is an immutable list of :class:`~sdmig.policy.levers.Lever` instances with a
name and a description. :func:`load_scenario` reads one from a TOML file (or a built-in
scenario by name) and checks its structure; :meth:`Scenario.bind` checks it against a
model (inputs, dims, targeting labels) and returns a :class:`BoundScenario` holding what a
run needs:

- ``inputs``: ``{input_name: f(t, v)}`` for ``stockflow.simulate(inputs=...)``;
- ``breakpoints``: model times [months] where a lever switches, for
  ``stockflow.simulate(breakpoints=...)``, so that no step straddles a switch;
- ``cost(times)``: each lever's cost per month as an ``xarray.DataArray`` (lever x time,
  USD).

The work is done in modules of their own, re-exported here: :mod:`sdmig.policy.scenario_files`
(reading and writing scenario files), :mod:`sdmig.policy.binding` (binding to a model,
the composition rules) and :mod:`sdmig.policy.member_binding` (member-varying levers).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import stockflow
from sdmig.errors import ScenarioError
from sdmig.policy.benchmarks import Benchmark
from sdmig.policy.binding import BoundScenario, ComposedInput, _set_conflicts, bind_scenario
from sdmig.policy.levers import Lever
from sdmig.policy.member_binding import MEMBER_TIMING_FIELDS
from sdmig.policy.scenario_files import (
    COMMON_FIELDS,
    DEFAULT_RANGE,
    TIMING_FIELDS,
    TOP_LEVEL_FIELDS,
    builtin_scenarios,
    check_scenario_names,
    read_scenario,
    read_scenario_text,
    scenario_toml,
)
from stockflow import Model

__all__ = [
    "COMMON_FIELDS",
    "DEFAULT_RANGE",
    "MEMBER_TIMING_FIELDS",
    "TIMING_FIELDS",
    "TOP_LEVEL_FIELDS",
    "BoundScenario",
    "ComposedInput",
    "Scenario",
    "builtin_scenarios",
    "check_scenario_names",
    "load_scenario",
]


# =============================================================================== Scenario
@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A named, immutable set of lever instances.

    Parameters
    ----------
    name : str
        Short identifier (``"binational"``).
    description : str, optional
        One paragraph for listings and forecast attrs.
    levers : sequence of Lever
        The lever instances, in file order (the order does not change the results).
    extends : str, optional
        The scenario this one was built on (its levers are already included).
    source : str, optional
        Where it was read from (file name), for messages; not part of equality.
    locations : sequence of str, optional
        Where each lever was declared (``"binational.toml, lever 3 (hub)"``), for messages;
        made up from `name` when not given.
    benchmarks : sequence of Benchmark, optional
        Performance benchmarks (``[[benchmark]]`` tables; see :mod:`sdmig.policy.benchmarks`),
        inherited from the scenario it extends, then its own.
    origin : str, optional
        ``"builtin"`` for a built-in scenario read by name, ``"file"`` for a file,
        ``"text"`` for TOML text, None for a scenario made in code; not part of equality.
        :func:`check_scenario_names` uses it to refuse user scenarios that take a built-in
        scenario's name.

    Raises
    ------
    ScenarioError
        A lever is not a :class:`~sdmig.policy.levers.Lever`, two levers share a label, or two
        "set" levers on one input overlap in time and targets.

    Examples
    --------
    >>> from sdmig.policy.levers import Timing
    >>> from sdmig_levers.generic import ScaleInput
    >>> s = Scenario(name="demo", levers=[ScaleInput(input="court_capacity", factor=1.2,
    ...                                               timing=Timing(start="2026-07"))])
    >>> s.labels
    ('scale_input',)
    """

    name: str
    description: str = ""
    levers: tuple[Lever, ...] = ()
    extends: str | None = None
    source: str | None = field(default=None, compare=False)
    locations: tuple[str, ...] = field(default=(), compare=False, repr=False)
    benchmarks: tuple[Benchmark, ...] = ()
    origin: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ScenarioError(f"scenario name = {self.name!r} must be a non-empty string")
        levers = tuple(self.levers)
        where = self.source or f"scenario {self.name!r}"
        for i, lever in enumerate(levers, 1):
            if not isinstance(lever, Lever):
                raise ScenarioError(
                    f"{where}, lever {i}: {lever!r} is not a sdmig.policy.levers.Lever"
                )
        locations = tuple(self.locations) or tuple(
            f"{where}, lever {i} ({lever.name})" for i, lever in enumerate(levers, 1)
        )
        if len(locations) != len(levers):
            raise ScenarioError(
                f"{where}: {len(locations)} locations given for {len(levers)} levers"
            )
        object.__setattr__(self, "levers", levers)
        object.__setattr__(self, "locations", locations)
        errors = _label_errors(levers, locations)
        if not errors:
            comparable = {lever.timing.is_dated for lever in levers}
            if len(comparable) <= 1:
                resolved = [lever.in_months("2000-01") for lever in levers]
                errors = _set_conflicts(resolved, locations)
        if errors:
            raise ScenarioError("\n".join(errors))

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_toml(
        cls,
        text: str,
        *,
        source: str = "<string>",
        date_range: tuple[str, str] = DEFAULT_RANGE,
        levers: Mapping[str, type[Lever]] | None = None,
    ) -> Scenario:
        """A scenario from TOML text; `source` names it in messages. See
        :func:`load_scenario`; ``extends`` can name only built-in scenarios here."""
        return read_scenario_text(text, cls, source=source, date_range=date_range, levers=levers)

    # ---------------------------------------------------------------- accessors
    @property
    def labels(self) -> tuple[str, ...]:
        """One unique label per lever: its ``label``, else its name (``name#2`` on repeats)."""
        taken = {lever.label for lever in self.levers if lever.label}
        out = []
        for lever in self.levers:
            if lever.label:
                out.append(lever.label)
                continue
            label, n = lever.name, 1
            while label in taken:
                n += 1
                label = f"{lever.name}#{n}"
            taken.add(label)
            out.append(label)
        return tuple(out)

    def by_phase(self) -> dict[str | None, list[tuple[str, Lever]]]:
        """The levers grouped by their timing's ``phase``.

        Returns
        -------
        dict
            ``{phase: [(label, lever), ...]}``; phases in natural order (``"phase 2"``
            before ``"phase 10"``), unphased levers (``None``) last.
        """
        groups: dict[str | None, list[tuple[str, Lever]]] = {}
        for label, lever in zip(self.labels, self.levers, strict=True):
            groups.setdefault(lever.timing.phase, []).append((label, lever))

        def key(phase):
            if phase is None:
                return (1, [])
            return (
                0,
                [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", phase)],
            )

        return {p: groups[p] for p in sorted(groups, key=key)}

    # -------------------------------------------------------------------- binding
    def bind(
        self,
        model: Model | stockflow.CompiledModel,
        *,
        member_values: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> BoundScenario:
        """Check the scenario against `model` and prepare what a run needs.

        The model is only read, never changed.

        Parameters
        ----------
        model : stockflow.Model or stockflow.CompiledModel
        member_values : mapping, optional
            ``{lever label: {field: values}}``: per-member values, each of shape
            ``(n_members,)``, of levers' parameters or timing fields (``start``,
            ``ramp_months``, ``end``, ``ramp_down_months``, in model months); see
            :mod:`sdmig.policy.member_binding`. Labels are
            :attr:`labels`.

        Returns
        -------
        BoundScenario
            ``inputs`` (callables for ``stockflow.simulate``), ``breakpoints`` [months],
            ``cost(times)``, and ``n_members`` (None unless `member_values` is given).

        Raises
        ------
        ScenarioError
            A lever acts on something that is not a policy input of `model`, targets a
            dimension the input lacks or a label the model does not have, or two "set"
            levers overlap; a member value names an unknown label or field, is out of its
            range, or the values disagree on the number of members. Every problem is
            listed, one per line.
        """
        return bind_scenario(self, model, member_values=member_values)

    # -------------------------------------------------------------------- writing
    def to_toml(self) -> str:
        """The scenario as a scenario file (``extends`` already flattened).

        Returns
        -------
        str
            TOML text; :meth:`from_toml` reads it back.

        Raises
        ------
        ScenarioError
            A lever's timing is in model months rather than dates, or a field has a
            value TOML cannot hold.
        """
        return scenario_toml(self)


def _label_errors(levers: Sequence[Lever], locations: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    errors = []
    for lever, loc in zip(levers, locations, strict=True):
        if lever.label is None:
            continue
        if lever.label in seen:
            errors.append(
                f"{loc}: label {lever.label!r} is already used by {seen[lever.label]}; "
                "labels must be unique within a scenario"
            )
        seen.setdefault(lever.label, loc)
    return errors


def load_scenario(
    source: str | os.PathLike,
    *,
    date_range: tuple[str, str] = DEFAULT_RANGE,
    levers: Mapping[str, type[Lever]] | None = None,
) -> Scenario:
    """Read and check a scenario file, or a built-in scenario by name.

    Parameters
    ----------
    source : str or path
        A TOML file, or the name of a built-in scenario (``"baseline"``). A string that
        ends in ``.toml``, contains a path separator or names an existing file is a file.
    date_range : (str, str), default ("2019-10", "2028-12")
        First and last simulated months; every date in the file must lie within.
    levers : mapping of str to Lever subclass, optional
        The levers a file may use (default: the installed ones,
        :func:`sdmig.policy.registry.available_levers`).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        One line per problem, each naming the file, the lever's position and name, the
        field, the value and what is allowed::

            binational.toml, lever 3 (pre_screening_hub): capacity = -500 is out of
            range; allowed 0 to 20000 people/month
    """
    return read_scenario(source, Scenario, date_range=date_range, levers=levers)
