/// The 20-byte IPv4 header without options (RFC 791), as `IPv4Packet` and the header an ICMP
/// error quotes (`QuotedDatagram`) both put it on the wire: version 4, IHL 5, the RFC 1071
/// header checksum, and no fragmentation (DF is the only flag).
struct IPv4Header {
    var tos: UInt8
    var totalLength: UInt16
    var identification: UInt16
    var dontFragment: Bool
    var ttl: UInt8
    var protocolNumber: UInt8
    var source: IPv4Address
    var destination: IPv4Address

    static let dontFragmentFlag: UInt16 = 0x4000

    func encode(into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(0x45)
        bytes.append(tos)
        bytes.appendBigEndian(totalLength)
        bytes.appendBigEndian(identification)
        bytes.appendBigEndian(dontFragment ? IPv4Header.dontFragmentFlag : 0)
        bytes.append(ttl)
        bytes.append(protocolNumber)
        bytes.appendBigEndian(UInt16(0))
        bytes.appendBigEndian(source.value)
        bytes.appendBigEndian(destination.value)
        bytes.storeBigEndian(InternetChecksum.of(bytes[start...]), at: start + 10)
    }

    /// Reads and checks a header; `name` ("IPv4 header", "quoted IPv4 header") prefixes the
    /// fields named in errors. The total length is returned as found, for the caller to check.
    init(reading reader: inout ByteReader, name: String) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(IPv4Packet.headerLength, for: name)
        let versionAndLength = try reader.readUInt8()
        guard versionAndLength >> 4 == 4 else {
            throw WireDecodingError(.invalid(UInt32(versionAndLength >> 4)), field: "\(name) version", offset: start)
        }
        let words = versionAndLength & 0x0F
        guard words == 5 else {
            // Fewer than 5 words cannot hold a header; more carry options, which netsim does not model.
            throw WireDecodingError(words < 5 ? .invalid(UInt32(words)) : .unsupported(UInt32(words)),
                                    field: "\(name) length (IHL)", offset: start)
        }
        try reader.verifyInternetChecksum(over: [start..<start + IPv4Packet.headerLength],
                                          checksumOffset: start + 10, field: "\(name) checksum")
        tos = try reader.readUInt8()
        totalLength = try reader.readUInt16()
        identification = try reader.readUInt16()
        let flags = try reader.readUInt16()
        guard flags & 0x8000 == 0 else {
            throw WireDecodingError(.invalid(UInt32(flags)), field: "\(name) reserved flag", offset: start + 6)
        }
        guard flags & 0x3FFF == 0 else {
            // MF or a fragment offset: netsim does not fragment or reassemble.
            throw WireDecodingError(.unsupported(UInt32(flags)), field: "\(name) fragment (MF or offset)",
                                    offset: start + 6)
        }
        dontFragment = flags & IPv4Header.dontFragmentFlag != 0
        ttl = try reader.readUInt8()
        protocolNumber = try reader.readUInt8()
        try reader.skip(2)
        source = try reader.readAddress()
        destination = try reader.readAddress()
    }

    init(tos: UInt8, totalLength: UInt16, identification: UInt16, dontFragment: Bool, ttl: UInt8,
         protocolNumber: UInt8, source: IPv4Address, destination: IPv4Address) {
        self.tos = tos
        self.totalLength = totalLength
        self.identification = identification
        self.dontFragment = dontFragment
        self.ttl = ttl
        self.protocolNumber = protocolNumber
        self.source = source
        self.destination = destination
    }
}
