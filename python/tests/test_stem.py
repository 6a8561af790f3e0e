"""stem() equals the reference stemmers' outputs (the Swift tests' fixtures)."""

from __future__ import annotations

import pytest

import arabictext as at
from conftest import FIXTURES

# (fixture, column of the stem): lucene-arabic.tsv is word, Lucene-normalized word, stem.
REFERENCES = [("lucene", "lucene-arabic.tsv", 2), ("snowball", "snowball-arabic.tsv", 1), ("isri", "isri.tsv", 1)]


def rows(name: str) -> list[list[str]]:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (the tests read the repository's Swift test fixtures)")
    return [line.split("\t") for line in path.read_text(encoding="utf-8").split("\n") if line]


@pytest.mark.parametrize("algorithm, fixture, column", REFERENCES, ids=[r[0] for r in REFERENCES])
def test_equals_reference(algorithm, fixture, column):
    table = rows(fixture)
    assert len(table) == 53_450
    words = [row[0] for row in table]
    stems = at.stem(words, algorithm=algorithm)
    wrong = [(word, stem, row[column]) for word, stem, row in zip(words, stems, table) if stem != row[column]]
    assert not wrong, f"{len(wrong)} of {len(words)} differ, e.g. {wrong[:5]}"


def test_single_word_and_none():
    assert at.stem("والمكتبات") == "مكتب"
    assert at.stem(["والمكتبات"], algorithm="none") == ["والمكتبات"]
    assert at.stem([]) == []
    assert at.stem([""]) == [""]


def test_unknown_algorithm():
    with pytest.raises(ValueError, match="unknown stemming algorithm 'porter'"):
        at.stem(["x"], algorithm="porter")
