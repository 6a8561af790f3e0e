import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A duplicate archive (``DuplicateIndex``) behind an `at_duplicate_index`
/// handle: queries read it together, an addition has it alone (a
/// readers-writer lock).
final class ArchiveHandle: @unchecked Sendable {
    private var index: DuplicateIndex
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init(_ index: DuplicateIndex) {
        self.index = index
        lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// `body` with the index, alongside other readers.
    func read<R>(_ body: (DuplicateIndex) throws(CFailure) -> R) throws(CFailure) -> R {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(index)
    }

    /// `body` with the index to change, alone.
    func write<R>(_ body: (inout DuplicateIndex) throws(CFailure) -> R) throws(CFailure) -> R {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&index)
    }
}

/// An empty archive for documents compared with `options` (`at_duplicate_index_create`).
@_cdecl("at_duplicate_index_create")
public func at_duplicate_index_create(_ options: UnsafeRawPointer?, _ index: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(index, name: "index")
        let settings = try DuplicateSettings(options)
        out.set(ArchiveHandle(DuplicateIndex(options: settings.options)))
    }
}

/// Reads an archive file, as `arabic-text dedup --index` writes it (`at_duplicate_index_open`).
@_cdecl("at_duplicate_index_open")
public func at_duplicate_index_open(_ path: UnsafePointer<CChar>?, _ index: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(index, name: "index")
        let path = try pathArgument(path)
        do throws(IndexFileError) {
            out.set(ArchiveHandle(try DuplicateIndex.load(from: path)))
        } catch {
            throw CFailure(status: CFailure.fileStatus, item: -1, message: error.description)
        }
    }
}

/// Writes the archive to a file, atomically (`at_duplicate_index_save`).
@_cdecl("at_duplicate_index_save")
public func at_duplicate_index_save(_ index: UnsafeRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    withStatus { () throws(CFailure) in
        let archive = try Handles.object(index, as: ArchiveHandle.self, name: "index")
        let path = try pathArgument(path)
        try archive.read { (index) throws(CFailure) in
            do throws(FileError) {
                try index.save(to: path)
            } catch {
                throw CFailure(status: CFailure.fileStatus, item: -1, message: error.description)
            }
        }
    }
}

/// Releases an archive handle (`at_duplicate_index_free`); NULL and unknown handles are ignored.
@_cdecl("at_duplicate_index_free")
public func at_duplicate_index_free(_ index: UnsafeMutableRawPointer?) {
    Handles.release(index, as: ArchiveHandle.self)
}

/// The archive's comparison settings and size (`at_duplicate_index_info`); either output may be NULL.
@_cdecl("at_duplicate_index_info")
public func at_duplicate_index_info(
    _ index: UnsafeRawPointer?, _ options: UnsafeMutableRawPointer?, _ count: UnsafeMutablePointer<Int64>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let archive = try Handles.object(index, as: ArchiveHandle.self, name: "index")
        let fields = try options.map { (pointer) throws(CFailure) in try CStruct(pointer, name: "options") }
        try archive.read { index in
            count?.pointee = Int64(index.count)
            guard let fields else { return }
            let settings = index.options
            at_duplicate_options_init(UnsafeMutableRawPointer(mutating: fields.base))
            fields.set(0, settings.threshold)
            fields.set(1, Int64(settings.shingleSize))
            fields.set(2, Int64(settings.hashCount))
            fields.set(3, settings.seed)
            fields.set(4, Int64(settings.algorithm == .classic ? 1 : 0))
            fields.set(5, UInt64(settings.normalization.rawValue))
            fields.set(6, Int64(settings.banding.bands))
            fields.set(7, Int64(settings.banding.rows))
        }
    }
}

/// The ids of documents `first ..< first + count` of the archive, in the order added (`at_duplicate_index_ids`).
@_cdecl("at_duplicate_index_ids")
public func at_duplicate_index_ids(
    _ index: UnsafeRawPointer?, _ first: Int64, _ count: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let archive = try Handles.object(index, as: ArchiveHandle.self, name: "index")
        let output = try CStruct(result, name: "result")
        try archive.read { (index) throws(CFailure) in
            guard first >= 0, count >= 0, first <= Int64(index.count), count <= Int64(index.count) - first else {
                throw .argument("documents \(first) ..< \(first) + \(count) are outside the archive's \(index.count)")
            }
            var part = TextsPart()
            for document in Int(first)..<Int(first + count) {
                part.bytes.append(contentsOf: index.ids[document].utf8)
                part.endText()
            }
            try TextsPart.write([part], to: output)
        }
    }
}

/// Sketches a batch with the archive's settings, in place.
private func sketches(of batch: TextBatch, options: DuplicateOptions, threads: Int) -> DocumentSketches {
    DocumentSketches(count: batch.count, options: options, threads: threads, text: batch.read)
}

/// Adds documents (their sketches) with their ids (`at_duplicate_index_add`).
/// - Complexity: sketching, then the archive's merge, O((n + m) log(n + m)).
@_cdecl("at_duplicate_index_add")
public func at_duplicate_index_add(
    _ index: UnsafeRawPointer?, _ texts: UnsafeRawPointer?, _ ids: UnsafeRawPointer?, _ threads: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let archive = try Handles.object(index, as: ArchiveHandle.self, name: "index")
        let batch = try TextBatch(texts)
        let threads = try threadCount(threads)
        var given: [String]? = nil
        if let ids {
            let idBatch: TextBatch
            do throws(CFailure) {
                idBatch = try TextBatch(ids)
                try idBatch.requireUTF8(threads: 1)
            } catch {
                throw CFailure(status: error.status, item: error.item, message: "ids: \(error.message)")
            }
            guard idBatch.count == batch.count else { throw .argument("\(idBatch.count) ids for \(batch.count) texts") }
            given = (0..<idBatch.count).map { String(decoding: idBatch.item($0), as: UTF8.self) }
        }
        try batch.requireUTF8(threads: threads)
        try archive.write { (index) throws(CFailure) in
            guard index.count <= Int(UInt32.max) - 1 - batch.count else {
                throw .argument("the archive would hold more than \(UInt32.max - 1) documents")
            }
            let new = sketches(of: batch, options: index.options, threads: threads)
            let first = index.count
            index.add(new, ids: given ?? (0..<batch.count).map { String(first + $0) }, threads: threads)
        }
    }
}

/// For each text, the archived documents that duplicate it (`at_duplicate_index_query`):
/// exact copies (same normalized words, similarity 1) and documents whose
/// Jaccard similarity estimated from the signatures reaches the archive's
/// threshold, best first; with `best_only`, at most the best one.
/// - Complexity: sketching, then per text O(bands × log n + candidates).
@_cdecl("at_duplicate_index_query")
public func at_duplicate_index_query(
    _ index: UnsafeRawPointer?, _ texts: UnsafeRawPointer?, _ bestOnly: Int64, _ threads: Int64,
    _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let archive = try Handles.object(index, as: ArchiveHandle.self, name: "index")
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let found: [[IndexMatch]] = try archive.read { index in
            let sketched = sketches(of: batch, options: index.options, threads: threads)
            return Parallel.map(count: batch.count, threads: threads) { document in
                let matches = index.matches(
                    fingerprint: sketched.fingerprints[document], wordCount: Int(sketched.wordCounts[document]),
                    signature: sketched.signature(of: document))
                return bestOnly != 0 ? Array(matches.prefix(1)) : matches
            }
        }
        var offsets: [Int64] = [0]
        var documents: [Int64] = []
        var similarities: [Double] = []
        var exact: [UInt8] = []
        for matches in found {
            for match in matches {
                documents.append(Int64(match.document))
                similarities.append(match.similarity)
                exact.append(match.exact ? 1 : 0)
            }
            offsets.append(Int64(documents.count))
        }
        var allocated = CAllocations()
        do throws(CFailure) {
            let offsetsPointer = try allocated.keep([offsets])
            let documentsPointer = try allocated.keep([documents])
            let similaritiesPointer = try allocated.keep([similarities])
            let exactPointer = try allocated.keep([exact])
            output.set(0, Int64(batch.count))
            output.set(1, Int64(documents.count))
            output.set(2, pointer: offsetsPointer)
            output.set(3, pointer: documentsPointer)
            output.set(4, pointer: similaritiesPointer)
            output.set(5, pointer: exactPointer)
        } catch {
            allocated.freeAll()
            throw error
        }
    }
}

/// Frees an `at_index_matches` and zeroes it (`at_index_matches_free`).
@_cdecl("at_index_matches_free")
public func at_index_matches_free(_ matches: UnsafeMutableRawPointer?) {
    CMemory.release(matches, pointerFields: [2, 3, 4, 5], total: 6)
}
