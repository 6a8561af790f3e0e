"""Batches of texts as the native library reads them (`at_batch`).

Accepted: a list or other sequence of `str` / `bytes` (encoded once into one
buffer with int64 offsets), a 1-D numpy array of strings or bytes, and
pyarrow `string`, `large_string`, `binary` and `large_binary` arrays or
chunked arrays, whose buffers are handed over without a copy.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass, field

import numpy as np

from ._native import Batch, InvalidItemError, ItemTypeError

LAYOUT_OFFSETS32 = 1
LAYOUT_OFFSETS64 = 2
LAYOUT_POINTERS = 3


@dataclass
class Segment:
    """Items `first ..< first + len(offsets) - 1` lie in `data` at `offsets` (for reading results back)."""

    data: np.ndarray  # uint8
    offsets: np.ndarray  # int64, len = items + 1
    first: int


@dataclass
class PreparedBatch:
    """An `at_batch` and everything that must stay alive while the library reads it."""

    struct: Batch
    count: int
    source: str  # "sequence", "numpy" or "arrow"
    _segments: list[Segment] | None
    keep: list = field(default_factory=list)
    make_segments: object = None  # builds the segments on first use when the items are not in one buffer

    @property
    def pointer(self):
        return ctypes.byref(self.struct)

    @property
    def segments(self) -> list[Segment]:
        """The items' bytes in contiguous buffers (for reading results back by offset)."""
        if self._segments is None:
            self._segments = self.make_segments()
        return self._segments


def _address(array: np.ndarray) -> int:
    return array.ctypes.data if array.size else 0


def _is_arrow(value) -> bool:
    return type(value).__module__.split(".")[0] == "pyarrow"


def prepare(texts, what: str = "texts") -> PreparedBatch:
    """The batch of `texts`; raises TypeError/ValueError naming the first bad item."""
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"{what}: expected a sequence of texts, got a single {type(texts).__name__}")
    if _is_arrow(texts):
        return _from_arrow(texts, what)
    if isinstance(texts, np.ndarray):
        if texts.ndim != 1:
            raise ValueError(f"{what}: expected a 1-D array of strings, got {texts.ndim} dimensions")
        if texts.dtype.kind not in "USOT":
            raise TypeError(f"{what}: expected an array of strings or bytes, got dtype {texts.dtype}")
        return _from_sequence(texts.tolist(), "numpy")
    try:
        items = texts if isinstance(texts, (list, tuple)) else list(texts)
    except TypeError:
        raise TypeError(f"{what}: expected a sequence of str or bytes, got {type(texts).__name__}") from None
    return _from_sequence(items, "sequence")


def _encode_checked(items) -> list[bytes]:
    """Encodes item by item, raising for the first one that is not text."""
    encoded = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            try:
                encoded.append(item.encode("utf-8"))
            except UnicodeEncodeError as error:
                raise InvalidItemError(
                    index, f"item {index}: cannot be encoded as UTF-8 ({error.reason} at character {error.start})"
                ) from None
        elif isinstance(item, bytes):
            encoded.append(item)
        elif isinstance(item, (bytearray, memoryview)):
            encoded.append(bytes(item))
        elif item is None:
            raise ItemTypeError(index, f"item {index} is None; expected str or bytes")
        else:
            raise ItemTypeError(index, f"item {index}: expected str or bytes, got {type(item).__name__}")
    return encoded


# Where a bytes object's data starts after its address (CPython's PyBytesObject header), checked at import.
def _bytes_data_offset() -> int | None:
    probe = b"arabictext\x00probe"
    offset = sys.getsizeof(b"") - 1
    try:
        if ctypes.string_at(id(probe) + offset, len(probe)) == probe:
            return offset
    except Exception:  # pragma: no cover - another Python implementation
        pass
    return None


_BYTES_OFFSET = _bytes_data_offset()

# Items longer than this on average (documents) cross as pointers into their
# encoded bytes objects; shorter ones (words) are joined and encoded at once.
_LONG_ITEM = 256


def _from_sequence(items, source: str) -> PreparedBatch:
    """A list of str in one pass of C code. Long items (documents): each
    encoded once and read in place through a pointer into its bytes object.
    Short items (words): joined with NUL and encoded once, each item then a
    pointer and a length into that buffer (found with numpy). Anything else
    (a bad item, a NUL inside a str) goes item by item."""
    count = len(items)
    if count and _BYTES_OFFSET is not None:
        sample = items[:64] if isinstance(items, (list, tuple)) else list(items)[:64]
        if all(type(item) is str for item in sample) and sum(map(len, sample)) > _LONG_ITEM * len(sample):
            return _from_pointers(_encode_items(items), source)
    if count:
        try:
            joined = "\0".join(items)
        except TypeError:
            joined = None
        if joined is not None:
            try:
                data_bytes = joined.encode("utf-8")
            except UnicodeEncodeError:
                data_bytes = None
            if data_bytes is not None:
                data = np.frombuffer(data_bytes, dtype=np.uint8)
                separators = np.flatnonzero(data == 0)
                if len(separators) == count - 1:
                    return _separated(data_bytes, data, separators, count, source)
    return _from_encoded(_encode_items(items), source)


def _from_pointers(encoded: list[bytes], source: str) -> PreparedBatch:
    """Encoded items read where they are: a pointer into each bytes object and its length."""
    count = len(encoded)
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=count)
    pointers = np.fromiter(map(id, encoded), dtype=np.uint64, count=count)
    pointers += np.uint64(_BYTES_OFFSET)
    struct = Batch(layout=LAYOUT_POINTERS, count=count, pointers=_address(pointers), lengths=_address(lengths))

    def segments():
        data_bytes = b"".join(encoded)
        offsets = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return [Segment(np.frombuffer(data_bytes, dtype=np.uint8), offsets, 0)]

    return PreparedBatch(struct, count, source, None, keep=[encoded, pointers, lengths], make_segments=segments)


def _separated(data_bytes: bytes, data: np.ndarray, separators: np.ndarray, count: int, source: str) -> PreparedBatch:
    """Items separated by single NUL bytes: one pointer and one length per item (the pointers layout)."""
    starts = np.empty(count, dtype=np.int64)
    starts[0] = 0
    starts[1:] = separators + 1
    ends = np.empty(count, dtype=np.int64)
    ends[:-1] = separators
    ends[-1] = len(data)
    lengths = ends - starts
    pointers = starts.astype(np.uint64) + np.uint64(_address(data))
    struct = Batch(layout=LAYOUT_POINTERS, count=count, pointers=_address(pointers), lengths=_address(lengths))
    # Item i spans data[offsets[i] .. offsets[i] + length); the window up to offsets[i + 1] also holds the NUL.
    offsets = np.append(starts, len(data) + 1)
    return PreparedBatch(struct, count, source, [Segment(data, offsets, 0)],
                         keep=[data_bytes, data, pointers, lengths, starts])


def _encode_items(items) -> list[bytes]:
    try:
        encoded = [item.encode("utf-8") for item in items]
        if any(type(item) is not bytes for item in encoded):
            raise TypeError
    except (AttributeError, TypeError, UnicodeEncodeError):
        encoded = _encode_checked(items)
    return encoded


def _from_encoded(encoded: list[bytes], source: str) -> PreparedBatch:
    count = len(encoded)
    data_bytes = b"".join(encoded)
    offsets = np.zeros(count + 1, dtype=np.int64)
    if count:
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=count), out=offsets[1:])
    data = np.frombuffer(data_bytes, dtype=np.uint8)
    struct = Batch(
        layout=LAYOUT_OFFSETS64, count=count, data=_address(data), data_length=len(data_bytes),
        offsets=_address(offsets),
    )
    return PreparedBatch(struct, count, source, [Segment(data, offsets, 0)], keep=[data_bytes, data, offsets])


def _arrow_parts(array, what: str):
    """(offsets as int64 numpy, data as uint8 numpy, offsets address, width, buffers) of one Arrow array."""
    import pyarrow as pa

    kind = array.type
    if pa.types.is_string(kind) or pa.types.is_binary(kind):
        width, dtype = 4, np.int32
    elif pa.types.is_large_string(kind) or pa.types.is_large_binary(kind):
        width, dtype = 8, np.int64
    else:
        raise TypeError(f"{what}: expected an Arrow string or binary array, got type {kind}")
    buffers = array.buffers()
    validity, offsets_buffer, data_buffer = buffers[0], buffers[1], buffers[2]
    length = len(array)
    if offsets_buffer is None or length == 0:
        offsets = np.zeros(length + 1, dtype=dtype)
        offsets_address = _address(offsets)
    else:
        offsets = np.frombuffer(offsets_buffer, dtype=dtype, count=length + 1, offset=array.offset * width)
        offsets_address = offsets_buffer.address + array.offset * width
    if data_buffer is None or data_buffer.size == 0:
        data = np.zeros(0, dtype=np.uint8)
    else:
        data = np.frombuffer(data_buffer, dtype=np.uint8)
    return offsets, data, offsets_address, width, validity, buffers


def _from_arrow(texts, what: str) -> PreparedBatch:
    import pyarrow as pa

    if isinstance(texts, pa.ChunkedArray):
        chunks = [chunk for chunk in texts.chunks if len(chunk)]
        if len(chunks) == 1:
            texts = chunks[0]
        else:
            return _from_arrow_chunks(chunks, len(texts), what)
    if not isinstance(texts, pa.Array):
        raise TypeError(f"{what}: expected a pyarrow Array or ChunkedArray, got {type(texts).__name__}")
    offsets, data, offsets_address, width, validity, buffers = _arrow_parts(texts, what)
    count = len(texts)
    struct = Batch(
        layout=LAYOUT_OFFSETS32 if width == 4 else LAYOUT_OFFSETS64, count=count,
        data=_address(data), data_length=len(data), offsets=offsets_address,
        validity=validity.address if validity is not None and texts.null_count else 0,
        validity_offset=texts.offset,
    )
    segment = Segment(data, offsets.astype(np.int64, copy=False), 0)
    return PreparedBatch(struct, count, "arrow", [segment], keep=[texts, buffers, offsets, data])


def _from_arrow_chunks(chunks, count: int, what: str) -> PreparedBatch:
    """Several chunks: one pointer and one length per item, into the chunks' own buffers."""
    pointers = np.zeros(count, dtype=np.uint64)
    lengths = np.zeros(count, dtype=np.int64)
    segments, keep = [], []
    first = 0
    for chunk in chunks:
        offsets, data, _, _, _, buffers = _arrow_parts(chunk, what)
        if chunk.null_count:
            index = first + int(np.argmax(chunk.is_null().to_numpy(zero_copy_only=False)))
            raise ItemTypeError(index, f"item {index} is null")
        offsets = offsets.astype(np.int64)
        n = len(chunk)
        pointers[first:first + n] = np.uint64(_address(data)) + offsets[:-1].astype(np.uint64)
        lengths[first:first + n] = np.diff(offsets)
        segments.append(Segment(data, offsets, first))
        keep += [chunk, buffers, data]
        first += n
    struct = Batch(layout=LAYOUT_POINTERS, count=count, pointers=_address(pointers), lengths=_address(lengths))
    keep += [pointers, lengths]
    return PreparedBatch(struct, count, "arrow", segments, keep=keep)
