/// Network-byte-order writes for the encoders: every multi-byte field on the wire is big-endian.
extension Array where Element == UInt8 {
    /// The bytes `write` appends to an empty buffer with room for `capacity` (every `encoded()`).
    init(capacity: Int, writing write: (inout [UInt8]) -> Void) {
        self = []
        reserveCapacity(capacity)
        write(&self)
    }

    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }

    mutating func appendZeros(_ count: Int) {
        if count > 0 { append(contentsOf: repeatElement(0, count: count)) }
    }

    /// Overwrites the two bytes at `index` (a checksum filled in once the bytes it covers are written).
    mutating func storeBigEndian(_ value: UInt16, at index: Int) {
        self[index] = UInt8(value >> 8)
        self[index + 1] = UInt8(value & 0xFF)
    }
}
