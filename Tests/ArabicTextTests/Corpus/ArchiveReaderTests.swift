import Foundation
import Testing
@testable import ArabicText

/// What reading an archive gave: regular members with their bytes, problems, the fatal error.
private struct Outcome {
    var members: [(name: String, bytes: [UInt8])] = []
    var problems: [ArchiveError] = []
    var error: ArchiveError?

    var names: [String] { members.map(\.name) }
}

private func read(file path: String, limit: Int = ArchiveReader.defaultMaximumMemberSize) -> Outcome {
    var outcome = Outcome()
    do throws(ArchiveError) {
        try ArchiveReader.forEachMember(ofFileAt: path, maximumMemberSize: limit, problem: { outcome.problems.append($0) }) {
            (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
            outcome.members.append((member.name, try reader.readAll()))
            return true
        }
    } catch {
        outcome.error = error
    }
    return outcome
}

private func read(bytes: [UInt8], name: String, limit: Int = ArchiveReader.defaultMaximumMemberSize) -> Outcome {
    var outcome = Outcome()
    do throws(ArchiveError) {
        try ArchiveReader.forEachMember(ofBytes: bytes, name: name, maximumMemberSize: limit, problem: { outcome.problems.append($0) }) {
            (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
            outcome.members.append((member.name, try reader.readAll()))
            return true
        }
    } catch {
        outcome.error = error
    }
    return outcome
}

/// The fixture's members: seeds under nested folders (one with an Arabic name), an empty file.
private let seedEntries: [ArchiveWriter.Entry] = {
    let seeds = Fixtures.seeds
    return [
        ArchiveWriter.Entry("2015/", [], kind: .directory),
        ArchiveWriter.Entry("2015/07/21/\(seeds[0].name)", seeds[0].bytes),
        ArchiveWriter.Entry("empty.txt", []),
        ArchiveWriter.Entry("أخبار/\(seeds[1].name)", seeds[1].bytes),
        ArchiveWriter.Entry("2015/07/22/\(seeds[2].name)", seeds[2].bytes),
    ]
}()

private var regularSeedEntries: [ArchiveWriter.Entry] { seedEntries.filter { $0.kind == .regular } }

@Suite("ArchiveReader")
struct ArchiveReaderTests {
    /// Archive formats (libarchive writer names), compression filters and the file names to give them.
    static let archives: [(format: String, filter: String, file: String, kind: ContainerKind)] = [
        ("zip", "none", "days.zip", .archive(.zip)),
        ("ustar", "none", "days.tar", .archive(.tar)),
        ("pax", "gzip", "days.tar.gz", .compressed(.gzip)),
        ("gnutar", "bzip2", "days.tar.bz2", .compressed(.bzip2)),
        ("pax", "xz", "days.txz", .compressed(.xz)),
        ("ustar", "zstd", "days.tar.zst", .compressed(.zstd)),
        ("pax", "lz4", "days.tar.lz4", .compressed(.lz4)),
        ("cpio", "none", "days.cpio", .archive(.cpio)),
        ("newc", "gzip", "days.cpio.gz", .compressed(.gzip)),
        ("7zip", "none", "days.7z", .archive(.sevenZip)),
        ("v7tar", "none", "days.v7.tar", .archive(.tar)),
    ]

    @Test("archives: every regular member in order, with its nested path and exact bytes",
          arguments: archives.indices)
    func archive(_ index: Int) throws {
        let (format, filter, file, kind) = Self.archives[index]
        let bytes = try ArchiveWriter.archive(format: format, filter: filter, entries: seedEntries)
        let folder = TemporaryFolder()
        let path = folder.write(file, bytes)
        #expect(ArchiveReader.container(ofFileAt: path) == kind, "\(file)")
        let outcome = read(file: path)
        #expect(outcome.error == nil, "\(file): \(String(describing: outcome.error))")
        // libarchive's 7-Zip writer puts empty files after the others; members come in archive order.
        let expected = format == "7zip"
            ? regularSeedEntries.filter { !$0.bytes.isEmpty } + regularSeedEntries.filter(\.bytes.isEmpty)
            : regularSeedEntries
        #expect(outcome.names == expected.map(\.name), "\(file)")
        #expect(outcome.members.map(\.bytes) == expected.map(\.bytes), "\(file)")
        #expect(outcome.problems.isEmpty, "\(file): \(outcome.problems)")
        // The same from memory.
        let fromMemory = read(bytes: bytes, name: file)
        #expect(fromMemory.names == outcome.names && fromMemory.members.map(\.bytes) == outcome.members.map(\.bytes))
    }

    static let compressions = ["gzip", "bzip2", "xz", "zstd", "lz4", "lzip", "compress"]

    @Test("a lone compressed file is one member named like the file without its suffix",
          arguments: compressions)
    func loneStream(_ filter: String) throws {
        let seed = Fixtures.seeds[3]
        let bytes = try ArchiveWriter.archive(format: "raw", filter: filter, entries: [.init("data", seed.bytes)])
        let suffix = ["gzip": ".gz", "bzip2": ".bz2", "xz": ".xz", "zstd": ".zst", "lz4": ".lz4", "lzip": ".lz", "compress": ".Z"][filter]!
        let folder = TemporaryFolder()
        let path = folder.write("sub/\(seed.name)\(suffix)", bytes)
        #expect(ArchiveReader.container(ofFileAt: path) == .compressed(CompressionFilter(rawValue: filter)!))
        let outcome = read(file: path)
        #expect(outcome.error == nil, "\(filter): \(String(describing: outcome.error))")
        #expect(outcome.names == [seed.name])
        #expect(outcome.members.first?.bytes == seed.bytes)
        // An empty file, compressed, is one empty member.
        // (Empty LZ4 and compress streams are written by hand: libarchive 3.6's lz4 writer
        // crashes on empty input, and its compress writer adds a code that decodes to one NUL.)
        let handMade: [String: [UInt8]] = ["lz4": [0x04, 0x22, 0x4D, 0x18, 0x40, 0x40, 0xC0, 0, 0, 0, 0], "compress": [0x1F, 0x9D, 0x90]]
        let empty = try handMade[filter] ?? ArchiveWriter.archive(format: "raw", filter: filter, entries: [.init("data", [])])
        let emptyOutcome = read(bytes: empty, name: "empty.jsonl\(suffix)")
        #expect(emptyOutcome.error == nil && emptyOutcome.names == ["empty.jsonl"] && emptyOutcome.members.first?.bytes == [],
                "\(filter): \(emptyOutcome.names) \(String(describing: emptyOutcome.error))")
    }

    @Test("compressions nest: a JSON file gzipped then xz-compressed")
    func nestedFilters() throws {
        let text = Array(#"[{"content": "نص"}]"#.utf8)
        let gzipped = try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("data", text)])
        let both = try ArchiveWriter.archive(format: "raw", filter: "xz", entries: [.init("data", gzipped)])
        let outcome = read(bytes: both, name: "day.json.gz.xz")
        #expect(outcome.names == ["day.json"] && outcome.members.first?.bytes == text)
    }

    @Test("links and devices are reported and skipped; folders are skipped silently")
    func nonRegularEntries() throws {
        let entries = seedEntries + [ArchiveWriter.Entry("latest.txt", Array("2015/07/22/x.txt".utf8), kind: .symbolicLink)]
        for format in ["pax", "zip", "cpio"] {
            let bytes = try ArchiveWriter.archive(format: format, entries: entries)
            let outcome = read(bytes: bytes, name: "links.\(format)")
            #expect(outcome.names == regularSeedEntries.map(\.name), "\(format)")
            #expect(outcome.problems.map(\.kind) == [.notRegularFile], "\(format)")
            #expect(outcome.problems.first?.description
                    == "links.\(format):latest.txt: symbolic link to '2015/07/22/x.txt'; skipped (only regular files are read)")
        }
    }

    @Test("the body may stop early, and may read blocks instead of the whole member")
    func blocksAndStopping() throws {
        let big = Array(Fixtures.seeds.map(\.bytes).joined()) + Array(repeating: UInt8(ascii: "x"), count: 700_000)
        let bytes = try ArchiveWriter.archive(format: "pax", filter: "gzip", entries: [.init("big.txt", big), .init("next.txt", [1])])
        var blocks: [Int] = []
        var joined: [UInt8] = []
        var seen: [String] = []
        try ArchiveReader.forEachMember(ofBytes: bytes, name: "b.tar.gz", problem: { Issue.record("\($0)") }) {
            (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
            seen.append(member.name)
            while let block = try reader.nextBlock() {
                blocks.append(block.count)
                joined += block
            }
            #expect(reader.bytesRead == big.count)
            return false
        }
        #expect(seen == ["big.txt"])
        #expect(joined == big)
        #expect(blocks.count > 1 && blocks.allSatisfy { $0 <= ArchiveReader.blockSize })
    }

    @Test("a member over the size limit is reported (named) and skipped; the others are read")
    func sizeLimit() throws {
        let large = Array(repeating: UInt8(ascii: "a"), count: 5000)
        let entries: [ArchiveWriter.Entry] = [.init("small.txt", [1, 2, 3]), .init("dir/large.txt", large), .init("after.txt", [4])]
        for (format, filter) in [("pax", "gzip"), ("zip", "none")] {
            let bytes = try ArchiveWriter.archive(format: format, filter: filter, entries: entries)
            let outcome = read(bytes: bytes, name: "a.\(format)", limit: 4096)
            #expect(outcome.error == nil)
            #expect(outcome.names == ["small.txt", "after.txt"], "\(format)")
            #expect(outcome.problems.map(\.kind) == [.memberTooLarge])
            #expect(outcome.problems.first?.description
                    == "a.\(format):dir/large.txt: member larger than the limit of 4096 bytes for one input (it declares 5000 bytes); skipped")
        }
        // A lone stream declares no size: reading stops at the limit.
        let gz = try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("data", large)])
        let outcome = read(bytes: gz, name: "big.txt.gz", limit: 4096)
        #expect(outcome.names.isEmpty && outcome.error == nil)
        #expect(outcome.problems.map(\.description)
                == ["big.txt.gz:big.txt: member larger than the limit of 4096 bytes for one input (stopped after 5000 bytes); skipped"])
    }

    /// Bytes of a tar.gz and a zip of the seed entries.
    static func samples() throws -> (tarGz: [UInt8], zip: [UInt8]) {
        (try ArchiveWriter.archive(format: "pax", filter: "gzip", entries: seedEntries),
         try ArchiveWriter.archive(format: "zip", entries: seedEntries))
    }

    @Test("a truncated archive or stream is named truncated; members before the cut are read")
    func truncated() throws {
        let (tarGz, zip) = try Self.samples()
        let seedsBytes = Array(Fixtures.seeds.map(\.bytes).joined())
        let folder = TemporaryFolder()
        var cases: [(name: String, bytes: [UInt8])] = [
            ("cut.tar.gz", Array(tarGz.prefix(tarGz.count * 2 / 3))),
            ("cut.zip", Array(zip.prefix(zip.count * 2 / 3))),
            ("cut.tar", Array(try ArchiveWriter.archive(format: "ustar", entries: seedEntries).prefix(9000))),
        ]
        for filter in ["gzip", "bzip2", "xz", "zstd", "lz4"] {
            let whole = try ArchiveWriter.archive(format: "raw", filter: filter, entries: [.init("data", seedsBytes)])
            cases.append(("cut.txt.\(filter)", Array(whole.prefix(whole.count / 2))))
        }
        for (name, bytes) in cases {
            let outcome = read(file: folder.write(name, bytes))
            #expect(outcome.error?.kind == .truncated, "\(name): \(String(describing: outcome.error))")
            #expect(outcome.error?.isFatal == true)
            #expect(outcome.error?.description.hasPrefix("\(folder.path)/\(name)") == true)
            #expect(outcome.error?.reason.hasPrefix("truncated ") == true, "\(name): \(String(describing: outcome.error))")
        }
        // A tar.gz of larger members cut after its first members: those were read, the error names the member cut.
        var random = SeededGenerator(seed: 5)
        let words = String(decoding: seedsBytes, as: UTF8.self).split(separator: " ")
        let large = (0..<6).map { k in
            ArchiveWriter.Entry("part\(k).txt", Array((0..<40_000).map { _ in words.randomElement(using: &random)! }.joined(separator: " ").utf8))
        }
        let largeTarGz = try ArchiveWriter.archive(format: "pax", filter: "gzip", entries: large)
        let outcome = read(bytes: Array(largeTarGz.prefix(largeTarGz.count / 2)), name: "cut.tar.gz")
        #expect(outcome.members.count >= 1 && outcome.members.count < large.count, "\(outcome.names)")
        #expect(outcome.members.map(\.bytes) == Array(large.prefix(outcome.members.count).map(\.bytes)))
        #expect(outcome.error?.kind == .truncated)
        #expect(outcome.error?.member == large[min(outcome.members.count, large.count - 1)].name, "\(String(describing: outcome.error))")
    }

    @Test("a corrupt archive: damaged compressed data is named corrupt, with the member")
    func corrupt() throws {
        let (tarGz, zip) = try Self.samples()
        // A zip whose second member's deflated data is damaged: that member fails, the others are read.
        let seed = regularSeedEntries[2].bytes
        var damagedZip = zip
        let firstLarge = Self.offsetOfLocalHeader(in: zip, named: regularSeedEntries[2].name)!
        for k in (firstLarge + 120)..<(firstLarge + 160) { damagedZip[k] ^= 0x55 }
        let zipOutcome = read(bytes: damagedZip, name: "bad.zip")
        #expect(zipOutcome.names.contains(regularSeedEntries[0].name))
        #expect(!zipOutcome.members.contains { $0.bytes == seed })
        let zipErrors = zipOutcome.problems + (zipOutcome.error.map { [$0] } ?? [])
        #expect(zipErrors.contains { $0.kind == .corrupt && $0.member == regularSeedEntries[2].name }, "\(zipErrors)")

        // A tar.gz whose deflate stream is damaged in the middle.
        var damagedTar = tarGz
        for k in (tarGz.count / 2)..<(tarGz.count / 2 + 64) { damagedTar[k] ^= 0xA5 }
        let tarOutcome = read(bytes: damagedTar, name: "bad.tar.gz")
        #expect(tarOutcome.error?.kind == .corrupt, "\(String(describing: tarOutcome.error))")
        #expect(tarOutcome.error?.reason.contains("gzip") == true)

        // gzip magic and garbage after it.
        let fake = [0x1F, 0x8B] + Array(repeating: UInt8(7), count: 100)
        let fakeOutcome = read(bytes: fake, name: "fake.gz")
        #expect(fakeOutcome.error?.kind == .corrupt && fakeOutcome.members.isEmpty, "\(String(describing: fakeOutcome.error))")
    }

    /// The offset of the zip local file header of `name`.
    static func offsetOfLocalHeader(in zip: [UInt8], named name: String) -> Int? {
        let nameBytes = Array(name.utf8)
        var k = 0
        while k + 30 + nameBytes.count <= zip.count {
            if zip[k] == 0x50 && zip[k + 1] == 0x4B && zip[k + 2] == 3 && zip[k + 3] == 4 {
                let length = Int(zip[k + 26]) | Int(zip[k + 27]) << 8
                if length == nameBytes.count && Array(zip[(k + 30)..<(k + 30 + length)]) == nameBytes { return k }
            }
            k += 1
        }
        return nil
    }

    @Test("what is not an archive is refused plainly; unsupported compressions say why")
    func notAnArchive() {
        let text = read(bytes: Array("نص عادي\n".utf8), name: "plain.txt")
        #expect(text.error?.description == "plain.txt: not an archive or compressed file libarchive recognizes")
        let lrzip = read(bytes: Array("LRZI".utf8) + [0, 6] + Array(repeating: 0, count: 40), name: "x.lrz")
        #expect(lrzip.error?.kind == .unsupported, "\(String(describing: lrzip.error))")
        #expect(lrzip.error?.reason.contains("external program") == true)
        // 7z needs seeking, which a decompressed stream cannot do.
        let sevenZip = try? ArchiveWriter.archive(format: "7zip", filter: "gzip", entries: regularSeedEntries)
        let inside = read(bytes: sevenZip ?? [], name: "x.7z.gz")
        #expect(inside.error?.description
                == "x.7z.gz: a 7z archive inside a gzip stream cannot be read (7z needs seeking); decompress it first")
        #expect(inside.error?.kind == .unsupported)
        let missing = read(file: "/nonexistent/x.zip")
        #expect(missing.error?.description == "/nonexistent/x.zip: no such file or directory")
        #expect(ArchiveReader.container(ofFileAt: "/nonexistent/x.zip") == nil)
    }

    @Test("first bytes: containers are recognized, text and JSON are not")
    func magicBytes() {
        func kind(_ bytes: [UInt8]) -> ContainerKind? { bytes.withUnsafeBytes { ContainerKind(prefix: $0) } }
        #expect(kind(Array("{\"a\": 1}".utf8)) == nil)
        #expect(kind(Array("[{\"content\": \"نص\"}]".utf8)) == nil)
        #expect(kind(Fixtures.seeds[0].bytes) == nil)
        #expect(kind([]) == nil)
        #expect(kind([0x1F]) == nil)
        #expect(kind(Array("BZh9".utf8)) == .compressed(.bzip2))
        #expect(kind(Array("BZhx".utf8)) == nil)
        #expect(kind([0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)) == .archive(.zip))
        #expect(kind(Array("!<arch>\n".utf8)) == .archive(.ar))
        #expect(kind(Array("070701".utf8)) == .archive(.cpio))
        #expect(kind(Array(repeating: UInt8(ascii: "a"), count: 600)) == nil)
        #expect(ArchiveReader.supportedCompressions.contains(.gzip) && ArchiveReader.supportedCompressions.contains(.zstd))
        #expect(!ArchiveReader.supportedCompressions.contains(.lrzip))
    }

    @Test("lone member names drop compression suffixes", arguments: [
        ("a/b/x.jsonl.gz", "x.jsonl"), ("x.json.gz.xz", "x.json"), ("X.TXT.BZ2", "X.TXT"), ("t.tgz", "t.tar"),
        ("data.zst", "data"), ("plain", "plain"), ("<stdin>", "<stdin>"), (".gz", ".gz"), ("f.Z", "f"),
    ])
    func loneNames(_ path: String, _ expected: String) {
        #expect(ArchiveReader.loneMemberName(forFileNamed: path) == expected)
    }

    @Test("a FIFO: tar.gz streamed, zip copied to a temporary file first; the same members")
    func fifo() throws {
        let (tarGz, zip) = try Self.samples()
        let folder = TemporaryFolder()
        for (name, bytes) in [("in.tar.gz", tarGz), ("in.zip", zip)] {
            let path = folder.path + "/" + name
            #expect(mkfifo(path, 0o600) == 0)
            let writer = Thread {
                let descriptor = open(path, O_WRONLY)
                var done = 0
                bytes.withUnsafeBytes { raw in
                    while done < raw.count {
                        let n = write(descriptor, raw.baseAddress! + done, min(4096, raw.count - done))
                        if n <= 0 { break }
                        done += n
                    }
                }
                close(descriptor)
            }
            writer.start()
            #expect(ArchiveReader.container(ofFileAt: path) == nil)  // not a regular file: not read
            let outcome = read(file: path)
            #expect(outcome.error == nil, "\(name): \(String(describing: outcome.error))")
            #expect(outcome.names == regularSeedEntries.map(\.name), "\(name)")
            #expect(outcome.members.map(\.bytes) == regularSeedEntries.map(\.bytes), "\(name)")
        }
    }

    @Test("looking for a FIFO's container does not open it: a writer waiting for its reader keeps waiting")
    func probingAFIFOLeavesItsWriterWaiting() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/waiting.tar.gz"
        #expect(mkfifo(path, 0o600) == 0)
        final class Flag: @unchecked Sendable {
            let lock = NSLock()
            var opened = false
        }
        let flag = Flag()
        let finished = DispatchSemaphore(value: 0)
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)  // blocks until a reader opens the FIFO
            flag.lock.lock()
            flag.opened = true
            flag.lock.unlock()
            if descriptor >= 0 { close(descriptor) }
            finished.signal()
        }
        writer.start()
        usleep(50_000)  // let the writer reach its open
        #expect(ArchiveReader.container(ofFileAt: path) == nil)
        usleep(100_000)
        flag.lock.lock()
        let openedEarly = flag.opened
        flag.lock.unlock()
        #expect(!openedEarly, "the probe opened the FIFO and released its writer")
        // Release the writer: a reader opens and closes.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        finished.wait()
        close(reader)
    }

    @Test("a pipe whose first bytes were already read (standard input after sniffing)")
    func pipeWithPrefix() throws {
        let (tarGz, zip) = try Self.samples()
        for (name, bytes) in [("<stdin>", tarGz), ("<stdin>", zip)] {
            var ends: [Int32] = [0, 0]
            #expect(pipe(&ends) == 0)
            let writeEnd = ends[1]
            let writer = Thread {
                bytes.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let n = write(writeEnd, raw.baseAddress! + done, raw.count - done)
                        if n <= 0 { break }
                        done += n
                    }
                }
                close(writeEnd)
            }
            writer.start()
            defer { close(ends[0]) }
            let prefix = try ArchiveReader.readPrefix(of: ends[0], path: name, count: 100)
            #expect(prefix.withUnsafeBytes { ContainerKind(prefix: $0) } != nil)
            var members: [[UInt8]] = []
            try ArchiveReader.forEachMember(ofDescriptor: ends[0], name: name, alreadyRead: prefix, problem: { Issue.record("\($0)") }) {
                (_, reader: inout MemberReader) throws(ArchiveError) -> Bool in
                members.append(try reader.readAll())
                return true
            }
            #expect(members == regularSeedEntries.map(\.bytes))
        }
    }

    @Test("a regular file as a descriptor, some bytes already read: sought back, zip read directly")
    func regularDescriptor() throws {
        let (_, zip) = try Self.samples()
        let folder = TemporaryFolder()
        let path = folder.write("d.zip", zip)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let prefix = try ArchiveReader.readPrefix(of: descriptor, path: path, count: 10)
        var names: [String] = []
        try ArchiveReader.forEachMember(ofDescriptor: descriptor, name: path, alreadyRead: prefix, problem: { Issue.record("\($0)") }) {
            (member, _: inout MemberReader) throws(ArchiveError) -> Bool in
            names.append(member.name)
            return true
        }
        #expect(names == regularSeedEntries.map(\.name))
    }
}
