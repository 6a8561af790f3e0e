import Foundation
import Testing

@Suite("arabic-text tokenize")
struct TokenizeCommandTests {
    @Test("jsonl offsets slice every seed back into its tokens exactly", arguments: [
        "000_bc81581ba8d2886a.txt", "001_519500e86f7a6d5c.txt", "002_940f628339ae44b9.txt",
        "003_3e6a080bfa8f240e.txt", "004_c2b84ac6a33948d8.txt",
    ])
    func offsetsSliceBack(_ name: String) throws {
        let path = "seeds/" + name
        let outcome = try CLIRunner.run(["tokenize", "--format", "jsonl", path])
        #expect(outcome.status == 0)
        let source = [UInt8](try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(path)))
        var count = 0
        var previousEnd = 0
        for line in outcome.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let start = object["start"] as! Int, end = object["end"] as! Int
            let token = object["token"] as! String
            #expect(start >= previousEnd && end > start)
            #expect(Array(source[start..<end]) == Array(token.utf8))
            #expect(["arabic", "latin", "number", "punct", "other"].contains(object["kind"] as! String))
            previousEnd = end
            count += 1
        }
        #expect(count > 300)
    }

    @Test("text format prints one token per line")
    func textFormat() throws {
        let outcome = try CLIRunner.run(["tokenize"], input: Array("منظمة سيفيرورلد Saferworld #مشروع_ساند 34.8%".utf8))
        #expect(outcome.output == "منظمة\nسيفيرورلد\nSaferworld\n#مشروع_ساند\n34.8%\n")
    }
}
