#!/usr/bin/env python3
"""Near-duplicate detection on SaudiNewsNet with datasketch and rensa, for
the `dedup` comparison.

Same task as `arabic-text dedup --threshold 0.8 --shingle-size 5
--hash-count 128`: word 5-shingles, 128 hash values, LSH at Jaccard 0.8,
groups by union-find over every candidate pair the LSH returns. Texts are
already in memory; each phase is timed on its own (wall clock, one thread:
neither library uses more). Prints one JSON object per library.

    pip install datasketch rensa
    python3 Benchmarks/compare/dedup_peers.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl]
"""
import argparse, json, resource, subprocess, sys, time

def shingles(text, size):
    words = text.split()
    if len(words) < size:
        return {' '.join(words)} if words else set()
    return {' '.join(words[i:i + size]) for i in range(len(words) - size + 1)}

def groups_from_pairs(count, pairs):
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
    sizes = {}
    for i in range(count):
        r = find(i)
        sizes[r] = sizes.get(r, 0) + 1
    return sum(1 for s in sizes.values() if s > 1), sum(s - 1 for s in sizes.values() if s > 1)

def run_datasketch(texts, threshold, num_perm, size):
    from datasketch import MinHash, MinHashLSH
    start = time.perf_counter()
    sets = [shingles(t, size) for t in texts]
    shingled = time.perf_counter()
    minhashes = []
    for s in sets:
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch([x.encode('utf-8') for x in s])
        minhashes.append(m)
    sketched = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, m in enumerate(minhashes):
        if sets[i]:
            lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(minhashes):
        if not sets[i]:
            continue
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    grouped = time.perf_counter()
    groups, redundant = groups_from_pairs(len(texts), pairs)
    return {'library': 'datasketch', 'shingling_s': round(shingled - start, 2),
            'signatures_s': round(sketched - shingled, 2), 'lsh_s': round(grouped - sketched, 2),
            'total_s': round(grouped - start, 2), 'candidate_pairs': len(pairs), 'groups': groups,
            'redundant_documents': redundant}

def run_rensa(texts, threshold, num_perm, size):
    from rensa import RMinHash, RMinHashLSH
    start = time.perf_counter()
    sets = [shingles(t, size) for t in texts]
    shingled = time.perf_counter()
    minhashes = []
    for s in sets:
        m = RMinHash(num_perm=num_perm, seed=42)
        m.update(list(s))
        minhashes.append(m)
    sketched = time.perf_counter()
    # rensa's LSH takes a band count that divides num_perm: the divisor
    # nearest datasketch's choice for this threshold, ties to more bands.
    from datasketch.lsh import _optimal_param
    suggested, _ = _optimal_param(threshold, num_perm, 0.5, 0.5)
    divisors = [b for b in range(1, num_perm + 1) if num_perm % b == 0]
    bands = min(divisors, key=lambda b: (abs(b - suggested), -b))
    rows = num_perm // bands
    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=bands)
    for i, m in enumerate(minhashes):
        if sets[i]:
            lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(minhashes):
        if not sets[i]:
            continue
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    grouped = time.perf_counter()
    groups, redundant = groups_from_pairs(len(texts), pairs)
    return {'library': 'rensa', 'shingling_s': round(shingled - start, 2),
            'signatures_s': round(sketched - shingled, 2), 'lsh_s': round(grouped - sketched, 2),
            'total_s': round(grouped - start, 2), 'bands': bands, 'rows': rows, 'candidate_pairs': len(pairs),
            'groups': groups, 'redundant_documents': redundant}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    parser.add_argument('--threshold', type=float, default=0.8)
    parser.add_argument('--num-perm', type=int, default=128)
    parser.add_argument('--shingle-size', type=int, default=5)
    parser.add_argument('--only', choices=['datasketch', 'rensa'])
    args = parser.parse_args()
    if not args.only:
        for library in ['datasketch', 'rensa']:
            command = [sys.executable, __file__, '--corpus', args.corpus, '--threshold', str(args.threshold),
                       '--num-perm', str(args.num_perm), '--shingle-size', str(args.shingle_size), '--only', library]
            subprocess.run(command, check=True)
        return
    with open(args.corpus, encoding='utf-8') as f:
        texts = [json.loads(line)['content'] for line in f]
    runner = run_datasketch if args.only == 'datasketch' else run_rensa
    result = runner(texts, args.threshold, args.num_perm, args.shingle_size)
    result['peak_mb'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))

if __name__ == '__main__':
    main()
