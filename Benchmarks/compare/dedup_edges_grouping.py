#!/usr/bin/env python3
"""Grouping that does not chain (issue 16, part b): union-find, center and
star clustering of verified duplicate pairs, measured side by side.

    python3 Benchmarks/compare/dedup_edges_grouping.py [--corpus PATH] [--binary PATH] [--fixture DIR]

Pairs (exact, from the shingle sets: the ideal index): A and B are **near**
when J(A, B) ≥ 0.5; B **contains** A when |A ∩ B| / |A| ≥ 0.8 with 10 or more
shared shingles (A the smaller set). Exact copies (same normalized words) are
collapsed to their first document first. A document R **covers** D when D is
an exact copy of R, near R, or contained in R: dropping D while keeping R
loses no text that R does not (nearly) hold.

Groupings compared (each with and without containment pairs):

* connected: union-find over all pairs (today's default);
* center: documents by word count, longest first (ties: input order); an
  ungrouped document becomes a center and takes every ungrouped document
  it covers (today's `--grouping center`, plus containment);
* star: Aslam, Pelekhov and Rus, "The star clustering algorithm for static
  and dynamic information organization", Journal of Graph Algorithms and
  Applications 8(1), 2004: documents by the number of documents they cover
  (exact copies counted), most first (ties: more words, then input order);
  an ungrouped document becomes a center and takes every ungrouped document
  it covers. Unlike the paper, a satellite joins only its first center (a
  partition, not overlapping clusters);
* star, greedy: as star, but the count is recomputed over ungrouped
  documents after every center (a lazy priority queue).

Every member of a center or star group is covered by its representative, so
keeping the representatives (and the documents without group) removes no
text that has no near copy kept.

Measured: the fixture's pairwise scores (dedup_edges_eval.py); the edits of
dedup_defaults.py (every original with its six edited copies in one batch);
SaudiNewsNet: groups, copies, members below the thresholds to their
representative, and the execution announcements.
"""
import argparse
import collections
import heapq
import json
import random
import re

import numpy as np

from dedup_edges_common import (CACHE, DEFAULT_BINARY, ShingleSets, corpus_path, corpus_shingles, inverted_pairs,
                                read_jsonl, terms_of)
from dedup_edges_eval import Fixture, format_report, group_summary, score_groups

JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHARED = 10


class Graph:
    """Verified pairs among the heads of exact-copy sets."""

    def __init__(self, words, sets, pairs=None, shared=None, containment=True, symmetric=False):
        n = len(words)
        self.n = n
        self.word_counts = np.array([len(w) for w in words])
        first = {}
        self.head = np.arange(n)
        for i, w in enumerate(words):
            key = ' '.join(w)
            if key in first:
                self.head[i] = first[key]
            else:
                first[key] = i
        if pairs is None:
            pairs, shared = inverted_pairs(sets, min_shared=1)
        sizes = sets.sizes()
        a, b = pairs[:, 0], pairs[:, 1]
        keep = (self.head[a] == a) & (self.head[b] == b)
        a, b, s = a[keep], b[keep], shared[keep].astype(np.float64)
        na, nb = sizes[a], sizes[b]
        jac = s / (na + nb - s)
        c_ab = s / np.maximum(na, 1)  # share of a inside b
        c_ba = s / np.maximum(nb, 1)
        near = jac >= JACCARD
        a_in_b = containment & (c_ab >= CONTAINMENT) & (s >= MIN_SHARED) & (na <= nb)
        b_in_a = containment & (c_ba >= CONTAINMENT) & (s >= MIN_SHARED) & (nb < na)
        use = near | a_in_b | b_in_a
        self.edges = list(zip(a[use].tolist(), b[use].tolist(), jac[use].tolist(), c_ab[use].tolist(),
                              c_ba[use].tolist(), near[use].tolist(), a_in_b[use].tolist(), b_in_a[use].tolist()))
        # covers[r] = documents r covers (near either way, or contained in r)
        self.covers = collections.defaultdict(list)
        self.similarity = {}
        for x, y, j, cxy, cyx, is_near, x_in_y, y_in_x in self.edges:
            if is_near or x_in_y or (symmetric and y_in_x):
                self.covers[y].append(x)
            if is_near or y_in_x or (symmetric and x_in_y):
                self.covers[x].append(y)
            self.similarity[(x, y)] = (j, cxy)   # (Jaccard, share of x inside y)
            self.similarity[(y, x)] = (j, cyx)
        self.copies = collections.Counter(self.head.tolist())   # exact-copy set sizes by head

    def relation(self, member, representative):
        """(Jaccard, share of member inside representative) between two heads."""
        if member == representative:
            return (1.0, 1.0)
        return self.similarity.get((member, representative))


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group(graph, method):
    """{doc: group representative} for every document in a group of two or more, by `method`."""
    n = graph.n
    heads = [i for i in range(n) if graph.head[i] == i]
    rep_of_head = {}
    if method == 'connected':
        sets = UnionFind(n)
        for x, y, *_ in graph.edges:
            sets.union(x, y)
        members = collections.defaultdict(list)
        for h in heads:
            members[sets.find(h)].append(h)
        for group_heads in members.values():
            # Representative: the longest (most words), ties the first; counted over all documents below.
            for h in group_heads:
                rep_of_head[h] = group_heads[0]
    else:
        if method == 'center':
            order = sorted(heads, key=lambda h: (-graph.word_counts[h], h))
            assigned = set()
            for h in order:
                if h in assigned:
                    continue
                assigned.add(h)
                rep_of_head[h] = h
                for m in graph.covers.get(h, ()):
                    if m not in assigned:
                        assigned.add(m)
                        rep_of_head[m] = h
        elif method in ('star', 'star-weighted', 'star-jaccard'):
            def degree(h):
                return sum(graph.copies[m] for m in graph.covers.get(h, ())) + graph.copies[h] - 1

            def weight(h):
                # Sum over covered documents of the share of their shingles the candidate holds
                # (Jaccard for near copies, containment for contained ones), exact copies counting 1 each.
                total = graph.copies[h] - 1
                for m in graph.covers.get(h, ()):
                    j, c = graph.relation(m, h)
                    total += graph.copies[m] * (j if j >= JACCARD else c)
                return total
            def jaccard_sum(h):
                # Sum over covered documents of their Jaccard similarity to the candidate (exact copies count 1).
                return graph.copies[h] - 1 + sum(graph.copies[m] * graph.relation(m, h)[0] for m in graph.covers.get(h, ()))
            if method == 'star':
                order = sorted(heads, key=lambda h: (-degree(h), -graph.word_counts[h], h))
            elif method == 'star-jaccard':
                order = sorted(heads, key=lambda h: (-jaccard_sum(h), -degree(h), -graph.word_counts[h], h))
            else:
                order = sorted(heads, key=lambda h: (-degree(h), -weight(h), -graph.word_counts[h], h))
            assigned = set()
            for h in order:
                if h in assigned:
                    continue
                assigned.add(h)
                rep_of_head[h] = h
                for m in graph.covers.get(h, ()):
                    if m not in assigned:
                        assigned.add(m)
                        rep_of_head[m] = h
        elif method == 'star-greedy':
            assigned = set()

            def live_degree(h):
                return sum(graph.copies[m] for m in graph.covers.get(h, ()) if m not in assigned) + graph.copies[h] - 1
            heap = [(-live_degree(h), -graph.word_counts[h], h) for h in heads]
            heapq.heapify(heap)
            while heap:
                d, w, h = heapq.heappop(heap)
                if h in assigned:
                    continue
                current = live_degree(h)
                if -d != current:
                    heapq.heappush(heap, (-current, w, h))
                    continue
                assigned.add(h)
                rep_of_head[h] = h
                for m in graph.covers.get(h, ()):
                    if m not in assigned:
                        assigned.add(m)
                        rep_of_head[m] = h
        else:
            raise ValueError(method)
    # Every document joins its head's group; groups of one are no groups.
    groups = collections.defaultdict(list)
    for i in range(n):
        groups[rep_of_head.get(graph.head[i], graph.head[i])].append(i)
    result = {}
    for rep_head, members in groups.items():
        if len(members) < 2:
            continue
        if method == 'connected':
            rep = max(members, key=lambda m: (graph.word_counts[m], -m))
        else:
            rep = rep_head
        for m in members:
            result[m] = rep
    return result


def records_of(graph, ids, assignment, sets):
    """dedup --format jsonl records, plus "containment" (the share of the smaller of member and
    representative inside the other) and "below" (the member is neither near its representative nor,
    with containment, in a containment relation with it at the thresholds)."""
    cluster_numbers = {}
    records = {}
    for i in range(graph.n):
        rep = assignment.get(i)
        key = rep if rep is not None else ('single', i)
        if key not in cluster_numbers:
            cluster_numbers[key] = len(cluster_numbers) + 1
        record = {'id': ids[i], 'cluster': cluster_numbers[key], 'representative': rep is None or rep == i,
                  'similarity': 1.0, 'containment': None, 'role': 'unique', 'duplicate_of': None}
        if rep is not None:
            if rep == i:
                record['role'] = 'representative'
            elif graph.head[i] == graph.head[rep]:
                record.update(role='exact', duplicate_of=ids[rep])
            else:
                a, b = int(graph.head[i]), int(graph.head[rep])
                shared = sets.intersection(a, b)
                na, nb = len(sets.get(a)), len(sets.get(b))
                j = shared / (na + nb - shared)
                member_in_rep, rep_in_member = shared / max(na, 1), shared / max(nb, 1)
                if j >= JACCARD:
                    role = 'near'
                elif na <= nb and member_in_rep >= CONTAINMENT and shared >= MIN_SHARED:
                    role = 'contained_in'
                elif nb < na and rep_in_member >= CONTAINMENT and shared >= MIN_SHARED:
                    role = 'contains'
                else:
                    role = 'below'
                record.update(similarity=j, containment=member_in_rep if na <= nb else rep_in_member,
                              duplicate_of=ids[rep], role=role)
        records[ids[i]] = record
    return records


def below_count(records, containment):
    """Members below the thresholds to their representative (containment pairs count when allowed)."""
    allowed = {'near'} | ({'contained_in', 'contains'} if containment else set())
    return sum(1 for r in records.values() if r['role'] in ('near', 'contained_in', 'contains', 'below')
               and r['role'] not in allowed)


def write_records(records, path):
    with open(path, 'w', encoding='utf-8') as f:
        for r in records.values():
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def defaults_edits_batch(records, binary, count=1500, seed=7):
    """The edits of dedup_defaults.py (header and footer, a sentence added, a sentence cut, the ending
    truncated to 75%, 5% and 10% of words edited), each original with its six copies, one JSON Lines file."""
    rng = random.Random(seed)
    sample = [r for r in rng.sample(records, 4 * count) if len(r['content'].split()) >= 80][:count]
    donors = rng.sample(records, len(sample))
    footer = 'لمزيد من الأخبار تابعونا على تويتر وفيسبوك وإنستغرام ويوتيوب وتيليجرام جميع الحقوق محفوظة'

    def sentences(t):
        return [s for s in re.split(r'(?<=[.!؟])\s+', t) if s.strip()]

    def add_sentence(t, donor):
        parts, extra = sentences(t), sentences(donor)
        extra = max(extra, key=len) if extra else ''
        parts.insert(len(parts) // 2, extra)
        return ' '.join(parts)

    def cut_sentence(t):
        parts = sentences(t)
        if len(parts) > 2:
            del parts[len(parts) // 2]
        return ' '.join(parts)

    def noise(t, rate):
        words = t.split()
        out = []
        for w in words:
            roll = rng.random()
            if roll < rate / 3:
                out.append(rng.choice(words))
            elif roll < 2 * rate / 3:
                continue
            elif roll < rate:
                out += [w, rng.choice(words)]
            else:
                out.append(w)
        return ' '.join(out)

    path = CACHE / 'defaults-edits.jsonl'
    with open(path, 'w', encoding='utf-8') as f:
        for n, (r, d) in enumerate(zip(sample, donors)):
            t = r['content']
            copies = {'o': t, 'header-footer': 'الرياض - واس\n' + t + '\n' + footer,
                      'sentence-added': add_sentence(t, d['content']), 'sentence-cut': cut_sentence(t),
                      'truncated-75': ' '.join(t.split()[:int(0.75 * len(t.split()))]),
                      'words-5': noise(t, 0.05), 'words-10': noise(t, 0.10)}
            for kind, text in copies.items():
                f.write(json.dumps({'id': f'd{n:04d}-{kind}', 'content': text}, ensure_ascii=False) + '\n')
    return path


def family_recall(ids, assignment):
    """Pairwise recall and precision of families named by the id prefix before '-'."""
    family = [i.split('-')[0] for i in ids]
    by_family = collections.defaultdict(list)
    for k, f in enumerate(family):
        by_family[f].append(k)
    tp = fn = 0
    per_kind = collections.Counter()
    total_kind = collections.Counter()
    for members in by_family.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                together = assignment.get(a) is not None and assignment.get(a) == assignment.get(b)
                tp += together
                fn += not together
                if ids[a].endswith('-o'):
                    kind = ids[b].split('-', 1)[1]
                    total_kind[kind] += 1
                    per_kind[kind] += together
    fp = 0
    groups = collections.defaultdict(list)
    for doc, rep in assignment.items():
        groups[rep].append(doc)
    for members in groups.values():
        fams = collections.Counter(family[m] for m in members)
        size = len(members)
        fp += size * (size - 1) // 2 - sum(c * (c - 1) // 2 for c in fams.values())
    return tp / (tp + fn), tp / max(tp + fp, 1), {k: per_kind[k] / total_kind[k] for k in total_kind}


def cli_assignment(binary, path, args=()):
    import subprocess
    out = subprocess.run([str(binary), 'dedup', '--format', 'jsonl', '--text-field', 'content', '--id-field', 'id',
                          *args, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    recs = [json.loads(l) for l in out if l.strip()]
    index = {r['id']: k for k, r in enumerate(recs)}
    clusters = collections.Counter(r['cluster'] for r in recs)
    return {index[r['id']]: r['cluster'] for r in recs if clusters[r['cluster']] > 1}


METHODS = ['connected', 'center', 'star', 'star-weighted', 'star-jaccard', 'star-greedy']
PAIRS = [('J ≥ 0.5', False, False, None),
         ('J ≥ 0.5 or C ≥ 0.8, kept holds removed', True, False, None),
         ('J ≥ 0.5 or C ≥ 0.8, either way', True, True, None),
         ('as above, lines of 10+ documents removed first', True, True, 10)]


def filtered(sets, lines_of_docs, min_docs):
    """The shingle sets with repeated lines removed first (dedup_edges_containment.without_repeated_lines)."""
    if min_docs is None:
        return sets
    from dedup_edges_containment import without_repeated_lines
    return without_repeated_lines(lines_of_docs, min_docs)


def kept_set_check(graph, assignment, sets, records, ids):
    """The --write-unique rule: keep every document without a group, every representative, and every member
    that holds its representative without being near it (role `contains`). Returns (kept, removed, removed
    documents with no kept document they are exact, near (J ≥ 0.5) or contained (C ≥ 0.8, 10+ shared) in)."""
    kept = [i for i in range(graph.n) if records[ids[i]]['role'] in ('unique', 'representative', 'contains')]
    kept_set = set(kept)
    orphans = 0
    for i in range(graph.n):
        if i in kept_set:
            continue
        rep = assignment[i]
        a, b = int(graph.head[i]), int(graph.head[rep])
        if a == b:
            continue
        shared = sets.intersection(a, b)
        na, nb = len(sets.get(a)), len(sets.get(b))
        if shared / (na + nb - shared) >= JACCARD or (shared / max(na, 1) >= CONTAINMENT and shared >= MIN_SHARED):
            continue
        orphans += 1
    return len(kept), graph.n - len(kept), orphans


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--corpus')
    parser.add_argument('--binary', default=str(DEFAULT_BINARY))
    parser.add_argument('--fixture', default=str(CACHE / 'fixture'))
    args = parser.parse_args()
    corpus = corpus_path(args.corpus)
    report = []

    def emit(line=''):
        print(line)
        report.append(line)

    # 1. The fixture.
    fixture = Fixture(args.fixture)
    fids, fwords = terms_of(fixture.folder / 'documents.jsonl', args.binary)
    fsets, _ = fixture.shingle_sets(args.binary)
    emit('Fixture: pairwise precision and recall (templated bulletins left out, then in), and the hardest edits:')
    emit()
    emit('| grouping | pairs | precision | recall | F1 | precision with templates | truncation-30-50 | deletion-3 | copy-copy | '
         'hard negatives put together | below the thresholds |')
    emit('|---|---|---|---|---|---|---|---|---|---|---|')
    from dedup_edges_common import line_terms
    flines = line_terms(fixture.folder / 'documents.jsonl', args.binary)
    for pairs_name, containment, symmetric, line_filter in PAIRS:
        gsets = filtered(fsets, flines, line_filter)
        graph = Graph(fwords, gsets, containment=containment, symmetric=symmetric)
        for method in METHODS if line_filter is None else ['star']:
            assignment = group(graph, method)
            recs = records_of(graph, fids, assignment, gsets)
            cluster_of = {r['id']: r['cluster'] for r in recs.values()}
            scores = score_groups(fixture, cluster_of, args.binary)
            s, a = scores['without templates'], scores['all']
            kinds = scores['kinds']
            neg = sum(v[0] for k, v in scores['negatives'].items() if not k.startswith('template'))
            below = below_count(recs, containment)
            emit(f'| {method} | {pairs_name} | {s["precision"]:.4f} | {s["recall"]:.4f} | {s["f1"]:.4f} | {a["precision"]:.4f} | '
                 f'{kinds["truncation-30-50"][0]}/{kinds["truncation-30-50"][1]} | {kinds["deletion-3"][0]}/{kinds["deletion-3"][1]} | '
                 f'{scores["copy-copy"][0]}/{scores["copy-copy"][1]} | {neg} | {below} |')
            if symmetric and method == 'star' and line_filter is not None:
                write_records(recs, CACHE / 'fixture-star-lines.jsonl')
            if symmetric and method == 'star' and line_filter is None:
                write_records(recs, CACHE / 'fixture-star.jsonl')
                full = format_report('star, J ≥ 0.5 or C ≥ 0.8 either way (prototype)', scores)
                kept, removed, orphans = kept_set_check(graph, assignment, gsets, recs, fids)
                keep_note = (f'Fixture, star (either way): --write-unique keeps {kept} documents and removes {removed}; '
                             f'{sum(1 for r in recs.values() if r["role"] == "contains")} members are kept because they '
                             f'hold their representative; removed documents without a kept exact, near or containing '
                             f'document: {orphans}.')
    emit()
    emit(keep_note)
    emit()
    emit(full)

    # 2. The edits of dedup_defaults.py, all copies of an original in one batch.
    records = read_jsonl(corpus)
    path = defaults_edits_batch(records, args.binary)
    dids, dwords = terms_of(path, args.binary)
    dsets = ShingleSets.from_words(dwords)
    emit('dedup_defaults.py edits (1,500 originals, each with its six copies in one batch): pairwise recall, precision, '
         'and the original-copy pairs put together by edit:')
    emit()
    kinds = ['header-footer', 'sentence-added', 'sentence-cut', 'truncated-75', 'words-5', 'words-10']
    emit('| grouping | recall | precision | ' + ' | '.join(kinds) + ' |')
    emit('|---|---|---|' + '---|' * len(kinds))
    for name, cli_args in (('arabic-text dedup (connected)', ()), ('arabic-text dedup --grouping center', ('--grouping', 'center'))):
        rec, prec, per = family_recall(dids, cli_assignment(args.binary, path, cli_args))
        emit(f'| {name} | {rec:.4f} | {prec:.4f} | ' + ' | '.join(f'{100 * per[k]:.1f}%' for k in kinds) + ' |')
    dlines = line_terms(path, args.binary)
    for pairs_name, containment, symmetric, line_filter in PAIRS:
        gsets = filtered(dsets, dlines, line_filter)
        graph = Graph(dwords, gsets, containment=containment, symmetric=symmetric)
        for method in METHODS if line_filter is None else ['star']:
            rec, prec, per = family_recall(dids, group(graph, method))
            label = f'{method}, {pairs_name} (prototype)'
            emit(f'| {label} | {rec:.4f} | {prec:.4f} | ' + ' | '.join(f'{100 * per[k]:.1f}%' for k in kinds) + ' |')

    # 3. SaudiNewsNet.
    ids, sets, words = corpus_shingles(corpus, args.binary)
    z = np.load(CACHE / 'snn-pairs-all.npz')
    pairs = np.stack([z['a'], z['b']], axis=1).astype(np.int64)
    shared = z['shared'].astype(np.int64)
    executions = [k for k, r in enumerate(records) if re.search(r'حكم القتل|القتل قصاص|القتل تعزير', r['content'])
                  and 'الداخلية' in r['content']]
    emit()
    emit('SaudiNewsNet (exact pairs): groups, copies (grouped documents that are not representatives), members below the '
         'thresholds to their representative, the largest group, and the groups holding the execution announcements:')
    emit()
    emit('| grouping | pairs | groups | copies | below the thresholds | largest | execution announcements: groups, largest, lowest J to its representative |')
    emit('|---|---|---|---|---|---|---|')
    snn_lines = line_terms(corpus, args.binary)
    for pairs_name, containment, symmetric, line_filter in PAIRS:
        gsets = filtered(sets, snn_lines, line_filter)
        if line_filter is None:
            graph = Graph(words, gsets, pairs, shared, containment=containment, symmetric=symmetric)
        else:
            graph = Graph(words, gsets, containment=containment, symmetric=symmetric)
        for method in METHODS if line_filter is None else ['star']:
            assignment = group(graph, method)
            recs = records_of(graph, ids, assignment, gsets)
            summary = group_summary(recs)
            below = below_count(recs, containment)
            ex = collections.defaultdict(list)
            for k in executions:
                if k in assignment:
                    ex[assignment[k]].append(k)
            ex_groups = [v for v in ex.values() if len(v) > 1]
            lowest = min((recs[ids[k]]['similarity'] for v in ex_groups for k in v), default=1.0)
            largest = max((len(v) for v in ex_groups), default=0)
            emit(f'| {method} | {pairs_name} | {summary["groups"]:,} | '
                 f'{summary["copies"]:,} | {below} | {summary["largest"]} | {len(ex_groups)}, {largest}, {lowest:.3f} |')
            if method == 'star' and symmetric and line_filter is None:
                write_records(recs, CACHE / 'snn-star.jsonl')
                kept, removed, orphans = kept_set_check(graph, assignment, gsets, recs, ids)
                snn_note = (f'SaudiNewsNet, star (either way): --write-unique keeps {kept:,} and removes {removed:,}; '
                            f'{sum(1 for r in recs.values() if r["role"] == "contains")} members kept because they hold '
                            f'their representative; removed without a kept exact, near or containing document: {orphans}.')
    emit()
    emit(snn_note)
    (CACHE / 'grouping.md').write_text('\n'.join(report) + '\n')


if __name__ == '__main__':
    main()
