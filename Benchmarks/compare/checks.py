"""The "same result" checks: each compares what a peer wrote in its last run
with what the ours runner it is compared to wrote on the same input, and
says how they differ and why.

Each check returns an Outcome: a status and one-line summary per runner
('same', 'differs', 'n/a' when the two do not compute the same thing, or
'not run'), and detail lines (counts, examples) for the page.
"""
import json
import os
import re
import struct
import subprocess
from dataclasses import dataclass, field

from inputs import split_token_output

ARABIC_WORD = re.compile('[\u0621-\u064A\u064B-\u065F\u0670-\u06D3\u0640]*[\u0621-\u064A\u0671-\u06D3]'
                         '[\u0621-\u064A\u064B-\u065F\u0670-\u06D3\u0640]*')


@dataclass
class Outcome:
    statuses: dict = field(default_factory=dict)   # runner key -> (status, summary)
    details: list = field(default_factory=list)

    def set(self, key, status, summary):
        self.statuses[key] = (status, summary)


def _read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def _json_lines(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def _labels(path):
    return [int(line) for line in _read(path).split('\n') if line]


def _show(text, at, width=18):
    """A short excerpt around `at`, with the code point that differs named."""
    excerpt = text[max(0, at - width):at + width].replace('\n', ' ')
    point = f'U+{ord(text[at]):04X}' if at < len(text) else 'end of text'
    return f'«{excerpt}» ({point} at {at})'


def _peers(task, outputs):
    """(runner, baseline runner) for every non-ours runner with outputs on both sides."""
    for runner in task.runners:
        if runner.side == 'ours':
            continue
        if runner.key not in outputs or runner.baseline not in outputs:
            continue
        yield runner


def _not_run(task, outputs, outcome):
    for runner in task.runners:
        if runner.side != 'ours' and runner.key not in outcome.statuses and runner.key not in outputs:
            outcome.set(runner.key, 'not run', '')


def normalization(task, outputs, context):
    outcome = Outcome()
    for runner in _peers(task, outputs):
        ours = {r['id']: r['content'] for r in _json_lines(outputs[runner.baseline])}
        theirs = _json_lines(outputs[runner.key])
        differing = []
        for record in theirs:
            mine = ours.get(record['id'])
            if mine != record['content']:
                differing.append((record['id'], mine or '', record['content']))
        if len(theirs) != len(ours):
            outcome.set(runner.key, 'differs', f'{len(theirs):,} documents written, ours {len(ours):,}')
            continue
        if not differing:
            outcome.set(runner.key, 'same', f'all {len(theirs):,} texts identical')
            continue
        outcome.set(runner.key, 'differs', f'{len(differing):,} of {len(theirs):,} texts differ')
        for identifier, mine, other in differing[:3]:
            at = next((i for i, (a, b) in enumerate(zip(mine, other)) if a != b), min(len(mine), len(other)))
            outcome.details.append(f'{runner.label}, article {identifier}: ours {_show(mine, at)}, '
                                   f'theirs {_show(other, at)}')
    _not_run(task, outputs, outcome)
    return outcome


def _escaped(token):
    """A token with every character outside the Arabic letters written as U+XXXX."""
    return '«' + ''.join(c if '\u0621' <= c <= '\u064A' else f'<U+{ord(c):04X}>' for c in token) + '»'


def _arabic_words(tokens):
    return [t for t in tokens if ARABIC_WORD.fullmatch(t)]


def tokenization(task, outputs, context):
    outcome = Outcome()
    count = context.inputs.document_count
    cache = {}

    def documents(key):
        if key not in cache:
            cache[key] = split_token_output(_read(outputs[key]), count)
        return cache[key]
    for runner in _peers(task, outputs):
        ours, theirs = documents(runner.baseline), documents(runner.key)
        if len(theirs) != len(ours):
            outcome.set(runner.key, 'differs', f'{len(theirs):,} documents, ours {len(ours):,}')
            continue
        same = 0
        example = None
        for index, (a, b) in enumerate(zip(ours, theirs)):
            wa, wb = _arabic_words(a), _arabic_words(b)
            if wa == wb:
                same += 1
            elif example is None:
                at = next((i for i, (x, y) in enumerate(zip(wa, wb)) if x != y), min(len(wa), len(wb)))
                word = wa[at] if at < len(wa) else wb[at]
                holder = next((t for t in b if word in t and not ARABIC_WORD.fullmatch(t)), None)
                example = (index, wa[max(0, at - 2):at + 3], wb[max(0, at - 2):at + 3], word, holder)
        tokens, ours_tokens = sum(map(len, theirs)), sum(map(len, ours))
        words, ours_words = (sum(len(_arabic_words(d)) for d in x) for x in (theirs, ours))
        summary = (f'Arabic words identical in {same:,} of {len(ours):,} articles ({100 * same / len(ours):.1f}%); '
                   f'{words:,} Arabic words (ours {ours_words:,}), {tokens:,} tokens (ours {ours_tokens:,})')
        outcome.set(runner.key, 'same' if same == len(ours) else 'differs', summary)
        if example:
            index, a, b, word, holder = example
            why = (f'; their token holding «{word}» is {_escaped(holder)}' if holder else '')
            outcome.details.append(f'{runner.label}, first article that differs (#{index + 1}): Arabic words, ours '
                                   f'{" | ".join(a)} ; theirs {" | ".join(b)}{why}')
    _not_run(task, outputs, outcome)
    return outcome


def stemming(task, outputs, context):
    outcome = Outcome()
    words = _read(context.inputs.words).split('\n')
    for runner in _peers(task, outputs):
        ours, theirs = _read(outputs[runner.baseline]).split('\n'), _read(outputs[runner.key]).split('\n')
        if len(ours) != len(theirs):
            outcome.set(runner.key, 'differs', f'{len(theirs) - 1:,} stems, ours {len(ours) - 1:,}')
            continue
        differing = [i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]
        if not differing:
            outcome.set(runner.key, 'same', f'all {len(ours) - 1:,} stems identical')
            continue
        distinct = {words[i] for i in differing}
        outcome.set(runner.key, 'differs', f'{len(differing):,} of {len(ours) - 1:,} stems differ '
                                           f'({len(distinct):,} distinct words)')
        for i in differing[:3]:
            outcome.details.append(f'{runner.label}: {words[i]} → ours {ours[i]}, theirs {theirs[i]}')
    _not_run(task, outputs, outcome)
    return outcome


def read_model_frequencies(path):
    """{feature: document frequency} from a model saved by `arabic-text tfidf --save-model`
    (format version 1, see Sources/ArabicText/Weighting/TFIDFModel+File.swift)."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'ATFIDF\r\n' or struct.unpack_from('<I', data, 8)[0] != 1:
        raise ValueError(f'{path}: not a version-1 TF-IDF model')
    header_length = struct.unpack_from('<I', data, 12)[0]
    header = dict(line.split('=', 1) for line in data[16:16 + header_length].decode().splitlines() if '=' in line)
    if header.get('hashedBits', 'none') != 'none':
        raise ValueError(f'{path}: a hashed model has no vocabulary')
    at = 16 + header_length
    stop_words = 0 if header['stopWords'] == 'none' else int(header['stopWords'])
    for _ in range(stop_words):
        at += 4 + struct.unpack_from('<I', data, at)[0]
    frequencies = {}
    for _ in range(int(header['features'])):
        frequency, length = struct.unpack_from('<II', data, at)
        at += 8
        frequencies[data[at:at + length].decode('utf-8')] = frequency
        at += length
    return frequencies


def tfidf(task, outputs, context):
    """Untimed, on the sample: ours (all terms of every document, and the saved
    model's vocabulary) against TfidfVectorizer on our terms."""
    outcome = Outcome()
    ours_runner = next(r for r in task.runners if r.key == 'ours')
    analyzer = next(r for r in task.runners if r.key == 'sklearn-terms').settings['analyzer']
    ngram = tuple(next(r for r in task.runners if r.key == 'sklearn-terms').settings['ngram'])
    sample = context.inputs.sample
    for key, status, summary in (
            ('sklearn-raw', 'n/a', 'its own analyzer: no Arabic normalization, stop words or stemming, so other '
                                   'features'),
            ('sklearn-hashing', 'n/a', 'other hash function and analyzer than ours, so other columns')):
        outcome.set(key, status, summary)
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        outcome.set('sklearn-terms', 'not run', 'scikit-learn is not installed')
        return outcome
    folder = context.check_folder
    model = os.path.join(folder, f'{task.key}.model')
    weights = os.path.join(folder, f'{task.key}-weights.jsonl')
    command = [context.binary] + ours_runner.command[:-1]
    command[command.index('--top') + 1] = '1000000000'
    command += ['--save-model', model, sample['documents']]
    with open(weights, 'wb') as out:
        subprocess.run(command, stdout=out, check=True)
    ours = [{t['term']: t['weight'] for t in r['terms']} for r in _json_lines(weights)]
    terms_name = 'word' if analyzer == 'word' else 'unstemmed'
    texts = [' '.join(r['terms']) for r in _json_lines(sample['terms'][terms_name])]
    options = dict(analyzer=analyzer, ngram_range=ngram, lowercase=False)
    if analyzer == 'word':
        options.update(tokenizer=str.split, token_pattern=None)
    vectorizer = TfidfVectorizer(**options)
    matrix = vectorizer.fit_transform(texts).tocsr()
    names = vectorizer.get_feature_names_out()
    frequencies = (matrix > 0).sum(axis=0).A1
    theirs_df = {names[i]: int(frequencies[i]) for i in range(len(names))}
    ours_df = read_model_frequencies(model)
    feature_mismatch, worst = 0, 0.0
    for row in range(matrix.shape[0]):
        span = range(matrix.indptr[row], matrix.indptr[row + 1])
        theirs = {names[matrix.indices[k]]: matrix.data[k] for k in span}
        if set(theirs) != set(ours[row]):
            feature_mismatch += 1
            continue
        for feature, value in theirs.items():
            worst = max(worst, abs(value - ours[row][feature]))
    df_same = ours_df == theirs_df
    same = feature_mismatch == 0 and df_same and worst <= 5e-7 + 1e-12 and len(ours) == matrix.shape[0]
    outcome.set('sklearn-terms', 'same' if same else 'differs',
                f'sample of {len(ours):,} articles: {len(theirs_df):,} features, vocabulary and document '
                f'frequencies {"identical" if df_same else "DIFFERENT"}; features of every article '
                f'{"identical" if not feature_mismatch else f"different in {feature_mismatch}"}; largest weight '
                f'difference {worst:.1e} (the CLI prints 6 decimals, so up to 5e-7 is rounding)')
    outcome.details.append(
        f'The weight check runs untimed on every {sample["step"]}th article ({len(ours):,} articles): ours with '
        f'`--top 1000000000 --save-model`, scikit-learn {vectorizer.__class__.__name__}({", ".join(f"{k}={v!r}" for k, v in options.items() if k != "tokenizer")}'
        f'{", tokenizer=str.split" if analyzer == "word" else ""}) on our terms. A 1e-9 check of the weights '
        'themselves needs full-precision output: the library test TFIDFSklearnTests does it, and the "ours '
        '(Python)" row\'s check compares the package\'s float64 matrix (`analysis="sklearn"`) with scikit-learn\'s '
        'on the raw sample.')
    outcome.set('ours-python', *tfidf_python_check(context, task))
    return outcome


def tfidf_python_check(context, task):
    """`arabictext.TfidfVectorizer(analysis="sklearn")`'s float64 matrix and feature
    names against scikit-learn's TfidfVectorizer on the raw sample, within 1e-9."""
    try:
        import arabictext
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        return 'not run', 'the arabictext package is not installed'
    if not hasattr(arabictext, 'TfidfVectorizer'):
        return 'not run', 'arabictext has no TfidfVectorizer yet'
    settings = next(r for r in task.runners if r.key == 'sklearn-raw').settings
    texts = [r['content'] for r in _json_lines(context.inputs.sample['documents'])]
    ours = arabictext.TfidfVectorizer(analyzer=settings['analyzer'], ngram_range=tuple(settings['ngram']),
                                      analysis='sklearn')
    theirs = TfidfVectorizer(analyzer=settings['analyzer'], ngram_range=tuple(settings['ngram']))
    a, b = ours.fit_transform(texts), theirs.fit_transform(texts)
    if list(ours.get_feature_names_out()) != list(theirs.get_feature_names_out()):
        return 'differs', 'feature names differ from scikit-learn\'s'
    worst = abs(a - b).max() if a.nnz or b.nnz else 0.0
    return ('same' if worst <= 1e-9 else 'differs'), f'largest weight difference {worst:.1e} on the sample'


def _ours_cluster_labels(path):
    records = _json_lines(path)
    return [r['cluster'] for r in records], [r.get('duplicate') for r in records]


def _groups(labels):
    groups = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return groups


def _describe(labels):
    sizes = [len(g) for g in _groups(labels).values()]
    multi = [s for s in sizes if s > 1]
    return {'clusters': len(multi), 'documents': sum(multi), 'largest': max(sizes) if sizes else 0}


def _summary(d):
    return f'{d["clusters"]:,} clusters of 2+ holding {d["documents"]:,} articles, largest {d["largest"]:,}'


def _differing_documents(a, b):
    """Indices of documents whose cluster (as a set of members) differs between labelings a and b."""
    ga, gb = _groups(a), _groups(b)
    members_a = {i: frozenset(ga[label]) for label in ga for i in ga[label]}
    members_b = {i: frozenset(gb[label]) for label in gb for i in gb[label]}
    return [i for i in range(len(a)) if members_a[i] != members_b[i]]


def _compare_partitions(outcome, runner, ours_labels, duplicates, theirs_labels, what):
    theirs_d, ours_d = _describe(theirs_labels), _describe(ours_labels)
    differing = _differing_documents(ours_labels, theirs_labels)
    summary = f'{_summary(theirs_d)} (ours: {_summary(ours_d)})'
    if not differing:
        outcome.set(runner.key, 'same', f'identical {what}; {summary}')
        return
    marked = sum(1 for i in differing if duplicates[i])
    outcome.set(runner.key, 'differs', f'{len(differing):,} articles in {what} that differ; {summary}')
    outcome.details.append(
        f'{runner.label}: {len(differing):,} articles are in clusters that differ; {marked:,} of them are marked '
        'by ours as exact or near duplicates, which `cluster` always puts together (dedup\'s defaults, Jaccard '
        '0.5 on 3-shingles, even below cosine 0.5 or with no terms).')


def all_pairs(task, outputs, context):
    outcome = Outcome()
    if 'ours' in outputs:
        ours_labels, duplicates = _ours_cluster_labels(outputs['ours'])
        for runner in _peers(task, outputs):
            _compare_partitions(outcome, runner, ours_labels, duplicates, _labels(outputs[runner.key]),
                                'connected components')
    pairs = {key: _read(outputs[key] + '.pairs') for key in ('sklearn', 'sparse-dot-topn') if key in outputs}
    if len(pairs) == 2:
        a, b = (set(p.split('\n')) - {''} for p in pairs.values())
        outcome.details.append(
            f'scikit-learn and sparse_dot_topn pairs: {len(a):,} and {len(b):,}, '
            + ('identical.' if a == b else f'{len(a - b):,} only in scikit-learn\'s, {len(b - a):,} only in '
               'sparse_dot_topn\'s (values within a rounding of 0.5).'))
    outcome.details.append('Neither the CLI nor the Python package writes its pairs, so ours is compared by its '
                           'connected components; the library test suite checks the pairs themselves against brute '
                           'force.')
    _not_run(task, outputs, outcome)
    return outcome


def _shingle_sets(path, size):
    sets = []
    for line in _read(path).split('\n')[:-1]:
        words = line.split()
        if len(words) < size:
            sets.append({' '.join(words)} if words else set())
        else:
            sets.append({' '.join(words[i:i + size]) for i in range(len(words) - size + 1)})
    return sets


def _co_grouped(labels):
    pairs = set()
    for members in _groups(labels).values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def near_duplicates(task, outputs, context):
    outcome = Outcome()
    if 'ours' not in outputs:
        _not_run(task, outputs, outcome)
        return outcome
    ours_labels, _ = _ours_cluster_labels(outputs['ours'])
    ours_d = _describe(ours_labels)
    ours_pairs = _co_grouped(ours_labels)
    threshold = task.runners[0].command[task.runners[0].command.index('--threshold') + 1]
    size = int(task.runners[0].command[task.runners[0].command.index('--shingle-size') + 1])
    shingles = _shingle_sets(context.inputs.dedup_words, size)

    def jaccard(i, j):
        a, b = shingles[i], shingles[j]
        return len(a & b) / len(a | b) if a or b else 1.0
    limit = float(threshold)
    empty = {i for i, shingle_set in enumerate(shingles) if not shingle_set}
    if empty:
        outcome.details.append(
            f'{len(empty):,} articles have no words; ours puts them in one group of exact copies, the peers leave '
            'empty shingle sets out of their index. Pairs of two such articles are left out of the comparison.')
    ours_pairs = {(i, j) for i, j in ours_pairs if not (i in empty and j in empty)}
    for runner in _peers(task, outputs):
        theirs_labels = _labels(outputs[runner.key])
        if runner.child == 'rensa-flags':
            flagged = sum(theirs_labels)
            outcome.set(runner.key, 'n/a', f'{flagged:,} articles flagged as having a candidate (ours: '
                                           f'{ours_d["documents"] - len(empty):,} articles with words in groups); '
                                           'no groups to compare')
            continue
        theirs_pairs = {(i, j) for i, j in _co_grouped(theirs_labels) if not (i in empty and j in empty)}
        only_theirs, only_ours = theirs_pairs - ours_pairs, ours_pairs - theirs_pairs
        summary = f'{_summary(_describe(theirs_labels))} (ours: {_summary(ours_d)})'
        if not only_theirs and not only_ours:
            outcome.set(runner.key, 'same', f'identical groups of articles with words; {summary}')
            continue
        outcome.set(runner.key, 'differs', f'{len(only_ours):,} grouped pairs only in ours, {len(only_theirs):,} '
                                           f'only in theirs; {summary}')
        theirs_high = sum(1 for i, j in only_theirs if jaccard(i, j) >= limit)
        ours_high = sum(1 for i, j in only_ours if jaccard(i, j) >= limit)
        missed_by = 'their LSH missed them' + ('' if 'words' in runner.inputs else
                                               ', or their raw-text shingles are further apart than ours')
        outcome.details.append(
            f'{runner.label}: of the {len(only_theirs):,} pairs only they group, {theirs_high:,} have Jaccard >= '
            f'{threshold} on our normalized shingles and {len(only_theirs) - theirs_high:,} are below (they do not '
            f'verify LSH candidates, or chain through such a pair); of the {len(only_ours):,} pairs only ours '
            f'groups, {ours_high:,} are >= {threshold} ({missed_by}) and {len(only_ours) - ours_high:,} are below '
            f'(members of one group through a chain of pairs >= {threshold}).')
    outcome.set('ours-python', *outcome.statuses.get('ours-python', ('not run', '')))
    _not_run(task, outputs, outcome)
    return outcome


def clustering(task, outputs, context):
    outcome = Outcome()
    for runner in _peers(task, outputs):
        ours_labels, duplicates = _ours_cluster_labels(outputs[runner.baseline])
        theirs_labels = _labels(outputs[runner.key])
        if runner.key == 'agglomerative':
            theirs_d, ours_d = _describe(theirs_labels), _describe(ours_labels)
            differing = _differing_documents(ours_labels, theirs_labels)
            outcome.set(runner.key, 'n/a', f'{_summary(theirs_d)} (ours: {_summary(ours_d)}); '
                                           f'{len(ours_labels) - len(differing):,} of {len(ours_labels):,} '
                                           'articles in identical clusters')
            outcome.details.append(
                'Why the agglomerative counts differ: scikit-learn averages the true cosine of every pair of '
                'members (dense matrix); ours averages over the sparse graph of pairs >= 0.5 and counts a pair '
                'below 0.5 as 0, so its averages are never higher and it merges less; ours also starts from '
                'groups of exact and near duplicates, which always stay together.')
        else:
            _compare_partitions(outcome, runner, ours_labels, duplicates, theirs_labels, 'connected components')
    _not_run(task, outputs, outcome)
    return outcome
