/// The ICMP messages netsim sends and understands (RFC 792).
public enum ICMPMessage: Sendable, Equatable {
    case echoRequest(Echo)
    case echoReply(Echo)
    /// Type 3; `quoted` is the offending datagram's header and the first 8 bytes of its payload.
    case destinationUnreachable(code: UnreachableCode, quoted: QuotedDatagram)
    /// Type 11 code 0 (TTL exceeded in transit).
    case timeExceeded(quoted: QuotedDatagram)

    public struct Echo: Sendable, Equatable {
        public var identifier: UInt16
        public var sequence: UInt16
        /// Bytes of echo data after the 8-byte ICMP header (56 for a default ping).
        public var dataLength: Int

        public init(identifier: UInt16, sequence: UInt16, dataLength: Int) {
            self.identifier = identifier
            self.sequence = sequence
            self.dataLength = dataLength
        }
    }

    public enum UnreachableCode: UInt8, Sendable {
        case network = 0
        case host = 1
        case `protocol` = 2
        case port = 3
        case fragmentationNeeded = 4
        case administrativelyProhibited = 13

        public var text: String {
            switch self {
            case .network: "network unreachable"
            case .host: "host unreachable"
            case .protocol: "protocol unreachable"
            case .port: "port unreachable"
            case .fragmentationNeeded: "fragmentation needed"
            case .administrativelyProhibited: "administratively prohibited"
            }
        }
    }

    public var type: UInt8 {
        switch self {
        case .echoReply: 0
        case .destinationUnreachable: 3
        case .echoRequest: 8
        case .timeExceeded: 11
        }
    }

    public var wireLength: Int {
        switch self {
        case .echoRequest(let echo), .echoReply(let echo): 8 + echo.dataLength
        case .destinationUnreachable(_, let quoted), .timeExceeded(let quoted): 8 + quoted.wireLength
        }
    }

    /// True for error messages, to which no ICMP error may be sent in return (RFC 1122 3.2.2).
    public var isError: Bool {
        switch self {
        case .destinationUnreachable, .timeExceeded: true
        case .echoRequest, .echoReply: false
        }
    }
}

/// The part of an offending datagram an ICMP error carries back: its IPv4 header fields and the
/// first 8 bytes of its payload, which identify the echo (id, sequence), UDP ports or TCP connection it
/// belonged to.
public struct QuotedDatagram: Sendable, Equatable {
    public var source: IPv4Address
    public var destination: IPv4Address
    public var ttl: UInt8
    public var identification: UInt16
    public var protocolNumber: UInt8
    public var totalLength: UInt16
    public var tos: UInt8
    public var dontFragment: Bool
    public var leadingPayload: LeadingPayload

    public enum LeadingPayload: Sendable, Equatable {
        case echo(type: UInt8, identifier: UInt16, sequence: UInt16)
        case udp(sourcePort: UInt16, destinationPort: UInt16, length: UInt16)
        /// A TCP segment's first 8 bytes: its ports and sequence number (what RFC 9293 §3.9.1
        /// uses to find the connection an ICMP error is about).
        case tcp(sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32)
        /// Exactly 8 bytes (the codec pads or cuts anything else to 8).
        case other([UInt8])
    }

    public init(source: IPv4Address, destination: IPv4Address, ttl: UInt8, identification: UInt16,
                protocolNumber: UInt8, totalLength: UInt16, tos: UInt8 = 0, dontFragment: Bool = false,
                leadingPayload: LeadingPayload) {
        self.source = source
        self.destination = destination
        self.ttl = ttl
        self.identification = identification
        self.protocolNumber = protocolNumber
        self.totalLength = totalLength
        self.tos = tos
        self.dontFragment = dontFragment
        self.leadingPayload = leadingPayload
    }

    public init(quoting packet: IPv4Packet) {
        source = packet.source
        destination = packet.destination
        ttl = packet.ttl
        identification = packet.identification
        protocolNumber = packet.payload.protocolNumber
        totalLength = UInt16(clamping: packet.totalLength)
        tos = packet.tos
        dontFragment = packet.dontFragment
        switch packet.payload {
        case .icmp(let message):
            switch message {
            case .echoRequest(let echo), .echoReply(let echo):
                leadingPayload = .echo(type: message.type, identifier: echo.identifier, sequence: echo.sequence)
            case .destinationUnreachable, .timeExceeded:
                leadingPayload = .other([message.type, 0, 0, 0, 0, 0, 0, 0])
            }
        case .udp(let datagram):
            leadingPayload = .udp(sourcePort: datagram.sourcePort, destinationPort: datagram.destinationPort,
                                  length: UInt16(clamping: datagram.wireLength))
        case .ospf(let ospf):
            // Version, type, packet length and router ID: the first 8 bytes of the OSPF header.
            let length = UInt16(clamping: ospf.wireLength), router = ospf.routerID.value
            leadingPayload = .other([2, ospf.body.typeNumber, UInt8(length >> 8), UInt8(length & 0xFF),
                                     UInt8(router >> 24), UInt8(router >> 16 & 0xFF), UInt8(router >> 8 & 0xFF),
                                     UInt8(router & 0xFF)])
        case .tcp(let segment):
            leadingPayload = .tcp(sourcePort: segment.sourcePort, destinationPort: segment.destinationPort,
                                  sequence: segment.sequenceNumber)
        }
    }

    public var wireLength: Int { IPv4Packet.headerLength + 8 }
}
