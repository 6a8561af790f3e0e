// The table-driven normalization kernel against the plain scalar reference
// (`ArabicNormalizer.referenceNormalize`, Normalization/ArabicNormalizer+Reference.swift):
// same output bytes, same error offset and length, for any bytes, any rule
// set (presets or bits chosen by the input), both error policies and every
// vector level this machine has (`VectorKernels.available`).
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizeReference(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let options: NormalizationOptions
    switch input.byte() % 6 {
    case 0: options = .search
    case 1: options = .lucene
    case 2: options = .light
    default: options = NormalizationOptions(rawValue: input.uint32() & referenceRules)
    }
    let policy: UTF8ErrorPolicy = input.bool() ? .report : .replace
    let text = input.rest
    let normalizer = cachedNormalizer(options)

    let expected = normalizer.referenceNormalize(text, onError: policy)
    for level in VectorKernels.available {
        var output: [UInt8] = []
        var error: UTF8Error? = nil
        VectorKernels.withLevel(level) {
            withExactBuffer(text) { raw in
                do throws(UTF8Error) { try normalizer.normalize(raw, appendingTo: &output, onError: policy) } catch let failure { error = failure }
            }
        }
        require(output == expected.output && error?.offset == expected.error?.offset && error?.length == expected.error?.length,
                """
                kernel at level \(level) and reference differ: options \(options.rawValue) policy \(policy) input \(hex(text))
                  kernel    \(hex(output)) \(String(describing: error))
                  reference \(hex(expected.output)) \(String(describing: expected.error))
                """)
    }
    return 0
}

/// Every rule's bit.
let referenceRules: UInt32 = NormalizationRule.allCases.reduce(0) { $0 | NormalizationOptions($1).rawValue }
