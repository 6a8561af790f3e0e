"""How texts become terms (`at_analysis_options`), and `terms()`.

Two analyses: "arabic", the library's chain (tokenize the original text,
normalize each token, drop stop words, stem Arabic words), and "sklearn",
scikit-learn's default analysis (Python's `str.lower()`, the token pattern
`(?u)\\b\\w\\w+\\b` for words, its char and char_wb rules).
"""

from __future__ import annotations

import ctypes
from numbers import Integral

import numpy as np

from ._batch import prepare
from ._native import AnalysisOptions, TermLists, check, lib, native_array, thread_count
from ._normalization import rule_bits

ANALYSES = {"arabic": 0, "sklearn": 1}
"""The analyses: our Arabic chain, or scikit-learn's default analysis."""

ANALYZERS = {"word": 0, "char": 1, "char_wb": 2}
"""Feature kinds, with scikit-learn's names (its `analyzer`)."""

STEMMER_CODES = {"lucene": 0, "snowball": 1, "isri": 2, "none": 3}
STOP_WORD_CHOICES = {None: 0, "default": 1, "arabic": 2}

TERM_KINDS = {"arabic": 1, "latin": 2, "number": 4, "other": 16, "links": 32}
"""Token kinds that can become terms in the Arabic chain (default: all but links)."""


def choice(name: str, value, choices: dict) -> int:
    """The code of `value` among `choices`, or a ValueError listing them."""
    try:
        return choices[value]
    except (KeyError, TypeError):
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}") from None


def _stop_word_batch(words):
    """A batch of stop words (kept alive by the caller)."""
    if isinstance(words, (str, bytes)):
        raise TypeError(f"stop_words must be 'default', 'arabic', None or a list of words, not the string {words!r}")
    return prepare(list(words), "stop_words")


def analysis_options(
    analysis: str = "arabic", analyzer: str = "word", *, lowercase: bool = True, preset: str = "search",
    rules: dict[str, bool] | None = None, stemmer: str | None = None, stop_words="default",
    kinds=None, pre_tokenized: bool = False,
):
    """The `at_analysis_options` of these settings and what must stay alive with it.

    `stemmer` None: Lucene's for word features, none for character features
    (the command line's defaults). `stop_words`: "default" (Arabic and
    English), "arabic", None, or a list of words. scikit-learn's analysis
    takes only `lowercase` (stop_words must be "default" or None, meaning none).
    """
    style = choice("analysis", analysis, ANALYSES)
    kind = choice("analyzer", analyzer, ANALYZERS)
    options = AnalysisOptions()
    lib.at_analysis_options_init(ctypes.byref(options), kind)
    keep = []
    if style == 1:
        if stop_words not in ("default", None):
            raise ValueError("analysis='sklearn' reproduces scikit-learn's default analysis, which has no stop words; "
                             "use stop_words=None")
        if stemmer not in (None, "none"):
            raise ValueError("analysis='sklearn' does not stem; use analysis='arabic' for a stemmer")
        options.style = 1
        options.lowercase = 1 if lowercase else 0
        return options, keep
    options.normalization = rule_bits(preset, rules)
    if stemmer is not None:
        options.stemming = choice("stemmer", stemmer, STEMMER_CODES)
    if isinstance(stop_words, str) or stop_words is None:
        options.stop_words = choice("stop_words", stop_words, STOP_WORD_CHOICES)
    else:
        batch = _stop_word_batch(stop_words)
        keep.append(batch)
        options.stop_words = 3
        options.stop_word_list = ctypes.cast(batch.pointer, ctypes.c_void_p)
    if kinds is not None:
        bits = 0
        for name in ([kinds] if isinstance(kinds, str) else kinds):
            bits |= choice("kinds", name, TERM_KINDS)
        options.kinds = bits
    options.pre_tokenized = 1 if pre_tokenized else 0
    if not lowercase:
        raise ValueError("lowercase=False applies to analysis='sklearn'; in the Arabic chain case is a normalization "
                         "rule (rules={'lowercase': False})")
    return options, keep


def check_count(name: str, value, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return int(value)


def terms(
    texts, *, analysis: str = "arabic", analyzer: str = "word", lowercase: bool = True, preset: str = "search",
    rules: dict[str, bool] | None = None, stemmer: str | None = None, stop_words="default", kinds=None,
    sentences: bool = False, threads: int | None = None,
):
    """The terms of each text: what TF-IDF, clustering and similarity search count.

    With analysis="arabic" (the default), the chain of `arabic-text terms`:
    tokens of the original text, each normalized (`preset`, `rules`), dropped
    if a stop word (`stop_words`), and stemmed if Arabic (`stemmer`, Lucene's
    by default). With analysis="sklearn", scikit-learn's analysis for
    `analyzer`: the token pattern's words, the whole collapsed text ("char")
    or the words between white space ("char_wb").

    One str gives a list of terms; a batch gives a list of lists. With
    `sentences=True`, each document is a list of sentences, each a list of terms.
    """
    single = isinstance(texts, str)
    options, keep = analysis_options(
        analysis, analyzer, lowercase=lowercase, preset=preset, rules=rules, stemmer=stemmer, stop_words=stop_words,
        kinds=kinds)
    batch = prepare([texts] if single else texts)
    result = TermLists()
    check(lib.at_terms(batch.pointer, ctypes.byref(options), ANALYZERS[analyzer], thread_count(threads),
                       ctypes.byref(result)))
    try:
        n, t = result.document_count, result.term_count
        document_offsets = native_array(result.document_offsets, np.int64, n + 1).tolist()
        term_offsets = native_array(result.term_offsets, np.int64, t + 1).tolist()
        starts = native_array(result.sentence_starts, np.uint8, t).tolist() if sentences else None
        raw = ctypes.string_at(result.data, result.data_length) if result.data_length else b""
    finally:
        lib.at_term_lists_free(ctypes.byref(result))
    del keep
    words = raw.decode("utf-8")
    if words.isascii():
        strings = [words[a:b] for a, b in zip(term_offsets, term_offsets[1:])]
    else:
        strings = [raw[a:b].decode("utf-8") for a, b in zip(term_offsets, term_offsets[1:])]
    documents = []
    for d in range(n):
        first, last = document_offsets[d], document_offsets[d + 1]
        if sentences:
            grouped: list[list[str]] = []
            for k in range(first, last):
                if starts[k] or not grouped:
                    grouped.append([])
                grouped[-1].append(strings[k])
            documents.append(grouped)
        else:
            documents.append(strings[first:last])
    return documents[0] if single else documents
