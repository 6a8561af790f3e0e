"""stem() equals the reference stemmers' outputs (the Swift tests' fixtures)."""

from __future__ import annotations

import numpy as np
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


def test_repeated_words_each_get_their_own_stem():
    # A list is stemmed word by distinct word; every position still gets the stem of its own word,
    # words that differ in one byte (or only in length) are never merged.
    words = ["والمكتبات", "كتاب", "والمكتبات", "", "كتابا", "كتاب", "", "Books", "books", "والمكتبات"] * 50
    for algorithm in at.STEMMERS:
        expected = [at.stem(word, algorithm=algorithm) for word in words]
        assert at.stem(words, algorithm=algorithm) == expected
        assert at.stem(np.array(words), algorithm=algorithm).tolist() == expected
        assert at.stem([word.encode() for word in words], algorithm=algorithm) == expected


def test_repeated_words_through_arrow():
    pa = pytest.importorskip("pyarrow", reason="pyarrow is optional")
    words = ["والمكتبات", "كتاب", "والمكتبات", "", "كتاب"] * 20
    assert at.stem(pa.array(words)).to_pylist() == at.stem(words) == [at.stem(word) for word in words]


def test_repeated_bad_word_is_named_at_its_first_position():
    words = ["كتاب", b"\xd8", "كتاب", b"\xd8"] * 3
    with pytest.raises(ValueError, match="item 1: invalid UTF-8") as raised:
        at.stem(words)
    assert raised.value.index == 1
    later = ["كتاب"] * 5 + [b"ok\xff"] + [b"\xd8"] + [b"ok\xff"]
    with pytest.raises(ValueError, match="item 5: invalid UTF-8"):
        at.stem(later)
