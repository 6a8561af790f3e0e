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

from ._batch import prepare as _prepare  # noqa: F401  (kept importable for tests)
from ._duplicates import ROLES, Duplicates, RepeatedLine, find_duplicates, minhash, repeated_lines
from ._native import InvalidItemError, ItemTypeError, lib as _lib
from ._normalization import PRESETS, RULE_BITS, rule_bits, rules_of
from ._text import KINDS, STEMMERS, TAGS, Token, TokenArrays, normalize, stem, tokenize, tokenize_arrays

__version__ = _lib.at_version().decode()
"""The version of the native library (equal to the package's and to `arabic-text --version`)."""

RULES = tuple(RULE_BITS)
"""The normalization rules, by the keyword names `normalize` takes."""

__all__ = [
    "normalize", "tokenize", "tokenize_arrays", "stem", "minhash", "find_duplicates", "repeated_lines",
    "Token", "TokenArrays", "Duplicates", "RepeatedLine", "InvalidItemError", "ItemTypeError",
    "RULES", "PRESETS", "STEMMERS", "KINDS", "TAGS", "ROLES", "rule_bits", "rules_of", "__version__",
]
