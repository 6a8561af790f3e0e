// The streaming path of `dedup`: texts kept in a `TextStore` (in memory or
// spilled to its temporary file at a budget chosen by the input), sketched
// from the store and checked by `DuplicateFinder.find(in:sketches:)` with a
// verification memory as small as one byte, against the finder on the same
// texts held in an array with the default memory, on one thread. Documents
// are cut from the input at NUL bytes and repaired to well-formed UTF-8.
// - the store gives back every text, its length and the total; it spills
//   exactly when the texts pass the budget;
// - both finders give the same groups, similar pairs, candidate count,
//   clusters and exact-copy heads (store on two threads, array on one);
// - groups have two or more members in increasing order, each in one group,
//   representative among them; pairs lie in [threshold, 1] with first < second;
// - documents with the same words (equal canonical text, at least one word)
//   are in one group.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDedupStreaming(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let hashCount = input.pick([4, 8, 16, 32, 64])
    let threshold = input.pick([0.2, 0.5, 0.8, 1.0])
    let options = DuplicateOptions(
        threshold: threshold, shingleSize: input.int(in: 1...4), hashCount: hashCount,
        algorithm: input.pick([.onePermutation, .classic]), normalization: input.pick([.search, .light, .lucene]))
    let grouping: DuplicateGrouping = input.pick([.connected, .center])
    let representative: RepresentativeChoice = input.pick([.longest, .first])
    let budget = input.pick([0, 1, 64, 4096, 1 << 30])
    let verificationMemory = input.pick([1, 64, 2048, 1 << 28])
    let texts = input.rest.split(separator: 0, omittingEmptySubsequences: false).prefix(256).map { repairedUTF8(Array($0)) }
    let context = "options \(options.summary) \(grouping) \(representative) budget \(budget) verification \(verificationMemory) documents \(texts.map { hex($0, limit: 32) })"

    let store = TextStore(memoryBudget: budget)
    for text in texts { store.append(text) }
    store.finishAppending()
    require(store.failure == nil, "spool file failed: \(store.failure ?? ""); \(context)")
    let total = texts.reduce(0) { $0 + $1.count }
    require(store.count == texts.count && store.totalBytes == total, "store holds \(store.count) texts, \(store.totalBytes) bytes; \(context)")
    require(store.isSpilled == (total > budget), "spilled \(store.isSpilled) with \(total) bytes for a budget of \(budget); \(context)")
    for (k, text) in texts.enumerated() {
        require(store.length(of: k) == text.count && store.text(k) == text, "text \(k) reads back as \(hex(store.text(k))); \(context)")
    }

    guard var streaming = try? DuplicateFinder(options: options, representative: representative, grouping: grouping, threads: 2),
          let whole = try? DuplicateFinder(options: options, representative: representative, grouping: grouping, threads: 1)
    else {
        require(false, "options refused: \(options.problem ?? "?"); \(context)")
        return 0
    }
    streaming.verificationMemory = verificationMemory
    let sketches = DocumentSketches(count: store.count, options: options, threads: 2) { index, body in
        store.withText(index) { body($0) }
    }
    let fromStore = streaming.find(in: store, sketches: sketches)
    let fromArray = whole.find(in: texts)
    require(fromStore.groups == fromArray.groups, "groups differ: store \(fromStore.groups), array \(fromArray.groups); \(context)")
    require(fromStore.similarPairs == fromArray.similarPairs, "pairs differ: store \(fromStore.similarPairs), array \(fromArray.similarPairs); \(context)")
    require(fromStore.candidatePairCount == fromArray.candidatePairCount && fromStore.clusterOfDocument == fromArray.clusterOfDocument
            && fromStore.exactHead == fromArray.exactHead && fromStore.groupOfDocument == fromArray.groupOfDocument,
            "candidates, clusters or heads differ; \(context)")

    let report = fromArray
    var seen = Set<Int>()
    for (number, group) in report.groups.enumerated() {
        require(group.members.count >= 2 && group.roles.count == group.members.count && group.similarities.count == group.members.count,
                "group \(number) malformed: \(group); \(context)")
        require(zip(group.members, group.members.dropFirst()).allSatisfy { $0 < $1 } && group.members.allSatisfy { (0..<texts.count).contains($0) },
                "group \(number) members out of order or range: \(group.members); \(context)")
        require(group.members.contains(group.representative), "group \(number) representative outside it; \(context)")
        for member in group.members {
            require(seen.insert(member).inserted, "document \(member) in two groups; \(context)")
            require(report.groupOfDocument[member] == number, "groupOfDocument[\(member)] is not \(number); \(context)")
        }
    }
    for pair in report.similarPairs {
        require(pair.first < pair.second && pair.second < texts.count && pair.similarity >= threshold - 1e-9 && pair.similarity <= 1,
                "pair out of bounds: \(pair); \(context)")
    }
    let shingler = options.shingler
    var firstWithWords: [[UInt8]: Int] = [:]
    for (k, text) in texts.enumerated() {
        let words = text.withUnsafeBytes { shingler.canonicalText(of: $0) }
        guard !words.isEmpty, report.sketches.wordCounts[k] > 0 else { continue }
        if let first = firstWithWords[words] {
            require(report.groupOfDocument[k] != nil && report.groupOfDocument[k] == report.groupOfDocument[first],
                    "documents \(first) and \(k) have the same words but are not grouped; \(context)")
        } else {
            firstWithWords[words] = k
        }
    }
    return 0
}
