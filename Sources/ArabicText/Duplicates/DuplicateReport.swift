/// Which member stands for a group of duplicates.
public enum RepresentativeChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// The member with the most normalized words (ties: the first): the fullest copy.
    case longest
    /// The first member in input order.
    case first
}

/// How verified near-duplicate pairs make groups.
///
/// Near-duplication is not transitive: A may be a near copy of B and B of C
/// while A and C share little (templated bulletins, an article and its
/// successive rewrites).
public enum DuplicateGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// Connected components (union-find) of the verified pairs: every
    /// chain of near copies is one group, so a member can be far from the
    /// representative (its similarity to it is reported).
    case connected
    /// Center clustering (Haveliwala, Gionis and Indyk, "Scalable techniques
    /// for clustering the web", WebDB 2000; compared in Hassanzadeh et al.,
    /// "Framework for evaluating clustering algorithms in duplicate
    /// detection", VLDB 2009): in the order of the representative choice,
    /// each document not yet grouped becomes a center and takes the documents
    /// not yet grouped that are near copies of it. Every member is at or
    /// above the threshold to its representative, so dropping all but the
    /// representatives never drops a text that has no near copy kept.
    case center
}

/// How a document relates to its duplicate group.
public enum DuplicateRole: String, Sendable, Hashable, Codable {
    /// No duplicate.
    case unique
    /// It stands for its group.
    case representative
    /// Same normalized words as the representative.
    case exact
    /// Near duplicate of the group.
    case near
}

/// Two documents and the exact Jaccard similarity of their shingle sets (`first < second`).
public struct JaccardPair: Sendable, Hashable {
    /// The lower document number.
    public var first: Int
    /// The higher document number.
    public var second: Int
    /// |A ∩ B| / |A ∪ B| of the two shingle sets.
    public var similarity: Double

    /// A pair.
    /// - Complexity: O(1).
    public init(first: Int, second: Int, similarity: Double) {
        self.first = first
        self.second = second
        self.similarity = similarity
    }
}

/// A group of documents that duplicate each other.
public struct DuplicateGroup: Sendable, Hashable {
    /// Document numbers, increasing.
    public var members: [Int]
    /// The member that stands for the group.
    public var representative: Int
    /// Each member's Jaccard similarity (of shingle sets) to the representative, aligned with `members`.
    public var similarities: [Double]
    /// Each member's role, aligned with `members`.
    public var roles: [DuplicateRole]

    /// Whether every member is an exact copy of the representative.
    public var isExact: Bool { roles.allSatisfy { $0 != .near } }
}

/// The duplicates found in a collection of documents.
public struct DuplicateReport: Sendable {
    /// The options used.
    public var options: DuplicateOptions
    /// Groups of two or more documents, ordered by their first member.
    public var groups: [DuplicateGroup]
    /// For every document, its cluster: the number of its group, or its own
    /// number if it has no duplicate; clusters are numbered 0, 1, ... in
    /// order of their first document.
    public var clusterOfDocument: [Int]
    /// For every document, its index in `groups`, or nil.
    public var groupOfDocument: [Int?]
    /// Pairs whose Jaccard similarity was verified to reach the threshold
    /// (among documents that are not exact copies of an earlier one), with it.
    public var similarPairs: [JaccardPair]
    /// Candidate pairs the LSH bands proposed (all verified).
    public var candidatePairCount: Int
    /// For every document, the first document (lowest number) of its set of
    /// exact copies: itself when it has none. Near pairs join these heads only.
    public var exactHead: [Int]
    /// The documents' sketches, for adding them to a ``DuplicateIndex``.
    public var sketches: DocumentSketches

    /// Number of documents.
    public var documentCount: Int { clusterOfDocument.count }
    /// Number of clusters (groups plus documents without duplicates).
    public var clusterCount: Int { (clusterOfDocument.max() ?? -1) + 1 }
    /// Documents that could be dropped, keeping one per group.
    public var redundantCount: Int { groups.reduce(0) { $0 + $1.members.count - 1 } }

    /// Whether document `index` stands for itself or its group (unique or representative).
    /// - Complexity: O(group size).
    public func isKept(_ index: Int) -> Bool {
        let role = role(of: index)
        return role == .unique || role == .representative
    }

    /// The role of document `index`.
    /// - Complexity: O(group size).
    public func role(of index: Int) -> DuplicateRole {
        guard let g = groupOfDocument[index] else { return .unique }
        let group = groups[g]
        return group.roles[group.members.firstIndex(of: index)!]
    }

    /// Document `index`'s similarity to its group's representative (1 when it has no group).
    /// - Complexity: O(group size).
    public func similarity(of index: Int) -> Double {
        guard let g = groupOfDocument[index] else { return 1 }
        let group = groups[g]
        return group.similarities[group.members.firstIndex(of: index)!]
    }
}
