"""`TfidfVectorizer`: scikit-learn's TfidfVectorizer over the native library.

The matrix, idf and feature names are computed natively in one call per
batch; the result is a scipy.sparse.csr_matrix whose arrays are the
library's memory (no copy). Features are numbered in code point order, as
scikit-learn numbers them.
"""

from __future__ import annotations

import ctypes

import numpy as np
import scipy.sparse as sp

from ._analysis import ANALYZERS, analysis_options, check_count, choice
from ._weighting import NORMS, tfidf_options
from ._batch import prepare
from ._text import _decoded
from ._native import (
    CSR, AnalysisOptions, Handle, NativeBlock, TfidfOptions, Texts, check, lib, texts_list, thread_count, view_array,
)

try:  # scikit-learn is optional: with it, the vectorizer is a full estimator (clone, Pipeline, tags, repr).
    from sklearn.base import BaseEstimator as _Estimator, TransformerMixin as _Transformer
    from sklearn.exceptions import NotFittedError

    _BASES: tuple = (_Transformer, _Estimator)
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    _BASES = (object,)

    class NotFittedError(ValueError, AttributeError):
        """The vectorizer is used before it was fitted."""


class TfidfModel:
    """A fitted native model (`at_tfidf_model`), released when collected."""

    def __init__(self, pointer: int):
        self.handle = Handle(pointer, "at_tfidf_free")

    @property
    def pointer(self) -> int:
        return self.handle.pointer

    def info(self) -> tuple[AnalysisOptions, TfidfOptions, int, int]:
        analysis, options = AnalysisOptions(), TfidfOptions()
        features, documents = ctypes.c_int64(), ctypes.c_int64()
        check(lib.at_tfidf_info(self.pointer, ctypes.byref(analysis), ctypes.byref(options), ctypes.byref(features),
                                ctypes.byref(documents)))
        return analysis, options, features.value, documents.value

    def feature_count(self) -> int:
        count = ctypes.c_int64()
        check(lib.at_tfidf_info(self.pointer, None, None, ctypes.byref(count), None))
        return count.value

    def texts(self, function) -> list[bytes]:
        result = Texts()
        check(function(self.pointer, ctypes.byref(result)))
        try:
            return texts_list(result)
        finally:
            lib.at_texts_free(ctypes.byref(result))

    def strings(self, function) -> list[str]:
        """The texts of `function`'s `at_texts` as strs: joined natively and decoded at once."""
        result = Texts()
        check(function(self.pointer, ctypes.byref(result)))
        try:
            return _decoded(result)
        finally:
            lib.at_texts_free(ctypes.byref(result))

    def serialized(self) -> bytes:
        return self.texts(lib.at_tfidf_serialize)[0]

    @classmethod
    def from_bytes(cls, data: bytes) -> "TfidfModel":
        pointer = ctypes.c_void_p()
        check(lib.at_tfidf_deserialize(data, len(data), ctypes.byref(pointer)))
        return cls(pointer.value)

    @classmethod
    def load(cls, path) -> "TfidfModel":
        pointer = ctypes.c_void_p()
        check(lib.at_tfidf_load(str(path).encode(), ctypes.byref(pointer)))
        return cls(pointer.value)


def csr_from_native(struct: CSR, dtype) -> sp.csr_matrix:
    """A csr_matrix over an `at_csr` (its arrays stay library memory until the matrix is collected)."""
    owner = NativeBlock(lambda: lib.at_csr_free(ctypes.byref(struct)))
    rows, nnz = struct.row_count, struct.nonzero_count
    indptr = view_array(struct.indptr, np.int64, rows + 1, owner)
    if len(indptr) == 0:
        indptr = np.zeros(rows + 1, dtype=np.int64)
    indices = view_array(struct.indices, np.int32, nnz, owner)
    data = view_array(struct.data, np.float32 if struct.value_type == 1 else np.float64, nnz, owner)
    if nnz < 2**31 and struct.column_count < 2**31:
        indptr = indptr.astype(np.int32)  # scipy's (and scikit-learn's) index type: no copy of the indices
    matrix = sp.csr_matrix((data, indices, indptr), shape=(rows, struct.column_count), copy=False)
    matrix.has_sorted_indices = True
    if matrix.dtype != np.dtype(dtype):
        matrix = matrix.astype(dtype)
    return matrix


def _value_type(dtype) -> tuple[int, np.dtype]:
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        return 0, dtype
    if dtype == np.float32:
        return 1, dtype
    raise ValueError(f"dtype must be numpy.float64 or numpy.float32, not {dtype}")


class TfidfVectorizer(*_BASES):
    """TF-IDF features of texts, computed natively: a drop-in for
    scikit-learn's `TfidfVectorizer` (same arguments, attributes and results)
    with a choice of analysis.

    - ``analysis="arabic"`` (default): the library's Arabic chain: tokens of
      the original text, normalized (`preset`, `rules`), stop words dropped
      (`stop_words`: "default" Arabic and English, "arabic", None or a list),
      Arabic words stemmed (`stemmer`: "lucene" for word features, none for
      character features, unless given), word n-grams within sentences unless
      `cross_sentences`.
    - ``analysis="sklearn"``: scikit-learn's default analysis (`lowercase`,
      the token pattern ``(?u)\\b\\w\\w+\\b``, char and char_wb padding), so
      that the matrix, features and their order equal scikit-learn's
      `TfidfVectorizer` with the same arguments (within 1e-9).

    The weighting takes scikit-learn's arguments and formulas: `analyzer`
    ("word", "char", "char_wb"), `ngram_range`, `min_df`/`max_df` (an int
    counts documents, a float is a fraction), `max_features` (ties at the
    cut go to the feature first in code point order), `norm` ("l2", "l1",
    None), `use_idf`, `smooth_idf`, `sublinear_tf`, `dtype` (float64 or
    float32). Features are numbered in code point order, as scikit-learn's.

    `fit`, `transform` and `fit_transform` take a list of str or bytes, a
    numpy string array or a pyarrow string array (read in place); they
    release the GIL and use `threads` threads (all processors by default;
    results never depend on it). Pickling saves the model in the library's
    model file format (`save` / `load` write and read that file).
    """

    def __init__(
        self, *, analysis="arabic", analyzer="word", ngram_range=(1, 1), lowercase=True, min_df=1, max_df=1.0,
        max_features=None, norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False, dtype=np.float64,
        preset="search", rules=None, stemmer=None, stop_words="default", cross_sentences=False, threads=None,
    ):
        self.analysis = analysis
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.lowercase = lowercase
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        self.dtype = dtype
        self.preset = preset
        self.rules = rules
        self.stemmer = stemmer
        self.stop_words = stop_words
        self.cross_sentences = cross_sentences
        self.threads = threads

    # ------------------------------------------------------------ parameters

    _PARAMETERS = (
        "analysis", "analyzer", "ngram_range", "lowercase", "min_df", "max_df", "max_features", "norm", "use_idf",
        "smooth_idf", "sublinear_tf", "dtype", "preset", "rules", "stemmer", "stop_words", "cross_sentences",
        "threads",
    )

    if _BASES == (object,):  # scikit-learn's BaseEstimator provides these when it is installed

        def get_params(self, deep: bool = True) -> dict:
            """The constructor's arguments, by name (as scikit-learn's estimators)."""
            return {name: getattr(self, name) for name in self._PARAMETERS}

        def set_params(self, **params) -> "TfidfVectorizer":
            """Sets constructor arguments; returns the vectorizer."""
            for name, value in params.items():
                if name not in self._PARAMETERS:
                    raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}")
                setattr(self, name, value)
            return self

    def _native_options(self):
        analysis, keep = analysis_options(
            self.analysis, self.analyzer, lowercase=self.lowercase, preset=self.preset, rules=self.rules,
            stemmer=self.stemmer, stop_words=self.stop_words)
        options = tfidf_options(
            self.analyzer, self.ngram_range, self.min_df, self.max_df, self.max_features, self.norm, self.use_idf,
            self.smooth_idf, self.sublinear_tf, self.cross_sentences)
        return analysis, options, keep

    @staticmethod
    def _documents(raw_documents, what="raw_documents"):
        if isinstance(raw_documents, (str, bytes)):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        return prepare(raw_documents, what)

    # ------------------------------------------------------------ fitting

    def _fit(self, raw_documents, want_matrix: bool):
        analysis, options, keep = self._native_options()
        value_type, dtype = _value_type(self.dtype)
        batch = self._documents(raw_documents)
        n = batch.count
        low = options.min_df * (n if options.min_df_is_fraction else 1)
        high = options.max_df * (n if options.max_df_is_fraction else 1)
        if high < low:
            raise ValueError("max_df corresponds to < documents than min_df")
        pointer = ctypes.c_void_p()
        matrix = CSR() if want_matrix else None
        check(lib.at_tfidf_fit(
            batch.pointer, ctypes.byref(analysis), ctypes.byref(options), value_type, thread_count(self.threads),
            ctypes.byref(pointer), ctypes.byref(matrix) if matrix is not None else None))
        del keep
        model = TfidfModel(pointer.value)
        result = csr_from_native(matrix, dtype) if matrix is not None else None
        if model.feature_count() == 0:
            pruned = options.min_df != 1 or options.min_df_is_fraction or options.max_df_is_fraction == 0 \
                or options.max_df != 1.0 or options.max_features
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df." if pruned
                else "empty vocabulary; perhaps the documents only contain stop words")
        self._set_model(model)
        return result

    def _set_model(self, model: TfidfModel) -> None:
        self.model_ = model
        self._names = None
        self._vocabulary = None
        self._idf = None

    def fit(self, raw_documents, y=None) -> "TfidfVectorizer":
        """Learns the vocabulary and idf from the texts; returns the vectorizer."""
        self._fit(raw_documents, want_matrix=False)
        return self

    def fit_transform(self, raw_documents, y=None) -> sp.csr_matrix:
        """Learns the vocabulary and idf and returns the texts' TF-IDF matrix (documents x features)."""
        return self._fit(raw_documents, want_matrix=True)

    def _fitted_model(self) -> TfidfModel:
        model = getattr(self, "model_", None)
        if model is None:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with appropriate arguments "
                "before using this estimator.")
        return model

    def transform(self, raw_documents) -> sp.csr_matrix:
        """The TF-IDF matrix of texts under the fitted vocabulary and idf (unknown features are ignored)."""
        model = self._fitted_model()
        value_type, dtype = _value_type(self.dtype)
        batch = self._documents(raw_documents)
        matrix = CSR()
        check(lib.at_tfidf_transform(model.pointer, batch.pointer, value_type, thread_count(self.threads),
                                     ctypes.byref(matrix)))
        return csr_from_native(matrix, dtype)

    # ------------------------------------------------------------ fitted attributes

    def _feature_strings(self) -> list[str]:
        if self._names is None:
            self._names = self._fitted_model().strings(lib.at_tfidf_features)
        return self._names

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The feature names in column order (code point order), as an object array of str."""
        return np.asarray(self._feature_strings(), dtype=object)

    @property
    def vocabulary_(self) -> dict:
        """Each feature's column."""
        if self._fitted_model() is not None and self._vocabulary is None:
            names = self._feature_strings()
            self._vocabulary = dict(zip(names, range(len(names))))
        return self._vocabulary

    @property
    def idf_(self) -> np.ndarray:
        """The inverse document frequency of each feature (only with use_idf=True, as in scikit-learn)."""
        if not self.use_idf:
            raise AttributeError("idf_ is only defined when use_idf=True")
        model = self._fitted_model()
        if self._idf is None:
            count = model.feature_count()
            idf = np.empty(count, dtype=np.float64)
            check(lib.at_tfidf_statistics(model.pointer, idf.ctypes.data if count else None, None, count))
            self._idf = idf.astype(_value_type(self.dtype)[1], copy=False)
        return self._idf

    @property
    def document_frequencies_(self) -> np.ndarray:
        """The number of training documents holding each feature."""
        model = self._fitted_model()
        count = model.feature_count()
        frequencies = np.empty(count, dtype=np.int64)
        check(lib.at_tfidf_statistics(model.pointer, None, frequencies.ctypes.data if count else None, count))
        return frequencies

    # ------------------------------------------------------------ files and pickling

    def save(self, path) -> None:
        """Writes the fitted model to `path` in the library's model file format (what `arabic-text tfidf --model` reads)."""
        check(lib.at_tfidf_save(self._fitted_model().pointer, str(path).encode()))

    @classmethod
    def load(cls, path, *, threads=None) -> "TfidfVectorizer":
        """A fitted vectorizer from a model file (written by `save` or `arabic-text tfidf --save-model`)."""
        model = TfidfModel.load(path)
        vectorizer = cls(threads=threads)
        vectorizer._adopt(model)
        return vectorizer

    def _adopt(self, model: TfidfModel) -> None:
        """Takes the model's settings as the vectorizer's arguments."""
        analysis, options, _, _ = model.info()
        self.analysis = "sklearn" if analysis.style == 1 else "arabic"
        self.analyzer = {code: name for name, code in ANALYZERS.items()}[options.analyzer]
        self.ngram_range = (options.ngram_min, options.ngram_max)
        self.lowercase = bool(analysis.lowercase)
        self.min_df = options.min_df if options.min_df_is_fraction else int(options.min_df)
        self.max_df = options.max_df if options.max_df_is_fraction else int(options.max_df)
        self.max_features = options.max_features or None
        self.norm = {code: name for name, code in NORMS.items()}[options.norm]
        self.use_idf, self.smooth_idf = bool(options.use_idf), bool(options.smooth_idf)
        self.sublinear_tf, self.cross_sentences = bool(options.sublinear_tf), bool(options.crosses_sentences)
        if self.analysis == "arabic":
            from ._normalization import RULE_BITS, preset_bits

            self.preset = "none"
            self.rules = {name: True for name, bit in RULE_BITS.items() if analysis.normalization & bit}
            for preset in ("search", "lucene", "light"):
                if preset_bits(preset) == analysis.normalization:
                    self.preset, self.rules = preset, None
            self.stemmer = {code: name for name, code in
                            {"lucene": 0, "snowball": 1, "isri": 2, "none": 3}.items()}[analysis.stemming]
            self.stop_words = {0: None, 1: "default", 2: "arabic"}.get(analysis.stop_words)
            if analysis.stop_words == 3:
                self.stop_words = [word.decode("utf-8") for word in model.texts(lib.at_tfidf_stop_words)]
        else:
            self.stemmer, self.stop_words = None, None
        self._set_model(model)

    def __getstate__(self):
        state = {name: getattr(self, name) for name in self._PARAMETERS}
        state["dtype"] = np.dtype(self.dtype).name
        model = getattr(self, "model_", None)
        state["model"] = model.serialized() if model is not None else None
        return state

    def __setstate__(self, state):
        state = dict(state)
        data = state.pop("model", None)
        for name, value in state.items():
            setattr(self, name, value)
        self.dtype = np.dtype(self.dtype).type
        self.model_ = None
        if data is not None:
            self._set_model(TfidfModel.from_bytes(data))
        else:
            del self.model_

    def __sklearn_is_fitted__(self) -> bool:
        return getattr(self, "model_", None) is not None
