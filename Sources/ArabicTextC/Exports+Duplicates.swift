import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The duplicate settings of an `at_duplicate_options` (fields: threshold,
/// shingle_size, hash_count, seed, sketch, normalization, bands, rows,
/// representative, grouping, containment, boilerplate_documents), checked
/// before any library call so that no precondition can fail.
struct DuplicateSettings {
    var options: DuplicateOptions
    var representative: RepresentativeChoice
    var grouping: DuplicateGrouping
    var containment: ContainmentOptions?
    var boilerplateDocuments: Int

    init(_ pointer: UnsafeRawPointer?) throws(CFailure) {
        let fields = try CStruct(pointer, name: "options")
        let threshold = fields.double(0)
        guard threshold > 0 && threshold <= 1 else { throw .argument("the threshold must be in (0, 1], not \(threshold)") }
        let shingleSize = fields.int(1)
        guard (1...16).contains(shingleSize) else { throw .argument("the shingle size must be in 1...16, not \(shingleSize)") }
        let hashCount = fields.int(2)
        guard (1...4096).contains(hashCount) else {
            throw .argument("the number of hash values must be in 1...4096, not \(hashCount)")
        }
        let sketches: [SketchAlgorithm] = [.onePermutation, .classic]
        let sketch = fields.int(4)
        guard sketch >= 0, sketch < Int64(sketches.count) else {
            throw .argument("unknown sketch algorithm \(sketch) (0 one-permutation, 1 classic)")
        }
        let normalization = try normalizationOptions(fields.uint(5))
        let bands = fields.int(6)
        let rows = fields.int(7)
        var banding: LSHBanding? = nil
        if bands != 0 || rows != 0 {
            guard (1...4096).contains(bands), (1...4096).contains(rows) else {
                throw .argument("bands and rows must both be 0 (derived) or both in 1...4096, not \(bands) and \(rows)")
            }
            banding = LSHBanding(bands: Int(bands), rows: Int(rows))
        }
        options = DuplicateOptions(
            threshold: threshold, shingleSize: Int(shingleSize), hashCount: Int(hashCount), seed: fields.uint(3),
            algorithm: sketches[Int(sketch)], normalization: normalization, banding: banding)
        if let problem = options.problem { throw .argument(problem) }
        let representatives: [RepresentativeChoice] = [.longest, .first]
        let choice = fields.int(8)
        guard choice >= 0, choice < Int64(representatives.count) else {
            throw .argument("unknown representative choice \(choice) (0 longest, 1 first)")
        }
        representative = representatives[Int(choice)]
        let groupings: [DuplicateGrouping] = [.connected, .center, .star]
        let grouping = fields.int(9)
        guard grouping >= 0, grouping < Int64(groupings.count) else {
            throw .argument("unknown grouping \(grouping) (0 connected, 1 center, 2 star)")
        }
        self.grouping = groupings[Int(grouping)]
        let containment = fields.double(10)
        guard containment >= 0 && containment <= 1 else {
            throw .argument("the containment threshold must be 0 (off) or in (0, 1], not \(containment)")
        }
        self.containment = containment == 0 ? nil : ContainmentOptions(threshold: containment, banding: banding)
        let boilerplate = fields.int(11)
        guard boilerplate >= 0 && boilerplate <= Int64(Int32.max) else {
            throw .argument("boilerplate_documents must be in 0...\(Int32.max), not \(boilerplate)")
        }
        boilerplateDocuments = Int(boilerplate)
    }
}

extension DuplicateSettings {
    /// The finder of these settings on `threads` threads.
    func finder(threads: Int) throws(CFailure) -> DuplicateFinder {
        do throws(OptionError) {
            return try DuplicateFinder(
                options: options, representative: representative, grouping: grouping, containment: containment,
                boilerplateDocuments: boilerplateDocuments, threads: threads)
        } catch {
            throw CFailure.argument(error.message)
        }
    }
}

/// Fills an `at_duplicate_options` with the defaults of `arabic-text dedup` (`at_duplicate_options_init`).
@_cdecl("at_duplicate_options_init")
public func at_duplicate_options_init(_ options: UnsafeMutableRawPointer?) {
    guard let options, let fields = try? CStruct(options, name: "options") else { return }
    let defaults = DuplicateOptions()
    fields.set(0, defaults.threshold)
    fields.set(1, Int64(defaults.shingleSize))
    fields.set(2, Int64(defaults.hashCount))
    fields.set(3, defaults.seed)
    fields.set(4, Int64(defaults.algorithm == .classic ? 1 : 0))
    fields.set(5, UInt64(defaults.normalization.rawValue))
    fields.set(6, Int64(0))
    fields.set(7, Int64(0))
    fields.set(8, Int64(0))
    fields.set(9, Int64(2))
    fields.set(10, ContainmentOptions.defaultThreshold)
    fields.set(11, Int64(DuplicateFinder.defaultBoilerplateDocuments))
}

/// MinHash signatures of a batch, into the caller's array (`at_minhash`).
/// - Complexity: O(total bytes) on up to `threads` threads, plus 20 bytes and
///   one signature per text held by the library during the call.
@_cdecl("at_minhash")
public func at_minhash(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64,
    _ signatures: UnsafeMutablePointer<UInt32>?, _ capacity: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let batch = try TextBatch(texts, acceptingCodeUnits: true)
        let settings = try DuplicateSettings(options)
        let threads = try threadCount(threads)
        let (needed, overflow) = batch.count.multipliedReportingOverflow(by: settings.options.hashCount)
        guard !overflow, capacity >= Int64(needed) else {
            throw .argument("signatures has room for \(capacity) values; \(batch.count) texts × \(settings.options.hashCount) need \(needed)")
        }
        guard let signatures else {
            if needed == 0 { return }
            throw .argument("signatures is NULL")
        }
        try batch.requireUTF8(threads: threads)
        let sketches = DocumentSketches(count: batch.count, options: settings.options, threads: threads) { index, body in
            batch.withText(index, body)
        }
        sketches.signatures.withUnsafeBufferPointer { values in
            if let base = values.baseAddress { signatures.update(from: base, count: values.count) }
        }
    }
}

/// The arguments of an export that reads a batch of texts with duplicate
/// settings, checked in the order every such export checks them: the result
/// struct, the batch, the settings, the thread count, then the texts as UTF-8.
struct DuplicateBatchCall {
    let output: CStruct
    let batch: TextBatch
    let settings: DuplicateSettings
    let threads: Int

    /// Checks the arguments; `acceptingCodeUnits` lets the batch be CPython's code units.
    /// - Complexity: O(total bytes) for the UTF-8 check, on `threads` threads.
    init(
        texts: UnsafeRawPointer?, options: UnsafeRawPointer?, threads: Int64, result: UnsafeMutableRawPointer?,
        acceptingCodeUnits: Bool = false
    ) throws(CFailure) {
        output = try CStruct(result, name: "result")
        batch = try TextBatch(texts, acceptingCodeUnits: acceptingCodeUnits)
        settings = try DuplicateSettings(options)
        self.threads = try threadCount(threads)
        try batch.requireUTF8(threads: self.threads)
    }
}

/// Exact and near duplicates of a batch and the kept set of `dedup --write-unique`
/// (`KeptSelection`), into the caller's arrays (`at_find_duplicates`).
/// - Complexity: that of `DuplicateFinder.find(in:)` and `KeptSelection`; the texts are read in place.
@_cdecl("at_find_duplicates")
public func at_find_duplicates(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let call = try DuplicateBatchCall(
            texts: texts, options: options, threads: threads, result: result, acceptingCodeUnits: true)
        let (output, batch, settings, threads) = (call.output, call.batch, call.settings, call.threads)
        let finder = try settings.finder(threads: threads)
        // The texts are read in place: sketched (with their lines' fingerprints for the
        // boilerplate rule, and their shingle sets kept for verification, as `find(in:)` does), then compared.
        let sets = TextStore(memoryBudget: finder.verificationMemory)
        let sketches = DocumentSketches(
            count: batch.count, options: settings.options, threads: threads,
            countingLines: settings.boilerplateDocuments > 0, keepingSetsIn: sets
        ) { index, body in batch.withText(index, body) }
        sets.finishAppending()
        let report = finder.find(in: batch, sketches: sketches, sets: sets)
        let selection = KeptSelection(report, representative: settings.representative)
        write(report, selection, to: output)
    }
}

/// Writes a report and its kept set into an `at_duplicate_result` (the
/// caller's arrays, any of which may be NULL; the counts always).
/// - Complexity: O(documents).
func write(_ report: DuplicateReport, _ selection: KeptSelection, to output: CStruct) {
    let n = report.documentCount
    let cluster = output.pointer(0)?.assumingMemoryBound(to: Int64.self)
    let group = output.pointer(1)?.assumingMemoryBound(to: Int64.self)
    let representative = output.pointer(2)?.assumingMemoryBound(to: Int64.self)
    let similarity = output.pointer(3)?.assumingMemoryBound(to: Double.self)
    let role = output.pointer(4)?.assumingMemoryBound(to: UInt8.self)
    let containment = output.pointer(11)?.assumingMemoryBound(to: Double.self)
    for document in 0..<n {
        containment?[document] = 1
        cluster?[document] = Int64(report.clusterOfDocument[document])
        group?[document] = -1
        representative?[document] = Int64(document)
        similarity?[document] = 1
        role?[document] = 0
    }
    for (number, members) in report.groups.enumerated() {
        for (position, member) in members.members.enumerated() {
            group?[member] = Int64(number)
            representative?[member] = Int64(members.representative)
            similarity?[member] = members.similarities[position]
            containment?[member] = members.containments[position]
            role?[member] = roleCode(members.roles[position])
        }
    }
    output.set(5, Int64(report.groups.count))
    output.set(6, Int64(report.candidatePairCount))
    let removedAs = output.pointer(7)?.assumingMemoryBound(to: UInt8.self)
    let copyOf = output.pointer(8)?.assumingMemoryBound(to: Int64.self)
    let copySimilarity = output.pointer(9)?.assumingMemoryBound(to: Double.self)
    write(selection, removedAs: removedAs, copyOf: copyOf, copySimilarity: copySimilarity)
    output.set(10, Int64(selection.keptCount))
    if let copyContainment = output.pointer(12)?.assumingMemoryBound(to: Double.self) {
        for document in 0..<n { copyContainment[document] = selection.containment[document] ?? .nan }
    }
}

/// `AT_ROLE_*` of a duplicate role.
private func roleCode(_ role: DuplicateRole) -> UInt8 {
    switch role {
    case .unique: 0
    case .representative: 1
    case .exact: 2
    case .near: 3
    case .containedIn: 4
    case .contains: 5
    }
}

/// Fills an `at_repeated_line_options` with the defaults of `arabic-text dedup --lines`.
@_cdecl("at_repeated_line_options_init")
public func at_repeated_line_options_init(_ options: UnsafeMutableRawPointer?) {
    guard let options, let fields = try? CStruct(options, name: "options") else { return }
    let defaults = RepeatedLineOptions()
    fields.set(0, UInt64(defaults.normalization.rawValue))
    fields.set(1, Int64(defaults.nearRepeats ? 1 : 0))
    fields.set(2, Int64(defaults.minimumWords))
    fields.set(3, defaults.maximumEditFraction)
    fields.set(4, defaults.minimumCoverage)
    fields.set(5, Int64(defaults.maximumWords))
}

/// Repeated lines of a batch (`at_find_repeated_lines`).
/// - Complexity: that of `RepeatedLineFinder.find(in:)`; the texts are read in place.
@_cdecl("at_find_repeated_lines")
public func at_find_repeated_lines(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let fields = try CStruct(options, name: "options")
        let normalization = try normalizationOptions(fields.uint(0))
        let minimumWords = fields.int(2)
        guard (1...100_000).contains(minimumWords) else {
            throw .argument("minimum_words must be in 1...100000, not \(minimumWords)")
        }
        let editFraction = fields.double(3)
        guard editFraction >= 0 && editFraction <= 1 else {
            throw .argument("maximum_edit_fraction must be in [0, 1], not \(editFraction)")
        }
        let coverage = fields.double(4)
        guard coverage >= 0 && coverage <= 1 else { throw .argument("minimum_coverage must be in [0, 1], not \(coverage)") }
        let maximumWords = fields.int(5)
        guard (1...100_000).contains(maximumWords) else {
            throw .argument("maximum_words must be in 1...100000, not \(maximumWords)")
        }
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let lineOptions = RepeatedLineOptions(
            normalization: normalization, nearRepeats: fields.int(1) != 0, minimumWords: Int(minimumWords),
            maximumEditFraction: editFraction, minimumCoverage: coverage, maximumWords: Int(maximumWords))
        let groups = RepeatedLineFinder(options: lineOptions, threads: threads).find(in: batch)

        var offsets: [Int64] = [0]
        var documents: [Int64] = []
        var lines: [Int64] = []
        var kinds: [UInt8] = []
        for group in groups {
            for (reference, kind) in zip(group.lines, group.kinds) {
                documents.append(Int64(reference.document))
                lines.append(Int64(reference.line))
                kinds.append(kind == .exact ? 0 : 1)
            }
            offsets.append(Int64(documents.count))
        }
        var allocated: [UnsafeMutableRawPointer] = []
        do throws(CFailure) {
            func keep<T>(_ values: [T]) throws(CFailure) -> UnsafeMutableRawPointer {
                let pointer = UnsafeMutableRawPointer(try CMemory.copy(values))
                allocated.append(pointer)
                return pointer
            }
            let offsetsPointer = try keep(offsets)
            let documentsPointer = try keep(documents)
            let linesPointer = try keep(lines)
            let kindsPointer = try keep(kinds)
            output.set(0, Int64(groups.count))
            output.set(1, Int64(documents.count))
            output.set(2, pointer: offsetsPointer)
            output.set(3, pointer: documentsPointer)
            output.set(4, pointer: linesPointer)
            output.set(5, pointer: kindsPointer)
        } catch {
            for pointer in allocated { free(pointer) }
            throw error
        }
    }
}

/// Frees an `at_line_groups` and zeroes it (`at_line_groups_free`).
@_cdecl("at_line_groups_free")
public func at_line_groups_free(_ groups: UnsafeMutableRawPointer?) {
    CMemory.release(groups, pointerFields: [2, 3, 4, 5], total: 6)
}
