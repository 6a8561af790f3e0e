import ArgumentParser
import Foundation
import Testing
@testable import ArabicTextCLI

/// Every subcommand's help, verbatim (`Help/<command>.txt`, 100 columns).
/// Run with `UPDATE_HELP=1` to write the files after a deliberate change, and read the diff.
@Suite("Help texts")
struct HelpTests {
    static let commands: [(String, ParsableCommand.Type)] = [
        ("arabic-text", ArabicTextCommand.self), ("normalize", Normalize.self), ("tokenize", Tokenize.self),
        ("stem", Stem.self), ("terms", Terms.self), ("tfidf", TFIDF.self), ("similar", Similar.self),
        ("dedup", Dedup.self), ("cluster", Cluster.self),
    ]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")

    @Test("each command's help is exactly its stored text", arguments: commands.map(\.0))
    func verbatim(name: String) throws {
        let type = Self.commands.first { $0.0 == name }!.1
        let help = ArabicTextCommand.helpMessage(for: type, columns: 100)
        let file = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_HELP"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(help.utf8).write(to: file)
        }
        let stored = try String(contentsOf: file, encoding: .utf8)
        #expect(help == stored)
        // Defaults are shown once, never twice.
        #expect(!help.contains(") (default:"), "\(name)")
    }

    @Test("normalize's help lists each preset's rules")
    func presets() {
        let help = ArabicTextCommand.helpMessage(for: Normalize.self, columns: 100)
        for preset in ["lucene: tashkeel, tatweel, alef-hamza, alef-maksura, teh-marbuta", "none: no rules", "light: tashkeel"] {
            #expect(help.contains(preset), "\(preset)")
        }
    }
}
