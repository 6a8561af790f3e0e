// Writes the seed corpora of the fuzz targets into Fuzz/Seeds/<target>/.
//
// usage: make-seeds <repository root>
//
// Seeds are small: pieces of the repository's seed articles, hand-made edge
// cases, real duplicate indexes and TF-IDF models saved by the library, and
// random settings for the loaders' crafting modes. Each target reads its
// settings from the end of its input (see Fuzz/Support/FuzzInput.swift), so
// seeds are a payload followed by settings bytes in reverse reading order.
// The output is deterministic: running it twice writes the same files.
import ArabicText

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    fputs("usage: make-seeds <repository root>\n", stderr)
    exit(2)
}
let root = arguments[1]
let output = root + "/Fuzz/Seeds"

/// Settings bytes for a target that reads them in `order` from the end.
func settings(_ order: [UInt8]) -> [UInt8] { order.reversed() }

var written = 0
func write(_ target: String, _ name: String, _ bytes: [UInt8]) {
    let folder = output + "/" + target
    mkdir(output, 0o755)
    mkdir(folder, 0o755)
    do throws(FileBytes.ReadError) {
        try FileBytes.write(bytes, to: folder + "/" + name)
        written += 1
    } catch {
        fputs("make-seeds: \(error)\n", stderr)
        exit(1)
    }
}

/// A deterministic generator (SplitMix64).
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return ByteHash.finalize(state)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
var random = Generator(state: 0xF022)

// --- texts ---------------------------------------------------------------
var articles: [[UInt8]] = []
do throws(FileBytes.ReadError) {
    for file in try FileBytes.files(under: root + "/seeds", suffixes: [".txt"]) {
        articles.append(try FileBytes.read(root + "/seeds/" + file))
    }
} catch {
    fputs("make-seeds: \(error)\n", stderr)
    exit(1)
}
guard !articles.isEmpty else {
    fputs("make-seeds: no seed articles under \(root)/seeds\n", stderr)
    exit(1)
}

/// The first `limit` bytes of `text`, cut at a character boundary.
func piece(_ text: [UInt8], from start: Int = 0, limit: Int) -> [UInt8] {
    var begin = min(start, text.count)
    while begin < text.count && text[begin] & 0xC0 == 0x80 { begin += 1 }
    var end = min(text.count, begin + limit)
    while end < text.count && text[end] & 0xC0 == 0x80 { end -= 1 }
    return Array(text[begin..<end])
}

let edgeTexts: [(String, [UInt8])] = [
    ("diacritics", Array("إِنَّ الـــكتابَ مُحَمَّد شرحاً تفصيلياً الحدّ".utf8)),
    ("presentation", Array("ﻻ ﺍﻟﻜﺘﺎﺏ ﷲ ﷺ ﻹ".utf8)),
    ("digits", Array("٢٠٢٤ ۱۴۰۲ 34.8% ٣٫٥ 1,000,000 15/4/2024 10:30".utf8)),
    ("spaces", Array("a \t\u{00A0}\u{2009}b\u{200C}c\u{200F}\u{FEFF}  \r\n\u{2028}d".utf8)),
    ("persian", Array("می‌خواهم گچ پژوهش ڤ ی ک".utf8)),
    ("latin", Array("Saferworld G20 كوفيد19 snake_case Commission’s #مشروع_ساند @user".utf8)),
    ("urls", Array("https://example.com/a?b=1 www.spa.gov.sa/ar info@spa.gov.sa (http://x.y).".utf8)),
    ("quranic", Array("ٱلۡحَمۡدُ لِلَّهِ ۖ ۚ ٰ ٖ ٗ".utf8)),
    ("ill-formed", [0xD8, 0x20, 0xD8, 0xA7, 0x84, 0xE0, 0x80, 0xF4, 0x90, 0x80, 0xED, 0xA0, 0x80, 0xC0, 0xAF, 0xFF, 0x0A, 0xD9]),
    ("nul", [0xD8, 0xA7, 0x00, 0xD9, 0x84, 0x0A, 0x00]),
    ("empty", []),
]

// --- normalize, normalize-reference, tokenize ----------------------------
for (index, article) in articles.enumerated() {
    let text = piece(article, from: 200 * index, limit: 600)
    for choice: UInt8 in 0..<4 {
        write("normalize", "article\(index)-preset\(choice)", text + settings([choice, choice & 1, 3, 7, 1, 16, 2, 5, 11, 1]))
    }
    write("normalize", "article\(index)-rules", text + settings([4, 0xFF, 0xFF, 0x7F, 0xFF, 1, 4, 4, 4, 4, 4, 4, 4, 4]))
    write("normalize-reference", "article\(index)", text + settings([UInt8(index % 3), 0]))
    write("normalize-reference", "article\(index)-rules", text + settings([3, 0x00, 0x28, 0x80, 0x01, 1]))
    write("tokenize", "article\(index)", text + settings([UInt8(index % 16)]))
    // code-units: the article as UTF-16 code units, little-endian.
    let units = String(decoding: text, as: UTF8.self).utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
    write("code-units", "article\(index)", units)
}
write("code-units", "surrogate-late", Array(repeating: [0x28, 0x06], count: 40).flatMap { $0 } + [0x00, 0xD8, 0x41, 0x00])
for (name, text) in edgeTexts {
    write("normalize", name, text + settings([0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))
    write("normalize", name + "-report", text + settings([0, 1, 1, 2, 3, 4, 5, 6, 7, 8]))
    write("normalize", name + "-nfkc", text + settings([3, 0, 2, 2, 2, 2, 2, 2, 2, 2]))
    write("normalize-reference", name, text + settings([0, 0]))
    write("normalize-reference", name + "-nfkc", text + settings([3, 0x00, 0x80, 0x00, 0x00, 1]))
    write("tokenize", name, text + settings([0]))
}

// --- stemmers: single words ----------------------------------------------
let words = [
    "والمكتبات", "بالمدرسة", "كالكتاب", "فالقلم", "للطالب", "وسيكتبون", "يستخدمون", "مستشفيات", "الاستقلال",
    "مُعَلِّمَات", "أأنت", "إسلام", "آمن", "مسؤول", "مسئول", "شيء", "سماء", "ﻻ", "١٢٣", "كتب", "و", "ال", "ب",
    "Saferworld", "G20", "الـــكتاب", "تلفزيون", "فسيكفيكهم", "𝐀ب",
]
for (index, word) in words.enumerated() {
    for target in ["stem-lucene", "stem-snowball", "stem-isri"] { write(target, "word\(index)", Array(word.utf8)) }
}

// --- json-reader, corpus-reader ------------------------------------------
let jsonTexts: [(String, String)] = [
    ("object", #"{"id": 7, "text": "مرحبا \"بكم\" \u0627\n", "title": null, "a": [1, {"b": true}], "": -0.5e+3}"#),
    ("array", #"[{"text": "أ"}, {"id": "x", "text": "\ud83d\ude00 \ud800 \udc00"}, {}]"#),
    ("duplicate-keys", #"{"text": "first", "text": "second", "id": false}"#),
    ("escapes", #"{"text": "\/\b\f\n\r\t\\ \u00e9\u0000", "a": "\uD834\uDD1E"}"#),
    ("nested", #"{"a": [[[[[{"text": "deep"}]]]]], "text": {"not": "a string"}}"#),
    ("numbers", #"[{"id": 0, "text": "0"}, {"id": -1.25E-3, "text": ""}, {"id": 12345678901234567890}]"#),
    ("bad", #"{"text": "unterminated, "id": 01}"#),
    ("empty-array", "[]"),
]
for (name, text) in jsonTexts {
    write("json-reader", name, Array(text.utf8) + settings([0x1F]))
}
let lines = articles.prefix(3).enumerated().map { index, article in
    "{\"id\": \"a\(index)\", \"text\": \"" + String(decoding: piece(article, limit: 200), as: UTF8.self)
        .replacingOccurrences("\n", with: "\\n").replacingOccurrences("\"", with: "\\\"") + "\"}"
}
let jsonl = Array((lines.joined(separator: "\n") + "\n\n  \n{\"content\": \"x\"}\r\n{bad}\n{\"text\": null}\n").utf8)
// corpus-reader reads, from the end: format (text jsonl json csv tsv auto), policy,
// text field (none text content meta.text), id field (none id meta.id), block size.
write("corpus-reader", "jsonl", jsonl + settings([1, 0, 1, 1, 200, 255]))
write("corpus-reader", "jsonl-small-blocks", jsonl + settings([1, 0, 1, 0, 0, 7]))
write("corpus-reader", "jsonl-bom-auto", [0xEF, 0xBB, 0xBF] + jsonl + settings([5, 0, 1, 0, 0, 40]))
write("corpus-reader", "jsonl-replace", jsonl + [0xD8, 0x0A, 0x7B, 0x7D, 0x0A] + settings([1, 1, 1, 1, 0, 16]))
write("corpus-reader", "jsonl-nested", Array(#"{"meta": {"text": "نص", "id": 3}}"#.utf8) + [0x0A] + settings([1, 0, 3, 2, 0, 5]))
write("corpus-reader", "json-array", Array(("[" + lines.joined(separator: ",\n") + "]").utf8) + settings([2, 0, 1, 1, 0, 9]))
write("corpus-reader", "json-object-auto", Array(lines[0].utf8) + settings([5, 0, 1, 0, 0, 2]))
write("corpus-reader", "csv", Array("id,text,title\n1,\"نص, مع فاصلة\",أ\n2,\"قال \"\"نعم\"\"\",\n1,مكرر,\r\n".utf8) + settings([3, 0, 1, 1, 0, 4]))
write("corpus-reader", "tsv", Array("id\ttext\n7\tسطر أول\n8\t\n".utf8) + settings([4, 0, 1, 1, 0, 3]))
write("corpus-reader", "text", piece(articles[0], limit: 400) + settings([0, 0, 0, 0, 200, 1]))
write("corpus-reader", "text-replace", [0x41, 0x00, 0xD8, 0x42] + settings([0, 1, 0, 0, 0, 1]))

// record-rereader reads, from the end: format (jsonl json csv tsv), policy,
// text field (text content meta.text; CSV/TSV: text content), id field (none id), block size.
write("record-rereader", "jsonl", jsonl + settings([0, 0, 0, 1, 200, 255]))
write("record-rereader", "jsonl-bom-crlf", [0xEF, 0xBB, 0xBF] + Array(jsonl.split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: [0x0D, 0x0A])) + settings([0, 0, 0, 1, 0, 9]))
write("record-rereader", "jsonl-replace", jsonl + [0xD8, 0x0A] + Array(#"{"text": "ب\#u{0}\u0000"}"#.utf8) + [0x0A] + settings([0, 1, 0, 0, 0, 5]))
write("record-rereader", "jsonl-nested", Array(#"{"meta": {"text": "نص"}, "id": 3}"#.utf8) + [0x0A] + settings([0, 0, 2, 1, 0, 1]))
write("record-rereader", "json-array", Array(("[" + lines.joined(separator: ",\n") + "]").utf8) + settings([1, 0, 0, 1, 0, 9]))
write("record-rereader", "json-array-replace", Array(#"[{"text": "أ"#.utf8) + [0xD8, 0x00] + Array(#"ب"}, {"text": "ج", "id": 2}]"#.utf8) + settings([1, 1, 0, 1, 0, 40]))
write("record-rereader", "csv", Array("id,text,title\n1,\"نص, مع فاصلة\",أ\n2,\"قال \"\"نعم\"\"\",\n1,مكرر,\r\n".utf8) + settings([2, 0, 0, 1, 0, 4]))
write("record-rereader", "csv-replace", Array("id,text\n1,أ".utf8) + [0x00, 0xD8] + Array("\n2,ب\n".utf8) + settings([2, 1, 0, 1, 200, 255]))
write("record-rereader", "tsv", Array("id\ttext\n7\tسطر أول\n8\t\n".utf8) + settings([3, 0, 0, 1, 0, 3]))

// --- repeated-lines ------------------------------------------------------
var documents: [[UInt8]] = []
for (index, article) in articles.enumerated() {
    let head = piece(article, limit: 160)
    let firstLine = Array(head.prefix { $0 != 0x0A })
    // The article's opening, its first line again, and a copy with a word dropped.
    var document = head + [0x0A] + firstLine + [0x0A]
    if let space = firstLine.firstIndex(of: 0x20) { document += firstLine[(space + 1)...] }
    documents.append(document)
    if index == 0 { documents.append(Array("شارك على فيسبوك\nشارك على تويتر\n".utf8) + firstLine) }
}
let joined = documents.dropFirst().reduce(documents[0]) { $0 + [0] + $1 }
write("repeated-lines", "articles", joined + settings([0, 1, 4, 51, 128, 0, 200]))
write("repeated-lines", "articles-exact", joined + settings([0, 0, 4, 51, 128, 0, 200]))
write("repeated-lines", "articles-light", joined + settings([2, 1, 2, 100, 50, 1, 44]))

// --- pair-search -----------------------------------------------------------
// Rows of (feature, weight) byte pairs cut at 0xFF: families of rows that
// share most features (near pairs), rows that share one rare feature, and
// rows of the seed articles' bytes. Settings, from the end: threshold,
// probes, candidates scored per row.
var rows: [[UInt8]] = []
for family in 0..<6 {
    let base = (0..<10).map { UInt8((family * 7 + $0 * 3) % 64) }
    for variant in 0..<4 {
        var row: [UInt8] = []
        for (k, feature) in base.enumerated() where k != variant { row += [feature, UInt8((k + variant) % 16)] }
        row += [UInt8(60 + variant % 4), 3]
        rows.append(row)
    }
}
for article in articles.prefix(3) { rows.append(Array(piece(article, limit: 60).map { $0 == 0xFF ? 0xFE : $0 })) }
let rowBytes = rows.dropFirst().reduce(rows[0]) { $0 + [0xFF] + $1 }
write("pair-search", "families", rowBytes + settings([50, 4, 10]))
write("pair-search", "families-low", rowBytes + settings([20, 1, 2]))
write("pair-search", "families-complete", rowBytes + settings([80, 12, 40]))

// --- dedup-streaming -------------------------------------------------------
// Articles, an exact copy, a copy without its first word and one with a word
// changed, plus an empty document and one of spaces. Settings, from the end:
// hash count (4 8 16 32 64), threshold (0.2 0.5 0.8 1), shingle size - 1,
// algorithm, normalization, grouping, representative, store budget
// (0 1 64 4096 1 GiB), verification memory (1 64 2048 256 MiB).
var copies: [[UInt8]] = []
for article in articles {
    let head = piece(article, limit: 240)
    copies.append(head)
    copies.append(head)
    if let space = head.firstIndex(of: 0x20) { copies.append(Array(head[(space + 1)...])) }
    if let space = head.lastIndex(of: 0x20) { copies.append(Array(head[..<space]) + Array(" كلمة".utf8)) }
}
copies += [[], Array("   \n ".utf8)]
let copiesJoined = copies.dropFirst().reduce(copies[0]) { $0 + [0] + $1 }
write("dedup-streaming", "copies-spilled", copiesJoined + settings([1, 1, 1, 0, 0, 0, 0, 0, 0]))
write("dedup-streaming", "copies-center", copiesJoined + settings([4, 3, 2, 1, 1, 1, 1, 2, 1]))
write("dedup-streaming", "copies-in-memory", copiesJoined + settings([3, 0, 0, 0, 2, 0, 0, 4, 3]))
write("dedup-streaming", "copies-light", copiesJoined + settings([2, 2, 3, 1, 1, 0, 1, 3, 2]))

// --- index-loader ----------------------------------------------------------
let indexTexts = articles.map { piece($0, limit: 300) } + [piece(articles[0], limit: 300), Array("قصير".utf8), []]
let indexOptions: [(String, DuplicateOptions)] = [
    ("h8", DuplicateOptions(hashCount: 8)),
    ("h16-classic", DuplicateOptions(threshold: 0.8, shingleSize: 2, hashCount: 16, algorithm: .classic)),
    ("h4-light", DuplicateOptions(threshold: 0.3, shingleSize: 1, hashCount: 4, normalization: .light, banding: LSHBanding(bands: 4, rows: 1))),
    ("h128", DuplicateOptions()),
]
for (name, options) in indexOptions {
    let count = name == "h128" ? 3 : indexTexts.count
    var index = DuplicateIndex(options: options)
    index.add(DocumentSketches(texts: Array(indexTexts.prefix(count)), options: options, threads: 1),
              ids: (0..<count).map { "doc\($0)" }, threads: 1)
    let file = index.serialized()
    write("index-loader", name + "-as-is", file + [0])
    write("index-loader", name + "-checksummed", file + [1])
}
write("index-loader", "empty-as-is", DuplicateIndex(options: DuplicateOptions(hashCount: 4)).serialized() + [0])
for seed in 0..<12 {
    write("index-loader", "crafted-header-\(seed)", random.bytes(64 + 32 * seed) + [2])
    write("index-loader", "crafted-body-\(seed)", random.bytes(64 + 64 * seed) + [3])
}

// --- model-loader ----------------------------------------------------------
let modelTexts = articles.map { piece($0, limit: 250) } + [Array("the committee met in Riyadh 2024".utf8)]
let modelSettings: [(String, AnalysisSettings, FeatureOptions, TFIDFOptions)] = [
    ("word", AnalysisSettings(stopWords: ["في", "من", "the"]), FeatureOptions(), TFIDFOptions()),
    ("word12-snowball", AnalysisSettings(stemming: .snowball, stopWords: nil), FeatureOptions(ngramRange: 1...2),
     TFIDFOptions(sublinearTF: true, norm: .l1, minDF: .count(1), maxDF: .fraction(0.9))),
    ("charwb-isri", AnalysisSettings(normalization: .lucene, stemming: .isri, stopWords: nil),
     FeatureOptions(kind: .charWordBounded, ngramRange: 2...3), TFIDFOptions(smoothIDF: false, maxFeatures: 40)),
    ("hashed", AnalysisSettings(stopWords: nil, kinds: [.arabic, .latin, .number, .other]),
     FeatureOptions(kind: .char, ngramRange: 1...2, hashedBits: 6), TFIDFOptions(useIDF: false, norm: .none)),
    ("pretokenized", AnalysisSettings.preTokenized, FeatureOptions(crossesSentences: true), TFIDFOptions()),
]
for (name, analysis, features, options) in modelSettings {
    let model = TFIDFModel.fit(modelTexts, analysis: analysis, features: features, options: options, threads: 1)
    write("model-loader", name, model.serialized() + [0])
}
for seed in 0..<12 {
    write("model-loader", "crafted-header-\(seed)", random.bytes(64 + 32 * seed) + [1])
    write("model-loader", "crafted-body-\(seed)", random.bytes(64 + 64 * seed) + [2])
}

print("make-seeds: wrote \(written) files under \(output)")

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
