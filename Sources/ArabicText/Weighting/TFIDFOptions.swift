/// How rows of a TF-IDF matrix are scaled.
public enum VectorNorm: String, CaseIterable, Codable, Sendable {
    /// Each row has Euclidean length 1 (cosine is then a dot product).
    case l2
    /// The absolute values of each row sum to 1.
    case l1
    /// Rows are left as they are.
    case none
}

/// A document-frequency bound, as scikit-learn's `min_df`/`max_df`: an
/// absolute number of documents, or a fraction of them.
public enum FrequencyBound: Hashable, Sendable, Codable, CustomStringConvertible {
    /// At least / at most this many documents.
    case count(Int)
    /// At least / at most this fraction (0 to 1) of the documents.
    case fraction(Double)

    /// The bound in documents for a corpus of `documents` (a fraction stays fractional, as in scikit-learn).
    /// - Complexity: O(1).
    public func documents(of documents: Int) -> Double {
        switch self {
        case .count(let count): Double(count)
        case .fraction(let fraction): fraction * Double(documents)
        }
    }

    /// Parses `5` (a count) or `0.5` (a fraction), as the command line writes them.
    /// - Complexity: O(length of the text).
    public init?(_ text: String) {
        if let count = Int(text), count >= 0 {
            self = .count(count)
        } else if let fraction = Double(text), fraction >= 0, fraction <= 1 {
            self = .fraction(fraction)
        } else {
            return nil
        }
    }

    /// `5` or `0.5`.
    public var description: String {
        switch self {
        case .count(let count): String(count)
        case .fraction(let fraction): String(fraction)
        }
    }
}

/// TF-IDF weighting, with scikit-learn's names and formulas.
///
/// * term frequency `tf` is the count of a feature in a document, or
///   `1 + ln(count)` with ``sublinearTF``;
/// * inverse document frequency is `ln((1 + n) / (1 + df)) + 1` with
///   ``smoothIDF`` (the default), else `ln(n / df) + 1`, for `n` documents of
///   which `df` hold the feature; without ``useIDF`` it is 1;
/// * a weight is `tf × idf`, and each row is then scaled by ``norm``;
/// * the vocabulary keeps the features whose document frequency lies within
///   ``minDF``…``maxDF``, then, with ``maxFeatures``, the most frequent
///   (by total count over the corpus; ties go to the feature that sorts
///   first byte-wise, where scikit-learn's order is unspecified).
public struct TFIDFOptions: Codable, Sendable, Hashable {
    /// `1 + ln(tf)` instead of `tf`.
    public var sublinearTF: Bool
    /// Add one to document counts, as if a document held every feature once.
    public var smoothIDF: Bool
    /// Weight by inverse document frequency.
    public var useIDF: Bool
    /// Row scaling.
    public var norm: VectorNorm
    /// Features in fewer documents are dropped.
    public var minDF: FrequencyBound
    /// Features in more documents are dropped.
    public var maxDF: FrequencyBound
    /// Keep at most this many features (the most frequent).
    public var maxFeatures: Int?

    /// Creates options; the defaults are scikit-learn's.
    /// - Complexity: O(1).
    public init(
        sublinearTF: Bool = false, smoothIDF: Bool = true, useIDF: Bool = true, norm: VectorNorm = .l2,
        minDF: FrequencyBound = .count(1), maxDF: FrequencyBound = .fraction(1.0), maxFeatures: Int? = nil
    ) {
        self.sublinearTF = sublinearTF
        self.smoothIDF = smoothIDF
        self.useIDF = useIDF
        self.norm = norm
        self.minDF = minDF
        self.maxDF = maxDF
        self.maxFeatures = maxFeatures
    }

    /// The inverse document frequency of a feature in `df` of `n` documents.
    /// - Complexity: O(1).
    @inlinable
    public func idf(documentFrequency df: Int, documents n: Int) -> Double {
        guard useIDF else { return 1 }
        if smoothIDF { return (Double(1 + n) / Double(1 + df)).logarithm + 1 }
        return (Double(n) / Double(df)).logarithm + 1
    }

    /// The term-frequency factor of a count.
    /// - Complexity: O(1).
    @inlinable
    public func tf(_ count: UInt32) -> Double {
        sublinearTF ? 1 + Double(count).logarithm : Double(count)
    }
}

extension Double {
    /// The natural logarithm.
    @usableFromInline
    var logarithm: Double {
        #if canImport(Glibc)
        return Glibc.log(self)
        #elseif canImport(Musl)
        return Musl.log(self)
        #else
        return Darwin.log(self)
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
