/// An IPv4 datagram (RFC 791) without options. The header checksum is computed by the codec.
public struct IPv4Packet: Sendable, Equatable {
    public var source: IPv4Address
    public var destination: IPv4Address
    public var ttl: UInt8
    public var identification: UInt16
    public var dontFragment: Bool
    public var tos: UInt8
    public var payload: IPv4Payload

    public init(source: IPv4Address, destination: IPv4Address, ttl: UInt8 = 64, identification: UInt16 = 0,
                dontFragment: Bool = false, tos: UInt8 = 0, payload: IPv4Payload) {
        self.source = source
        self.destination = destination
        self.ttl = ttl
        self.identification = identification
        self.dontFragment = dontFragment
        self.tos = tos
        self.payload = payload
    }

    public static let headerLength = 20

    public var totalLength: Int { IPv4Packet.headerLength + payload.wireLength }
}

public enum IPv4Payload: Sendable, Equatable {
    case icmp(ICMPMessage)
    case udp(UDPDatagram)
    case ospf(OSPFPacket)
    case tcp(TCPSegment)

    public static let protocolICMP: UInt8 = 1
    public static let protocolUDP: UInt8 = 17

    public var protocolNumber: UInt8 {
        switch self {
        case .icmp: IPv4Payload.protocolICMP
        case .udp: IPv4Payload.protocolUDP
        case .ospf: OSPFPacket.ipProtocol
        case .tcp: TCPSegment.ipProtocol
        }
    }

    public var wireLength: Int {
        switch self {
        case .icmp(let message): message.wireLength
        case .udp(let datagram): datagram.wireLength
        case .ospf(let packet): packet.wireLength
        case .tcp(let segment): segment.wireLength
        }
    }
}
