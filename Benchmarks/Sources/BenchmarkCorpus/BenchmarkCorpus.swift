import ArabicText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark corpus: SaudiNewsNet's articles, or the seeds repeated.
public enum BenchmarkCorpus {
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
    /// the five seeds repeated to about 50 MB when the corpus is absent.
    public static let documents: [Document] = {
        if let folder = saudiNewsNetFolder {
            let reader = CorpusReader(paths: [folder + "/saudinewsnet.jsonl"], textField: "content", idField: "id")
            let result = reader.readAll()
            print("corpus: SaudiNewsNet, \(result.documents.count) documents from \(folder)")
            return result.documents
        }
        print("corpus: SaudiNewsNet not found (set SAUDINEWSNET_DIR); using the seeds repeated to 50 MB")
        let seeds = CorpusReader(paths: [seedsFolder]).readAll().documents
        var documents: [Document] = []
        var total = 0
        var round = 0
        while total < 50_000_000 {
            for seed in seeds {
                documents.append(Document(id: "\(round)/\(seed.id)", text: seed.text, origin: seed.origin))
                total += seed.text.count
            }
            round += 1
        }
        return documents
    }()

    /// All texts joined by line feeds, as one buffer (about 96 MB for SaudiNewsNet).
    public static let joinedText: [UInt8] = {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(documents.reduce(0) { $0 + $1.text.count + 1 })
        for document in documents {
            bytes += document.text
            bytes.append(0x0A)
        }
        return bytes
    }()
}

/// Whether `path` names a regular file.
func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
}

/// Seconds since an arbitrary point, monotonic.
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
