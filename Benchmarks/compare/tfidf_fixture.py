#!/usr/bin/env python3
"""Writes the scikit-learn TF-IDF fixture of ArabicTextTests.

The documents are the five seeds and every 150th article of SaudiNewsNet.
Their terms come from our analysis pipeline (`arabic-text terms`, default
settings), so both sides weigh exactly the same input; scikit-learn then
computes word (1,2) and char_wb (3,5) TF-IDF on the space-joined terms.

    pip install scikit-learn
    swift build -c release
    python3 Benchmarks/compare/tfidf_fixture.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl]

Writes Tests/ArabicTextTests/Fixtures/tfidf-input.tsv (id, terms) and
tfidf-sklearn-word12.tsv / tfidf-sklearn-charwb35.tsv (document index,
feature, value with 17 significant digits), then gzips the expected matrices.
"""
import argparse, gzip, json, os, subprocess, tempfile
from sklearn.feature_extraction.text import TfidfVectorizer

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    parser.add_argument('--binary', default='.build/release/arabic-text')
    parser.add_argument('--every', type=int, default=150)
    args = parser.parse_args()
    fixtures = 'Tests/ArabicTextTests/Fixtures'

    folder = tempfile.mkdtemp()
    sample = os.path.join(folder, 'sample.jsonl')
    with open(args.corpus, encoding='utf-8') as f, open(sample, 'w', encoding='utf-8') as out:
        for k, line in enumerate(f):
            if k % args.every == 0:
                d = json.loads(line)
                if d['content'].strip():
                    out.write(json.dumps({'id': d['id'], 'text': d['content']}, ensure_ascii=False) + '\n')
    seeds = subprocess.run([args.binary, 'terms', '--format', 'jsonl', 'seeds'], capture_output=True, check=True)
    news = subprocess.run([args.binary, 'terms', '--format', 'jsonl', '--jsonl', '--id-field', 'id', sample],
                          capture_output=True, check=True)
    documents = []
    for line in (seeds.stdout + news.stdout).decode('utf-8').splitlines():
        d = json.loads(line)
        documents.append((d['id'], ' '.join(d['terms'])))
    with open(os.path.join(fixtures, 'tfidf-input.tsv'), 'w', encoding='utf-8') as out:
        for identifier, text in documents:
            out.write(f'{identifier}\t{text}\n')
    texts = [text for _, text in documents]

    settings = {
        'word12': (TfidfVectorizer(analyzer='word', tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 2)), texts),
        'charwb35': (TfidfVectorizer(analyzer='char_wb', lowercase=False, ngram_range=(3, 5)), texts),
        # The running-text analyzer on the seeds only, with sublinear tf and no idf smoothing.
        'char13-seeds': (TfidfVectorizer(analyzer='char', lowercase=False, ngram_range=(1, 3), sublinear_tf=True,
                                         smooth_idf=False), texts[:5]),
    }
    for name, (vectorizer, corpus) in settings.items():
        matrix = vectorizer.fit_transform(corpus).tocsr()
        names = vectorizer.get_feature_names_out()
        path = os.path.join(fixtures, f'tfidf-sklearn-{name}.tsv.gz')
        with gzip.open(path, 'wt', encoding='utf-8', compresslevel=9) as out:
            for row in range(matrix.shape[0]):
                start, end = matrix.indptr[row], matrix.indptr[row + 1]
                for k in range(start, end):
                    out.write(f'{row}\t{names[matrix.indices[k]]}\t{matrix.data[k]:.17g}\n')
        print(name, matrix.shape, matrix.nnz, os.path.getsize(path), 'bytes')

if __name__ == '__main__':
    main()
