// Tokens of a text with their kinds and UTF-8 byte offsets into the original.
import ArabicText

let text = "أعلنت #وزارة_الصحة اليوم عن 34.8% زيادة، انظر https://example.org/أخبار"
let bytes = Array(text.utf8)
for token in ArabicTokenizer().tokenize(bytes) {
    print(token.start, token.end, token.kind, token.tag, String(decoding: bytes[token.range], as: UTF8.self))
}
