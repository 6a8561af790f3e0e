import CArabicTextICU

/// ICU's word segmentation, for side-by-side comparisons with ``ArabicTokenizer``
/// (benchmarks use it as the baseline people would otherwise reach for).
@_spi(Benchmarks)
public enum ICUWordBreak {
    /// The number of word-like segments (letters, numbers, ideographs)
    /// ICU's word break iterator finds in well-formed UTF-8, or nil on error.
    /// - Complexity: O(n); ICU allocates its iterator once per call.
    public static func countWords(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        let count = arabictext_icu_count_words_utf8(base.assumingMemoryBound(to: UInt8.self), Int64(bytes.count))
        return count < 0 ? nil : Int(count)
    }
}
