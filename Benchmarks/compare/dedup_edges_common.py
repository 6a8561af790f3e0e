"""Shared pieces of the dedup-at-the-edges study (issue 16): words as dedup
sees them, word 3-shingle sets, exact Jaccard and containment, caches.

Words: `arabic-text terms --stemmer none --stop-words none` (the analysis
chain with normalization only, the `search` preset: every word of every
script, numbers, URLs), which is what `WordShingler` hashes; a check in
`dedup_edges_eval.py --check-words` compares our Jaccard similarities with the
ones `dedup` reports. Shingles: runs of 3 consecutive words, each a 64-bit
hash (a text with fewer than 3 words has one shingle of all of them), kept as
a sorted array without repeats per document, all documents in one flat
array with offsets (`ShingleSets`).

Caches live in Benchmarks/compare/.cache (git-ignored), keyed by the input
file's size and modification time, so full-corpus steps run once.
"""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CACHE = HERE / '.cache'
DEFAULT_CORPUS = HERE.parents[2] / 'shared' / 'corpora' / 'saudinewsnet' / 'saudinewsnet.jsonl'
DEFAULT_BINARY = HERE.parents[1] / '.build' / 'release' / 'arabic-text'
MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def corpus_path(given=None):
    path = Path(given) if given else DEFAULT_CORPUS
    if not path.exists():
        sys.exit(f'{path}: SaudiNewsNet not found (give --corpus): skipping')
    return path


def read_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def cache_key(path, *extra):
    st = os.stat(path)
    text = f'{Path(path).resolve()}|{st.st_size}|{int(st.st_mtime)}|' + '|'.join(map(str, extra))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def terms_of(path, binary, text_field='content', id_field='id'):
    """(ids, list of word lists) of a JSON Lines file, through `arabic-text terms` (cached)."""
    CACHE.mkdir(exist_ok=True)
    out = CACHE / f'terms-{cache_key(path, text_field, id_field)}.jsonl'
    if not out.exists():
        tmp = out.with_suffix('.tmp')
        with open(tmp, 'wb') as f:
            subprocess.run([str(binary), 'terms', '--stemmer', 'none', '--stop-words', 'none', '--format', 'jsonl',
                            '--text-field', text_field, '--id-field', id_field, str(path)], stdout=f, check=True)
        tmp.rename(out)
    ids, words = [], []
    for record in read_jsonl(out):
        ids.append(record['id'])
        words.append(record['terms'])
    return ids, words


def _mix(x):
    """SplitMix64 finalizer on uint64 arrays."""
    x = x.copy()
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _rotl(x, r):
    r = np.uint64(r)
    return (x << r) | (x >> (np.uint64(64) - r))


class Vocabulary:
    """Stable 64-bit hashes of words (blake2b), memoized."""

    def __init__(self):
        self.hashes = {}

    def ids(self, words):
        out = np.empty(len(words), dtype=np.uint64)
        table = self.hashes
        for i, w in enumerate(words):
            h = table.get(w)
            if h is None:
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), 'little')
                table[w] = h
            out[i] = h
        return out


def shingle_hashes(word_hashes, k=3):
    """The k-shingle hashes of one word-hash array, in text order (repeats kept)."""
    n = len(word_hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    width = min(k, n)
    combined = np.zeros(n - width + 1, dtype=np.uint64)
    for j in range(width):
        part = word_hashes[j:n - width + 1 + j]
        combined ^= _rotl(part, 17 * j) if j else part
    return _mix(combined ^ np.uint64(width * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF))


class ShingleSets:
    """Sorted distinct shingle hashes of many documents in one flat array."""

    def __init__(self, flat, offsets, word_counts):
        self.flat = flat
        self.offsets = offsets
        self.word_counts = word_counts

    @classmethod
    def from_words(cls, word_lists, k=3, vocabulary=None):
        vocabulary = vocabulary or Vocabulary()
        parts, offsets, counts = [], [0], []
        for words in word_lists:
            s = np.unique(shingle_hashes(vocabulary.ids(words), k))
            parts.append(s)
            offsets.append(offsets[-1] + len(s))
            counts.append(len(words))
        flat = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
        return cls(flat, np.asarray(offsets, dtype=np.int64), np.asarray(counts, dtype=np.int64))

    def save(self, path):
        np.savez(path, flat=self.flat, offsets=self.offsets, word_counts=self.word_counts)

    @classmethod
    def load(cls, path):
        z = np.load(path)
        return cls(z['flat'], z['offsets'], z['word_counts'])

    def __len__(self):
        return len(self.offsets) - 1

    def get(self, i):
        return self.flat[self.offsets[i]:self.offsets[i + 1]]

    def sizes(self):
        return np.diff(self.offsets)

    def intersection(self, a, b):
        x, y = self.get(a), self.get(b)
        if len(x) == 0 or len(y) == 0:
            return 0
        if len(x) > len(y):
            x, y = y, x
        pos = np.searchsorted(y, x)
        pos[pos == len(y)] = 0
        return int(np.count_nonzero(y[pos] == x))

    def jaccard(self, a, b):
        na, nb = len(self.get(a)), len(self.get(b))
        if na == 0 and nb == 0:
            return 1.0
        shared = self.intersection(a, b)
        return shared / (na + nb - shared)

    def containment(self, a, b):
        """|A ∩ B| / |A|: how much of document a document b holds."""
        na = len(self.get(a))
        return 1.0 if na == 0 else self.intersection(a, b) / na

    def pair_stats(self, pairs):
        """For an (m, 2) array of pairs: shared counts, Jaccard, containment of the smaller set."""
        sizes = self.sizes()
        shared = np.fromiter((self.intersection(a, b) for a, b in pairs), dtype=np.int64, count=len(pairs))
        na, nb = sizes[pairs[:, 0]], sizes[pairs[:, 1]]
        union = na + nb - shared
        jac = np.where(union > 0, shared / np.maximum(union, 1), 1.0)
        small = np.minimum(na, nb)
        con = np.where(small > 0, shared / np.maximum(small, 1), 1.0)
        return shared, jac, con


def corpus_shingles(corpus, binary, k=3):
    """(ids, ShingleSets, word lists) of a JSON Lines corpus, cached on disk."""
    ids, words = terms_of(corpus, binary)
    path = CACHE / f'shingles-{cache_key(corpus, k)}.npz'
    if path.exists():
        sets = ShingleSets.load(path)
    else:
        sets = ShingleSets.from_words(words, k)
        sets.save(path)
    return ids, sets, words


def document_frequencies(sets):
    """(sorted unique shingle hashes, their document frequencies) over all documents."""
    return np.unique(sets.flat, return_counts=True)


def inverted_pairs(sets, max_df=None, min_shared=1):
    """Every pair of documents sharing at least `min_shared` shingles whose
    document frequency is at most `max_df` (all shingles when None), with
    that shared count: an (m, 2) int array (first < second) and counts.
    Exact, through a sparse product; memory grows with the sum of df² of
    the shingles kept."""
    import scipy.sparse as sp
    values, inverse, df = np.unique(sets.flat, return_inverse=True, return_counts=True)
    doc = np.repeat(np.arange(len(sets)), sets.sizes())
    keep = np.ones(len(sets.flat), dtype=bool) if max_df is None else df[inverse] <= max_df
    keep &= df[inverse] >= 2
    m = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.int32), (doc[keep], inverse[keep])),
                      shape=(len(sets), len(values)))
    product = (m @ m.T).tocoo()
    sel = (product.row < product.col) & (product.data >= min_shared)
    pairs = np.stack([product.row[sel], product.col[sel]], axis=1).astype(np.int64)
    return pairs, product.data[sel].astype(np.int64)


def line_terms(path, binary, text_field='content', id_field='id'):
    """Per document of a JSON Lines file, the word lists of its lines (split on line feeds), cached."""
    CACHE.mkdir(exist_ok=True)
    out = CACHE / f'lines-{cache_key(path, text_field, id_field)}.jsonl'
    split = CACHE / f'lines-{cache_key(path, text_field, id_field)}.input.jsonl'
    records = read_jsonl(path)
    if not out.exists():
        with open(split, 'w', encoding='utf-8') as f:
            for r in records:
                for n, line in enumerate((r.get(text_field) or '').split('\n'), 1):
                    f.write(json.dumps({'id': f'{r[id_field]}\t{n}', 'text': line}, ensure_ascii=False) + '\n')
        tmp = out.with_suffix('.tmp')
        with open(tmp, 'wb') as f:
            subprocess.run([str(binary), 'terms', '--stemmer', 'none', '--stop-words', 'none', '--format', 'jsonl',
                            '--text-field', 'text', '--id-field', 'id', str(split)], stdout=f, check=True)
        tmp.rename(out)
        split.unlink()
    lines = {}
    for record in read_jsonl(out):
        doc, n = record['id'].rsplit('\t', 1)
        lines.setdefault(doc, []).append((int(n), record['terms']))
    return [[w for _, w in sorted(lines.get(r[id_field], []))] for r in records]
