/// The Internet checksum (RFC 1071) of IPv4 headers, ICMP, UDP and OSPF: the ones' complement of
/// the ones' complement sum of the data as big-endian 16-bit words, an odd last byte padded with a
/// zero. Bytes may be added in pieces (a pseudo-header, then the datagram); they are summed as one
/// stream. A receiver sums the data with its checksum in place and gets a `value` of zero.
public struct InternetChecksum: Sendable {
    private var sum: UInt64 = 0
    /// The first byte of a word whose second byte has not been added yet.
    private var pendingHighByte: UInt8?

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            if let high = pendingHighByte {
                sum += UInt64(high) << 8 | UInt64(byte)
                pendingHighByte = nil
            } else {
                pendingHighByte = byte
            }
        }
    }

    public mutating func add(_ value: UInt16) {
        add(CollectionOfOne(UInt8(value >> 8)))
        add(CollectionOfOne(UInt8(value & 0xFF)))
    }

    public mutating func add(_ value: UInt32) {
        add(UInt16(value >> 16))
        add(UInt16(value & 0xFFFF))
    }

    /// The checksum of everything added so far.
    public var value: UInt16 {
        var total = sum + UInt64(pendingHighByte ?? 0) << 8
        while total > 0xFFFF { total = (total & 0xFFFF) + (total >> 16) }
        return ~UInt16(total)
    }

    public static func of(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var checksum = InternetChecksum()
        checksum.add(bytes)
        return checksum.value
    }
}

extension InternetChecksum {
    /// The sum seeded with the IPv4 pseudo-header UDP and TCP checksums cover (RFC 768, RFC 9293
    /// §3.1): source, destination, a zero byte, the protocol and the transport length.
    static func pseudoHeader(source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8,
                             length: Int) -> InternetChecksum {
        var checksum = InternetChecksum()
        checksum.add(source.value)
        checksum.add(destination.value)
        checksum.add(UInt16(protocolNumber))
        checksum.add(UInt16(truncatingIfNeeded: length))
        return checksum
    }
}
