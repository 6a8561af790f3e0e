import ArabicText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark corpus: SaudiNewsNet's articles, or the seeds repeated.
public enum BenchmarkCorpus {
    /// The corpus's name, which is also the folder of its stored thresholds
    /// (`Thresholds/saudinewsnet-first-4000`, `Thresholds/seeds`...): counts
    /// and speeds are only comparable on the same input.
    public static var name: String {
        let source = saudiNewsNetFolder == nil ? "seeds" : "saudinewsnet"
        return documentLimit.map { "\(source)-first-\($0)" } ?? source
    }

    /// How many articles the suite uses, from `ARABICTEXT_BENCH_DOCUMENTS`
    /// (a positive whole number; the first ones of the file, or of the
    /// repeated seeds); nil, every article, when unset or `all`. The
    /// regression gate runs on a slice so that it takes minutes; a value that
    /// is not a positive whole number stops the suite with a message.
    public static let documentLimit: Int? = {
        guard let raw = getenv("ARABICTEXT_BENCH_DOCUMENTS").map({ String(cString: $0) }), raw != "all" else { return nil }
        guard let limit = Int(raw), limit > 0 else {
            fatalError("ARABICTEXT_BENCH_DOCUMENTS must be a positive whole number or 'all', not '\(raw)'")
        }
        return limit
    }()

    /// The folder holding `saudinewsnet.jsonl`, if any: `$SAUDINEWSNET_DIR`,
    /// else `../shared/corpora/saudinewsnet` next to the project.
    public static var saudiNewsNetFolder: String? {
        if let path = getenv("SAUDINEWSNET_DIR").map({ String(cString: $0) }) {
            return isFile(path + "/saudinewsnet.jsonl") ? path : nil
        }
        let projectRoot = String(#filePath.split(separator: "/Benchmarks/Sources/").first ?? "")
        let candidate = "/" + projectRoot.split(separator: "/").dropLast().joined(separator: "/") + "/shared/corpora/saudinewsnet"
        return isFile(candidate + "/saudinewsnet.jsonl") ? candidate : nil
    }

    /// The project's seed folder.
    public static var seedsFolder: String {
        "/" + String(#filePath.split(separator: "/Benchmarks/Sources/").first ?? "") + "/seeds"
    }

    /// The articles: SaudiNewsNet's `content` fields (31,030 documents), or
    /// the five seeds repeated to about 50 MB when the corpus is absent; the
    /// first ``documentLimit`` of them when it is set.
    public static let documents: [Document] = {
        if saudiNewsNetFolder != nil {
            let reader = CorpusReader(paths: [jsonLinesPath], textField: "content", idField: "id")
            let result = reader.readAll()
            precondition(result.problems.isEmpty, "\(jsonLinesPath): \(result.problems.first!)")
            return result.documents
        }
        return repeatedSeeds
    }()

    /// The texts' total size in bytes, printed once with the corpus's name:
    /// `corpus: NAME, N documents, B bytes of text` (Benchmarks/speed-report.py reads it).
    public static let textBytes: Int = {
        let bytes = documents.reduce(0) { $0 + $1.text.count }
        print("corpus: \(name), \(documents.count) documents, \(bytes) bytes of text")
        return bytes
    }()

    /// The texts of ``documents``.
    public static let texts: [[UInt8]] = {
        _ = textBytes
        return documents.map(\.text)
    }()

    /// The seeds repeated to about 50 MB, or to ``documentLimit`` documents.
    static let repeatedSeeds: [Document] = {
        print("corpus: SaudiNewsNet not found (set SAUDINEWSNET_DIR); using the seeds repeated, \(name)")
        let seeds = CorpusReader(paths: [seedsFolder]).readAll().documents
        precondition(!seeds.isEmpty, "no seeds in \(seedsFolder)")
        var documents: [Document] = []
        var total = 0
        var round = 0
        while documentLimit.map({ documents.count < $0 }) ?? (total < 50_000_000) {
            for seed in seeds where documentLimit.map({ documents.count < $0 }) ?? true {
                documents.append(Document(id: "\(round)/\(seed.id)", text: seed.text, origin: seed.origin))
                total += seed.text.count
            }
            round += 1
        }
        return documents
    }()

    /// A JSON Lines file of the articles, {"id", "content"} per line, for
    /// reading them and for the reading benchmark: SaudiNewsNet's own file;
    /// its first ``documentLimit`` lines copied once to a temporary file; or
    /// the repeated seeds written once to a temporary file. A temporary file
    /// is removed when the process exits.
    public static let jsonLinesPath: String = {
        if let folder = saudiNewsNetFolder, documentLimit == nil { return folder + "/saudinewsnet.jsonl" }
        let path = "/tmp/arabictext-benchmark-\(name)-\(getpid()).jsonl"
        var bytes: [UInt8] = []
        if let folder = saudiNewsNetFolder, let limit = documentLimit {
            bytes = firstLines(limit, of: folder + "/saudinewsnet.jsonl")
        } else {
            for document in repeatedSeeds {
                bytes += Array("{\"id\":".utf8)
                JSONText.appendString(Array(document.id.utf8), to: &bytes)
                bytes += Array(",\"content\":".utf8)
                JSONText.appendString(document.text, to: &bytes)
                bytes += Array("}\n".utf8)
            }
        }
        guard let file = fopen(path, "wb") else { fatalError("cannot create \(path)") }
        let written = fwrite(bytes, 1, bytes.count, file)
        guard fclose(file) == 0, written == bytes.count else { fatalError("cannot write \(path)") }
        temporaryFile = path
        atexit { if let path = BenchmarkCorpus.temporaryFile { unlink(path) } }
        print("corpus: \(name) written to \(path) (\(bytes.count) bytes)")
        return path
    }()

    /// The temporary file written by ``jsonLinesPath``, removed at exit.
    nonisolated(unsafe) static var temporaryFile: String?

    /// All texts joined by line feeds, as one buffer (about 96 MB for SaudiNewsNet).
    public static let joinedText: [UInt8] = {
        _ = textBytes
        var bytes: [UInt8] = []
        bytes.reserveCapacity(documents.reduce(0) { $0 + $1.text.count + 1 })
        for document in documents {
            bytes += document.text
            bytes.append(0x0A)
        }
        return bytes
    }()
}

/// The first `count` lines of the file at `path` (all of it when shorter),
/// read block by block so that a small slice of a large file costs little.
func firstLines(_ count: Int, of path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 20)
    var lines = 0
    while lines < count {
        let read = fread(&block, 1, block.count, file)
        if read == 0 {
            guard ferror(file) == 0 else { fatalError("cannot read \(path)") }
            break
        }
        var end = read
        for i in 0..<read where block[i] == 0x0A {
            lines += 1
            if lines == count { end = i + 1; break }
        }
        bytes += block[0..<end]
    }
    return bytes
}

/// Whether `path` names a regular file.
func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
}
