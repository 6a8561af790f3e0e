/// One input (a file, standard input, or a member of an archive) turned
/// into documents as its bytes arrive, block by block: the byte-order mark
/// and encoding decided, the bytes decoded to UTF-8, the format sniffed,
/// then JSON Lines parsed as they come and the other formats at the end.
///
/// Every decision waits for enough bytes, never for the end of a block, so
/// the documents and problems are the same whatever the block sizes
/// (a file read in one-byte blocks gives what it gives read whole):
/// * the byte-order mark is decided on the first four bytes (or fewer at the end);
/// * the format of an `auto` input on its first non-blank byte;
/// * JSON Lines stream only after the first ``sampleSize`` bytes (or the
///   end), which are also the sample an encoding hint is judged on.
///
/// Encodings: with no encoding given, UTF-8 (a UTF-8 mark is dropped; a
/// UTF-16 or UTF-32 mark chooses that encoding); UTF-8 bytes are passed on
/// as they are, and the input check judges them (with a hint such as
/// `try --encoding windows-1256` when they fail and look like another
/// encoding). Any other encoding is decoded through ``TextDecoder`` whole
/// before parsing, so that an undecodable byte skips the whole input (or,
/// with `.replace`, is replaced and counted) whatever the block sizes.
struct InputPipeline {
    /// How many first bytes are held before JSON Lines stream, and judged for a hint.
    static let sampleSize = EncodingHint.sampleSize

    let reader: CorpusReader
    let origin: DocumentOrigin
    let id: String
    /// The format: told, by name, or `.auto` until sniffed.
    private var format: InputFormat
    /// The first raw bytes, until the byte-order mark is decided.
    private var head: [UInt8] = []
    private var decided = false
    /// The decoder, for an input not in UTF-8.
    private var box: DecoderBox?
    /// Whether a decoder is in use.
    private var decodes: Bool { box != nil }
    /// Decoded bytes of the current block.
    private var decoded: [UInt8] = []
    /// UTF-8 bytes held: the whole input for formats read at once, the first ones for JSON Lines.
    private var pending: [UInt8] = []
    private var streaming = false
    private var lines: JSONLinesBlocks
    private var sawBytes = false
    private var failed = false
    /// When set, the input's whole UTF-8 bytes (and format) go here instead of being parsed.
    var whole: CorpusReader.WholeInput?

    init(reader: CorpusReader, origin: DocumentOrigin, id: String, format: InputFormat) {
        self.reader = reader
        self.origin = origin
        self.id = id
        self.format = format
        lines = JSONLinesBlocks(reader: reader, origin: origin)
    }

    /// Whether reading on is of no use (the input failed to decode).
    var isDone: Bool { failed }

    /// Takes the next block of the input's raw bytes.
    /// - Complexity: O(block); JSON Lines parsed on the reader's threads once streaming.
    mutating func take(
        _ block: UnsafeRawBufferPointer, ids: inout DocumentIDs, limiter: inout ProblemLimiter, _ body: ([Document]) -> Void
    ) {
        guard !failed, !block.isEmpty else { return }
        sawBytes = true
        var rest = block
        if !decided {
            let count = min(rest.count, 4 - head.count)
            head.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<count]))
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
            guard head.count == 4 else { return }
            decide(ids: &ids, limiter: &limiter, body)
        }
        decode(rest, ids: &ids, limiter: &limiter, body)
    }

    /// Ends the input: what is held is parsed, and problems of the whole input reported.
    /// - Complexity: O(bytes held).
    mutating func finish(ids: inout DocumentIDs, limiter: inout ProblemLimiter, _ body: ([Document]) -> Void) {
        guard !failed else { return }
        guard sawBytes else {
            limiter.report(Problem(origin, message: "file is empty", severity: .warning))
            return
        }
        if !decided { decide(ids: &ids, limiter: &limiter, body) }
        if decodes {
            decoded.removeAll(keepingCapacity: true)
            do throws(TextDecodingError) {
                try box!.decoder.finish(into: &decoded)
            } catch {
                fail(error, limiter: &limiter)
                return
            }
            pending += decoded
            let replaced = box!.decoder.replacements
            if replaced > 0 {
                limiter.report(Problem(
                    origin, message: "replaced \(replaced) undecodable \(box!.decoder.encoding.name) sequence(s) with U+FFFD",
                    severity: .warning))
            }
        }
        if streaming {
            emit(lines.finish(ids: &ids, limiter: &limiter), body)
            return
        }
        if format == .auto { format = reader.sniff(pending) ?? .text }
        if !decodes { limiter.hint = Self.hint(for: pending) }
        if let whole {
            let bytes = pending
            pending = []
            whole(origin, format, bytes)
            return
        }
        if format == .jsonl {
            let documents = pending.withUnsafeBytes { lines.take($0, ids: &ids, limiter: &limiter) }
            pending = []
            emit(documents + lines.finish(ids: &ids, limiter: &limiter), body)
            return
        }
        let bytes = pending
        pending = []
        emit(reader.documents(of: bytes, origin: origin, id: id, kind: format, ids: &ids, limiter: &limiter), body)
    }

    /// The UTF-8 the reader parsed for a whole input's raw bytes: decoded
    /// like ``decide(ids:limiter:_:)`` decides (undecodable bytes replaced:
    /// a kept record's input decoded without failing), or, in UTF-8, the
    /// bytes after a UTF-8 byte-order mark as they are.
    /// - Complexity: O(n).
    static func decodedWhole(_ raw: [UInt8], encoding told: TextEncoding?) -> [UInt8] {
        let mark = raw.withUnsafeBytes { ByteOrderMark.detect(in: UnsafeRawBufferPointer(rebasing: $0.prefix(4))) }
        var chosen: TextEncoding?
        if let told, !told.isUTF8 {
            chosen = told
        } else if let mark, mark != .utf8, told == nil {
            chosen = mark.encoding
        }
        guard let chosen else { return mark == .utf8 ? Array(raw.dropFirst(3)) : raw }
        return (try? TextDecoder.decode(raw, encoding: chosen, onError: .replace).text) ?? []
    }

    /// The hint for UTF-8 that fails the input check, from the first bytes.
    static func hint(for bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { EncodingHint.hint(for: UnsafeRawBufferPointer(rebasing: $0.prefix(sampleSize))) }
    }

    /// Decides the encoding from the first bytes (a byte-order mark), and passes them on.
    private mutating func decide(ids: inout DocumentIDs, limiter: inout ProblemLimiter, _ body: ([Document]) -> Void) {
        decided = true
        let first = head
        head = []
        let mark = first.withUnsafeBytes { ByteOrderMark.detect(in: $0) }
        let told = reader.encoding
        var start = 0
        if let told, !told.isUTF8 {
            box = DecoderBox(TextDecoder(encoding: told, onError: reader.onInvalidUTF8))
        } else if let mark, mark != .utf8, told == nil {
            box = DecoderBox(TextDecoder(encoding: mark.encoding, onError: reader.onInvalidUTF8))
        } else if mark == .utf8 {
            start = 3
        }
        first.withUnsafeBytes { raw in
            decode(UnsafeRawBufferPointer(rebasing: raw[start...]), ids: &ids, limiter: &limiter, body)
        }
    }

    /// Decodes raw bytes (UTF-8 as they are) and passes them on.
    private mutating func decode(
        _ raw: UnsafeRawBufferPointer, ids: inout DocumentIDs, limiter: inout ProblemLimiter, _ body: ([Document]) -> Void
    ) {
        guard !raw.isEmpty, !failed else { return }
        guard decodes else {
            utf8(raw, ids: &ids, limiter: &limiter, body)
            return
        }
        decoded.removeAll(keepingCapacity: true)
        do throws(TextDecodingError) {
            try box!.decoder.decode(raw, into: &decoded)
        } catch {
            fail(error, limiter: &limiter)
            return
        }
        // A decoded input is parsed whole at the end (see the type's comment).
        pending += decoded
    }

    /// Takes UTF-8 bytes: streamed as JSON Lines (only the first
    /// ``sampleSize`` bytes are held, and parsed once they are all there), or held.
    private mutating func utf8(
        _ bytes: UnsafeRawBufferPointer, ids: inout DocumentIDs, limiter: inout ProblemLimiter, _ body: ([Document]) -> Void
    ) {
        if streaming {
            emit(lines.take(bytes, ids: &ids, limiter: &limiter), body)
            return
        }
        // The first non-blank byte decides (until then `pending` holds only blank bytes).
        if format == .auto, let found = reader.sniff(bytes) { format = found }
        guard format == .jsonl && whole == nil else {
            pending.append(contentsOf: bytes)
            return
        }
        let held = min(bytes.count, max(0, Self.sampleSize - pending.count))
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<held]))
        guard pending.count >= Self.sampleSize else { return }
        limiter.hint = Self.hint(for: pending)
        streaming = true
        let sample = pending
        pending = []
        // The bytes after the sample are parsed where they lie, not copied.
        var documents = sample.withUnsafeBytes { lines.take($0, ids: &ids, limiter: &limiter) }
        if held < bytes.count {
            documents += lines.take(UnsafeRawBufferPointer(rebasing: bytes[held...]), ids: &ids, limiter: &limiter)
        }
        emit(documents, body)
    }

    private mutating func fail(_ error: TextDecodingError, limiter: inout ProblemLimiter) {
        failed = true
        pending = []
        limiter.report(Problem(origin, message: error.message + "; input skipped"))
    }

    private func emit(_ documents: [Document], _ body: ([Document]) -> Void) {
        if !documents.isEmpty { body(documents) }
    }
}

/// A ``TextDecoder`` (not copyable) held by reference.
final class DecoderBox {
    var decoder: TextDecoder
    init(_ decoder: consuming TextDecoder) { self.decoder = decoder }
}

extension CorpusReader {
    /// The format the first non-blank byte of `bytes` says (`[` a JSON
    /// array, `{` JSON Lines, anything else text), or nil when every byte is
    /// blank; `.text` at once without a text field.
    /// - Complexity: O(blank bytes before the first other one).
    func sniff(_ bytes: some Sequence<UInt8>) -> InputFormat? {
        guard textField != nil else { return .text }
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            if byte == UInt8(ascii: "[") { return .json }
            if byte == UInt8(ascii: "{") { return .jsonl }
            return .text
        }
        return nil
    }
}
