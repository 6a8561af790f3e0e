/// Finds the duplicates of a corpus, optionally against an archive of
/// earlier documents, and its repeated lines: the job of `arabic-text
/// dedup`, as one library call.
///
/// 1. The documents are sketched and grouped (see ``DuplicateFinder``).
/// 2. With ``Options/findsRepeatedLines``, repeated lines within and across
///    documents (see ``RepeatedLineFinder``), normalized like the documents.
/// 3. With an ``Options/archive`` path: when the file exists, it is loaded and
///    every document is matched against it (its comparison settings then
///    apply; a warning says so when they differ from the ones asked for); with
///    ``Options/addsToArchive`` the documents are then added (a document whose
///    id the archive holds replaces its entry) and the archive saved
///    atomically (created when missing; a failed save leaves the old file).
/// 4. The kept set (``KeptSelection``): archive copies removed, and every
///    other removed document an exact or verified near copy of a kept one,
///    or verified to be contained in a kept one.
///
/// ```swift
/// let scan = try DuplicateScan(options: DuplicateScan.Options())
/// let result = try scan.run(Document.batch(texts))
/// for group in result.report.groups { print(group.members, group.roles) }
/// ```
public struct DuplicateScan: Sendable {
    /// What a scan does; the defaults are `arabic-text dedup`'s.
    public struct Options: Sendable, Hashable {
        /// How documents are compared (threshold, shingles, signatures, normalization).
        public var comparison: DuplicateOptions
        /// Whether `comparison` was chosen by the caller (true) or is the
        /// default (false): only chosen settings that an archive overrides are warned about.
        public var comparisonChosen: Bool
        /// Which member stands for a group.
        public var representative: RepresentativeChoice
        /// How near-duplicate and containment pairs make groups.
        public var grouping: DuplicateGrouping
        /// When a document counts as contained in another; nil: near duplicates only.
        public var containment: ContainmentOptions?
        /// Lines of at least this many documents are left out of the comparison (0: none); see ``DuplicateFinder``.
        public var boilerplateDocuments: Int
        /// Whether repeated lines are looked for.
        public var findsRepeatedLines: Bool
        /// An archive file (``DuplicateIndex``) to match against, or nil.
        public var archive: String?
        /// Whether the documents are added to the archive and it is saved.
        public var addsToArchive: Bool
        /// Threads to use; results do not depend on it.
        public var threads: Int
        /// Bytes of text held in memory; beyond it, texts wait in a temporary file (default 64 MiB).
        public var textMemory: Int = 64 << 20

        /// Options.
        /// - Complexity: O(1).
        public init(
            comparison: DuplicateOptions = DuplicateOptions(), comparisonChosen: Bool = false,
            representative: RepresentativeChoice = .longest, grouping: DuplicateGrouping = .star,
            containment: ContainmentOptions? = ContainmentOptions(),
            boilerplateDocuments: Int = DuplicateFinder.defaultBoilerplateDocuments,
            findsRepeatedLines: Bool = false, archive: String? = nil, addsToArchive: Bool = true,
            threads: Int = Parallel.defaultThreadCount
        ) {
            self.comparison = comparison
            self.comparisonChosen = comparisonChosen
            self.representative = representative
            self.grouping = grouping
            self.containment = containment
            self.boilerplateDocuments = boilerplateDocuments
            self.findsRepeatedLines = findsRepeatedLines
            self.archive = archive
            self.addsToArchive = addsToArchive
            self.threads = threads
        }
    }

    /// What a scan found.
    public struct Result: Sendable {
        /// The documents, in input order: ids, origins and fields. Their
        /// `text` is empty; the texts are in ``texts``, so they are not held twice.
        public var documents: [Document]
        /// The documents' texts, by document number (in memory, or spilled to a temporary file).
        public var texts: TextStore
        /// The comparison settings used (the archive's when it existed).
        public var comparison: DuplicateOptions
        /// Duplicate groups and every document's role.
        public var report: DuplicateReport
        /// Repeated lines (empty unless asked for).
        public var lineGroups: [RepeatedLineGroup]
        /// The archive as it was before this scan, when one was given and existed.
        public var archive: DuplicateIndex?
        /// For each document, its best match in the archive (nil: none, or no
        /// archive); near matches carry the similarity the signatures estimate.
        public var archiveMatches: [IndexMatch?]
        /// The documents a cleaned corpus keeps: every removed one has a kept
        /// near copy or is in the archive (see ``KeptSelection``).
        public var selection: KeptSelection
        /// Archive entries replaced because a document with the same id was added again.
        public var replacedInArchive: Int

        /// The text of document `index`.
        /// - Complexity: O(length); one read when the texts were spilled.
        public func text(of index: Int) -> [UInt8] { texts.text(index) }
    }

    /// The options.
    public let options: Options

    /// A scan.
    /// - Throws: ``OptionError`` when the options cannot be used.
    /// - Complexity: O(1).
    public init(options: Options = Options()) throws(OptionError) {
        if let problem = options.comparison.problem { throw OptionError(option: "comparison", message: problem) }
        if let problem = options.containment?.problem { throw OptionError(option: "containment", message: problem) }
        guard options.boilerplateDocuments >= 0 else {
            throw OptionError(option: "boilerplateDocuments", message: "must not be negative, not \(options.boilerplateDocuments)")
        }
        guard options.threads >= 1 else { throw OptionError(option: "threads", message: "must be at least 1, not \(options.threads)") }
        self.options = options
    }

    /// Scans the documents of `source`.
    /// - Parameters:
    ///   - source: the documents (files, or documents in memory).
    ///   - problem: called with every input skipped or repaired, and with warnings about the archive.
    ///   - progress: called with a short description of each phase.
    /// - Throws: ``Problem`` when the archive cannot be read or saved.
    /// - Complexity: see ``DuplicateFinder`` and ``RepeatedLineFinder``; memory: the sketches
    ///   and ids, texts up to ``Options/textMemory`` (the rest in a temporary
    ///   file), and shingle sets up to ``DuplicateFinder/defaultVerificationMemory``.
    public func run(
        _ source: some DocumentSource, problem: (Problem) -> Void = { _ in },
        progress: ((String) -> Void)? = nil
    ) throws(Problem) -> Result {
        // The archive decides the comparison settings when it exists: load it before reading.
        var comparison = options.comparison
        var archive: DuplicateIndex? = nil
        if let path = options.archive, FileBytes.kind(of: path) != .missing {
            do throws(IndexFileError) {
                let loaded = try DuplicateIndex.load(from: path)
                if options.comparisonChosen && loaded.options != comparison {
                    problem(Problem(
                        path: path,
                        message: "using the archive's settings (\(loaded.options.summary)) instead of the ones given",
                        severity: .warning))
                }
                comparison = loaded.options
                archive = loaded
            } catch {
                throw Problem(path: path, message: error.reason)
            }
        }
        // Read in batches: each batch sketched, its texts moved to the store, its documents kept without them.
        // Shingle sets are kept for verification unless repeated lines follow, which need that memory.
        progress?("reading")
        // Repeated lines are gathered while the documents are analyzed for their sketches
        // (one analysis of every text) when their words are hashed alike (the same seed).
        let lineFinder = options.findsRepeatedLines
            ? RepeatedLineFinder(options: RepeatedLineOptions(normalization: comparison.normalization), threads: options.threads)
            : nil
        let gathersLines = lineFinder.map { $0.lineShingler.seed == comparison.seed } ?? false
        var corpus = SketchedCorpus(
            source, comparison: comparison, threads: options.threads, textMemory: options.textMemory,
            countingLines: options.boilerplateDocuments > 0, keepsSets: !options.findsRepeatedLines,
            collectingLinesFor: gathersLines ? lineFinder : nil, problem: problem, progress: progress)
        let linePieces = corpus.sketches.linePieces
        corpus.sketches.linePieces = []
        let (documents, texts, sketches) = (corpus.documents, corpus.texts, corpus.sketches)
        if let failure = texts.failure { throw Problem(path: "<temporary file>", message: failure) }

        let finder: DuplicateFinder
        do throws(OptionError) {
            finder = try DuplicateFinder(
                options: comparison, representative: options.representative, grouping: options.grouping,
                containment: options.containment, boilerplateDocuments: options.boilerplateDocuments,
                threads: options.threads)
        } catch {
            throw Problem(path: options.archive ?? "<options>", message: error.description)
        }
        let report = finder.find(in: texts, sketches: sketches, sets: corpus.sets, progress: progress)
        corpus.sets = nil  // the shingle sets go before the repeated lines need their memory
        var lineGroups: [RepeatedLineGroup] = []
        if let lineFinder {
            progress?("repeated lines")
            ReleasedMemory.returnToSystem()
            lineGroups = gathersLines ? lineFinder.find(inLines: consume linePieces) : lineFinder.find(in: texts)
        }
        var archiveMatches = [IndexMatch?](repeating: nil, count: documents.count)
        if let archive {
            progress?("matching the archive")
            let sketches = report.sketches
            archiveMatches = Parallel.map(count: documents.count, threads: options.threads) { document in
                archive.matches(
                    fingerprint: sketches.fingerprints[document], wordCount: Int(sketches.wordCounts[document]),
                    signature: sketches.signature(of: document)
                ).first
            }
        }
        let selection = KeptSelection(
            report, representative: options.representative,
            archiveCopies: archive == nil ? [] : archiveMatches.map { $0 != nil })
        var replaced = 0
        if let path = options.archive, options.addsToArchive {
            progress?("saving the archive")
            var updated = archive ?? DuplicateIndex(options: comparison)
            replaced = updated.add(report.sketches, ids: documents.map(\.id), threads: options.threads)
            do throws(FileError) {
                try updated.save(to: path)
            } catch {
                throw Problem(path: path, message: "cannot save the archive: \(error.reason)")
            }
        }
        return Result(
            documents: documents, texts: texts, comparison: comparison, report: report, lineGroups: lineGroups,
            archive: archive,
            archiveMatches: archiveMatches, selection: selection, replacedInArchive: replaced)
    }
}
