"""ArabicText from Python: fast Arabic text analysis over a native library, in batches.

    >>> import arabictext as at
    >>> at.normalize("إِنَّ الـــكتابَ")
    'ان الكتاب'
    >>> at.stem(["والمكتبات"], algorithm="lucene")
    ['مكتب']

Batches are lists of str or bytes, numpy string arrays or pyarrow string
arrays (read without a copy). Each call crosses into native code once per
batch, releases the GIL while it runs and uses `threads` threads (all
processors by default); results never depend on the thread count. A bad
item raises ValueError or TypeError naming its index (`.index` on the
exception).
"""

from ._analysis import ANALYSES, ANALYZERS, terms
from ._archive import DuplicateIndex, IndexMatch
from ._batch import prepare as _prepare  # noqa: F401  (kept importable for tests)
from ._duplicates import REMOVALS, ROLES, Duplicates, RepeatedLine, find_duplicates, minhash, repeated_lines
from ._native import InvalidItemError, ItemTypeError, lib as _lib
from ._sketches import (
    KeptSet, Sketches, candidate_banding, canonical_texts, group_verified, jaccard_pairs, kept_selection, line_fingerprints,
    sketch_documents, verification_sets, verify_pairs,
)
from ._shingles import find_duplicates_in_shingles, shingle_hashes
from ._normalization import PRESETS, RULE_BITS, rule_bits, rules_of
from ._stories import Stories, Story, SimilarityIndex, cluster
from ._text import KINDS, STEMMERS, TAGS, Token, TokenArrays, normalize, stem, tokenize, tokenize_arrays

__version__ = _lib.at_version().decode()
"""The version of the native library (equal to the package's and to `arabic-text --version`)."""

RULES = tuple(RULE_BITS)
"""The normalization rules, by the keyword names `normalize` takes."""

__all__ = [
    "normalize", "tokenize", "tokenize_arrays", "stem", "terms", "minhash", "find_duplicates", "repeated_lines",
    "sketch_documents", "canonical_texts", "jaccard_pairs", "Sketches", "kept_selection", "KeptSet",
    "find_duplicates_in_shingles", "shingle_hashes", "candidate_banding", "line_fingerprints", "verification_sets", "verify_pairs", "group_verified",
    "TfidfVectorizer", "DuplicateIndex", "IndexMatch", "cluster", "Stories", "Story", "SimilarityIndex",
    "ANALYSES", "ANALYZERS",
    "Token", "TokenArrays", "Duplicates", "RepeatedLine", "InvalidItemError", "ItemTypeError",
    "RULES", "PRESETS", "STEMMERS", "KINDS", "TAGS", "ROLES", "REMOVALS", "rule_bits", "rules_of", "__version__",
]


def __getattr__(name: str):
    # TfidfVectorizer is imported on first use: it subclasses scikit-learn's
    # estimator bases when scikit-learn is installed, whose import costs about
    # a second that `normalize` or `find_duplicates` callers should not pay.
    if name == "TfidfVectorizer":
        from ._tfidf import TfidfVectorizer

        globals()["TfidfVectorizer"] = TfidfVectorizer
        return TfidfVectorizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"TfidfVectorizer"})
