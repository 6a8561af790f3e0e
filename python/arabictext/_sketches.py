"""What duplicate detection computes of each document, for callers that group
documents themselves (across machines: `arabictext.spark`)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np

from ._batch import prepare
from ._duplicates import _duplicate_options
from ._native import DocumentSketches, Texts, check, lib, native_array, texts_list, thread_count

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
