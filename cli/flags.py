"""Command-line flags made from a dataclass's fields, so that the dataclass is the only place describing them.

A field ``hidden_size: int = 200  # recurrent state size per direction`` becomes the flag
``--hidden-size`` with that type, that default and that help. A ``bool`` becomes ``--x``/``--no-x``,
a ``Literal`` gives the choices, a field without a default is a required flag, and the fields of a
nested dataclass become flags of their own (``TrainConfig.model.hidden_size`` is ``--hidden-size``).
The help is the field's trailing comment, read from the source.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import io
import tokenize
import typing
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Config = TypeVar("Config", bound="DataclassInstance")


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every flag's help ends with its default, except where there is none: required flags, and flags
    left at None, whose help says what leaving them out does."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, argparse.SUPPRESS) or action.required or action.help is None:
            return action.help
        # Strings are quoted so that an empty default reads as one.
        shown = "%(default)r" if isinstance(action.default, str) else "%(default)s"
        return f"{action.help} (default: {shown})"


def field_comments(cls: type) -> dict[str, str]:
    """The trailing ``# comment`` of each field of ``cls``, by field name."""
    names = {field.name for field in dataclasses.fields(cls)}
    comments: dict[str, str] = {}
    line: list[tokenize.TokenInfo] = []
    for token in tokenize.generate_tokens(io.StringIO(inspect.getsource(cls)).readline):
        if token.type != tokenize.NEWLINE:
            line.append(token)
            continue
        # One logical line. A comment line above a field arrives with it: only a comment on the
        # field's own line (or after it, when the field spans lines) describes it.
        code = [t for t in line if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)]
        if len(code) > 1 and code[0].string in names and code[1].string == ":":
            after = [t.string for t in line if t.type == tokenize.COMMENT and t.start[0] >= code[0].start[0]]
            if after:
                comments.setdefault(code[0].string, after[0].removeprefix("#").strip())
        line = []
    return comments


def add_flags(
    parser: argparse.ArgumentParser,
    cls: type[DataclassInstance],
    exclude: Collection[str] = (),
    types: Mapping[str, Callable[[str], Any]] | None = None,
) -> None:
    """One flag per field of ``cls`` and of its nested dataclasses, except the fields named in ``exclude``.

    ``types`` replaces the conversion of a field's flag, e.g. with one that checks the value.
    """
    hints = typing.get_type_hints(cls)
    comments = field_comments(cls)
    for field in dataclasses.fields(cls):
        if field.name in exclude:
            continue
        kind = hints[field.name]
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            add_flags(parser, kind, exclude, types)
            continue
        if field.name not in comments:
            raise TypeError(f"{cls.__name__}.{field.name} needs a trailing comment: it is the flag's help")
        options: dict[str, Any] = {"help": comments[field.name].replace("%", "%%")}  # argparse formats help with %
        if field.default is not dataclasses.MISSING:
            options["default"] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            options["default"] = field.default_factory()
        else:
            options["required"] = True
        if kind is bool:
            options["action"] = argparse.BooleanOptionalAction
        elif typing.get_origin(kind) is Literal:
            options["choices"] = typing.get_args(kind)
        else:
            options["type"] = (types or {}).get(field.name, kind)
            options["metavar"] = kind.__name__.upper()
        parser.add_argument("--" + field.name.replace("_", "-"), **options)


def from_flags(cls: type[Config], args: argparse.Namespace, **given: Any) -> Config:
    """``cls`` built from the parsed flags: each field takes the value parsed under its name, or from
    ``given``; a field with neither keeps its default."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in given:
            values[field.name] = given[field.name]
        elif isinstance(hints[field.name], type) and dataclasses.is_dataclass(hints[field.name]):
            values[field.name] = from_flags(hints[field.name], args)
        elif hasattr(args, field.name):
            values[field.name] = getattr(args, field.name)
    return cls(**values)
