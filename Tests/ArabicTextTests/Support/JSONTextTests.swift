import Foundation
import Testing
@testable import ArabicText

@Suite("JSONText")
struct JSONTextTests {
    /// The reference: one byte at a time.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x22]
        for byte in bytes {
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, 0x6E]
            case 0x0D: output += [0x5C, 0x72]
            case 0x09: output += [0x5C, 0x74]
            case 0..<0x20: output += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: output.append(byte)
            }
        }
        return output + [0x22]
    }

    @Test("strings are escaped as one byte at a time escapes them: every special byte at every offset, and random bytes")
    func escapesLikeTheReference() throws {
        let filler = Array("خبر عاجل: news ".utf8)
        for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100] {
            let body = (0..<length).map { filler[$0 % filler.count] }
            for offset in 0...length {
                for special: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x22, 0x5C] {
                    let text = Array(body[..<offset]) + [special] + Array(body[offset...])
                    var output: [UInt8] = [0x7B]  // appended after what the output holds
                    JSONText.appendString(text, to: &output)
                    #expect(output == [0x7B] + Self.reference(text), "length \(length), offset \(offset), byte \(special)")
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var output: [UInt8] = []
            JSONText.appendString(text, to: &output)
            #expect(output == Self.reference(text))
            // A string's UTF-8 view takes the same path as its bytes.
            let string = String(decoding: text, as: UTF8.self)
            var fromString: [UInt8] = []
            JSONText.appendString(string.utf8, to: &fromString)
            #expect(fromString == Self.reference(Array(string.utf8)))
        }
        // What Foundation's JSON parser reads back is the text.
        let text = "سطر\n\"مقتبس\" \\ \t\u{1} end"
        let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.string(text).utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }
}
