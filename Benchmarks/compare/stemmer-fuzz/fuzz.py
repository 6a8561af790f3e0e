#!/usr/bin/env python3
"""Compare arabic-text's three stemmers with the real reference implementations
on random words built from Arabic affixes, letters, marks, digits and
presentation forms.

    pip install PyStemmer==3.1.0 nltk==3.10.4
    apt-get install liblucene8-java default-jdk-headless   # for the Lucene column
    python3 Benchmarks/compare/stemmer-fuzz/fuzz.py [--words 300000] [--binary .build/release/arabic-text]

Prints the number of words on which each stemmer differs from its reference.
"""
import argparse, os, random, subprocess, sys, tempfile

def words(count, seed):
    rng = random.Random(seed)
    letters = [chr(c) for c in range(0x621, 0x64B) if c != 0x640]
    prefixes = ['', 'و', 'ف', 'ب', 'ك', 'ل', 'ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'س', 'ي', 'ت', 'ن', 'أ',
                'است', 'يست', 'سي', 'ست', 'أأ', 'بب', 'كك']
    suffixes = ['', 'ه', 'ها', 'هم', 'هما', 'كم', 'كما', 'ات', 'ون', 'ين', 'ان', 'ة', 'ي', 'ى', 'نا', 'ني', 'تم',
                'وا', 'تما', 'كمو', 'ت', 'ا', 'ن', 'و', 'ية', 'يه']
    marks = [chr(c) for c in range(0x64B, 0x653)] + ['ـ']
    extra = ['٠', '٣', 'ﻻ', 'ﺍ', 'ﻟ', 'ﺔ', 'ئ', 'ؤ', 'إ', 'آ', 'ى']
    out = set()
    while len(out) < count:
        core = ''.join(rng.choice(letters + extra) for _ in range(rng.randint(1, 6)))
        w = rng.choice(prefixes) + core + rng.choice(suffixes)
        if rng.random() < 0.15:
            i = rng.randint(0, len(w))
            w = w[:i] + rng.choice(marks) + w[i:]
        out.add(w)
    return sorted(out)

def ours(binary, algorithm, path):
    result = subprocess.run([binary, 'stem', '--algorithm', algorithm, '--per-line', path],
                            capture_output=True, check=True)
    return result.stdout.decode('utf-8').split('\n')[:-1]

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--words', type=int, default=300000)
    parser.add_argument('--seed', type=int, default=12345)
    parser.add_argument('--binary', default='.build/release/arabic-text')
    args = parser.parse_args()
    ws = words(args.words, args.seed)
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, 'words.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(ws) + '\n')

    import Stemmer
    from nltk.stem.isri import ISRIStemmer
    snowball, isri = Stemmer.Stemmer('arabic'), ISRIStemmer()
    for name, reference in [('snowball', [snowball.stemWord(w) for w in ws]), ('isri', [isri.stem(w) for w in ws])]:
        mine = ours(args.binary, name, path)
        diffs = [w for w, a, b in zip(ws, mine, reference) if a != b]
        print(f'{name}: {len(diffs)} of {len(ws)} words differ', diffs[:5])

    jars = '/usr/share/java/lucene-analyzers-common-8.7.0.jar:/usr/share/java/lucene-core-8.7.0.jar'
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        subprocess.run(['javac', '-d', folder, '-cp', jars, os.path.join(here, 'LuceneRef.java')], check=True)
        out = os.path.join(folder, 'lucene.txt')
        subprocess.run(['java', '-cp', jars + ':' + folder, 'LuceneRef', path, out], check=True)
        reference = open(out, encoding='utf-8').read().split('\n')[:-1]
        mine = ours(args.binary, 'lucene', path)
        diffs = [w for w, a, b in zip(ws, mine, reference) if a != b]
        print(f'lucene: {len(diffs)} of {len(ws)} words differ', diffs[:5])
    except (OSError, subprocess.CalledProcessError) as error:
        print('lucene: skipped (Java Lucene not available:', error, ')')

if __name__ == '__main__':
    sys.exit(main())
