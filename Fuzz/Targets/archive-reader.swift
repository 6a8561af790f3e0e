// `ArchiveReader` on any bytes, and on archives written by libarchive from
// the input, whole, cut short or damaged:
// - any bytes: no crash, no member over the size limit, every error names
//   the input, reading whole and in blocks agree (members, problems, error);
// - round trip: members written (zip, tar variants, cpio, 7z, or one lone
//   compressed stream; any filter) read back with the same names and bytes;
// - cut short: the members read are the first members written, unchanged,
//   and a fatal error ends the reading unless only padding was cut;
// - damaged: no crash, errors name the input.
// Settings come from the end of the input (see ArchiveFuzz.Input).
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchiveReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = ArchiveFuzz.Input(data, size)
    let mode = input.byte() % 4
    switch mode {
    case 0: ArchiveFuzz.anyBytes(input.rest, limit: 1 + Int(input.byte()) * 997)
    default: ArchiveFuzz.written(&input, mode: mode)
    }
    return 0
}

/// Helpers, in a namespace so that they never clash with Fuzz/Support.
private enum ArchiveFuzz {
    struct Input {
        var bytes: [UInt8]
        init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
            bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        }
        mutating func byte() -> UInt8 { bytes.popLast() ?? 0 }
        var rest: [UInt8] { bytes }
    }

    struct Outcome: Equatable {
        var members: [String] = []
        var contents: [[UInt8]] = []
        var problems: [String] = []
        var error: String?
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    static func read(_ bytes: [UInt8], name: String, limit: Int, blocks: Bool) -> Outcome {
        var outcome = Outcome()
        do throws(ArchiveError) {
            try ArchiveReader.forEachMember(
                ofBytes: bytes, name: name, maximumMemberSize: limit,
                problem: { outcome.problems.append($0.description) }
            ) { (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
                check(!member.name.isEmpty, "empty member name")
                var content: [UInt8] = []
                if blocks {
                    // The same limit and words as reading whole.
                    if let declared = member.size, declared > limit { _ = try reader.readAll() }
                    while let block = try reader.nextBlock() {
                        if content.count + block.count > limit {
                            throw ArchiveError(
                                path: name, member: member.name, kind: .memberTooLarge,
                                reason: "member larger than the limit of \(limit) bytes for one input (stopped after \(content.count + block.count) bytes); skipped",
                                isFatal: false)
                        }
                        content += block
                    }
                } else {
                    content = try reader.readAll()
                }
                check(content.count <= limit, "member \(member.name) has \(content.count) bytes over the limit \(limit)")
                outcome.members.append(member.name)
                outcome.contents.append(content)
                return true
            }
        } catch {
            check(error.isFatal, "a non-fatal error was thrown: \(error)")
            outcome.error = error.description
        }
        for text in outcome.problems + (outcome.error.map { [$0] } ?? []) {
            check(text.hasPrefix(name + ":"), "message without the input's name: \(text)")
            check(!text.contains("(null)"), "message with (null): \(text)")
        }
        return outcome
    }

    static func anyBytes(_ bytes: [UInt8], limit: Int) {
        let whole = read(bytes, name: "input", limit: limit, blocks: false)
        let blocks = read(bytes, name: "input", limit: limit, blocks: true)
        check(whole == blocks, "whole and blocks differ: \(whole.members) \(whole.problems) \(String(describing: whole.error)) vs \(blocks.members) \(blocks.problems) \(String(describing: blocks.error))")
    }

    static let formats = ["zip", "ustar", "pax", "gnutar", "cpio", "newc", "7zip", "v7tar", "raw"]
    static let filters = ["none", "gzip", "bzip2", "xz", "zstd", "lz4", "lzip", "compress"]
    static let names = ["a.txt", "dir/b.json", "أخبار/ج.jsonl", "x/y/z/deep.txt", "empty", "c.txt"]

    static func written(_ input: inout Input, mode: UInt8) {
        let format = formats[Int(input.byte()) % formats.count]
        let filter = filters[Int(input.byte()) % filters.count]
        let count = format == "raw" ? 1 : Int(input.byte()) % 5
        var cuts = (0..<count).map { _ in Int(input.byte()) }
        let cutAt = Int(input.byte()) << 8 | Int(input.byte())
        let payload = input.rest
        var entries: [ArchiveWriter.Entry] = []
        var start = 0
        for k in 0..<count {
            let length = k == count - 1 ? payload.count - start : min(payload.count - start, cuts[k] * 37 % (payload.count + 1))
            entries.append(ArchiveWriter.Entry(names[k], Array(payload[start..<(start + length)])))
            start += length
        }
        cuts.removeAll()
        // libarchive 3.6's compress writer turns an empty stream into one NUL byte.
        if filter == "compress" && entries.contains(where: \.bytes.isEmpty) { return }
        guard let archive = try? ArchiveWriter.archive(format: format, filter: filter, entries: entries) else { return }
        let name = format == "raw" ? "input.txt" : "input"
        var expected = entries
        if format == "7zip" { expected = entries.filter { !$0.bytes.isEmpty } + entries.filter(\.bytes.isEmpty) }
        if format == "raw" { expected = entries.map { ArchiveWriter.Entry("input.txt", $0.bytes) } }
        if format == "raw" && filter == "none" { return }  // not a container
        let limit = 1 << 20

        switch mode {
        case 1 where format == "7zip" && filter != "none":
            // libarchive reads a 7z only by seeking back to its data, which a decompressed
            // stream cannot do; a 7z without data (only empty members) needs no seeking.
            let outcome = read(archive, name: name, limit: limit, blocks: false)
            if let error = outcome.error {
                check(error.contains("7z needs seeking"), "7z in \(filter): \(error)")
            } else {
                check(outcome.members == expected.map(\.name) && outcome.contents == expected.map(\.bytes),
                      "7z in \(filter) read without error: \(outcome.members) vs \(expected.map(\.name))")
            }
        case 1 where format == "raw":
            // A compressed payload that is itself an archive (a tar, gzipped) reads as that archive.
            let outcome = read(archive, name: name, limit: limit, blocks: false)
            if outcome.members != ["input.txt"] {
                let direct = read(entries[0].bytes, name: name, limit: limit, blocks: false)
                check(outcome.members == direct.members && outcome.contents == direct.contents,
                      "raw+\(filter): \(outcome.members) vs the payload read directly \(direct.members)")
            } else {
                check(outcome.error == nil && outcome.contents == [entries[0].bytes], "raw+\(filter): \(String(describing: outcome.error))")
            }
        case 1:
            let outcome = read(archive, name: name, limit: limit, blocks: false)
            check(outcome.error == nil && outcome.problems.isEmpty,
                  "\(format)+\(filter): \(String(describing: outcome.error)) \(outcome.problems)")
            check(outcome.members == expected.map(\.name), "\(format)+\(filter): names \(outcome.members) vs \(expected.map(\.name))")
            check(outcome.contents == expected.map(\.bytes), "\(format)+\(filter): contents differ")
        case 2 where filter == "compress" || format == "raw":
            // compress (.Z) has no end mark: a cut stream is a shorter stream, and a tar cut
            // inside its first header is then a lone stream; a lone stream cut short may read
            // as whatever its payload looks like. Only: no crash.
            _ = read(Array(archive.prefix(cutAt % max(1, archive.count))), name: name, limit: limit, blocks: false)
        case 2:
            let cut = Array(archive.prefix(cutAt % max(1, archive.count)))
            let outcome = read(cut, name: name, limit: limit, blocks: cutAt & 1 == 0)
            check(outcome.members.count <= expected.count, "\(format)+\(filter) cut: more members than written")
            for (k, member) in outcome.members.enumerated() {
                check(member == expected[k].name && outcome.contents[k] == expected[k].bytes,
                      "\(format)+\(filter) cut at \(cut.count) of \(archive.count): member \(k) \(member) changed")
            }
        default:
            var damaged = archive
            var position = cutAt
            for _ in 0..<(1 + cutAt % 4) where !damaged.isEmpty {
                position = (position &* 2_654_435_761 &+ 12_345) & 0x7FFF_FFFF
                damaged[position % damaged.count] ^= UInt8(truncatingIfNeeded: position >> 8) | 1
            }
            _ = read(damaged, name: name, limit: limit, blocks: false)
        }
    }
}
