"""The TF-IDF options of scikit-learn-style arguments (`at_tfidf_options`),
shared by `TfidfVectorizer`, `cluster` and `SimilarityIndex`. Kept apart from
`_tfidf` so that `import arabictext` does not import scikit-learn (which
`TfidfVectorizer` subclasses when it is installed, at a cost of about a
second); it is imported when `TfidfVectorizer` is first used.
"""

from __future__ import annotations

import ctypes
from numbers import Integral, Real

from ._analysis import ANALYZERS, check_count, choice
from ._native import TfidfOptions, lib

NORMS = {"l2": 0, "l1": 1, None: 2}


def _bound(name: str, value) -> tuple[float, int]:
    """A document-frequency bound as scikit-learn reads it: an int is a count, a float a fraction."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an int or a float, not bool")
    if isinstance(value, Integral):
        if value < 0:
            raise ValueError(f"{name} as a count must be at least 0, not {value}")
        return float(value), 0
    if isinstance(value, Real):
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"{name} as a float must be a fraction in [0.0, 1.0], not {value}")
        return float(value), 1
    raise TypeError(f"{name} must be an int or a float, not {type(value).__name__}")


def tfidf_options(
    analyzer="word", ngram_range=(1, 1), min_df=1, max_df=1.0, max_features=None, norm="l2", use_idf=True,
    smooth_idf=True, sublinear_tf=False, cross_sentences=False, hashed_bits=None, sorted_features=True,
) -> TfidfOptions:
    """The `at_tfidf_options` of scikit-learn-style arguments."""
    options = TfidfOptions()
    lib.at_tfidf_options_init(ctypes.byref(options))
    options.analyzer = choice("analyzer", analyzer, ANALYZERS)
    try:
        low, high = ngram_range
    except (TypeError, ValueError):
        raise ValueError(f"ngram_range must be a pair (min_n, max_n), not {ngram_range!r}") from None
    low, high = check_count("ngram_range[0]", low, 1), check_count("ngram_range[1]", high, 1)
    if low > high:
        raise ValueError(f"Invalid value for ngram_range={ngram_range!r}: the lower boundary is larger than the upper")
    options.ngram_min, options.ngram_max = low, high
    options.min_df, options.min_df_is_fraction = _bound("min_df", min_df)
    options.max_df, options.max_df_is_fraction = _bound("max_df", max_df)
    options.max_features = 0 if max_features is None else check_count("max_features", max_features, 1)
    options.norm = choice("norm", norm, NORMS)
    options.use_idf, options.smooth_idf = int(bool(use_idf)), int(bool(smooth_idf))
    options.sublinear_tf, options.crosses_sentences = int(bool(sublinear_tf)), int(bool(cross_sentences))
    options.hashed_bits = 0 if hashed_bits is None else check_count("hashed_bits", hashed_bits, 1)
    options.feature_order = 1 if sorted_features else 0
    return options
