"""MinHash signatures, near-duplicate documents and repeated lines of batches."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ._batch import prepare
from ._codeunits import code_unit_batch
from ._native import (
    DuplicateOptions, DuplicateResult, LineGroups, RepeatedLineOptions, check, lib, native_array, thread_count,
)
from ._normalization import rule_bits

SKETCHES = {"one-permutation": 0, "classic": 1}
REPRESENTATIVES = {"longest": 0, "first": 1}
GROUPINGS = {"connected": 0, "center": 1, "star": 2}
ROLES = ("unique", "representative", "exact", "near", "contained_in", "contains")
"""Document roles by their code (`Duplicates.role_codes`), as in `arabic-text dedup --format jsonl`."""
REMOVALS = (None, "exact", "near", "archive", "contained")
"""Why a document is removed, by its code (`Duplicates.removal_codes`; 0: kept), as `removed_as` in
`arabic-text dedup --format jsonl`."""


def _choice(name: str, value, choices: dict) -> int:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}")
    return choices[value]


def _duplicate_options(
    threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows, representative, grouping,
    containment=None, boilerplate_documents=None,
) -> DuplicateOptions:
    """The library's defaults (those of `arabic-text dedup`) with the arguments that are not None."""
    options = DuplicateOptions()
    lib.at_duplicate_options_init(ctypes.byref(options))
    if threshold is not None:
        options.threshold = float(threshold)
    for name, value in (("shingle_size", shingle_size), ("hash_count", hash_count)):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            setattr(options, name, int(value))
    if seed is not None:
        if not 0 <= int(seed) < 2**64:
            raise ValueError(f"seed must be in 0 ... 2**64 - 1, not {seed}")
        options.seed = int(seed)
    options.sketch = _choice("sketch", sketch, SKETCHES)
    options.normalization = rule_bits(preset, rules)
    if (bands is None) != (rows is None):
        raise ValueError("give both bands and rows, or neither")
    if bands is not None:
        if int(bands) < 1 or int(rows) < 1:
            raise ValueError(f"bands and rows must be at least 1, not {bands} and {rows}")
        options.bands, options.rows = int(bands), int(rows)
    options.representative = _choice("representative", representative, REPRESENTATIVES)
    options.grouping = _choice("grouping", grouping, GROUPINGS)
    if containment is not None:
        if containment is False:
            options.containment = 0.0
        elif not 0 < float(containment) <= 1:
            raise ValueError(f"containment must be in (0, 1] (or False for none), not {containment}")
        else:
            options.containment = float(containment)
    if boilerplate_documents is not None:
        if isinstance(boilerplate_documents, bool) or not isinstance(boilerplate_documents, (int, np.integer)):
            raise TypeError(f"boilerplate_documents must be an int, not {type(boilerplate_documents).__name__}")
        if not 0 <= int(boilerplate_documents) <= 2**31 - 1:
            raise ValueError(f"boilerplate_documents must be in 0 ... 2**31 - 1, not {boilerplate_documents}")
        options.boilerplate_documents = int(boilerplate_documents)
    return options


def minhash(
    texts, *, hash_count: int | None = None, shingle_size: int | None = None, seed: int | None = None,
    sketch: str = "one-permutation", preset: str = "search", rules: dict[str, bool] | None = None,
    threads: int | None = None,
) -> np.ndarray:
    """MinHash signatures of the texts' word shingles: a uint32 array of
    documents x `hash_count` values (128 by default), exactly those
    `find_duplicates` and `arabic-text dedup` compare. Texts are normalized
    (`preset`, `rules`) and cut into runs of `shingle_size` words (3).
    """
    options = _duplicate_options(None, shingle_size, hash_count, seed, sketch, preset, rules, None, None, "longest", "connected")
    batch = code_unit_batch(texts) or prepare(texts)
    signatures = np.empty((batch.count, options.hash_count), dtype=np.uint32)
    check(lib.at_minhash(
        batch.pointer, ctypes.byref(options), thread_count(threads),
        signatures.ctypes.data if signatures.size else None, signatures.size,
    ))
    return signatures


@dataclass
class Duplicates:
    """Per-document results of `find_duplicates`, as numpy arrays of one value per document.

    - `cluster`: cluster number from 0 (documents of one group share it; a
      document without duplicates has its own);
    - `group`: index of its duplicate group, -1 when it has no duplicate;
    - `representative`: the document standing for its group (itself when unique);
    - `similarity`: Jaccard similarity of its shingles to the representative's (1 when unique);
    - `role_codes`: codes into `ROLES` ("unique", "representative", "exact", "near",
      "contained_in", "contains");
    - `kept`: whether a deduplicated corpus keeps it, as `arabic-text dedup
      --write-unique` decides: every removed document is an exact copy or a
      verified near copy (exact Jaccard at or above the threshold) of a kept
      one, or contained in a kept one (see `containment`), which a chain of
      near copies in one group does not guarantee for "all but the representatives";
    - `removal_codes`: codes into `REMOVALS` (0 kept, "exact", "near", "archive", "contained");
    - `copy_of`: the kept document a removed one copies (-1 when kept);
    - `copy_similarity`: its Jaccard similarity to `copy_of` (1 for exact copies; NaN when kept);
    - `containment`: the share of the smaller shingle set inside the other, between a
      document and its representative (1 when unique, for exact copies and representatives);
    - `copy_containment`: for a document removed as contained, its share inside `copy_of` (NaN otherwise).
    """

    cluster: np.ndarray
    group: np.ndarray
    representative: np.ndarray
    similarity: np.ndarray
    role_codes: np.ndarray
    group_count: int
    candidate_pair_count: int
    removal_codes: np.ndarray
    copy_of: np.ndarray
    copy_similarity: np.ndarray
    containment: np.ndarray
    copy_containment: np.ndarray

    def __len__(self) -> int:
        return len(self.cluster)

    @property
    def roles(self) -> list[str]:
        """Each document's role as a name."""
        return [ROLES[code] for code in self.role_codes.tolist()]

    @property
    def kept(self) -> np.ndarray:
        """Whether each document is kept (a bool array; see the class)."""
        return self.removal_codes == 0

    @property
    def removed_as(self) -> list[str | None]:
        """Why each document is removed ("exact", "near"), or None when it is kept."""
        return [REMOVALS[code] for code in self.removal_codes.tolist()]

    @property
    def groups(self) -> list[list[int]]:
        """The groups of two or more documents (document numbers, increasing), ordered by their first member."""
        members: list[list[int]] = [[] for _ in range(self.group_count)]
        for document, group in enumerate(self.group.tolist()):
            if group >= 0:
                members[group].append(document)
        return members

    def records(self, ids=None) -> list[dict]:
        """One dict per document with the fields of `arabic-text dedup --format jsonl`:
        id, cluster (from 1), representative (it stands for itself or its
        group), similarity, role, duplicate_of (the representative's id, or
        None), kept, removed_as, copy_of (the kept copy's id, or None) and
        copy_similarity (or None), containment (with the representative) and
        copy_containment (or None). `ids` default to the document numbers."""
        ids = list(range(len(self))) if ids is None else list(ids)
        if len(ids) != len(self):
            raise ValueError(f"{len(ids)} ids for {len(self)} documents")
        roles, removed_as = self.roles, self.removed_as
        representative, similarity = self.representative.tolist(), self.similarity.tolist()
        copy_of, copy_similarity = self.copy_of.tolist(), self.copy_similarity.tolist()
        containment, copy_containment = self.containment.tolist(), self.copy_containment.tolist()
        return [
            {
                "id": ids[document],
                "cluster": cluster + 1,
                "representative": roles[document] in ("unique", "representative"),
                "similarity": similarity[document],
                "containment": containment[document],
                "role": roles[document],
                "duplicate_of": None if representative[document] == document else ids[representative[document]],
                "kept": removed_as[document] is None,
                "removed_as": removed_as[document],
                "copy_of": None if copy_of[document] < 0 else ids[copy_of[document]],
                "copy_similarity": None if copy_of[document] < 0 else copy_similarity[document],
                "copy_containment": None if removed_as[document] != "contained" else copy_containment[document],
            }
            for document, cluster in enumerate(self.cluster.tolist())
        ]


def find_duplicates(
    texts, threshold: float | None = None, *, shingle_size: int | None = None, hash_count: int | None = None,
    seed: int | None = None, sketch: str = "one-permutation", preset: str = "search",
    rules: dict[str, bool] | None = None, bands: int | None = None, rows: int | None = None,
    representative: str = "longest", grouping: str = "star", containment: float | bool | None = None,
    boilerplate_documents: int | None = None, threads: int | None = None,
) -> Duplicates:
    """Exact and near-duplicate documents, as `arabic-text dedup` finds them.

    Texts are normalized (`preset`, `rules`), cut into word shingles of
    `shingle_size` words (3) and compared by the Jaccard similarity of their
    shingle sets: MinHash signatures (`hash_count`, 128) and LSH bands find
    candidates and every candidate pair is verified exactly; documents at or
    above `threshold` (0.5) are near duplicates. Exact copies (same normalized
    words) are confirmed word for word. A document whose shingles are at
    least `containment` (0.8; False: off) inside a larger one, sharing 10 or
    more, is contained in it (role "contained_in": a truncated copy, an
    excerpt); lines that occur in `boilerplate_documents` (10) or more texts
    are left out of the comparison (0: none). Groups: star clustering by
    default (the document with the most near copies and containments
    represents; every member is near it, contained in it or contains it),
    or connected components ("connected"), or centers with the documents
    near them ("center", longest first).
    """
    options = _duplicate_options(
        threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows, representative, grouping,
        containment, boilerplate_documents)
    batch = code_unit_batch(texts) or prepare(texts)
    return _run_duplicates(batch.count, lambda result: lib.at_find_duplicates(
        batch.pointer, ctypes.byref(options), thread_count(threads), result))


def _run_duplicates(n: int, call) -> Duplicates:
    """`call(result)` with a `DuplicateResult` over fresh arrays for `n` documents, checked; its `Duplicates`."""
    cluster = np.empty(n, dtype=np.int64)
    group = np.empty(n, dtype=np.int64)
    representative_of = np.empty(n, dtype=np.int64)
    similarity = np.empty(n, dtype=np.float64)
    role = np.empty(n, dtype=np.uint8)
    removal = np.empty(n, dtype=np.uint8)
    copy_of = np.empty(n, dtype=np.int64)
    copy_similarity = np.empty(n, dtype=np.float64)
    containment = np.empty(n, dtype=np.float64)
    copy_containment = np.empty(n, dtype=np.float64)
    result = DuplicateResult(
        cluster=cluster.ctypes.data, group=group.ctypes.data, representative=representative_of.ctypes.data,
        similarity=similarity.ctypes.data, role=role.ctypes.data, removed_as=removal.ctypes.data,
        copy_of=copy_of.ctypes.data, copy_similarity=copy_similarity.ctypes.data,
        containment=containment.ctypes.data, copy_containment=copy_containment.ctypes.data,
    )
    check(call(ctypes.byref(result)))
    return Duplicates(cluster, group, representative_of, similarity, role, result.group_count, result.candidate_pair_count,
                      removal, copy_of, copy_similarity, containment, copy_containment)


class RepeatedLine(NamedTuple):
    """A line of a document (line numbers from 1, the text split on line feeds) and how it repeats."""

    document: int
    line: int
    kind: str  # "exact" or "near"


def repeated_lines(
    texts, *, preset: str = "search", rules: dict[str, bool] | None = None, near: bool | None = None,
    minimum_words: int | None = None, maximum_edit_fraction: float | None = None,
    minimum_coverage: float | None = None, maximum_words: int | None = None, threads: int | None = None,
) -> list[list[RepeatedLine]]:
    """Groups of lines that repeat within and across the texts, as `arabic-text dedup --lines`.

    Lines are compared by their normalized words. Exact repeats have the same
    words; a near repeat (lines of `minimum_words`, 4, or more) differs from a
    run of another line by at most `maximum_edit_fraction` (0.2) word edits,
    the run covering `minimum_coverage` (0.5) of that line, with at least 5
    words of the shorter line matched in order (so 4-word lines repeat only
    exactly). Lines are grouped by star clustering (a line with the most near
    repeats takes those not yet grouped). Groups are
    ordered by their first line; lines by document, then line number.
    """
    options = RepeatedLineOptions()
    lib.at_repeated_line_options_init(ctypes.byref(options))
    options.normalization = rule_bits(preset, rules)
    if near is not None:
        options.near_repeats = 1 if near else 0
    if minimum_words is not None:
        options.minimum_words = int(minimum_words)
    if maximum_edit_fraction is not None:
        options.maximum_edit_fraction = float(maximum_edit_fraction)
    if minimum_coverage is not None:
        options.minimum_coverage = float(minimum_coverage)
    if maximum_words is not None:
        options.maximum_words = int(maximum_words)
    batch = prepare(texts)
    result = LineGroups()
    check(lib.at_find_repeated_lines(batch.pointer, ctypes.byref(options), thread_count(threads), ctypes.byref(result)))
    group_count = result.group_count
    try:
        offsets = native_array(result.group_offsets, np.int64, group_count + 1).tolist()
        documents = native_array(result.documents, np.int64, result.line_count).tolist()
        lines = native_array(result.lines, np.int64, result.line_count).tolist()
        kinds = native_array(result.kinds, np.uint8, result.line_count).tolist()
    finally:
        lib.at_line_groups_free(ctypes.byref(result))
    names = ("exact", "near")
    return [
        [RepeatedLine(documents[k], lines[k], names[kinds[k]]) for k in range(offsets[g], offsets[g + 1])]
        for g in range(group_count)
    ]
