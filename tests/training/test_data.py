from pathlib import Path

import pytest

from tests.conftest import TINY_TRAIN, write_split
from training.data import DataError, read_dataset, read_split


def corrupt(root: Path, name: str, line_number: int, new_line: str) -> Path:
    path = root / "train" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_a_valid_dataset(tiny_data: Path):
    data = read_dataset(tiny_data)
    assert len(data["train"]) == len(TINY_TRAIN)
    assert data["train"][10].intents == ["airfare", "flight"]


@pytest.mark.parametrize(
    ("name", "line", "content", "problem"),
    [
        ("seq.out", 3, "O O O", "3 tags for 8 tokens"),
        ("seq.out", 2, "O O O X-city O B-toloc.city_name", "not a BIO tag"),
        ("seq.out", 1, "O O I-fromloc.city_name O B-toloc.city_name", "does not continue"),
        ("seq.in", 4, "", "empty line"),
        ("label", 5, "a b", "cannot read intent"),
        ("label", 6, "flight#", "cannot read intent"),
    ],
)
def test_bad_lines_are_named(tiny_data: Path, name, line, content, problem):
    path = corrupt(tiny_data, name, line, content)
    with pytest.raises(DataError) as caught:
        read_split(tiny_data / "train")
    assert f"{path}:{line}" in str(caught.value)
    assert problem in str(caught.value)


def test_line_count_mismatch(tiny_data: Path):
    path = tiny_data / "train" / "label"
    path.write_text("flight\n" * 3, encoding="utf-8")
    with pytest.raises(DataError, match=r"label:4: files have different line counts"):
        read_split(tiny_data / "train")


def test_wrong_encoding_names_the_line(tiny_data: Path):
    path = tiny_data / "train" / "seq.in"
    path.write_bytes(path.read_bytes().replace(b"dallas to seattle", b"dall\xe9s to seattle"))
    with pytest.raises(DataError, match=r"seq.in:3: not UTF-8"):
        read_split(tiny_data / "train")


def test_empty_and_missing_files(tmp_path: Path):
    write_split(tmp_path / "train", TINY_TRAIN)
    (tmp_path / "train" / "seq.out").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"seq\.out: file is empty"):
        read_split(tmp_path / "train")
    write_split(tmp_path / "train", TINY_TRAIN)
    (tmp_path / "train" / "label").unlink()
    with pytest.raises(DataError, match="label: file is missing"):
        read_split(tmp_path / "train")
