/// A value that reads itself from a `ByteReader`. Its public `init(decoding:)` is `decodeWhole`:
/// read one value, then insist that no bytes are left.
protocol WireReadable {
    /// What the value is called in errors about missing or surplus bytes ("ARP packet").
    static var wireName: String { get }

    init(reading reader: inout ByteReader) throws(WireDecodingError)
}

extension WireReadable {
    static func decodeWhole(_ bytes: some Collection<UInt8>) throws(WireDecodingError) -> Self {
        var reader = ByteReader(bytes, context: wireName)
        let value = try Self(reading: &reader)
        try reader.expectEnd()
        return value
    }
}
