/// The RFC 792 bytes of the ICMP messages netsim models, with the checksum over the whole
/// message. Echo data follows `PayloadPattern`; an error's 4 unused bytes are zero (read past
/// on decoding) and its quoted datagram is exactly 28 bytes.
extension ICMPMessage: WireReadable {
    static let wireName = "ICMP message"

    public static let headerLength = 8

    public func encoded() -> [UInt8] {
        [UInt8](capacity: wireLength, writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        switch self {
        case .echoRequest(let echo), .echoReply(let echo):
            ICMPMessage.encodeEcho(echo, type: type, into: &bytes)
        case .destinationUnreachable(let code, let quoted):
            ICMPMessage.encodeError(type: type, code: code.rawValue, quoted: quoted, into: &bytes)
        case .timeExceeded(let quoted):
            ICMPMessage.encodeError(type: type, code: 0, quoted: quoted, into: &bytes)
        }
    }

    /// An echo message of any type number; a quoted echo header is cut from one.
    static func encodeEcho(_ echo: Echo, type: UInt8, into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(type)
        bytes.append(0)
        bytes.appendBigEndian(UInt16(0))
        bytes.appendBigEndian(echo.identifier)
        bytes.appendBigEndian(echo.sequence)
        PayloadPattern.append(echo.dataLength, to: &bytes)
        bytes.storeBigEndian(InternetChecksum.of(bytes[start...]), at: start + 2)
    }

    private static func encodeError(type: UInt8, code: UInt8, quoted: QuotedDatagram, into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(type)
        bytes.append(code)
        bytes.appendZeros(6)
        quoted.encode(into: &bytes)
        bytes.storeBigEndian(InternetChecksum.of(bytes[start...]), at: start + 2)
    }

    /// Decodes exactly one message.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    /// Reads a message that fills the rest of `reader` (the IPv4 payload).
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(ICMPMessage.headerLength, for: "ICMP header")
        try reader.verifyInternetChecksum(over: [start..<reader.end], checksumOffset: start + 2,
                                          field: "ICMP checksum")
        let type = try reader.readUInt8()
        let code = try reader.readUInt8()
        try reader.skip(2)
        switch type {
        case 0, 8:
            guard code == 0 else {
                throw WireDecodingError(.unsupported(UInt32(code)), field: "ICMP echo code", offset: start + 1)
            }
            let identifier = try reader.readUInt16()
            let sequence = try reader.readUInt16()
            let echo = Echo(identifier: identifier, sequence: sequence, dataLength: reader.remaining)
            try reader.skip(reader.remaining)
            self = type == 0 ? .echoReply(echo) : .echoRequest(echo)
        case 3:
            guard let unreachable = UnreachableCode(rawValue: code) else {
                throw WireDecodingError(.unsupported(UInt32(code)), field: "ICMP destination unreachable code",
                                        offset: start + 1)
            }
            try reader.skip(4)
            var quoted = try reader.split(reader.remaining, context: "ICMP quoted datagram")
            self = .destinationUnreachable(code: unreachable, quoted: try QuotedDatagram(reading: &quoted))
        case 11:
            guard code == 0 else {
                throw WireDecodingError(.unsupported(UInt32(code)), field: "ICMP time exceeded code",
                                        offset: start + 1)
            }
            try reader.skip(4)
            var quoted = try reader.split(reader.remaining, context: "ICMP quoted datagram")
            self = .timeExceeded(quoted: try QuotedDatagram(reading: &quoted))
        default:
            throw WireDecodingError(.unsupported(UInt32(type)), field: "ICMP type", offset: start)
        }
    }
}
