"""Normalization, tokenization and stemming of batches."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import _native
from ._batch import PreparedBatch, _address, prepare
from ._native import Texts, Tokens, check, lib, native_array, thread_count
from ._normalization import rule_bits

STEMMERS = {"lucene": 0, "snowball": 1, "isri": 2, "none": 3}
"""The stemming algorithms: Lucene's Arabic light stemmer, Snowball Arabic, NLTK's ISRI, or none."""

KINDS = ("arabic", "latin", "number", "punct", "other")
"""Token kinds by their code (`TokenArrays.kinds`), named as in `arabic-text tokenize --format jsonl`."""

TAGS = (None, "hashtag", "mention", "url", "email")
"""Token tags by their code (`TokenArrays.tags`); None for a token without one."""


# ---------------------------------------------------------------- results

class _OwnedTexts:
    """Owns an `at_texts` made by the library and frees it when collected."""

    def __init__(self, struct: Texts):
        self.struct = struct

    def __del__(self):
        if _native is not None and getattr(_native, "lib", None) is not None:
            _native.lib.at_texts_free(ctypes.byref(self.struct))


def _decoded(struct: Texts) -> list[str]:
    """The items of an `at_texts` as strs: joined natively with NUL bytes,
    decoded once and split (item by item only when an item holds a NUL)."""
    count = struct.count
    if count == 0:
        return []
    joined = bytearray(struct.data_length + count - 1)
    address = (ctypes.c_char * len(joined)).from_buffer(joined) if joined else None
    if lib.at_texts_join(ctypes.byref(struct), 0, address, len(joined)) == 0:
        del address
        return str(joined, "utf-8").split("\0")
    raw = ctypes.string_at(struct.data, struct.data_length) if struct.data_length else b""
    bounds = native_array(struct.offsets, np.int64, count + 1).tolist()
    return [raw[start:end].decode("utf-8") for start, end in zip(bounds, bounds[1:])]


def _texts_result(struct: Texts, batch: PreparedBatch):
    """The texts of `struct` as the input came: an Arrow large_string array
    over the library's memory for Arrow input, else a list of str (a numpy
    array of str for numpy input). Frees `struct` unless Arrow keeps it."""
    owner = _OwnedTexts(struct)
    count = struct.count
    if batch.source == "arrow":
        import pyarrow as pa

        data = pa.foreign_buffer(struct.data or 0, struct.data_length, base=owner)
        offsets = pa.foreign_buffer(struct.offsets, 8 * (count + 1), base=owner)
        return pa.Array.from_buffers(pa.large_string(), count, [None, offsets, data])
    texts = _decoded(struct)
    del owner
    if batch.source == "numpy":
        return np.array(texts, dtype=np.str_) if texts else np.array([], dtype=np.str_)
    return texts


# ---------------------------------------------------------------- normalize

def normalize(texts, preset: str = "search", *, threads: int | None = None, **rules: bool):
    """Normalizes Arabic text: exactly `arabic-text normalize` with the same preset and rules.

    `texts`: one str (a str is returned) or a batch: a list of str or bytes,
    a numpy array of strings, or a pyarrow string array (an Arrow
    large_string array over native memory is returned, without a copy).
    `preset`: "search" (default), "lucene", "light" or "none"; each keyword
    switches one rule on (True) or off (False): `normalize(texts,
    tatweel=False, hamza_tasheel=True)`. See `RULES`.
    A bad item raises ValueError / TypeError naming its index.
    """
    bits = rule_bits(preset, rules)
    if isinstance(texts, str):
        return normalize([texts], preset, threads=threads, **rules)[0]
    batch = prepare(texts)
    result = Texts()
    check(lib.at_normalize(batch.pointer, bits, thread_count(threads), ctypes.byref(result)))
    return _texts_result(result, batch)


# ---------------------------------------------------------------- stem

def stem(words, algorithm: str = "lucene", *, threads: int | None = None):
    """The stem of each word: "lucene" (Lucene's Arabic light stemmer after its
    normalizer), "snowball" (Snowball Arabic), "isri" (NLTK's ISRI) or "none".

    Each item is one word (as `arabic-text stem --per-line`); one str gives a str.
    """
    if algorithm not in STEMMERS:
        raise ValueError(f"unknown stemming algorithm {algorithm!r}; choose one of {', '.join(STEMMERS)}")
    if isinstance(words, str):
        return stem([words], algorithm, threads=threads)[0]
    if isinstance(words, (list, tuple)) and words:
        stems = _stem_joined(words, STEMMERS[algorithm], threads)
        if stems is not None:
            return stems
    batch = prepare(words, "words")
    result = Texts()
    if batch.source == "arrow":
        check(lib.at_stem(batch.pointer, STEMMERS[algorithm], thread_count(threads), ctypes.byref(result)))
        return _texts_result(result, batch)
    # One str per distinct stem (each distinct word stemmed once), placed by numpy: no str made per word.
    numbers = np.empty(batch.count, dtype=np.int64)
    check(lib.at_stem_distinct(batch.pointer, STEMMERS[algorithm], thread_count(threads), ctypes.byref(result),
                               _address(numbers), len(numbers)))
    owner = _OwnedTexts(result)
    table = np.empty(result.count, dtype=object)
    table[:] = _decoded(result)
    del owner
    stems = table[numbers].tolist()
    if batch.source == "numpy":
        return np.array(stems, dtype=np.str_) if stems else np.array([], dtype=np.str_)
    return stems


def _stem_joined(words, algorithm: int, threads) -> list[str] | None:
    """`stem` of a list of str in one native call on the words joined with
    NUL and encoded as UTF-16 at once (for Arabic, a copy of Python's own
    two-byte strings): each distinct word is converted and stemmed once,
    the library numbers the distinct stems, and one str per distinct stem
    is placed by numpy. None when the list is not all str, a word holds a
    NUL or a lone surrogate, or the text exceeds 2^31 - 1 code units: the
    batch path then stems it, or names the bad item."""
    try:
        data = "\0".join(words).encode("utf-16-le")
    except (TypeError, UnicodeEncodeError):
        return None
    numbers = np.empty(len(words), dtype=np.int64)
    result = Texts()
    status = lib.at_stem_distinct_utf16(data, len(data) // 2, len(words), algorithm, thread_count(threads),
                                        ctypes.byref(result), _address(numbers), len(numbers))
    owner = _OwnedTexts(result)
    if status != 0:
        return None
    table = np.empty(result.count, dtype=object)
    table[:] = _decoded(result)
    del owner
    return table[numbers].tolist()


# ---------------------------------------------------------------- tokenize

class Token(NamedTuple):
    """A token: its text, kind, character offsets into the text, byte offsets
    into its UTF-8 encoding, and tag (None, "hashtag", "mention", "url", "email")."""

    text: str
    kind: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    tag: str | None = None


@dataclass
class TokenArrays:
    """The tokens of a batch as arrays: those of document `d` are
    `document_offsets[d] : document_offsets[d + 1]`. Offsets are relative to
    each document: `starts`/`ends` in characters (Python string indices),
    `byte_starts`/`byte_ends` in UTF-8 bytes. `kinds` and `tags` are codes
    into `KINDS` and `TAGS`."""

    document_offsets: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    byte_starts: np.ndarray
    byte_ends: np.ndarray
    kinds: np.ndarray
    tags: np.ndarray


# Byte windows over which character offsets are counted at once (bounds the scratch memory).
_WINDOW_BYTES = 1 << 25


def _character_offsets(batch: PreparedBatch, document_offsets, byte_starts, byte_ends):
    """Character offsets of the tokens, from their byte offsets and the documents' bytes."""
    starts = np.zeros(len(byte_starts), dtype=np.int64)
    ends = np.zeros(len(byte_ends), dtype=np.int64)
    for segment in batch.segments:
        count = len(segment.offsets) - 1
        document = 0
        while document < count:
            # A window of whole documents of at most _WINDOW_BYTES (or one larger document).
            last = int(np.searchsorted(segment.offsets, segment.offsets[document] + _WINDOW_BYTES, side="right")) - 1
            last = min(max(last, document + 1), count)
            base = int(segment.offsets[document])
            window = segment.data[base:int(segment.offsets[last])]
            # Characters before each byte: a count of the bytes that start a character (int32 is
            # enough for a window, and summing uint8 into int32 is several times faster than bool into int64).
            prefix = np.zeros(len(window) + 1, dtype=np.int32)
            np.cumsum(((window & 0xC0) != 0x80).view(np.uint8), dtype=np.int32, out=prefix[1:])
            first_token = int(document_offsets[segment.first + document])
            last_token = int(document_offsets[segment.first + last])
            if last_token > first_token:
                counts = np.diff(document_offsets[segment.first + document:segment.first + last + 1])
                document_base = np.repeat(segment.offsets[document:last] - base, counts)
                local_start = document_base + byte_starts[first_token:last_token]
                local_end = document_base + byte_ends[first_token:last_token]
                character_base = prefix[document_base]
                starts[first_token:last_token] = prefix[local_start] - character_base
                ends[first_token:last_token] = prefix[local_end] - character_base
            document = last
    return starts, ends


def _tokenize_arrays(batch: PreparedBatch, flags: int, threads: int | None) -> TokenArrays:
    result = Tokens()
    check(lib.at_tokenize(batch.pointer, flags, thread_count(threads), ctypes.byref(result)))
    try:
        n, t = result.document_count, result.token_count
        document_offsets = native_array(result.document_offsets, np.int64, n + 1)
        byte_starts = native_array(result.starts, np.uint32, t).astype(np.int64)
        byte_ends = native_array(result.ends, np.uint32, t).astype(np.int64)
        kinds = native_array(result.kinds, np.uint8, t)
        tags = native_array(result.tags, np.uint8, t)
    finally:
        lib.at_tokens_free(ctypes.byref(result))
    starts, ends = _character_offsets(batch, document_offsets, byte_starts, byte_ends)
    return TokenArrays(document_offsets, starts, ends, byte_starts, byte_ends, kinds, tags)


def _tokenizer_flags(urls: bool, emails: bool, hashtags: bool, join_digits: bool) -> int:
    return (1 if urls else 0) | (2 if emails else 0) | (4 if hashtags else 0) | (8 if join_digits else 0)


def tokenize_arrays(
    texts, *, urls: bool = True, emails: bool = True, hashtags: bool = True, join_digits: bool = True,
    threads: int | None = None,
) -> TokenArrays:
    """The tokens of a batch as numpy arrays (`TokenArrays`): no Python object per token."""
    batch = prepare(texts)
    return _tokenize_arrays(batch, _tokenizer_flags(urls, emails, hashtags, join_digits), threads)


def tokenize(
    text, *, urls: bool = True, emails: bool = True, hashtags: bool = True, join_digits: bool = True,
    threads: int | None = None,
):
    """The tokens of a text (a list of `Token`), or of each text of a batch (a list of lists).

    The tokenizer of `arabic-text tokenize`: Arabic words with their marks,
    tatweel and joiners, Latin and other words, numbers with separators,
    punctuation runs, and (unless switched off) URLs, e-mail addresses,
    hashtags and mentions kept whole. Each token has character offsets
    (`text[token.start:token.end] == token.text`) and UTF-8 byte offsets.
    """
    single = isinstance(text, str)
    batch = prepare([text] if single else text)
    arrays = _tokenize_arrays(batch, _tokenizer_flags(urls, emails, hashtags, join_digits), threads)
    documents = []
    offsets = arrays.document_offsets.tolist()
    starts, ends = arrays.starts.tolist(), arrays.ends.tolist()
    byte_starts, byte_ends = arrays.byte_starts.tolist(), arrays.byte_ends.tolist()
    kinds, tags = arrays.kinds.tolist(), arrays.tags.tolist()
    for segment in batch.segments:
        for local in range(len(segment.offsets) - 1):
            document = segment.first + local
            raw = segment.data[int(segment.offsets[local]):int(segment.offsets[local + 1])].tobytes()
            documents.append([
                Token(
                    raw[byte_starts[k]:byte_ends[k]].decode("utf-8"), KINDS[kinds[k]], starts[k], ends[k],
                    byte_starts[k], byte_ends[k], TAGS[tags[k]],
                )
                for k in range(offsets[document], offsets[document + 1])
            ])
    return documents[0] if single else documents
