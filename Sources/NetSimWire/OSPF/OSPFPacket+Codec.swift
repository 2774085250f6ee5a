/// The RFC 2328 A.3.1 bytes of an OSPFv2 packet: version 2, type, packet length, router ID,
/// area ID, the RFC 1071 checksum over the whole packet but the 8-byte authentication field,
/// AuType 0 (null authentication) and 8 zero authentication bytes, then the body.
extension OSPFPacket: WireReadable {
    static let wireName = "OSPF packet"

    public static let version: UInt8 = 2
    /// Where the checksum and the authentication field sit in the header.
    static let checksumOffset = 12
    static let authenticationRange = 16..<24

    public func encoded() -> [UInt8] {
        [UInt8](capacity: wireLength, writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(OSPFPacket.version)
        bytes.append(body.typeNumber)
        bytes.appendBigEndian(UInt16(truncatingIfNeeded: wireLength))
        bytes.appendBigEndian(routerID.value)
        bytes.appendBigEndian(areaID.value)
        bytes.appendZeros(12)  // checksum, AuType 0, authentication
        body.encode(into: &bytes)
        var checksum = InternetChecksum()
        checksum.add(bytes[start..<start + OSPFPacket.authenticationRange.lowerBound])
        checksum.add(bytes[(start + OSPFPacket.authenticationRange.upperBound)...])
        bytes.storeBigEndian(checksum.value, at: start + OSPFPacket.checksumOffset)
    }

    /// Decodes exactly one packet; its length field must match the bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    /// Reads one packet of the length its header gives. The authentication bytes are not
    /// looked at, as RFC 2328 D.4.1 says for null authentication.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(OSPFPacket.headerLength, for: "OSPF header")
        let version = try reader.readUInt8()
        guard version == OSPFPacket.version else {
            throw WireDecodingError(.unsupported(UInt32(version)), field: "OSPF version", offset: start)
        }
        let type = try reader.readUInt8()
        let length = Int(try reader.readUInt16())
        guard length >= OSPFPacket.headerLength else {
            throw WireDecodingError(.badLength(length), field: "OSPF packet length", offset: start + 2)
        }
        try reader.require(length - 4, for: Self.wireName)
        try reader.verifyInternetChecksum(
            over: [start..<start + OSPFPacket.authenticationRange.lowerBound,
                   start + OSPFPacket.authenticationRange.upperBound..<start + length],
            checksumOffset: start + OSPFPacket.checksumOffset, field: "OSPF checksum")
        let routerID = try reader.readAddress()
        let areaID = try reader.readAddress()
        try reader.skip(2)
        let authenticationType = try reader.readUInt16()
        guard authenticationType == 0 else {
            throw WireDecodingError(.unsupported(UInt32(authenticationType)), field: "OSPF AuType",
                                    offset: start + 14)
        }
        try reader.skip(OSPFPacket.authenticationRange.count)
        var body = try reader.split(length - OSPFPacket.headerLength, context: "OSPF packet body")
        self.init(routerID: routerID, areaID: areaID,
                  body: try OSPFPacketBody(reading: &body, type: type, typeOffset: start + 1))
        try body.expectEnd()
    }
}
