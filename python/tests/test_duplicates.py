"""find_duplicates(), repeated_lines() and minhash() equal `arabic-text dedup`."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at
import cli_reference
from conftest import read_jsonl

KEYWORDS = {
    "dedup-default": {},
    "dedup-lines": {},
    "dedup-threshold-0.8": {"threshold": 0.8},
    "dedup-center-first": {"grouping": "center", "representative": "first", "threshold": 0.4},
    "dedup-small-sketch": {"shingle_size": 2, "hash_count": 64, "seed": 7},
    "dedup-classic-bands": {"sketch": "classic", "bands": 20, "rows": 4, "threshold": 0.6},
    "dedup-light": {"preset": "light", "threshold": 0.7},
}
CONNECTED = {"grouping": "connected", "containment": False, "boilerplate_documents": 0}
KEYWORDS.update({
    "dedup-connected": CONNECTED,
    "dedup-connected-threshold-0.8": {**CONNECTED, "threshold": 0.8},
    "dedup-connected-small-sketch": {**CONNECTED, "shingle_size": 2, "hash_count": 64, "seed": 7},
    "dedup-connected-classic-bands": {**CONNECTED, "sketch": "classic", "bands": 20, "rows": 4, "threshold": 0.6},
    "dedup-connected-light": {**CONNECTED, "preset": "light", "threshold": 0.7},
})


def test_every_run_has_keywords():
    assert sorted(KEYWORDS) == sorted(name for name, _ in cli_reference.DEDUP_RUNS)


@pytest.mark.parametrize("name", list(KEYWORDS))
def test_documents_equal_the_command_line(reference, dedup_corpus, name):
    expected = [record for record in read_jsonl(reference / f"{name}.jsonl") if "cluster" in record]
    texts = [document["text"] for document in dedup_corpus]
    ids = [document["id"] for document in dedup_corpus]
    result = at.find_duplicates(texts, **KEYWORDS[name])
    ours = result.records(ids)
    assert [r["id"] for r in expected] == ids
    for mine, theirs in zip(ours, expected):
        for field in ("similarity", "containment", "copy_similarity", "copy_containment"):
            value, expected_value = mine.pop(field), theirs.pop(field)
            assert (value is None) == (expected_value is None), (mine["id"], field)
            assert value is None or abs(value - expected_value) <= 5e-7, (mine["id"], field)
        # The fields find_duplicates gives (the command line adds containments).
        assert mine == {key: theirs.get(key) for key in mine}
    # The corpus has exact and near copies: the comparison is not vacuous.
    assert {"exact", "near", "unique", "representative"} <= set(result.roles) or name != "dedup-default"


def test_groups_of_the_default_run(dedup_corpus):
    result = at.find_duplicates([document["text"] for document in dedup_corpus])
    groups = result.groups
    assert len(groups) == result.group_count >= 3
    assert [0, 5, 6] in groups  # seed 0 and its two exact copies
    for members in groups:
        representative = result.representative[members[0]]
        assert all(result.representative[m] == representative for m in members)
        assert result.role_codes[representative] == 1
    # The kept set (`dedup --write-unique`): the representatives and perhaps more (a chain's far end).
    assert result.kept.sum() >= len(result) - sum(len(members) - 1 for members in groups)
    assert all(result.kept[result.representative[members[0]]] for members in groups)
    for document in np.flatnonzero(~result.kept):
        assert result.kept[result.copy_of[document]] and result.copy_similarity[document] >= 0.5


def test_repeated_lines_equal_the_command_line(reference, dedup_corpus):
    expected = [record for record in read_jsonl(reference / "dedup-lines.jsonl") if "line" in record]
    assert expected, "the corpus repeats lines"
    ids = [document["id"] for document in dedup_corpus]
    groups = at.repeated_lines([document["text"] for document in dedup_corpus])
    ours = [
        {"id": ids[line.document], "line": line.line, "group": number + 1, "kind": line.kind}
        for number, group in enumerate(groups) for line in group
    ]
    assert ours == expected


def test_repeated_lines_options():
    # A near repeat matches 5 or more words of the shorter line: the 5-word line lies whole inside the 6-word one.
    texts = ["عنوان الخبر الأول اليوم هنا الآن\nنص", "عنوان الخبر الأول اليوم هنا الآن\nآخر", "عنوان الخبر الأول اليوم هنا\nشيء"]
    exact = at.repeated_lines(texts, near=False)
    assert exact == [[at.RepeatedLine(0, 1, "exact"), at.RepeatedLine(1, 1, "exact")]]
    near = at.repeated_lines(texts)
    assert [line.kind for line in near[0]] == ["exact", "exact", "near"]
    assert at.repeated_lines(texts, minimum_words=10) == exact
    # Four words in common are not enough (a site name shared by a dateline and a footer).
    assert at.repeated_lines(["عنوان الخبر الأول اليوم هنا", "عنوان الخبر الأول اليوم"]) == []
    with pytest.raises(ValueError, match="maximum_edit_fraction must be in"):
        at.repeated_lines(texts, maximum_edit_fraction=2)


def test_minhash(dedup_corpus):
    texts = [document["text"] for document in dedup_corpus]
    signatures = at.minhash(texts)
    assert signatures.shape == (len(texts), 128) and signatures.dtype == np.uint32
    assert np.array_equal(signatures[0], signatures[5])  # an exact copy: same words, same signature
    estimated = (signatures[1] == signatures[7]).mean()  # a near copy
    assert 0.6 < estimated < 1
    assert (signatures[0] == signatures[1]).mean() < 0.1
    assert at.minhash(texts, hash_count=16, seed=3).shape == (len(texts), 16)
    assert not np.array_equal(at.minhash(texts, seed=3), signatures)
    assert at.minhash([]).shape == (0, 128)


def test_empty_and_tiny_inputs():
    assert len(at.find_duplicates([])) == 0
    result = at.find_duplicates(["", "", "كلمة", "كلمة"])
    assert result.group_count >= 1
    assert at.repeated_lines([]) == []


@pytest.mark.parametrize("keywords, message", [
    ({"threshold": 0}, r"the threshold must be in \(0, 1\], not 0.0"),
    ({"threshold": float("nan")}, "the threshold must be in"),
    ({"shingle_size": 17}, "the shingle size must be in 1...16, not 17"),
    ({"hash_count": 0}, "the number of hash values must be in 1...4096, not 0"),
    ({"bands": 50, "rows": 3}, "50 bands × 3 rows need 150 hash values; there are 128"),
    ({"bands": 4}, "give both bands and rows"),
    ({"grouping": "stars"}, "grouping must be one of"),
    ({"containment": 1.5}, r"containment must be in \(0, 1\]"),
    ({"boilerplate_documents": -1}, "boilerplate_documents must be in"),
    ({"representative": "last"}, "representative must be one of"),
    ({"sketch": "onePerm"}, "sketch must be one of"),
])
def test_bad_options(keywords, message):
    with pytest.raises(ValueError, match=message):
        at.find_duplicates(["a b c", "a b c"], **keywords)
