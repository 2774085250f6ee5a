/// The RFC 791 bytes of an IPv4 datagram and its payload (ICMP, UDP with the pseudo-header
/// checksum, OSPF, TCP with its
/// pseudo-header checksum). A total length above 65535 cannot be put on the wire; such a value is
/// encoded with the length field truncated.
extension IPv4Packet: WireReadable {
    static let wireName = "IPv4 packet"

    public func encoded() -> [UInt8] {
        [UInt8](capacity: totalLength, writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        header.encode(into: &bytes)
        switch payload {
        case .icmp(let message): message.encode(into: &bytes)
        case .udp(let datagram): datagram.encode(into: &bytes, source: source, destination: destination)
        case .ospf(let packet): packet.encode(into: &bytes)
        case .tcp(let segment): segment.encode(into: &bytes, source: source, destination: destination)
        }
    }

    var header: IPv4Header {
        IPv4Header(tos: tos, totalLength: UInt16(truncatingIfNeeded: totalLength), identification: identification,
                   dontFragment: dontFragment, ttl: ttl, protocolNumber: payload.protocolNumber, source: source,
                   destination: destination)
    }

    /// Decodes exactly one datagram: `bytes` must end where its total length says.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    /// Reads one datagram, leaving whatever follows its total length (Ethernet padding) unread.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        let header = try IPv4Header(reading: &reader, name: "IPv4 header")
        let payloadLength = Int(header.totalLength) - IPv4Packet.headerLength
        guard payloadLength >= 0 else {
            throw WireDecodingError(.badLength(Int(header.totalLength)), field: "IPv4 total length",
                                    offset: start + 2)
        }
        let payloadName = switch header.protocolNumber {
        case IPv4Payload.protocolICMP: ICMPMessage.wireName
        case IPv4Payload.protocolUDP: "UDP datagram"
        case OSPFPacket.ipProtocol: OSPFPacket.wireName
        case TCPSegment.ipProtocol: "TCP segment"
        default: "IPv4 payload"
        }
        var body = try reader.split(payloadLength, context: payloadName)
        let payload: IPv4Payload
        switch header.protocolNumber {
        case IPv4Payload.protocolICMP:
            payload = .icmp(try ICMPMessage(reading: &body))
        case IPv4Payload.protocolUDP:
            payload = .udp(try UDPDatagram(reading: &body, source: header.source, destination: header.destination))
        case OSPFPacket.ipProtocol:
            payload = .ospf(try OSPFPacket(reading: &body))
        case TCPSegment.ipProtocol:
            payload = .tcp(try TCPSegment(reading: &body, source: header.source, destination: header.destination))
        default:
            throw WireDecodingError(.unsupported(UInt32(header.protocolNumber)), field: "IP protocol",
                                    offset: start + 9)
        }
        try body.expectEnd()
        self.init(source: header.source, destination: header.destination, ttl: header.ttl,
                  identification: header.identification, dontFragment: header.dontFragment, tos: header.tos,
                  payload: payload)
    }
}
