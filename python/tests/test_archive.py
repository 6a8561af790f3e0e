"""DuplicateIndex behaves as `arabic-text dedup --index`."""

from __future__ import annotations

import threading

import pytest

import arabictext as at
from conftest import read_jsonl


def _parts(reference):
    first = read_jsonl(reference / "archive-first.jsonl")
    rest = read_jsonl(reference / "archive-rest.jsonl")
    return first, rest


def _assert_matches_equal_the_command_line(index, rest, expected):
    found = index.query([document["text"] for document in rest], best_only=True)
    assert [record["id"] for record in expected] == [document["id"] for document in rest]
    matched = 0
    for matches, record in zip(found, expected):
        if record["archive_match"] is None:
            assert matches == [], record["id"]
            continue
        matched += 1
        assert len(matches) == 1
        assert matches[0].id == record["archive_match"], record["id"]
        assert abs(matches[0].similarity - record["archive_similarity"]) <= 5e-7, record["id"]
    assert matched >= 4, "the rest has exact and near copies of the first part"


def test_an_archive_built_in_python_matches_as_the_command_line(reference, tmp_path):
    first, rest = _parts(reference)
    expected = [r for r in read_jsonl(reference / "dedup-archive-rest.jsonl") if "cluster" in r]
    index = at.DuplicateIndex(threshold=0.6)
    index.add([document["text"] for document in first], ids=[document["id"] for document in first])
    assert len(index) == len(first) and index.ids() == [document["id"] for document in first]
    _assert_matches_equal_the_command_line(index, rest, expected)
    # Saved by Python, the archive is byte for byte the command line's.
    index.save(tmp_path / "archive.adedup")
    assert (tmp_path / "archive.adedup").read_bytes() == (reference / "archive-after-first.adedup").read_bytes()
    # Adding the rest, as `dedup --index` does after matching, gives its second file.
    index.add([document["text"] for document in rest], ids=[document["id"] for document in rest])
    index.save(tmp_path / "archive.adedup")
    assert (tmp_path / "archive.adedup").read_bytes() == (reference / "archive-after-rest.adedup").read_bytes()


def test_the_command_lines_archive_opens_in_python(reference):
    first, rest = _parts(reference)
    expected = [r for r in read_jsonl(reference / "dedup-archive-rest.jsonl") if "cluster" in r]
    index = at.DuplicateIndex.open(reference / "archive-after-first.adedup")
    assert index.settings["threshold"] == 0.6 and len(index) == len(first)
    _assert_matches_equal_the_command_line(index, rest, expected)


def test_every_match_exact_or_estimated(dedup_corpus):
    texts = [document["text"] for document in dedup_corpus]
    index = at.DuplicateIndex(threshold=0.5)
    index.add(texts[:5])
    found = index.query(texts)
    for document in range(5):  # every archived text finds itself first, exactly
        assert found[document][0] == at.IndexMatch(document, str(document), 1.0, True)
    assert any(match.exact and match.document == 0 for match in found[5])  # seed 0 with harakat: an exact copy
    near = [match for match in found[7] if not match.exact]
    assert near and all(0.5 <= match.similarity < 1 for match in near)
    for matches in found:
        assert [m.similarity for m in matches] == sorted((m.similarity for m in matches), reverse=True)


def test_queries_while_adding_from_threads(dedup_corpus):
    texts = [document["text"] for document in dedup_corpus]
    index = at.DuplicateIndex()
    index.add(texts[:3])
    errors = []

    def query():
        try:
            for _ in range(20):
                assert index.query(texts[:3], best_only=True)[0][0].document == 0
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    workers = [threading.Thread(target=query) for _ in range(3)]
    for worker in workers:
        worker.start()
    for k in range(10):
        index.add(texts[3:], ids=[f"{k}-{i}" for i in range(len(texts) - 3)])
    for worker in workers:
        worker.join()
    assert not errors and len(index) == 3 + 10 * (len(texts) - 3)


def test_bad_archives_and_items(tmp_path):
    with pytest.raises(OSError, match="missing.adedup"):
        at.DuplicateIndex.open(tmp_path / "missing.adedup")
    (tmp_path / "bad.adedup").write_bytes(b"ADEDUP\r\n\x01\x00\x00\x00garbage")
    with pytest.raises(OSError, match="bad.adedup"):
        at.DuplicateIndex.open(tmp_path / "bad.adedup")
    index = at.DuplicateIndex()
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        index.add(["نص"], ids=["a", "b"])
    with pytest.raises(ValueError, match="item 0: invalid UTF-8"):
        index.query([b"\xff"])
    with pytest.raises(TypeError, match="item 1 is None"):
        index.add(["a", None])
    with pytest.raises(ValueError, match="threshold"):
        at.DuplicateIndex(threshold=1.5)
    assert len(index) == 0
