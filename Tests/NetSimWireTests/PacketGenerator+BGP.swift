import NetSimWire

/// Random BGP messages for the codec tests: every message type, every modelled capability and
/// path attribute, with values kept to what the decoder gives back unchanged: version 4,
/// nonzero AS numbers and identifiers, capabilities in capability parameters, attributes only
/// with NLRI and then with a NEXT_HOP that is a host address, AS_PATH segments of 1 to 255
/// numbers (255 only in the first, so that every UPDATE fits in 4096 bytes), unrecognized
/// attributes of unknown codes in code order. For two-octet sessions, confederation segments
/// come only in front, where RFC 6793's merge keeps them, and hold only two-octet members.
extension PacketGenerator {
    mutating func bgpMessage(fourOctetAS: Bool = true) -> BGPMessage {
        switch int(0...5) {
        case 0: .open(bgpOpen())
        case 1, 2: .update(bgpUpdate(fourOctetAS: fourOctetAS))
        case 3: .notification(BGPNotification(code: uint8(), subcode: uint8(), data: list(0...30) { $0.uint8() }))
        case 4: .keepalive
        default: .routeRefresh(BGPRouteRefresh(family: bgpFamily(), subtype: uint8()))
        }
    }

    mutating func nonzeroUInt32() -> UInt32 { UInt32.random(in: 1...UInt32.max, using: &random) }
    mutating func bgpFamily() -> BGPAddressFamily { bool() ? .ipv4Unicast : BGPAddressFamily(afi: uint16(), safi: uint8()) }

    mutating func bgpOpen() -> BGPOpen {
        // Many parameters now and then, to need RFC 9072's extended parameter lengths.
        let parameters: [BGPOptionalParameter] = list(int(0...9) == 0 ? 20...40 : 0...3) {
            .capabilities($0.list(0...4) { $0.bgpCapability() })
        }
        return BGPOpen(myAutonomousSystem: UInt16.random(in: 1...UInt16.max, using: &random), holdTime: uint16(),
                       identifier: IPv4Address(nonzeroUInt32()), optionalParameters: parameters)
    }

    static let modelledCapabilityCodes: Set<UInt8> = [1, 2, 64, 65, 70]

    mutating func bgpCapability() -> BGPCapability {
        switch int(0...5) {
        case 0: .multiprotocol(bgpFamily())
        case 1: .routeRefresh
        case 2:
            .gracefulRestart(BGPGracefulRestartCapability(
                restarting: bool(), notificationSupport: bool(), restartTime: UInt16(int(0...0xFFF)),
                families: list(0...4) { .init(family: $0.bgpFamily(), forwardingPreserved: $0.bool()) }))
        case 3: .fourOctetAS(nonzeroUInt32())
        case 4: .enhancedRouteRefresh
        default:
            .other(code: unknownCode(avoiding: PacketGenerator.modelledCapabilityCodes), value: list(0...20) { $0.uint8() })
        }
    }

    mutating func unknownCode(avoiding known: Set<UInt8>) -> UInt8 {
        while true {
            let code = uint8()
            if !known.contains(code) { return code }
        }
    }

    /// An AS number, small or needing four octets, about half each.
    mutating func autonomousSystem() -> UInt32 { bool() ? UInt32(int(1...65535)) : nonzeroUInt32() }

    /// A unicast host address for NEXT_HOP (not 0/8, 127/8 or 224/3).
    mutating func hostAddress() -> IPv4Address {
        while true {
            let address = address()
            let first = address.value >> 24
            if first != 0, first != 127, first < 224 { return address }
        }
    }

    mutating func bgpPath(fourOctetAS: Bool) -> BGPASPath {
        var segments: [BGPASPathSegment] = []
        for index in 0..<int(0...4) {
            var kinds: [BGPASPathSegment.Kind] = [.sequence, .set]
            if fourOctetAS || index == 0 { kinds += [.confederationSequence, .confederationSet] }
            let count = index == 0 && int(0...9) == 0 ? 255 : int(1...12)
            let kind = kinds[int(0...kinds.count - 1)]
            // AS4_PATH never carries confederation segments, so a two-octet session cannot carry
            // a confederation member that needs four octets.
            let small = !fourOctetAS && (kind == .confederationSequence || kind == .confederationSet)
            segments.append(BGPASPathSegment(kind: kind, numbers: (0..<count).map { _ in
                small ? UInt32(int(1...65535)) : autonomousSystem()
            }))
        }
        return BGPASPath(segments: segments)
    }

    static let knownAttributeCodes: Set<UInt8> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 32]

    mutating func bgpAttributes(fourOctetAS: Bool) -> BGPPathAttributes {
        var codes: Set<UInt8> = []
        for _ in 0..<int(0...3) { codes.insert(unknownCode(avoiding: PacketGenerator.knownAttributeCodes)) }
        return BGPPathAttributes(
            origin: BGPOrigin.allCases[int(0...2)], asPath: bgpPath(fourOctetAS: fourOctetAS), nextHop: hostAddress(),
            multiExitDiscriminator: bool() ? uint32() : nil, localPreference: bool() ? uint32() : nil,
            atomicAggregate: bool(),
            aggregator: bool() ? BGPAggregator(autonomousSystem: autonomousSystem(), address: address()) : nil,
            communities: list(0...6) { BGPCommunity(rawValue: $0.uint32()) },
            originatorID: bool() ? address() : nil, clusterList: list(0...4) { $0.address() },
            extendedCommunities: list(0...4) { BGPExtendedCommunity(rawValue: UInt64($0.uint32()) << 32 | UInt64($0.uint32())) },
            largeCommunities: list(0...4) {
                BGPLargeCommunity(globalAdministrator: $0.uint32(), localData1: $0.uint32(), localData2: $0.uint32())
            },
            unrecognized: codes.sorted().map {
                BGPUnrecognizedAttribute(typeCode: $0, partial: bool(), value: list(int(0...4) == 0 ? 256...300 : 0...12) { $0.uint8() })
            })
    }

    mutating func bgpUpdate(fourOctetAS: Bool) -> BGPUpdate {
        if int(0...9) == 0 { return .endOfRIB }
        let nlri = list(0...15) { $0.prefix() }
        return BGPUpdate(withdrawnRoutes: list(0...15) { $0.prefix() },
                         attributes: nlri.isEmpty ? nil : bgpAttributes(fourOctetAS: fourOctetAS), nlri: nlri)
    }
}
