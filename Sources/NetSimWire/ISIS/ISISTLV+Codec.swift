/// The bytes of IS-IS TLVs: type, length, value. Decoding is strict where a re-encoding would
/// not give the bytes back: reserved bits, metrics netsim does not carry (delay, expense and
/// error must say "not supported", the I/E bit internal), sub-TLVs, host bits beyond a prefix's
/// length and padding (8) other than zero bytes (an LSP's checksum covers them) are refused; so
/// are TLV types netsim does not model (10, authentication, too).
extension ISISTLV {
    /// A narrow metric byte marking the delay, expense and error metrics as not supported.
    static let unsupportedMetric: UInt8 = 0x80

    func encode(into bytes: inout [UInt8]) {
        bytes.append(type)
        bytes.append(UInt8(truncatingIfNeeded: valueLength))
        switch self {
        case .areaAddresses(let areas):
            for area in areas {
                bytes.append(UInt8(area.bytes.count))
                bytes.append(contentsOf: area.bytes)
            }
        case .isReachability(let entries):
            bytes.append(0)  // virtual flag
            for entry in entries {
                bytes.append(entry.metric & 0x3F)
                bytes.append(contentsOf: repeatElement(ISISTLV.unsupportedMetric, count: 3))
                entry.neighbor.encode(into: &bytes)
            }
        case .isNeighbors(let macs):
            for mac in macs { bytes.append(contentsOf: mac.bytes) }
        case .padding(let count):
            bytes.appendZeros(count)
        case .lspEntries(let entries):
            for entry in entries { entry.encode(into: &bytes) }
        case .extendedISReachability(let entries):
            for entry in entries {
                entry.neighbor.encode(into: &bytes)
                bytes.appendUInt24(entry.metric)
                bytes.append(0)  // sub-TLV length
            }
        case .ipInternalReachability(let entries), .ipExternalReachability(let entries):
            for entry in entries {
                bytes.append((entry.down ? 0x80 : 0) | entry.metric & 0x3F)
                bytes.append(contentsOf: repeatElement(ISISTLV.unsupportedMetric, count: 3))
                bytes.appendBigEndian(entry.prefix.network.value)
                bytes.appendBigEndian(entry.prefix.mask)
            }
        case .protocolsSupported(let nlpids):
            bytes.append(contentsOf: nlpids)
        case .ipInterfaceAddresses(let addresses):
            for address in addresses { bytes.appendBigEndian(address.value) }
        case .extendedIPReachability(let entries):
            for entry in entries {
                bytes.appendBigEndian(entry.metric)
                bytes.append((entry.down ? 0x80 : 0) | entry.prefix.length & 0x3F)
                let significant = (Int(entry.prefix.length) + 7) / 8
                bytes.append(contentsOf: IPv4Address(entry.prefix.network.value).bytes.prefix(significant))
            }
        case .hostname(let name):
            bytes.append(contentsOf: Array(name.utf8))
        case .threeWayAdjacency(let adjacency):
            bytes.append(adjacency.state.rawValue)
            if let local = adjacency.extendedLocalCircuitID {
                bytes.appendBigEndian(local)
                if let neighbor = adjacency.neighbor {
                    bytes.append(contentsOf: neighbor.systemID.bytes)
                    bytes.appendBigEndian(neighbor.extendedCircuitID)
                }
            }
        }
    }

    /// Reads TLVs up to the end of `reader`.
    static func readAll(_ reader: inout ByteReader) throws(WireDecodingError) -> [ISISTLV] {
        var tlvs: [ISISTLV] = []
        while reader.remaining > 0 {
            let start = reader.offset
            try reader.require(2, for: "IS-IS TLV header")
            let type = try reader.readUInt8()
            let length = Int(try reader.readUInt8())
            var value = try reader.split(length, context: "IS-IS TLV \(type)")
            tlvs.append(try ISISTLV(reading: &value, type: type, typeOffset: start))
            try value.expectEnd()
        }
        return tlvs
    }

    /// Reads the value of a TLV of `type`; the value fills `reader`.
    init(reading reader: inout ByteReader, type: UInt8, typeOffset: Int) throws(WireDecodingError) {
        switch type {
        case 1:
            var areas: [ISISAreaAddress] = []
            while reader.remaining > 0 {
                let offset = reader.offset
                let length = Int(try reader.readUInt8())
                guard let area = ISISAreaAddress(bytes: try reader.readBytes(length)) else {
                    throw WireDecodingError(.badLength(length), field: "IS-IS area address length", offset: offset)
                }
                areas.append(area)
            }
            self = .areaAddresses(areas)
        case 2:
            try reader.expectZero(count: 1, field: "IS-IS virtual flag")
            try reader.expectMultiple(of: 11, field: "IS-IS IS reachability length")
            var entries: [ISISNarrowISReach] = []
            while reader.remaining > 0 {
                let metric = try reader.readNarrowMetric(allowingDown: false).metric
                entries.append(ISISNarrowISReach(neighbor: try reader.readNodeID(), metric: metric))
            }
            self = .isReachability(entries)
        case 6:
            try reader.expectMultiple(of: 6, field: "IS-IS IS neighbors length")
            var macs: [MACAddress] = []
            while reader.remaining > 0 { macs.append(try reader.readMAC()) }
            self = .isNeighbors(macs)
        case 8:
            let count = reader.remaining
            try reader.expectZero(count: count, field: "IS-IS padding")
            self = .padding(count: count)
        case 9:
            try reader.expectMultiple(of: 16, field: "IS-IS LSP entries length")
            var entries: [ISISLSPEntry] = []
            while reader.remaining > 0 {
                entries.append(ISISLSPEntry(remainingLifetime: try reader.readUInt16(), lspID: try reader.readLSPID(),
                                            sequenceNumber: try reader.readUInt32(), checksum: try reader.readUInt16()))
            }
            self = .lspEntries(entries)
        case 22:
            try reader.expectMultiple(of: 11, field: "IS-IS extended IS reachability length")
            var entries: [ISISExtendedISReach] = []
            while reader.remaining > 0 {
                let neighbor = try reader.readNodeID()
                let metric = try reader.readUInt24()
                let subOffset = reader.offset
                let subLength = try reader.readUInt8()
                guard subLength == 0 else {
                    throw WireDecodingError(.unsupported(UInt32(subLength)), field: "IS-IS sub-TLV length",
                                            offset: subOffset)
                }
                entries.append(ISISExtendedISReach(neighbor: neighbor, metric: metric))
            }
            self = .extendedISReachability(entries)
        case 128, 130:
            try reader.expectMultiple(of: 12, field: "IS-IS IP reachability length")
            var entries: [ISISNarrowPrefix] = []
            while reader.remaining > 0 {
                let (metric, down) = try reader.readNarrowMetric(allowingDown: true)
                let offset = reader.offset
                let address = try reader.readAddress()
                let mask = try reader.readUInt32()
                let length = UInt8(mask.nonzeroBitCount)
                guard IPv4Prefix.mask(length) == mask else {
                    throw WireDecodingError(.invalid(mask), field: "IS-IS prefix mask", offset: offset + 4)
                }
                guard address.value & ~mask == 0 else {
                    throw WireDecodingError(.invalid(address.value), field: "IS-IS prefix host bits", offset: offset)
                }
                entries.append(ISISNarrowPrefix(prefix: IPv4Prefix(address, length: length), metric: metric, down: down))
            }
            self = type == 128 ? .ipInternalReachability(entries) : .ipExternalReachability(entries)
        case 129:
            self = .protocolsSupported(try reader.readBytes(reader.remaining))
        case 132:
            try reader.expectMultiple(of: 4, field: "IS-IS IP interface addresses length")
            var addresses: [IPv4Address] = []
            while reader.remaining > 0 { addresses.append(try reader.readAddress()) }
            self = .ipInterfaceAddresses(addresses)
        case 135:
            var entries: [ISISExtendedPrefix] = []
            while reader.remaining > 0 {
                let metric = try reader.readUInt32()
                let controlOffset = reader.offset
                let control = try reader.readUInt8()
                guard control & 0x40 == 0 else {
                    throw WireDecodingError(.unsupported(UInt32(control)), field: "IS-IS prefix sub-TLVs",
                                            offset: controlOffset)
                }
                let length = control & 0x3F
                guard length <= 32 else {
                    throw WireDecodingError(.invalid(UInt32(length)), field: "IS-IS prefix length", offset: controlOffset)
                }
                let prefixOffset = reader.offset
                let significant = try reader.readBytes((Int(length) + 7) / 8)
                let value = (significant + [0, 0, 0, 0]).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard value & ~IPv4Prefix.mask(length) == 0 else {
                    throw WireDecodingError(.invalid(value), field: "IS-IS prefix host bits", offset: prefixOffset)
                }
                entries.append(ISISExtendedPrefix(prefix: IPv4Prefix(IPv4Address(value), length: length), metric: metric,
                                                  down: control & 0x80 != 0))
            }
            self = .extendedIPReachability(entries)
        case 137:
            let bytes = try reader.readBytes(reader.remaining)
            let name = String(decoding: bytes, as: UTF8.self)
            guard Array(name.utf8) == bytes else {
                throw WireDecodingError(.invalid(UInt32(bytes.count)), field: "IS-IS hostname (not UTF-8)",
                                        offset: typeOffset + 2)
            }
            self = .hostname(name)
        case 240:
            let length = reader.remaining
            guard length == 1 || length == 5 || length == 15 else {
                throw WireDecodingError(.badLength(length), field: "IS-IS three-way adjacency length",
                                        offset: typeOffset + 1)
            }
            let stateByte = try reader.readUInt8()
            guard let state = ISISThreeWayAdjacency.State(rawValue: stateByte) else {
                throw WireDecodingError(.invalid(UInt32(stateByte)), field: "IS-IS adjacency three-way state",
                                        offset: typeOffset + 2)
            }
            var local: UInt32?, neighbor: ISISThreeWayAdjacency.Neighbor?
            if length >= 5 { local = try reader.readUInt32() }
            if length == 15 {
                neighbor = .init(systemID: try reader.readSystemID(), extendedCircuitID: try reader.readUInt32())
            }
            self = .threeWayAdjacency(ISISThreeWayAdjacency(state: state, extendedLocalCircuitID: local,
                                                            neighbor: neighbor))
        default:
            throw WireDecodingError(.unsupported(UInt32(type)), field: type == 10 ? "IS-IS authentication TLV"
                                        : "IS-IS TLV type", offset: typeOffset)
        }
    }
}

extension ISISNodeID {
    func encode(into bytes: inout [UInt8]) {
        bytes.append(contentsOf: systemID.bytes)
        bytes.append(pseudonode)
    }
}

extension ISISLSPID {
    func encode(into bytes: inout [UInt8]) {
        node.encode(into: &bytes)
        bytes.append(fragment)
    }
}

extension ISISLSPEntry {
    func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(remainingLifetime)
        lspID.encode(into: &bytes)
        bytes.appendBigEndian(sequenceNumber)
        bytes.appendBigEndian(checksum)
    }
}

extension IPv4Address {
    /// The four octets in network order.
    var bytes: [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
}

extension Array where Element == UInt8 {
    mutating func appendUInt24(_ value: UInt32) {
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }
}

extension ByteReader {
    mutating func readSystemID() throws(WireDecodingError) -> ISISSystemID {
        let bytes = try readBytes(6)
        return ISISSystemID(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    mutating func readNodeID() throws(WireDecodingError) -> ISISNodeID {
        ISISNodeID(systemID: try readSystemID(), pseudonode: try readUInt8())
    }

    mutating func readLSPID() throws(WireDecodingError) -> ISISLSPID {
        ISISLSPID(node: try readNodeID(), fragment: try readUInt8())
    }

    /// A narrow default metric byte (the up/down bit only where allowed, I/E internal) and the
    /// three "not supported" metric bytes after it.
    mutating func readNarrowMetric(allowingDown: Bool) throws(WireDecodingError) -> (metric: UInt8, down: Bool) {
        let offset = self.offset
        let byte = try readUInt8()
        guard byte & 0x40 == 0, allowingDown || byte & 0x80 == 0 else {
            throw WireDecodingError(.unsupported(UInt32(byte)), field: "IS-IS default metric flags", offset: offset)
        }
        for index in 1...3 {
            let other = try readUInt8()
            guard other == ISISTLV.unsupportedMetric else {
                throw WireDecodingError(.unsupported(UInt32(other)), field: "IS-IS delay/expense/error metric",
                                        offset: offset + index)
            }
        }
        return (byte & 0x3F, byte & 0x80 != 0)
    }
}
