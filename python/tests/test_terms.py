"""terms() equals `arabic-text terms`, and scikit-learn's analyzers with analysis="sklearn"."""

from __future__ import annotations

import pytest

import arabictext as at
import corpora
from conftest import read_jsonl


def test_terms_equal_the_command_line(reference, seeds):
    expected = read_jsonl(reference / "terms-seeds.jsonl")
    ours = at.terms(seeds)
    assert [record["terms"] for record in expected] == ours
    grouped = at.terms(seeds, sentences=True)
    for record, sentences, flat in zip(expected, grouped, ours):
        assert [term for sentence in sentences for term in sentence] == flat
        starts, position = [], 0
        for sentence in sentences:
            starts.append(position)
            position += len(sentence)
        # A document whose first term starts no sentence still has a first group.
        assert starts == record["sentences"] or starts == [0] + record["sentences"]


def test_terms_options(seeds):
    assert at.terms("والمكتبات العامة في المدينة") == ["مكتب", "عام", "مدين"]
    assert at.terms("والمكتبات العامة في المدينة", stemmer="none", stop_words=None) == ["والمكتبات", "العامه", "في", "المدينه"]
    assert at.terms("المكتبات العامة", stop_words=["العامة"], stemmer="none") == ["المكتبات"]
    assert at.terms("The CAT sat", analysis="sklearn") == ["the", "cat", "sat"]
    with pytest.raises(ValueError, match="analysis"):
        at.terms("x", analysis="lucene")


def test_sklearn_terms_equal_sklearns_analyzers():
    sklearn = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn is not installed")
    texts = corpora.english()[:50] + corpora.french()[:30] + (corpora.saudinewsnet(50) or [])
    word = sklearn.CountVectorizer().build_analyzer()
    assert at.terms(texts, analysis="sklearn") == [word(text) for text in texts]
    preprocess = sklearn.CountVectorizer(analyzer="char_wb").build_preprocessor()
    assert at.terms(texts, analysis="sklearn", analyzer="char_wb") == [preprocess(t).split() for t in texts]
