import Testing
@_spi(Benchmarks) @testable import ArabicText

/// One row of a rule's table: with only `rule` on, `input` becomes `output`.
struct RuleRow: CustomTestStringConvertible, Sendable {
    let rule: NormalizationRule
    let input: UInt32
    let output: [UInt32]
    var testDescription: String {
        "\(rule.rawValue): U+\(String(input, radix: 16, uppercase: true)) -> \(output.map { "U+" + String($0, radix: 16, uppercase: true) })"
    }
}

private func rows(_ rule: NormalizationRule, _ pairs: [(UInt32, [UInt32])]) -> [RuleRow] {
    pairs.map { RuleRow(rule: rule, input: $0.0, output: $0.1) }
}
private func deletes(_ rule: NormalizationRule, _ scalars: some Sequence<UInt32>) -> [RuleRow] {
    scalars.map { RuleRow(rule: rule, input: $0, output: []) }
}
private func maps(_ rule: NormalizationRule, _ scalars: [UInt32], to target: UInt32) -> [RuleRow] {
    scalars.map { RuleRow(rule: rule, input: $0, output: [target]) }
}

/// Every row of every rule table in the documentation.
let allRuleRows: [RuleRow] =
    deletes(.tashkeel, 0x064B...0x0652)
    + deletes(.daggerAlef, [0x0670])
    + deletes(.arabicMarks, 0x0653...0x065F)
    + deletes(.quranicMarks, Array(0x0610...0x061A) + Array(0x06D6...0x06ED))
    + deletes(.tatweel, [0x0640])
    + maps(.alefHamza, [0x0622, 0x0623, 0x0625], to: 0x0627)
    + maps(.alefWasla, [0x0671], to: 0x0627)
    + maps(.rareAlefs, [0x0672, 0x0673, 0x0675], to: 0x0627)
    + maps(.alefMaksura, [0x0649], to: 0x064A)
    + maps(.tehMarbuta, [0x0629], to: 0x0647)
    + maps(.hamzaCarriers, [0x0624, 0x0626], to: 0x0621)
    + maps(.hamzaTasheel, [0x0622, 0x0623, 0x0625, 0x0654, 0x0655], to: 0x0627)
    + rows(.hamzaTasheel, [(0x0624, [0x0648]), (0x0626, [0x064A])])
    + maps(.regionalLetters, [0x06CC, 0x06D0, 0x06CD, 0x06CE, 0x0620, 0x063D, 0x063E, 0x063F, 0x06D1, 0x06D2], to: 0x064A)
    + rows(.regionalLetters, [(0x06D3, [0x0626]), (0x06C3, [0x0629])])
    + maps(.regionalLetters, [0x06A9, 0x06AA, 0x063B, 0x063C], to: 0x0643)
    + maps(.regionalLetters, [0x06C1, 0x06C2, 0x06BE, 0x06D5, 0x06C0], to: 0x0647)
    + maps(.regionalLetters, [0x06C4, 0x06C5, 0x06C6, 0x06C7, 0x06C8, 0x06C9, 0x06CA, 0x06CB, 0x06CF], to: 0x0648)
    + maps(.foreignLetters, [0x067E, 0x067B, 0x0680], to: 0x0628)
    + maps(.foreignLetters, [0x0686, 0x0687, 0x0683, 0x0684], to: 0x062C)
    + maps(.foreignLetters, [0x0698], to: 0x0632)
    + maps(.foreignLetters, [0x06A4, 0x06A5, 0x06A2, 0x06A3, 0x06A6], to: 0x0641)
    + maps(.foreignLetters, [0x06A8, 0x06A7], to: 0x0642)
    + maps(.foreignLetters, [0x06AF, 0x06B0, 0x06B1, 0x06B2, 0x06B3, 0x06B4, 0x06AB, 0x06AC, 0x06AD, 0x06AE], to: 0x0643)
    + (0...9).map { RuleRow(rule: .digits, input: 0x0660 + $0, output: [0x30 + $0]) }
    + (0...9).map { RuleRow(rule: .digits, input: 0x06F0 + $0, output: [0x30 + $0]) }
    + rows(.digits, [(0x066B, [0x2E]), (0x066C, [0x2C])])
    + deletes(.invisible, [0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF])
    + deletes(.invisible, Array(0x200B...0x200F) + Array(0x202A...0x202E) + Array(0x2060...0x2064) + Array(0x2066...0x206F))
    + maps(.unicodeSpaces, [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000] + Array(0x2000...0x200A), to: 0x20)
    + maps(.unicodeSpaces, [0x0085, 0x2028, 0x2029], to: 0x0A)
    + rows(.collapseWhitespace, [(0x09, [0x20])])
    + rows(.arabicPunctuation, [(0x060C, [0x2C]), (0x061B, [0x3B]), (0x061F, [0x3F]), (0x066A, [0x25]), (0x06D4, [0x2E])])
    + (0...25).map { RuleRow(rule: .lowercase, input: 0x41 + $0, output: [0x61 + $0]) }
    + rows(.presentationForms, [
        (0xFE8D, [0x0627]), (0xFE8E, [0x0627]), (0xFE83, [0x0623]), (0xFE93, [0x0629]),
        (0xFEFB, [0x0644, 0x0627]), (0xFEF7, [0x0644, 0x0623]), (0xFEF5, [0x0644, 0x0622]),
        (0xFEFC, [0x0644, 0x0627]), (0xFDF2, [0x0627, 0x0644, 0x0644, 0x0647]),
        (0xFB8E, [0x06A9]), (0xFBFC, [0x06CC]), (0xFE70, [0x20, 0x064B]), (0xFE71, [0x0640, 0x064B]),
        (0xFDFA, [0x0635, 0x0644, 0x0649, 0x20, 0x0627, 0x0644, 0x0644, 0x0647, 0x20,
                  0x0639, 0x0644, 0x064A, 0x0647, 0x20, 0x0648, 0x0633, 0x0644, 0x0645]),
    ])

@Suite("Normalization rules")
struct NormalizationRuleTests {
    @Test("each table row, alone and inside a word", arguments: allRuleRows)
    func row(_ row: RuleRow) throws {
        let options = NormalizationOptions(row.rule)
        #expect(options.mapping(of: row.input) == row.output)
        // Through the compiled kernel, between two letters (beh) and alone.
        let normalizer = ArabicNormalizer(options)
        let beh: UInt32 = 0x0628
        let inWord = try normalizer.normalize(text([beh, row.input, beh]).bytes, onError: .report)
        #expect(inWord == text([beh] + row.output + [beh]).bytes)
        let alone = try normalizer.normalize(text([row.input]).bytes, onError: .report)
        #expect(alone == text(row.output).bytes)
    }

    @Test("a rule touches nothing outside its table")
    func ruleTouchesOnlyItsTable() {
        var listed: [NormalizationRule: Set<UInt32>] = [:]
        for row in allRuleRows { listed[row.rule, default: []].insert(row.input) }
        for rule in NormalizationRule.allCases where rule != .presentationForms && rule != .nfkc {
            let options = NormalizationOptions(rule)
            for scalar in UInt32(0)...0xFFFF where !(0xD800...0xDFFF).contains(scalar) {
                let changed = options.mapping(of: scalar) != [scalar]
                #expect(changed == listed[rule, default: []].contains(scalar),
                        "\(rule) U+\(String(scalar, radix: 16))")
            }
        }
    }

    @Test("no rule changes a code point outside the compiled ranges")
    func touchedRangesAreComplete() {
        let everything = NormalizationOptions(NormalizationRule.allCases.filter { $0 != .nfkc })
        var scalar: UInt32 = 0
        while scalar <= 0x10FFFF {
            defer { scalar += 1 }
            if (0xD800...0xDFFF).contains(scalar) { continue }
            if NormalizationOptions.touchedRanges.contains(where: { $0.contains(scalar) }) { continue }
            if everything.mapping(of: scalar) != [scalar] {
                Issue.record("U+\(String(scalar, radix: 16)) changes but is outside touchedRanges")
            }
        }
    }

    @Test("the presentation-forms table is exactly ICU's NFKC of both blocks")
    func presentationFormsTableMatchesICU() {
        var checked = 0
        for scalar in UInt32(0xFB50)...0xFEFF where !(0xFE00...0xFE6F).contains(scalar) {
            let bytes = UTF8Scalars.encode([scalar])
            let nfkc = bytes.withUnsafeBytes { CompatibilityForms.nfkc($0) }!
            let expected = nfkc == bytes ? nil : Array(String(decoding: nfkc, as: UTF8.self).unicodeScalars.map(\.value))
            #expect(CompatibilityForms.decomposition(scalar) == expected, "U+\(String(scalar, radix: 16))")
            if expected != nil { checked += 1 }
        }
        #expect(checked == 731)
    }

    @Test("chains: a letter changed by one rule goes on through the next")
    func chains() {
        // U+06C3 TEH MARBUTA GOAL -> teh marbuta -> heh.
        #expect(NormalizationOptions([.regionalLetters, .tehMarbuta]).mapping(of: 0x06C3) == [0x0647])
        // U+FE8B YEH WITH HAMZA ABOVE INITIAL FORM -> U+0626 -> hamza.
        #expect(NormalizationOptions([.presentationForms, .hamzaCarriers]).mapping(of: 0xFE8B) == [0x0621])
        // U+FEF7 LAM WITH ALEF WITH HAMZA ABOVE -> lam, alef with hamza -> lam, alef.
        #expect(NormalizationOptions([.presentationForms, .alefHamza]).mapping(of: 0xFEF7) == [0x0644, 0x0627])
        // U+FE70 FATHATAN ISOLATED -> space, fathatan -> space.
        #expect(NormalizationOptions([.presentationForms, .tashkeel]).mapping(of: 0xFE70) == [0x20])
    }
}
