/// Little-endian integers and 32-bit padding, the building blocks of both capture formats.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends zero bytes until the count is a multiple of four.
    mutating func padToFourBytes() {
        append(contentsOf: repeatElement(0, count: (4 - count % 4) % 4))
    }
}
