/// An Ethernet frame as the simulation carries it: addresses, an optional 802.1Q tag and a
/// decoded payload — Ethernet II for ARP and IPv4, 802.3 with an LLC header for IS-IS. Bytes
/// are produced only by the codec, where bytes are needed.
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

    /// Length on the wire without preamble and FCS (14-byte header, 4 more when tagged, the
    /// 3-byte LLC header for IS-IS, padded to the 60-byte minimum).
    public var wireLength: Int {
        max(EthernetFrame.minimumLength, 14 + (vlan == nil ? 0 : 4) + payload.wireLength)
    }
}

public enum EthernetPayload: Sendable, Equatable {
    case arp(ARPPacket)
    case ipv4(IPv4Packet)
    /// An IS-IS PDU in an 802.3 frame: the length field where Ethernet II has its EtherType, then
    /// the LLC header DSAP 0xFE, SSAP 0xFE (OSI), control 0x03 (UI) (ISO 10589 §8.4.8).
    case isis(ISISPDU)

    public static let etherTypeARP: UInt16 = 0x0806
    public static let etherTypeIPv4: UInt16 = 0x0800
    /// DSAP, SSAP and control of the LLC header in front of IS-IS PDUs.
    public static let osiLLCHeader: [UInt8] = [0xFE, 0xFE, 0x03]
    /// Type/length values up to this one are 802.3 lengths, not EtherTypes.
    public static let maximum8023Length: UInt16 = 1500

    /// The EtherType of an Ethernet II payload; for an LLC payload, the 802.3 length field that
    /// stands in the same place (LLC header and PDU).
    public var etherType: UInt16 {
        switch self {
        case .arp: EthernetPayload.etherTypeARP
        case .ipv4: EthernetPayload.etherTypeIPv4
        case .isis(let pdu): UInt16(truncatingIfNeeded: EthernetPayload.osiLLCHeader.count + pdu.wireLength)
        }
    }

    /// True for payloads in 802.3/LLC framing rather than Ethernet II.
    public var isLLC: Bool {
        if case .isis = self { return true }
        return false
    }

    public var wireLength: Int {
        switch self {
        case .arp: ARPPacket.wireLength
        case .ipv4(let packet): packet.totalLength
        case .isis(let pdu): EthernetPayload.osiLLCHeader.count + pdu.wireLength
        }
    }
}
