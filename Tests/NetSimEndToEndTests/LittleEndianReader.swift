/// Bounds-checked little-endian reads for the capture file readers.
struct LittleEndianReader {
    let bytes: [UInt8]

    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw MalformedCapture("read past the end at \(range)")
        }
        return Array(bytes[range])
    }

    func u16(_ offset: Int) throws -> UInt16 {
        try bytes(offset..<offset + 2).reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }

    func u32(_ offset: Int) throws -> UInt32 {
        try bytes(offset..<offset + 4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// A capture file the test readers could not make sense of.
struct MalformedCapture: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
