/// Saving and loading fitted models.
///
/// File format, version 1 (all integers little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `ATFIDF\r\n` |
/// | 4 | format version (1) |
/// | 4 + n | header: its length, then UTF-8 lines `key=value` (settings, `documents=`, `features=`, `stopWords=`) |
/// | … | the stop words, each as a 4-byte length and its UTF-8 bytes (`stopWords=` of them) |
/// | … | exact vocabulary: for each feature id, its document frequency (4 bytes), its length (4 bytes) and its UTF-8 bytes |
/// | … | hashed features instead: the number of non-zero entries (4 bytes), then (index, document frequency) pairs of 4 bytes each |
///
/// The header's `style=` is `arabic` (the Arabic chain) or `sklearn`
/// (scikit-learn's analysis, with `lowercase=` 0 or 1); files written before
/// it existed have no `style=` and load as the Arabic chain.
///
/// The stop-word list is stored in full, so a saved model analyzes new
/// texts exactly as it analyzed the corpus even if the default list changes.
/// Inverse document frequencies are recomputed from the counts on load.
extension TFIDFModel {
    static let magic: [UInt8] = Array("ATFIDF\r\n".utf8)
    static let formatVersion: UInt32 = 1

    /// The model as bytes in the version-1 format.
    /// - Complexity: O(size of the model); allocates the result.
    public func serialized() -> [UInt8] {
        var bytes = Self.magic
        append(Self.formatVersion, to: &bytes)
        let stopWords = analysis.stopWords
        var header = ""
        switch analysis.style {
        case .arabic:
            header += "style=arabic\n"
        case .scikitLearn(let lowercase):
            header += "style=sklearn\nlowercase=\(lowercase ? 1 : 0)\n"
        }
        header += "normalization=\(analysis.normalization.rawValue)\n"
        header += "stemming=\(analysis.stemming.rawValue)\n"
        header += "kinds=\(analysis.kinds.rawValue)\n"
        header += "preTokenized=\(analysis.preTokenized ? 1 : 0)\n"
        header += "tokenizer=\(Self.tokenizerBits(analysis.tokenizer))\n"
        header += "stopWords=\(stopWords.map { String($0.count) } ?? "none")\n"
        header += "analyzer=\(features.kind.rawValue)\n"
        header += "ngramMin=\(features.ngramRange.lowerBound)\n"
        header += "ngramMax=\(features.ngramRange.upperBound)\n"
        header += "crossesSentences=\(features.crossesSentences ? 1 : 0)\n"
        header += "hashedBits=\(features.hashedBits.map(String.init) ?? "none")\n"
        header += "sublinearTF=\(options.sublinearTF ? 1 : 0)\n"
        header += "smoothIDF=\(options.smoothIDF ? 1 : 0)\n"
        header += "useIDF=\(options.useIDF ? 1 : 0)\n"
        header += "norm=\(options.norm.rawValue)\n"
        header += "minDF=\(options.minDF)\n"
        header += "maxDF=\(options.maxDF)\n"
        header += "maxFeatures=\(options.maxFeatures.map(String.init) ?? "none")\n"
        header += "documents=\(documentCount)\n"
        header += "features=\(featureCount)\n"
        let headerBytes = Array(header.utf8)
        append(UInt32(headerBytes.count), to: &bytes)
        bytes += headerBytes
        for word in stopWords ?? [] {
            let utf8 = Array(word.utf8)
            append(UInt32(utf8.count), to: &bytes)
            bytes += utf8
        }
        if let vocabulary {
            for id in 0..<vocabulary.count {
                let feature = vocabulary.bytes(of: id)
                append(documentFrequencies[id], to: &bytes)
                append(UInt32(feature.count), to: &bytes)
                bytes += feature
            }
        } else {
            let nonZero = documentFrequencies.indices.filter { documentFrequencies[$0] > 0 }
            append(UInt32(nonZero.count), to: &bytes)
            for index in nonZero {
                append(UInt32(index), to: &bytes)
                append(documentFrequencies[index], to: &bytes)
            }
        }
        return bytes
    }

    private func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Tokenizer options as header bits: 1 URLs, 2 e-mail addresses, 4 hashtags, 8 digits joined to letters.
    static func tokenizerBits(_ options: TokenizerOptions) -> Int {
        (options.urls ? 1 : 0) | (options.emails ? 2 : 0) | (options.hashtags ? 4 : 0) | (options.joinDigitsToLetters ? 8 : 0)
    }

    /// The tokenizer options of header bits (see ``tokenizerBits(_:)``).
    static func tokenizerOptions(_ bits: Int) -> TokenizerOptions {
        TokenizerOptions(urls: bits & 1 != 0, emails: bits & 2 != 0, hashtags: bits & 4 != 0, joinDigitsToLetters: bits & 8 != 0)
    }

    /// Writes the model to `path`, atomically (a temporary file beside it, renamed into place).
    /// - Complexity: O(size of the model).
    public func save(to path: String) throws(FileError) {
        do throws(FileBytes.ReadError) {
            try FileBytes.write(serialized(), to: path)
        } catch {
            throw FileError(path: path, reason: error.reason)
        }
    }

    /// Reads a model written by ``save(to:)``.
    /// - Complexity: O(file size); reads the whole file.
    public static func load(from path: String) throws(ModelFileError) -> TFIDFModel {
        try deserialize(try SavedFile.read(path), path: path)
    }

    /// Reads a model from bytes in the version-1 format (`path` only names it in errors).
    /// - Complexity: O(n); every count is checked against the bytes left before anything is allocated.
    public static func deserialize(_ bytes: [UInt8], path: String = "<model>") throws(ModelFileError) -> TFIDFModel {
        var reader = ByteReader(bytes: bytes)
        func fail(_ reason: String) -> ModelFileError { ModelFileError(path: path, reason: reason) }
        guard reader.take(magic.count) == magic[...] else { throw fail("not an ArabicText TF-IDF model (bad magic)") }
        guard let version = reader.uint32() else { throw fail("truncated header") }
        guard version == formatVersion else { throw fail("model format version \(version); this build reads version \(formatVersion)") }
        guard let headerLength = reader.uint32(), let headerBytes = reader.take(Int(headerLength)) else {
            throw fail("truncated header")
        }
        let fields = SavedFile.fields(of: headerBytes)
        func field(_ key: String) throws(ModelFileError) -> String {
            guard let value = fields[key] else { throw fail("header lacks \(key)") }
            return value
        }
        func integer(_ key: String) throws(ModelFileError) -> Int {
            guard let value = Int(try field(key)) else { throw fail("header field \(key) is not a number") }
            return value
        }
        func flag(_ key: String) throws(ModelFileError) -> Bool { try integer(key) != 0 }
        func optionalInteger(_ key: String) throws(ModelFileError) -> Int? {
            let text = try field(key)
            if text == "none" { return nil }
            guard let value = Int(text) else { throw fail("header field \(key) is not a number") }
            return value
        }

        guard let normalization = UInt32(try field("normalization")),
            let stemming = StemmingAlgorithm(rawValue: try field("stemming")),
            let kinds = UInt8(try field("kinds")),
            let kind = FeatureKind(rawValue: try field("analyzer")),
            let norm = VectorNorm(rawValue: try field("norm")),
            let minDF = FrequencyBound(try field("minDF")),
            let maxDF = FrequencyBound(try field("maxDF"))
        else { throw fail("header has an unknown setting") }
        let stopWordCount = try optionalInteger("stopWords")
        var stopWords: [String]? = nil
        if let stopWordCount {
            // Each stop word takes at least its 4-byte length.
            guard stopWordCount >= 0, stopWordCount <= reader.remaining / 4 else {
                throw fail("header field stopWords=\(stopWordCount) does not fit in the \(bytes.count)-byte file")
            }
            var words: [String] = []
            for _ in 0..<stopWordCount {
                guard let length = reader.uint32(), let word = reader.take(Int(length)) else { throw fail("truncated stop words") }
                words.append(String(decoding: word, as: UTF8.self))
            }
            stopWords = words
        }
        let ngramMin = try integer("ngramMin"), ngramMax = try integer("ngramMax")
        guard ngramMin >= 1, ngramMax >= ngramMin else { throw fail("bad n-gram range") }
        guard normalization & ~NormalizationOptions.all.rawValue == 0 else {
            throw fail("header field normalization=\(normalization) names unknown rules")
        }
        // Models saved before the tokenizer settings were stored used the tokenizer's defaults.
        guard let tokenizerBits = Int(fields["tokenizer"] ?? "15"), (0...15).contains(tokenizerBits) else {
            throw fail("header field tokenizer is not a number from 0 to 15")
        }
        // Models saved before the analysis style was stored used the Arabic chain.
        let style: AnalysisStyle
        switch fields["style"] ?? "arabic" {
        case "arabic": style = .arabic
        case "sklearn": style = .scikitLearn(lowercase: try flag("lowercase"))
        case let other: throw fail("header field style=\(other) is neither arabic nor sklearn")
        }
        let analysis = AnalysisSettings(
            normalization: NormalizationOptions(rawValue: normalization), stemming: stemming, stopWords: stopWords,
            kinds: TermKinds(rawValue: kinds), tokenizer: Self.tokenizerOptions(tokenizerBits),
            preTokenized: try flag("preTokenized"), style: style)
        let features = FeatureOptions(
            kind: kind, ngramRange: ngramMin...ngramMax, crossesSentences: try flag("crossesSentences"),
            hashedBits: try optionalInteger("hashedBits"))
        if let problem = features.problem { throw fail(problem) }
        let options = TFIDFOptions(
            sublinearTF: try flag("sublinearTF"), smoothIDF: try flag("smoothIDF"), useIDF: try flag("useIDF"),
            norm: norm, minDF: minDF, maxDF: maxDF, maxFeatures: try optionalInteger("maxFeatures"))
        if let limit = options.maxFeatures, limit < 1 { throw fail("header field maxFeatures=\(limit) is below 1") }
        let documents = try integer("documents"), featureCount = try integer("features")
        guard documents >= 0, documents <= Int(UInt32.max) else { throw fail("header field documents=\(documents) is out of range") }
        guard featureCount >= 0 else { throw fail("header field features=\(featureCount) is negative") }
        // An exact feature takes at least 8 bytes (frequency and length); a hashed space is 2^bits.
        if features.hashedBits == nil, featureCount > reader.remaining / 8 {
            throw fail("header field features=\(featureCount) does not fit in the \(bytes.count)-byte file")
        }

        var vocabulary: FeatureVocabulary? = nil
        var frequencies: [UInt32]
        if let bits = features.hashedBits {
            guard featureCount == 1 << bits else { throw fail("feature count does not match hashed bits") }
            frequencies = [UInt32](repeating: 0, count: featureCount)
            guard let nonZero = reader.uint32() else { throw fail("truncated features") }
            for _ in 0..<nonZero {
                guard let index = reader.uint32(), let df = reader.uint32(), Int(index) < featureCount else {
                    throw fail("truncated or bad features")
                }
                guard Int(df) <= documents else { throw fail("feature \(index) is in \(df) of \(documents) documents") }
                frequencies[Int(index)] = df
            }
        } else {
            var words = FeatureVocabulary(minimumCapacity: featureCount)
            frequencies = []
            frequencies.reserveCapacity(featureCount)
            for id in 0..<featureCount {
                guard let df = reader.uint32(), let length = reader.uint32(), let feature = reader.take(Int(length)) else {
                    throw fail("truncated features (at feature \(id) of \(featureCount))")
                }
                guard Int(df) <= documents else { throw fail("feature \(id) is in \(df) of \(documents) documents") }
                let assigned = Array(feature).withUnsafeBytes { words.id(insertingIfMissing: $0, fingerprint: ByteHash.fingerprint($0)) }
                guard Int(assigned) == id else { throw fail("feature \(id) occurs twice") }
                frequencies.append(df)
            }
            vocabulary = words
        }
        guard reader.isAtEnd else { throw fail("unexpected bytes after the features") }
        return TFIDFModel(
            analysis: analysis, features: features, options: options, documentCount: documents,
            vocabulary: vocabulary, documentFrequencies: frequencies)
    }
}
