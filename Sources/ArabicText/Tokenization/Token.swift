/// What a token is made of.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A word with at least one Arabic letter (including Persian and Urdu
    /// letters and presentation forms); it may carry marks, tatweel, joiners and digits.
    case arabic
    /// A word whose letters are Latin.
    case latin
    /// Digits (ASCII, Arabic-Indic or extended), possibly with separators
    /// between them and a trailing percent sign: `2024`, `34.8%`, `15/4/2024`, `٣٫٥`.
    case number
    /// One punctuation character or symbol, or a run of the same one (`...`, `؟؟`).
    case punctuation
    /// Anything else: words of other scripts, URLs, e-mail addresses, marks
    /// with no letter, ill-formed bytes.
    case other

    /// The name used in JSON output: `arabic`, `latin`, `number`, `punct`, `other`.
    public var description: String {
        switch self {
        case .arabic: "arabic"
        case .latin: "latin"
        case .number: "number"
        case .punctuation: "punct"
        case .other: "other"
        }
    }
}

/// A finer label for tokens that follow a pattern users expect to stay whole.
public enum TokenTag: UInt8, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// No pattern.
    case none
    /// `#` followed by a word, with `_` joining its parts: `#مشروع_ساند` (kind: the word's script).
    case hashtag
    /// `@` followed by a word: `@UN_News` (kind: the word's script).
    case mention
    /// `http://`, `https://`, `ftp://` or `www.` up to the next space, without
    /// trailing punctuation (kind `other`).
    case url
    /// `local@domain.tld` (kind `other`).
    case email

    /// The name used in JSON output.
    public var description: String {
        switch self {
        case .none: "none"
        case .hashtag: "hashtag"
        case .mention: "mention"
        case .url: "url"
        case .email: "email"
        }
    }
}

/// A token: a byte range of the original input, with its kind.
///
/// Offsets are UTF-8 byte offsets into the bytes that were tokenized;
/// `start..<end` slices the token back out of them. Tokens are never copied.
/// Offsets are 32-bit: one input holds less than 4 GiB.
public struct Token: Sendable, Hashable {
    /// Byte offset of the first byte.
    public var start: UInt32
    /// Byte offset one past the last byte.
    public var end: UInt32
    /// What the token is made of.
    public var kind: TokenKind
    /// A pattern the token follows, if any.
    public var tag: TokenTag

    /// Creates a token.
    /// - Complexity: O(1).
    @inlinable
    public init(start: UInt32, end: UInt32, kind: TokenKind, tag: TokenTag = .none) {
        self.start = start
        self.end = end
        self.kind = kind
        self.tag = tag
    }

    /// The byte range as `Int`s.
    @inlinable
    public var range: Range<Int> { Int(start)..<Int(end) }

    /// Number of bytes.
    @inlinable
    public var byteCount: Int { Int(end &- start) }
}
