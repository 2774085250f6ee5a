/// pcapng (draft-ietf-opsawg-pcapng), little-endian: a Section Header Block, one Interface
/// Description Block per interface (`if_name`, `if_description`, `if_tsresol` = 9, so
/// timestamps count nanoseconds), then an Enhanced Packet Block per packet with its direction in
/// `epb_flags`. Every block is `type, total length, body padded to 32 bits, total length`; every
/// option is `code, length, value padded to 32 bits`, and option lists end with `opt_endofopt`.
public struct PcapNGWriter: CaptureWriter {
    public let interfaces: [CaptureInterface]
    /// The section's `opt_comment`, e.g. the topology and seed.
    public let comment: String?

    static let sectionHeaderType: UInt32 = 0x0A0D_0D0A
    static let interfaceDescriptionType: UInt32 = 1
    static let enhancedPacketType: UInt32 = 6
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    /// `if_tsresol` 9: 10^-9 seconds.
    static let nanosecondResolution: UInt8 = 9

    public init(interfaces: [CaptureInterface], comment: String? = nil) {
        self.interfaces = interfaces
        self.comment = comment
    }

    /// The Section Header Block followed by every Interface Description Block.
    public func header() -> [UInt8] {
        var body: [UInt8] = []
        body.appendLittleEndian(Self.byteOrderMagic)
        body.appendLittleEndian(UInt16(1))  // major version
        body.appendLittleEndian(UInt16(0))  // minor version
        body.appendLittleEndian(UInt64.max)  // section length: not given
        var options: [(UInt16, [UInt8])] = []
        if let comment { options.append((1, Array(comment.utf8))) }  // opt_comment
        options.append((4, Array("netsim".utf8)))  // shb_userappl
        body += Self.options(options)
        return interfaces.reduce(Self.block(Self.sectionHeaderType, body)) { $0 + interfaceDescription($1) }
    }

    /// An Enhanced Packet Block.
    public func record(_ packet: CapturePacket) -> [UInt8] {
        precondition(interfaces.indices.contains(packet.interface), "packet for an interface the file does not describe")
        var body: [UInt8] = []
        body.appendLittleEndian(UInt32(packet.interface))
        body.appendLittleEndian(UInt32(truncatingIfNeeded: packet.timestamp >> 32))
        body.appendLittleEndian(UInt32(truncatingIfNeeded: packet.timestamp))
        body.appendLittleEndian(UInt32(packet.bytes.count))  // captured length
        body.appendLittleEndian(UInt32(packet.bytes.count))  // original length
        body += packet.bytes
        body.padToFourBytes()
        if let direction = packet.direction {
            var flags: [UInt8] = []
            flags.appendLittleEndian(UInt32(direction == .inbound ? 0b01 : 0b10))  // epb_flags bits 0-1
            body += Self.options([(2, flags)])
        }
        return Self.block(Self.enhancedPacketType, body)
    }

    private func interfaceDescription(_ interface: CaptureInterface) -> [UInt8] {
        var body: [UInt8] = []
        body.appendLittleEndian(linkTypeEthernet)
        body.appendLittleEndian(UInt16(0))  // reserved
        body.appendLittleEndian(UInt32(0))  // snaplen: no limit
        var options: [(UInt16, [UInt8])] = [(2, Array(interface.name.utf8))]  // if_name
        if let description = interface.description { options.append((3, Array(description.utf8))) }  // if_description
        options.append((9, [Self.nanosecondResolution]))  // if_tsresol
        body += Self.options(options)
        return Self.block(Self.interfaceDescriptionType, body)
    }

    /// Options, each padded to 32 bits, closed by `opt_endofopt`.
    static func options(_ options: [(code: UInt16, value: [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = []
        for option in options {
            bytes.appendLittleEndian(option.code)
            bytes.appendLittleEndian(UInt16(option.value.count))
            bytes += option.value
            bytes.padToFourBytes()
        }
        bytes.appendLittleEndian(UInt32(0))  // opt_endofopt: code 0, length 0
        return bytes
    }

    /// A block around a body whose length is already a multiple of four.
    static func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        precondition(body.count % 4 == 0, "block bodies are padded to 32 bits")
        let total = UInt32(12 + body.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(total))
        bytes.appendLittleEndian(type)
        bytes.appendLittleEndian(total)
        bytes += body
        bytes.appendLittleEndian(total)
        return bytes
    }
}
