// `RepeatedLineFinder` on documents cut from the input (at NUL bytes,
// repaired to well-formed UTF-8), with options chosen by the input:
// - the groups are the same on 1 and 3 threads;
// - each group has two or more lines, in increasing order, one kind per
//   line; groups are ordered by their first line; no line is in two groups;
//   every reference names an existing line;
// - checked against the public `WordShingler.canonicalText` (a line's
//   normalized words): lines with the same non-empty canonical text are in
//   one group and marked exact; a line is marked exact exactly when another
//   line has its canonical text; lines without words are in no group; without
//   near repeats, each group is exactly one canonical text's lines.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRepeatedLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let normalization: NormalizationOptions = input.pick([.search, .lucene, .light, NormalizationOptions()])
    let options = RepeatedLineOptions(
        normalization: normalization, nearRepeats: input.byte() % 4 != 0, minimumWords: input.int(in: 0...8),
        maximumEditFraction: Double(input.byte()) / 255, minimumCoverage: Double(input.byte()) / 255,
        maximumWords: input.int(in: 0...300))
    let texts = input.rest.split(separator: 0, omittingEmptySubsequences: false).map { repairedUTF8(Array($0)) }
    let context = "options \(options) documents \(texts.map { hex($0, limit: 48) })"

    let groups = RepeatedLineFinder(options: options, threads: 1).find(in: texts)
    let parallel = RepeatedLineFinder(options: options, threads: 3).find(in: texts)
    require(groups == parallel, "1 and 3 threads differ; \(context)")

    // Lines and their canonical text, by the public shingler.
    let shingler = WordShingler(size: 1, normalization: normalization)
    var canonical: [LineReference: [UInt8]] = [:]
    var linesOf: [[UInt8]: [LineReference]] = [:]
    for (document, text) in texts.enumerated() {
        for (index, line) in text.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let reference = LineReference(document: document, line: index + 1)
            let words = Array(line).withUnsafeBytes { shingler.canonicalText(of: $0) }
            canonical[reference] = words
            if !words.isEmpty { linesOf[words, default: []].append(reference) }
        }
    }

    var groupOf: [LineReference: Int] = [:]
    for (number, group) in groups.enumerated() {
        require(group.lines.count >= 2 && group.kinds.count == group.lines.count, "group \(number) malformed: \(group); \(context)")
        require(zip(group.lines, group.lines.dropFirst()).allSatisfy { $0 < $1 }, "group \(number) not in order: \(group.lines); \(context)")
        if number > 0 { require(groups[number - 1].lines[0] < group.lines[0], "groups out of order; \(context)") }
        for (line, kind) in zip(group.lines, group.kinds) {
            require(groupOf.updateValue(number, forKey: line) == nil, "line \(line) in two groups; \(context)")
            guard let words = canonical[line] else {
                require(false, "group \(number) names a line that does not exist: \(line); \(context)")
                return 0
            }
            require(!words.isEmpty, "line \(line) has no words but is in group \(number); \(context)")
            let copies = linesOf[words]?.count ?? 0
            require((kind == .exact) == (copies >= 2), "line \(line) marked \(kind) with \(copies) lines of its words; \(context)")
        }
        if !options.nearRepeats {
            let words = canonical[group.lines[0]]!
            require(group.lines == linesOf[words]!, "exact group \(group.lines) is not the lines of one text \(linesOf[words]!); \(context)")
        }
    }
    for (words, lines) in linesOf where lines.count >= 2 {
        let numbers = Set(lines.map { groupOf[$0] })
        require(numbers.count == 1 && numbers.first! != nil,
                "lines \(lines) with the same words \(hex(words, limit: 40)) are in groups \(numbers); \(context)")
    }
    return 0
}
