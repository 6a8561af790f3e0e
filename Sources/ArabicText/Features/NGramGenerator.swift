/// Draws the n-gram features of a ``TermBuffer`` as byte strings.
///
/// * word n-grams: terms joined by one space, within a sentence unless
///   ``FeatureOptions/crossesSentences``;
/// * `char`: every window of n Unicode scalars of the terms joined by single
///   spaces (scikit-learn's `_char_ngrams` on whitespace-normalized text);
/// * `char_wb`: every window of n scalars of each term padded with a space
///   on each side; a padded term shorter than n yields itself once and no
///   larger n-grams (scikit-learn's `_char_wb_ngrams`, quirk included).
///
/// - Complexity: O(terms × range) per document; writes into `scratch`, no
///   allocation once it has grown.
public struct NGramGenerator: Sendable {
    /// The options.
    public let options: FeatureOptions

    /// A generator.
    /// - Complexity: O(1).
    public init(_ options: FeatureOptions) { self.options = options }

    /// Scratch memory for one thread.
    public struct Scratch {
        var joined: [UInt8] = []
        var boundaries: [Int] = []
        /// Empty scratch.
        /// - Complexity: O(1).
        public init() {}
    }

    /// Calls `body` with the bytes of every feature occurrence of `terms`, in a fixed order.
    /// - Complexity: O(terms × n-gram sizes); no allocation once the scratch has grown.
    public func forEachFeature(
        of terms: TermBuffer, scratch: inout Scratch, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        switch options.kind {
        case .word: wordNGrams(terms, &scratch, body)
        case .char: characterNGrams(terms, &scratch, body)
        case .charWordBounded: boundedCharacterNGrams(terms, &scratch, body)
        }
    }

    private func wordNGrams(_ terms: TermBuffer, _ scratch: inout Scratch, _ body: (UnsafeRawBufferPointer) -> Void) {
        let range = options.ngramRange
        let count = terms.count
        terms.bytes.withUnsafeBytes { bytes in
            for start in 0..<count {
                if range.lowerBound == 1 {
                    body(UnsafeRawBufferPointer(rebasing: bytes[terms.range(start)]))
                }
                let smallest = max(range.lowerBound, 2)
                guard smallest <= range.upperBound else { continue }
                scratch.joined.removeAll(keepingCapacity: true)
                scratch.joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[terms.range(start)]))
                var n = 1
                while n < range.upperBound && start + n < count {
                    if !options.crossesSentences && terms.sentenceStarts[start + n] { break }
                    scratch.joined.append(0x20)
                    scratch.joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[terms.range(start + n)]))
                    n += 1
                    if n >= smallest {
                        scratch.joined.withUnsafeBytes { body($0) }
                    }
                }
            }
        }
    }

    /// Offsets of the scalar starts of `bytes`, plus its end, into `boundaries`.
    private func scalarBoundaries(_ bytes: UnsafeRawBufferPointer, into boundaries: inout [Int]) {
        boundaries.removeAll(keepingCapacity: true)
        for k in 0..<bytes.count where bytes[k] & 0xC0 != 0x80 { boundaries.append(k) }
        boundaries.append(bytes.count)
    }

    private func characterNGrams(_ terms: TermBuffer, _ scratch: inout Scratch, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard terms.count > 0 else { return }
        scratch.joined.removeAll(keepingCapacity: true)
        terms.bytes.withUnsafeBytes { bytes in
            for k in 0..<terms.count {
                if k > 0 { scratch.joined.append(0x20) }
                scratch.joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)]))
            }
        }
        let range = options.ngramRange
        scratch.joined.withUnsafeBytes { text in
            scalarBoundaries(text, into: &scratch.boundaries)
            let length = scratch.boundaries.count - 1
            scratch.boundaries.withUnsafeBufferPointer { b in
                for n in range where n <= length {
                    for i in 0...(length - n) {
                        body(UnsafeRawBufferPointer(rebasing: text[b[i]..<b[i + n]]))
                    }
                }
            }
        }
    }

    private func boundedCharacterNGrams(_ terms: TermBuffer, _ scratch: inout Scratch, _ body: (UnsafeRawBufferPointer) -> Void) {
        terms.bytes.withUnsafeBytes { bytes in
            for k in 0..<terms.count {
                forEachBoundedCharacterNGram(ofTerm: UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)]), scratch: &scratch, body)
            }
        }
    }

    /// Calls `body` with the `char_wb` n-grams of one term, in the order
    /// ``forEachFeature(of:scratch:_:)`` draws them: the term padded with a
    /// space on each side, windows of n scalars for each n of the range.
    /// A term's features depend on the term alone, so callers may keep them
    /// per distinct term.
    /// - Complexity: O(length of the term × range); no allocation once the scratch has grown.
    public func forEachBoundedCharacterNGram(
        ofTerm term: UnsafeRawBufferPointer, scratch: inout Scratch, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        let range = options.ngramRange
        scratch.joined.removeAll(keepingCapacity: true)
        scratch.joined.append(0x20)
        scratch.joined.append(contentsOf: term)
        scratch.joined.append(0x20)
        scratch.joined.withUnsafeBytes { word in
            scalarBoundaries(word, into: &scratch.boundaries)
            let length = scratch.boundaries.count - 1
            scratch.boundaries.withUnsafeBufferPointer { b in
                for n in range {
                    // The first window even when the padded word is shorter than n.
                    body(UnsafeRawBufferPointer(rebasing: word[b[0]..<b[min(n, length)]]))
                    var offset = 0
                    while offset + n < length {
                        offset += 1
                        body(UnsafeRawBufferPointer(rebasing: word[b[offset]..<b[offset + n]]))
                    }
                    if offset == 0 { break }  // a short word counts once, for no larger n
                }
            }
        }
    }
}
