"""The native library (libArabicTextC.so) through ctypes: its structs, its
functions' signatures and the translation of its status codes to exceptions.

ctypes releases the GIL for the length of every call into the library, so
other Python threads run while it works. Each struct mirrors one of
arabictext.h, whose fields are all 8 bytes.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import numpy as np

ABI_VERSION = 11
LIBRARY_NAME = "libArabicTextC.so"

c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
c_double = ctypes.c_double
c_void_p = ctypes.c_void_p


class Batch(ctypes.Structure):
    _fields_ = [
        ("layout", c_int64), ("count", c_int64), ("data", c_void_p), ("data_length", c_int64),
        ("offsets", c_void_p), ("pointers", c_void_p), ("lengths", c_void_p),
        ("validity", c_void_p), ("validity_offset", c_int64), ("widths", c_void_p),
    ]


class Texts(ctypes.Structure):
    _fields_ = [("count", c_int64), ("data", c_void_p), ("data_length", c_int64), ("offsets", c_void_p)]


class Tokens(ctypes.Structure):
    _fields_ = [
        ("document_count", c_int64), ("token_count", c_int64), ("document_offsets", c_void_p),
        ("starts", c_void_p), ("ends", c_void_p), ("kinds", c_void_p), ("tags", c_void_p),
    ]


class DuplicateOptions(ctypes.Structure):
    _fields_ = [
        ("threshold", c_double), ("shingle_size", c_int64), ("hash_count", c_int64), ("seed", c_uint64),
        ("sketch", c_int64), ("normalization", c_uint64), ("bands", c_int64), ("rows", c_int64),
        ("representative", c_int64), ("grouping", c_int64), ("containment", c_double),
        ("boilerplate_documents", c_int64),
    ]


class DuplicateResult(ctypes.Structure):
    _fields_ = [
        ("cluster", c_void_p), ("group", c_void_p), ("representative", c_void_p), ("similarity", c_void_p),
        ("role", c_void_p), ("group_count", c_int64), ("candidate_pair_count", c_int64),
        ("removed_as", c_void_p), ("copy_of", c_void_p), ("copy_similarity", c_void_p), ("kept_count", c_int64),
        ("containment", c_void_p), ("copy_containment", c_void_p),
    ]


class DocumentSketches(ctypes.Structure):
    _fields_ = [
        ("document_count", c_int64), ("hash_count", c_int64), ("band_count", c_int64), ("fingerprints", c_void_p),
        ("word_counts", c_void_p), ("signatures", c_void_p), ("band_keys", c_void_p), ("shingle_count", c_int64),
        ("shingle_offsets", c_void_p), ("shingles", c_void_p),
    ]


class HashLists(ctypes.Structure):
    _fields_ = [("count", c_int64), ("value_count", c_int64), ("offsets", c_void_p), ("values", c_void_p)]


class ShingleDocuments(ctypes.Structure):
    _fields_ = [
        ("layout", c_int64), ("document_count", c_int64), ("document_offsets", c_void_p),
        ("document_offset_width", c_int64), ("shingle_count", c_int64), ("hashes", c_void_p), ("data", c_void_p),
        ("data_length", c_int64), ("shingle_offsets", c_void_p), ("shingle_offset_width", c_int64),
    ]


class RepeatedLineOptions(ctypes.Structure):
    _fields_ = [
        ("normalization", c_uint64), ("near_repeats", c_int64), ("minimum_words", c_int64),
        ("maximum_edit_fraction", c_double), ("minimum_coverage", c_double), ("maximum_words", c_int64),
    ]


class LineGroups(ctypes.Structure):
    _fields_ = [
        ("group_count", c_int64), ("line_count", c_int64), ("group_offsets", c_void_p),
        ("documents", c_void_p), ("lines", c_void_p), ("kinds", c_void_p),
    ]


class AnalysisOptions(ctypes.Structure):
    _fields_ = [
        ("style", c_int64), ("normalization", c_uint64), ("stemming", c_int64), ("stop_words", c_int64),
        ("stop_word_list", c_void_p), ("kinds", c_uint64), ("tokenizer", c_uint64), ("pre_tokenized", c_int64),
        ("lowercase", c_int64),
    ]


class TermLists(ctypes.Structure):
    _fields_ = [
        ("document_count", c_int64), ("term_count", c_int64), ("document_offsets", c_void_p), ("data", c_void_p),
        ("data_length", c_int64), ("term_offsets", c_void_p), ("sentence_starts", c_void_p),
    ]


class TfidfOptions(ctypes.Structure):
    _fields_ = [
        ("analyzer", c_int64), ("ngram_min", c_int64), ("ngram_max", c_int64), ("crosses_sentences", c_int64),
        ("hashed_bits", c_int64), ("sublinear_tf", c_int64), ("smooth_idf", c_int64), ("use_idf", c_int64),
        ("norm", c_int64), ("min_df", c_double), ("min_df_is_fraction", c_int64), ("max_df", c_double),
        ("max_df_is_fraction", c_int64), ("max_features", c_int64), ("feature_order", c_int64),
    ]


class CSR(ctypes.Structure):
    _fields_ = [
        ("row_count", c_int64), ("column_count", c_int64), ("nonzero_count", c_int64), ("indptr", c_void_p),
        ("indices", c_void_p), ("data", c_void_p), ("value_type", c_int64), ("owner", c_void_p),
    ]


class IndexMatches(ctypes.Structure):
    _fields_ = [
        ("query_count", c_int64), ("match_count", c_int64), ("query_offsets", c_void_p), ("documents", c_void_p),
        ("similarities", c_void_p), ("exact", c_void_p),
    ]


class ClusterOptions(ctypes.Structure):
    _fields_ = [("threshold", c_double), ("method", c_int64), ("top_feature_count", c_int64), ("labels", c_int64)]


class Clusters(ctypes.Structure):
    _fields_ = [
        ("document_count", c_int64), ("story_count", c_int64), ("edge_count", c_int64), ("story", c_void_p),
        ("similarity", c_void_p), ("duplicate", c_void_p), ("duplicate_of", c_void_p), ("member_offsets", c_void_p),
        ("members", c_void_p), ("average_similarity", c_void_p), ("title_data", c_void_p),
        ("title_offsets", c_void_p), ("term_offsets", c_void_p), ("term_data", c_void_p),
        ("term_data_offsets", c_void_p), ("term_weights", c_void_p),
    ]


class ScoredDocuments(ctypes.Structure):
    _fields_ = [
        ("query_count", c_int64), ("result_count", c_int64), ("query_offsets", c_void_p), ("documents", c_void_p),
        ("scores", c_void_p),
    ]


# Status codes of arabictext.h.
OK = 0
ERROR_ARGUMENT = 1
ERROR_INVALID_UTF8 = 2
ERROR_NULL_ITEM = 3
ERROR_TOO_LARGE = 4
ERROR_NO_MEMORY = 5
ERROR_FILE = 6


class InvalidItemError(ValueError):
    """An item of a batch cannot be processed (ill-formed UTF-8, a string
    that cannot be encoded, bad offsets); `index` is its position."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index


class ItemTypeError(TypeError):
    """An item of a batch is None (or null in Arrow) or not text; `index` is its position."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index


def _library_path() -> str:
    override = os.environ.get("ARABICTEXT_LIBRARY")
    if override:
        return override
    return str(Path(__file__).with_name(LIBRARY_NAME))


def _load() -> ctypes.CDLL:
    path = _library_path()
    try:
        library = ctypes.CDLL(path)
    except OSError as error:
        raise ImportError(f"arabictext: cannot load its native library {path}: {error}") from None
    signatures = {
        "at_last_error": (c_void_p, []),
        "at_last_error_item": (c_int64, []),
        "at_version": (ctypes.c_char_p, []),
        "at_abi_version": (c_int64, []),
        "at_normalization_rule_count": (c_int64, []),
        "at_normalization_rule_name": (ctypes.c_char_p, [c_int64]),
        "at_normalization_rule_bit": (ctypes.c_uint32, [c_int64]),
        "at_normalization_preset": (ctypes.c_int32, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint32)]),
        "at_texts_free": (None, [ctypes.POINTER(Texts)]),
        "at_texts_join": (ctypes.c_int32, [ctypes.POINTER(Texts), ctypes.c_uint8, c_void_p, c_int64]),
        "at_normalize": (ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.c_uint32, c_int64, ctypes.POINTER(Texts)]),
        "at_stem": (ctypes.c_int32, [ctypes.POINTER(Batch), c_int64, c_int64, ctypes.POINTER(Texts)]),
        "at_stem_distinct": (
            ctypes.c_int32, [ctypes.POINTER(Batch), c_int64, c_int64, ctypes.POINTER(Texts), c_void_p, c_int64],
        ),
        "at_stem_distinct_utf16": (
            ctypes.c_int32, [ctypes.c_char_p, c_int64, c_int64, c_int64, c_int64, ctypes.POINTER(Texts), c_void_p, c_int64],
        ),
        "at_tokens_free": (None, [ctypes.POINTER(Tokens)]),
        "at_tokenize": (ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.c_uint32, c_int64, ctypes.POINTER(Tokens)]),
        "at_duplicate_options_init": (None, [ctypes.POINTER(DuplicateOptions)]),
        "at_minhash": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, c_void_p, c_int64],
        ),
        "at_find_duplicates": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, ctypes.POINTER(DuplicateResult)],
        ),
        "at_document_sketches_free": (None, [ctypes.POINTER(DocumentSketches)]),
        "at_sketch_documents": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, c_int64, ctypes.POINTER(DocumentSketches)],
        ),
        "at_canonical_texts": (
            ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, ctypes.POINTER(Texts)],
        ),
        "at_jaccard_pairs": (
            ctypes.c_int32, [c_int64, c_void_p, c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int64, c_void_p],
        ),
        "at_candidate_banding": (
            ctypes.c_int32, [ctypes.POINTER(DuplicateOptions), ctypes.POINTER(c_int64), ctypes.POINTER(c_int64)],
        ),
        "at_hash_lists_free": (None, [ctypes.POINTER(HashLists)]),
        "at_find_duplicates_in_shingles": (
            ctypes.c_int32,
            [ctypes.POINTER(ShingleDocuments), ctypes.POINTER(DuplicateOptions), c_int64, ctypes.POINTER(DuplicateResult)],
        ),
        "at_shingle_hashes": (
            ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, ctypes.POINTER(HashLists)],
        ),
        "at_line_fingerprints": (
            ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_int64, ctypes.POINTER(HashLists)],
        ),
        "at_verification_sets": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(DuplicateOptions), c_void_p, c_int64, c_int64, ctypes.POINTER(HashLists)],
        ),
        "at_verify_pairs": (
            ctypes.c_int32,
            [ctypes.POINTER(DuplicateOptions), c_int64, c_void_p, c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int64,
             c_void_p, c_void_p],
        ),
        "at_group_verified": (
            ctypes.c_int32,
            [ctypes.POINTER(DuplicateOptions), c_int64, c_void_p, c_void_p, c_int64, c_void_p, c_void_p, c_void_p, c_void_p,
             c_void_p, ctypes.POINTER(DuplicateResult)],
        ),
        "at_kept_selection": (
            ctypes.c_int32,
            [c_int64, c_void_p, c_void_p, c_int64, c_void_p, c_int64, c_void_p, c_void_p, c_void_p, c_void_p, c_int64,
             c_void_p, c_void_p, c_void_p],
        ),
        "at_repeated_line_options_init": (None, [ctypes.POINTER(RepeatedLineOptions)]),
        "at_line_groups_free": (None, [ctypes.POINTER(LineGroups)]),
        "at_find_repeated_lines": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(RepeatedLineOptions), c_int64, ctypes.POINTER(LineGroups)],
        ),
    }
    P = ctypes.POINTER
    status, handle_out = ctypes.c_int32, P(c_void_p)
    signatures.update({
        "at_analysis_options_init": (None, [P(AnalysisOptions), c_int64]),
        "at_term_lists_free": (None, [P(TermLists)]),
        "at_terms": (status, [P(Batch), P(AnalysisOptions), c_int64, c_int64, P(TermLists)]),
        "at_tfidf_options_init": (None, [P(TfidfOptions)]),
        "at_csr_free": (None, [P(CSR)]),
        "at_tfidf_fit": (status, [P(Batch), P(AnalysisOptions), P(TfidfOptions), c_int64, c_int64, handle_out, P(CSR)]),
        "at_tfidf_transform": (status, [c_void_p, P(Batch), c_int64, c_int64, P(CSR)]),
        "at_tfidf_free": (None, [c_void_p]),
        "at_tfidf_info": (status, [c_void_p, P(AnalysisOptions), P(TfidfOptions), P(c_int64), P(c_int64)]),
        "at_tfidf_stop_words": (status, [c_void_p, P(Texts)]),
        "at_tfidf_features": (status, [c_void_p, P(Texts)]),
        "at_tfidf_statistics": (status, [c_void_p, c_void_p, c_void_p, c_int64]),
        "at_tfidf_save": (status, [c_void_p, ctypes.c_char_p]),
        "at_tfidf_load": (status, [ctypes.c_char_p, handle_out]),
        "at_tfidf_serialize": (status, [c_void_p, P(Texts)]),
        "at_tfidf_deserialize": (status, [ctypes.c_char_p, c_int64, handle_out]),
        "at_duplicate_index_create": (status, [P(DuplicateOptions), handle_out]),
        "at_duplicate_index_open": (status, [ctypes.c_char_p, handle_out]),
        "at_duplicate_index_save": (status, [c_void_p, ctypes.c_char_p]),
        "at_duplicate_index_free": (None, [c_void_p]),
        "at_duplicate_index_info": (status, [c_void_p, P(DuplicateOptions), P(c_int64)]),
        "at_duplicate_index_ids": (status, [c_void_p, c_int64, c_int64, P(Texts)]),
        "at_duplicate_index_add": (status, [c_void_p, P(Batch), P(Batch), c_int64]),
        "at_index_matches_free": (None, [P(IndexMatches)]),
        "at_duplicate_index_query": (status, [c_void_p, P(Batch), c_int64, c_int64, P(IndexMatches)]),
        "at_cluster_options_init": (None, [P(ClusterOptions), P(AnalysisOptions), P(TfidfOptions)]),
        "at_clusters_free": (None, [P(Clusters)]),
        "at_cluster": (status, [
            P(Batch), P(AnalysisOptions), P(TfidfOptions), P(DuplicateOptions), P(ClusterOptions), c_int64, P(Clusters),
        ]),
        "at_similarity_build": (status, [P(Batch), P(AnalysisOptions), P(TfidfOptions), c_int64, handle_out]),
        "at_similarity_build_with_model": (status, [c_void_p, P(Batch), c_int64, handle_out]),
        "at_similarity_free": (None, [c_void_p]),
        "at_similarity_count": (c_int64, [c_void_p]),
        "at_scored_documents_free": (None, [P(ScoredDocuments)]),
        "at_similarity_query": (status, [c_void_p, P(Batch), c_int64, c_int64, c_int64, P(ScoredDocuments)]),
    })
    for name, (restype, argtypes) in signatures.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
    abi = library.at_abi_version()
    if abi != ABI_VERSION:
        raise ImportError(
            f"arabictext: {path} implements interface version {abi}, these bindings need {ABI_VERSION}"
        )
    return library


lib = _load()


def check(status: int) -> None:
    """Raises the exception for a failed call (the library's message inside)."""
    if status == OK:
        return
    message = ctypes.string_at(lib.at_last_error()).decode("utf-8", "replace")
    item = lib.at_last_error_item()
    if status == ERROR_NULL_ITEM:
        raise ItemTypeError(item, message)
    if status == ERROR_NO_MEMORY:
        raise MemoryError(message)
    if status == ERROR_FILE:
        raise OSError(message)
    if item >= 0:
        raise InvalidItemError(item, message)
    raise ValueError(message)


def native_array(address: int, dtype, count: int) -> np.ndarray:
    """A numpy copy of `count` values of `dtype` at `address` (memory of the library)."""
    dtype = np.dtype(dtype)
    if count == 0:
        return np.zeros(0, dtype=dtype)
    buffer = (ctypes.c_char * (count * dtype.itemsize)).from_address(address)
    return np.frombuffer(buffer, dtype=dtype, count=count).copy()


def thread_count(threads: int | None) -> int:
    """The `threads` argument of the library: 0 for all processors."""
    if threads is None:
        return 0
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads must be an int or None, not {type(threads).__name__}")
    if threads < 1:
        raise ValueError(f"threads must be at least 1 (or None for all processors), not {threads}")
    return threads


class NativeBlock:
    """Library memory that numpy arrays look at without a copy: `release()`
    (a free function of the library) runs once no array needs it any more."""

    def __init__(self, release):
        self._release = release

    def __del__(self):
        release, self._release = self._release, None
        if release is not None and lib is not None:
            release()


def view_array(address: int, dtype, count: int, owner: NativeBlock) -> np.ndarray:
    """A numpy array over `count` values at `address` (library memory kept alive by `owner`), no copy."""
    dtype = np.dtype(dtype)
    if count == 0 or not address:
        return np.zeros(0, dtype=dtype)
    buffer = (ctypes.c_char * (count * dtype.itemsize)).from_address(address)
    buffer._owner = owner
    return np.frombuffer(buffer, dtype=dtype, count=count)


def texts_list(struct: Texts) -> list[bytes]:
    """The items of an `at_texts` as bytes (the caller frees the struct)."""
    count = struct.count
    raw = ctypes.string_at(struct.data, struct.data_length) if struct.data_length else b""
    bounds = native_array(struct.offsets, np.int64, count + 1).tolist()
    return [raw[start:end] for start, end in zip(bounds, bounds[1:])]


class Handle:
    """Owns a library handle (a model, an archive, an index) and releases it when collected."""

    def __init__(self, pointer: int, free_name: str):
        self.pointer = pointer
        self._free_name = free_name

    def __del__(self):
        pointer, self.pointer = self.pointer, None
        if pointer and lib is not None:
            getattr(lib, self._free_name)(pointer)
