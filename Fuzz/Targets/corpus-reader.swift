// `CorpusReader` on the bytes of one input file, read as plain text, JSON
// Lines or JSON, with either UTF-8 policy, with and without an id field:
// - every document's text is well-formed UTF-8 without NUL;
// - plain text: one document equal to the bytes when they are clean, else one
//   error (`.report`) or one document with the repaired text and one warning (`.replace`);
// - JSON Lines: each non-blank line gives exactly one document or one error;
//   a file of blank lines gives one error; a JSON file with ill-formed UTF-8
//   gives one error and no document under `.report`;
// - the result is the same on 1 and 3 threads.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let settings = input.byte()
    let kind: InputFormat = [.text, .jsonl, .json, .jsonl][Int(settings & 3)]
    let policy: UTF8ErrorPolicy = settings & 4 == 0 ? .report : .replace
    let idField: String? = settings & 8 == 0 ? nil : "id"
    let textField = settings & 16 == 0 ? "text" : "content"
    let bytes = input.rest
    let context = "kind \(kind) policy \(policy) id \(idField ?? "-") text field \(textField) input \(hex(bytes))"

    func read(threads: Int) -> CorpusReader.Result {
        let reader = CorpusReader(paths: [], format: kind, textField: textField, idField: idField, onInvalidUTF8: policy, threads: threads)
        var result = CorpusReader.Result()
        reader.readBytes(bytes, path: "input", id: "input", kind: kind, into: &result)
        return result
    }
    let result = read(threads: 1)
    let other = read(threads: 3)
    require(result.documents == other.documents && result.problems == other.problems, "1 and 3 threads differ; \(context)")
    for document in result.documents {
        require(isWellFormedUTF8(document.text) && !document.text.contains(0),
                "document \(document.id) has ill-formed text or NUL: \(hex(document.text)); \(context)")
    }
    let errors = result.problems.filter { $0.severity == .error }
    if bytes.isEmpty {
        require(result.documents.isEmpty && errors.count == 1, "empty input: \(result.problems); \(context)")
        return 0
    }

    switch kind {
    case .text, .auto:
        let clean = isWellFormedUTF8(bytes) && !bytes.contains(0)
        if clean {
            require(result.documents.map(\.text) == [bytes] && result.problems.isEmpty, "clean text not read as it is; \(context)")
        } else if policy == .report {
            require(result.documents.isEmpty && errors.count == 1 && result.problems.count == 1,
                    "bad text: \(result.documents.count) documents, problems \(result.problems); \(context)")
        } else {
            let expected = repairedUTF8(bytes).flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
            require(result.documents.map(\.text) == [expected] && errors.isEmpty && result.problems.count == 1,
                    "repaired text \(result.documents.map { hex($0.text) }), expected \(hex(expected)); \(context)")
        }
    case .jsonl:
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 0x0D ? line.dropLast() : line
        }
        if bytes.last == 0x0A { lines.removeLast() }
        let nonBlank = lines.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }.count
        if nonBlank == 0 {
            require(result.documents.isEmpty && errors.count == 1, "blank JSON Lines: \(result.problems); \(context)")
        } else {
            require(result.documents.count + errors.count == nonBlank,
                    "\(nonBlank) lines gave \(result.documents.count) documents and \(errors.count) errors: \(errors); \(context)")
        }
        if idField == nil {
            for document in result.documents {
                require(document.id.hasPrefix("input:"), "document id \(document.id) is not a line; \(context)")
            }
        }
    case .json:
        if policy == .report && !isWellFormedUTF8(bytes) {
            require(result.documents.isEmpty && errors.count == 1, "ill-formed JSON file: \(result.problems); \(context)")
        }
    }
    return 0
}
