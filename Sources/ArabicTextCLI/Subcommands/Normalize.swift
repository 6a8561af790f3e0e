import ArabicText
import ArgumentParser

/// `arabic-text normalize`: normalized text to standard output.
struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write normalized text to standard output.",
        discussion: """
            Plain-text inputs are written one after the other, normalized (like cat). \
            For JSON Lines, each line is written back with its text field normalized and \
            every other field untouched; JSON arrays become JSON Lines of {"id", text field}. \
            Rules: choose a --preset, then switch single rules on (--tatweel) or off (--no-tatweel). \
            Rules: \(NormalizationRule.allCases.map { $0.flagName }.joined(separator: ", ")).
            """
    )

    @OptionGroup var normalization: NormalizationFlags
    @OptionGroup var input: InputOptions

    func run() throws {
        let normalizer = ArabicNormalizer(normalization.options)
        let diagnostics = Diagnostics()
        let output = OutputStream()
        let reader = input.makeReader()
        var normalized: [UInt8] = []

        reader.forEachInput { item in
            switch item {
            case .problem(let problem):
                diagnostics.report(problem)
            case .standardInput:
                if input.jsonl {
                    do throws(FileBytes.ReadError) {
                        handle(try FileBytes.readStandardInput(), path: "<stdin>", format: .jsonl)
                    } catch {
                        diagnostics.error("<stdin>", error.reason)
                    }
                } else {
                    streamText("-", shownAs: "<stdin>")
                }
            case .file(let path, _, let format):
                if format == .text {
                    streamText(path, shownAs: path)
                    return
                }
                do throws(FileBytes.ReadError) {
                    handle(try FileBytes.read(path), path: path, format: format)
                } catch {
                    diagnostics.error(path, error.reason)
                }
            }
        }
        output.flush()
        try diagnostics.finish()

        func handle(_ bytes: [UInt8], path: String, format: InputFormat) {
            if bytes.isEmpty {
                diagnostics.error(path, "file is empty")
                return
            }
            switch format {
            case .jsonl:
                rewriteJSONLines(bytes, path: path)
            case .json:
                var result = CorpusReader.Result(documents: [], problems: [])
                reader.readBytes(bytes, path: path, id: path, kind: .json, into: &result)
                diagnostics.report(result.problems)
                for document in result.documents {
                    normalized.removeAll(keepingCapacity: true)
                    document.text.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &normalized) }
                    var line: [UInt8] = Array("{\"id\": ".utf8)
                    JSONOutput.appendString(Array(document.id.utf8), to: &line)
                    line += Array(", ".utf8)
                    JSONOutput.appendString(Array(input.textField.utf8), to: &line)
                    line += Array(": ".utf8)
                    JSONOutput.appendString(normalized, to: &line)
                    line += Array("}\n".utf8)
                    output.write(line)
                }
            case .text, .auto:
                break  // streamed by streamText
            }
        }

        /// Plain text, read in blocks. The output of a file is written only if
        /// all of it is well-formed (else the file is skipped, with the error):
        /// files up to 32 MiB are normalized in memory; larger ones are first
        /// checked in one pass, then normalized block by block straight to the
        /// output (``writeCheckedFile``).
        func streamText(_ path: String, shownAs name: String) {
            let size = path == "-" ? nil : FileBytes.size(of: path)
            let direct = (size ?? 0) > 32 << 20 && input.onError == .skip
            if direct {
                var check = UTF8ValidationStream()
                var problem: (offset: Int, message: String)? = nil
                do throws(FileBytes.ReadError) {
                    try FileBytes.forEachBlock(of: path) { block in
                        if let nul = memchr(block.baseAddress!, 0, block.count) {
                            let at = check.bytesSeen + block.baseAddress!.distance(to: UnsafeRawPointer(nul))
                            problem = (at, "NUL byte at byte \(at) (not a text file?)")
                        }
                        if let error = check.check(block, threads: input.threadCount),
                           error.offset <= (problem?.offset ?? Int.max) {
                            problem = (error.offset, "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))")
                        }
                        return problem == nil
                    }
                } catch {
                    diagnostics.error(name, error.reason)
                    return
                }
                if problem == nil, let error = check.finish() {
                    problem = (error.offset, "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))")
                }
                if let problem {
                    let (line, column) = lineAndColumn(of: problem.offset, inFile: path)
                    diagnostics.error("\(name):\(line):\(column)", problem.message)
                    return
                }
                writeCheckedFile(path, shownAs: name)
                return
            }

            var stream = NormalizationStream(normalizer)
            normalized.removeAll(keepingCapacity: true)
            if let size {
                // One allocation: the output is about as long as the input.
                normalized.reserveCapacity(size + size / 16 + 64)
            }
            var problem: (offset: Int, message: String)? = nil
            var nulCount = 0
            var offset = 0
            let policy = input.onError.policy
            do throws(FileBytes.ReadError) {
                try FileBytes.forEachBlock(of: path) { block in
                    defer { offset += block.count }
                    var patched: [UInt8] = []
                    if let nul = memchr(block.baseAddress!, 0, block.count) {
                        let at = offset + block.baseAddress!.distance(to: UnsafeRawPointer(nul))
                        if policy == .report {
                            problem = (at, "NUL byte at byte \(at) (not a text file?)")
                            return false
                        }
                        for byte in block {
                            if byte == 0 {
                                patched += [0xEF, 0xBF, 0xBD]
                                nulCount += 1
                            } else {
                                patched.append(byte)
                            }
                        }
                    }
                    do throws(UTF8Error) {
                        if patched.isEmpty {
                            try stream.normalize(block, appendingTo: &normalized, onError: policy)
                        } else {
                            try patched.withBytes { (raw) throws(UTF8Error) in
                                try stream.normalize(raw, appendingTo: &normalized, onError: policy)
                            }
                        }
                    } catch {
                        problem = (error.offset, "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))")
                        return false
                    }
                    return true
                }
                if problem == nil {
                    do throws(UTF8Error) {
                        try stream.finish(appendingTo: &normalized, onError: policy)
                    } catch {
                        problem = (error.offset, "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))")
                    }
                }
            } catch {
                diagnostics.error(name, error.reason)
                return
            }
            if let problem {
                let (line, column) = lineAndColumn(of: problem.offset, inFile: path)
                diagnostics.error("\(name):\(line):\(column)", problem.message)
                return
            }
            if stream.bytesRead == 0 {
                diagnostics.error(name, "file is empty")
                return
            }
            let replaced = stream.replacementCount + nulCount
            if replaced > 0 {
                diagnostics.report(InputProblem(
                    location: name, message: "replaced \(replaced) ill-formed UTF-8 sequence(s) or NUL byte(s) with U+FFFD",
                    severity: .warning))
            }
            output.write(normalized)
        }

        /// A file already checked to be well-formed and free of NUL bytes, too
        /// large to hold in memory: read block by block; the whole lines of a
        /// block are normalized in parallel parts, and what lies around them
        /// (the end of the line begun in the block before, the start of the
        /// next) goes through one stream. Every rule starts afresh after a line
        /// break, so this gives the same bytes as one pass, in memory bounded by
        /// the block size whatever the line lengths.
        func writeCheckedFile(_ path: String, shownAs name: String) {
            var edges = NormalizationStream(normalizer)  // the text outside a block's whole lines
            var written: [UInt8] = []
            // One output buffer per part, reused from block to block.
            let partOutputs = (0..<max(1, input.threadCount)).map { _ in ByteBuffer() }
            func stream(_ bytes: UnsafeRawBufferPointer) {
                written.removeAll(keepingCapacity: true)
                try? edges.normalize(bytes, appendingTo: &written, onError: .replace)
                output.write(written)
            }
            do throws(FileBytes.ReadError) {
                try FileBytes.forEachBlock(of: path) { block in
                    guard let first = block.firstIndex(of: 0x0A) else {
                        stream(block)
                        return true
                    }
                    var last = block.count - 1
                    while block[last] != 0x0A { last -= 1 }
                    stream(UnsafeRawBufferPointer(rebasing: block[...first]))
                    // Half-open: a block with a single line feed has no whole line between.
                    normalizeInParts(UnsafeRawBufferPointer(rebasing: block[(first + 1)..<(last + 1)]), into: partOutputs)
                    for part in partOutputs { output.write(part.bytes) }
                    stream(UnsafeRawBufferPointer(rebasing: block[(last + 1)...]))
                    return true
                }
            } catch {
                diagnostics.error(name, error.reason)
                return
            }
            written.removeAll(keepingCapacity: true)
            try? edges.finish(appendingTo: &written, onError: .replace)
            output.write(written)
        }

        /// Normalizes whole lines in as many parts as `outputs`, cut after line
        /// breaks, in parallel; part `k` goes to `outputs[k]`.
        func normalizeInParts(_ lines: UnsafeRawBufferPointer, into outputs: [ByteBuffer]) {
            let parts = outputs.count
            var cuts = [0]
            for part in 1..<parts {
                var cut = max(cuts.last!, lines.count * part / parts)
                while cut < lines.count && (cut == 0 || lines[cut - 1] != 0x0A) { cut += 1 }
                cuts.append(cut)
            }
            cuts.append(lines.count)
            _ = Parallel.map(count: parts, threads: parts) { part in
                outputs[part].bytes.removeAll(keepingCapacity: true)
                try? normalizer.normalize(
                    UnsafeRawBufferPointer(rebasing: lines[cuts[part]..<cuts[part + 1]]), appendingTo: &outputs[part].bytes)
            }
        }

        func lineAndColumn(of offset: Int, inFile path: String) -> (Int, Int) {
            guard path != "-", let bytes = try? FileBytes.read(path) else { return (1, offset + 1) }
            return CorpusReader.lineAndColumn(of: offset, in: bytes)
        }

        func rewriteJSONLines(_ bytes: [UInt8], path: String) {
            var lineNumber = 0
            var start = 0
            var line: [UInt8] = []
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                var content = Array(bytes[start..<end])
                if content.last == 0x0D { content.removeLast() }
                if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let location = "\(path):\(lineNumber)"
                if let error = content.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
                    if input.onError == .skip {
                        diagnostics.error("\(location):\(error.offset + 1)", "invalid UTF-8 at byte \(start + error.offset) of the file (\(error.kind.rawValue))")
                        continue
                    }
                    var repaired: [UInt8] = []
                    content.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
                    diagnostics.report(InputProblem(location: "\(location):\(error.offset + 1)", message: "invalid UTF-8 replaced with U+FFFD", severity: .warning))
                    content = repaired
                }
                let values: [JSONFieldValue?]
                do throws(JSONSyntaxError) {
                    values = try content.withBytes { (raw) throws(JSONSyntaxError) in
                        try JSONFieldReader.fields([input.textField], inObject: raw)
                    }
                } catch {
                    diagnostics.error("\(location):\(error.offset + 1)", "invalid JSON: \(error.message)")
                    continue
                }
                guard let value = values[0], value.isString else {
                    diagnostics.error(location, "no string field \"\(input.textField)\" (choose it with --text-field)")
                    continue
                }
                normalized.removeAll(keepingCapacity: true)
                value.bytes.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &normalized) }
                line.removeAll(keepingCapacity: true)
                line += content[..<value.rawRange.lowerBound]
                JSONOutput.appendString(normalized, to: &line)
                line += content[value.rawRange.upperBound...]
                line.append(0x0A)
                output.write(line)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte array owned by one worker at a time.
final class ByteBuffer {
    var bytes: [UInt8] = []
}
