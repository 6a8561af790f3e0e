"""sketch_documents(), canonical_texts() and jaccard_pairs(): the parts of
find_duplicates() a distributed job recombines, checked against it."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

import arabictext as at


def _texts(dedup_corpus):
    return [document["text"] for document in dedup_corpus]


def _groups_from_sketches(texts, threshold=0.5):
    """Groups made from the sketches by the library's rules, in plain Python (union-find)."""
    sketches = at.sketch_documents(texts, threshold)
    canonical = at.canonical_texts(texts)
    n = len(texts)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_fingerprint = defaultdict(list)
    for document, (high, low) in enumerate(sketches.fingerprints.tolist()):
        by_fingerprint[(high, low)].append(document)
    banded = [members[0] for members in by_fingerprint.values() if sketches.word_counts[members[0]] > 0]
    for members in by_fingerprint.values():
        heads = {}
        for document in members:
            head = heads.setdefault(canonical[document], document)
            union(head, document)
    buckets = defaultdict(list)
    for document in banded:
        for band, key in enumerate(sketches.band_keys[document].tolist()):
            buckets[(band, key)].append(document)
    pairs = sorted({(a, b) for members in buckets.values() for i, a in enumerate(sorted(members))
                    for b in sorted(members)[i + 1:]})
    offsets = sketches.shingle_offsets
    if pairs:
        a = np.array([p[0] for p in pairs])
        b = np.array([p[1] for p in pairs])
        lengths_a = offsets[a + 1] - offsets[a]
        lengths_b = offsets[b + 1] - offsets[b]
        values_a = np.concatenate([sketches.shingle_set(x) for x in a])
        values_b = np.concatenate([sketches.shingle_set(x) for x in b])
        similarities = at.jaccard_pairs(np.concatenate([[0], np.cumsum(lengths_a)]), values_a,
                                        np.concatenate([[0], np.cumsum(lengths_b)]), values_b)
        for (x, y), similarity in zip(pairs, similarities.tolist()):
            expected = len(set(sketches.shingle_set(x).tolist()) & set(sketches.shingle_set(y).tolist())) / len(
                set(sketches.shingle_set(x).tolist()) | set(sketches.shingle_set(y).tolist()))
            assert similarity == expected
            if similarity >= threshold:
                union(x, y)
    groups = defaultdict(list)
    for document in range(n):
        groups[find(document)].append(document)
    return sorted(members for members in groups.values() if len(members) > 1), len(pairs)


def test_sketches_equal_minhash_and_regroup_like_find_duplicates(dedup_corpus):
    texts = _texts(dedup_corpus)
    sketches = at.sketch_documents(texts)
    assert np.array_equal(sketches.signatures, at.minhash(texts))
    assert sketches.band_keys.shape == (len(texts), 42)  # threshold 0.5: 42 bands x 3 rows
    for document in range(len(texts)):
        values = sketches.shingle_set(document)
        assert np.all(values[1:] > values[:-1]), "each set increases without repeats"
    groups, pair_count = _groups_from_sketches(texts)
    result = at.find_duplicates(texts)
    assert groups == result.groups
    assert pair_count == result.candidate_pair_count
    assert len(groups) >= 3


def test_canonical_texts_are_the_normalized_words():
    texts = ["إِنَّ  الـــكتابَ،\nمفيد", "ان الكتاب مفيد!", "ان الكتاب مفيد جدا"]
    canonical = at.canonical_texts(texts)
    assert canonical[0] == canonical[1] == "ان الكتاب مفيد".encode()
    assert canonical[2] != canonical[0]
    fingerprints = at.sketch_documents(texts).fingerprints
    assert fingerprints[0].tolist() == fingerprints[1].tolist() != fingerprints[2].tolist()


def test_parts_left_out():
    sketches = at.sketch_documents(["نص قصير جدا هنا"], signatures=False, band_keys=False, shingle_sets=False)
    assert sketches.signatures is None and sketches.band_keys is None and sketches.shingles is None
    assert sketches.word_counts.tolist() == [4]
    with pytest.raises(ValueError, match="not asked for"):
        sketches.shingle_set(0)
    banded = at.sketch_documents(["نص قصير جدا هنا"], 0.8, signatures=False)
    assert banded.band_keys.shape == (1, 21)  # threshold 0.8: 21 bands x 6 rows


def test_jaccard_pairs_checks_its_sets():
    with pytest.raises(ValueError, match="not increasing"):
        at.jaccard_pairs([0, 2], [5, 3], [0, 1], [3])
    with pytest.raises(ValueError, match="after the values"):
        at.jaccard_pairs([0, 3], [1, 2], [0, 1], [3])
    with pytest.raises(ValueError, match="decrease"):
        at.jaccard_pairs([0, 2, 1], [1, 2], [0, 1, 1], [3])
    with pytest.raises(ValueError, match="as many offsets"):
        at.jaccard_pairs([0, 1], [1], [0], [])
    assert at.jaccard_pairs([0, 0], [], [0, 0], []).tolist() == [1.0]
    values = np.array([-3, -1, 7], dtype=np.int64)  # negative int64 are large uint64: read bit for bit
    ordered = np.sort(values.view(np.uint64)).view(np.int64)
    assert at.jaccard_pairs([0, 3], ordered, [0, 2], ordered[:2]).tolist() == [2 / 3]
