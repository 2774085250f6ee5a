/// The bytes of an Ethernet frame as a capture shows them, without preamble and FCS:
/// destination, source, an optional 802.1Q tag (TPID 0x8100, priority 0, the VLAN id in the low
/// 12 bits), the EtherType (or, for IS-IS, the 802.3 length and the LLC header), the payload,
/// and zero padding up to the 60-byte minimum.
extension EthernetFrame {
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(wireLength)
        bytes.append(contentsOf: destination.bytes)
        bytes.append(contentsOf: source.bytes)
        if let vlan {
            bytes.appendBigEndian(EthernetFrame.vlanTPID)
            bytes.appendBigEndian(vlan & 0x0FFF)
        }
        bytes.appendBigEndian(payload.etherType)
        switch payload {
        case .arp(let packet): packet.encode(into: &bytes)
        case .ipv4(let packet): packet.encode(into: &bytes)
        case .isis(let pdu):
            bytes.append(contentsOf: EthernetPayload.osiLLCHeader)
            pdu.encode(into: &bytes)
        }
        bytes.appendZeros(EthernetFrame.minimumLength - bytes.count)
        return bytes
    }

    /// Decodes one frame. Bytes after the ARP packet or the IPv4 total length are accepted as
    /// padding (of any content) as long as the frame is no longer than the 60-byte minimum; a
    /// frame may also come unpadded, as captured on the sending host. A tag with priority or
    /// DEI bits set, a second tag and EtherTypes other than IPv4 and ARP are not modelled; an
    /// 802.3 frame must carry the OSI LLC header and exactly one IS-IS PDU of the length it gives.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        var reader = ByteReader(bytes, context: "Ethernet frame")
        try reader.require(14, for: "Ethernet header")
        let destination = try reader.readMAC()
        let source = try reader.readMAC()
        var typeOffset = reader.offset
        var etherType = try reader.readUInt16()
        var vlan: UInt16?
        if etherType == EthernetFrame.vlanTPID {
            let tag = try reader.readUInt16()
            guard tag >> 12 == 0 else {
                throw WireDecodingError(.unsupported(UInt32(tag)), field: "802.1Q priority or DEI",
                                        offset: typeOffset + 2)
            }
            vlan = tag
            typeOffset = reader.offset
            etherType = try reader.readUInt16()
        }
        let payload: EthernetPayload
        switch etherType {
        case ...EthernetPayload.maximum8023Length:
            let length = Int(etherType)
            guard length >= EthernetPayload.osiLLCHeader.count else {
                throw WireDecodingError(.badLength(length), field: "802.3 length", offset: typeOffset)
            }
            var llc = try reader.split(length, context: "802.3 payload")
            let llcOffset = llc.offset
            let header = try llc.readBytes(EthernetPayload.osiLLCHeader.count)
            guard header == EthernetPayload.osiLLCHeader else {
                throw WireDecodingError(.unsupported(header.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }),
                                        field: "LLC header", offset: llcOffset)
            }
            payload = .isis(try ISISPDU(reading: &llc))
            try llc.expectEnd()
        case EthernetPayload.etherTypeARP: payload = .arp(try ARPPacket(reading: &reader))
        case EthernetPayload.etherTypeIPv4: payload = .ipv4(try IPv4Packet(reading: &reader))
        default:
            throw WireDecodingError(.unsupported(UInt32(etherType)), field: "EtherType", offset: typeOffset)
        }
        let padding = max(0, EthernetFrame.minimumLength - reader.offset)
        guard reader.remaining <= padding else {
            throw WireDecodingError(.trailingBytes(count: reader.remaining - padding), field: "Ethernet payload",
                                    offset: reader.offset + padding)
        }
        self.init(destination: destination, source: source, vlan: vlan, payload: payload)
    }
}
