/// A corpus read once for the duplicate workflows (``DuplicateScan``,
/// ``StoryClustering``): each batch of documents is sketched as it arrives,
/// its texts handed to a ``TextStore`` and its documents kept without them,
/// so the texts are held once, within a memory budget.
///
/// With `keepsSets`, each document's shingle set is kept as it is sketched
/// (see ``DocumentSketches``), up to ``DuplicateFinder/defaultVerificationMemory``,
/// so that verification needs no second analysis of candidate texts.
///
/// - Complexity: one pass over the input: reading and sketching on
///   `threads` threads; memory: the sketches and documents (ids, origins,
///   fields), texts up to `textMemory` (the rest in a temporary file), sets up to their budget.
struct SketchedCorpus {
    /// The documents, in input order, their `text` empty (the texts are in ``texts``).
    var documents: [Document] = []
    /// The documents' texts, by document number.
    let texts: TextStore
    /// The documents' sketches.
    var sketches: DocumentSketches
    /// The shingle sets kept while sketching (those of a first run of documents), or nil;
    /// set it to nil once the duplicates are found, to free their memory.
    var sets: TextStore?

    /// Reads and sketches every document of `source` with `comparison`;
    /// `countingLines` gathers line fingerprints for the boilerplate rule;
    /// `lineFinder` has the documents' lines gathered for it in the same
    /// analysis (``DocumentSketches/linePieces``).
    /// - Complexity: see the type.
    init(
        _ source: some DocumentSource, comparison: DuplicateOptions, threads: Int, textMemory: Int,
        countingLines: Bool, keepsSets: Bool, collectingLinesFor lineFinder: RepeatedLineFinder? = nil,
        problem: (Problem) -> Void, progress: ((String) -> Void)?
    ) {
        let texts = TextStore(memoryBudget: textMemory)
        let sets = keepsSets ? TextStore(memoryBudget: DuplicateFinder.defaultVerificationMemory) : nil
        var documents: [Document] = []
        var sketches = DocumentSketches(hashCount: comparison.hashCount)
        source.forEachBatch({ batch in
            sketches.append(contentsOf: DocumentSketches(
                count: batch.count, options: comparison, threads: threads, countingLines: countingLines,
                keepingSetsIn: sets, collectingLinesFor: lineFinder, firstDocument: sketches.count
            ) { index, body in batch[index].text.withUnsafeBytes { body($0) } })
            documents.reserveRoom(forAppending: batch.count)
            for var document in batch {
                texts.adopt(document.text)
                document.text = []
                documents.append(document)
            }
            progress?("read and sketched \(documents.count) documents")
        }, problem: problem)
        texts.finishAppending()
        sets?.finishAppending()
        self.documents = documents
        self.texts = texts
        self.sketches = sketches
        self.sets = sets
    }
}
