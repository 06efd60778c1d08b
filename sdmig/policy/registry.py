"""Finding levers: the ``sdmig.policy.levers`` entry-point group.

Every lever, built-in or third-party, is registered the same way, as an entry point in
its distribution's ``pyproject.toml``::

    [project.entry-points."sdmig.levers"]
    pre_screening_hub = "sdmig_levers.pre_screening_hub:PreScreeningHub"

:func:`available_levers` loads them once (cached; :func:`refresh_levers` forgets the
cache after installing a plugin in a running process):

- a plugin that fails to import, or whose class breaks the contract of
  :class:`sdmig.policy.levers.Lever`, becomes a :class:`~sdmig.errors.LeverLoadWarning` naming
  it, and the others still load;
- when two entry points claim one name, a warning names both and the winner is chosen
  deterministically: a lever of the ``sdmig`` distribution itself first, then by
  distribution name, then by object reference (``module:attr``), alphabetically;
- :func:`get_lever` with an unknown name raises :class:`~sdmig.errors.LeverError`
  listing the installed levers and the closest match.
"""

from __future__ import annotations

import difflib
import functools
import warnings
from collections.abc import Iterable, Mapping
from importlib.metadata import EntryPoint, entry_points

from sdmig.errors import LeverError, LeverLoadWarning
from sdmig.policy.levers import Lever, check_lever_class

__all__ = [
    "GROUP",
    "available_levers",
    "build_levers",
    "entry_point_of",
    "get_lever",
    "lever_entry_points",
    "refresh_levers",
    "remove_duplicates",
    "unknown_lever_message",
]

#: The entry-point group levers are registered under.
GROUP = "sdmig.levers"


def _dist_name(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return dist.name if dist is not None else ""


def _describe(ep: EntryPoint) -> str:
    dist = _dist_name(ep)
    return f"{ep.value} from {dist}" if dist else ep.value


def _priority(ep: EntryPoint) -> tuple:
    dist = _dist_name(ep)
    return (dist.lower() != "sdmig", dist.lower(), ep.value)


def lever_entry_points() -> list[EntryPoint]:
    """The installed entry points of the ``sdmig.levers`` group (:data:`GROUP`).

    Returns
    -------
    list of importlib.metadata.EntryPoint
        Not loaded, possibly with repeated names (see :func:`remove_duplicates`).

    Examples
    --------
    >>> "scale_input" in {ep.name for ep in lever_entry_points()}
    True
    """
    return list(entry_points(group=GROUP))


def remove_duplicates(eps: Iterable[EntryPoint]) -> list[EntryPoint]:
    """One entry point per name, sorted by name, warning about every name claimed twice.

    Identical entry points (same name and object reference) are merged silently. Among
    different ones, the sdmig distribution's own wins, then the alphabetically first
    distribution name, then the first object reference.

    Parameters
    ----------
    eps : iterable of importlib.metadata.EntryPoint
        Entry points of the lever group.

    Returns
    -------
    list of importlib.metadata.EntryPoint

    Warns
    -----
    LeverLoadWarning
        For each name claimed by different object references, naming them all and the
        one used.

    Examples
    --------
    >>> from importlib.metadata import EntryPoint
    >>> ep = EntryPoint("scale_input", "sdmig_levers.generic:ScaleInput", GROUP)
    >>> [e.value for e in remove_duplicates([ep, ep])]
    ['sdmig_levers.generic:ScaleInput']
    """
    by_name: dict[str, dict[str, EntryPoint]] = {}
    for ep in eps:
        by_name.setdefault(ep.name, {}).setdefault(ep.value, ep)
    unique = []
    for name in sorted(by_name):
        candidates = sorted(by_name[name].values(), key=_priority)
        if len(candidates) > 1:
            listed = "; ".join(_describe(ep) for ep in candidates)
            warnings.warn(
                f"lever {name!r} is registered by {len(candidates)} plugins ({listed}); "
                f"using {_describe(candidates[0])}. Uninstall one of them to silence this.",
                LeverLoadWarning,
                stacklevel=2,
            )
        unique.append(candidates[0])
    return unique


def build_levers(eps: Iterable[EntryPoint]) -> dict[str, type[Lever]]:
    """Load entry points into ``{name: lever class}``, sorted by name.

    A plugin that cannot be imported, that does not give a :class:`~sdmig.policy.levers.Lever`
    subclass following the contract, or whose ``name`` differs from its entry-point name
    is skipped with a :class:`~sdmig.errors.LeverLoadWarning`.

    Parameters
    ----------
    eps : iterable of importlib.metadata.EntryPoint
        Entry points of the lever group; repeated names are resolved by
        :func:`remove_duplicates`.

    Returns
    -------
    dict of str to type
        Lever name -> :class:`~sdmig.policy.levers.Lever` subclass.

    Warns
    -----
    LeverLoadWarning
        For each plugin skipped, saying why.

    Examples
    --------
    >>> from importlib.metadata import EntryPoint
    >>> build_levers([EntryPoint("set_input", "sdmig_levers.generic:SetInput", GROUP)])
    {'set_input': <class 'sdmig_levers.generic.SetInput'>}
    """
    levers: dict[str, type[Lever]] = {}
    for ep in remove_duplicates(eps):
        try:
            cls = ep.load()
        except Exception as err:  # a broken plugin may raise anything; it must not stop sdmig
            warnings.warn(
                f"lever plugin {ep.name!r} ({_describe(ep)}) failed to load and is skipped: "
                f"{type(err).__name__}: {err}",
                LeverLoadWarning,
                stacklevel=2,
            )
            continue
        try:
            check_lever_class(cls)
        except LeverError as err:
            warnings.warn(
                f"lever plugin {ep.name!r} ({_describe(ep)}) is skipped: {err}",
                LeverLoadWarning,
                stacklevel=2,
            )
            continue
        if cls.name != ep.name:
            warnings.warn(
                f"lever plugin {ep.name!r} ({_describe(ep)}) is skipped: its class declares "
                f"name = {cls.name!r}; the entry-point name and the lever's name must match",
                LeverLoadWarning,
                stacklevel=2,
            )
            continue
        levers[ep.name] = cls
    return levers


@functools.lru_cache(maxsize=1)
def _installed() -> tuple[tuple[str, type[Lever]], ...]:
    return tuple(build_levers(lever_entry_points()).items())


def available_levers() -> dict[str, type[Lever]]:
    """Every installed lever, ``{name: class}`` sorted by name (loaded once, cached).

    Returns
    -------
    dict of str to type
        Lever name -> :class:`~sdmig.policy.levers.Lever` subclass; a new dict each call.

    Warns
    -----
    LeverLoadWarning
        On the first call, about plugins that fail to load and names registered twice.

    Examples
    --------
    >>> available_levers()["scale_input"].__name__
    'ScaleInput'
    """
    return dict(_installed())


def refresh_levers() -> None:
    """Forget the cached levers, so the next call looks at the installed plugins again.

    Examples
    --------
    >>> refresh_levers()
    >>> "set_input" in available_levers()
    True
    """
    _installed.cache_clear()


def entry_point_of(name: str) -> EntryPoint | None:
    """The entry point that provides the installed lever `name` (``None`` if none).

    Parameters
    ----------
    name : str
        Lever name.

    Returns
    -------
    importlib.metadata.EntryPoint or None
        When several distributions register `name`, the one :func:`remove_duplicates`
        would keep.

    Examples
    --------
    >>> entry_point_of("scale_input").value
    'sdmig_levers.generic:ScaleInput'
    >>> entry_point_of("no_such_lever") is None
    True
    """
    eps = [ep for ep in lever_entry_points() if ep.name == name]
    return min(eps, key=_priority) if eps else None


def unknown_lever_message(name: str, installed: Iterable[str]) -> str:
    """``unknown lever 'x'. Did you mean 'y'? Installed levers: ...`` (one line).

    Parameters
    ----------
    name : str
        The name asked for.
    installed : iterable of str
        Names of the installed levers.

    Returns
    -------
    str

    Examples
    --------
    >>> unknown_lever_message("scale_inptu", ["scale_input", "set_input"])
    "unknown lever 'scale_inptu'. Did you mean 'scale_input'? Installed levers: scale_input, set_input. Run 'sdmig levers' to list installed levers."
    """
    names = sorted(installed)
    text = f"unknown lever {name!r}."
    close = difflib.get_close_matches(str(name), names, n=1)
    if close:
        text += f" Did you mean {close[0]!r}?"
    if names:
        text += f" Installed levers: {', '.join(names)}."
    else:
        text += " No levers are installed."
    return text + " Run 'sdmig levers' to list installed levers."


def get_lever(name: str, levers: Mapping[str, type[Lever]] | None = None) -> type[Lever]:
    """The lever class registered as `name`.

    Parameters
    ----------
    name : str
        Entry-point name (the TOML ``lever = "..."`` key).
    levers : mapping, optional
        Where to look (default: :func:`available_levers`).

    Returns
    -------
    type
        The :class:`~sdmig.policy.levers.Lever` subclass.

    Raises
    ------
    LeverError
        `name` is not installed; the message lists the installed levers and the closest
        match.

    Examples
    --------
    >>> get_lever("set_input").__name__
    'SetInput'
    """
    levers = available_levers() if levers is None else levers
    try:
        return levers[name]
    except (KeyError, TypeError):
        raise LeverError(unknown_lever_message(name, levers)) from None
