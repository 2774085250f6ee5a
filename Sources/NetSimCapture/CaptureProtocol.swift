import NetSimWire

/// The protocols a capture filter can keep (`proto:NAME`).
public enum CaptureProtocol: String, Sendable, CaseIterable {
    case arp
    /// Every IPv4 packet, whatever it carries.
    case ipv4
    case icmp
    case udp
    case ospf
    /// IS-IS PDUs (802.3/LLC frames).
    case isis
    /// Every TCP segment.
    case tcp
    /// TCP segments to or from port 179 (BGP sessions, their handshakes and closes included).
    case bgp

    /// BGP's well-known TCP port (RFC 4271 §8.2.1).
    public static let bgpPort: UInt16 = 179

    public func matches(_ frame: EthernetFrame) -> Bool {
        switch (self, frame.payload) {
        case (.arp, .arp): true
        case (.ipv4, .ipv4): true
        case (.icmp, .ipv4(let packet)): packet.payload.protocolNumber == IPv4Payload.protocolICMP
        case (.udp, .ipv4(let packet)): packet.payload.protocolNumber == IPv4Payload.protocolUDP
        case (.ospf, .ipv4(let packet)): packet.payload.protocolNumber == OSPFPacket.ipProtocol
        case (.isis, .isis): true
        case (.tcp, .ipv4(let packet)): packet.payload.protocolNumber == TCPSegment.ipProtocol
        case (.bgp, .ipv4(let packet)):
            if case .tcp(let segment) = packet.payload {
                segment.sourcePort == CaptureProtocol.bgpPort || segment.destinationPort == CaptureProtocol.bgpPort
            } else {
                false
            }
        default: false
        }
    }
}
