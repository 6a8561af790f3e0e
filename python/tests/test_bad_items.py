"""A bad item raises ValueError or TypeError naming its index; nothing crashes."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at

CALLS = {
    "normalize": lambda texts: at.normalize(texts),
    "stem": lambda texts: at.stem(texts),
    "tokenize": lambda texts: at.tokenize(texts),
    "tokenize_arrays": lambda texts: at.tokenize_arrays(texts),
    "minhash": lambda texts: at.minhash(texts),
    "find_duplicates": lambda texts: at.find_duplicates(texts),
    "repeated_lines": lambda texts: at.repeated_lines(texts),
    "terms": lambda texts: at.terms(texts),
    "TfidfVectorizer.fit_transform": lambda texts: at.TfidfVectorizer(analysis="sklearn").fit_transform(texts),
    "TfidfVectorizer.transform": lambda texts: _FITTED.transform(texts),
    "DuplicateIndex.add": lambda texts: at.DuplicateIndex().add(texts),
    "DuplicateIndex.query": lambda texts: _ARCHIVE.query(texts),
    "cluster": lambda texts: at.cluster(texts),
    "SimilarityIndex": lambda texts: at.SimilarityIndex(texts),
    "SimilarityIndex.query": lambda texts: _SEARCH.query(texts),
}

_FITTED = at.TfidfVectorizer().fit(["نص أول", "نص ثان"])
_ARCHIVE = at.DuplicateIndex()
_ARCHIVE.add(["نص أول طويل بعض الشيء", "نص ثان"])
_SEARCH = at.SimilarityIndex(["نص أول", "نص ثان"])

BAD_UTF8 = [
    (b"\xff", "invalid UTF-8 at byte 0"),
    ("نص".encode() + b"\xd8", "invalid UTF-8 at byte 4"),
    (b"abc\xed\xa0\x80", "invalid UTF-8 at byte 3"),  # a surrogate
    (b"\xc0\xaf", "invalid UTF-8 at byte 0"),  # overlong
    (b"\xf4\x90\x80\x80", "invalid UTF-8 at byte 0"),  # above U+10FFFF
]


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize("bad, message", BAD_UTF8)
def test_invalid_utf8_names_the_item(call, bad, message):
    texts = ["نص سليم", b"also fine", bad, "\xff as a str is fine"]
    with pytest.raises(ValueError, match=f"item 2: {message}") as raised:
        CALLS[call](texts)
    assert isinstance(raised.value, at.InvalidItemError) and raised.value.index == 2


@pytest.mark.parametrize("call", list(CALLS))
def test_none_and_wrong_types_name_the_item(call):
    with pytest.raises(TypeError, match="item 1 is None") as raised:
        CALLS[call](["a", None, "b"])
    assert raised.value.index == 1
    with pytest.raises(TypeError, match="item 2: expected str or bytes, got int"):
        CALLS[call](["a", b"b", 3])
    with pytest.raises(TypeError, match="item 0: expected str or bytes, got list"):
        CALLS[call]([["a"]])


@pytest.mark.parametrize("call", list(CALLS))
def test_unencodable_string_names_the_item(call):
    with pytest.raises(ValueError, match="item 1: cannot be encoded as UTF-8 \\(surrogates not allowed at character 1\\)"):
        CALLS[call](["ok", "a\ud800b"])


@pytest.mark.parametrize("call", ["minhash", "find_duplicates", "repeated_lines", "tokenize_arrays"])
def test_a_single_text_is_not_a_batch(call):
    with pytest.raises(TypeError, match="expected a sequence of texts, got a single str"):
        CALLS[call]("نص")


def test_other_containers():
    with pytest.raises(TypeError, match="expected a sequence of str or bytes, got int"):
        at.normalize(5)
    with pytest.raises(ValueError, match="expected a 1-D array"):
        at.normalize(np.array([["a"]]))
    with pytest.raises(TypeError, match="expected an array of strings or bytes, got dtype int64"):
        at.normalize(np.arange(3))
    assert at.normalize(np.array([b"\xd8\xa3"])).tolist() == ["ا"]
    assert at.normalize(np.array(["أ", None], dtype=object)[:1]).tolist() == ["ا"]
    with pytest.raises(TypeError, match="item 1 is None"):
        at.normalize(np.array(["أ", None], dtype=object))


def test_bytes_like_items():
    assert at.normalize([bytearray("أ".encode()), memoryview("إ".encode())]) == ["ا", "ا"]


def test_bad_threads():
    with pytest.raises(ValueError, match="threads must be at least 1"):
        at.normalize(["a"], threads=0)
    with pytest.raises(TypeError, match="threads must be an int"):
        at.normalize(["a"], threads=1.5)
    with pytest.raises(ValueError, match=r"threads must be 0 \(all processors\) or 1...4096, not 5000"):
        at.normalize(["a"], threads=5000)


def test_nul_and_huge_characters_are_text():
    texts = ["a\x00b", "\U0010ffff", "\x00" * 10]
    assert at.normalize(texts, preset="none") == texts
    assert len(at.tokenize(texts)) == 3


def test_handles_are_checked():
    """Freed, made-up and wrongly typed handles are argument errors, never a crash."""
    import ctypes

    from arabictext import _native

    lib = _native.lib
    batch = at._prepare(["نص"])
    matrix = _native.CSR()
    for handle in (12345, 0xDEADBEEF, id(batch)):
        with pytest.raises(ValueError, match="not a live handle"):
            _native.check(lib.at_tfidf_transform(handle, batch.pointer, 0, 1, ctypes.byref(matrix)))
    with pytest.raises(ValueError, match="model is NULL"):
        _native.check(lib.at_tfidf_transform(None, batch.pointer, 0, 1, ctypes.byref(matrix)))
    vectorizer = at.TfidfVectorizer().fit(["نص أول", "نص ثان"])
    pointer = vectorizer.model_.pointer
    with pytest.raises(ValueError, match="another kind"):
        _native.check(lib.at_duplicate_index_query(pointer, batch.pointer, 0, 1, ctypes.byref(_native.IndexMatches())))
    lib.at_tfidf_free(12345)  # ignored
    lib.at_duplicate_index_free(pointer)  # the wrong kind: ignored, the model stays
    assert vectorizer.transform(["نص"]).shape == (1, vectorizer.transform(["نص"]).shape[1])
    lib.at_tfidf_free(pointer)
    with pytest.raises(ValueError, match="not a live handle"):
        vectorizer.transform(["نص"])
    vectorizer.model_.handle.pointer = None  # already released above


def test_bad_options_reach_no_native_precondition():
    import ctypes

    from arabictext import _native, _tfidf

    lib = _native.lib
    batch = at._prepare(["نص أول", "نص ثان"])
    options = _tfidf.tfidf_options()
    pointer = ctypes.c_void_p()
    for field, value, message in [
        ("ngram_max", 65, "n-gram range"), ("ngram_min", 0, "n-gram range"), ("hashed_bits", 25, "hashed_bits"),
        ("norm", 7, "unknown norm"), ("min_df", -1.0, "min_df"), ("max_features", -2, "max_features"),
        ("feature_order", 3, "feature order"), ("analyzer", 9, "analyzer"),
    ]:
        bad = _tfidf.tfidf_options()
        setattr(bad, field, value)
        with pytest.raises(ValueError, match=message):
            _native.check(lib.at_tfidf_fit(batch.pointer, None, ctypes.byref(bad), 0, 1, ctypes.byref(pointer), None))
    analysis = _native.AnalysisOptions()
    lib.at_analysis_options_init(ctypes.byref(analysis), 0)
    analysis.stop_words = 3  # a list, but none given
    with pytest.raises(ValueError, match="stop_word_list is NULL"):
        _native.check(lib.at_tfidf_fit(batch.pointer, ctypes.byref(analysis), ctypes.byref(options), 0, 1,
                                       ctypes.byref(pointer), None))
    with pytest.raises(ValueError, match="threshold"):
        at.cluster(["a", "b"], threshold=0)
    with pytest.raises(ValueError, match="top"):
        at.SimilarityIndex(["a b"]).query(["a"], top=-1)
