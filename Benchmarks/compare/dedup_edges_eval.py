#!/usr/bin/env python3
"""Scores duplicate groups against the labeled fixture of
`dedup_edges_fixture.py` (issue 16): `arabic-text dedup` output, or the
groups of a prototype in the same JSON Lines shape.

    python3 Benchmarks/compare/dedup_edges_eval.py [--fixture DIR] [--binary PATH]
        [--run "ARGS"]... [--output dedup.jsonl]... [--lines] [--corpus-groups]

`--run "--grouping center"` runs `arabic-text dedup --format jsonl
--text-field content --id-field id ARGS DIR/documents.jsonl` (add `--lines`
to score repeated lines too); `--output FILE` scores a saved output.
`--corpus-groups` also runs each setting on all of SaudiNewsNet and counts
grouped documents and members below the threshold to their representative.

Scores (pairs are unordered pairs of documents; two documents are "put
together" when the output gives them the same cluster):

* pairwise precision and recall over the labelled pairs: positives are the
  pairs of one family (an original and its copies); negatives every other
  pair except the "ignore" ones. Reported without the templated bulletins
  (the issue's target) and with them.
* recall per edit kind: the original-copy pairs put together.
* hard negatives by kind: labelled "distinct" pairs put together. For the
  templated bulletins they are split into pairs whose own word 3-shingle
  Jaccard reaches the threshold ("direct": near copies of each other but for
  the names) and pairs put together only through others ("chained").
* groups: members whose Jaccard similarity to their representative (as the
  output reports it) is below the threshold; members with the role
  `contained_in` or `contains` (outputs with a `containment` field) count
  when they are also below the containment threshold (`--containment`).
* lines (with `--lines`): labelled line pairs put in one group.
"""
import argparse
import collections
import itertools
import json
import shlex
import subprocess
import time
from pathlib import Path

from dedup_edges_common import CACHE, DEFAULT_BINARY, DEFAULT_CORPUS, ShingleSets, read_jsonl, terms_of

TEMPLATE_KINDS = ('template-execution', 'template-weather', 'template-cable')
EDIT_ORDER = ['truncation-30-50', 'truncation-50-70', 'truncation-70-90', 'insertion-1', 'insertion-2', 'insertion-3',
              'deletion-1', 'deletion-2', 'deletion-3', 'paragraph-swap', 'header-footer', 'mixed']
NEGATIVE_ORDER = ['boilerplate-block', 'boilerplate-heavy', 'agency-paragraph', 'related-links', 'dateline-footer'] + list(TEMPLATE_KINDS)


class Fixture:
    def __init__(self, folder):
        self.folder = Path(folder)
        labels = read_jsonl(self.folder / 'labels.jsonl')
        self.docs = [l for l in labels if 'doc' in l]
        self.by_id = {l['doc']: l for l in self.docs}
        self.pairs = [l for l in labels if 'pair' in l]
        self.lines = [l for l in labels if 'lines' in l]
        self.ignore = {frozenset(p['pair']) for p in self.pairs if p['label'] == 'ignore'}
        self.template_docs = {d['doc'] for d in self.docs if d['kind'] in TEMPLATE_KINDS}
        families = collections.defaultdict(list)
        for d in self.docs:
            families[d['family']].append(d['doc'])
        self.families = families
        self._sets = None

    def shingle_sets(self, binary):
        if self._sets is None:
            ids, words = terms_of(self.folder / 'documents.jsonl', binary)
            self._index = {d: i for i, d in enumerate(ids)}
            self._sets = ShingleSets.from_words(words)
        return self._sets, self._index

    def positives(self):
        for members in self.families.values():
            yield from itertools.combinations(sorted(members), 2)


def put_together_pairs(cluster_of):
    """All unordered pairs of documents that share a cluster."""
    members = collections.defaultdict(list)
    for doc, cluster in cluster_of.items():
        members[cluster].append(doc)
    for group in members.values():
        if len(group) > 1:
            yield from itertools.combinations(sorted(group), 2)


def score_groups(fixture, cluster_of, binary=DEFAULT_BINARY, threshold=0.5):
    """Pairwise scores of a clustering {doc id: cluster} against the fixture labels."""
    together = {frozenset(p) for p in put_together_pairs(cluster_of)} - fixture.ignore
    positives = {frozenset(p) for p in fixture.positives()}
    templates = fixture.template_docs

    def is_template_pair(pair):
        return all(d in templates for d in pair)

    result = {}
    for name, keep in (('without templates', lambda p: not is_template_pair(p)), ('all', lambda p: True)):
        tp = sum(1 for p in together if p in positives and keep(p))
        fp = sum(1 for p in together if p not in positives and keep(p))
        fn = sum(1 for p in positives if p not in together and keep(p))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = dict(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)
    kinds = collections.defaultdict(lambda: [0, 0])
    for d in fixture.docs:
        if d['role'] == 'copy':
            kinds[d['kind']][1] += 1
            if cluster_of.get(d['doc']) is not None and cluster_of.get(d['doc']) == cluster_of.get(d['of']):
                kinds[d['kind']][0] += 1
    result['kinds'] = dict(kinds)
    copy_pairs = [p for p in positives if all(fixture.by_id[d]['role'] == 'copy' for d in p)]
    result['copy-copy'] = [sum(1 for p in copy_pairs if p in together), len(copy_pairs)]
    sets, index = fixture.shingle_sets(binary)
    negatives = collections.defaultdict(lambda: [0, 0, 0, 0])  # together, labelled, direct together, direct labelled
    for p in fixture.pairs:
        if p['label'] != 'distinct':
            continue
        pair = frozenset(p['pair'])
        a, b = p['pair']
        direct = sets.jaccard(index[a], index[b]) >= threshold
        row = negatives[p['kind']]
        row[1] += 1
        row[3] += direct
        if pair in together:
            row[0] += 1
            row[2] += direct
    result['negatives'] = dict(negatives)
    # Plain negatives: any other cross-family pair put together.
    labelled = {frozenset(p['pair']) for p in fixture.pairs}
    other = [p for p in together if p not in positives and p not in labelled]
    result['other false pairs'] = len(other)
    result['other false examples'] = sorted(tuple(sorted(p)) for p in other)[:5]
    return result


def score_lines(fixture, line_group):
    """Labelled line pairs put in one group; line_group maps (doc, line) to a group number."""
    rows = collections.defaultdict(lambda: [0, 0])
    for l in fixture.lines:
        (a, la), (b, lb) = l['lines']
        ga, gb = line_group.get((a, la)), line_group.get((b, lb))
        rows[(l['kind'], l['label'])][1] += 1
        rows[(l['kind'], l['label'])][0] += ga is not None and ga == gb
    return dict(rows)


def read_output(lines_of_output):
    cluster_of, records, line_group = {}, {}, {}
    for line in lines_of_output:
        if not line.strip():
            continue
        r = json.loads(line)
        if 'line' in r:
            line_group[(r['id'], r['line'])] = r['group']
        else:
            cluster_of[r['id']] = r['cluster']
            records[r['id']] = r
    return cluster_of, records, line_group


def below_threshold(records, threshold=0.5, containment=0.8):
    """Members below the threshold to their representative: a `near` member under the Jaccard threshold,
    or a `contained_in` / `contains` member (outputs that report containment) under the containment one."""
    count = 0
    for r in records.values():
        role = r.get('role')
        if role == 'near' or role == 'below':
            count += r['similarity'] < threshold - 1e-9 or role == 'below'
        elif role in ('contained_in', 'contains'):
            count += r['similarity'] < threshold - 1e-9 and (r.get('containment') or 0) < containment - 1e-9
    return count


def group_summary(records):
    roles = collections.Counter(r['role'] for r in records.values())
    clusters = collections.Counter(r['cluster'] for r in records.values())
    groups = sum(1 for n in clusters.values() if n > 1)
    copies = sum(n - 1 for n in clusters.values() if n > 1)
    return dict(groups=groups, copies=copies, grouped=copies + groups, roles=dict(roles), largest=max(clusters.values()))


def format_report(name, scores, lines=None, summary=None):
    out = [f'### {name}', '']
    out.append('| pairs | precision | recall | F1 | true pairs found | false pairs | missed pairs |')
    out.append('|---|---|---|---|---|---|---|')
    for key in ('without templates', 'all'):
        s = scores[key]
        out.append(f'| {key} | {s["precision"]:.4f} | {s["recall"]:.4f} | {s["f1"]:.4f} | {s["tp"]} | {s["fp"]} | {s["fn"]} |')
    out.append('')
    out.append('| edit | original-copy pairs put together |')
    out.append('|---|---|')
    for kind in EDIT_ORDER:
        if kind in scores['kinds']:
            hit, total = scores['kinds'][kind]
            out.append(f'| {kind} | {hit}/{total} ({100 * hit / total:.1f}%) |')
    hit, total = scores['copy-copy']
    out.append(f'| copy-copy (same original) | {hit}/{total} ({100 * hit / max(total, 1):.1f}%) |')
    out.append('')
    out.append('| hard negative | pairs put together | of which near copies themselves (J ≥ 0.5) |')
    out.append('|---|---|---|')
    for kind in NEGATIVE_ORDER:
        if kind in scores['negatives']:
            together, total, dt, dtotal = scores['negatives'][kind]
            out.append(f'| {kind} | {together}/{total} | {dt}/{dtotal} |')
    out.append(f'| other cross-family pairs | {scores["other false pairs"]} | |')
    if lines:
        out.append('')
        out.append('| line pairs | put in one group |')
        out.append('|---|---|')
        for (kind, label), (hit, total) in sorted(lines.items()):
            out.append(f'| {kind} ({label}) | {hit}/{total} |')
    if summary:
        out.append('')
        out.append(', '.join(f'{k}: {v}' for k, v in summary.items()))
    return '\n'.join(out) + '\n'


def run_dedup(binary, args, path, lines=False):
    command = [str(binary), 'dedup', '--format', 'jsonl', '--text-field', 'content', '--id-field', 'id'] + args
    if lines:
        command.append('--lines')
    start = time.perf_counter()
    done = subprocess.run(command + [str(path)], capture_output=True, text=True, check=True)
    return done.stdout.splitlines(), time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--fixture', default=str(CACHE / 'fixture'))
    parser.add_argument('--binary', default=str(DEFAULT_BINARY))
    parser.add_argument('--run', action='append', default=[], help='dedup arguments (quoted), repeatable; "" for the defaults')
    parser.add_argument('--output', action='append', default=[], help='a saved dedup --format jsonl output, repeatable')
    parser.add_argument('--lines', action='store_true')
    parser.add_argument('--threshold', type=float, default=0.5)
    parser.add_argument('--containment', type=float, default=0.8)
    parser.add_argument('--corpus-groups', action='store_true')
    parser.add_argument('--corpus', default=str(DEFAULT_CORPUS))
    args = parser.parse_args()
    fixture = Fixture(args.fixture)
    if not args.run and not args.output:
        args.run = ['']
    for setting in args.run:
        output, seconds = run_dedup(args.binary, shlex.split(setting), fixture.folder / 'documents.jsonl', args.lines)
        cluster_of, records, line_group = read_output(output)
        summary = group_summary(records)
        summary['below threshold'] = below_threshold(records, args.threshold, args.containment)
        if args.corpus_groups:
            corpus_output, corpus_seconds = run_dedup(args.binary, shlex.split(setting), args.corpus)
            _, corpus_records, _ = read_output(corpus_output)
            corpus = group_summary(corpus_records)
            summary['SaudiNewsNet'] = (f'{corpus["groups"]} groups, {corpus["copies"]} copies, '
                                       f'{below_threshold(corpus_records, args.threshold, args.containment)} below the threshold, '
                                       f'largest {corpus["largest"]}, {corpus_seconds:.2f} s wall')
        scores = score_groups(fixture, cluster_of, args.binary, args.threshold)
        lines = score_lines(fixture, line_group) if args.lines else None
        print(format_report(f'arabic-text dedup {setting or "(defaults)"}', scores, lines, summary))
    for path in args.output:
        with open(path, encoding='utf-8') as f:
            cluster_of, records, line_group = read_output(f)
        scores = score_groups(fixture, cluster_of, args.binary, args.threshold)
        summary = group_summary(records)
        summary['below threshold'] = below_threshold(records, args.threshold, args.containment)
        print(format_report(path, scores, score_lines(fixture, line_group) if line_group else None, summary))


if __name__ == '__main__':
    main()
