#!/usr/bin/env python3
"""scikit-learn clustering of SaudiNewsNet, for the `cluster` comparison.

The same task as `arabic-text cluster` at its defaults, as closely as
scikit-learn allows: TF-IDF on word unigrams with sublinear TF (scikit-learn
has no Arabic normalization or stemming: its default tokenizer on the raw
text), then documents joined at cosine similarity 0.5:

  * dbscan: DBSCAN(eps=0.5, min_samples=2, metric='cosine'), brute-force
    neighbours on the sparse matrix: connected components of the 0.5 graph
    (single link), the counterpart of `--method components`;
  * average: AgglomerativeClustering(linkage='average', metric='precomputed',
    distance_threshold=0.5) on the dense n x n cosine distance matrix, the
    counterpart of the default `--method average` (it needs the dense matrix:
    7.7 GB of float64 for 31,030 documents).

Each runs in its own process so that peak memory (max RSS) is its own; the
time covers TF-IDF and clustering on texts already in memory.

    pip install scikit-learn
    python3 Benchmarks/compare/cluster_peers.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl] [--only dbscan]
"""
import argparse, json, resource, subprocess, sys, time

def run(name, corpus, threads):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    with open(corpus, encoding='utf-8') as f:
        texts = [json.loads(line)['content'] for line in f]
    start = time.perf_counter()
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    if name == 'dbscan':
        from sklearn.cluster import DBSCAN
        labels = DBSCAN(eps=0.5, min_samples=2, metric='cosine', algorithm='brute', n_jobs=threads).fit_predict(matrix)
        # Noise points (-1) are single documents.
        next_label = labels.max() + 1
        for i in np.where(labels == -1)[0]:
            labels[i] = next_label
            next_label += 1
    else:
        from sklearn.cluster import AgglomerativeClustering
        similarity = (matrix @ matrix.T).toarray()
        distance = 1.0 - similarity
        del similarity
        np.fill_diagonal(distance, 0.0)
        np.clip(distance, 0.0, 2.0, out=distance)
        labels = AgglomerativeClustering(
            n_clusters=None, metric='precomputed', linkage='average', distance_threshold=0.5
        ).fit_predict(distance)
    took = time.perf_counter() - start
    sizes = np.bincount(labels)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'method': name, 'seconds': round(took, 1), 'peak_mb': round(peak),
                      'clusters_of_2_or_more': int((sizes > 1).sum()), 'largest': int(sizes.max()),
                      'documents_in_clusters_of_2_or_more': int(sizes[sizes > 1].sum())}))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--only', choices=['dbscan', 'average'])
    args = parser.parse_args()
    if args.only:
        run(args.only, args.corpus, args.threads)
        return
    for name in ['dbscan', 'average']:
        subprocess.run([sys.executable, __file__, '--corpus', args.corpus, '--threads', str(args.threads), '--only', name])

if __name__ == '__main__':
    main()
