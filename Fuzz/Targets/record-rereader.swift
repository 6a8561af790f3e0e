// `RecordRereader` (what `clean --write-unique` uses to copy kept records)
// on the documents `CorpusReader` read from a file of JSON Lines, a JSON
// array, CSV or TSV, with either UTF-8 policy and block sizes down to three
// bytes (smaller blocks meet a known byte-order-mark difference, see the
// corpus-reader target):
// - every document read from a record of the file has its record read again
//   (no error), and that record is one JSON object, well-formed UTF-8;
// - the record's text field holds the document's text (a NUL in it replaced
//   by U+FFFD, as the reader does under `.replace`);
// - reading the records again in reverse order gives the same records (the
//   rereader keeps one file open and one file whole; order must not matter).
@testable import ArabicText

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordRereader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let kind: InputFormat = input.pick([.jsonl, .json, .csv, .tsv, .jsonl])
    let policy: UTF8ErrorPolicy = input.bool() ? .replace : .report
    // CSV and TSV header names are matched whole: no dotted names there.
    let textField: String = kind == .csv || kind == .tsv
        ? input.pick(["text", "content"]) : input.pick(["text", "content", "meta.text", "text"])
    let idField: String? = input.pick([nil, "id"])
    let batchBytes = input.byte() < 128 ? Int(input.byte()) + 3 : Int(input.byte()) << 4 | 3
    let bytes = input.rest
    let context = "format \(kind) policy \(policy) text field \(textField) id field \(idField ?? "-") batch \(batchBytes) input \(hex(bytes))"

    writeRereadFile(bytes)
    var reader = CorpusReader(paths: [rereadPath], format: kind, textField: textField, idField: idField, onInvalidUTF8: policy, threads: 1)
    reader.batchBytes = batchBytes
    let (documents, _) = reader.readAll()

    // Known and reported (found by this target on 0c8ef35): a CSV or TSV
    // header that names the text field twice. The reader takes the first
    // column, the record written for it holds both under the same name, and
    // JSON readers (this one too) take the last
    // (Fuzz/Regressions/record-rereader/csv-text-field-twice). The texts are
    // compared only where that cannot happen; remove this when decided.
    var textFieldTwice = false
    if kind == .csv || kind == .tsv {
        var bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        bytes = repairedUTF8(bytes)
        var header: [[UInt8]]? = nil
        _ = try? bytes.withBytes { (raw) throws(DelimitedRecords.SyntaxError) in
            try DelimitedRecords(separator: kind == .csv ? 0x2C : 0x09).forEachRow(in: raw) { row in
                if header == nil { header = row.cells }
            }
        }
        textFieldTwice = (header ?? []).filter { $0 == Array(textField.utf8) }.count > 1
    }

    var rereader = RecordRereader()
    var records: [[UInt8]?] = []
    for document in documents {
        let record: [UInt8]?
        do throws(Problem) {
            record = try rereader.record(of: document.origin)
        } catch {
            fatalError("invariant broken: record of \(document.origin.record) not read again: \(error.message); \(context)")
        }
        records.append(record)
        guard let record else {
            // Only a JSON file holding one object (not an array) is no record.
            require(kind == .json && documents.count == 1, "no record for \(document.origin.record); \(context)")
            continue
        }
        require(isWellFormedUTF8(record), "record of \(document.origin.record) is ill-formed: \(hex(record)); \(context)")
        let values: [JSONFieldValue?]
        do throws(JSONSyntaxError) {
            values = try record.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.fields([textField], inObject: raw) }
        } catch {
            fatalError("invariant broken: record of \(document.origin.record) is not one JSON object (\(error.message)): \(hex(record)); \(context)")
        }
        let value = values[0]?.bytes.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
        require(value == document.text || textFieldTwice,
                "record of \(document.origin.record) holds text \(value.map { hex($0) } ?? "none"), the document \(hex(document.text)); record \(hex(record)); \(context)")
    }
    rereader.close()

    var backwards = RecordRereader()
    for (document, record) in zip(documents, records).reversed() {
        let again: [UInt8]?
        do throws(Problem) {
            again = try backwards.record(of: document.origin)
        } catch {
            fatalError("invariant broken: record of \(document.origin.record) not read again backwards: \(error.message); \(context)")
        }
        require(again == record, "record of \(document.origin.record) read backwards differs: \(again.map { hex($0) } ?? "nil"); \(context)")
    }
    backwards.close()
    return 0
}

/// A file of this process for the records, removed at exit.
let rereadPath = "/tmp/arabictext-fuzz-reread-\(getpid())"
nonisolated(unsafe) var rereadRegistered = false

func writeRereadFile(_ bytes: [UInt8]) {
    if !rereadRegistered {
        rereadRegistered = true
        atexit { unlink("/tmp/arabictext-fuzz-reread-\(getpid())") }
    }
    do throws(FileBytes.ReadError) {
        try FileBytes.write(bytes, to: rereadPath)
    } catch {
        fatalError("cannot write \(rereadPath): \(error)")
    }
}
