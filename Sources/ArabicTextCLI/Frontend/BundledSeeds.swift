import ArgumentParser
import Foundation

/// The seed articles bundled with the tool as a package resource: the
/// default input of `dedup` and `cluster`, so they work from any directory.
enum BundledSeeds {
    /// The folder holding the bundled seeds, if the resource bundle is present.
    static var folder: String? {
        guard let url = Bundle.module.url(forResource: "seeds", withExtension: nil) else { return nil }
        return url.path
    }
}

extension InputOptions {
    /// These inputs, or the bundled seeds when no path was given.
    /// - Throws: exit status 2 when the seeds are needed but missing.
    func withSeedsByDefault() throws -> InputOptions {
        guard paths.isEmpty else { return self }
        guard let seeds = BundledSeeds.folder else {
            StandardError.line("arabic-text: the bundled seeds are missing; give a path")
            throw ExitCode(2)
        }
        var input = self
        input.paths = [seeds]
        return input
    }
}
