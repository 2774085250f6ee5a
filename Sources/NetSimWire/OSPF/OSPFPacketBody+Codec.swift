/// The bodies of the five OSPFv2 packet types (RFC 2328 A.3.2-A.3.6).
extension OSPFPacketBody {
    static let lsaHeaderLength = LSAHeader.wireLength
    /// A Link State Request entry: LS type (32 bits), Link State ID, advertising router.
    static let requestEntryLength = 12

    func encode(into bytes: inout [UInt8]) {
        switch self {
        case .hello(let hello): hello.encode(into: &bytes)
        case .databaseDescription(let description): description.encode(into: &bytes)
        case .linkStateRequest(let keys):
            for key in keys {
                bytes.appendBigEndian(UInt32(key.type.rawValue))
                bytes.appendBigEndian(key.linkStateID.value)
                bytes.appendBigEndian(key.advertisingRouter.value)
            }
        case .linkStateUpdate(let lsas):
            bytes.appendBigEndian(UInt32(truncatingIfNeeded: lsas.count))
            for lsa in lsas { lsa.encode(into: &bytes) }
        case .linkStateAck(let headers):
            for header in headers { header.encode(into: &bytes) }
        }
    }

    /// Reads the body of a packet of header type `type`; the body fills `reader`.
    init(reading reader: inout ByteReader, type: UInt8, typeOffset: Int) throws(WireDecodingError) {
        switch type {
        case 1: self = .hello(try OSPFHello(reading: &reader))
        case 2: self = .databaseDescription(try OSPFDatabaseDescription(reading: &reader))
        case 3:
            try reader.expectMultiple(of: OSPFPacketBody.requestEntryLength, field: "LS Request length")
            var keys: [LSAKey] = []
            while reader.remaining > 0 {
                let typeOffset = reader.offset
                let type = try LSAType(number: try reader.readUInt32(), offset: typeOffset)
                keys.append(LSAKey(type: type, linkStateID: try reader.readAddress(),
                                   advertisingRouter: try reader.readAddress()))
            }
            self = .linkStateRequest(keys)
        case 4:
            let countOffset = reader.offset
            let count = try reader.readUInt32()
            // Each LSA takes at least a header's 20 bytes; a larger count cannot be right.
            guard Int(count) <= reader.remaining / LSAHeader.wireLength else {
                throw WireDecodingError(.badLength(Int(count)), field: "LS Update LSA count", offset: countOffset)
            }
            var lsas: [LSA] = []
            lsas.reserveCapacity(Int(count))
            for _ in 0..<count { lsas.append(try LSA(reading: &reader)) }
            self = .linkStateUpdate(lsas)
        case 5:
            self = .linkStateAck(try reader.readLSAHeaders(field: "LS Acknowledgment length"))
        default:
            throw WireDecodingError(.unsupported(UInt32(type)), field: "OSPF packet type", offset: typeOffset)
        }
    }
}

extension OSPFHello {
    func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(networkMask.value)
        bytes.appendBigEndian(helloInterval)
        bytes.append(options)
        bytes.append(priority)
        bytes.appendBigEndian(deadInterval)
        bytes.appendBigEndian(designatedRouter.value)
        bytes.appendBigEndian(backupDesignatedRouter.value)
        for neighbor in neighbors { bytes.appendBigEndian(neighbor.value) }
    }

    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        try reader.require(20, for: "OSPF Hello")
        let mask = try reader.readAddress()
        let helloInterval = try reader.readUInt16()
        let options = try reader.readUInt8()
        let priority = try reader.readUInt8()
        let deadInterval = try reader.readUInt32()
        let designatedRouter = try reader.readAddress()
        let backupDesignatedRouter = try reader.readAddress()
        try reader.expectMultiple(of: 4, field: "OSPF Hello neighbor list length")
        var neighbors: [IPv4Address] = []
        while reader.remaining > 0 { neighbors.append(try reader.readAddress()) }
        self.init(networkMask: mask, helloInterval: helloInterval, options: options, priority: priority,
                  deadInterval: deadInterval, designatedRouter: designatedRouter,
                  backupDesignatedRouter: backupDesignatedRouter, neighbors: neighbors)
    }
}

extension OSPFDatabaseDescription {
    static let initBit: UInt8 = 0x04
    static let moreBit: UInt8 = 0x02
    static let masterBit: UInt8 = 0x01

    func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(interfaceMTU)
        bytes.append(options)
        bytes.append((isInit ? Self.initBit : 0) | (hasMore ? Self.moreBit : 0) | (isMaster ? Self.masterBit : 0))
        bytes.appendBigEndian(sequence)
        for header in headers { header.encode(into: &bytes) }
    }

    /// The five reserved bits of the flags byte are ignored, as RFC 2328 asks of receivers.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        try reader.require(8, for: "OSPF Database Description")
        let mtu = try reader.readUInt16()
        let options = try reader.readUInt8()
        let flags = try reader.readUInt8()
        let sequence = try reader.readUInt32()
        self.init(interfaceMTU: mtu, options: options, isInit: flags & Self.initBit != 0,
                  hasMore: flags & Self.moreBit != 0, isMaster: flags & Self.masterBit != 0, sequence: sequence,
                  headers: try reader.readLSAHeaders(field: "Database Description length"))
    }
}

extension ByteReader {
    /// Throws `.badLength` unless what is left is a whole number of `size`-byte entries.
    func expectMultiple(of size: Int, field: String) throws(WireDecodingError) {
        guard remaining % size == 0 else {
            throw WireDecodingError(.badLength(remaining), field: field, offset: offset)
        }
    }

    /// LSA headers up to the end of the reader.
    mutating func readLSAHeaders(field: String) throws(WireDecodingError) -> [LSAHeader] {
        try expectMultiple(of: LSAHeader.wireLength, field: field)
        var headers: [LSAHeader] = []
        headers.reserveCapacity(remaining / LSAHeader.wireLength)
        while remaining > 0 { headers.append(try LSAHeader(reading: &self)) }
        return headers
    }
}
