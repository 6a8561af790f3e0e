"""cluster() equals `arabic-text cluster`; SimilarityIndex finds what the TF-IDF cosines say."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at
import cli_reference
from conftest import read_jsonl


@pytest.mark.parametrize("name, arguments, keywords", cli_reference.CLUSTER_RUNS, ids=[r[0] for r in cli_reference.CLUSTER_RUNS])
def test_stories_equal_the_command_line(reference, dedup_corpus, name, arguments, keywords):
    expected = read_jsonl(reference / f"{name}.jsonl")
    texts = [document["text"] for document in dedup_corpus]
    ids = [document["id"] for document in dedup_corpus]
    stories = at.cluster(texts, **keywords)
    ours = stories.records(ids)
    assert len(ours) == len(expected)
    for mine, theirs in zip(ours, expected):
        assert abs(mine.pop("similarity") - theirs.pop("similarity")) <= 5e-7, mine["id"]
        assert mine == theirs
    if name == "cluster-default":
        assert any(record["duplicate"] == "exact" for record in expected)
        assert max(record["size"] for record in expected) >= 3


def test_story_labels(dedup_corpus):
    texts = [document["text"] for document in dedup_corpus]
    stories = at.cluster(texts)
    largest = stories.stories[0]
    assert len(largest) >= 3 and largest.representative == largest.members[0]
    assert largest.title and len(largest.terms) == 8 == len(largest.term_weights)
    assert largest.term_weights == sorted(largest.term_weights, reverse=True)
    # Surface forms are words of the texts, not bare stems.
    words = set(" ".join(texts[m] for m in largest.members).split())
    assert sum(term in words for term in largest.terms) >= 6
    unlabeled = at.cluster(texts, labels=False)
    assert unlabeled.stories[0].title == "" and unlabeled.stories[0].members == largest.members


def test_similarity_index_ranks_by_cosine(seeds):
    corpus = seeds + [seeds[0][: len(seeds[0]) // 2], seeds[3][len(seeds[3]) // 3:]]
    index = at.SimilarityIndex(corpus)
    assert len(index) == len(corpus)
    vectorizer = at.TfidfVectorizer(ngram_range=(1, 2)).fit(corpus)
    matrix = vectorizer.transform(corpus)
    queries = [corpus[5], seeds[3][:400], "نص لا علاقة له بشيء"]
    found = index.query(queries, top=3)
    q = vectorizer.transform(queries)
    cosines = (q @ matrix.T).toarray()
    for row, hits in enumerate(found):
        order = sorted(range(len(corpus)), key=lambda d: (-cosines[row, d], d))
        expected = [(d, cosines[row, d]) for d in order[:3] if cosines[row, d] > 0]
        assert [d for d, _ in hits] == [d for d, _ in expected]
        assert np.allclose([s for _, s in hits], [s for _, s in expected], atol=1e-12)
    assert found[0][0][0] in (0, 5) and found[1][0][0] in (3, 6)
    filled = index.query(queries[2], top=3, fill=True)
    assert len(filled) == 3 and filled[:len(found[2])] == found[2]
    assert all(score == 0 for _, score in filled[len(found[2]):])


def test_similarity_index_with_a_fitted_vectorizer(seeds):
    vectorizer = at.TfidfVectorizer(analysis="sklearn", analyzer="char_wb", ngram_range=(2, 4)).fit(seeds)
    index = at.SimilarityIndex(seeds, vectorizer=vectorizer)
    hits = index.query(seeds, top=1)
    assert [h[0][0] for h in hits] == list(range(len(seeds)))
    assert all(abs(h[0][1] - 1) < 1e-9 for h in hits)
    with pytest.raises(AttributeError):
        at.SimilarityIndex(seeds, vectorizer=at.TfidfVectorizer())
