"""Story clustering (`cluster`) and similarity search (`SimilarityIndex`)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ._analysis import analysis_options, check_count, choice
from ._batch import prepare
from ._duplicates import _duplicate_options
from ._native import (
    AnalysisOptions, ClusterOptions, Clusters, Handle, ScoredDocuments, TfidfOptions, check, lib, native_array,
    thread_count,
)
from ._weighting import tfidf_options

if TYPE_CHECKING:  # only for the annotation: importing _tfidf imports scikit-learn
    from ._tfidf import TfidfVectorizer

METHODS = {"average": 0, "components": 1}
DUPLICATE_KINDS = (None, "exact", "near")


@dataclass
class Story:
    """One story: its documents (most central first; the first is the
    representative), each member's cosine to the story's centroid, the
    average cosine over its pairs, its top terms with their weights (as the
    words they stand for, with labels) and its title."""

    members: list[int]
    similarities: list[float]
    average_similarity: float
    terms: list[str]
    term_weights: list[float]
    title: str

    @property
    def representative(self) -> int:
        return self.members[0]

    def __len__(self) -> int:
        return len(self.members)


@dataclass
class Stories:
    """What `cluster` found: the stories (largest first) and, per document
    (numpy arrays), its story, its cosine to the story's centroid, how it
    duplicates another document ("exact", "near" or None) and which."""

    stories: list[Story]
    story: np.ndarray
    similarity: np.ndarray
    duplicate_codes: np.ndarray
    duplicate_of: np.ndarray
    edge_count: int = 0
    _records: list = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.stories)

    @property
    def duplicates(self) -> list[str | None]:
        return [DUPLICATE_KINDS[code] for code in self.duplicate_codes.tolist()]

    def records(self, ids=None) -> list[dict]:
        """One dict per document with the fields of `arabic-text cluster --format jsonl`:
        id, cluster (from 1), similarity, size, representative, duplicate, duplicate_of."""
        n = len(self.story)
        ids = list(range(n)) if ids is None else list(ids)
        if len(ids) != n:
            raise ValueError(f"{len(ids)} ids for {n} documents")
        story, similarity = self.story.tolist(), self.similarity.tolist()
        duplicate_of = self.duplicate_of.tolist()
        duplicates = self.duplicates
        return [
            {
                "id": ids[d], "cluster": story[d] + 1, "similarity": similarity[d],
                "size": len(self.stories[story[d]].members),
                "representative": self.stories[story[d]].representative == d,
                "duplicate": duplicates[d],
                "duplicate_of": None if duplicate_of[d] < 0 else ids[duplicate_of[d]],
            }
            for d in range(n)
        ]


def _texts(struct_data: int, offsets: list[int]) -> list[str]:
    if not offsets or offsets[-1] == 0:
        return [""] * max(0, len(offsets) - 1)
    raw = ctypes.string_at(struct_data, offsets[-1])
    return [raw[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:])]


def cluster(
    texts, threshold: float = 0.5, *, method: str = "average", top_terms: int = 8, labels=True,
    analysis: str = "arabic", analyzer: str = "word", ngram_range=(1, 1), preset: str = "search",
    rules: dict[str, bool] | None = None, stemmer: str | None = None, stop_words="default", lowercase: bool = True,
    min_df=1, max_df=1.0, max_features=None, sublinear_tf: bool = True, smooth_idf: bool = True,
    cross_sentences: bool = False, duplicate_threshold: float | None = None, threads: int | None = None,
) -> Stories:
    """Groups documents that tell the same story, as `arabic-text cluster`.

    Documents are weighted by TF-IDF (by default word unigrams, Lucene
    stems, stop words removed, sublinear TF; the `TfidfVectorizer`
    arguments apply) and linked when their cosine reaches `threshold`;
    average linkage over that sparse graph (`method="average"`) merges
    groups only while their members stay on average that similar, or
    `method="components"` takes connected components. Exact and near
    duplicates (`find_duplicates`'s defaults, `duplicate_threshold`) always
    share a story. With `labels`, each story has a title and, for stories
    of two or more documents (every story with labels="all", which costs an
    analysis pass over each), its `top_terms` as readable words (each stem
    shown as its most frequent form); other stories list their top stems.
    """
    analysis_struct, keep = analysis_options(
        analysis, analyzer, lowercase=lowercase, preset=preset, rules=rules, stemmer=stemmer, stop_words=stop_words)
    weighting = tfidf_options(
        analyzer, ngram_range, min_df, max_df, max_features, "l2", True, smooth_idf, sublinear_tf, cross_sentences,
        sorted_features=False)
    options = ClusterOptions()
    lib.at_cluster_options_init(ctypes.byref(options), None, None)
    options.threshold = float(threshold)
    options.method = choice("method", method, METHODS)
    options.top_feature_count = check_count("top_terms", top_terms)
    options.labels = choice("labels", labels, {False: 0, True: 1, "all": 2})
    duplicates = None  # NULL: dedup's defaults with the analysis's normalization
    if duplicate_threshold is not None:
        duplicates = _duplicate_options(
            duplicate_threshold, None, None, None, "one-permutation", "search", None, None, None, "longest",
            "connected")
        if analysis_struct.style == 0:
            duplicates.normalization = analysis_struct.normalization
    batch = prepare(texts)
    result = Clusters()
    check(lib.at_cluster(
        batch.pointer, ctypes.byref(analysis_struct), ctypes.byref(weighting),
        ctypes.byref(duplicates) if duplicates is not None else None, ctypes.byref(options),
        thread_count(threads), ctypes.byref(result)))
    del keep
    try:
        n, s = result.document_count, result.story_count
        story = native_array(result.story, np.int64, n)
        similarity = native_array(result.similarity, np.float64, n)
        duplicate = native_array(result.duplicate, np.uint8, n)
        duplicate_of = native_array(result.duplicate_of, np.int64, n)
        member_offsets = native_array(result.member_offsets, np.int64, s + 1).tolist()
        members = native_array(result.members, np.int64, n).tolist()
        averages = native_array(result.average_similarity, np.float64, s).tolist()
        titles = _texts(result.title_data, native_array(result.title_offsets, np.int64, s + 1).tolist())
        term_offsets = native_array(result.term_offsets, np.int64, s + 1).tolist()
        term_count = term_offsets[-1] if term_offsets else 0
        term_texts = _texts(result.term_data, native_array(result.term_data_offsets, np.int64, term_count + 1).tolist())
        weights = native_array(result.term_weights, np.float64, term_count).tolist()
        edge_count = result.edge_count
    finally:
        lib.at_clusters_free(ctypes.byref(result))
    similarity_list = similarity.tolist()
    stories = []
    for index in range(s):
        story_members = members[member_offsets[index]:member_offsets[index + 1]]
        terms = slice(term_offsets[index], term_offsets[index + 1])
        stories.append(Story(
            story_members, [similarity_list[m] for m in story_members], averages[index], term_texts[terms],
            weights[terms], titles[index]))
    return Stories(stories, story, similarity, duplicate, duplicate_of, edge_count)


class SimilarityIndex:
    """Documents weighted by TF-IDF and indexed for cosine-similarity
    queries, as `arabic-text similar`: build once, query many times.

        index = SimilarityIndex(texts)                       # a model fitted on the texts
        index = SimilarityIndex(texts, vectorizer=fitted)    # or a fitted TfidfVectorizer's model
        index.query(["لقاء تشاوري في مأرب"], top=5)          # per query: [(document, score), ...]

    Without a vectorizer the weighting takes `TfidfVectorizer`'s arguments
    (default: word 1- and 2-grams, Lucene stems, stop words removed).
    Queries release the GIL and run in parallel; an index is safe to share between threads.
    """

    def __init__(
        self, texts, *, vectorizer: TfidfVectorizer | None = None, analysis: str = "arabic", analyzer: str = "word",
        ngram_range=(1, 2), preset: str = "search", rules: dict[str, bool] | None = None,
        stemmer: str | None = None, stop_words="default", lowercase: bool = True, min_df=1, max_df=1.0,
        max_features=None, sublinear_tf: bool = False, smooth_idf: bool = True, cross_sentences: bool = False,
        threads: int | None = None,
    ):
        batch = prepare(texts)
        pointer = ctypes.c_void_p()
        if vectorizer is not None:
            model = vectorizer._fitted_model()
            check(lib.at_similarity_build_with_model(model.pointer, batch.pointer, thread_count(threads),
                                                     ctypes.byref(pointer)))
        else:
            analysis_struct, keep = analysis_options(
                analysis, analyzer, lowercase=lowercase, preset=preset, rules=rules, stemmer=stemmer,
                stop_words=stop_words)
            weighting = tfidf_options(
                analyzer, ngram_range, min_df, max_df, max_features, "l2", True, smooth_idf, sublinear_tf,
                cross_sentences, sorted_features=False)
            check(lib.at_similarity_build(batch.pointer, ctypes.byref(analysis_struct), ctypes.byref(weighting),
                                          thread_count(threads), ctypes.byref(pointer)))
            del keep
        self._handle = Handle(pointer.value, "at_similarity_free")

    def __len__(self) -> int:
        return int(lib.at_similarity_count(self._handle.pointer))

    def query(self, queries, top: int = 10, *, fill: bool = False, threads: int | None = None):
        """The `top` documents most similar to each query, best first (ties:
        document order), as (document, cosine) pairs; with `fill`, documents
        sharing no feature with a query follow with score 0 up to `top`.
        One str gives one list."""
        single = isinstance(queries, str)
        batch = prepare([queries] if single else queries, "queries")
        result = ScoredDocuments()
        check(lib.at_similarity_query(self._handle.pointer, batch.pointer, check_count("top", top),
                                      1 if fill else 0, thread_count(threads), ctypes.byref(result)))
        try:
            offsets = native_array(result.query_offsets, np.int64, result.query_count + 1).tolist()
            documents = native_array(result.documents, np.int64, result.result_count).tolist()
            scores = native_array(result.scores, np.float64, result.result_count).tolist()
        finally:
            lib.at_scored_documents_free(ctypes.byref(result))
        found = [list(zip(documents[a:b], scores[a:b])) for a, b in zip(offsets, offsets[1:])]
        return found[0] if single else found
