import Foundation
import PackagePlugin

/// Embeds the package's `seeds/` folder into the target as Swift source, so
/// that the one copy of the seed articles ships inside the executable (a
/// copied binary works anywhere; no resource bundle to lose).
@main
struct EmbedSeeds: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let seeds = context.package.directoryURL.appending(path: "seeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
            .map { seeds.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSeeds.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) seed articles",
                executable: try context.tool(named: "embed-seeds").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
