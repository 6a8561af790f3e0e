/// Duplicate detection that starts from shingles made elsewhere (a Python
/// tokenizer, a Spark job, ``WordShingler/shingles(of:appendingTo:scratch:)``
/// exported earlier): what ``DuplicateFinder/find(in:progress:)`` does after
/// shingling, on ``ShingleDocuments``.
extension DuplicateFinder {
    /// The duplicates among documents given as their shingles: signatures
    /// of their shingle hashes (one-permutation hashing by default, see
    /// ``MinHasher``), candidate pairs of the heads of exact copies by LSH
    /// bands, every candidate verified by the exact Jaccard similarity (and
    /// containment) of the two shingle sets, and the groups, roles and
    /// representatives of `find(in:progress:)`, by the finder's own steps.
    ///
    /// What shingles cannot say is taken from them:
    /// - two documents are exact copies when their shingle sequences are
    ///   equal (hash for hash, in the order given);
    /// - a document's length (for the longest representative and the kept
    ///   copy) is its number of shingles, repeats included, which orders
    ///   documents of at least ``DuplicateOptions/shingleSize`` words as their
    ///   word counts do;
    /// - lines are unknown, so ``boilerplateDocuments`` is not used.
    ///
    /// So our own shingle hashes (``DocumentSketches/sketch(_:shingler:hasher:signature:shingles:scratch:)``'s,
    /// in text order) give exactly the groups of `find(in:progress:)` with
    /// no boilerplate rule. Shingles given as bytes are hashed once each
    /// (`ByteHash`), where they are read.
    /// - Complexity: O(shingles + hashCount) per document for the signatures
    ///   (plus the bytes hashed, when given as bytes), on ``threads`` threads;
    ///   then as `find(in:progress:)`: O(bands × documents) for the
    ///   buckets and O(candidates × shingles) at most to verify. Memory: the
    ///   sketches (532 bytes per document with 128 values) and the sorted
    ///   shingle sets of candidate documents.
    public func find(inShingles documents: ShingleDocuments, progress: ((String) -> Void)? = nil) -> DuplicateReport {
        let sketches = DocumentSketches(shingles: documents, options: options, threads: threads)
        progress?("sketched \(documents.count) documents")
        let headOf = exactCopyHeads(fingerprints: sketches.fingerprints) { document in
            documents.withText(document) { Array($0) }
        }
        return findRelated(in: documents, sketches: sketches, headOf: headOf, sets: nil, textsAreShingles: true, progress: progress)
    }
}

extension DocumentSketches {
    /// Sketches documents given as their shingles, as the text initializers
    /// sketch the shingles they make: each document's signature of its
    /// shingle hashes, a fingerprint of its shingle-hash sequence (equal
    /// sequences, equal fingerprints: `fingerprint(of:signature:)`) and, as its word count, its number of
    /// shingles. The result does not depend on the number of threads.
    /// - Complexity: O(shingles + hashCount) per document (plus the bytes
    ///   hashed, when given as bytes), on up to `threads` threads; scratch per
    ///   thread for the largest document.
    public init(shingles documents: ShingleDocuments, options: DuplicateOptions, threads: Int = Parallel.defaultThreadCount) {
        let n = documents.count
        let k = options.hashCount
        let hasher = options.hasher
        let probes = DensificationProbes(hasher)
        var fingerprints = [TextFingerprint](repeating: TextFingerprint(high: 0, low: 0), count: n)
        var wordCounts = [UInt32](repeating: 0, count: n)
        var signatures = [UInt32](repeating: 0, count: n * k)
        fingerprints.withUnsafeMutableBufferPointer { fingerprintOut in
            wordCounts.withUnsafeMutableBufferPointer { wordOut in
                signatures.withUnsafeMutableBufferPointer { signatureOut in
                    let outputs = UncheckedBox((fingerprintOut, wordOut, signatureOut))
                    let chunks = Parallel.ranges(count: n, parts: max(1, min(n, threads * 16)))
                    _ = Parallel.map(count: n == 0 ? 0 : chunks.count, threads: threads) { chunk -> Int in
                        let (fingerprintOut, wordOut, signatureOut) = outputs.value
                        var scratch: [UInt64] = []
                        for index in chunks[chunk] {
                            documents.withShingles(of: index, scratch: &scratch) { shingles in
                                let signature = UnsafeMutableBufferPointer(rebasing: signatureOut[(index * k)..<(index * k + k)])
                                hasher.sketch(shingles, into: signature, probes: probes)
                                fingerprintOut[index] = Self.fingerprint(of: shingles, signature: UnsafeBufferPointer(signature))
                                wordOut[index] = UInt32(clamping: shingles.count)
                            }
                        }
                        return 0
                    }
                }
            }
        }
        self.init(hashCount: k)
        self.fingerprints = fingerprints
        self.wordCounts = wordCounts
        self.signatures = signatures
    }

    /// The fingerprint of a shingle sequence given its signature: the hash of
    /// the signature, and the count, first and last shingle mixed. Equal
    /// sequences have equal signatures, so equal fingerprints; sequences with
    /// equal fingerprints are exact copies only if they are equal hash for
    /// hash, which the finder checks. Reading the signature (k values) instead
    /// of the shingles keeps the cost off the per-shingle loop.
    /// - Complexity: O(hashCount).
    static func fingerprint(of shingles: UnsafeBufferPointer<UInt64>, signature: UnsafeBufferPointer<UInt32>) -> TextFingerprint {
        let count = UInt64(shingles.count)
        let ends = shingles.isEmpty ? 0 : shingles[0] ^ shingles[shingles.count - 1].rotated(by: 32)
        return TextFingerprint(
            high: ByteHash.hash(UnsafeRawBufferPointer(signature), seed: count), low: ByteHash.mix(ends, seed: ~count))
    }
}
