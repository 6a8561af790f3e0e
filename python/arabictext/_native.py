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

ABI_VERSION = 1
LIBRARY_NAME = "libArabicTextC.so"

c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
c_double = ctypes.c_double
c_void_p = ctypes.c_void_p


class Batch(ctypes.Structure):
    _fields_ = [
        ("layout", c_int64), ("count", c_int64), ("data", c_void_p), ("data_length", c_int64),
        ("offsets", c_void_p), ("pointers", c_void_p), ("lengths", c_void_p),
        ("validity", c_void_p), ("validity_offset", c_int64),
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
        ("representative", c_int64), ("grouping", c_int64),
    ]


class DuplicateResult(ctypes.Structure):
    _fields_ = [
        ("cluster", c_void_p), ("group", c_void_p), ("representative", c_void_p), ("similarity", c_void_p),
        ("role", c_void_p), ("group_count", c_int64), ("candidate_pair_count", c_int64),
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


# Status codes of arabictext.h.
OK = 0
ERROR_ARGUMENT = 1
ERROR_INVALID_UTF8 = 2
ERROR_NULL_ITEM = 3
ERROR_TOO_LARGE = 4
ERROR_NO_MEMORY = 5


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
        "at_normalize": (ctypes.c_int32, [ctypes.POINTER(Batch), ctypes.c_uint32, c_int64, ctypes.POINTER(Texts)]),
        "at_stem": (ctypes.c_int32, [ctypes.POINTER(Batch), c_int64, c_int64, ctypes.POINTER(Texts)]),
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
        "at_repeated_line_options_init": (None, [ctypes.POINTER(RepeatedLineOptions)]),
        "at_line_groups_free": (None, [ctypes.POINTER(LineGroups)]),
        "at_find_repeated_lines": (
            ctypes.c_int32,
            [ctypes.POINTER(Batch), ctypes.POINTER(RepeatedLineOptions), c_int64, ctypes.POINTER(LineGroups)],
        ),
    }
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
