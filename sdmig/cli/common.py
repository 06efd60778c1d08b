"""Click commands of the ``sdmig`` CLI, and the helpers they share.

Each command parses its options, calls the Python API and prints the result; errors caused
by the user's input (:class:`sdmig.errors.SdmigError`) become ``Error: <message>`` on
stderr with exit status 1 (:func:`user_errors`), and sdmig's warnings become ``Warning:
<message>`` lines on stderr.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

import click

from sdmig.errors import SdmigError, SdmigWarning

__all__ = ["DefaultGroup", "user_errors"]


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn :class:`~sdmig.errors.SdmigError` into ``click.ClickException`` (exit 1, no
    traceback) and print sdmig's warnings as ``Warning: ...`` lines on stderr.

    Anything else (a bug) keeps its traceback.
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SdmigWarning)
            yield
    except SdmigError as err:
        raise click.ClickException(str(err)) from None
    finally:
        for w in caught:
            if issubclass(w.category, SdmigWarning):
                click.echo(f"Warning: {w.message}", err=True)
            else:  # not ours: hand it back to the warnings machinery as it was
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


class DefaultGroup(click.Group):
    """A group that runs its default subcommand when the first argument names none.

    ``sdmig levers`` runs ``sdmig levers list``; ``sdmig scenarios a.toml`` runs
    ``sdmig scenarios list a.toml``.
    """

    def __init__(self, *args, default: str = "list", **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = [self.default, *args]
        return super().parse_args(ctx, args)
