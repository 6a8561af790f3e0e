"""find_duplicates_in_shingles() and shingle_hashes(): duplicates from shingles
given, checked against find_duplicates() on the texts."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at
from corpora import saudinewsnet

FIELDS = ("cluster", "group", "representative", "similarity", "role_codes", "removal_codes", "copy_of",
          "copy_similarity", "containment", "copy_containment")


def _same(found, expected):
    for field in FIELDS:
        assert np.array_equal(getattr(found, field), getattr(expected, field), equal_nan=field.startswith("copy_")
                              or field == "containment"), field
    assert found.group_count == expected.group_count
    assert found.candidate_pair_count == expected.candidate_pair_count


def _corpus(seeds):
    """The seeds, exact copies (one with other spacing and punctuation), a near copy, a truncation, short texts."""
    texts = list(seeds)
    texts.append(seeds[0])
    texts.append(" ، ".join(seeds[3].split()))
    words = seeds[1].split()
    texts.append(" ".join("تعديل" if k % 17 == 5 else word for k, word in enumerate(words)))
    words = seeds[2].split()
    texts.append(" ".join(words[: len(words) * 4 // 10]))
    texts += ["", "كلمة", "كلمة", "كلمتان هنا"]
    return texts


@pytest.mark.parametrize("settings", [
    {}, {"grouping": "connected"}, {"grouping": "center", "containment": False},
    {"threshold": 0.8, "shingle_size": 5, "containment": False},
])
def test_own_shingle_hashes_give_find_duplicates(seeds, settings):
    texts = _corpus(seeds)
    expected = at.find_duplicates(texts, boilerplate_documents=0, **settings)
    assert expected.group_count >= 2
    shingle_size = settings.get("shingle_size")
    offsets, hashes = at.shingle_hashes(texts, shingle_size=shingle_size)
    assert offsets.dtype == np.int64 and hashes.dtype == np.uint64 and len(offsets) == len(texts) + 1
    search = {key: value for key, value in settings.items() if key != "shingle_size"}
    _same(at.find_duplicates_in_shingles(hashes, offsets, **search), expected)
    _same(at.find_duplicates_in_shingles(hashes.view(np.int64), offsets.astype(np.int32), threads=1, **search), expected)


def test_saudinewsnet_same_groups():
    texts = saudinewsnet(31030)
    if texts is None:
        pytest.skip("SaudiNewsNet is not here (set ARABICTEXT_SAUDINEWSNET)")
    for settings in ({"threshold": 0.8, "shingle_size": 5, "containment": False}, {}):
        expected = at.find_duplicates(texts, boilerplate_documents=0, threads=2, **settings)
        offsets, hashes = at.shingle_hashes(texts, shingle_size=settings.get("shingle_size"), threads=2)
        found = at.find_duplicates_in_shingles(
            hashes, offsets, threads=2, **{key: value for key, value in settings.items() if key != "shingle_size"})
        _same(found, expected)
        assert expected.group_count > 500


def _python_shingles(texts, size=3):
    result = []
    for text in texts:
        words = text.split()
        result.append([" ".join(words[k:k + size]).encode() for k in range(max(1, len(words) - size + 1))] if words else [])
    return result


def test_bytes_layouts_agree(seeds):
    """Numpy bytes with 64- and 32-bit offsets, Arrow list<binary> and large_list<large_binary> (sliced too), lists."""
    pa = pytest.importorskip("pyarrow")
    given = _python_shingles(_corpus(seeds))
    flat = [shingle for shingles in given for shingle in shingles]
    data = np.frombuffer(b"".join(flat), dtype=np.uint8)
    shingle_offsets = np.concatenate([[0], np.cumsum([len(s) for s in flat])]).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in given])]).astype(np.int64)
    expected = at.find_duplicates_in_shingles(data, offsets, shingle_offsets=shingle_offsets)
    assert expected.group_count >= 2
    _same(at.find_duplicates_in_shingles(bytes(data), offsets.astype(np.int32), shingle_offsets=shingle_offsets.astype(np.int32)),
          expected)
    _same(at.find_duplicates_in_shingles(given), expected)
    _same(at.find_duplicates_in_shingles(pa.array(given, type=pa.list_(pa.binary()))), expected)
    large = pa.array([None] + given, type=pa.large_list(pa.large_binary()))
    _same(at.find_duplicates_in_shingles(large.slice(1)), expected)
    _same(at.find_duplicates_in_shingles(pa.chunked_array([large.slice(1, 3), large.slice(4)])), expected)
    # Another seed hashes the bytes otherwise: other signatures, the same verified groups here.
    assert at.find_duplicates_in_shingles(given, seed=7).groups == expected.groups


def test_bad_inputs_name_the_index():
    hashes = np.arange(1, 7, dtype=np.uint64)
    with pytest.raises(ValueError, match="decrease at document 1") as raised:
        at.find_duplicates_in_shingles(hashes, np.array([0, 4, 2, 6]))
    assert raised.value.index == 1
    with pytest.raises(ValueError, match="document 1 ends at 9") as raised:
        at.find_duplicates_in_shingles(hashes, np.array([0, 3, 9], dtype=np.int32))
    assert raised.value.index == 1
    with pytest.raises(ValueError, match="outside"):
        at.find_duplicates_in_shingles(hashes, np.array([-2, 3]))
    with pytest.raises(ValueError, match="outside"):
        at.find_duplicates_in_shingles(hashes, np.array([2**63 + 5, 3], dtype=np.uint64))
    with pytest.raises(ValueError, match="64-bit hashes"):
        at.find_duplicates_in_shingles(hashes.astype(np.uint32), np.array([0, 6]))
    with pytest.raises(ValueError, match="64-bit hashes"):
        at.find_duplicates_in_shingles(hashes.astype(np.float64), np.array([0, 6]))
    with pytest.raises(ValueError, match="integer array"):
        at.find_duplicates_in_shingles(hashes, np.array([0.0, 6.0]))
    with pytest.raises(ValueError, match="at least one offset"):
        at.find_duplicates_in_shingles(hashes, np.array([], dtype=np.int64))
    data = np.frombuffer(b"abcdefgh", dtype=np.uint8)
    with pytest.raises(ValueError, match="shingle 1 ends at 12") as raised:
        at.find_duplicates_in_shingles(data, np.array([0, 2]), shingle_offsets=np.array([0, 4, 12]))
    assert raised.value.index == 1
    with pytest.raises(ValueError, match="uint8"):
        at.find_duplicates_in_shingles(hashes, np.array([0, 2]), shingle_offsets=np.array([0, 4, 8]))
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(ValueError, match="document 1 is null") as raised:
        at.find_duplicates_in_shingles(pa.array([[b"a"], None], type=pa.list_(pa.binary())))
    assert raised.value.index == 1
    with pytest.raises(ValueError, match="shingle 2 is null") as raised:
        at.find_duplicates_in_shingles(pa.array([[b"a"], [b"b", None]], type=pa.list_(pa.binary())))
    assert raised.value.index == 1
    with pytest.raises(ValueError, match="list or large_list"):
        at.find_duplicates_in_shingles(pa.array([b"a"]))
    # Nothing at all is fine.
    assert len(at.find_duplicates_in_shingles(np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))) == 0
