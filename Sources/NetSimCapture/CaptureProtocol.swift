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

    public func matches(_ frame: EthernetFrame) -> Bool {
        switch (self, frame.payload) {
        case (.arp, .arp): true
        case (.ipv4, .ipv4): true
        case (.icmp, .ipv4(let packet)): packet.payload.protocolNumber == IPv4Payload.protocolICMP
        case (.udp, .ipv4(let packet)): packet.payload.protocolNumber == IPv4Payload.protocolUDP
        case (.ospf, .ipv4(let packet)): packet.payload.protocolNumber == OSPFPacket.ipProtocol
        case (.isis, .isis): true
        default: false
        }
    }
}
