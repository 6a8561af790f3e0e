"""The "ours (Python)" rows: our own `arabictext` package, measured like every
peer, in a child process of the compare venv (the driver installs it there
from `python/`, which builds the native library in release mode).

Each runner makes the one batch call a Python user would make, on the same
input and settings as the CLI row it is compared to (its baseline), and
writes its output in that row's format so that checks.py compares them:

  * normalize(texts, preset, **rules) with the CLI row's flags;
  * tokenize_arrays(texts) (the batch form of tokenize), tokens written one
    per line as `arabic-text tokenize` does;
  * stem(words, algorithm);
  * TfidfVectorizer(analyzer, ngram_range, analysis="sklearn").fit_transform
    (scikit-learn's own analysis, so that checks.tfidf_python_check can
    compare the matrix with scikit-learn's within 1e-9);
  * find_duplicates(texts, threshold, shingle_size=, hash_count=) -> each
    document's cluster;
  * cluster(texts, threshold, method=) -> each document's story.

Only the call itself is in `kernel_seconds`; the child's wall time (which
the tables show) also covers reading the JSON Lines input, as for the peers.
"""
import importlib.util
import time

from childkit import load_documents, load_lines, register, write_documents, write_labels

PACKAGE = 'arabictext'


def available():
    """Whether the package can be imported in this interpreter."""
    return importlib.util.find_spec(PACKAGE) is not None


def cli_rules(flags):
    """(preset, {rule: bool}) from `arabic-text normalize` flags such as
    ['--preset', 'lucene', '--no-tatweel', '--dagger-alef']."""
    preset, rules = 'search', {}
    index = 0
    while index < len(flags):
        flag = flags[index]
        if flag == '--preset':
            preset = flags[index + 1]
            index += 2
            continue
        if not flag.startswith('--'):
            raise ValueError(f'not a normalization flag: {flag}')
        name, value = (flag[5:], False) if flag.startswith('--no-') else (flag[2:], True)
        rules[name.replace('-', '_')] = value
        index += 1
    return preset, rules


@register('ours-python-normalize')
def normalize(job):
    import arabictext
    documents = load_documents(job.input('documents'))
    preset, rules = cli_rules(job.setting('flags'))
    texts = [text for _, text in documents]
    start = time.perf_counter()
    normalized = arabictext.normalize(texts, preset, **rules)
    took = time.perf_counter() - start
    write_documents(job.output, [(i, t) for (i, _), t in zip(documents, normalized)])
    return {'kernel_seconds': took, 'documents': len(texts)}


@register('ours-python-tokenize')
def tokenize(job):
    import arabictext
    texts = [text for _, text in load_documents(job.input('documents'))]
    start = time.perf_counter()
    arrays = arabictext.tokenize_arrays(texts)
    took = time.perf_counter() - start
    offsets, starts, ends = (a.tolist() for a in (arrays.document_offsets, arrays.starts, arrays.ends))
    with open(job.output, 'w', encoding='utf-8') as out:
        for index, text in enumerate(texts):
            if index:
                out.write('\n')
            for token in range(offsets[index], offsets[index + 1]):
                out.write(text[starts[token]:ends[token]] + '\n')
    return {'kernel_seconds': took, 'documents': len(texts), 'tokens': len(starts)}


@register('ours-python-stem')
def stem(job):
    import arabictext
    words = load_lines(job.input('words'))
    start = time.perf_counter()
    stems = arabictext.stem(words, job.setting('algorithm'))
    took = time.perf_counter() - start
    with open(job.output, 'w', encoding='utf-8') as out:
        out.write('\n'.join(stems) + '\n')
    return {'kernel_seconds': took, 'words': len(words)}


@register('ours-python-tfidf')
def tfidf(job):
    import arabictext
    texts = [text for _, text in load_documents(job.input('documents'))]
    vectorizer = arabictext.TfidfVectorizer(analyzer=job.setting('analyzer'), ngram_range=tuple(job.setting('ngram')),
                                            analysis='sklearn')
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts)
    took = time.perf_counter() - start
    return {'kernel_seconds': took, 'documents': len(texts), 'nonzeros': int(matrix.nnz)}


@register('ours-python-dedup')
def dedup(job):
    import arabictext
    texts = [text for _, text in load_documents(job.input('documents'))]
    start = time.perf_counter()
    result = arabictext.find_duplicates(texts, job.setting('threshold'), shingle_size=job.setting('shingle_size'),
                                        hash_count=job.setting('num_perm'))
    took = time.perf_counter() - start
    write_labels(job.output, result.cluster.tolist())
    return {'kernel_seconds': took, 'documents': len(texts), 'groups': int(result.group_count)}


@register('ours-python-cluster')
def cluster(job):
    import arabictext
    texts = [text for _, text in load_documents(job.input('documents'))]
    start = time.perf_counter()
    stories = arabictext.cluster(texts, job.setting('threshold'), method=job.setting('method'))
    took = time.perf_counter() - start
    write_labels(job.output, stories.story.tolist())
    return {'kernel_seconds': took, 'documents': len(texts), 'stories': len(stories.stories)}
