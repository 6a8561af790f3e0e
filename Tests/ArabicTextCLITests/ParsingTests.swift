import ArgumentParser
import Testing
@testable import ArabicText
@testable import ArabicTextCLI

/// The command line parsed in-process: what each option becomes in the library's options.
@Suite("Parsing the command line")
struct ParsingTests {
    static func parse<Command: ParsableCommand>(_ arguments: [String], as type: Command.Type) throws -> Command {
        let command = try ArabicTextCommand.parseAsRoot(arguments)
        return try #require(command as? Command)
    }

    @Test("rule switches apply in command-line order: the last one about a rule wins")
    func ruleOrder() throws {
        let off = try Self.parse(["normalize", "--tatweel", "--no-tatweel"], as: Normalize.self)
        #expect(!off.normalization.options.contains(.tatweel))
        let on = try Self.parse(["normalize", "--no-tatweel", "--tatweel"], as: Normalize.self)
        #expect(on.normalization.options.contains(.tatweel))
        let none = try Self.parse(["normalize", "--preset", "none", "--alef-hamza"], as: Normalize.self)
        #expect(none.normalization.options == NormalizationOptions([.alefHamza]))
        let light = try Self.parse(["normalize", "--preset", "light", "--no-tashkeel", "--regional-letters"], as: Normalize.self)
        var expected = NormalizationOptions.light
        expected.remove(.tashkeel)
        expected.insert(.regionalLetters)
        #expect(light.normalization.options == expected)
    }

    @Test("every command that normalizes takes the rule flags, and its internal passes honour them")
    func rulesEverywhere() throws {
        let dedup = try Self.parse(["dedup", "--preset", "lucene", "--no-tatweel"], as: Dedup.self)
        var lucene = NormalizationOptions.lucene
        lucene.remove(.tatweel)
        #expect(dedup.comparison.options.normalization == lucene)
        #expect(dedup.comparison.anyGiven)
        let cluster = try Self.parse(["cluster", "--preset", "light"], as: Cluster.self)
        let weighting = try cluster.weighting.weighting(threads: 1)
        #expect(weighting.analysis.normalization == .light)
        #expect(StoryClustering.Options(weighting: weighting).duplicates.normalization == .light)
        var light = NormalizationOptions.light
        light.remove(.tatweel)
        let tfidf = try Self.parse(["tfidf", "--preset", "light", "--no-tatweel"], as: TFIDF.self)
        #expect(try tfidf.weighting.weighting(threads: 1).analysis.normalization == light)
        let similar = try Self.parse(["similar", "--query", "x", "--preset", "light", "--no-tatweel"], as: Similar.self)
        #expect(try similar.weighting.weighting(threads: 1).analysis.normalization == light)
        let terms = try Self.parse(["terms", "--preset", "light", "--no-tatweel"], as: Terms.self)
        #expect(try terms.analysis.settings().normalization == light)
    }

    @Test("defaults: each command's are its workflow's")
    func defaults() throws {
        let cluster = try Self.parse(["cluster"], as: Cluster.self)
        #expect(cluster.threshold == StoryClustering.defaultThreshold)
        #expect(try cluster.weighting.weighting(threads: 2) == StoryClustering.defaultWeighting.with(threads: 2))
        let tfidf = try Self.parse(["tfidf"], as: TFIDF.self)
        #expect(try tfidf.weighting.weighting(threads: 2) == TermWeighting(threads: 2))
        let dedup = try Self.parse(["dedup"], as: Dedup.self)
        #expect(dedup.comparison.options == DuplicateOptions())
        #expect(!dedup.comparison.anyGiven)
        let chars = try Self.parse(["tfidf", "--analyzer", "char_wb"], as: TFIDF.self)
        let charWeighting = try chars.weighting.weighting(threads: 1)
        #expect(charWeighting.features.ngramRange == 3...5 && charWeighting.analysis.stemming == .none)
    }

    @Test("usage errors: bad values, negative numbers with their own message, overflowing bands", arguments: [
        ["dedup", "--threshold", "0"], ["dedup", "--threshold", "-1"], ["dedup", "--threshold", "1.5"],
        ["dedup", "--bands", "4"], ["dedup", "--bands", "4611686018427387904", "--rows", "4"],
        ["dedup", "--bands=-2", "--rows", "3"], ["dedup", "--shingle-size", "0"], ["dedup", "--query-only"],
        ["dedup", "--threads", "-3"], ["dedup", "--limit", "-1"], ["dedup", "--sketch", "exotic"],
        ["cluster", "--threshold", "0"], ["cluster", "--method", "ward"], ["cluster", "--members", "0"],
        ["cluster", "--members", "-1"], ["tfidf", "--top", "-1"], ["tfidf", "--ngram-range", "3,1"],
        ["tfidf", "--hashed-bits", "40"], ["similar"], ["similar", "--query", "x", "--top", "0"],
        ["normalize", "--preset", "nonsense"], ["frobnicate"],
    ])
    func usageErrors(arguments: [String]) {
        do {
            let command = try ArabicTextCommand.parseAsRoot(arguments)
            if let tfidf = command as? TFIDF { _ = try tfidf.weighting.weighting(threads: 1) }
            if let cluster = command as? Cluster { _ = try cluster.weighting.weighting(threads: 1) }
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(ArabicTextCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            #expect(!ArabicTextCommand.fullMessage(for: error).contains("Missing value"), "\(arguments)")
        }
    }

    @Test("the sketch option shows and takes its command-line spelling")
    func sketchSpelling() throws {
        #expect(try Self.parse(["dedup", "--sketch", "one-permutation"], as: Dedup.self).comparison.options.algorithm == .onePermutation)
        #expect(try Self.parse(["dedup", "--sketch", "classic"], as: Dedup.self).comparison.options.algorithm == .classic)
    }
}

extension TermWeighting {
    func with(threads: Int) -> TermWeighting {
        var copy = self
        copy.threads = threads
        return copy
    }
}
