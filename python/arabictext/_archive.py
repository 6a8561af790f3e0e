"""`DuplicateIndex`: a savable archive of document sketches to match new texts against."""

from __future__ import annotations

import ctypes
from typing import NamedTuple

import numpy as np

from ._batch import prepare
from ._duplicates import SKETCHES, _duplicate_options
from ._native import DuplicateOptions, Handle, IndexMatches, Texts, check, lib, native_array, texts_list, thread_count
from ._normalization import rules_of


class IndexMatch(NamedTuple):
    """An archived document that duplicates a query: its number (order added),
    its id, its similarity (1 for an exact copy, else the Jaccard similarity
    estimated from the MinHash signatures) and whether it is an exact copy."""

    document: int
    id: str
    similarity: float
    exact: bool


class DuplicateIndex:
    """An archive of document sketches (MinHash signatures in LSH bands and
    fingerprints of the normalized words), the archive of `arabic-text
    dedup --index`: add documents once, then ask whether new texts are
    already there, without keeping the archived texts.

        index = DuplicateIndex(threshold=0.8)      # or DuplicateIndex.open("news.adedup")
        index.add(texts, ids=urls)
        index.query(new_texts)                     # per text: [IndexMatch(...), ...], best first
        index.save("news.adedup")

    Near matches are judged by the similarity the signatures estimate (the
    texts are gone; standard error about 0.035 at 0.8 with 128 values);
    exact copies (the same normalized words) by fingerprint, similarity 1.
    The settings are `find_duplicates`'s; an opened archive keeps its own.
    Thread-safe: queries run together, an addition runs alone.
    """

    def __init__(
        self, threshold: float | None = None, *, shingle_size: int | None = None, hash_count: int | None = None,
        seed: int | None = None, sketch: str = "one-permutation", preset: str = "search",
        rules: dict[str, bool] | None = None, bands: int | None = None, rows: int | None = None,
    ):
        options = _duplicate_options(
            threshold, shingle_size, hash_count, seed, sketch, preset, rules, bands, rows, "longest", "connected")
        pointer = ctypes.c_void_p()
        check(lib.at_duplicate_index_create(ctypes.byref(options), ctypes.byref(pointer)))
        self._handle = Handle(pointer.value, "at_duplicate_index_free")

    @classmethod
    def open(cls, path) -> "DuplicateIndex":
        """Reads an archive file (written by `save` or by `arabic-text dedup --index`); OSError when it cannot."""
        pointer = ctypes.c_void_p()
        check(lib.at_duplicate_index_open(str(path).encode(), ctypes.byref(pointer)))
        index = cls.__new__(cls)
        index._handle = Handle(pointer.value, "at_duplicate_index_free")
        return index

    def save(self, path) -> None:
        """Writes the archive file, atomically."""
        check(lib.at_duplicate_index_save(self._handle.pointer, str(path).encode()))

    def _info(self) -> tuple[DuplicateOptions, int]:
        options, count = DuplicateOptions(), ctypes.c_int64()
        check(lib.at_duplicate_index_info(self._handle.pointer, ctypes.byref(options), ctypes.byref(count)))
        return options, count.value

    def __len__(self) -> int:
        return self._info()[1]

    @property
    def settings(self) -> dict:
        """The comparison settings every archived document was sketched with."""
        options, _ = self._info()
        sketch = {code: name for name, code in SKETCHES.items()}[options.sketch]
        return {
            "threshold": options.threshold, "shingle_size": options.shingle_size, "hash_count": options.hash_count,
            "seed": options.seed, "sketch": sketch, "rules": rules_of(options.normalization),
            "bands": options.bands, "rows": options.rows,
        }

    def ids(self, first: int = 0, count: int | None = None) -> list[str]:
        """The ids of the archived documents, in the order added."""
        total = len(self)
        count = total - first if count is None else count
        result = Texts()
        check(lib.at_duplicate_index_ids(self._handle.pointer, first, count, ctypes.byref(result)))
        try:
            return [item.decode("utf-8") for item in texts_list(result)]
        finally:
            lib.at_texts_free(ctypes.byref(result))

    def add(self, texts, ids=None, *, threads: int | None = None) -> None:
        """Adds the texts (their sketches) with their ids (default: their document numbers as strings)."""
        batch = prepare(texts)
        id_batch = None
        if ids is not None:
            id_batch = prepare([str(item) for item in ids] if not isinstance(ids, np.ndarray) else ids, "ids")
        check(lib.at_duplicate_index_add(
            self._handle.pointer, batch.pointer, id_batch.pointer if id_batch is not None else None,
            thread_count(threads)))

    def query(self, texts, *, best_only: bool = False, threads: int | None = None) -> list[list[IndexMatch]]:
        """For each text, the archived documents that duplicate it, best first
        (ties: the earlier document); with best_only, at most the best one (the
        `archive_match` of `arabic-text dedup --index`)."""
        batch = prepare(texts)
        result = IndexMatches()
        check(lib.at_duplicate_index_query(
            self._handle.pointer, batch.pointer, 1 if best_only else 0, thread_count(threads), ctypes.byref(result)))
        try:
            offsets = native_array(result.query_offsets, np.int64, result.query_count + 1).tolist()
            documents = native_array(result.documents, np.int64, result.match_count).tolist()
            similarities = native_array(result.similarities, np.float64, result.match_count).tolist()
            exact = native_array(result.exact, np.uint8, result.match_count).tolist()
        finally:
            lib.at_index_matches_free(ctypes.byref(result))
        wanted = sorted(set(documents))
        names = dict(zip(wanted, self._ids_of(wanted)))
        return [
            [IndexMatch(documents[k], names[documents[k]], similarities[k], bool(exact[k]))
             for k in range(offsets[q], offsets[q + 1])]
            for q in range(len(offsets) - 1)
        ]

    def _ids_of(self, documents: list[int]) -> list[str]:
        """The ids of some archived documents (increasing numbers): one call for a dense span, else one each."""
        if not documents:
            return []
        span = documents[-1] - documents[0] + 1
        if span <= 4 * len(documents) + 64:
            every = self.ids(documents[0], span)
            return [every[document - documents[0]] for document in documents]
        return [self.ids(document, 1)[0] for document in documents]

    def __repr__(self) -> str:
        settings = self.settings
        return (f"DuplicateIndex({len(self)} documents, threshold={settings['threshold']}, "
                f"shingle_size={settings['shingle_size']}, hash_count={settings['hash_count']})")
