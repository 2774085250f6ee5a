import NetSimWire

/// Random IS-IS PDUs for the codec tests: every PDU type at both levels and every TLV netsim
/// models, with values kept to what the wire holds (6-bit narrow metrics, 24-bit IS metrics,
/// TLV values under 256 bytes, priorities under 128).
extension PacketGenerator {
    mutating func systemID() -> ISISSystemID { ISISSystemID(UInt64.random(in: 0...0xFFFF_FFFF_FFFF, using: &random)) }
    mutating func nodeID() -> ISISNodeID { ISISNodeID(systemID: systemID(), pseudonode: bool() ? 0 : uint8()) }
    mutating func lspID() -> ISISLSPID { ISISLSPID(node: nodeID(), fragment: bool() ? 0 : uint8()) }
    mutating func level() -> ISISLevel { bool() ? .level1 : .level2 }
    mutating func levels() -> ISISLevels { ISISLevels.allCases[int(0...2)] }

    mutating func prefix() -> IPv4Prefix { IPv4Prefix(address(), length: UInt8(int(0...32))) }

    mutating func area() -> ISISAreaAddress { ISISAreaAddress(bytes: list(1...13) { $0.uint8() })! }

    mutating func lspEntry() -> ISISLSPEntry {
        ISISLSPEntry(remainingLifetime: uint16(), lspID: lspID(), sequenceNumber: uint32(), checksum: uint16())
    }

    /// One TLV of any modelled type, small enough for one value.
    mutating func tlv() -> ISISTLV {
        switch int(0...12) {
        case 0: .areaAddresses(list(1...3) { $0.area() })
        case 1: .isReachability(list(0...5) { ISISNarrowISReach(neighbor: $0.nodeID(), metric: UInt8($0.int(0...63))) })
        case 2: .isNeighbors(list(0...8) { $0.mac() })
        case 3: .padding(count: int(0...255))
        case 4: .lspEntries(list(0...15) { $0.lspEntry() })
        case 5: .extendedISReachability(list(0...10) {
            ISISExtendedISReach(neighbor: $0.nodeID(), metric: UInt32($0.int(0...0xFF_FFFF)))
        })
        case 6: .ipInternalReachability(list(0...8) { $0.narrowPrefix() })
        case 7: .ipExternalReachability(list(0...8) { $0.narrowPrefix() })
        case 8: .protocolsSupported(list(0...3) { $0.uint8() })
        case 9: .ipInterfaceAddresses(list(0...10) { $0.address() })
        case 10: .extendedIPReachability(list(0...10) {
            ISISExtendedPrefix(prefix: $0.prefix(), metric: $0.uint32(), down: $0.bool())
        })
        case 11: .hostname(String((0..<int(1...20)).map { _ in Character(Unicode.Scalar(UInt8(int(97...122)))) }))
        default: .threeWayAdjacency(threeWay())
        }
    }

    mutating func narrowPrefix() -> ISISNarrowPrefix {
        ISISNarrowPrefix(prefix: prefix(), metric: UInt8(int(0...63)), down: bool())
    }

    mutating func threeWay() -> ISISThreeWayAdjacency {
        let states: [ISISThreeWayAdjacency.State] = [.up, .initializing, .down]
        let local: UInt32? = bool() ? nil : uint32()
        let neighbor = bool() ? nil : ISISThreeWayAdjacency.Neighbor(systemID: systemID(), extendedCircuitID: uint32())
        return ISISThreeWayAdjacency(state: states[int(0...2)], extendedLocalCircuitID: local, neighbor: neighbor)
    }

    mutating func tlvs() -> [ISISTLV] { list(0...5) { $0.tlv() } }

    mutating func isisPDU() -> ISISPDU {
        switch int(0...4) {
        case 0:
            .lanHello(ISISLANHello(level: level(), circuitType: levels(), sourceID: systemID(), holdingTime: uint16(),
                                   priority: UInt8(int(0...127)), lanID: nodeID(), tlvs: tlvs()))
        case 1:
            .pointToPointHello(ISISPointToPointHello(circuitType: levels(), sourceID: systemID(), holdingTime: uint16(),
                                                     localCircuitID: uint8(), tlvs: tlvs()))
        case 2: .lsp(lsp())
        case 3:
            .csnp(ISISCSNP(level: level(), sourceID: ISISNodeID(systemID: systemID()), startLSPID: lspID(),
                           endLSPID: lspID(), tlvs: list(0...3) { .lspEntries($0.list(0...15) { $0.lspEntry() }) }))
        default:
            .psnp(ISISPSNP(level: level(), sourceID: ISISNodeID(systemID: systemID()),
                           tlvs: list(0...3) { .lspEntries($0.list(0...15) { $0.lspEntry() }) }))
        }
    }

    mutating func lsp() -> ISISLSP {
        ISISLSP.make(level: level(), remainingLifetime: UInt16(int(1...0xFFFF)), lspID: lspID(),
                     sequenceNumber: uint32(), attached: bool(), overload: bool(), isType: bool() ? .level1 : .level1And2,
                     tlvs: tlvs())
    }
}
