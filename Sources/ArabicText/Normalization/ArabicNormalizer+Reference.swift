extension ArabicNormalizer {
    /// The same function as ``normalize(_:appendingTo:onError:)`` written
    /// plainly: the standard library decodes one scalar at a time, each
    /// scalar goes through ``NormalizationOptions/mapping(of:)`` and spaces
    /// are collapsed by looking at the last byte written. No tables, no pairs.
    ///
    /// It exists so that tests can check the table-driven kernel against it
    /// on millions of generated inputs. Slow: allocates per scalar.
    ///
    /// - Returns: the output (with `.report`, the normalized text before the
    ///   first ill-formed sequence) and the error found, if any.
    package func referenceNormalize(
        _ bytes: [UInt8], onError policy: UTF8ErrorPolicy
    ) -> (output: [UInt8], error: UTF8Error?) {
        var output: [UInt8] = []
        var source = bytes
        var error: UTF8Error? = nil
        if options.contains(.nfkc) {
            // ICU is the definition of NFKC; it needs well-formed input.
            let (repaired, firstError) = Self.referenceRepair(bytes)
            if let firstError, policy == .report {
                error = firstError
                source = Array(bytes[..<firstError.offset])
            } else {
                source = repaired
            }
            source = source.withUnsafeBytes { CompatibilityForms.nfkc($0) } ?? source
        }

        let collapse = options.contains(.collapseWhitespace)
        func emit(_ scalars: [UInt32]) {
            for byte in UTF8Scalars.encode(scalars) {
                if collapse && byte == 0x20 && output.last == 0x20 { continue }
                output.append(byte)
            }
        }

        var iterator = source.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded).value
                emit(options.mapping(of: scalar))
                offset += encoded.count
            case .error(let length):
                if policy == .report {
                    if error == nil {
                        error = UTF8Error(offset: offset, length: length, kind: .invalidByte)
                    }
                    break decoding
                }
                emit([0xFFFD])
                offset += length
            case .emptyInput:
                break decoding
            }
        }
        return (output, error)
    }

    /// Maximal-subpart repair by the standard library, and the first error.
    private static func referenceRepair(_ bytes: [UInt8]) -> ([UInt8], UTF8Error?) {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var output: [UInt8] = []
        var offset = 0
        var first: UTF8Error? = nil
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                output.append(contentsOf: encoded)
                offset += encoded.count
            case .error(let length):
                if first == nil { first = UTF8Error(offset: offset, length: length, kind: .invalidByte) }
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                offset += length
            case .emptyInput:
                return (output, first)
            }
        }
    }
}
