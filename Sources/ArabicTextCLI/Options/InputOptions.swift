import ArabicText
import ArgumentParser

/// What to do with ill-formed UTF-8 and NUL bytes in an input.
enum OnErrorChoice: String, ExpressibleByArgument, CaseIterable {
    /// Report the input and skip it.
    case skip
    /// Replace each bad sequence with U+FFFD and process the input (a warning is printed).
    case replace

    var policy: UTF8ErrorPolicy { self == .skip ? .report : .replace }
}

/// Inputs every command takes: paths, JSON fields, error handling, threads.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Files, folders (read recursively: *.txt, or with --text-field *.jsonl, *.json, *.csv, *.tsv; also compressed), archives and compressed files (.zip, .tar, .tar.gz, .gz, .bz2, .xz, .zst, ...: each member an input named archive:member), pipes; '-' reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp(
        "Read records (JSON Lines, JSON arrays, CSV or TSV with a header, told apart by name or first byte) and take the text from this field (a dotted name reaches into nested objects). A null text is an empty document.",
        valueName: "field"))
    var textField: String?

    @Option(help: ArgumentHelp("The record field that holds the document id (default: file:line, or file:#index in a JSON array).", valueName: "field"))
    var idField: String?

    @Option(help: ArgumentHelp("How to read files: auto (by name and first byte), text, jsonl, json, csv or tsv.", valueName: "format"))
    var inputFormat: InputFormat = .auto

    @Flag(help: ArgumentHelp("Same as --input-format jsonl.", visibility: .hidden))
    var jsonl = false

    @Option(help: ArgumentHelp(
        "Ill-formed UTF-8, NUL bytes or bytes undecodable in --encoding: skip the input with an error, or replace them with U+FFFD (counted in a warning).",
        valueName: "skip|replace"))
    var onError: OnErrorChoice = .skip

    @Option(help: ArgumentHelp(
        "Encoding of the inputs: auto (UTF-8, or UTF-16/UTF-32 when a byte-order mark says so) or any ICU converter name: utf-8, windows-1256, iso-8859-6, utf-16le, utf-16be, ibm-864, ...",
        valueName: "name"))
    var encoding: String = "auto"

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads to use (default: all processors). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if textField?.isEmpty == true { throw ValidationError("--text-field must not be empty") }
        if idField?.isEmpty == true { throw ValidationError("--id-field must not be empty") }
        _ = try textEncoding()
    }

    /// The encoding `--encoding` names, nil for `auto`.
    func textEncoding() throws(ValidationError) -> TextEncoding? {
        if encoding.lowercased() == "auto" { return nil }
        do throws(TextEncodingError) {
            return try TextEncoding(encoding)
        } catch {
            throw ValidationError("--encoding: \(error.description)")
        }
    }

    var threadCount: Int { threads ?? Parallel.defaultThreadCount }

    var format: InputFormat { jsonl ? .jsonl : inputFormat }

    /// The reader of these inputs (`-` when none is given).
    func reader(extraFields: [String] = []) -> CorpusReader {
        var reader = CorpusReader(
            paths: paths, format: format, textField: textField, idField: idField,
            onInvalidUTF8: onError.policy, threads: threadCount)
        reader.extraFields = extraFields
        reader.encoding = try? textEncoding()
        return reader
    }

    /// The inputs; with no path, standard input when it is not a terminal, else
    /// the seed articles compiled into the tool.
    /// Piped input is read; when nothing comes (a terminal, or an empty pipe or /dev/null), the seeds.
    func documentsOrSeeds(extraFields: [String] = []) throws -> any DocumentSource {
        guard paths.isEmpty else { return reader(extraFields: extraFields) }
        if isatty(STDIN_FILENO) == 0 {
            let bytes: [UInt8]
            do throws(FileError) {
                bytes = try StandardInput.readAll()
            } catch {
                throw Problem(path: "-", message: error.reason)
            }
            if !bytes.isEmpty {
                var reader = self.reader(extraFields: extraFields)
                reader.standardInput = bytes
                return reader
            }
        }
        return embeddedSeeds.map { Document(id: $0.name, text: Array($0.text.utf8), origin: DocumentOrigin(.seed($0.name))) }
    }
}

extension InputFormat: ExpressibleByArgument {}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
