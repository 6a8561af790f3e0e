import ArabicText
import ArgumentParser

extension RepresentativeChoice: ExpressibleByArgument {}
extension DuplicateGrouping: ExpressibleByArgument {}

/// `--sketch` on the command line.
enum SketchChoice: String, ExpressibleByArgument, CaseIterable {
    case onePermutation = "one-permutation"
    case classic

    var algorithm: SketchAlgorithm { self == .classic ? .classic : .onePermutation }
}

/// How `dedup` compares documents.
struct DuplicateOptionGroup: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Jaccard similarity of word-shingle sets at or above which documents are near duplicates, in (0, 1] (default: \(JSONText.number(DuplicateOptions.defaultThreshold))).",
        valueName: "J"))
    var threshold: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Words per shingle, 1 to 16 (default: \(DuplicateOptions.defaultShingleSize)).", valueName: "k"))
    var shingleSize: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("MinHash values per signature, 1 to \(DuplicateOptions.maximumHashCount) (default: \(DuplicateOptions.defaultHashCount)).", valueName: "n"))
    var hashCount: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of every hash (default: the toolkit's fixed seed).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("How signatures are computed: one-permutation MinHash with optimal densification, or classic MinHash.", valueName: "algorithm"))
    var sketch: SketchChoice = .onePermutation

    @Option(parsing: .unconditional, help: ArgumentHelp("LSH bands (default: derived from the threshold and the number of hash values).", valueName: "b"))
    var bands: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Signature values per LSH band (default: derived).", valueName: "r"))
    var rows: Int?

    @Option(help: ArgumentHelp("Which member stands for a group: the longest (most words) or the first; with star grouping, among the documents with the most relations.", valueName: "choice"))
    var representative: RepresentativeChoice = .longest

    @Option(help: ArgumentHelp(
        "How related documents make groups: star (documents with the most near copies and containments become representatives; every member is near its representative, contained in it or contains it), connected (every chain of near copies is one group) or center (the longest or first document becomes a center; every member is near it or contained in it).",
        valueName: "method"))
    var grouping: DuplicateGrouping = .star

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Share of the smaller document's word shingles found in the larger one at or above which it counts as contained (role contained_in: a truncated copy, an excerpt, an article with sentences added or cut), in (0, 1] (default: \(JSONText.number(ContainmentOptions.defaultThreshold))); it must also share at least \(ContainmentOptions.defaultMinimumSharedShingles) shingles. Excerpts under about 30% of their container are found only in part.",
        valueName: "C"))
    var containment: Double?

    @Flag(help: "Compare by Jaccard similarity only: no contained documents (the candidate banding is then the threshold's).")
    var noContainment = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Leave out of the comparison every line that occurs, word for word, as a line of at least n documents of the input (headers, footers, related links), so that documents sharing only such lines do not match; 0 keeps every line (default: \(DuplicateFinder.defaultBoilerplateDocuments)).",
        valueName: "n"))
    var boilerplateDocuments: Int?

    @OptionGroup var normalization: NormalizationFlags

    func validate() throws {
        if (bands == nil) != (rows == nil) { throw ValidationError("give both --bands and --rows, or neither") }
        if let bands, bands < 1 { throw ValidationError("--bands must be at least 1, not \(bands)") }
        if let rows, rows < 1 { throw ValidationError("--rows must be at least 1, not \(rows)") }
        if let problem = options.problem { throw ValidationError(problem) }
        if noContainment && containment != nil { throw ValidationError("give --containment or --no-containment, not both") }
        if let problem = containmentOptions?.problem { throw ValidationError(problem) }
        if let boilerplateDocuments, boilerplateDocuments < 0 {
            throw ValidationError("--boilerplate-documents must not be negative, not \(boilerplateDocuments)")
        }
    }

    /// The containment settings, nil with --no-containment; a banding given with --bands/--rows is used as is.
    var containmentOptions: ContainmentOptions? {
        if noContainment { return nil }
        var result = ContainmentOptions(threshold: containment ?? ContainmentOptions.defaultThreshold)
        if let bands, let rows, bands >= 1, rows >= 1 { result.banding = LSHBanding(bands: bands, rows: rows) }
        return result
    }

    /// Lines of at least this many documents are left out of the comparison.
    var boilerplateLineDocuments: Int { boilerplateDocuments ?? DuplicateFinder.defaultBoilerplateDocuments }

    /// Whether any comparison setting was given on the command line.
    var anyGiven: Bool {
        threshold != nil || shingleSize != nil || hashCount != nil || seed != nil || bands != nil || rows != nil
            || sketch != .onePermutation || normalization.anyGiven
    }

    var options: DuplicateOptions {
        var banding: LSHBanding? = nil
        if let bands, let rows, bands >= 1, rows >= 1 { banding = LSHBanding(bands: bands, rows: rows) }  // checked by problem
        return DuplicateOptions(
            threshold: threshold ?? DuplicateOptions.defaultThreshold,
            shingleSize: shingleSize ?? DuplicateOptions.defaultShingleSize,
            hashCount: hashCount ?? DuplicateOptions.defaultHashCount,
            seed: seed ?? DuplicateOptions.defaultSeed, algorithm: sketch.algorithm, normalization: normalization.options, banding: banding)
    }
}
