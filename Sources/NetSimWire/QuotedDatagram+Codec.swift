/// The 28 bytes an ICMP error quotes: the offending datagram's IPv4 header (with the checksum
/// its fields give) and the first 8 bytes of its payload. For a quoted echo or UDP header the
/// checksum bytes are those the whole original carried, recomputed from the header fields, the
/// original's length and `PayloadPattern` data, so a quote of a netsim packet is its first 28
/// bytes. Decoding reads those checksums past: the leading payload keeps only what it models.
extension QuotedDatagram {
    static let leadingPayloadLength = 8

    func encode(into bytes: inout [UInt8]) {
        IPv4Header(tos: tos, totalLength: totalLength, identification: identification, dontFragment: dontFragment,
                   ttl: ttl, protocolNumber: protocolNumber, source: source, destination: destination)
            .encode(into: &bytes)
        var leading: [UInt8] = []
        switch leadingPayload {
        case .echo(let type, let identifier, let sequence):
            let dataLength = Int(totalLength) - IPv4Packet.headerLength - ICMPMessage.headerLength
            let echo = ICMPMessage.Echo(identifier: identifier, sequence: sequence, dataLength: max(0, dataLength))
            ICMPMessage.encodeEcho(echo, type: type, into: &leading)
        case .udp(let sourcePort, let destinationPort, let length):
            let dataLength = max(0, Int(length) - UDPDatagram.headerLength)
            UDPDatagram(sourcePort: sourcePort, destinationPort: destinationPort, dataLength: dataLength)
                .encode(into: &leading, source: source, destination: destination)
            leading.storeBigEndian(length, at: 4)
        case .tcp(let sourcePort, let destinationPort, let sequence):
            leading.appendBigEndian(sourcePort)
            leading.appendBigEndian(destinationPort)
            leading.appendBigEndian(sequence)
        case .other(let payload):
            leading = payload
        }
        let count = QuotedDatagram.leadingPayloadLength
        bytes.append(contentsOf: leading.prefix(count))
        bytes.appendZeros(count - leading.count)
    }

    /// Reads exactly 28 bytes; the quoted header is checked like a datagram's own (version,
    /// IHL 5, checksum, no fragment), except that its total length is the original's.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        try reader.require(IPv4Packet.headerLength + QuotedDatagram.leadingPayloadLength, for: "ICMP quoted datagram")
        let header = try IPv4Header(reading: &reader, name: "quoted IPv4 header")
        var words = reader  // the same 8 bytes, read again as 16-bit fields
        let leading = try reader.readBytes(QuotedDatagram.leadingPayloadLength)
        try reader.expectEnd()
        let first = try words.readUInt16(), second = try words.readUInt16()
        let third = try words.readUInt16(), fourth = try words.readUInt16()
        let payload: LeadingPayload
        switch header.protocolNumber {
        case IPv4Payload.protocolICMP where first == 0x0000 || first == 0x0800:
            // Type 0 or 8 with code 0; the second word is the original's checksum.
            payload = .echo(type: UInt8(first >> 8), identifier: third, sequence: fourth)
        case IPv4Payload.protocolUDP:
            payload = .udp(sourcePort: first, destinationPort: second, length: third)
        case TCPSegment.ipProtocol:
            payload = .tcp(sourcePort: first, destinationPort: second, sequence: UInt32(third) << 16 | UInt32(fourth))
        default:
            payload = .other(leading)
        }
        self.init(source: header.source, destination: header.destination, ttl: header.ttl,
                  identification: header.identification, protocolNumber: header.protocolNumber,
                  totalLength: header.totalLength, tos: header.tos, dontFragment: header.dontFragment,
                  leadingPayload: payload)
    }
}
