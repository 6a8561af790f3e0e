// `CorpusReader` on the bytes of one input, in every format (text, JSON
// Lines, JSON, CSV, TSV, auto), with either UTF-8 policy, several text and
// id fields, through the public API only. The bytes are read twice: as
// standard input handed over whole (`standardInput`), on one thread, and
// from a file read block by block (`batchBytes` as small as one byte, so JSON
// Lines are cut anywhere), on three threads:
// - both readings give the same documents (texts, ids, records, fields) and
//   the same problems, apart from the input's name;
// - the whole input read with the scalar kernels (`VectorKernels.withLevel`)
//   gives the same documents and problems as with the best vector level;
// - every document's text is well-formed UTF-8 without NUL; ids are unique;
// - plain text without NUL, byte-order mark or ill-formed UTF-8 is one
//   document equal to the bytes, with no problem; with `.report`, ill-formed
//   plain text gives no document and an error;
// - plain text after a UTF-16 or UTF-32 byte-order mark is one document
//   equal to what `TextDecoder` decodes (when that holds no NUL), or, when it
//   cannot be decoded under `.report`, no document and an error;
// - JSON Lines give at most one document per non-blank line.
import ArabicText

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let kind: InputFormat = input.pick([.text, .jsonl, .json, .csv, .tsv, .auto, .jsonl, .auto])
    let policy: UTF8ErrorPolicy = input.bool() ? .replace : .report
    let textField: String? = input.pick([nil, "text", "content", "meta.text", "text"])
    let idField: String? = input.pick([nil, "id", "meta.id", nil])
    let batchBytes = input.byte() < 128 ? Int(input.byte()) + 1 : Int(input.byte()) << 4 | 1
    let bytes = input.rest
    let context = "format \(kind) policy \(policy) text field \(textField ?? "-") id field \(idField ?? "-") batch \(batchBytes) input \(hex(bytes))"

    var whole = CorpusReader(paths: ["-"], format: kind, textField: textField, idField: idField, onInvalidUTF8: policy, threads: 1)
    whole.standardInput = bytes
    let fromMemory = whole.readAll()

    writeScratchFile(bytes)
    var blocks = CorpusReader(paths: [scratchPath], format: kind, textField: textField, idField: idField, onInvalidUTF8: policy, threads: 3)
    blocks.batchBytes = batchBytes
    let fromFile = blocks.readAll()

    func comparable(_ documents: [Document], _ name: String) -> [String] {
        documents.map { "\(hex($0.text, limit: 1 << 20)) | \(unnamed($0.id, name)) | \($0.origin.record) | \($0.fields.sorted { $0.key < $1.key })" }
    }
    func comparable(_ problems: [Problem], _ name: String) -> [String] {
        problems.map { "\($0.severity) \($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-") \($0.origin.record) \(unnamed($0.message, name))" }
    }
    // Any block size reads the same, down to one byte: the byte-order mark
    // and an `auto` input's format are decided on enough bytes, not on the
    // first block (fixed in 5d044e6; Fuzz/Regressions/corpus-reader/bom-in-one-byte-blocks,
    // sniff-blank-first-block).
    require(comparable(fromMemory.documents, "<stdin>") == comparable(fromFile.documents, scratchPath),
            "documents differ: whole \(comparable(fromMemory.documents, "<stdin>")), blocks \(comparable(fromFile.documents, scratchPath)); \(context)")
    require(comparable(fromMemory.problems, "<stdin>") == comparable(fromFile.problems, scratchPath),
            "problems differ: whole \(fromMemory.problems), blocks \(fromFile.problems); \(context)")

    // The vector kernels (UTF-8 check, JSON special-byte scan) change nothing:
    // the whole input read with the scalar Swift paths gives the same.
    if VectorKernels.current != .scalar {
        let scalar = VectorKernels.withLevel(.scalar) { whole.readAll() }
        require(comparable(scalar.documents, "<stdin>") == comparable(fromMemory.documents, "<stdin>")
                && comparable(scalar.problems, "<stdin>") == comparable(fromMemory.problems, "<stdin>"),
                "scalar and \(VectorKernels.current) kernels differ: \(scalar.problems) vs \(fromMemory.problems); \(context)")
    }

    let (documents, problems) = fromMemory
    for document in documents {
        require(isWellFormedUTF8(document.text) && !document.text.contains(0),
                "document \(document.id) has ill-formed text or NUL: \(hex(document.text)); \(context)")
    }
    require(Set(documents.map(\.id)).count == documents.count, "repeated ids \(documents.map(\.id)); \(context)")
    let errors = problems.filter { $0.severity == .error }
    let mark = bytes.withUnsafeBytes { ByteOrderMark.detect(in: UnsafeRawBufferPointer(rebasing: $0.prefix(4))) }
    if kind == .text && !bytes.isEmpty && mark == nil {
        if isWellFormedUTF8(bytes) && !bytes.contains(0) {
            require(documents.map(\.text) == [bytes] && problems.isEmpty, "clean text not read as it is: \(problems); \(context)")
        } else if policy == .report && !isWellFormedUTF8(bytes) {
            require(documents.isEmpty && !errors.isEmpty, "ill-formed text: \(documents.count) documents, problems \(problems); \(context)")
        }
    }
    // A UTF-16 or UTF-32 byte-order mark makes the reader decode the input
    // in that encoding (the mark alone: one empty document, as after a
    // UTF-8 mark): plain text is then what the decoder gives, or, when it
    // cannot decode under `.report`, no document and an error.
    if kind == .text, let mark, mark != .utf8 {
        if let decoded = try? TextDecoder.decode(bytes, onError: policy) {
            if !decoded.text.contains(0) {
                require(documents.map(\.text) == [decoded.text] && errors.isEmpty,
                        "\(mark) text not read as decoded (\(hex(decoded.text))): \(problems); \(context)")
            }
        } else {
            require(policy == .report && documents.isEmpty && !errors.isEmpty,
                    "undecodable \(mark) text: \(documents.count) documents, problems \(problems); \(context)")
        }
    }
    if kind == .jsonl {
        let lines = bytes.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        require(documents.count <= lines.count, "\(lines.count) non-blank lines gave \(documents.count) documents; \(context)")
    }
    return 0
}

/// `text` with the input's name (a path, then its last part: file ids are
/// relative paths) replaced by a placeholder.
func unnamed(_ text: String, _ name: String) -> String {
    var result = text
    for form in [name, String(name.split(separator: "/").last ?? "")] where !form.isEmpty {
        result = result.split(separator: form, omittingEmptySubsequences: false).joined(separator: "<input>")
    }
    return result
}

/// A file of this process for the block-by-block reading, removed at exit.
let scratchPath = "/tmp/arabictext-fuzz-corpus-\(getpid())"
nonisolated(unsafe) var scratchRegistered = false

func writeScratchFile(_ bytes: [UInt8]) {
    if !scratchRegistered {
        scratchRegistered = true
        atexit { unlink("/tmp/arabictext-fuzz-corpus-\(getpid())") }
    }
    do throws(FileBytes.ReadError) {
        try FileBytes.write(bytes, to: scratchPath)
    } catch {
        fatalError("cannot write \(scratchPath): \(error)")
    }
}
