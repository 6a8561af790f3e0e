"""Peers for normalization, tokenization and stemming, run inside a child.

Each function takes the child's `Job` (input paths, output path, settings),
loads its input, runs the peer's own code on the texts in memory (the timed
kernel), writes what it produced in the same format as our CLI, and returns
the kernel seconds and a few counts.

Output formats (the same as `arabic-text`'s):
  * normalization: JSON Lines {"id", "content"}, one per document;
  * tokenization: one token per line, an empty line between documents (a line
    feed inside a token is written as U+2424 so the format stays intact);
  * stemming: one stem per line, one line per input word.
"""
import time

from childkit import load_documents, load_lines, register, write_documents


def _normalized(job, normalize):
    documents = load_documents(job.input('documents'))
    start = time.perf_counter()
    texts = [normalize(text) for _, text in documents]
    took = time.perf_counter() - start
    write_documents(job.output, [(identifier, text) for (identifier, _), text in zip(documents, texts)])
    return {'kernel_seconds': took, 'documents': len(texts)}


@register('camel-normalize')
def camel_normalize(job):
    """CAMeL Tools: dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar."""
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                             normalize_teh_marbuta_ar)
    return _normalized(job, lambda text: normalize_teh_marbuta_ar(
        normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(text)))))


@register('pyarabic-normalize')
def pyarabic_normalize(job):
    """PyArabic: strip_tashkeel, strip_tatweel, normalize_hamza(method="tasheel")."""
    from pyarabic import araby
    return _normalized(job, lambda text: araby.normalize_hamza(
        araby.strip_tatweel(araby.strip_tashkeel(text)), method='tasheel'))


@register('icu-nfkc')
def icu_nfkc(job):
    """ICU's NFKC normalizer through PyICU."""
    import icu
    normalizer = icu.Normalizer2.getNFKCInstance()
    return _normalized(job, normalizer.normalize)


def _tokenized(job, tokenize):
    documents = load_documents(job.input('documents'))
    start = time.perf_counter()
    token_lists = [tokenize(text) for _, text in documents]
    took = time.perf_counter() - start
    count = 0
    with open(job.output, 'w', encoding='utf-8') as out:
        for index, tokens in enumerate(token_lists):
            if index:
                out.write('\n')
            for token in tokens:
                out.write(token.replace('\n', '\u2424'))
                out.write('\n')
            count += len(tokens)
    return {'kernel_seconds': took, 'documents': len(documents), 'tokens': count}


@register('camel-tokenize')
def camel_tokenize(job):
    """CAMeL Tools: simple_word_tokenize."""
    from camel_tools.tokenizers.word import simple_word_tokenize
    return _tokenized(job, simple_word_tokenize)


@register('pyarabic-tokenize')
def pyarabic_tokenize(job):
    """PyArabic: araby.tokenize."""
    from pyarabic import araby
    return _tokenized(job, araby.tokenize)


@register('stringzilla-delimiters')
def stringzilla_delimiters(job):
    """StringZilla: Str.utf8_split_delimiters (SIMD split on every Unicode P*, S*, Z* code point)."""
    import stringzilla as sz
    return _tokenized(job, lambda text: [str(t) for t in sz.Str(text).utf8_split_delimiters(skip_empty=True)])


@register('stringzilla-wordbreaks')
def stringzilla_wordbreaks(job):
    """StringZilla: utf8_wordbreaks (UAX #29 word boundaries), segments that are not white space."""
    import stringzilla as sz

    def words(text):
        return [s for s in (str(t) for t in sz.utf8_wordbreaks(text)) if not s.isspace()]
    return _tokenized(job, words)


@register('icu-wordbreak')
def icu_wordbreak(job):
    """ICU word BreakIterator (Arabic locale): segments whose rule status is a word or number."""
    import icu
    iterator = icu.BreakIterator.createWordInstance(icu.Locale('ar'))

    def words(text):
        unicode = icu.UnicodeString(text)
        iterator.setText(unicode)
        tokens = []
        start = 0
        for end in iterator:
            if iterator.getRuleStatus() != 0:
                tokens.append(str(unicode[start:end]))
            start = end
        return tokens
    return _tokenized(job, words)


def _stemmed(job, stem_all):
    words = load_lines(job.input('words'))
    start = time.perf_counter()
    stems = stem_all(words)
    took = time.perf_counter() - start
    with open(job.output, 'w', encoding='utf-8') as out:
        out.write('\n'.join(stems))
        out.write('\n')
    return {'kernel_seconds': took, 'words': len(words)}


@register('pystemmer')
def pystemmer(job):
    """PyStemmer (Snowball's C code): Stemmer('arabic').stemWords on the whole list, with its default
    cache of 10,000 words."""
    import Stemmer
    stemmer = Stemmer.Stemmer('arabic')
    return _stemmed(job, stemmer.stemWords)


@register('snowballstemmer')
def snowballstemmer_arabic(job):
    """snowballstemmer's pure-Python ArabicStemmer.stemWords. (snowballstemmer.stemmer('arabic') would
    hand back PyStemmer's C stemmer, since PyStemmer is installed in the same venv.)"""
    from snowballstemmer.arabic_stemmer import ArabicStemmer
    stemmer = ArabicStemmer()
    return _stemmed(job, stemmer.stemWords)


@register('nltk-isri')
def nltk_isri(job):
    """NLTK's ISRIStemmer.stem, word by word."""
    from nltk.stem.isri import ISRIStemmer
    stemmer = ISRIStemmer()
    return _stemmed(job, lambda words: [stemmer.stem(word) for word in words])
