/// The ISO 10589 §9 bytes of an IS-IS PDU: the 8-byte common header (discriminator 0x83, the
/// header length, version 1, ID length 0 meaning 6, the type, version 1, a reserved byte and
/// maximum area addresses 0 meaning 3), the type's fixed fields with the PDU length, then the
/// TLVs. An LSP's Fletcher checksum must verify; a purge (remaining lifetime 0) may carry none.
extension ISISPDU: WireReadable {
    static let wireName = "IS-IS PDU"
    public static let version: UInt8 = 1

    public func encoded() -> [UInt8] {
        [UInt8](capacity: wireLength, writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        let length = UInt16(truncatingIfNeeded: wireLength)
        bytes.append(contentsOf: [ISISPDU.discriminator, UInt8(headerLength), ISISPDU.version, 0, typeNumber,
                                  ISISPDU.version, 0, 0])
        switch self {
        case .lanHello(let hello):
            bytes.append(hello.circuitType.rawValue)
            bytes.append(contentsOf: hello.sourceID.bytes)
            bytes.appendBigEndian(hello.holdingTime)
            bytes.appendBigEndian(length)
            bytes.append(hello.priority & 0x7F)
            hello.lanID.encode(into: &bytes)
        case .pointToPointHello(let hello):
            bytes.append(hello.circuitType.rawValue)
            bytes.append(contentsOf: hello.sourceID.bytes)
            bytes.appendBigEndian(hello.holdingTime)
            bytes.appendBigEndian(length)
            bytes.append(hello.localCircuitID)
        case .lsp(let lsp):
            bytes.appendBigEndian(length)
            bytes.appendBigEndian(lsp.remainingLifetime)
            lsp.lspID.encode(into: &bytes)
            bytes.appendBigEndian(lsp.sequenceNumber)
            bytes.appendBigEndian(lsp.checksum)
            bytes.append(lsp.flags)
        case .csnp(let csnp):
            bytes.appendBigEndian(length)
            csnp.sourceID.encode(into: &bytes)
            csnp.startLSPID.encode(into: &bytes)
            csnp.endLSPID.encode(into: &bytes)
        case .psnp(let psnp):
            bytes.appendBigEndian(length)
            psnp.sourceID.encode(into: &bytes)
        }
        for tlv in tlvs { tlv.encode(into: &bytes) }
    }

    /// Decodes exactly one PDU; its PDU length must match the bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(ISISPDU.commonHeaderLength, for: "IS-IS common header")
        let discriminator = try reader.readUInt8()
        guard discriminator == ISISPDU.discriminator else {
            throw WireDecodingError(.unsupported(UInt32(discriminator)), field: "IS-IS protocol discriminator",
                                    offset: start)
        }
        let headerLength = Int(try reader.readUInt8())
        let extensionVersion = try reader.readUInt8()
        guard extensionVersion == ISISPDU.version else {
            throw WireDecodingError(.unsupported(UInt32(extensionVersion)), field: "IS-IS version/protocol ID extension",
                                    offset: start + 2)
        }
        try reader.expectZero(count: 1, field: "IS-IS ID length (only 6-byte system IDs, written 0)")
        let typeOffset = reader.offset
        let type = try reader.readUInt8()
        let version = try reader.readUInt8()
        guard version == ISISPDU.version else {
            throw WireDecodingError(.unsupported(UInt32(version)), field: "IS-IS version", offset: start + 5)
        }
        try reader.expectZero(count: 1, field: "IS-IS reserved byte")
        try reader.expectZero(count: 1, field: "IS-IS maximum area addresses (only 3, written 0)")
        let expectedHeader: Int
        switch type {
        case 15, 16: expectedHeader = 27
        case 17: expectedHeader = 20
        case 18, 20: expectedHeader = 27
        case 24, 25: expectedHeader = 33
        case 26, 27: expectedHeader = 17
        default: throw WireDecodingError(.unsupported(UInt32(type)), field: "IS-IS PDU type", offset: typeOffset)
        }
        guard headerLength == expectedHeader else {
            throw WireDecodingError(.badLength(headerLength), field: "IS-IS header length", offset: start + 1)
        }
        try reader.require(expectedHeader - ISISPDU.commonHeaderLength, for: "IS-IS PDU header")
        let level: ISISLevel = [15, 18, 24, 26].contains(type) ? .level1 : .level2
        var circuitType: ISISLevels = .level1
        var sourceSystem = ISISSystemID(0), holdingTime: UInt16 = 0
        if type <= 17 {
            let circuitOffset = reader.offset
            let circuitByte = try reader.readUInt8()
            guard let circuit = ISISLevels(rawValue: circuitByte) else {
                throw WireDecodingError(.invalid(UInt32(circuitByte)), field: "IS-IS circuit type", offset: circuitOffset)
            }
            circuitType = circuit
            sourceSystem = try reader.readSystemID()
            holdingTime = try reader.readUInt16()
        }
        let lengthOffset = reader.offset
        let pduLength = Int(try reader.readUInt16())
        guard pduLength >= expectedHeader else {
            throw WireDecodingError(.badLength(pduLength), field: "IS-IS PDU length", offset: lengthOffset)
        }
        try reader.require(pduLength - (reader.offset - start), for: ISISPDU.wireName)
        let pdu: ISISPDU
        switch type {
        case 15, 16:
            let priorityOffset = reader.offset
            let priority = try reader.readUInt8()
            guard priority & 0x80 == 0 else {
                throw WireDecodingError(.invalid(UInt32(priority)), field: "IS-IS priority reserved bit",
                                        offset: priorityOffset)
            }
            let lanID = try reader.readNodeID()
            var tlvReader = try reader.split(pduLength - expectedHeader, context: "IS-IS TLVs")
            pdu = .lanHello(ISISLANHello(level: level, circuitType: circuitType, sourceID: sourceSystem,
                                         holdingTime: holdingTime, priority: priority, lanID: lanID,
                                         tlvs: try ISISTLV.readAll(&tlvReader)))
        case 17:
            let circuitID = try reader.readUInt8()
            var tlvReader = try reader.split(pduLength - expectedHeader, context: "IS-IS TLVs")
            pdu = .pointToPointHello(ISISPointToPointHello(circuitType: circuitType, sourceID: sourceSystem,
                                                           holdingTime: holdingTime, localCircuitID: circuitID,
                                                           tlvs: try ISISTLV.readAll(&tlvReader)))
        case 18, 20:
            let lifetime = try reader.readUInt16()
            let lspID = try reader.readLSPID()
            let sequence = try reader.readUInt32()
            let checksum = try reader.readUInt16()
            let flagsOffset = reader.offset
            let flags = try reader.readUInt8()
            guard flags & 0x70 == 0 else {
                throw WireDecodingError(.unsupported(UInt32(flags)), field: "IS-IS ATT bits other than default",
                                        offset: flagsOffset)
            }
            guard flags & 0x03 == 1 || flags & 0x03 == 3, let isType = ISISLevels(rawValue: flags & 0x03) else {
                throw WireDecodingError(.invalid(UInt32(flags & 0x03)), field: "IS-IS IS type", offset: flagsOffset)
            }
            if checksum != 0 || lifetime != 0 {
                let computed = FletcherChecksum.lspChecksum(of: Array(reader.slice(start..<start + pduLength)))
                guard checksum != 0, computed == checksum else {
                    throw WireDecodingError(.badChecksum(stored: checksum, computed: computed),
                                            field: "IS-IS LSP checksum", offset: start + FletcherChecksum.lspChecksumOffset)
                }
            }
            var tlvReader = try reader.split(pduLength - expectedHeader, context: "IS-IS TLVs")
            pdu = .lsp(ISISLSP(level: level, remainingLifetime: lifetime, lspID: lspID, sequenceNumber: sequence,
                               checksum: checksum, partitionRepair: flags & 0x80 != 0, attached: flags & 0x08 != 0,
                               overload: flags & 0x04 != 0, isType: isType, tlvs: try ISISTLV.readAll(&tlvReader)))
        case 24, 25:
            let source = try reader.readNodeID()
            let startID = try reader.readLSPID()
            let endID = try reader.readLSPID()
            var tlvReader = try reader.split(pduLength - expectedHeader, context: "IS-IS TLVs")
            pdu = .csnp(ISISCSNP(level: level, sourceID: source, startLSPID: startID, endLSPID: endID,
                                 tlvs: try ISISTLV.readAll(&tlvReader)))
        default:
            let source = try reader.readNodeID()
            var tlvReader = try reader.split(pduLength - expectedHeader, context: "IS-IS TLVs")
            pdu = .psnp(ISISPSNP(level: level, sourceID: source, tlvs: try ISISTLV.readAll(&tlvReader)))
        }
        self = pdu
    }
}
