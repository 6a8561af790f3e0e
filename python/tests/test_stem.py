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


def _joined_call(data: bytes, unit_count: int, count: int, numbers, threads: int = 1):
    """at_stem_distinct_utf16 called directly: (status, message, item)."""
    import ctypes

    from arabictext._native import Texts, lib

    result = Texts()
    status = lib.at_stem_distinct_utf16(data, unit_count, count, 1, threads, ctypes.byref(result),
                                        numbers.ctypes.data if len(numbers) else None, len(numbers))
    message = ctypes.string_at(lib.at_last_error()).decode() if status else ""
    item = lib.at_last_error_item() if status else -1
    lib.at_texts_free(ctypes.byref(result))
    return status, message, item


def test_joined_utf16_path_equals_the_utf8_batch_path():
    # A list of str crosses as one UTF-16 buffer (at_stem_distinct_utf16); bytes items go through the
    # UTF-8 batch (at_stem_distinct): the reference. Latin-1, two-byte and astral characters, empty words.
    words = [row[0] for row in rows("snowball-arabic.tsv")][:5000]
    words += ["café", "ÉCOLE", "😀كتاب", "كتاب😀", "𝔸𝔹", "", "x", "ﷲ", "والمكتبات", "", "😀"] * 3
    # Words of up to 8 Arabic-block units are kept packed as their units' low bytes: words that agree in
    # low bytes but not in high bytes (U+0627 and U+0027), that differ only by a trailing U+0600 (low byte
    # 0), and that share their first 8 or 16 units.
    words += ["ا", "'", "اب", "'ب", "ب", "ب\u0600", "ب\u0600\u0600", "\u0600", "\u0600\u0600", "كتبكتبكت",
              "كتبكتبكتب", "كتبكتبكتا", "كتبكتبكتبكتبكتب", "كتبكتبكتبكتبكتبك", "كتبكتبكتبكتبكتبا", "ك\u0700", "ك\u0500"] * 2
    for algorithm in at.STEMMERS:
        expected = at.stem([word.encode() for word in words], algorithm=algorithm)
        assert at.stem(words, algorithm=algorithm) == expected
        assert at.stem(tuple(words), algorithm=algorithm) == expected
    # Each word alone: the last word of a buffer is read unit by unit when fewer than 16 bytes follow its start.
    for word in words[-34:]:
        assert at.stem([word, word], algorithm="snowball") == at.stem([word.encode()] * 2, algorithm="snowball")


def test_joined_path_falls_back_for_nul_and_surrogates():
    # A NUL inside a word, a lone surrogate, a non-str item: the batch path stems or names the item.
    assert at.stem(["كتاب", "a\0b", "كتاب"]) == at.stem([b"\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8", b"a\0b", "كتاب".encode()])
    with pytest.raises(ValueError, match="item 2"):
        at.stem(["كتاب", "كتب", "\ud800", "كتاب"])
    with pytest.raises(TypeError, match="item 1"):
        at.stem(["كتاب", None])


def test_joined_call_checks_its_arguments():
    numbers = np.zeros(4, dtype=np.int64)
    data = "ab\0cd\0ab".encode("utf-16-le")
    assert _joined_call(data, len(data) // 2, 3, numbers)[0] == 0
    assert numbers[:3].tolist() == [0, 1, 0]
    status, message, _ = _joined_call(data, len(data) // 2, 2, numbers)
    assert status == 1 and "more than 2 words" in message
    status, message, _ = _joined_call(data, len(data) // 2, 4, numbers)
    assert status == 1 and "3 words" in message
    lone = "ab\0c\ud800\0ab".encode("utf-16-le", "surrogatepass")
    status, message, item = _joined_call(lone, len(lone) // 2, 3, numbers)
    assert status == 2 and item == 1 and "surrogate" in message
    assert _joined_call(b"", 0, 1, numbers)[0] == 0  # one empty word
    assert _joined_call(data, len(data) // 2, 3, np.zeros(2, dtype=np.int64))[0] == 1  # no room for the numbers


def test_two_threads_number_the_words_as_one():
    # Enough words for two parts: words of both halves, words first met in the second half, empty words.
    import random

    rng = random.Random(8)
    letters = "\u0627\u0628\u062a\u0643\u0644\u0645\u0646\u0647\u0648\u064a\u0629\u0633"

    def word():
        return rng.choice(["", "\u0627\u0644", "\u0648", "\u0648\u0627\u0644"]) + "".join(
            rng.choice(letters) for _ in range(rng.randrange(1, 8)))

    common = [word() for _ in range(3000)]
    later = [word() for _ in range(3000)]
    words = [rng.choice(common) for _ in range(70_000)] + [rng.choice(common + later) for _ in range(70_000)]
    words[5] = words[90_000] = ""
    for algorithm in at.STEMMERS:
        one = at.stem(words, algorithm, threads=1)
        assert at.stem(words, algorithm, threads=2) == one
        assert at.stem([w.encode() for w in words], algorithm) == one
    data = "\0".join(words).encode("utf-16-le")
    units = len(data) // 2
    numbers_one, numbers_two = (np.zeros(len(words) + 1, dtype=np.int64) for _ in range(2))
    assert _joined_call(data, units, len(words), numbers_one) == _joined_call(data, units, len(words), numbers_two, 2)
    assert np.array_equal(numbers_one, numbers_two)
    # Failures are those of one thread: word counts, a lone surrogate in the second half.
    for count in (len(words) - 1, len(words) + 1, 80_000):
        assert _joined_call(data, units, count, numbers_two, 2) == _joined_call(data, units, count, numbers_one)
    lone = "\0".join(words[:100_000] + ["\u0643\ud800"] + words[100_000:]).encode("utf-16-le", "surrogatepass")
    failure = _joined_call(lone, len(lone) // 2, len(words) + 1, numbers_two, 2)
    assert failure == _joined_call(lone, len(lone) // 2, len(words) + 1, numbers_one) and failure[2] == 100_000
    with pytest.raises(ValueError, match="item 100000"):
        at.stem(words[:100_000] + ["\ud800"] + words[100_000:], threads=2)
