#!/usr/bin/env python3
"""How the dedup defaults were chosen: Jaccard similarity of word k-shingle
sets after the edits republishing makes, on real SaudiNewsNet articles.

Texts are first normalized by `arabic-text normalize` (search preset, the
one dedup uses), then split into words. For each article of 80 words or
more (a fixed-seed sample), each edit is applied and the Jaccard similarity
of the original's and the copy's k-shingle sets is measured; the table gives
the share of copies at or above each threshold. Orthographic variation is
measured on the raw text (what a tool without Arabic normalization sees);
after normalization it is 1 by construction.

Then, as the cost side: pairs of articles from *different* newspapers that
tell the same story in their own words are pairs whose word TF-IDF cosine is
high but which share few long passages; the last table counts, among all
cross-newspaper pairs with cosine >= 0.5, how many each setting would call
duplicates.

    python3 Benchmarks/compare/dedup_defaults.py [--corpus ...] [--binary .build/release/arabic-text]
"""
import argparse, json, random, re, subprocess, sys

WORD = re.compile(r'\w+')

def shingles(words, k):
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}

def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 1.0

def normalize(texts, binary):
    # One document per line: line feeds inside a text become spaces first.
    joined = '\n'.join(t.replace('\n', ' ') for t in texts) + '\n'
    out = subprocess.run([binary, 'normalize', '-'], input=joined.encode(), capture_output=True, check=True).stdout
    return out.decode().split('\n')[:len(texts)]

def vary_spelling(text, rng):
    table = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ي': 'ی', 'ك': 'ک'}
    out = []
    for ch in text:
        if ch in table and rng.random() < 0.3:
            out.append(table[ch])
        elif '\u0600' <= ch <= '\u06FF' and rng.random() < 0.03:
            out.append(ch + rng.choice(['\u064E', '\u0650', '\u0640']))
        else:
            out.append(ch)
    return ''.join(out)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default='../shared/corpora/saudinewsnet/saudinewsnet.jsonl')
    parser.add_argument('--binary', default='.build/release/arabic-text')
    parser.add_argument('--sample', type=int, default=1500)
    args = parser.parse_args()
    records = [json.loads(line) for line in open(args.corpus, encoding='utf-8')]
    rng = random.Random(7)
    sample = [r for r in rng.sample(records, 4 * args.sample) if len(r['content'].split()) >= 80][:args.sample]
    donors = rng.sample(records, len(sample))

    edits = {}
    originals = [r['content'] for r in sample]
    footer = 'لمزيد من الأخبار تابعونا على تويتر وفيسبوك وإنستغرام ويوتيوب وتيليجرام جميع الحقوق محفوظة'
    edits['header and footer'] = ['الرياض - واس\n' + t + '\n' + footer for t in originals]
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
    edits['a sentence added'] = [add_sentence(t, d['content']) for t, d in zip(originals, donors)]
    edits['a sentence cut'] = [cut_sentence(t) for t in originals]
    edits['ending truncated to 75%'] = [' '.join(t.split()[:int(0.75 * len(t.split()))]) for t in originals]
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
    edits['5% of words edited'] = [noise(t, 0.05) for t in originals]
    edits['10% of words edited'] = [noise(t, 0.10) for t in originals]
    raw_spelling = [vary_spelling(t, rng) for t in originals]

    normalized_originals = normalize(originals, args.binary)
    words_original = [WORD.findall(t) for t in normalized_originals]
    print(f'{len(sample)} SaudiNewsNet articles of 80+ words; share of copies at or above the threshold')
    columns = [(3, 0.5), (3, 0.6), (2, 0.6), (4, 0.6), (5, 0.5), (5, 0.8)]
    print('| edit | ' + ' | '.join(f'k={k}, J≥{t}' for k, t in columns) + ' |')
    print('|---|' + '---|' * len(columns))
    rows = list(edits.items())
    for name, copies in rows:
        normalized = normalize(copies, args.binary)
        cells = []
        for k, t in columns:
            js = [jaccard(shingles(a, k), shingles(WORD.findall(b), k)) for a, b in zip(words_original, normalized)]
            cells.append(f'{100 * sum(j >= t for j in js) / len(js):.0f}%')
        print(f'| {name} | ' + ' | '.join(cells) + ' |')
    cells = []
    for k, t in columns:
        js = [jaccard(shingles(WORD.findall(a), k), shingles(WORD.findall(b), k)) for a, b in zip(originals, raw_spelling)]
        cells.append(f'{100 * sum(j >= t for j in js) / len(js):.0f}%')
    print('| spelling variants, raw text (no normalization) | ' + ' | '.join(cells) + ' |')
    print('| spelling variants, normalized | ' + ' | '.join('100%' for _ in columns) + ' |')

    # Same story, other newspaper: cross-source pairs with word TF-IDF cosine >= 0.5.
    from sklearn.feature_extraction.text import TfidfVectorizer
    texts = [r['content'] for r in records]
    sources = [r['source'] for r in records]
    normalized_all = normalize(texts, args.binary)
    matrix = TfidfVectorizer(token_pattern=r'\w+').fit_transform(normalized_all)
    product = (matrix @ matrix.T).tocoo()
    pairs = [(i, j) for i, j, v in zip(product.row, product.col, product.data) if i < j and v >= 0.5 and sources[i] != sources[j]]
    words_all = {}
    def words(i):
        if i not in words_all:
            words_all[i] = WORD.findall(normalized_all[i])
        return words_all[i]
    cells = []
    for k, t in columns:
        share = sum(jaccard(shingles(words(i), k), shingles(words(j), k)) >= t for i, j in pairs) / len(pairs)
        cells.append(f'{100 * share:.0f}%')
    print(f'| cross-newspaper pairs with cosine ≥ 0.5 ({len(pairs)} pairs) | ' + ' | '.join(cells) + ' |')

if __name__ == '__main__':
    main()
