"""HOOK for the "ours (Python)" rows: our own `arabictext` Python package,
measured like every peer, in a child process.

The package is being built; until it is installed in the venv every task
shows an "ours (Python)" row saying it was skipped. Each runner below uses
only the API names listed here; when the package's real names differ, change
them here and nowhere else:

  * arabictext.TfidfVectorizer(analyzer=..., ngram_range=..., analysis="sklearn")
    with fit_transform(texts) -> scipy CSR matrix and get_feature_names_out()
    (analysis="sklearn" means scikit-learn's own analyzer, so its matrix can be
    compared with TfidfVectorizer's within 1e-9; see checks.tfidf_python_check);
  * arabictext.normalize(text, rules) -> str, arabictext.tokenize(text) -> [str],
    arabictext.stem(words, algorithm) -> [str],
    arabictext.find_duplicates(texts, threshold, shingle_size, hash_count) -> [group label],
    arabictext.cluster(texts, threshold, method) -> [cluster label].
"""
import importlib.util
import time

from childkit import load_documents, load_lines, register, write_documents, write_labels

PACKAGE = 'arabictext'


def available():
    """Whether the package can be imported in this interpreter."""
    return importlib.util.find_spec(PACKAGE) is not None


def _api(name):
    import arabictext
    if not hasattr(arabictext, name):
        raise SystemExit(f'arabictext has no {name}: update the hook in ours_python.py')
    return getattr(arabictext, name)


@register('ours-python-normalize')
def normalize(job):
    function = _api('normalize')
    documents = load_documents(job.input('documents'))
    rules = job.setting('rules')
    start = time.perf_counter()
    texts = [function(text, rules) for _, text in documents]
    took = time.perf_counter() - start
    write_documents(job.output, [(i, t) for (i, _), t in zip(documents, texts)])
    return {'kernel_seconds': took, 'documents': len(texts)}


@register('ours-python-tokenize')
def tokenize(job):
    function = _api('tokenize')
    documents = load_documents(job.input('documents'))
    start = time.perf_counter()
    token_lists = [function(text) for _, text in documents]
    took = time.perf_counter() - start
    with open(job.output, 'w', encoding='utf-8') as out:
        for index, tokens in enumerate(token_lists):
            if index:
                out.write('\n')
            for token in tokens:
                out.write(token + '\n')
    return {'kernel_seconds': took, 'documents': len(documents)}


@register('ours-python-stem')
def stem(job):
    function = _api('stem')
    words = load_lines(job.input('words'))
    start = time.perf_counter()
    stems = function(words, job.setting('algorithm'))
    took = time.perf_counter() - start
    with open(job.output, 'w', encoding='utf-8') as out:
        out.write('\n'.join(stems) + '\n')
    return {'kernel_seconds': took, 'words': len(words)}


@register('ours-python-tfidf')
def tfidf(job):
    vectorizer_type = _api('TfidfVectorizer')
    texts = [text for _, text in load_documents(job.input('documents'))]
    vectorizer = vectorizer_type(analyzer=job.setting('analyzer'), ngram_range=tuple(job.setting('ngram')),
                                 analysis='sklearn')
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts)
    took = time.perf_counter() - start
    return {'kernel_seconds': took, 'documents': len(texts), 'nonzeros': int(matrix.nnz)}


@register('ours-python-dedup')
def dedup(job):
    function = _api('find_duplicates')
    texts = [text for _, text in load_documents(job.input('documents'))]
    start = time.perf_counter()
    labels = function(texts, job.setting('threshold'), job.setting('shingle_size'), job.setting('num_perm'))
    took = time.perf_counter() - start
    write_labels(job.output, labels)
    return {'kernel_seconds': took, 'documents': len(texts)}


@register('ours-python-cluster')
def cluster(job):
    function = _api('cluster')
    texts = [text for _, text in load_documents(job.input('documents'))]
    start = time.perf_counter()
    labels = function(texts, job.setting('threshold'), job.setting('method'))
    took = time.perf_counter() - start
    write_labels(job.output, labels)
    return {'kernel_seconds': took, 'documents': len(texts)}
