import ArabicText

/// The C interface's version constants and names, as static C strings.
enum InterfaceInfo {
    /// The library version: the `arabic-text --version` of the same sources.
    /// (Kept here until the version moves from the CLI target into the library.)
    static let version = "0.2.0"
    /// `AT_ABI_VERSION` of the header this library implements.
    static let abiVersion: Int64 = 11

    /// `version` as a NUL-terminated string that lives as long as the process.
    nonisolated(unsafe) static let versionCString = permanentCString(version)
    /// Each normalization rule's name, in the library's order, as permanent C strings.
    nonisolated(unsafe) static let ruleNames: [UnsafePointer<CChar>] = NormalizationRule.allCases.map { permanentCString($0.rawValue) }

    /// A copy of `text` that is never freed (for the few static strings of the interface).
    static func permanentCString(_ text: String) -> UnsafePointer<CChar> {
        let bytes = Array(text.utf8)
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (k, byte) in bytes.enumerated() { pointer[k] = CChar(bitPattern: byte) }
        pointer[bytes.count] = 0
        return UnsafePointer(pointer)
    }
}

/// The library's version (`at_version` in arabictext.h).
@_cdecl("at_version")
public func at_version() -> UnsafePointer<CChar> { InterfaceInfo.versionCString }

/// The interface version (`at_abi_version`).
@_cdecl("at_abi_version")
public func at_abi_version() -> Int64 { InterfaceInfo.abiVersion }

/// Number of normalization rules (`at_normalization_rule_count`).
@_cdecl("at_normalization_rule_count")
public func at_normalization_rule_count() -> Int64 { Int64(NormalizationRule.allCases.count) }

/// Name of rule `index`, or NULL (`at_normalization_rule_name`).
@_cdecl("at_normalization_rule_name")
public func at_normalization_rule_name(_ index: Int64) -> UnsafePointer<CChar>? {
    guard index >= 0, index < Int64(InterfaceInfo.ruleNames.count) else { return nil }
    return InterfaceInfo.ruleNames[Int(index)]
}

/// Bit of rule `index`, or 0 (`at_normalization_rule_bit`).
@_cdecl("at_normalization_rule_bit")
public func at_normalization_rule_bit(_ index: Int64) -> UInt32 {
    guard index >= 0, index < Int64(NormalizationRule.allCases.count) else { return 0 }
    return NormalizationOptions(NormalizationRule.allCases[Int(index)]).rawValue
}

/// The rule bits of a named preset (`at_normalization_preset`).
@_cdecl("at_normalization_preset")
public func at_normalization_preset(_ name: UnsafePointer<CChar>?, _ rules: UnsafeMutablePointer<UInt32>?) -> Int32 {
    withStatus { () throws(CFailure) in
        guard let name else { throw .argument("the preset name is NULL") }
        guard let rules else { throw .argument("rules is NULL") }
        let text = String(decoding: UnsafeRawBufferPointer(start: name, count: strlenBounded(name, limit: 64)), as: UTF8.self)
        if text == "none" {
            rules.pointee = 0
            return
        }
        guard let preset = NormalizationPreset(rawValue: text) else {
            let names = NormalizationPreset.allCases.map(\.rawValue) + ["none"]
            throw .argument("unknown normalization preset \"\(text)\" (\(names.joined(separator: ", ")))")
        }
        rules.pointee = preset.options.rawValue
    }
}

/// Length of a C string, reading at most `limit` bytes.
func strlenBounded(_ text: UnsafePointer<CChar>, limit: Int) -> Int {
    var length = 0
    while length < limit && text[length] != 0 { length += 1 }
    return length
}

/// The rule set of a bit mask; bits that name no rule are an argument error.
func normalizationOptions(_ bits: UInt64) throws(CFailure) -> NormalizationOptions {
    let known = NormalizationRule.allCases.reduce(UInt64(0)) { $0 | UInt64(NormalizationOptions($1).rawValue) }
    guard bits & ~known == 0 else {
        throw .argument("unknown normalization rule bits 0x\(String(bits & ~known, radix: 16)) (rules: 0x\(String(known, radix: 16)))")
    }
    return NormalizationOptions(rawValue: UInt32(bits))
}
