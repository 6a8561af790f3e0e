"""What duplicate detection computes of each document, for callers that group
documents themselves (across machines: `arabictext.spark`)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np

from ._batch import prepare
from ._duplicates import _duplicate_options
from ._native import (
    DocumentSketches, DuplicateResult, HashLists, Texts, check, lib, native_array, texts_list, thread_count,
)

SIGNATURES = 1
BAND_KEYS = 2
SHINGLE_SETS = 4


@dataclass
class Sketches:
    """Per-document sketches of a batch, as numpy arrays (copies; no library memory).

    - `fingerprints`: documents x 2 uint64 (high, low): the 128-bit fingerprint
      of the normalized words; equal for exact copies (confirm with
      `canonical_texts`, as the library does);
    - `word_counts`: int64 per document (a document without words is never a near duplicate);
    - `signatures`: documents x hash_count uint32 MinHash values, or None;
    - `band_keys`: documents x bands uint64 LSH band keys, or None
      (`band_keys.view(np.int64)` keeps every bit, for Spark's LongType);
    - `shingle_offsets`, `shingles`: document d's distinct shingle hashes,
      increasing, are `shingles[shingle_offsets[d]:shingle_offsets[d + 1]]`, or None.
    """

    fingerprints: np.ndarray
    word_counts: np.ndarray
    signatures: np.ndarray | None
    band_keys: np.ndarray | None
    shingle_offsets: np.ndarray | None
    shingles: np.ndarray | None

    def __len__(self) -> int:
        return len(self.word_counts)

    def shingle_set(self, document: int) -> np.ndarray:
        """Document `document`'s distinct shingle hashes, increasing (a view)."""
        if self.shingles is None:
            raise ValueError("the shingle sets were not asked for (shingle_sets=False)")
        return self.shingles[self.shingle_offsets[document]:self.shingle_offsets[document + 1]]


def _options(threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows):
    return _duplicate_options(
        threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows, "longest", "connected")


def sketch_documents(
    texts, threshold: float | None = None, *, shingle_size: int | None = None, hash_count: int | None = None,
    seed: int | None = None, sketch: str = "one-permutation", preset: str = "search",
    rules: dict[str, bool] | None = None, bands: int | None = None, rows: int | None = None,
    signatures: bool = True, band_keys: bool = True, shingle_sets: bool = True, threads: int | None = None,
) -> Sketches:
    """The fingerprint, word count, MinHash signature, LSH band keys and shingle
    set of every text, in one native call: what `find_duplicates` (and
    `arabic-text dedup`) computes before grouping, with the same options and
    defaults (the banding derived from `threshold` unless `bands` and `rows`
    are given). Leave out parts with `signatures=False`, `band_keys=False`,
    `shingle_sets=False`.
    """
    options = _options(threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows)
    parts = (SIGNATURES if signatures else 0) | (BAND_KEYS if band_keys else 0) | (SHINGLE_SETS if shingle_sets else 0)
    batch = prepare(texts)
    result = DocumentSketches()
    check(lib.at_sketch_documents(batch.pointer, ctypes.byref(options), parts, thread_count(threads), ctypes.byref(result)))
    try:
        n = result.document_count
        made = Sketches(
            fingerprints=native_array(result.fingerprints, np.uint64, 2 * n).reshape(n, 2),
            word_counts=native_array(result.word_counts, np.int64, n),
            signatures=native_array(result.signatures, np.uint32, n * result.hash_count).reshape(n, result.hash_count)
            if signatures else None,
            band_keys=native_array(result.band_keys, np.uint64, n * result.band_count).reshape(n, result.band_count)
            if band_keys else None,
            shingle_offsets=native_array(result.shingle_offsets, np.int64, n + 1) if shingle_sets else None,
            shingles=native_array(result.shingles, np.uint64, result.shingle_count) if shingle_sets else None,
        )
    finally:
        lib.at_document_sketches_free(ctypes.byref(result))
    return made


def canonical_texts(
    texts, *, shingle_size: int | None = None, preset: str = "search", rules: dict[str, bool] | None = None,
    threads: int | None = None,
) -> list[bytes]:
    """The normalized words of every text joined by single spaces (UTF-8):
    two texts are exact copies when these are equal byte for byte (their
    fingerprints are then equal too). `preset` and `rules` as in `find_duplicates`."""
    options = _options(None, shingle_size, None, None, "one-permutation", preset, rules, None, None)
    batch = prepare(texts)
    result = Texts()
    check(lib.at_canonical_texts(batch.pointer, ctypes.byref(options), thread_count(threads), ctypes.byref(result)))
    try:
        return texts_list(result)
    finally:
        lib.at_texts_free(ctypes.byref(result))


def _set_list(offsets, values, name: str):
    offsets = np.ascontiguousarray(offsets, dtype=np.int64)
    values = np.asarray(values)
    if values.size == 0:
        values = np.zeros(0, dtype=np.uint64)
    if values.dtype.kind not in "iu" or values.dtype.itemsize != 8:
        raise TypeError(f"values_{name}: expected 64-bit integers, got {values.dtype}")
    values = np.ascontiguousarray(values).view(np.uint64)
    return offsets, values


def jaccard_pairs(offsets_a, values_a, offsets_b, values_b, *, threads: int | None = None) -> np.ndarray:
    """The exact Jaccard similarity of each pair of shingle sets, as the
    library verifies a candidate pair: pair p is the set
    `values_a[offsets_a[p]:offsets_a[p + 1]]` and the set
    `values_b[offsets_b[p]:offsets_b[p + 1]]`, each increasing without repeats
    (as `Sketches.shingles`; int64 values are read bit for bit as uint64).
    Arrow list arrays give these directly (`.offsets`, `.values`)."""
    offsets_a, values_a = _set_list(offsets_a, values_a, "a")
    offsets_b, values_b = _set_list(offsets_b, values_b, "b")
    if len(offsets_a) != len(offsets_b) or len(offsets_a) == 0:
        raise ValueError(f"expected as many offsets on both sides, at least one, not {len(offsets_a)} and {len(offsets_b)}")
    count = len(offsets_a) - 1
    similarities = np.empty(count, dtype=np.float64)

    def address(array):
        return array.ctypes.data if array.size else None

    check(lib.at_jaccard_pairs(
        count, address(offsets_a), address(values_a), len(values_a), address(offsets_b), address(values_b),
        len(values_b), thread_count(threads), address(similarities)))
    return similarities


@dataclass
class KeptSet:
    """What `kept_selection` decides, per document (numpy arrays):
    `removal_codes` (0 kept, then the codes of `REMOVALS`: 1 exact, 2 near, 3 archive),
    `copy_of` (the kept document a removed one copies; -1 when kept or in the archive) and
    `copy_similarity` (its Jaccard similarity to `copy_of`, 1 for exact copies; NaN when none)."""

    removal_codes: np.ndarray
    copy_of: np.ndarray
    copy_similarity: np.ndarray

    @property
    def kept(self) -> np.ndarray:
        """Whether each document is kept."""
        return self.removal_codes == 0


def _int64_array(values, name: str, count: int | None = None) -> np.ndarray:
    array = np.asarray(values)
    if array.size == 0:
        array = np.zeros(0, dtype=np.int64)
    if array.ndim != 1 or array.dtype.kind not in "iu":
        raise TypeError(f"{name}: expected a one-dimensional integer array, got {array.dtype} of shape {array.shape}")
    if count is not None and len(array) != count:
        raise ValueError(f"{name}: expected {count} values, not {len(array)}")
    return np.ascontiguousarray(array, dtype=np.int64)


def kept_selection(exact_heads, word_counts, representatives, pairs_first, pairs_second, pairs_similarity, *,
                   representative: str = "longest", archive_copies=None) -> KeptSet:
    """The kept set of `arabic-text dedup --write-unique` (the library's
    KeptSelection) from the parts of a duplicate report found elsewhere, as
    `arabictext.spark` finds them across machines: documents 0 .. n-1 in input
    order, each with the first document of its set of exact copies
    (`exact_heads`) and its word count (`Sketches.word_counts`); the groups'
    `representatives` (chosen by `representative`, "longest" or "first"); the
    verified near pairs between heads with their exact Jaccard similarity;
    `archive_copies` (bools, or None) for documents already in an archive.
    Every removed document is an exact copy or a verified near copy of a kept
    one. Documents that no chain of exact copies and pairs joins do not affect
    each other, so any union of whole connected groups, numbered in input
    order, can be decided alone."""
    from ._duplicates import REPRESENTATIVES, _choice

    choice = _choice("representative", representative, REPRESENTATIVES)
    heads = _int64_array(exact_heads, "exact_heads")
    n = len(heads)
    words = _int64_array(word_counts, "word_counts", n)
    chosen = _int64_array(representatives, "representatives")
    first = _int64_array(pairs_first, "pairs_first")
    second = _int64_array(pairs_second, "pairs_second", len(first))
    similarity = np.ascontiguousarray(np.asarray(pairs_similarity, dtype=np.float64).reshape(-1))
    if len(similarity) != len(first):
        raise ValueError(f"pairs_similarity: expected {len(first)} values, not {len(similarity)}")
    archive = None
    if archive_copies is not None:
        archive = np.ascontiguousarray(np.asarray(archive_copies, dtype=bool).reshape(-1)).view(np.uint8)
        if len(archive) != n:
            raise ValueError(f"archive_copies: expected {n} values, not {len(archive)}")
    removal = np.empty(n, dtype=np.uint8)
    copy_of = np.empty(n, dtype=np.int64)
    copy_similarity = np.empty(n, dtype=np.float64)

    def address(array):
        return array.ctypes.data if array is not None and array.size else None

    check(lib.at_kept_selection(
        n, address(heads), address(words), len(chosen), address(chosen), len(first), address(first), address(second),
        address(similarity), address(archive), choice, address(removal), address(copy_of), address(copy_similarity)))
    return KeptSet(removal, copy_of, copy_similarity)


# ---------------------------------------------------------------- duplicate detection step by step

def _step_options(threshold=None, *, shingle_size=None, hash_count=None, seed=None, sketch="one-permutation",
                  preset="search", rules=None, bands=None, rows=None, representative="longest", grouping="star",
                  containment=None, boilerplate_documents=None):
    """The native options of `find_duplicates` with these keywords (its defaults for None)."""
    return _duplicate_options(threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows,
                              representative, grouping, containment, boilerplate_documents)


def _hash_lists(call) -> tuple[np.ndarray, np.ndarray]:
    result = HashLists()
    check(call(ctypes.byref(result)))
    try:
        offsets = native_array(result.offsets, np.int64, result.count + 1)
        values = native_array(result.values, np.uint64, result.value_count)
    finally:
        lib.at_hash_lists_free(ctypes.byref(result))
    return offsets, values


def _address(array):
    return array.ctypes.data if array is not None and array.size else None


def candidate_banding(**settings) -> tuple[int, int]:
    """(bands, rows) of the LSH banding whose shared (band, key) make candidate
    pairs at these `find_duplicates` settings: the near-duplicate banding
    without containment, else one that finds contained documents too (64 x 2
    with 128 values). Pass them to `sketch_documents` for the band keys."""
    options = _step_options(**settings)
    bands, rows = ctypes.c_int64(), ctypes.c_int64()
    check(lib.at_candidate_banding(ctypes.byref(options), ctypes.byref(bands), ctypes.byref(rows)))
    return bands.value, rows.value


def line_fingerprints(texts, *, threads: int | None = None, **settings) -> tuple[np.ndarray, np.ndarray]:
    """Each text's distinct line fingerprints, increasing (uint64): text t's are
    `values[offsets[t]:offsets[t + 1]]`. Lines with words, known by their
    normalized words, as `find_duplicates` counts them: a line of at least
    `boilerplate_documents` texts is boilerplate (`settings`: its keywords)."""
    options = _step_options(**settings)
    batch = prepare(texts)
    return _hash_lists(lambda result: lib.at_line_fingerprints(
        batch.pointer, ctypes.byref(options), thread_count(threads), result))


def verification_sets(texts, boilerplate=(), *, threads: int | None = None, **settings) -> tuple[np.ndarray, np.ndarray]:
    """Each text's shingle set as `find_duplicates` verifies candidate pairs
    with it: distinct shingle hashes, increasing (uint64; text t's are
    `values[offsets[t]:offsets[t + 1]]`), the lines whose fingerprints are in
    `boilerplate` (any order; 64-bit integers, read bit for bit) left out,
    unless fewer than 10 distinct shingles would be left."""
    options = _step_options(**settings)
    if isinstance(boilerplate, np.ndarray):
        lines = boilerplate
    else:  # Python integers, signed (as Spark's LongType holds them) or not: their 64 bits
        lines = np.array([int(line) & 0xFFFF_FFFF_FFFF_FFFF for line in boilerplate], dtype=np.uint64)
    if lines.size == 0:
        lines = np.zeros(0, dtype=np.uint64)
    if lines.dtype.kind not in "iu" or lines.dtype.itemsize != 8:
        raise TypeError(f"boilerplate: expected 64-bit integers, got {lines.dtype}")
    lines = np.ascontiguousarray(lines).view(np.uint64)
    batch = prepare(texts)
    return _hash_lists(lambda result: lib.at_verification_sets(
        batch.pointer, ctypes.byref(options), _address(lines), len(lines), thread_count(threads), result))


RELATIONS = (None, "near", "contained")
"""How a verified pair relates, by its code in `verify_pairs` (0: unrelated)."""


def verify_pairs(offsets_a, values_a, offsets_b, values_b, *, threads: int | None = None,
                 **settings) -> tuple[np.ndarray, np.ndarray]:
    """Verifies candidate pairs as `find_duplicates` does (sets as
    `verification_sets` makes them, the lower document's first; Arrow list
    arrays give `.offsets`, `.values`): `(shared, relations)`, the shingles
    each pair shares (-1 when unrelated) and codes into `RELATIONS`."""
    options = _step_options(**settings)
    offsets_a, values_a = _set_list(offsets_a, values_a, "a")
    offsets_b, values_b = _set_list(offsets_b, values_b, "b")
    if len(offsets_a) != len(offsets_b) or len(offsets_a) == 0:
        raise ValueError(f"expected as many offsets on both sides, at least one, not {len(offsets_a)} and {len(offsets_b)}")
    count = len(offsets_a) - 1
    shared = np.empty(count, dtype=np.int64)
    relations = np.empty(count, dtype=np.uint8)
    check(lib.at_verify_pairs(
        ctypes.byref(options), count, _address(offsets_a), _address(values_a), len(values_a), _address(offsets_b),
        _address(values_b), len(values_b), thread_count(threads), _address(shared), _address(relations)))
    return shared, relations


def group_verified(exact_heads, word_counts, pairs_first, pairs_second, pairs_shared, first_sizes, second_sizes,
                   **settings):
    """The groups and kept set of documents 0 .. n-1 (input order) from their
    related pairs verified elsewhere, by the library's own star (or center)
    grouping, representative rule, roles and kept selection: each document's
    exact-copy head and word count, and the pairs between heads with the
    shingles they share and their sets' sizes (`verify_pairs`,
    `verification_sets`). A `Duplicates` as `find_duplicates` returns; for
    whole connected components of a corpus, numbered in its order, it says
    what `find_duplicates` on the corpus says of them, but for the cluster
    and group numbers (local) and `candidate_pair_count` (0)."""
    from ._duplicates import Duplicates

    options = _step_options(**settings)
    heads = _int64_array(exact_heads, "exact_heads")
    n = len(heads)
    words = _int64_array(word_counts, "word_counts", n)
    first = _int64_array(pairs_first, "pairs_first")
    columns = [_int64_array(values, name, len(first)) for values, name in (
        (pairs_second, "pairs_second"), (pairs_shared, "pairs_shared"), (first_sizes, "first_sizes"),
        (second_sizes, "second_sizes"))]
    cluster, group, representative_of, copy_of = (np.empty(n, dtype=np.int64) for _ in range(4))
    similarity, copy_similarity, containment, copy_containment = (np.empty(n, dtype=np.float64) for _ in range(4))
    role, removal = np.empty(n, dtype=np.uint8), np.empty(n, dtype=np.uint8)
    result = DuplicateResult(
        cluster=_address(cluster), group=_address(group), representative=_address(representative_of),
        similarity=_address(similarity), role=_address(role), removed_as=_address(removal), copy_of=_address(copy_of),
        copy_similarity=_address(copy_similarity), containment=_address(containment),
        copy_containment=_address(copy_containment))
    check(lib.at_group_verified(ctypes.byref(options), n, _address(heads), _address(words), len(first), _address(first),
                                *[_address(column) for column in columns], ctypes.byref(result)))
    return Duplicates(cluster, group, representative_of, similarity, role, result.group_count, 0, removal, copy_of,
                      copy_similarity, containment, copy_containment)
