/// An Ethernet II frame as the simulation carries it: addresses, an optional 802.1Q tag and a
/// decoded payload. Bytes are produced only by the codec, where bytes are needed.
public struct EthernetFrame: Sendable, Equatable {
    public var destination: MACAddress
    public var source: MACAddress
    /// 802.1Q VLAN id when the frame is tagged (on trunk ports), nil when untagged.
    public var vlan: UInt16?
    public var payload: EthernetPayload

    public init(destination: MACAddress, source: MACAddress, vlan: UInt16? = nil, payload: EthernetPayload) {
        self.destination = destination
        self.source = source
        self.vlan = vlan
        self.payload = payload
    }

    /// The shortest frame without FCS; shorter ones are padded.
    public static let minimumLength = 60
    /// The 802.1Q tag protocol identifier, in the EtherType position of a tagged frame.
    public static let vlanTPID: UInt16 = 0x8100

    /// Length on the wire without preamble and FCS (14-byte header, 4 more when tagged,
    /// padded to the 60-byte minimum).
    public var wireLength: Int {
        max(EthernetFrame.minimumLength, 14 + (vlan == nil ? 0 : 4) + payload.wireLength)
    }
}

public enum EthernetPayload: Sendable, Equatable {
    case arp(ARPPacket)
    case ipv4(IPv4Packet)

    public static let etherTypeARP: UInt16 = 0x0806
    public static let etherTypeIPv4: UInt16 = 0x0800

    public var etherType: UInt16 {
        switch self {
        case .arp: EthernetPayload.etherTypeARP
        case .ipv4: EthernetPayload.etherTypeIPv4
        }
    }

    public var wireLength: Int {
        switch self {
        case .arp: ARPPacket.wireLength
        case .ipv4(let packet): packet.totalLength
        }
    }
}
