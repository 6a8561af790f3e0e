#!/usr/bin/env python3
"""Line precision for `dedup --lines` (issue 16, part c): today's near-repeat
rule reimplemented, a stricter rule, and star grouping of lines, measured on
SaudiNewsNet, the seeds and the fixture's dateline/footer lines.

    python3 Benchmarks/compare/dedup_edges_lines.py [--corpus PATH] [--binary PATH] [--fixture DIR]

Today (RepeatedLineOptions): a shorter line A (4+ words) nearly repeats B
when A is within floor(0.2 |A|) word edits of a run of consecutive words of
B (a substitution involving a number costs two) that covers at least half
of B; groups are the connected components of exact and near repeats.

Proposed:
* **shared run**: the alignment must match at least 5 words of A (words equal
  in both, in order). Since at most floor(0.2 |A|) edits are allowed, this
  only changes lines of 4 or 5 words: a 4-word line is never a near repeat
  (it still repeats exactly), and a 5-word line nearly repeats B only when
  all its words are in B's run in order (extra words of B inside the run
  are allowed; no word of A dropped or replaced). So "city - site name"
  (5 words) no longer repeats "all rights reserved © 2015 site name".
* **star grouping of lines**: distinct lines (exact copies collapsed) are
  grouped around centers: lines by how many lines they nearly repeat or are
  nearly repeated by (exact copies counted), most first (ties: more copies,
  more words, first occurrence); an ungrouped line becomes a center and takes
  every ungrouped line in a near relation with it. Every line of a group is
  an exact copy or a near repeat of the center's words, so no group joins two
  relations through a third line.

Words: `arabic-text terms --stemmer none --stop-words none` per line (numbers:
tokens of digits), the reimplementation is checked against `dedup --lines`
(groups of today's rule must be the same).
"""
import argparse
import collections
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from dedup_edges_common import CACHE, DEFAULT_BINARY, corpus_path, line_terms, read_jsonl

NUMBER = re.compile(r'^[0-9]+([.,٫٬][0-9]+)*$')
EDIT_FRACTION = 0.2
COVERAGE = 0.5
BIG = 1 << 24


def align(a, b, a_numbers, b_numbers, edits):
    """Semi-global alignment of word ids `a` inside `b` (RepeatedLineFinder._nearlyContained): returns
    (longest run of b within `edits`, the matched words of A on that best path) or None when no run is
    within the budget. Ties prefer the earliest run start, as the Swift kernel does."""
    m, n = len(a), len(b)
    # key = cost * BIG + start (start of the run in b); lower is better.
    idx = np.arange(n + 1, dtype=np.int64)
    key = idx.copy()                       # cost 0, start j
    matches = np.zeros(n + 1, dtype=np.int64)
    for i in range(1, m + 1):
        word, wnum = a[i - 1], a_numbers[i - 1]
        equal = b == word
        sub_cost = np.where(equal, 0, np.where(wnum | b_numbers, 2, 1))
        diag = key[:-1] + sub_cost * BIG                      # to j = 1..n
        diag_match = matches[:-1] + equal
        dele = key[1:] + BIG                                  # word of a missing from b
        cand = np.minimum(diag, dele)
        cand_match = np.where(diag <= dele, diag_match, matches[1:])
        first = np.int64(i * BIG)                             # j = 0: all of a deleted, start 0
        # insertion (extra word of b): new[j] = min(cand[j], new[j-1] + BIG): a prefix minimum of cand - j*BIG.
        shifted = np.concatenate([[first], cand]) - idx * BIG
        best = np.minimum.accumulate(shifted)
        new_key = best + idx * BIG
        # matches along the chosen path: where the prefix minimum came from
        source = np.maximum.accumulate(np.where(shifted == best, idx, 0))
        all_match = np.concatenate([[0], cand_match])
        new_match = all_match[source]
        key, matches = new_key, new_match
        if (key // BIG).min() > edits:
            return None
    cost = key // BIG
    start = key % BIG
    ok = cost <= edits
    if not ok.any():
        return None
    run = np.where(ok, idx - start, -1)
    j = int(np.argmax(run))
    return int(run[j]), int(matches[j])


def near_pairs(lines, numbers, min_words=4, max_words=2000, cache=None):
    """Today's near pairs among distinct lines (word-id tuples): (a, b, run, matched words of a), a the shorter."""
    if cache is not None and cache.exists():
        return [tuple(x) for x in json.loads(cache.read_text())]
    eligible = [k for k, l in enumerate(lines) if min_words <= len(l) <= max_words]
    grams = {}
    for k in eligible:
        l = lines[k]
        grams[k] = sorted({(l[i], l[i + 1]) for i in range(len(l) - 1)})
    postings = collections.defaultdict(list)
    for k in eligible:
        for g in grams[k]:
            postings[g].append(k)
    arrays = {k: np.asarray(lines[k], dtype=np.int64) for k in eligible}
    nums = {k: np.asarray(numbers[k], dtype=bool) for k in eligible}
    found = []
    for count, a in enumerate(eligible):
        la = len(lines[a])
        budget = int(EDIT_FRACTION * la)
        longest = int((la + budget) / COVERAGE)
        ga = grams[a]
        needed = len(ga) - 2 * budget
        required = min(3, needed) if needed > 0 else 1
        probes = sorted(ga, key=lambda g: (len(postings[g]), g))[:2 * budget + required]
        hits = collections.Counter()
        for g in probes:
            for b in postings[g]:
                if b == a:
                    continue
                lb = len(lines[b])
                if lb < la or lb > longest or (lb == la and b < a):
                    continue
                hits[b] += 1
        set_a = set(ga)
        for b, h in hits.items():
            if h < required:
                continue
            if needed > 0 and len(set_a.intersection(grams[b])) < needed:
                continue
            result = align(arrays[a], arrays[b], nums[a], nums[b], budget)
            if result is None:
                continue
            run, matched = result
            if run >= COVERAGE * len(lines[b]) - 1e-9:
                found.append((a, b, run, matched))
        if count % 20000 == 0:
            print(f'   {count}/{len(eligible)} lines, {len(found)} near pairs', file=sys.stderr)
    if cache is not None:
        cache.write_text(json.dumps(found))
    return found


class LineSet:
    """Distinct lines of a collection and where each occurs."""

    def __init__(self, docs_lines, ids):
        vocab = {}
        self.distinct = {}
        self.lines = []
        self.numbers = []
        self.words = []
        self.occurrences = []
        for doc_id, lines in zip(ids, docs_lines):
            for n, words in enumerate(lines, 1):
                if not words:
                    continue
                key = tuple(words)
                k = self.distinct.get(key)
                if k is None:
                    k = len(self.lines)
                    self.distinct[key] = k
                    self.lines.append(tuple(vocab.setdefault(w, len(vocab)) for w in words))
                    self.numbers.append(tuple(bool(NUMBER.match(w)) for w in words))
                    self.words.append(words)
                    self.occurrences.append([])
                self.occurrences[k].append((doc_id, n))


def groups_connected(count, pairs):
    parent = list(range(count))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(k) for k in range(count)]


def groups_star(lineset, pairs):
    """Star grouping of distinct lines (see the module doc): group number per distinct line (its center)."""
    neighbours = collections.defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    copies = [len(o) for o in lineset.occurrences]

    def degree(k):
        return sum(copies[m] for m in neighbours[k]) + copies[k] - 1
    order = sorted(range(len(lineset.lines)),
                   key=lambda k: (-degree(k), -copies[k], -len(lineset.lines[k]), lineset.occurrences[k][0]))
    center = [None] * len(lineset.lines)
    for k in order:
        if center[k] is not None:
            continue
        center[k] = k
        for m in neighbours[k]:
            if center[m] is None:
                center[m] = k
    return center


def line_groups(lineset, group_of):
    """{(doc, line): group key} for lines in groups of two or more lines."""
    members = collections.defaultdict(list)
    for k, occ in enumerate(lineset.occurrences):
        members[group_of[k]].extend(occ)
    out = {}
    for key, occ in members.items():
        if len(occ) >= 2:
            for o in occ:
                out[o] = key
    return out


def pair_set(groups):
    by = collections.defaultdict(list)
    for o, g in groups.items():
        by[g].append(o)
    pairs = set()
    for occ in by.values():
        occ.sort()
        for x in range(len(occ)):
            for y in range(x + 1, len(occ)):
                pairs.add((occ[x], occ[y]))
    return pairs


def cli_line_groups(binary, path, text_field=None):
    args = [str(binary), 'dedup', '--lines', '--format', 'jsonl']
    if text_field:
        args += ['--text-field', text_field, '--id-field', 'id']
    out = subprocess.run(args + [str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    groups = {}
    for line in out:
        r = json.loads(line)
        if 'line' in r:
            groups[(r['id'], r['line'])] = r['group']
    return groups


def same_partition(a, b):
    """Whether two {occurrence: group} maps make the same groups."""
    if set(a) != set(b):
        return False
    return len({(a[o], b[o]) for o in a}) == len(set(a.values())) == len(set(b.values()))


def study(name, docs_lines, ids, emit, cache=None, cli=None, examples=0):
    lineset = LineSet(docs_lines, ids)
    found = near_pairs(lineset.lines, lineset.numbers, cache=cache)
    today = [(a, b) for a, b, run, matched in found]
    strict = [(a, b) for a, b, run, matched in found if matched >= 5]
    variants = {
        'today (connected, 4+ words)': line_groups(lineset, groups_connected(len(lineset.lines), today)),
        'shared run of 5+ words, connected': line_groups(lineset, groups_connected(len(lineset.lines), strict)),
        'today, star': line_groups(lineset, groups_star(lineset, today)),
        'shared run of 5+ words, star': line_groups(lineset, groups_star(lineset, strict)),
    }
    if cli is not None:
        mine = variants['today (connected, 4+ words)']
        differ = len(set(cli) ^ set(mine))
        emit(f'{name}: `dedup --lines` groups {len(cli):,} lines in {len(set(cli.values())):,} groups; the '
             f'reimplementation of today\'s rule {"makes the same groups" if same_partition(mine, cli) else f"differs on {differ} lines"} '
             f'(lines holding e-mail addresses or URLs, which `terms` leaves out).')
    base = variants['today (connected, 4+ words)']
    base_pairs = pair_set(base)
    emit()
    emit(f'{name}: {len(lineset.lines):,} distinct lines, {len(found):,} near pairs of distinct lines today, '
         f'{len(strict):,} with a shared run of 5+ words.')
    emit()
    emit('| rule | groups | lines in groups | line pairs in one group | pairs lost vs today | pairs new | largest group |')
    emit('|---|---|---|---|---|---|---|')
    for label, groups in variants.items():
        pairs = pair_set(groups)
        sizes = collections.Counter(groups.values())
        emit(f'| {label} | {len(sizes):,} | {len(groups):,} | {len(pairs):,} | {len(base_pairs - pairs):,} | '
             f'{len(pairs - base_pairs):,} | {max(sizes.values(), default=0)} |')
    if examples:
        lost = [(a, b, run, matched) for a, b, run, matched in found if matched < 5]
        by_len = collections.Counter(len(lineset.lines[a]) for a, b, r, m in lost)
        emit()
        emit(f'Near pairs the shared-run rule drops, by the shorter line\'s words: {dict(sorted(by_len.items()))}. Examples:')
        emit()
        rng = np.random.default_rng(16)
        for k in rng.choice(len(lost), size=min(examples, len(lost)), replace=False):
            a, b, run, matched = lost[k]
            emit(f'- "{" ".join(lineset.words[a])}" ~ "{" ".join(lineset.words[b])}"')
    return lineset, variants


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--corpus')
    parser.add_argument('--binary', default=str(DEFAULT_BINARY))
    parser.add_argument('--fixture', default=str(CACHE / 'fixture'))
    parser.add_argument('--seeds', default=str(Path(__file__).resolve().parents[2] / 'seeds'))
    args = parser.parse_args()
    report = []

    def emit(line=''):
        print(line)
        report.append(line)

    # The seeds: the expected groups of DuplicateScanTests.seedLines must stay.
    seeds = sorted(Path(args.seeds).glob('*.txt'))
    seed_path = CACHE / 'seeds.jsonl'
    with open(seed_path, 'w', encoding='utf-8') as f:
        for p in seeds:
            f.write(json.dumps({'id': p.name, 'content': p.read_text(encoding='utf-8')}, ensure_ascii=False) + '\n')
    seed_lines = line_terms(seed_path, args.binary)
    _, variants = study('Seeds', seed_lines, [p.name for p in seeds], emit)
    expected = {('000', 1): 1, ('000', 4): 1, **{('001', n): 2 for n in (1, 3, 4, 5, 6, 7, 9)},
                ('002', 2): 3, ('002', 4): 3, ('004', 1): 4, ('004', 4): 4}
    for label, groups in variants.items():
        mine = {(doc[:3], n): g for (doc, n), g in groups.items()}
        emit(f'- seeds, {label}: the expected groups of seedLines {"hold" if same_partition(mine, expected) else "CHANGE"}')

    # The fixture's dateline/footer and headline lines.
    fixture_docs = read_jsonl(Path(args.fixture) / 'documents.jsonl')
    flines = line_terms(Path(args.fixture) / 'documents.jsonl', args.binary)
    _, fvariants = study('Fixture', flines, [d['id'] for d in fixture_docs], emit,
                         cli=cli_line_groups(args.binary, Path(args.fixture) / 'documents.jsonl', 'content'))
    labels = [l for l in read_jsonl(Path(args.fixture) / 'labels.jsonl') if 'lines' in l]
    emit()
    emit('| fixture line pairs | ' + ' | '.join(fvariants) + ' |')
    emit('|---|' + '---|' * len(fvariants))
    kinds = sorted({(l['kind'], l['label']) for l in labels})
    for kind, label in kinds:
        cells = []
        for groups in fvariants.values():
            rows = [l for l in labels if (l['kind'], l['label']) == (kind, label)]
            hit = sum(1 for l in rows if groups.get(tuple(l['lines'][0])) is not None
                      and groups.get(tuple(l['lines'][0])) == groups.get(tuple(l['lines'][1])))
            cells.append(f'{hit}/{len(rows)}')
        emit(f'| {kind} ({label}) | ' + ' | '.join(cells) + ' |')

    # SaudiNewsNet.
    corpus = corpus_path(args.corpus)
    records = read_jsonl(corpus)
    lines = line_terms(corpus, args.binary)
    study('SaudiNewsNet', lines, [r['id'] for r in records], emit, cache=CACHE / 'snn-line-pairs.json',
          cli=cli_line_groups(args.binary, corpus, 'content'), examples=12)
    (CACHE / 'lines.md').write_text('\n'.join(report) + '\n')


if __name__ == '__main__':
    main()
