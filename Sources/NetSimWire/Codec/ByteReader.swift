/// Reads big-endian fields from bytes for the decoders. Every read checks that the bytes are
/// there and throws `WireDecodingError` when they are not, so no input can make a decoder trap.
/// A reader split off for a nested field shares the buffer and its offsets, so errors found deep
/// inside a frame report offsets from the frame's first byte.
struct ByteReader {
    private let bytes: [UInt8]
    /// Where the next read starts, counted from the first byte of the buffer.
    private(set) var offset: Int
    /// One past the last byte this reader may read.
    private(set) var end: Int
    /// What this reader holds ("IPv4 packet"), named by errors about running short or long.
    private(set) var context: String

    init(_ bytes: some Collection<UInt8>, context: String) {
        self.bytes = Array(bytes)
        offset = 0
        end = self.bytes.count
        self.context = context
    }

    var remaining: Int { end - offset }

    /// Throws unless `count` more bytes are there; `field` names them in the error.
    func require(_ count: Int, for field: String? = nil) throws(WireDecodingError) {
        guard count >= 0, count <= remaining else {
            throw WireDecodingError(.truncated(needed: count, available: remaining), field: field ?? context,
                                    offset: offset)
        }
    }

    /// Throws unless every byte of this reader has been read.
    func expectEnd() throws(WireDecodingError) {
        guard remaining == 0 else {
            throw WireDecodingError(.trailingBytes(count: remaining), field: context, offset: offset)
        }
    }

    mutating func readUInt8() throws(WireDecodingError) -> UInt8 {
        try require(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws(WireDecodingError) -> UInt16 {
        try require(2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32() throws(WireDecodingError) -> UInt32 {
        try require(4)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// A 24-bit field (the metric of summary and external LSAs).
    mutating func readUInt24() throws(WireDecodingError) -> UInt32 {
        try require(3)
        defer { offset += 3 }
        return UInt32(bytes[offset]) << 16 | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2])
    }

    mutating func readAddress() throws(WireDecodingError) -> IPv4Address {
        IPv4Address(try readUInt32())
    }

    mutating func readMAC() throws(WireDecodingError) -> MACAddress {
        try require(6)
        defer { offset += 6 }
        return MACAddress(bytes[offset..<offset + 6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    mutating func readBytes(_ count: Int) throws(WireDecodingError) -> [UInt8] {
        try require(count)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads `count` reserved bytes, which must be zero.
    mutating func expectZero(count: Int, field: String) throws(WireDecodingError) {
        let start = offset
        for byte in try readBytes(count) where byte != 0 {
            throw WireDecodingError(.invalid(UInt32(byte)), field: field, offset: start)
        }
    }

    mutating func skip(_ count: Int) throws(WireDecodingError) {
        try require(count)
        offset += count
    }

    /// The next `count` bytes as a reader of their own, named `context`; this reader moves past them.
    mutating func split(_ count: Int, context: String) throws(WireDecodingError) -> ByteReader {
        try require(count, for: context)
        var part = self
        part.end = offset + count
        part.context = context
        offset += count
        return part
    }

    /// Bytes already read or still ahead, by absolute offset; clamped to the buffer, never trapping.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        return bytes[lower..<min(max(range.upperBound, lower), bytes.count)]
    }

    /// Throws `.badChecksum` unless the Internet checksum over `ranges` (after `seed`, a
    /// pseudo-header) verifies. `checksumOffset` is where the stored checksum sits in them.
    func verifyInternetChecksum(over ranges: [Range<Int>], checksumOffset: Int, field: String,
                                seed: InternetChecksum = InternetChecksum()) throws(WireDecodingError) {
        var whole = seed
        for range in ranges { whole.add(slice(range)) }
        guard whole.value != 0 else { return }
        var expected = seed
        for range in ranges {
            var part = Array(slice(range))
            for index in checksumOffset..<checksumOffset + 2
            where range.contains(index) && index - range.lowerBound < part.count {
                part[index - range.lowerBound] = 0
            }
            expected.add(part)
        }
        let stored = slice(checksumOffset..<checksumOffset + 2).reduce(UInt16(0)) { $0 << 8 | UInt16($1) }
        throw WireDecodingError(.badChecksum(stored: stored, computed: expected.value), field: field,
                                offset: checksumOffset)
    }
}
