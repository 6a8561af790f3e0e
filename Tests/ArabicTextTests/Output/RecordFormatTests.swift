import Testing
import ArabicText

@Suite("Record formats")
struct RecordFormatTests {
    @Test("a TSV field has no tab, line feed or carriage return byte left, whatever characters they are part of")
    func tsvFieldReplacesEveryBreakingByte() {
        #expect(RecordFormat.tsvField("مكتب المفوضية") == "مكتب المفوضية")
        #expect(RecordFormat.tsvField("a\tb\nc\rd") == "a b c d")
        // "\r\n" is one Character and "\t\u{301}" another: per-character replacement would keep both.
        #expect(RecordFormat.tsvField("line\r\nnext") == "line  next")
        #expect(RecordFormat.tsvField("x\t\u{301}y") == "x \u{301}y")
        #expect(RecordFormat.tsvField("") == "")
    }
}
