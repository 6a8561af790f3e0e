"""pyarrow arrays go in without a copy and come back as Arrow arrays."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at

pa = pytest.importorskip("pyarrow", reason="pyarrow is optional; install arabictext[arrow] to test Arrow input")


@pytest.mark.parametrize("kind", ["string", "large_string", "binary", "large_binary"])
def test_buffers_are_passed_without_a_copy(seeds, kind):
    array = pa.array([s.encode() for s in seeds] if "binary" in kind else seeds, type=getattr(pa, kind)())
    batch = at._prepare(array)
    assert batch.struct.data == array.buffers()[2].address
    assert batch.struct.offsets == array.buffers()[1].address
    assert batch.struct.layout == (1 if kind in ("string", "binary") else 2)
    assert at.normalize(array).to_pylist() == at.normalize(seeds)
    assert at.stem(array).to_pylist() == at.stem(seeds)
    assert np.array_equal(at.minhash(array), at.minhash(seeds))
    assert at.find_duplicates(array).records() == at.find_duplicates(seeds).records()
    assert at.tokenize(array) == at.tokenize(seeds)


def test_results_are_arrow_over_native_memory(seeds):
    result = at.normalize(pa.array(seeds))
    assert result.type == pa.large_string()
    result.validate(full=True)
    copy = result.to_pylist()
    del result
    import gc
    gc.collect()
    assert copy == at.normalize(seeds)


def test_slices_and_chunks(seeds):
    texts = seeds + ["أ", "", "إ"]
    array = pa.array(texts)
    sliced = array.slice(2, 5)
    assert at._prepare(sliced).struct.data == array.buffers()[2].address
    assert at.normalize(sliced).to_pylist() == at.normalize(texts[2:7])
    chunked = pa.chunked_array([pa.array(texts[:3]), pa.array([], pa.string()), pa.array(texts[3:]).slice(1)])
    expected = texts[:3] + texts[4:]
    assert at.normalize(chunked).to_pylist() == at.normalize(expected)
    assert at.find_duplicates(chunked).records() == at.find_duplicates(expected).records()
    assert at.tokenize(chunked) == at.tokenize(expected)
    assert at.normalize(pa.chunked_array([], pa.string())).to_pylist() == []
    assert at.normalize(pa.array([], pa.large_string())).to_pylist() == []


def test_nulls_and_bad_bytes_name_the_item():
    with pytest.raises(TypeError, match="item 2 is null") as raised:
        at.normalize(pa.array(["a", "b", None, "d"]))
    assert raised.value.index == 2
    with pytest.raises(TypeError, match="item 1 is null"):
        at.normalize(pa.array(["x", "a", None, "d"]).slice(1))
    with pytest.raises(TypeError, match="item 3 is null"):
        at.find_duplicates(pa.chunked_array([pa.array(["a", "b"]), pa.array(["c", None])]))
    with pytest.raises(ValueError, match="item 1: invalid UTF-8 at byte 1"):
        at.normalize(pa.array([b"ok", b"a\xffb"], pa.binary()))
    with pytest.raises(TypeError, match="expected an Arrow string or binary array, got type int64"):
        at.normalize(pa.array([1, 2]))
