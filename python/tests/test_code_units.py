"""Lists of long str cross to at_minhash and at_find_duplicates as CPython's code
units (Latin-1, UCS-2, UCS-4), which the library writes as UTF-8 itself: the
results equal those of the texts encoded in Python."""

from __future__ import annotations

import random

import numpy as np
import pytest

import arabictext as at
import arabictext._duplicates as duplicates
from arabictext._codeunits import _OFFSETS, _headers, _state, code_unit_batch

pytestmark = pytest.mark.skipif(_OFFSETS is None, reason="not CPython's string layout")

PIECES = ["\u0627\u0644\u0628\u064a\u062a", "\u0645\u062f\u064a\u0646\u0629", "caf\xe9", "word", "2024", "\u00a0",
          "\U0001f600", "\u4e2d\u6587", "\u200f", "\ufdfa", "\u0640\u0640", "\n", "  ", "x\u0301", "\u06f1\u06f2"]


def random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(PIECES) for _ in range(rng.randrange(0, 400))]
        texts.append(" ".join(words))
    # Near copies, so that the duplicate search has groups to find.
    texts += [text + " " + rng.choice(PIECES) for text in texts[: count // 3]]
    return texts


def encoded_only(monkeypatch):
    monkeypatch.setattr(duplicates, "code_unit_batch", lambda texts: None)


def test_widths_cover_every_form():
    texts = ["abc " * 100, "\xe9t\xe9 " * 100, "\u0627\u0644 " * 100, "\U0001f600 a " * 100, ""]
    batch = code_unit_batch(texts * 20)
    assert batch is not None
    assert batch.keep[-1][:5].tolist() == [0, 1, 2, 4, 0]


def test_short_items_and_other_types_are_not_taken():
    assert code_unit_batch(["short", "texts"]) is None
    assert code_unit_batch(["abc " * 100, b"bytes"]) is None
    assert code_unit_batch(("x" * 300 for _ in range(3))) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_minhash_equals_the_encoded_texts(monkeypatch, seed):
    texts = random_texts(seed, 60)
    assert code_unit_batch(texts) is not None
    fast = at.minhash(texts, shingle_size=3)
    encoded_only(monkeypatch)
    assert np.array_equal(fast, at.minhash(texts, shingle_size=3))


@pytest.mark.parametrize("seed", [4, 5])
def test_duplicates_equal_the_encoded_texts(monkeypatch, seed):
    texts = random_texts(seed, 90)
    fast = at.find_duplicates(texts, 0.6, shingle_size=2)
    encoded_only(monkeypatch)
    slow = at.find_duplicates(texts, 0.6, shingle_size=2)
    assert fast.group_count == slow.group_count > 0
    for name in ("cluster", "group", "representative", "similarity", "role_codes", "removal_codes", "copy_of",
                 "copy_similarity", "containment", "copy_containment"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name), equal_nan=True), name


def test_a_str_with_a_cached_utf8_copy_is_read_from_its_units():
    import ctypes

    # Item 3's UTF-8 form is 2 × length + 1 bytes: its size alone would say UCS-4.
    texts = ["\u0627\u0644\u0628\u064a\u062a " * 80 + str(k) for k in range(10)]
    texts[3] = "\u0627" * 400 + "\u2026"
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8
    as_utf8.restype = ctypes.c_char_p
    as_utf8.argtypes = [ctypes.py_object]
    for k in (2, 3):
        as_utf8(texts[k])  # CPython keeps the UTF-8 form with the str from now on
    batch = code_unit_batch(texts)
    assert batch.keep[-1].tolist() == [2] * 10
    assert np.array_equal(at.minhash(texts), at.minhash([text.encode() for text in texts]))


def test_a_surrogate_is_named():
    texts = ["x" * 300, "a" * 300 + "\ud800b", "\u0627" * 300 + "\udfff"]
    with pytest.raises(ValueError, match="item 1: cannot be encoded as UTF-8 \\(surrogates not allowed at character 300\\)"):
        at.find_duplicates(texts)
    with pytest.raises(ValueError, match="item 0: cannot be encoded as UTF-8 \\(surrogates not allowed at character 300\\)"):
        at.minhash(texts[2:] * 3)


def test_runs_of_two_byte_letters_at_every_alignment(monkeypatch):
    # Runs of 1 to 9 two-byte units (Arabic letters and the range's ends U+0080 and U+07FF) after 0 to 3
    # one-byte units, so that every block of four units is all two-byte, mixed or all one-byte somewhere.
    letters = "\u0627\u0644\u0080\u07ff\u064a\u0628\u062a\u0645\u0629"
    texts = []
    for lead in range(4):
        for run in range(1, 10):
            texts.append(" ".join("a" * lead + letters[:run] + str(k) for k in range(80)))
    fast = at.minhash(texts, shingle_size=1)
    encoded_only(monkeypatch)
    assert np.array_equal(fast, at.minhash([text.encode() for text in texts], shingle_size=1))


def test_headers_give_what_len_and_the_state_bits_give():
    texts = ["abc " * 100, "\xe9t\xe9 " * 100, "\u0627\u0644 " * 100, "\U0001f600 a " * 100, "", "x", "\u0627"] * 9
    pointers = np.fromiter(map(id, texts), dtype=np.uint64, count=len(texts))
    lengths, states = _headers(pointers)
    assert lengths.tolist() == [len(text) for text in texts]
    assert states.tolist() == [_state(text) for text in texts]


@pytest.mark.parametrize("unit", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_a_surrogate_is_found_at_every_position_of_a_block(unit):
    # Arabic letters (UCS-2) read eight at a time: a surrogate at each place of the first blocks and the tail.
    for position in range(0, 21):
        letters = ["\u0627"] * 300
        letters[position] = unit
        text = "".join(letters[:position + 1 + position % 5]) if position % 2 else "".join(letters)
        with pytest.raises(ValueError, match=f"item 1: cannot be encoded as UTF-8 \\(surrogates not allowed at character {position}\\)"):
            at.find_duplicates(["\u0627\u0644" * 200, text, "\u8000" * 300])
    # Units at U+8000 and above that are not surrogates pass.
    assert len(at.find_duplicates(["\u0627\u0644" * 200, "\u8000\ue000\uffff\u0627" * 80])) == 2


@pytest.mark.parametrize("seed", [6, 7])
def test_random_units_of_every_byte_length_at_every_place(monkeypatch, seed):
    # Units around each UTF-8 length boundary (U+007F/0080, U+07FF/0800) mixed at random with spaces,
    # so that blocks of four hold every mix of one-, two- and three-byte units.
    rng = random.Random(seed)
    units = [0x41, 0x7A, 0x7F, 0x80, 0xE9, 0x627, 0x644, 0x6FF, 0x7FF, 0x800, 0x4E2D, 0xFFFD]
    texts = []
    for _ in range(120):
        text = "".join(" " if rng.random() < 0.2 else chr(rng.choice(units)) for _ in range(rng.randrange(200, 600)))
        texts.append(text)
    fast = at.minhash(texts, shingle_size=1)
    encoded_only(monkeypatch)
    assert np.array_equal(fast, at.minhash([text.encode() for text in texts], shingle_size=1))
