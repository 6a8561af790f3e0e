"""Near duplicates of documents given as their shingles, and the shingle hashes of texts."""

from __future__ import annotations

import ctypes

import numpy as np

from ._batch import prepare
from ._duplicates import Duplicates, _duplicate_options, _run_duplicates
from ._native import InvalidItemError, ShingleDocuments, lib, thread_count
from ._sketches import _hash_lists

HASHES, BYTES = 1, 2


def shingle_hashes(
    texts, *, shingle_size: int | None = None, seed: int | None = None, preset: str = "search",
    rules: dict[str, bool] | None = None, threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every text's word-shingle hashes as `find_duplicates` makes them, in
    text order with repeats: `(offsets, hashes)`, text t's being
    `hashes[offsets[t]:offsets[t + 1]]` (int64 offsets, uint64 hashes). Feed
    them to `find_duplicates_in_shingles(hashes, offsets)` for exactly
    `find_duplicates`' result with `boilerplate_documents=0`."""
    options = _duplicate_options(None, shingle_size, None, seed, "one-permutation", preset, rules, None, None,
                                 "longest", "star")
    batch = prepare(texts)
    return _hash_lists(lambda result: lib.at_shingle_hashes(
        batch.pointer, ctypes.byref(options), thread_count(threads), result))


def _offsets(values, name: str) -> tuple[np.ndarray, int]:
    """An offsets array as the library reads it (int32 or int64, contiguous) and its width."""
    array = np.asarray(values)
    if array.ndim != 1 or array.dtype.kind not in "iu":
        raise ValueError(f"{name}: expected a one-dimensional integer array, not {array.dtype} of shape {array.shape}")
    if len(array) == 0:
        raise ValueError(f"{name}: expected at least one offset (documents + 1)")
    if array.dtype in (np.int32, np.int64):
        return np.ascontiguousarray(array), array.dtype.itemsize
    if array.dtype.kind == "u" and array.dtype.itemsize == 8:
        return np.ascontiguousarray(array).view(np.int64), 8  # values past 2**63 - 1 read as negative: out of range
    return np.ascontiguousarray(array, dtype=np.int64), 8


def _address(array) -> int | None:
    return array.ctypes.data if array is not None and array.size else None


def _arrow_documents(column, keep: list) -> ShingleDocuments:
    """The `at_shingle_documents` of an Arrow list<binary> (or large_list, string) column, read in place."""
    import pyarrow as pa

    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    kind = column.type
    if not (pa.types.is_list(kind) or pa.types.is_large_list(kind)):
        raise ValueError(f"shingles: expected an Arrow list or large_list of binary, not {kind}")
    child_kind = kind.value_type
    if not (pa.types.is_binary(child_kind) or pa.types.is_large_binary(child_kind) or pa.types.is_string(child_kind)
            or pa.types.is_large_string(child_kind)):
        raise ValueError(f"shingles: expected lists of binary or string values, not of {child_kind}")
    if column.null_count:
        first = column.is_null().to_numpy(zero_copy_only=False).argmax()
        raise InvalidItemError(int(first), f"document {first} is null")
    child = column.values
    list_width = 8 if pa.types.is_large_list(kind) else 4
    child_width = 8 if (pa.types.is_large_binary(child_kind) or pa.types.is_large_string(child_kind)) else 4
    if child.null_count:
        shingle = int(child.is_null().to_numpy(zero_copy_only=False).argmax())
        starts = np.frombuffer(column.buffers()[1], dtype=np.int32 if list_width == 4 else np.int64)
        starts = starts[column.offset:column.offset + len(column) + 1]
        document = int(np.searchsorted(starts, shingle, side="right")) - 1
        raise InvalidItemError(max(document, 0), f"document {document}: shingle {shingle} is null")
    list_buffers, child_buffers = column.buffers(), child.buffers()
    keep += [column, child]
    data = child_buffers[2]
    return ShingleDocuments(
        layout=BYTES, document_count=len(column),
        document_offsets=list_buffers[1].address + column.offset * list_width, document_offset_width=list_width,
        shingle_count=len(child), data=data.address if data is not None and data.size else None,
        data_length=data.size if data is not None else 0,
        shingle_offsets=child_buffers[1].address + child.offset * child_width, shingle_offset_width=child_width,
    )


def find_duplicates_in_shingles(
    shingles, offsets=None, *, shingle_offsets=None, threshold: float | None = None, hash_count: int | None = None,
    seed: int | None = None, sketch: str = "one-permutation", bands: int | None = None, rows: int | None = None,
    representative: str = "longest", grouping: str = "star", containment: float | bool | None = None,
    threads: int | None = None,
) -> Duplicates:
    """Exact and near-duplicate documents given as their shingles: what
    `find_duplicates` does after shingling, by the same native code
    (signatures, LSH candidates, exact verification, star grouping), with
    the same keywords and result. The shingles, read without a copy:

    - an Arrow `list<binary>` or `large_list<large_binary>` column (strings
      too): one list of shingles per document;
    - numpy uint64 (or int64) shingle hashes with `offsets`, document d
      having `hashes[offsets[d]:offsets[d + 1]]`;
    - the shingles' bytes (bytes or a uint8 array) with `shingle_offsets`
      (shingle s is `data[shingle_offsets[s]:shingle_offsets[s + 1]]`) and
      `offsets` (document d has shingles `offsets[d]:offsets[d + 1]`).

    Offsets are int32 or int64 arrays. Bytes are hashed once each (the
    library's 64-bit hash, seeded by `seed`). Two documents are exact copies
    when their shingle sequences are equal; a document's length is its
    number of shingles; lines are unknown (no boilerplate rule). Hashes from
    `shingle_hashes(texts)` give exactly `find_duplicates(texts,
    boilerplate_documents=0)`. Bad offsets raise ValueError naming the
    document or shingle (`.index`).
    """
    options = _duplicate_options(threshold, None, hash_count, seed, sketch, "search", None, bands, rows, representative,
                                 grouping, containment, None)
    keep: list = []
    if offsets is None:
        if shingle_offsets is not None:
            raise ValueError("shingle_offsets needs offsets (the documents' shingle offsets)")
        if isinstance(shingles, (list, tuple)):
            import pyarrow as pa
            shingles = pa.array(shingles, type=pa.large_list(pa.large_binary()))
        documents = _arrow_documents(shingles, keep)
    else:
        document_offsets, document_width = _offsets(offsets, "offsets")
        keep.append(document_offsets)
        count = len(document_offsets) - 1
        if shingle_offsets is None:
            hashes = np.asarray(shingles)
            if hashes.ndim != 1 or hashes.dtype.kind not in "iu" or hashes.dtype.itemsize != 8:
                raise ValueError(f"shingles: expected one-dimensional 64-bit hashes (uint64), not {hashes.dtype} "
                                 f"of shape {hashes.shape}; give shingle_offsets with bytes")
            hashes = np.ascontiguousarray(hashes)
            keep.append(hashes)
            documents = ShingleDocuments(
                layout=HASHES, document_count=count, document_offsets=_address(document_offsets),
                document_offset_width=document_width, shingle_count=len(hashes), hashes=_address(hashes))
        else:
            if isinstance(shingles, (bytes, bytearray, memoryview)):
                data = np.frombuffer(shingles, dtype=np.uint8)
            else:
                data = np.asarray(shingles)
                if data.ndim != 1 or data.dtype not in (np.uint8, np.int8):
                    raise ValueError(f"shingles: expected bytes or a one-dimensional uint8 array with shingle_offsets, "
                                     f"not {data.dtype} of shape {data.shape}")
                data = np.ascontiguousarray(data)
            shingle_bounds, shingle_width = _offsets(shingle_offsets, "shingle_offsets")
            keep += [data, shingle_bounds]
            documents = ShingleDocuments(
                layout=BYTES, document_count=count, document_offsets=_address(document_offsets),
                document_offset_width=document_width, shingle_count=len(shingle_bounds) - 1, data=_address(data),
                data_length=len(data), shingle_offsets=_address(shingle_bounds), shingle_offset_width=shingle_width)
    return _run_duplicates(documents.document_count, lambda result: lib.at_find_duplicates_in_shingles(
        ctypes.byref(documents), ctypes.byref(options), thread_count(threads), result))
