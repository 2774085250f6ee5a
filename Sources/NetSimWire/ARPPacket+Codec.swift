/// The RFC 826 bytes of an ARP packet for IPv4 over Ethernet: hardware type 1, protocol type
/// 0x0800, address lengths 6 and 4, operation 1 (request) or 2 (reply), then the addresses.
extension ARPPacket: WireReadable {
    static let wireName = "ARP packet"

    static let hardwareTypeEthernet: UInt16 = 1

    public func encoded() -> [UInt8] {
        [UInt8](capacity: ARPPacket.wireLength, writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(ARPPacket.hardwareTypeEthernet)
        bytes.appendBigEndian(EthernetPayload.etherTypeIPv4)
        bytes.append(6)
        bytes.append(4)
        bytes.appendBigEndian(operation.rawValue)
        bytes.append(contentsOf: senderMAC.bytes)
        bytes.appendBigEndian(senderIP.value)
        bytes.append(contentsOf: targetMAC.bytes)
        bytes.appendBigEndian(targetIP.value)
    }

    /// Decodes exactly 28 bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    /// Reads 28 bytes, leaving whatever follows (Ethernet padding) unread.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(ARPPacket.wireLength, for: Self.wireName)
        let hardwareType = try reader.readUInt16()
        guard hardwareType == ARPPacket.hardwareTypeEthernet else {
            throw WireDecodingError(.unsupported(UInt32(hardwareType)), field: "ARP hardware type", offset: start)
        }
        let protocolType = try reader.readUInt16()
        guard protocolType == EthernetPayload.etherTypeIPv4 else {
            throw WireDecodingError(.unsupported(UInt32(protocolType)), field: "ARP protocol type", offset: start + 2)
        }
        let lengths = try reader.readUInt16()
        guard lengths == 0x0604 else {
            throw WireDecodingError(.badLength(Int(lengths)), field: "ARP address lengths", offset: start + 4)
        }
        let code = try reader.readUInt16()
        guard let operation = Operation(rawValue: code) else {
            throw WireDecodingError(.unsupported(UInt32(code)), field: "ARP operation", offset: start + 6)
        }
        self.init(operation: operation, senderMAC: try reader.readMAC(), senderIP: try reader.readAddress(),
                  targetMAC: try reader.readMAC(), targetIP: try reader.readAddress())
    }
}
