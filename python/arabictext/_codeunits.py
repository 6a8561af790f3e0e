"""Lists of `str` handed to the library as CPython keeps them (Latin-1, UCS-2
or UCS-4 code units), for the calls that accept `AT_LAYOUT_CODE_UNITS`
(`at_minhash`, `at_find_duplicates`): the library writes each text as UTF-8
on its own threads while reading it, instead of Python encoding every text
first on one thread (about 0.15 s for SaudiNewsNet's 96 MB).

Where a str's code units lie is found once, at import, by probing strings of
each width; each item's kind (unit width, ASCII, compact) is read from its
header's state bits (checked at import too), and an item that is not a
compact string of a known kind is encoded as before and handed over as UTF-8
bytes; another Python implementation, or a layout the probe does not
recognize, takes the usual path. Anything other than a list or tuple of long `str`
items returns None, and the caller prepares the batch as usual.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass

import numpy as np

from ._batch import _BYTES_OFFSET, _LONG_ITEM
from ._native import Batch

LAYOUT_CODE_UNITS = 4


# CPython's str header: the length (in code points) follows ob_refcnt and ob_type;
# the `state` bit field follows the length and hash; its bits 2-4 hold the kind
# (1, 2, 4 bytes a unit), bit 5 "compact" (the units follow the header), bit 6
# "ascii". Checked at import on strings of every kind.
_LENGTH_OFFSET = 16
_STATE_OFFSET = 32


def _state(text: str) -> int:
    return ctypes.c_uint8.from_address(id(text) + _STATE_OFFSET).value


class _Memory:
    """`count` items of `dtype` of this process's memory from `address`, as a
    read-only numpy array (through the array interface: nothing is copied or
    read until indexed, and no ctypes type is made per call)."""

    def __init__(self, address: int, count: int, dtype):
        self.__array_interface__ = {"data": (address, True), "shape": (count,), "typestr": np.dtype(dtype).str,
                                    "version": 3}


def _headers(pointers: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The length (int64) and state byte (uint8) of each str at `pointers`
    (their ids, uint64), read from their headers in two numpy gathers (a
    ctypes read or a `len` per item costs 0.1-0.6 µs: up to 20 ms for
    SaudiNewsNet's 31,030 texts); None when an object is not 8-byte aligned."""
    low = int(pointers.min())
    offsets = (pointers - np.uint64(low)).astype(np.intp)
    if np.any(offsets & 7):
        return None
    span = int(offsets.max()) + _STATE_OFFSET + 1
    words = np.asarray(_Memory(low, span // 8, np.int64))
    states = np.asarray(_Memory(low, span, np.uint8))
    return words[(offsets >> 3) + _LENGTH_OFFSET // 8], states[offsets + _STATE_OFFSET]


def _probe() -> tuple[int, int] | None:
    """(data offset of ASCII str, data offset of other compact str), when
    strings of every width are where their sizes say and their state bits
    say so too; else None."""
    if sys.implementation.name != "cpython" or _BYTES_OFFSET is None:
        return None
    try:
        ascii_text = "probe-" + "x" * 21
        ascii_offset = sys.getsizeof(ascii_text) - len(ascii_text) - 1
        if ctypes.string_at(id(ascii_text) + ascii_offset, len(ascii_text)) != ascii_text.encode("ascii"):
            return None
        if _state(ascii_text) >> 2 & 0x1F != 0b11001:  # ascii, compact, kind 1
            return None
        if ctypes.c_ssize_t.from_address(id(ascii_text) + _LENGTH_OFFSET).value != len(ascii_text):
            return None
        offset = None
        for text, width, codec in (("caf\xe9" * 5, 1, "latin-1"), ("\u0627\u0644" * 7, 2, "utf-16-le"),
                                   ("\U0001f600a" * 3, 4, "utf-32-le")):
            found = sys.getsizeof(text) - (len(text) + 1) * width
            if offset is None:
                offset = found
            if found != offset or ctypes.string_at(id(text) + found, len(text) * width) != text.encode(codec):
                return None
            if _state(text) >> 2 & 0x1F != 0b01000 | width:  # not ascii, compact, this kind
                return None
            if ctypes.c_ssize_t.from_address(id(text) + _LENGTH_OFFSET).value != len(text):
                return None
        return ascii_offset, offset
    except Exception:  # pragma: no cover - another implementation
        return None


_OFFSETS = _probe()


@dataclass
class CodeUnitBatch:
    """An `at_batch` of code units and everything that must stay alive while the library reads it."""

    struct: Batch
    count: int
    keep: list

    @property
    def pointer(self):
        return ctypes.byref(self.struct)


def code_unit_batch(texts) -> CodeUnitBatch | None:
    """The code-unit batch of a list (or tuple) of long `str` items, or None
    (then the caller uses `prepare`)."""
    if _OFFSETS is None or not isinstance(texts, (list, tuple)) or not texts:
        return None
    items = texts
    if set(map(type, items)) != {str}:
        return None
    count = len(items)
    sample = items[:64]
    if sum(map(len, sample)) <= _LONG_ITEM * len(sample):
        return None  # short items: joining them at once is as fast
    ascii_offset, offset = _OFFSETS
    pointers = np.fromiter(map(id, items), dtype=np.uint64, count=count)
    headers = _headers(pointers)
    if headers is None:
        lengths = np.fromiter(map(len, items), dtype=np.int64, count=count)
        states = np.fromiter(map(_state, items), dtype=np.uint8, count=count)
    else:
        lengths, states = headers
    kinds = states >> 2 & 7
    is_ascii = states >> 6 & 1 == 1
    fits = (states >> 5 & 1 == 1) & ((kinds == 1) | (kinds == 2) | (kinds == 4))
    widths = np.where(is_ascii, 0, kinds)
    pointers += np.where(is_ascii, ascii_offset, offset).astype(np.uint64)
    keep: list = [items]
    misfits = np.flatnonzero(~fits)
    if len(misfits):
        try:
            encoded = [items[k].encode("utf-8") for k in misfits.tolist()]
        except UnicodeEncodeError:
            return None  # prepare names the item
        keep.append(encoded)
        pointers[misfits] = np.fromiter(map(id, encoded), dtype=np.uint64, count=len(encoded)) + np.uint64(_BYTES_OFFSET)
        lengths[misfits] = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        widths[misfits] = 0
    widths = widths.astype(np.uint8)
    keep += [pointers, lengths, widths]
    struct = Batch(layout=LAYOUT_CODE_UNITS, count=count, pointers=pointers.ctypes.data, lengths=lengths.ctypes.data,
                   widths=widths.ctypes.data)
    return CodeUnitBatch(struct, count, keep)
