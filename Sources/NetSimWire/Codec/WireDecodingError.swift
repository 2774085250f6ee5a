/// Why bytes could not be decoded into one of netsim's packet values: what was wrong, in which
/// field, and where. `offset` counts from the first byte handed to the outermost decoder (the
/// Ethernet header when a frame is decoded), so it points into the bytes a capture shows.
public struct WireDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The field needs `needed` bytes where only `available` are left.
        case truncated(needed: Int, available: Int)
        /// Bytes left over after the field's last byte (beyond Ethernet padding).
        case trailingBytes(count: Int)
        /// A length or count that disagrees with the bytes around it or with the layout.
        case badLength(Int)
        /// A checksum that does not verify; `computed` is what the field should hold.
        case badChecksum(stored: UInt16, computed: UInt16)
        /// A value the protocol allows but netsim does not model (an EtherType, IP options,
        /// fragments, an ICMP type, authentication, TOS metrics).
        case unsupported(UInt32)
        /// A value the protocol itself rules out (a wrong version, a reserved bit set).
        case invalid(UInt32)
    }

    public var reason: Reason
    /// The field at fault, in words ("IPv4 header checksum", "EtherType").
    public var field: String
    public var offset: Int

    public init(_ reason: Reason, field: String, offset: Int) {
        self.reason = reason
        self.field = field
        self.offset = offset
    }

    public var description: String {
        let place = "at offset \(offset)"
        switch reason {
        case .truncated(let needed, let available):
            return "truncated \(field) \(place): needs \(needed) bytes, \(available) left"
        case .trailingBytes(let count):
            return "\(count) unexpected bytes after the \(field) \(place)"
        case .badLength(let value):
            return "bad \(field) \(value) \(place)"
        case .badChecksum(let stored, let computed):
            return "bad \(field) \(Self.hex(stored)) \(place) (computed \(Self.hex(computed)))"
        case .unsupported(let value):
            return "unsupported \(field) \(Self.hex(value)) \(place)"
        case .invalid(let value):
            return "invalid \(field) \(Self.hex(value)) \(place)"
        }
    }

    private static func hex(_ value: some BinaryInteger) -> String {
        "0x" + String(value, radix: 16)
    }
}
