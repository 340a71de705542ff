"""Flags made from a dataclass: names, types, defaults and help all come from its fields."""

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from cli.flags import HelpFormatter, add_flags, field_comments, from_flags


@dataclass
class Inner:
    depth: int = 3  # how deep; 100% of the way
    # A comment line above a field is not its help.
    shape: Literal["round", "square"] = "round"  # the shape


@dataclass
class Outer:
    folder: Path  # where it goes
    rate: float = 0.5  # how fast
    fast: bool = False  # go fast
    label: str = ""  # a name; empty: none
    inner: Inner = field(default_factory=Inner)  # the nested part


def parser_for(cls: type, exclude: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="test", formatter_class=HelpFormatter)
    add_flags(parser, cls, exclude=exclude)
    return parser


def test_help_is_each_fields_trailing_comment():
    assert field_comments(Inner) == {"depth": "how deep; 100% of the way", "shape": "the shape"}
    assert field_comments(Outer)["label"] == "a name; empty: none"


def test_flags_follow_the_fields():
    parser = parser_for(Outer)
    args = parser.parse_args(["--folder", "x", "--rate", "2", "--fast", "--depth", "5", "--shape", "square"])
    built = from_flags(Outer, args)
    assert built == Outer(folder=Path("x"), rate=2.0, fast=True, inner=Inner(depth=5, shape="square"))
    assert from_flags(Outer, parser.parse_args(["--folder", "x", "--no-fast"])) == Outer(folder=Path("x"))
    for wrong in (["--rate", "1"], ["--folder", "x", "--shape", "oval"], ["--folder", "x", "--rate", "fast"]):
        with pytest.raises(SystemExit):
            parser.parse_args(wrong)  # no --folder; not a choice; not a float


def test_excluded_fields_have_no_flag_and_take_their_default_or_a_given_value():
    parser = parser_for(Outer, exclude=("folder", "depth"))
    with pytest.raises(SystemExit):
        parser.parse_args(["--depth", "5"])
    built = from_flags(Outer, parser.parse_args(["--shape", "square"]), folder=Path("given"))
    assert built == Outer(folder=Path("given"), inner=Inner(shape="square"))


def test_help_shows_every_default():
    text = parser_for(Outer).format_help()
    assert "where it goes\n" in text  # required: no default to show
    assert "how fast (default: 0.5)" in text and "go fast (default: False)" in text
    assert "a name; empty: none (default: '')" in text and "100% of the way (default: 3)" in text
    assert "--fast, --no-fast" in text and "{round,square}" in text


def test_a_field_without_a_comment_is_refused():
    @dataclass
    class Bare:
        size: int = 1

    with pytest.raises(TypeError, match=r"Bare.size needs a trailing comment"):
        parser_for(Bare)
