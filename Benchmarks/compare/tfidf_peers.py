#!/usr/bin/env python3
"""scikit-learn's TF-IDF on SaudiNewsNet, for the TF-IDF comparison.

Each configuration runs in its own process so that peak memory (max RSS) is
its own; the time covers fit_transform on texts already in memory.

    pip install scikit-learn
    python3 Benchmarks/compare/tfidf_peers.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl]
"""
import argparse, json, resource, subprocess, sys, time

CONFIGURATIONS = {
    'word12': "TfidfVectorizer(analyzer='word', ngram_range=(1, 2))",
    'charwb35': "TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5))",
    'hashing-word12': "make_pipeline(HashingVectorizer(analyzer='word', ngram_range=(1, 2), alternate_sign=False, norm=None), TfidfTransformer())",
    'hashing-charwb35': "make_pipeline(HashingVectorizer(analyzer='char_wb', ngram_range=(3, 5), alternate_sign=False, norm=None), TfidfTransformer())",
}

def run(name, corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer, HashingVectorizer, TfidfTransformer
    from sklearn.pipeline import make_pipeline
    with open(corpus, encoding='utf-8') as f:
        texts = [json.loads(line)['content'] for line in f]
    vectorizer = eval(CONFIGURATIONS[name])
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'configuration': name, 'seconds': round(took, 2), 'peak_mb': round(peak), 'nnz': int(matrix.nnz),
                      'shape': list(matrix.shape)}))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    parser.add_argument('--only')
    args = parser.parse_args()
    if args.only:
        run(args.only, args.corpus)
        return
    for name in CONFIGURATIONS:
        subprocess.run([sys.executable, __file__, '--corpus', args.corpus, '--only', name], check=True)

if __name__ == '__main__':
    main()
