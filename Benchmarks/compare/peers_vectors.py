"""Peers for TF-IDF, all pairs at a cosine threshold, and clustering, run
inside a child (scikit-learn, sparse_dot_topn).

Input is either the raw documents (each peer then uses its own analyzer:
scikit-learn's default lower-casing and `\\w\\w+` tokens) or our terms
(`arabic-text terms`, one document's terms joined by spaces), which makes the
analysis identical on both sides so that results can be compared exactly.
"""
import time

from childkit import groups_from_pairs, load_documents, load_term_documents, register, write_labels


def _texts(job):
    if 'terms' in job.inputs:
        return [text for _, text in load_term_documents(job.input('terms'))], True
    return [text for _, text in load_documents(job.input('documents'))], False


def _vectorizer(job, pre_tokenized, **extra):
    """TfidfVectorizer with the job's analyzer and n-gram range; on our terms,
    words are split on spaces and nothing is lower-cased (as tfidf_fixture.py)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    analyzer = job.setting('analyzer', 'word')
    ngram = tuple(job.setting('ngram', (1, 1)))
    options = dict(analyzer=analyzer, ngram_range=ngram, **extra)
    if pre_tokenized:
        options['lowercase'] = False
        if analyzer == 'word':
            options.update(tokenizer=str.split, token_pattern=None)
    return TfidfVectorizer(**options)


@register('sklearn-tfidf')
def sklearn_tfidf(job):
    """scikit-learn TfidfVectorizer.fit_transform."""
    texts, pre_tokenized = _texts(job)
    vectorizer = _vectorizer(job, pre_tokenized)
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts)
    took = time.perf_counter() - start
    return {'kernel_seconds': took, 'documents': len(texts), 'features': len(vectorizer.vocabulary_),
            'nonzeros': int(matrix.nnz)}


@register('sklearn-hashing-tfidf')
def sklearn_hashing_tfidf(job):
    """scikit-learn HashingVectorizer (2^20 features, no sign flipping, no norm) + TfidfTransformer."""
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.pipeline import make_pipeline
    texts, pre_tokenized = _texts(job)
    analyzer = job.setting('analyzer', 'word')
    options = dict(analyzer=analyzer, ngram_range=tuple(job.setting('ngram', (1, 1))), alternate_sign=False,
                   norm=None, n_features=2 ** 20)
    if pre_tokenized:
        options['lowercase'] = False
        if analyzer == 'word':
            options.update(tokenizer=str.split, token_pattern=None)
    pipeline = make_pipeline(HashingVectorizer(**options), TfidfTransformer())
    start = time.perf_counter()
    matrix = pipeline.fit_transform(texts)
    took = time.perf_counter() - start
    return {'kernel_seconds': took, 'documents': len(texts), 'nonzeros': int(matrix.nnz)}


def _cluster_input(job):
    """Texts and the TF-IDF `arabic-text cluster` weighs by default (word unigrams, sublinear tf, l2),
    made before the clock starts."""
    texts, pre_tokenized = _texts(job)
    return texts, _vectorizer(job, pre_tokenized, sublinear_tf=True)


def _write_pairs(path, pairs):
    with open(path, 'w', encoding='utf-8') as out:
        for i, j in pairs:
            out.write(f'{i}\t{j}\n')


def _pairs_result(job, pairs, count, took):
    labels = groups_from_pairs(count, pairs)
    write_labels(job.output, labels)
    _write_pairs(job.output + '.pairs', pairs)
    return {'kernel_seconds': took, 'documents': count, 'pairs': len(pairs)}


@register('sklearn-allpairs')
def sklearn_allpairs(job):
    """TF-IDF, then X[block] @ X.T (scipy sparse product) block by block, entries >= threshold."""
    import numpy as np
    threshold = job.setting('threshold', 0.5)
    block = job.setting('block', 1000)
    texts, vectorizer = _cluster_input(job)
    count = len(texts)
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts).tocsr()
    transposed = matrix.T.tocsr()
    rows, columns = [], []
    for first in range(0, count, block):
        product = (matrix[first:first + block] @ transposed).tocoo()
        row = product.row.astype(np.int64) + first
        keep = (product.data >= threshold) & (row < product.col)
        rows.append(row[keep])
        columns.append(product.col[keep].astype(np.int64))
    pairs = list(zip(np.concatenate(rows).tolist(), np.concatenate(columns).tolist())) if rows else []
    took = time.perf_counter() - start
    return _pairs_result(job, pairs, count, took)


@register('sparse-dot-topn')
def sparse_dot_topn_pairs(job):
    """TF-IDF, then sparse_dot_topn.sp_matmul_topn(X, X.T) keeping every value >= threshold."""
    import numpy as np
    from sparse_dot_topn import sp_matmul_topn
    threshold = job.setting('threshold', 0.5)
    texts, vectorizer = _cluster_input(job)
    count = len(texts)
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts).tocsr()
    # Its threshold keeps values strictly greater: the float just below keeps >=.
    product = sp_matmul_topn(matrix, matrix.T, top_n=count, threshold=float(np.nextafter(threshold, 0)),
                             n_threads=job.setting('threads', 2)).tocoo()
    keep = product.row < product.col
    pairs = list(zip(product.row[keep].tolist(), product.col[keep].tolist()))
    took = time.perf_counter() - start
    return _pairs_result(job, pairs, count, took)


@register('sklearn-dbscan')
def sklearn_dbscan(job):
    """DBSCAN(eps=1-threshold, min_samples=2, metric='cosine', brute force) on the TF-IDF matrix:
    the connected components of the cosine graph; noise points are clusters of one."""
    from sklearn.cluster import DBSCAN
    threshold = job.setting('threshold', 0.5)
    texts, vectorizer = _cluster_input(job)
    count = len(texts)
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts).tocsr()
    labels = DBSCAN(eps=1 - threshold, min_samples=2, metric='cosine', algorithm='brute',
                    n_jobs=job.setting('threads', 2)).fit_predict(matrix)
    took = time.perf_counter() - start
    next_label = int(labels.max()) + 1
    for i in range(count):
        if labels[i] == -1:
            labels[i] = next_label
            next_label += 1
    write_labels(job.output, labels)
    return {'kernel_seconds': took, 'documents': count}


@register('sklearn-agglomerative')
def sklearn_agglomerative(job):
    """AgglomerativeClustering(linkage='average', metric='precomputed', distance_threshold=1-threshold)
    on the dense matrix of cosine distances (n x n float64: the reason for the document cap)."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    threshold = job.setting('threshold', 0.5)
    texts, vectorizer = _cluster_input(job)
    count = len(texts)
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts).tocsr()
    distance = 1.0 - (matrix @ matrix.T).toarray()
    np.fill_diagonal(distance, 0.0)
    np.clip(distance, 0.0, 2.0, out=distance)
    labels = AgglomerativeClustering(n_clusters=None, metric='precomputed', linkage='average',
                                     distance_threshold=1 - threshold).fit_predict(distance)
    took = time.perf_counter() - start
    write_labels(job.output, labels)
    return {'kernel_seconds': took, 'documents': count}
