"""find_duplicates() one step at a time (candidate_banding, line_fingerprints,
verification_sets, verify_pairs, group_verified), recombined in plain Python as
a distributed job recombines them, and checked against find_duplicates() at
its defaults (star grouping, containment, boilerplate lines) and others."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pytest

import arabictext as at

SKETCH_KEYWORDS = ("threshold", "shingle_size", "hash_count", "seed", "sketch", "preset", "rules")


def _by_steps(texts, *, components=False, **settings):
    """The per-document results of find_duplicates(texts, **settings), made from the steps. With
    `components`, group_verified runs once per connected component (numbered locally), as tasks do."""
    n = len(texts)
    bands, rows = at.candidate_banding(**settings)
    sketches = at.sketch_documents(texts, signatures=False, shingle_sets=False, bands=bands, rows=rows,
                                   **{k: v for k, v in settings.items() if k in SKETCH_KEYWORDS})
    canonical = at.canonical_texts(texts, shingle_size=settings.get("shingle_size"),
                                   preset=settings.get("preset", "search"))
    first_of = {}
    heads = [first_of.setdefault((high, low, canonical[d]), d)
             for d, (high, low) in enumerate(sketches.fingerprints.tolist())]
    words = sketches.word_counts

    # Boilerplate: line fingerprints counted once per document over the corpus.
    minimum = settings.get("boilerplate_documents", 10)
    offsets, lines = at.line_fingerprints(texts, **settings)
    assert len(offsets) == n + 1
    for d in range(n):
        mine = lines[offsets[d]:offsets[d + 1]]
        assert np.all(mine[1:] > mine[:-1]), "distinct and increasing"
    counts = Counter(lines.tolist())
    boilerplate = sorted(line for line, count in counts.items() if count >= minimum) if minimum else []

    # Candidates: heads with words sharing (band, key).
    buckets = defaultdict(list)
    for d in range(n):
        if heads[d] == d and words[d] > 0:
            for band, key in enumerate(sketches.band_keys[d].tolist()):
                buckets[(band, key)].append(d)
    pairs = sorted({(a, b) for members in buckets.values() for i, a in enumerate(members) for b in members[i + 1:]})
    set_offsets, set_values = at.verification_sets(texts, boilerplate, **settings)
    related = []
    if pairs:
        a = np.array([p[0] for p in pairs])
        b = np.array([p[1] for p in pairs])

        def side(documents):
            lengths = set_offsets[documents + 1] - set_offsets[documents]
            values = np.concatenate([set_values[set_offsets[d]:set_offsets[d + 1]] for d in documents])
            return np.concatenate([[0], np.cumsum(lengths)]), values

        shared, relations = at.verify_pairs(*side(a), *side(b), **settings)
        sizes = np.diff(set_offsets)
        for (x, y), count, relation in zip(pairs, shared.tolist(), relations.tolist()):
            assert (count >= 0) == (relation > 0)
            if relation:
                related.append((x, y, count, int(sizes[x]), int(sizes[y])))

    def group(documents):
        local = {d: k for k, d in enumerate(documents)}
        inside = [r for r in related if r[0] in local]
        columns = list(zip(*inside)) or [[], [], [], [], []]
        return at.group_verified(
            [local[heads[d]] for d in documents], [words[d] for d in documents], [local[x] for x in columns[0]],
            [local[y] for y in columns[1]], columns[2], columns[3], columns[4], **settings), local

    if not components:
        return group(list(range(n)))[0], related
    # Connected components of exact copies and related pairs, each grouped on its own.
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in range(n):
        parent[find(d)] = find(heads[d])
    for x, y, *_ in related:
        parent[find(x)] = find(y)
    members = defaultdict(list)
    for d in range(n):
        members[find(d)].append(d)
    merged = {name: [None] * n for name in ("representative", "similarity", "containment", "role_codes",
                                              "removal_codes", "copy_of", "copy_similarity", "copy_containment")}
    for documents in members.values():
        found, _ = group(documents)
        for k, d in enumerate(documents):
            for name in merged:
                value = getattr(found, name)[k].item()
                if name in ("representative", "copy_of") and value >= 0:
                    value = documents[value]
                merged[name][d] = value
    return merged, related


def _compare(texts, expected, found):
    for name in ("representative", "similarity", "containment", "role_codes", "removal_codes", "copy_of",
                 "copy_similarity", "copy_containment"):
        mine = np.asarray(found[name] if isinstance(found, dict) else getattr(found, name))
        theirs = getattr(expected, name)
        if mine.dtype.kind == "f":
            assert np.array_equal(mine, theirs, equal_nan=True), name
        else:
            assert mine.tolist() == theirs.tolist(), name


@pytest.mark.parametrize("settings", [
    {},
    {"threshold": 0.8},
    {"grouping": "center", "representative": "first", "threshold": 0.4},
    {"containment": False},
    {"boilerplate_documents": 0, "shingle_size": 2, "hash_count": 64, "seed": 7},
    {"boilerplate_documents": 2},
])
def test_steps_equal_find_duplicates(dedup_corpus, settings):
    texts = [document["text"] for document in dedup_corpus]
    expected = at.find_duplicates(texts, **settings)
    whole, related = _by_steps(texts, **settings)
    assert whole.cluster.tolist() == expected.cluster.tolist()
    assert whole.group.tolist() == expected.group.tolist()
    _compare(texts, expected, whole)
    assert whole.records() == expected.records()
    split, _ = _by_steps(texts, components=True, **settings)
    _compare(texts, expected, split)
    assert related, "the corpus has related pairs"


def test_boilerplate_lines_change_the_sets():
    """Texts sharing a long footer line: without boilerplate they match, with it they do not."""
    footer = " ".join(f"تذييل{k}" for k in range(120))
    texts = [" ".join(f"كلمة{d}x{k}" for k in range(30)) + "\n" + footer for d in range(12)]
    offsets, lines = at.line_fingerprints(texts)
    assert len(set(lines.tolist())) == 13  # one line of its own per text, the footer shared
    none = at.verification_sets(texts)
    common = Counter(lines.tolist()).most_common(1)[0][0]
    left = at.verification_sets(texts, [common])
    assert np.all(np.diff(left[0]) < np.diff(none[0]))
    assert at.find_duplicates(texts, boilerplate_documents=0).group_count == 1
    assert at.find_duplicates(texts).group_count == 0


def test_step_arguments_are_checked():
    with pytest.raises(ValueError, match="star or center"):
        at.group_verified([0, 1], [5, 5], [0], [1], [3], [4], [4], grouping="connected")
    with pytest.raises(ValueError, match="not the head"):
        at.group_verified([0, 0, 1], [5, 5, 5], [], [], [], [], [])
    with pytest.raises(ValueError, match="shared shingles"):
        at.group_verified([0, 1], [5, 5], [0], [1], [9], [4], [4])
    with pytest.raises(ValueError, match="heads"):
        at.group_verified([0, 0, 2], [5, 5, 5], [1], [2], [3], [4], [4])
    with pytest.raises(ValueError, match="not increasing"):
        at.verify_pairs([0, 2], np.array([3, 1], dtype=np.uint64), [0, 1], np.array([1], dtype=np.uint64))
    assert at.candidate_banding() == (64, 2)
    assert at.candidate_banding(containment=False) == (42, 3)
