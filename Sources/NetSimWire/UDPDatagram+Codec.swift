/// The RFC 768 bytes of a UDP datagram. The checksum covers the IPv4 pseudo-header, so encoding
/// and decoding need the datagram's IP source and destination. Data bytes follow `PayloadPattern`.
extension UDPDatagram {
    public static let headerLength = 8

    public func encoded(source: IPv4Address, destination: IPv4Address) -> [UInt8] {
        [UInt8](capacity: wireLength) { encode(into: &$0, source: source, destination: destination) }
    }

    func encode(into bytes: inout [UInt8], source: IPv4Address, destination: IPv4Address) {
        let start = bytes.count
        let length = UInt16(truncatingIfNeeded: wireLength)
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(destinationPort)
        bytes.appendBigEndian(length)
        bytes.appendBigEndian(UInt16(0))
        PayloadPattern.append(dataLength, to: &bytes)
        var checksum = UDPDatagram.pseudoHeader(source: source, destination: destination, length: length)
        checksum.add(bytes[start...])
        // A computed zero is sent as all ones; zero on the wire means "no checksum" (RFC 768).
        bytes.storeBigEndian(checksum.value == 0 ? 0xFFFF : checksum.value, at: start + 6)
    }

    static func pseudoHeader(source: IPv4Address, destination: IPv4Address, length: UInt16) -> InternetChecksum {
        .pseudoHeader(source: source, destination: destination, protocolNumber: IPv4Payload.protocolUDP,
                      length: Int(length))
    }

    /// Decodes exactly one datagram sent from `source` to `destination`.
    public init(decoding bytes: some Collection<UInt8>, source: IPv4Address,
                destination: IPv4Address) throws(WireDecodingError) {
        var reader = ByteReader(bytes, context: "UDP datagram")
        try self.init(reading: &reader, source: source, destination: destination)
        try reader.expectEnd()
    }

    /// Reads a datagram that fills the rest of `reader` (the IPv4 payload); its length field
    /// must say so. A zero checksum is accepted as "none", any other must verify.
    init(reading reader: inout ByteReader, source: IPv4Address, destination: IPv4Address) throws(WireDecodingError) {
        let start = reader.offset, end = reader.end
        try reader.require(UDPDatagram.headerLength, for: "UDP header")
        let sourcePort = try reader.readUInt16()
        let destinationPort = try reader.readUInt16()
        let length = try reader.readUInt16()
        let checksum = try reader.readUInt16()
        guard Int(length) == end - start else {
            throw WireDecodingError(.badLength(Int(length)), field: "UDP length", offset: start + 4)
        }
        if checksum != 0 {
            try reader.verifyInternetChecksum(
                over: [start..<end], checksumOffset: start + 6, field: "UDP checksum",
                seed: UDPDatagram.pseudoHeader(source: source, destination: destination, length: length))
        }
        let dataLength = reader.remaining
        try reader.skip(dataLength)
        self.init(sourcePort: sourcePort, destinationPort: destinationPort, dataLength: dataLength)
    }
}
