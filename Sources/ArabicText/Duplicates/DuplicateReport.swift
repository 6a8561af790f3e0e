/// Which member stands for a group of duplicates.
public enum RepresentativeChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// The member with the most normalized words (ties: the first): the fullest copy.
    case longest
    /// The first member in input order.
    case first
}

/// How verified pairs (near duplicates, and contained documents when
/// containment is on) make groups.
///
/// Near-duplication is not transitive: A may be a near copy of B and B of C
/// while A and C share little (templated bulletins, an article and its
/// successive rewrites).
public enum DuplicateGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// Star clustering (Aslam, Pelekhov and Rus, "The star clustering
    /// algorithm for static and dynamic information organization", JGAA
    /// 8(1), 2004; the partitioning variant compared in Hassanzadeh et al.,
    /// VLDB 2009), the default: documents are visited by how many documents
    /// they are related to (near, containing or contained; exact copies
    /// counted), most first, ties by the representative choice; each
    /// document not yet grouped becomes a center and takes every document
    /// not yet grouped that is related to it. An original thus gathers its
    /// variants, and every member is near its representative, contained in
    /// it or contains it: templated bulletins no longer chain.
    case star
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
    /// Near duplicate: at or above the Jaccard threshold to the
    /// representative (with ``DuplicateGrouping/connected``, possibly below:
    /// joined through a chain).
    case near
    /// Most of its shingles are in the representative (see ``ContainmentOptions``).
    case containedIn = "contained_in"
    /// It holds most of the representative's shingles, and more text.
    case contains
}

/// A document most of whose shingles are in a larger one (see ``ContainmentOptions``).
public struct ContainmentPair: Sendable, Hashable {
    /// The document with the smaller shingle set.
    public var contained: Int
    /// The document that holds it.
    public var container: Int
    /// |A ∩ B| / |A|, A the contained document's shingle set.
    public var containment: Double
    /// |A ∩ B| / |A ∪ B|: their Jaccard similarity (below the near threshold).
    public var similarity: Double

    /// A pair.
    /// - Complexity: O(1).
    public init(contained: Int, container: Int, containment: Double, similarity: Double) {
        self.contained = contained
        self.container = container
        self.containment = containment
        self.similarity = similarity
    }
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
    /// Each member's containment with the representative: the share of the
    /// smaller of the two shingle sets found in the other (1 for the
    /// representative and exact copies), aligned with `members`.
    public var containments: [Double]

    /// A group.
    /// - Complexity: O(1).
    public init(
        members: [Int], representative: Int, similarities: [Double], roles: [DuplicateRole], containments: [Double]? = nil
    ) {
        self.members = members
        self.representative = representative
        self.similarities = similarities
        self.roles = roles
        self.containments = containments ?? roles.map { $0 == .exact || $0 == .representative ? 1 : 0 }
    }

    /// Whether every member is an exact copy of the representative.
    public var isExact: Bool { roles.allSatisfy { $0 == .exact || $0 == .representative } }
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
    /// Verified contained documents that are not near duplicates of their
    /// container (empty when containment is off), ordered by (contained, container).
    public var containedPairs: [ContainmentPair] = []
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

    /// Document `index`'s containment with its group's representative (see
    /// ``DuplicateGroup/containments``; 1 when it has no group).
    /// - Complexity: O(group size).
    public func containment(of index: Int) -> Double {
        guard let g = groupOfDocument[index] else { return 1 }
        let group = groups[g]
        return group.containments[group.members.firstIndex(of: index)!]
    }
}
