import Testing
@testable import ArabicText

@Suite("Lines and sentences")
struct LinesAndSentencesTests {
    @Test("lines split on line feeds, CR dropped, no extra line after the last feed")
    func lines() {
        let text = Array("a\r\nbb\n\nc".utf8)
        let lines = LineSplitter.lines(in: text)
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.map { String(decoding: text[$0.range], as: UTF8.self) } == ["a", "bb", "", "c"])
        #expect(LineSplitter.lines(in: Array("a\nb\n".utf8)).count == 2)
        #expect(LineSplitter.lines(in: [UInt8]()).isEmpty)
    }

    @Test("seed 001 has 39 lines and line 9 is the shortened headline")
    func seedLines() {
        let bytes = Fixtures.seed("001")
        let lines = LineSplitter.lines(in: bytes)
        #expect(lines.count == 39)
        #expect(String(decoding: bytes[lines[8].range], as: UTF8.self).hasPrefix("اللقاء التشاوري الموسع"))
    }

    static func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let tokens = ArabicTokenizer().tokenize(bytes)
        return SentenceSplitter().sentences(in: bytes, tokens: tokens).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test("terminators, closing quotes, line breaks, abbreviations and numbers")
    func sentences() {
        #expect(Self.sentences("قال الوزير. ثم غادر! هل عاد؟ نعم") == ["قال الوزير.", "ثم غادر!", "هل عاد؟", "نعم"])
        #expect(Self.sentences("قال: \"انتهى.\" ثم") == ["قال: \"انتهى.\"", "ثم"])
        #expect(Self.sentences("عنوان\nنص الخبر") == ["عنوان", "نص الخبر"])
        #expect(Self.sentences("بلغت 34.8% في 2022. وارتفعت") == ["بلغت 34.8% في 2022.", "وارتفعت"])
        #expect(Self.sentences("Mr. Smith met Dr. Jones. They spoke.") == ["Mr. Smith met Dr. Jones.", "They spoke."])
        #expect(Self.sentences("قال د. أحمد كلمته...") == ["قال د. أحمد كلمته..."])
        #expect(Self.sentences("").isEmpty)
    }
}
