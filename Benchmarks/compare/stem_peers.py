#!/usr/bin/env python3
"""Tokens per second of the Python stemmers people use, over the Arabic words of
SaudiNewsNet's `content` (same corpus as the StemmingBenchmarks suite).

    pip install PyStemmer==3.1.0 nltk==3.10.4
    python3 Benchmarks/compare/stem_peers.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl]

Words are runs of Arabic letters and marks (about the Arabic word tokens of
ArabicTokenizer). ISRI is timed on the first million words (it is slow).
"""
import argparse, json, re, time

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    args = parser.parse_args()
    word = re.compile('[\u0621-\u064A\u064B-\u065F\u0670-\u06D3\u0640]+')
    words = []
    with open(args.corpus, encoding='utf-8') as f:
        for line in f:
            words.extend(word.findall(json.loads(line)['content']))
    print(f'{len(words)} Arabic words')

    import Stemmer
    stemmer = Stemmer.Stemmer('arabic')
    start = time.perf_counter(); [stemmer.stemWord(w) for w in words]; took = time.perf_counter() - start
    print(f'PyStemmer stemWord loop: {len(words) / took / 1e6:.2f} M words/s')
    stemmer = Stemmer.Stemmer('arabic', 0)  # no cache
    start = time.perf_counter(); stemmer.stemWords(words); took = time.perf_counter() - start
    print(f'PyStemmer stemWords (no cache): {len(words) / took / 1e6:.2f} M words/s')

    from nltk.stem.isri import ISRIStemmer
    isri = ISRIStemmer()
    sample = words[:1_000_000]
    start = time.perf_counter(); [isri.stem(w) for w in sample]; took = time.perf_counter() - start
    print(f'NLTK ISRI: {len(sample) / took / 1e6:.3f} M words/s')

if __name__ == '__main__':
    main()
