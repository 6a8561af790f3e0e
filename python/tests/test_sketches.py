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


def _report_parts(texts, threshold=0.5):
    """What a distributed job finds before the kept set: exact heads, word counts, verified pairs
    (between heads) and the groups' representatives (most words, ties the first), in plain Python."""
    sketches = at.sketch_documents(texts, threshold, signatures=False)
    canonical = at.canonical_texts(texts)
    heads = list(range(len(texts)))
    first_of = {}
    for document, (high, low) in enumerate(sketches.fingerprints.tolist()):
        heads[document] = first_of.setdefault((high, low, canonical[document]), document)
    verified = []
    for members in at.find_duplicates(texts, threshold).groups:
        sets = {d: set(sketches.shingle_set(d).tolist()) for d in members if heads[d] == d}
        for a in sets:
            for b in sets:
                if a < b and len(sets[a] & sets[b]) / len(sets[a] | sets[b]) >= threshold:
                    verified.append((a, b, len(sets[a] & sets[b]) / len(sets[a] | sets[b])))
    words = sketches.word_counts
    representatives = [max(members, key=lambda d: (words[d], -d))
                       for members in at.find_duplicates(texts, threshold).groups]
    return heads, words, representatives, verified


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


def _selection(heads, words, representatives, pairs, **keywords):
    return at.kept_selection(heads, words, representatives, [p[0] for p in pairs], [p[1] for p in pairs],
                             [p[2] for p in pairs], **keywords)


def test_kept_selection_from_parts_equals_find_duplicates(dedup_corpus):
    """The kept set from parts found elsewhere (as the Spark job finds them)
    is find_duplicates' (and `dedup --write-unique`'s), and deciding every
    other group alone, renumbered, gives the same for its members."""
    texts = _texts(dedup_corpus)
    found = at.find_duplicates(texts)
    heads, words, representatives, pairs = _report_parts(texts)
    assert pairs, "the corpus has verified near pairs"
    selection = _selection(heads, words, representatives, pairs)
    assert selection.removal_codes.tolist() == found.removal_codes.tolist()
    assert selection.copy_of.tolist() == found.copy_of.tolist()
    assert np.array_equal(selection.copy_similarity, found.copy_similarity, equal_nan=True)
    assert set(found.removed_as) == {None, "exact", "near"}

    groups = found.groups[1::2]
    chosen = sorted(d for members in groups for d in members)
    local = {d: k for k, d in enumerate(chosen)}
    part = _selection([local[heads[d]] for d in chosen], [words[d] for d in chosen],
                      [local[representatives[g]] for g in range(1, len(found.groups), 2)],
                      [(local[a], local[b], j) for a, b, j in pairs if a in local])
    assert part.removal_codes.tolist() == found.removal_codes[chosen].tolist()
    assert [chosen[c] if c >= 0 else -1 for c in part.copy_of.tolist()] == found.copy_of[chosen].tolist()


def test_a_chain_keeps_its_far_end():
    """A-B-C where C is far from A: under connected grouping all three are one group with
    representative A, and the kept set is A and C (C has no kept copy at the threshold otherwise)."""
    def text(start):
        return " ".join(f"كلمة{k}" for k in range(start, start + 10))

    found = at.find_duplicates([text(0), text(3), text(6)], 0.5, shingle_size=1, representative="first",
                               grouping="connected", containment=False)
    assert found.groups == [[0, 1, 2]]
    assert found.roles == ["representative", "near", "near"]
    assert found.kept.tolist() == [True, False, True]
    assert found.removed_as == [None, "near", None]
    records = found.records(["a", "b", "c"])
    assert [r["representative"] for r in records] == [True, False, False]
    assert records[1]["copy_of"] == "a" and records[1]["copy_similarity"] == pytest.approx(7 / 13, abs=1e-15)
    assert records[2]["kept"] and records[2]["copy_of"] is None and records[2]["copy_similarity"] is None
    archive = at.kept_selection([0, 1, 2], [10, 10, 10], [0], [0, 1], [1, 2], [7 / 13, 7 / 13],
                                representative="first", archive_copies=[True, False, False])
    assert archive.removal_codes.tolist() == [3, 0, 2]  # the archive's copy is removed; B kept, C its copy


def test_kept_selection_checks_its_arguments():
    with pytest.raises(ValueError, match="not a document at or before it"):
        at.kept_selection([1, 1], [3, 3], [], [], [], [])
    with pytest.raises(ValueError, match="not the head of its own set"):
        at.kept_selection([0, 0, 1], [3, 3, 3], [], [], [], [])
    with pytest.raises(ValueError, match="join heads"):
        at.kept_selection([0, 0, 2], [3, 3, 3], [], [1], [2], [0.9])
    with pytest.raises(ValueError, match="outside"):
        at.kept_selection([0, 1], [3, 3], [], [0], [1], [1.5])
    with pytest.raises(ValueError, match="not two documents"):
        at.kept_selection([0, 1], [3, 3], [], [0], [5], [0.9])
    with pytest.raises(ValueError, match="not a document"):
        at.kept_selection([0, 1], [3, 3], [7], [], [], [])
    with pytest.raises(ValueError, match="expected 2 values"):
        at.kept_selection([0, 1], [3], [], [], [], [])
    with pytest.raises(ValueError, match="representative must be"):
        at.kept_selection([0], [3], [], [], [], [], representative="shortest")
    empty = at.kept_selection([], [], [], [], [], [])
    assert len(empty.removal_codes) == 0
