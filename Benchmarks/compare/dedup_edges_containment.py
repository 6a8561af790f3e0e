#!/usr/bin/env python3
"""Containment detection for dedup (issue 16, part a): which index finds
documents largely contained in others (|A ∩ B| / |A| for the smaller A, word
3-shingle sets), at what cost, and which rule keeps boilerplate-only overlap
out.

    python3 Benchmarks/compare/dedup_edges_containment.py [--corpus PATH] [--binary PATH]
        [--fixture DIR] [--skip-index]

Three indexes over the 128-value MinHash signatures dedup already computes,
each followed by exact verification of every candidate:

1. a second banding at a lower Jaccard: candidates share a band of `b × r`
   values (64 × 2 is what `LSHBanding.forThreshold(0.3)` gives; 42 × 3 is
   today's for 0.5);
2. LSH Ensemble (E. Zhu, F. Nargesian, K. Q. Pu, R. J. Miller, "LSH Ensemble:
   Internet-Scale Domain Search", VLDB 2016): documents split by size into
   equal-count partitions; the smaller document A queries every partition
   of larger documents with its own `(b, r)` (an LSH Forest of 32 trees × 4
   values allows b ≤ 32, r ≤ 4), chosen to minimise the false-positive plus
   false-negative area in containment space when Jaccard is converted with
   the partition's upper size bound u: s = t·q / (q + u − t·q);
3. asymmetric minwise hashing (A. Shrivastava, P. Li, "Asymmetric Minwise
   Hashing for Indexing Binary Inner Products and Set Containment", WWW
   2015): every indexed set padded with private elements to the largest size
   M, so the collision probability a / (M + q − a) orders candidates by
   |A ∩ B|; A's `(b, r)` chosen like the Ensemble's with u = M (b·r ≤ 128);
   M the largest set, or M = 1000 shingles with larger sets left unindexed.

Candidate counts and recall are expectations under ideal MinHash
(collision probability of a band = s^r), summed over the exact intersection
of every pair of SaudiNewsNet articles that share a shingle (24.5 million
pairs, from a sparse product). They run a little above what `dedup`
verifies (which leaves out exact copies): 29,592 expected at 42 × 3 against
the 23,728 the CLI reports; 126,436 at 64 × 2 against 85,003.
Cost: candidates, and merge steps to verify them (|A| + |B| per candidate).

Then the verification rule, measured on the fixture (positives by edit
kind, boilerplate-only negatives) and on SaudiNewsNet (pairs gained): a
containment threshold C, a minimum number of shared shingles, and three
boilerplate filters (shingles in many documents ignored; lines that repeat
across documents removed first; both).
"""
import argparse
import collections
import sys
import time

import numpy as np

from dedup_edges_common import CACHE, DEFAULT_BINARY, ShingleSets, corpus_path, corpus_shingles, inverted_pairs
from dedup_edges_eval import Fixture

K = 128


def band_probability(s, b, r):
    s = np.clip(s, 0.0, 1.0)
    return 1.0 - (1.0 - s ** r) ** b


def banding_for_threshold(t, k=K, miss=0.005):
    """Port of LSHBanding.forThreshold."""
    grid = (np.arange(200) + 0.5) * t / 200
    best = None
    for r in range(1, k + 1):
        b = k // r
        m = 1 - band_probability(t, b, r)
        fp = float(band_probability(grid, b, r).mean() * t)
        if best is None:
            best = (b, r, m, fp)
            continue
        meets, current = m <= miss, best[2] <= miss
        if (meets and not current) or (meets and current and fp < best[3]) or (not meets and not current and m < best[2]):
            best = (b, r, m, fp)
    return best[0], best[1]


def choose_params(q, u, t, configurations, steps=64, fn_weight=1.0):
    """The (b, r) minimising false-positive + fn_weight × false-negative area over containment in [0, 1]
    for a query of q shingles against sets of at most u shingles (Zhu et al. 2016, §5, with weight 1)."""
    ts = (np.arange(steps) + 0.5) / steps
    js = ts * q / (q + u - ts * q)
    best, best_err = None, None
    for b, r in configurations:
        p = band_probability(js, b, r)
        err = (p * (ts < t)).sum() / steps + fn_weight * ((1 - p) * (ts >= t)).sum() / steps
        if best_err is None or err < best_err:
            best, best_err = (b, r), err
    return best


FOREST = [(b, r) for r in range(1, 5) for b in range(1, 33)]           # LSH Forest, 32 trees × 4
FLAT = [(b, r) for r in range(1, 17) for b in range(1, K // r + 1)]    # any b × r ≤ 128


class PairTable:
    """Every pair of documents sharing a shingle: sizes (small, large) and the intersection."""

    def __init__(self, a, b, shared, sizes):
        sa, sb = sizes[a], sizes[b]
        swap = sa > sb
        self.small_doc = np.where(swap, b, a)
        self.large_doc = np.where(swap, a, b)
        self.q = np.minimum(sa, sb).astype(np.float64)
        self.x = np.maximum(sa, sb).astype(np.float64)
        self.shared = shared.astype(np.float64)
        self.jaccard = self.shared / (self.q + self.x - self.shared)
        self.containment = self.shared / np.maximum(self.q, 1)


def ensemble_probabilities(table, sizes, partitions, t, min_size, configurations=FOREST, padded=None, fn_weight=1.0):
    """Expected candidate probability of each pair under LSH Ensemble with `partitions`
    equal-count size partitions (or asymmetric minwise hashing when `padded` = M)."""
    eligible = sizes[sizes >= min_size]
    if padded is None:
        edges = np.quantile(eligible, np.linspace(0, 1, partitions + 1))
        edges[-1] = sizes.max()
        uppers = edges[1:]
        part = np.clip(np.searchsorted(uppers, table.x, side='left'), 0, partitions - 1)
        u_of = uppers[part]
    else:
        u_of = np.full_like(table.x, float(padded))
    # Quantize q (5% steps) to choose parameters once per (q bucket, u).
    qb = np.round(np.log(np.maximum(table.q, 1)) / np.log(1.05)).astype(np.int64)
    key = qb * 1_000_003 + u_of.astype(np.int64)
    unique_keys, inverse = np.unique(key, return_inverse=True)
    b_of = np.zeros(len(unique_keys))
    r_of = np.zeros(len(unique_keys))
    for k, code in enumerate(unique_keys):
        q = 1.05 ** (code // 1_000_003)
        u = float(code % 1_000_003)
        b, r = choose_params(q, u, t, configurations, fn_weight=fn_weight)
        b_of[k], r_of[k] = b, r
    # The pair collides on the real Jaccard (ensemble) or on the padded similarity (asymmetric).
    if padded is None:
        s = table.jaccard
    else:
        s = table.shared / (padded + table.q - table.shared)
    p = band_probability(s, b_of[inverse], r_of[inverse])
    if padded is not None:
        p = np.where(table.x <= padded, p, 0.0)   # larger sets cannot be padded to M: not indexed
    return np.where(table.q >= min_size, p, 0.0)


# ---------------------------------------------------------------- verification rule

def filtered_sets(sets, keep_mask, minimum=10):
    """Each document's shingles where keep_mask holds, or all of them when fewer than `minimum` would be left."""
    sizes = sets.sizes()
    doc = np.repeat(np.arange(len(sets)), sizes)
    kept = np.bincount(doc[keep_mask], minlength=len(sets))
    use = keep_mask | (kept < minimum)[doc]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(doc[use], minlength=len(sets)))])
    return ShingleSets(sets.flat[use], offsets, sets.word_counts)


def without_repeated_lines(lines_of_docs, min_docs, k=3):
    """Shingle sets of the documents with every line that is, word for word, a line of `min_docs`
    or more documents removed first (documents left with fewer than 10 shingles keep all lines)."""
    from dedup_edges_common import Vocabulary, shingle_hashes
    counts = collections.Counter()
    for lines in lines_of_docs:
        for key in {' '.join(l) for l in lines if l}:
            counts[key] += 1
    vocabulary = Vocabulary()
    parts, offsets = [], [0]
    for lines in lines_of_docs:
        kept = [w for l in lines if l and counts[' '.join(l)] < min_docs for w in l]
        s = np.unique(shingle_hashes(vocabulary.ids(kept), k))
        if len(s) < 10:
            s = np.unique(shingle_hashes(vocabulary.ids([w for l in lines for w in l]), k))
        parts.append(s)
        offsets.append(offsets[-1] + len(s))
    return ShingleSets(np.concatenate(parts), np.asarray(offsets), np.zeros(len(lines_of_docs), dtype=np.int64))


def rule_variants(sets, lines_of_docs, df_caps=(20, 50, 100), line_counts=(5, 10)):
    """(name, shingle sets) for each boilerplate filter."""
    values, inverse, df = np.unique(sets.flat, return_inverse=True, return_counts=True)
    variants = [('no filter', sets)]
    for cap in df_caps:
        variants.append((f'shingles in more than {cap} documents ignored', filtered_sets(sets, df[inverse] <= cap)))
    if lines_of_docs is not None:
        for count in line_counts:
            variants.append((f'lines repeated in {count}+ documents removed', without_repeated_lines(lines_of_docs, count)))
    return variants


def match_rule(table, c, m, jaccard=0.5):
    """J ≥ jaccard, or C ≥ c with at least m shared shingles (A the smaller set)."""
    return (table.jaccard >= jaccard) | ((table.containment >= c) & (table.shared >= m))


def rule_study(args, corpus, fixture, fsets, findex, sets, table, emit):
    """The verification rule: thresholds and boilerplate filters, on the fixture and on SaudiNewsNet."""
    from dedup_edges_common import line_terms
    fids = {v: k for k, v in findex.items()}
    n = len(fids)
    positives = [(d['doc'], d['of'], d['kind']) for d in fixture.docs if d['role'] == 'copy']
    negatives = [(p['pair'][0], p['pair'][1], p['kind']) for p in fixture.pairs if p['label'] == 'distinct']
    groups = {'boilerplate': ('boilerplate-block', 'boilerplate-heavy', 'agency-paragraph', 'related-links', 'dateline-footer'),
              'templates': ('template-execution', 'template-weather', 'template-cable')}
    hard = ['truncation-30-50', 'deletion-3', 'insertion-3', 'mixed']
    grid = [(0.6, 10), (0.7, 10), (0.8, 10), (0.8, 20), (0.9, 10)]

    def code(a, b):
        x, y = findex[a], findex[b]
        return min(x, y) * n + max(x, y)

    flines = line_terms(fixture.folder / 'documents.jsonl', args.binary)
    emit()
    emit('Fixture, pair by pair (before grouping): original-copy pairs matched, and labelled negatives matched, '
         'by J ≥ 0.5 or (C ≥ c and s shared shingles):')
    emit()
    emit('| filter | c, s | all edits | ' + ' | '.join(hard) + ' | boilerplate-heavy | other boilerplate | templates |')
    emit('|---|---|---|' + '---|' * (len(hard) + 3))
    for name, fs in rule_variants(fsets, flines):
        pairs, shared = inverted_pairs(fs, min_shared=1)
        ft = PairTable(pairs[:, 0], pairs[:, 1], shared, fs.sizes())
        codes = np.minimum(ft.small_doc, ft.large_doc) * n + np.maximum(ft.small_doc, ft.large_doc)
        for c, m in [(None, None)] + grid:
            matched = ft.jaccard >= 0.5 if c is None else match_rule(ft, c, m)
            hit = set(codes[matched].tolist())
            found = collections.Counter(k for a, b, k in positives if code(a, b) in hit)
            total = collections.Counter(k for a, b, k in positives)
            bad = collections.Counter(k for a, b, k in negatives if code(a, b) in hit)
            cells = [f'{100 * sum(found.values()) / sum(total.values()):.1f}%']
            cells += [f'{100 * found[k] / total[k]:.1f}%' for k in hard]
            cells.append(str(bad['boilerplate-heavy']))
            cells.append(str(sum(bad[k] for k in groups['boilerplate'] if k != 'boilerplate-heavy')))
            cells.append(str(sum(bad[k] for k in groups['templates'])))
            emit(f'| {name} | {"J ≥ 0.5 only" if c is None else f"{c}, {m}"} | ' + ' | '.join(cells) + ' |')

    # SaudiNewsNet: pairs each rule matches, and what the filters take away.
    lines = line_terms(corpus, args.binary)
    emit()
    emit('SaudiNewsNet, pair by pair: pairs matched by J ≥ 0.5, added by C ≥ c (s shared) with J < 0.5, and pairs of the '
         'unfiltered rule a filter loses:')
    emit()
    emit('| filter | J ≥ 0.5 | + C ≥ 0.7, 10 | + C ≥ 0.8, 10 | + C ≥ 0.8, 20 | + C ≥ 0.9, 10 | lost (C ≥ 0.8, 10) | gained (C ≥ 0.8, 10) |')
    emit('|---|---|---|---|---|---|---|---|')
    base = None
    nn = len(sets)
    for name, cs in rule_variants(sets, lines, df_caps=(20, 50, 100), line_counts=(5, 10)):
        t = table if name == 'no filter' else None
        if t is None:
            pairs, shared = inverted_pairs(cs, min_shared=1)
            t = PairTable(pairs[:, 0], pairs[:, 1], shared, cs.sizes())
        jm = t.jaccard >= 0.5
        cells = [f'{int(jm.sum()):,}']
        for c, m in ((0.7, 10), (0.8, 10), (0.8, 20), (0.9, 10)):
            cells.append(f'{int((match_rule(t, c, m) & ~jm).sum()):,}')
        sel = match_rule(t, 0.8, 10)
        lo, hi = np.minimum(t.small_doc, t.large_doc)[sel], np.maximum(t.small_doc, t.large_doc)[sel]
        matched = set((lo * nn + hi).tolist())
        if base is None:
            base = matched
        cells.append(f'{len(base - matched):,}')
        cells.append(f'{len(matched - base):,}')
        emit(f'| {name} | ' + ' | '.join(cells) + ' |')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--corpus')
    parser.add_argument('--binary', default=str(DEFAULT_BINARY))
    parser.add_argument('--fixture', default=str(CACHE / 'fixture'))
    parser.add_argument('--skip-index', action='store_true', help='only the verification rule')
    args = parser.parse_args()
    corpus = corpus_path(args.corpus)
    ids, sets, words = corpus_shingles(corpus, args.binary)
    sizes = sets.sizes()
    z = np.load(CACHE / 'snn-pairs-all.npz') if (CACHE / 'snn-pairs-all.npz').exists() else None
    if z is None:
        pairs, shared = inverted_pairs(sets, min_shared=1)
        np.savez(CACHE / 'snn-pairs-all.npz', a=pairs[:, 0].astype(np.int32), b=pairs[:, 1].astype(np.int32),
                 shared=shared.astype(np.int32))
        z = np.load(CACHE / 'snn-pairs-all.npz')
    table = PairTable(z['a'].astype(np.int64), z['b'].astype(np.int64), z['shared'], sizes)
    report = []

    def emit(line=''):
        print(line)
        report.append(line)

    emit(f'SaudiNewsNet: {len(sizes)} documents, {int(sizes.sum())} shingles, {len(table.q)} pairs share one or more.')
    # Fixture pair table.
    fixture = Fixture(args.fixture)
    fsets, findex = fixture.shingle_sets(args.binary)
    fpairs, fshared = inverted_pairs(fsets, min_shared=1)
    ftable = PairTable(fpairs[:, 0], fpairs[:, 1], fshared, fsets.sizes())
    fids = {v: k for k, v in findex.items()}
    pair_kind = {}
    for d in fixture.docs:
        if d['role'] == 'copy':
            pair_kind[frozenset((d['doc'], d['of']))] = d['kind']
    negative_kind = {frozenset(p['pair']): p['kind'] for p in fixture.pairs if p['label'] == 'distinct'}
    fkind = np.array([pair_kind.get(frozenset((fids[a], fids[b])), negative_kind.get(frozenset((fids[a], fids[b])), ''))
                      for a, b in zip(ftable.small_doc, ftable.large_doc)], dtype=object)

    if not args.skip_index:
        index_study(table, ftable, fkind, sizes, fsets, emit)
    rule_study(args, corpus, fixture, fsets, findex, sets, table, emit)
    (CACHE / 'containment.md').write_text('\n'.join(report) + '\n')


def index_study(table, ftable, fkind, sizes, fsets, emit):
    # ------------------------------------------------ indexes: candidates, cost, recall
    settings = []
    for b, r in ((42, 3), (64, 2), (32, 4), (128, 1)):
        settings.append((f'banding {b} × {r}', lambda tb, s, b=b, r=r: band_probability(tb.jaccard, b, r)))
    t = 0.8
    for parts, weight in ((32, 1), (8, 16), (32, 16)):
        settings.append((f'LSH Ensemble, {parts} partitions, t = {t}, FN weight {weight}',
                         lambda tb, s, parts=parts, weight=weight: ensemble_probabilities(tb, s, parts, t, 10, fn_weight=weight)))
    for pad, weight in ((None, 1), (1000, 16)):
        label = 'M = largest set' if pad is None else f'M = {pad} (larger sets not indexed)'
        settings.append((f'asymmetric minwise, {label}, t = {t}, FN weight {weight}',
                         lambda tb, s, pad=pad, weight=weight: ensemble_probabilities(
                             tb, s, 1, t, 10, FLAT, padded=int(s.max()) if pad is None else pad, fn_weight=weight)))
    ground = []
    for c in (0.7, 0.8):
        ground.append((f'C ≥ {c}', (table.containment >= c) & (table.shared >= 10)))
    ground.append(('C ≥ 0.8 and J < 0.5', (table.containment >= 0.8) & (table.shared >= 10) & (table.jaccard < 0.5)))
    fixture_kinds = ['truncation-30-50', 'truncation-50-70', 'insertion-3', 'deletion-3', 'mixed']
    emit()
    emit('| index | expected candidates (SaudiNewsNet) | merge steps to verify | '
         + ' | '.join(f'recall {g}' for g, _ in ground) + ' | ' + ' | '.join(f'fixture {k}' for k in fixture_kinds) + ' |')
    emit('|---|---|---|' + '---|' * (len(ground) + len(fixture_kinds)))
    probabilities = {}
    for name, fn in settings:
        start = time.time()
        p = fn(table, sizes)
        fp = fn(ftable, fsets.sizes())
        probabilities[name] = p
        cand = p.sum()
        steps = (p * (table.q + table.x)).sum()
        cells = [f'{100 * p[g].mean():.2f}%' for _, g in ground]
        for kind in fixture_kinds:
            sel = fkind == kind
            cells.append(f'{100 * fp[sel].mean():.1f}%' if sel.any() else '-')
        emit(f'| {name} | {cand:,.0f} | {steps / 1e6:,.1f} M | ' + ' | '.join(cells) + ' |')
        print(f'   ({time.time() - start:.1f} s)', file=sys.stderr)
    for g, sel in ground:
        emit(f'{g}: {int(sel.sum())} pairs')

    # Recall by size of the contained document and by size ratio, banding 64 × 2 vs Ensemble.
    emit()
    emit('Recall on SaudiNewsNet pairs with C ≥ 0.8 (10+ shared shingles), by the smaller document\'s shingles and by |A|/|B|:')
    emit()
    truth = (table.containment >= 0.8) & (table.shared >= 10)
    qbins = [10, 20, 50, 100, 200, 400, 100000]
    rbins = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01]
    chosen = ['banding 42 × 3', 'banding 64 × 2', 'LSH Ensemble, 32 partitions, t = 0.8, FN weight 16',
              'asymmetric minwise, M = 1000 (larger sets not indexed), t = 0.8, FN weight 16']
    emit('| |A| shingles | pairs | ' + ' | '.join(chosen) + ' |')
    emit('|---|---|' + '---|' * len(chosen))
    for lo, hi in zip(qbins[:-1], qbins[1:]):
        sel = truth & (table.q >= lo) & (table.q < hi)
        emit(f'| {lo}–{hi if hi < 100000 else "…"} | {int(sel.sum())} | '
             + ' | '.join(f'{100 * probabilities[c][sel].mean():.1f}%' if sel.any() else '-' for c in chosen) + ' |')
    emit()
    emit('| |A|/|B| | pairs | ' + ' | '.join(chosen) + ' |')
    emit('|---|---|' + '---|' * len(chosen))
    ratio = table.q / table.x
    for lo, hi in zip(rbins[:-1], rbins[1:]):
        sel = truth & (ratio >= lo) & (ratio < hi)
        emit(f'| {lo}–{min(hi, 1)} | {int(sel.sum())} | '
             + ' | '.join(f'{100 * probabilities[c][sel].mean():.1f}%' if sel.any() else '-' for c in chosen) + ' |')



if __name__ == '__main__':
    main()
