"""The tasks compared, each as a list of runners on the same input.

A runner is either one of our CLI commands or a Python child (a peer, or our
own Python package); every peer names the "ours" runner it is compared to
(its baseline), which reads the same input. The checks that compare outputs
live in checks.py.
"""
from dataclasses import dataclass, field

import checks

THRESHOLD_COSINE = 0.5
DEDUP = {'threshold': 0.8, 'num_perm': 128, 'shingle_size': 5}


@dataclass
class Runner:
    """One measured thing in a task."""
    key: str
    label: str
    side: str                      # 'ours', 'ours-python' or 'peer'
    amount: float                  # units of work (bytes of text or words), for throughput
    input_label: str
    baseline: str | None = None    # key of the ours runner this one is compared to
    command: list | None = None    # our CLI: arguments after the binary
    child: str | None = None       # a registered child runner
    inputs: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    packages: tuple = ()           # PyPI distributions it needs
    single_thread: bool = False    # ours with --threads 1
    note: str = ''


@dataclass
class Task:
    """A task: its runners and the check of their outputs."""
    key: str
    title: str
    unit: str                      # throughput unit: 'MB/s' or 'M words/s'
    scale: float                   # amount per unit (1e6)
    description: str
    runners: list
    check: object = None           # checks.X(task, results, context) -> checks.Outcome


JSONL = ['--text-field', 'content', '--id-field', 'id']


def _ours(key, label, command, amount, input_label, single_thread_too=False, note=''):
    runners = [Runner(key, label, 'ours', amount, input_label, command=command, note=note)]
    if single_thread_too:
        runners.append(Runner(key + '-1t', label + ', 1 thread', 'ours', amount, input_label,
                              command=command + ['--threads', '1'], baseline=key, single_thread=True))
    return runners


def _peer(key, label, child, amount, input_label, baseline, inputs, packages, settings=None, note=''):
    return Runner(key, label, 'peer', amount, input_label, baseline=baseline, child=child, inputs=inputs,
                  settings=settings or {}, packages=packages, note=note)


def _ours_python(key, child, amount, input_label, baseline, inputs, settings=None):
    return Runner(key, 'ours (Python package `arabictext`)', 'ours-python', amount, input_label,
                  baseline=baseline, child=child, inputs=inputs, settings=settings or {})


def build(inputs, single_thread_rows):
    """Every task on the prepared inputs."""
    docs = inputs.documents
    text = inputs.text_bytes
    label = f'{inputs.document_count:,} articles'
    one = single_thread_rows
    tasks = []

    camel_flags = ['--preset', 'lucene', '--no-tatweel', '--dagger-alef', '--alef-wasla']
    pyarabic_flags = ['--preset', 'light', '--no-dagger-alef', '--no-arabic-marks', '--no-quranic-marks',
                      '--no-invisible', '--hamza-tasheel']
    nfkc_flags = ['--preset', 'light', '--no-tashkeel', '--no-dagger-alef', '--no-arabic-marks',
                  '--no-quranic-marks', '--no-invisible', '--no-tatweel', '--nfkc']
    documents = {'documents': docs}
    tasks.append(Task(
        'normalization', 'Normalization', 'MB/s', 1e6,
        'Each side rewrites every article with the same rules and writes JSON Lines {"id", "content"}. '
        'Our rules are chosen to equal each peer\'s: CAMeL\'s dediac_ar (U+064B-U+0652, U+0670), '
        'normalize_alef_ar (U+0622 U+0623 U+0625 U+0671), alef maksura and teh marbuta; PyArabic\'s '
        'strip_tashkeel, strip_tatweel and normalize_hamza with method="tasheel" (its default "uniform" '
        'method writes every hamza as U+0621 and madda as two hamzas, a rule we do not have); ICU NFKC alone.',
        _ours('ours-camel', 'ours, CAMeL\'s rules (`normalize ' + ' '.join(camel_flags) + '`)',
              ['normalize', *camel_flags, *JSONL, docs], text, label, one)
        + [_peer('camel', 'CAMeL Tools (dediac + alef + alef maksura + teh marbuta)', 'camel-normalize', text,
                 label, 'ours-camel', documents, ('camel-tools',))]
        + _ours('ours-pyarabic', 'ours, PyArabic\'s rules (`normalize ' + ' '.join(pyarabic_flags) + '`)',
                ['normalize', *pyarabic_flags, *JSONL, docs], text, label)
        + [_peer('pyarabic', 'PyArabic (strip_tashkeel, strip_tatweel, normalize_hamza tasheel)',
                 'pyarabic-normalize', text, label, 'ours-pyarabic', documents, ('PyArabic',))]
        + _ours('ours-nfkc', 'ours, NFKC alone (`normalize --nfkc`, every other rule off)',
                ['normalize', *nfkc_flags, *JSONL, docs], text, label)
        + [_peer('icu', 'ICU NFKC (PyICU Normalizer2)', 'icu-nfkc', text, label, 'ours-nfkc', documents,
                 ('PyICU',)),
           _ours_python('ours-python', 'ours-python-normalize', text, label, 'ours-camel', documents,
                        {'flags': camel_flags})],
        checks.normalization))

    tasks.append(Task(
        'tokenization', 'Tokenization', 'MB/s', 1e6,
        'Each side splits every article into tokens and writes them one per line, an empty line between '
        'articles. Token definitions differ (ours keeps numbers such as 25% and URLs whole and emits '
        'punctuation; ICU keeps only words and numbers; StringZilla\'s delimiter split drops punctuation), '
        'so the check compares the Arabic words only.',
        _ours('ours', 'ours (`tokenize`)', ['tokenize', *JSONL, docs], text, label, one)
        + [_peer('camel', 'CAMeL Tools simple_word_tokenize', 'camel-tokenize', text, label, 'ours', documents,
                 ('camel-tools',)),
           _peer('pyarabic', 'PyArabic tokenize', 'pyarabic-tokenize', text, label, 'ours', documents,
                 ('PyArabic',)),
           _peer('stringzilla-delimiters', 'StringZilla utf8_split_delimiters', 'stringzilla-delimiters', text,
                 label, 'ours', documents, ('stringzilla',)),
           _peer('stringzilla-wordbreaks', 'StringZilla utf8_wordbreaks (UAX #29)', 'stringzilla-wordbreaks',
                 text, label, 'ours', documents, ('stringzilla',)),
           _peer('icu', 'ICU word BreakIterator (PyICU)', 'icu-wordbreak', text, label, 'ours', documents,
                 ('PyICU',)),
           _ours_python('ours-python', 'ours-python-tokenize', text, label, 'ours', documents)],
        checks.tokenization))

    words = inputs.word_count
    word_label = f'{words:,} words'
    word_input = {'words': inputs.words}
    tasks.append(Task(
        'stemming', 'Stemming', 'M words/s', 1e6,
        f'The first {words:,} Arabic words of the articles, one per line, in text order (repeats included); '
        'each side writes one stem per line.',
        _ours('ours-snowball', 'ours, Snowball Arabic (`stem --algorithm snowball --per-line`)',
              ['stem', '--algorithm', 'snowball', '--per-line', inputs.words], words, word_label, one)
        + [_peer('pystemmer', 'PyStemmer stemWords (its default word cache)', 'pystemmer', words, word_label, 'ours-snowball', word_input,
                 ('PyStemmer',)),
           _peer('snowballstemmer', 'snowballstemmer ArabicStemmer.stemWords (pure Python)', 'snowballstemmer', words, word_label,
                 'ours-snowball', word_input, ('snowballstemmer',))]
        + _ours('ours-isri', 'ours, ISRI (`stem --algorithm isri --per-line`)',
                ['stem', '--algorithm', 'isri', '--per-line', inputs.words], words, word_label)
        + [_peer('nltk-isri', 'NLTK ISRIStemmer', 'nltk-isri', words, word_label, 'ours-isri', word_input,
                 ('nltk',)),
           _ours_python('ours-python', 'ours-python-stem', words, word_label, 'ours-snowball', word_input,
                        {'algorithm': 'snowball'})],
        checks.stemming))

    capped = inputs.capped
    capped_label = f'first {capped["count"]:,} articles'
    capped_text = capped['text_bytes']
    capped_documents = {'documents': capped['documents']}
    for key, title, analyzer, ngram, terms_name, extra in (
            ('tfidf-word', 'TF-IDF, word (1,2)', 'word', (1, 2), 'word', ['--cross-sentences']),
            ('tfidf-charwb', 'TF-IDF, char_wb (3,5)', 'char_wb', (3, 5), 'unstemmed', [])):
        settings = {'analyzer': analyzer, 'ngram': list(ngram)}
        command = ['tfidf', '--analyzer', analyzer, '--ngram-range', f'{ngram[0]},{ngram[1]}', *extra,
                   '--format', 'jsonl', '--top', '10', *JSONL, capped['documents']]
        terms = {'terms': capped['terms'][terms_name]}
        tasks.append(Task(
            key, title, 'MB/s', 1e6,
            f'Fit and transform on the first {capped["count"]:,} articles (--capped-documents: one '
            'scikit-learn run on the whole corpus takes minutes, and each runner runs several times). Ours '
            'analyzes the raw text (normalization, stop words, '
            + ('Lucene light stems, word n-grams across sentences as scikit-learn makes them' if analyzer == 'word'
               else 'no stemming, character n-grams inside words')
            + ') and writes each article\'s top 10 terms; the scikit-learn rows only build the matrix in memory. '
            'The "on our terms" row gets the terms our analysis makes (`arabic-text terms`, joined by spaces), '
            'so that its features are ours; the "raw text" rows use scikit-learn\'s own analyzer '
            + ('(lower-casing, `\\w\\w+` tokens, ' if analyzer == 'word' else '(lower-casing, character n-grams '
               'of white-space separated words, ')
            + 'no Arabic normalization or stemming).',
            _ours('ours', f'ours (`tfidf --analyzer {analyzer}`)', command, capped_text, capped_label, one)
            + _ours('ours-hashed', 'ours, hashed into 2^20 (`--hashed-bits 20`)',
                    command[:-1] + ['--hashed-bits', '20', capped['documents']], capped_text, capped_label)
            + [_peer('sklearn-terms', 'scikit-learn TfidfVectorizer on our terms', 'sklearn-tfidf', capped_text,
                     capped_label, 'ours', terms, ('scikit-learn',), settings),
               _peer('sklearn-raw', 'scikit-learn TfidfVectorizer, raw text', 'sklearn-tfidf', capped_text,
                     capped_label, 'ours', capped_documents, ('scikit-learn',), settings),
               _peer('sklearn-hashing', 'scikit-learn HashingVectorizer (2^20) + TfidfTransformer, raw text',
                     'sklearn-hashing-tfidf', capped_text, capped_label, 'ours-hashed', capped_documents,
                     ('scikit-learn',), settings),
               _ours_python('ours-python', 'ours-python-tfidf', capped_text, capped_label, 'ours', capped_documents,
                            settings)],
            checks.tfidf))

    cluster_settings = {'threshold': THRESHOLD_COSINE}
    word_terms = {'terms': inputs.terms['word']}
    components = ['cluster', '--method', 'components', '--threshold', str(THRESHOLD_COSINE), '--format', 'jsonl',
                  *JSONL, docs]
    tasks.append(Task(
        'all-pairs', 'All pairs with cosine >= 0.5', 'MB/s', 1e6,
        'TF-IDF of word unigrams with sublinear tf (the `cluster` defaults), then every pair of articles '
        'with cosine >= 0.5 and the connected components of those pairs. The CLI does not write its pairs, '
        'so ours is `cluster --method components` end to end (reading, analysis, TF-IDF, pairs, components, '
        'and the duplicate detection `cluster` always adds); the peers start from our terms (no analysis '
        'in their time) and compare their components with ours.',
        _ours('ours', 'ours (`cluster --method components`)', components, text, label)
        + [_peer('sklearn', 'scikit-learn TfidfVectorizer + sparse X[block] @ X.T, blocks of 1000',
                 'sklearn-allpairs', text, label, 'ours', word_terms, ('scikit-learn',), cluster_settings),
           _peer('sparse-dot-topn', 'sparse_dot_topn sp_matmul_topn (2 threads)', 'sparse-dot-topn', text, label,
                 'ours', word_terms, ('scikit-learn', 'sparse-dot-topn'), {**cluster_settings, 'threads': 2})],
        checks.all_pairs))

    dedup_command = ['dedup', '--threshold', str(DEDUP['threshold']), '--shingle-size', str(DEDUP['shingle_size']),
                     '--hash-count', str(DEDUP['num_perm']), *JSONL, '--format', 'jsonl', docs]
    dedup_words = {'words': inputs.dedup_words}
    tasks.append(Task(
        'near-duplicates', 'Near duplicates (Jaccard 0.8, 128 values, word 5-shingles)', 'MB/s', 1e6,
        'Groups of articles whose word 5-shingle sets have Jaccard similarity >= 0.8. Ours (`dedup`) reads '
        'the file, normalizes, shingles, signs, bands, verifies every candidate exactly and groups. '
        '"end to end" peer rows shingle the raw text split on white space in Python (timed); "kernel" rows '
        'get our normalized words and shingle them before the clock starts (the time covers signatures, '
        'LSH and grouping on exactly our shingle sets). Peers group their LSH candidates without '
        'verifying them; rensa\'s band count must divide 128 (8 bands of 16, datasketch picks 9 of 13).',
        _ours('ours', 'ours (`dedup --threshold 0.8 --shingle-size 5`)', dedup_command, text, label, one)
        + [_peer('datasketch', 'datasketch MinHash.bulk + MinHashLSH, end to end', 'datasketch', text, label,
                 'ours', documents, ('datasketch',), DEDUP),
           _peer('rensa', 'rensa from_token_sets + insert_pairs + query_all, end to end', 'rensa', text, label,
                 'ours', documents, ('rensa', 'datasketch'), DEDUP),
           _peer('datasketch-kernel', 'datasketch, kernel on our shingles', 'datasketch', text, label, 'ours',
                 dedup_words, ('datasketch',), DEDUP),
           _peer('rensa-kernel', 'rensa, kernel on our shingles', 'rensa', text, label, 'ours', dedup_words,
                 ('rensa', 'datasketch'), DEDUP),
           _peer('rensa-flags', 'rensa digest matrix + duplicate flags (no groups), kernel on our shingles',
                 'rensa-flags', text, label, 'ours', dedup_words, ('rensa', 'datasketch'), DEDUP),
           _ours_python('ours-python', 'ours-python-dedup', text, label, 'ours', documents, DEDUP)],
        checks.near_duplicates))

    average_capped = ['cluster', '--threshold', str(THRESHOLD_COSINE), '--format', 'jsonl', *JSONL,
                      capped['documents']]
    tasks.append(Task(
        'clustering', 'Clustering (cosine 0.5)', 'MB/s', 1e6,
        'Ours is `cluster` end to end (average linkage over the sparse graph of pairs with cosine >= 0.5, '
        'or its connected components with `--method components`). DBSCAN (eps 0.5, min_samples 2, cosine, '
        'brute force) gives the connected components of the same graph; AgglomerativeClustering (average '
        'linkage, precomputed cosine distances, distance_threshold 0.5) needs the dense n x n distance '
        f'matrix, so it runs on the first {capped["count"]:,} articles (--capped-documents) against '
        'ours on the same articles. The peers start from our terms.',
        _ours('ours-components', 'ours (`cluster --method components`)', components, text, label)
        + [_peer('dbscan', 'scikit-learn DBSCAN', 'sklearn-dbscan', text, label, 'ours-components', word_terms,
                 ('scikit-learn',), {**cluster_settings, 'threads': 2})]
        + _ours('ours-average', 'ours (`cluster`, average linkage)', ['cluster', '--threshold',
                str(THRESHOLD_COSINE), '--format', 'jsonl', *JSONL, docs], text, label)
        + _ours('ours-average-capped', 'ours (`cluster`, average linkage)', average_capped, capped_text,
                capped_label)
        + [_peer('agglomerative', 'scikit-learn AgglomerativeClustering (average, cosine)', 'sklearn-agglomerative',
                 capped_text, capped_label, 'ours-average-capped', {'terms': capped['terms']['word']}, ('scikit-learn',),
                 cluster_settings),
           _ours_python('ours-python', 'ours-python-cluster', text, label, 'ours-average', documents,
                        {'threshold': THRESHOLD_COSINE, 'method': 'average'})],
        checks.clustering))
    return tasks
