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
