"""Near-duplicate peers (datasketch, rensa), run inside a child.

Same task as `arabic-text dedup --threshold 0.8 --shingle-size 5
--hash-count 128`: word 5-shingles, 128 MinHash values, LSH at Jaccard 0.8,
groups = connected components of the candidate pairs the LSH returns (the
peers do not verify candidates; we do).

Two inputs:
  * end to end (`documents`): the raw text split on white space, shingled in
    Python; the timed kernel covers shingling, signatures, LSH and grouping;
  * kernel only (`words`): our normalized words, one document per line,
    shingled before the clock starts; the kernel covers signatures, LSH and
    grouping on exactly the shingle sets we use.
A text with fewer words than a shingle has one shingle of all its words (as
ours); an empty text has no shingles and is left out of the index.
"""
import time

from childkit import groups_from_pairs, load_documents, load_lines, register, write_labels


def shingle_sets(word_lists, size):
    """Word `size`-shingles of each document, as sets of space-joined strings."""
    sets = []
    for words in word_lists:
        if len(words) < size:
            sets.append({' '.join(words)} if words else set())
        else:
            sets.append({' '.join(words[i:i + size]) for i in range(len(words) - size + 1)})
    return sets


def _word_lists(job):
    if 'words' in job.inputs:
        return [line.split() for line in load_lines(job.input('words'))], False
    return [text.split() for _, text in load_documents(job.input('documents'))], True


def rensa_bands(threshold, num_perm):
    """rensa takes a band count that divides num_perm: the divisor nearest to
    datasketch's optimum for this threshold (ties to more bands)."""
    from datasketch.lsh import _optimal_param
    suggested, _ = _optimal_param(threshold, num_perm, 0.5, 0.5)
    divisors = [b for b in range(1, num_perm + 1) if num_perm % b == 0]
    return min(divisors, key=lambda b: (abs(b - suggested), -b))


def _finish(job, count, pairs, took, extra):
    labels = groups_from_pairs(count, pairs)
    write_labels(job.output, labels)
    return {'kernel_seconds': took, 'documents': count, 'candidate_pairs': len(pairs), **extra}


@register('datasketch')
def datasketch_groups(job):
    """datasketch: MinHash.bulk, MinHashLSH.insertion_session, MinHashLSH.query per document."""
    from datasketch import MinHash, MinHashLSH
    threshold, num_perm, size = job.setting('threshold'), job.setting('num_perm'), job.setting('shingle_size')
    word_lists, shingles_timed = _word_lists(job)
    start = time.perf_counter()
    sets = shingle_sets(word_lists, size)
    if not shingles_timed:
        start = time.perf_counter()
    signatures = MinHash.bulk([[s.encode('utf-8') for s in shingles] for shingles in sets], num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for i, signature in enumerate(signatures):
            if sets[i]:
                session.insert(i, signature)
    pairs = set()
    for i, signature in enumerate(signatures):
        if sets[i]:
            for j in lsh.query(signature):
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    took = time.perf_counter() - start
    return _finish(job, len(sets), sorted(pairs), took, {'bands': lsh.b, 'rows': lsh.r})


@register('rensa')
def rensa_groups(job):
    """rensa: RMinHash.from_token_sets (batch), RMinHashLSH.insert_pairs and query_all (batch)."""
    from rensa import RMinHash, RMinHashLSH
    threshold, num_perm, size = job.setting('threshold'), job.setting('num_perm'), job.setting('shingle_size')
    word_lists, shingles_timed = _word_lists(job)
    bands = rensa_bands(threshold, num_perm)
    start = time.perf_counter()
    sets = shingle_sets(word_lists, size)
    if not shingles_timed:
        start = time.perf_counter()
    present = [i for i, s in enumerate(sets) if s]
    signatures = RMinHash.from_token_sets([sets[i] for i in present], num_perm, 42)
    lsh = RMinHashLSH(threshold, num_perm, bands)
    lsh.insert_pairs(list(zip(present, signatures)))
    pairs = set()
    for i, candidates in zip(present, lsh.query_all(signatures)):
        for j in candidates:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    took = time.perf_counter() - start
    return _finish(job, len(sets), sorted(pairs), took, {'bands': bands, 'rows': num_perm // bands})


@register('rensa-flags')
def rensa_flags(job):
    """rensa's fastest path: RMinHash.digest_matrix_from_token_sets and
    RMinHashLSH.insert_matrix_and_query_duplicate_flags. It says which
    documents have a candidate, not which: no groups, so only the number of
    flagged documents can be compared."""
    from rensa import RMinHash, RMinHashLSH
    threshold, num_perm, size = job.setting('threshold'), job.setting('num_perm'), job.setting('shingle_size')
    word_lists, shingles_timed = _word_lists(job)
    bands = rensa_bands(threshold, num_perm)
    start = time.perf_counter()
    sets = shingle_sets(word_lists, size)
    if not shingles_timed:
        start = time.perf_counter()
    present = [i for i, s in enumerate(sets) if s]
    matrix = RMinHash.digest_matrix_from_token_sets([sets[i] for i in present], num_perm, 42)
    flags = RMinHashLSH(threshold, num_perm, bands).insert_matrix_and_query_duplicate_flags(matrix)
    took = time.perf_counter() - start
    flagged = [0] * len(sets)
    for i, flag in zip(present, flags):
        flagged[i] = 1 if flag else 0
    write_labels(job.output, flagged)
    return {'kernel_seconds': took, 'documents': len(sets), 'flagged': sum(flagged), 'bands': bands}
