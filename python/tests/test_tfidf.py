"""TfidfVectorizer equals `arabic-text tfidf` (analysis="arabic") and
scikit-learn's TfidfVectorizer (analysis="sklearn"); pickling, files, Pipeline."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp

import arabictext as at
import cli_reference
import corpora
from conftest import read_jsonl


def _top(matrix, names, row, count):
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    weights = matrix.data[start:end]
    order = np.argsort(-weights, kind="stable")[:count]
    return [(names[matrix.indices[start + k]], float(weights[k])) for k in order]


@pytest.mark.parametrize("name, arguments, keywords", cli_reference.TFIDF_RUNS, ids=[r[0] for r in cli_reference.TFIDF_RUNS])
def test_top_terms_equal_the_command_line(reference, seeds, name, arguments, keywords):
    expected = read_jsonl(reference / f"{name}.jsonl")
    vectorizer = at.TfidfVectorizer(**keywords)
    matrix = vectorizer.fit_transform(seeds)
    names = vectorizer.get_feature_names_out()
    vocabulary = vectorizer.vocabulary_
    assert len(expected) == len(seeds) == matrix.shape[0]
    for row, record in enumerate(expected):
        theirs = record["terms"]
        assert len(theirs) == 12
        ours = _top(matrix, names, row, 12)
        # The same weights in the same order, and every listed term has its weight in our row.
        assert [round(w, 6) for _, w in ours] == pytest.approx([t["weight"] for t in theirs], abs=5e-7)
        for term in theirs:
            assert abs(matrix[row, vocabulary[term["term"]]] - term["weight"]) <= 5e-7, term


def test_a_model_saved_by_the_command_line_loads(reference, seeds, tmp_path):
    model = reference / "tfidf-default.atfidf"
    loaded = at.TfidfVectorizer.load(model)
    ours = at.TfidfVectorizer(ngram_range=(1, 2)).fit(seeds)
    assert loaded.analysis == "arabic" and loaded.ngram_range == (1, 2) and loaded.stemmer == "lucene"
    assert sorted(loaded.get_feature_names_out()) == list(ours.get_feature_names_out())
    a, b = loaded.transform(seeds), ours.transform(seeds)
    # The command line numbers features by first occurrence, we in code point order: compare by name.
    columns = [ours.vocabulary_[name] for name in loaded.get_feature_names_out()]
    assert abs(a.toarray() - b.toarray()[:, columns]).max() <= 1e-12


# ---------------------------------------------------------------- scikit-learn

sklearn = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn is not installed")

SETTINGS = [
    ("word", (1, 2)),
    ("char", (1, 3)),
    ("char_wb", (3, 5)),
]
WEIGHTINGS = [
    {},
    {"sublinear_tf": True, "smooth_idf": False},
]


def assert_equal_to_sklearn(texts, **keywords):
    theirs = sklearn.TfidfVectorizer(**keywords)
    expected = theirs.fit_transform(texts).tocsr()
    ours = at.TfidfVectorizer(analysis="sklearn", **keywords)
    matrix = ours.fit_transform(texts)
    assert isinstance(matrix, sp.csr_matrix)
    assert matrix.shape == expected.shape
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert ours.vocabulary_ == theirs.vocabulary_
    if keywords.get("use_idf", True):
        assert np.abs(ours.idf_ - theirs.idf_).max() <= 1e-9
    expected.sort_indices()
    assert np.array_equal(matrix.indptr, expected.indptr)
    assert np.array_equal(matrix.indices, expected.indices)
    assert np.abs(matrix.data - expected.data).max(initial=0) <= 1e-9
    # transform equals scikit-learn's on texts it has not seen (unknown features ignored).
    unseen = texts[::7][:40] + ["Zebra quartz ΩΜΕΓΑ naïveté", ""]
    assert abs(ours.transform(unseen) - theirs.transform(unseen)).max() <= 1e-9
    return matrix


@pytest.mark.parametrize("weighting", WEIGHTINGS, ids=["default", "sublinear-unsmoothed"])
@pytest.mark.parametrize("analyzer, ngram_range", SETTINGS, ids=[s[0] for s in SETTINGS])
@pytest.mark.parametrize("language", ["english", "french"])
def test_sklearn_analysis_equals_sklearn(language, analyzer, ngram_range, weighting):
    texts = corpora.english() if language == "english" else corpora.french()
    assert_equal_to_sklearn(texts, analyzer=analyzer, ngram_range=ngram_range, **weighting)


SAUDI_SIZES = {"word": 3000, "char": 1000, "char_wb": 1500}


@pytest.mark.parametrize("weighting", WEIGHTINGS, ids=["default", "sublinear-unsmoothed"])
@pytest.mark.parametrize("analyzer, ngram_range", SETTINGS, ids=[s[0] for s in SETTINGS])
def test_sklearn_analysis_equals_sklearn_on_saudinewsnet(analyzer, ngram_range, weighting):
    texts = corpora.saudinewsnet(SAUDI_SIZES[analyzer])
    if texts is None:
        pytest.skip(f"SaudiNewsNet is not at {corpora.SAUDINEWSNET} (set ARABICTEXT_SAUDINEWSNET)")
    assert_equal_to_sklearn(texts, analyzer=analyzer, ngram_range=ngram_range, **weighting)


@pytest.mark.parametrize("keywords", [
    {"min_df": 2, "max_df": 0.5},
    {"min_df": 0.01, "max_df": 40, "norm": "l1"},
    {"norm": None, "use_idf": False},
    {"lowercase": False, "ngram_range": (2, 3)},
    {"analyzer": "char_wb", "ngram_range": (1, 6), "min_df": 3},
])
def test_sklearn_options(keywords):
    assert_equal_to_sklearn(corpora.english() + corpora.french()[:60], **keywords)


def test_max_features_keeps_the_most_frequent():
    texts = corpora.english()
    theirs = sklearn.TfidfVectorizer(max_features=500).fit(texts)
    ours = at.TfidfVectorizer(analysis="sklearn", max_features=500).fit(texts)
    # Ties at the cut may be broken differently (scikit-learn's order is unspecified there).
    counts = sklearn.CountVectorizer().fit_transform(texts).sum(axis=0).A1
    vocabulary = sklearn.CountVectorizer().fit(texts).vocabulary_
    cut = sorted(counts, reverse=True)[499]
    differ = set(ours.vocabulary_) ^ set(theirs.vocabulary_)
    assert all(counts[vocabulary[name]] == cut for name in differ)
    assert len(ours.vocabulary_) == 500


def test_float32():
    texts = corpora.english()[:80]
    theirs = sklearn.TfidfVectorizer(dtype=np.float32).fit_transform(texts)
    ours = at.TfidfVectorizer(analysis="sklearn", dtype=np.float32).fit_transform(texts)
    assert ours.dtype == np.float32 == theirs.dtype
    assert abs(ours - theirs).max() <= 1e-6


def test_pipeline_clone_and_params():
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import Pipeline

    english, french = corpora.english()[:120], corpora.french()[:120]
    texts = english + french
    labels = [0] * len(english) + [1] * len(french)
    pipeline = Pipeline([
        ("tfidf", at.TfidfVectorizer(analysis="sklearn", analyzer="char_wb", ngram_range=(2, 4))),
        ("classify", LogisticRegression(max_iter=500)),
    ])
    scores = cross_val_score(pipeline, texts, labels, cv=3)
    assert scores.mean() > 0.9
    pipeline.set_params(tfidf__ngram_range=(1, 2), tfidf__analyzer="word")
    assert pipeline.named_steps["tfidf"].get_params()["ngram_range"] == (1, 2)
    copy = clone(pipeline.named_steps["tfidf"])
    assert copy.get_params() == pipeline.named_steps["tfidf"].get_params()
    assert not hasattr(copy, "model_")
    pipeline.fit(texts, labels)
    assert (pipeline.predict(texts) == labels).mean() > 0.95


# ---------------------------------------------------------------- pickling and files

@pytest.mark.parametrize("analysis", ["arabic", "sklearn"])
def test_pickle_round_trip(seeds, analysis, tmp_path):
    keywords = {"stop_words": None} if analysis == "sklearn" else {"stop_words": ["في", "من"], "stemmer": "isri"}
    vectorizer = at.TfidfVectorizer(analysis=analysis, ngram_range=(1, 2), min_df=1, sublinear_tf=True, **keywords)
    matrix = vectorizer.fit_transform(seeds)
    copy = pickle.loads(pickle.dumps(vectorizer))
    assert copy.get_params() == vectorizer.get_params()
    assert list(copy.get_feature_names_out()) == list(vectorizer.get_feature_names_out())
    assert abs(copy.transform(seeds) - matrix).max() <= 1e-15
    # The model file: the same model again, its settings as the vectorizer's arguments.
    vectorizer.save(tmp_path / "model.atfidf")
    loaded = at.TfidfVectorizer.load(tmp_path / "model.atfidf")
    for name in ("analysis", "ngram_range", "sublinear_tf", "min_df", "stop_words", "stemmer"):
        assert getattr(loaded, name) == getattr(vectorizer, name), name
    assert abs(loaded.transform(seeds) - matrix).max() <= 1e-15
    # An unfitted vectorizer pickles too.
    fresh = pickle.loads(pickle.dumps(at.TfidfVectorizer(analyzer="char")))
    assert fresh.analyzer == "char" and not hasattr(fresh, "model_")


def test_threads_do_not_change_the_result(seeds):
    texts = seeds * 20
    one = at.TfidfVectorizer(ngram_range=(1, 2), threads=1).fit_transform(texts)
    two = at.TfidfVectorizer(ngram_range=(1, 2), threads=2).fit_transform(texts)
    assert (one != two).nnz == 0


# ---------------------------------------------------------------- bad input

def test_bad_input():
    vectorizer = at.TfidfVectorizer()
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        vectorizer.fit("one string")
    with pytest.raises(TypeError, match="item 1 is None") as caught:
        vectorizer.fit(["نص", None])
    assert caught.value.index == 1
    with pytest.raises(ValueError, match="item 2: invalid UTF-8 at byte 1") as caught:
        vectorizer.fit([b"a", b"b", b"c\xff"])
    assert caught.value.index == 2
    with pytest.raises(AttributeError, match="not fitted yet"):
        vectorizer.transform(["نص"])
    with pytest.raises(ValueError, match="empty vocabulary"):
        vectorizer.fit(["", "  ", "في من"])
    with pytest.raises(ValueError, match="max_df corresponds to < documents than min_df"):
        at.TfidfVectorizer(min_df=3, max_df=2).fit(["a b", "b c", "c d"])
    with pytest.raises(ValueError, match="After pruning, no terms remain"):
        at.TfidfVectorizer(min_df=3).fit(["كتاب", "قلم", "بيت"])
    for bad in ({"analyzer": "chars"}, {"ngram_range": (2, 1)}, {"norm": "l3"}, {"min_df": 1.5},
                {"dtype": np.int32}, {"analysis": "english"}, {"analysis": "sklearn", "stop_words": ["a"]}):
        with pytest.raises(ValueError):
            at.TfidfVectorizer(**bad).fit(["a b c"])
    with pytest.raises(OSError, match="no-such-model"):
        at.TfidfVectorizer.load("/nonexistent/no-such-model.atfidf")


def test_import_does_not_load_scikit_learn():
    # `import arabictext` must stay cheap: scikit-learn (about a second to import) is loaded
    # only when TfidfVectorizer is first used, and then the vectorizer is a scikit-learn estimator.
    script = (
        "import sys, arabictext as at\n"
        "assert 'sklearn' not in sys.modules, 'import arabictext imported scikit-learn'\n"
        "at.normalize(['x']); at.find_duplicates(['a b c', 'a b c']); at.cluster(['a b', 'a b'])\n"
        "assert 'sklearn' not in sys.modules, 'a call outside TfidfVectorizer imported scikit-learn'\n"
        "assert 'TfidfVectorizer' in dir(at) and 'TfidfVectorizer' in at.__all__\n"
        "vectorizer = at.TfidfVectorizer()\n"
        "try:\n"
        "    import sklearn.base\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    assert isinstance(vectorizer, sklearn.base.BaseEstimator)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=os.environ.copy())
