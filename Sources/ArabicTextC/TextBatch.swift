import ArabicText

/// A batch of texts handed over as an `at_batch` (arabictext.h), checked once
/// so that every item can then be read without further checks.
///
/// Checked on creation: the layout, the count, NULL pointers with nonzero
/// lengths, offsets that decrease or leave the data, negative lengths and
/// null items of the validity bitmap. UTF-8 is checked separately
/// (``firstInvalidItem(threads:)``), in parallel.
///
/// It only points into the caller's memory, which the caller keeps unchanged
/// for the length of the call; threads of that call read it (hence Sendable).
struct TextBatch: @unchecked Sendable {
    private enum Layout {
        case offsets32(UnsafePointer<Int32>)
        case offsets64(UnsafePointer<Int64>)
        case pointers(UnsafePointer<UnsafeRawPointer?>, UnsafePointer<Int64>)
        /// Pointers, lengths in code units and each item's code-unit width (0: UTF-8 bytes).
        case codeUnits(UnsafePointer<UnsafeRawPointer?>, UnsafePointer<Int64>, UnsafePointer<UInt8>)
    }

    /// Number of items.
    let count: Int
    private let data: UnsafeRawPointer?
    private let layout: Layout

    private static let offsets32Layout: Int64 = 1
    private static let offsets64Layout: Int64 = 2
    private static let pointersLayout: Int64 = 3
    private static let codeUnitsLayout: Int64 = 4

    /// Reads and checks the `at_batch` at `pointer`. The code-units layout
    /// (`AT_LAYOUT_CODE_UNITS`) only `acceptingCodeUnits`: its items are read
    /// through ``withText(_:_:)`` (which transcodes them), never ``item(_:)``.
    /// - Complexity: O(count).
    init(_ pointer: UnsafeRawPointer?, acceptingCodeUnits: Bool = false) throws(CFailure) {
        let fields = try CStruct(pointer, name: "the batch")
        let count = fields.int(1)
        guard count >= 0, count < Int64(Int32.max) * 64 else {
            throw .argument("the batch count must be in 0...\(Int64(Int32.max) * 64 - 1), not \(count)")
        }
        self.count = Int(count)
        let layoutValue = fields.int(0)
        switch layoutValue {
        case Self.offsets32Layout, Self.offsets64Layout:
            let dataLength = fields.int(3)
            guard dataLength >= 0 else { throw .argument("data_length is negative (\(dataLength))") }
            let data = fields.pointer(2).map { UnsafeRawPointer($0) }
            if data == nil && dataLength > 0 { throw .argument("data is NULL but data_length is \(dataLength)") }
            self.data = data
            guard let offsets = fields.pointer(4) else {
                throw .argument("offsets is NULL (a batch of \(count) items needs \(count + 1) offsets)")
            }
            if layoutValue == Self.offsets32Layout {
                let typed = UnsafePointer(offsets.assumingMemoryBound(to: Int32.self))
                try Self.checkOffsets(count: self.count, dataLength: dataLength) { Int64(typed[$0]) }
                layout = .offsets32(typed)
            } else {
                let typed = UnsafePointer(offsets.assumingMemoryBound(to: Int64.self))
                try Self.checkOffsets(count: self.count, dataLength: dataLength) { typed[$0] }
                layout = .offsets64(typed)
            }
        case Self.pointersLayout:
            data = nil
            if count > 0 {
                guard let pointers = fields.pointer(5) else { throw .argument("pointers is NULL") }
                guard let lengths = fields.pointer(6) else { throw .argument("lengths is NULL") }
                let typedPointers = UnsafePointer(pointers.assumingMemoryBound(to: UnsafeRawPointer?.self))
                let typedLengths = UnsafePointer(lengths.assumingMemoryBound(to: Int64.self))
                for item in 0..<self.count {
                    let length = typedLengths[item]
                    if length < 0 { throw .argument("negative length \(length)", item: item) }
                    if typedPointers[item] == nil && length > 0 {
                        throw .argument("NULL pointer with length \(length)", item: item)
                    }
                }
                layout = .pointers(typedPointers, typedLengths)
            } else {
                let none = UnsafeRawPointer(bitPattern: 8)!
                layout = .pointers(none.assumingMemoryBound(to: UnsafeRawPointer?.self), none.assumingMemoryBound(to: Int64.self))
            }
        case Self.codeUnitsLayout where acceptingCodeUnits:
            data = nil
            let none = UnsafeRawPointer(bitPattern: 8)!
            guard count > 0 else {
                layout = .codeUnits(
                    none.assumingMemoryBound(to: UnsafeRawPointer?.self), none.assumingMemoryBound(to: Int64.self),
                    none.assumingMemoryBound(to: UInt8.self))
                break
            }
            guard let pointers = fields.pointer(5) else { throw .argument("pointers is NULL") }
            guard let lengths = fields.pointer(6) else { throw .argument("lengths is NULL") }
            guard let widths = fields.pointer(9) else { throw .argument("widths is NULL") }
            let typedPointers = UnsafePointer(pointers.assumingMemoryBound(to: UnsafeRawPointer?.self))
            let typedLengths = UnsafePointer(lengths.assumingMemoryBound(to: Int64.self))
            let typedWidths = UnsafePointer(widths.assumingMemoryBound(to: UInt8.self))
            for item in 0..<self.count {
                let length = typedLengths[item], width = typedWidths[item]
                guard width == 0 || width == 1 || width == 2 || width == 4 else {
                    throw .argument("code-unit width \(width) (0: UTF-8, 1, 2 or 4 bytes)", item: item)
                }
                // Lengths count code units; the UTF-8 form must stay addressable.
                if length < 0 || length > Int64(Int32.max) * 4 { throw .argument("length \(length) out of range", item: item) }
                if typedPointers[item] == nil && length > 0 {
                    throw .argument("NULL pointer with length \(length)", item: item)
                }
            }
            layout = .codeUnits(typedPointers, typedLengths, typedWidths)
        default:
            throw .argument("unknown batch layout \(layoutValue) (1: int32 offsets, 2: int64 offsets, 3: pointers\(acceptingCodeUnits ? ", 4: code units" : ""))")
        }
        if let validity = fields.pointer(7), count > 0 {
            let bitOffset = fields.int(8)
            guard bitOffset >= 0, bitOffset <= Int64.max - count else {
                throw .argument("validity_offset must be non-negative, not \(bitOffset)")
            }
            let bits = validity.assumingMemoryBound(to: UInt8.self)
            for item in 0..<self.count {
                let bit = Int(bitOffset) + item
                if bits[bit >> 3] & (1 << UInt8(bit & 7)) == 0 {
                    throw CFailure(status: CFailure.nullItemStatus, item: item, message: "item \(item) is null")
                }
            }
        }
    }

    /// Checks that `count + 1` offsets never decrease and stay within `0...dataLength`.
    private static func checkOffsets(count: Int, dataLength: Int64, _ offset: (Int) -> Int64) throws(CFailure) {
        var previous = offset(0)
        guard previous >= 0, previous <= dataLength else {
            throw .argument("offset \(previous) is outside the data (0...\(dataLength))", item: 0)
        }
        for item in 0..<count {
            let next = offset(item + 1)
            if next < previous { throw .argument("offsets decrease (\(previous) then \(next))", item: item) }
            if next > dataLength { throw .argument("ends at \(next), after the data (\(dataLength) bytes)", item: item) }
            previous = next
        }
    }

    /// The bytes of item `index` (`0..<count`).
    @inline(__always)
    func item(_ index: Int) -> UnsafeRawBufferPointer {
        switch layout {
        case .offsets32(let offsets):
            let start = Int(offsets[index])
            return UnsafeRawBufferPointer(start: data.map { $0 + start }, count: Int(offsets[index + 1]) - start)
        case .offsets64(let offsets):
            let start = Int(offsets[index])
            return UnsafeRawBufferPointer(start: data.map { $0 + start }, count: Int(offsets[index + 1]) - start)
        case .pointers(let pointers, let lengths):
            return UnsafeRawBufferPointer(start: pointers[index], count: Int(lengths[index]))
        case .codeUnits(let pointers, let lengths, let widths):
            precondition(widths[index] == 0, "a code-unit item is read through withText")
            return UnsafeRawBufferPointer(start: pointers[index], count: Int(lengths[index]))
        }
    }

    /// Item `index` as code units: its start, its length in units and the
    /// unit width (0: UTF-8 bytes, as every item of the other layouts).
    @inline(__always)
    private func codeUnits(_ index: Int) -> (start: UnsafeRawPointer?, count: Int, width: Int) {
        if case .codeUnits(let pointers, let lengths, let widths) = layout {
            return (pointers[index], Int(lengths[index]), Int(widths[index]))
        }
        let bytes = item(index)
        return (bytes.baseAddress, bytes.count, 0)
    }

    /// The first item (lowest index) that is not well-formed UTF-8, as a
    /// failure naming it and the byte; nil when every item is well-formed.
    /// - Complexity: O(total bytes), on up to `threads` threads; no allocation per item.
    func firstInvalidItem(threads: Int) -> CFailure? {
        let found = chunked(threads: threads) { items -> CFailure? in
            for index in items {
                let units = codeUnits(index)
                if units.width != 0 {
                    if let start = units.start, let position = CodeUnitText.firstUnencodable(start, count: units.count, width: units.width) {
                        return CFailure(
                            status: CFailure.invalidUTF8Status, item: index,
                            message: "item \(index): cannot be encoded as UTF-8 (surrogates not allowed at character \(position))")
                    }
                    continue
                }
                if let error = UTF8Validation.firstError(in: item(index)) {
                    return CFailure(status: CFailure.invalidUTF8Status, item: index, message: "item \(index): \(error.description)")
                }
            }
            return nil
        }
        return found.lazy.compactMap { $0 }.first
    }

    /// Checks UTF-8 (``firstInvalidItem(threads:)``) and throws the first failure.
    func requireUTF8(threads: Int) throws(CFailure) {
        if let failure = firstInvalidItem(threads: threads) { throw failure }
    }

    /// `body` on contiguous ranges of items, on up to `threads` threads; the
    /// results in item order (so anything built from them does not depend on `threads`).
    func chunked<Part>(threads: Int, _ body: (Range<Int>) -> Part) -> [Part] {
        guard count > 0 else { return [body(0..<0)] }
        let ranges = Parallel.ranges(count: count, parts: min(count, threads == 1 ? 1 : threads * 8))
        return Parallel.map(count: ranges.count, threads: threads) { body(ranges[$0]) }
    }

}

/// The batch as the library's text collection: its workflows read the
/// caller's buffers in place, no copy of the texts.
extension TextBatch: TextCollection {
    /// Calls `body` with the bytes of item `index`.
    /// - Complexity: O(1).
    /// Items of code units wider than UTF-8 are transcoded into a temporary buffer first.
    /// - Complexity: O(1) for UTF-8 items; O(length) and one temporary buffer for code units.
    func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let units = codeUnits(index)
        guard units.width != 0, let start = units.start, units.count > 0 else {
            return units.width == 0 ? body(item(index)) : body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let capacity = CodeUnitText.utf8Capacity(count: units.count, width: units.width)!
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let written = CodeUnitText.transcode(start, count: units.count, width: units.width, into: buffer.baseAddress!)
            return body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: written))
        }
    }
}
