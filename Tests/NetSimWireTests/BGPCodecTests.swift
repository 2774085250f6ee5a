import NetSimWire
import Testing

/// BGP messages against bytes laid out by hand from RFC 4271 §4, RFC 5492, 4760, 2918, 4724,
/// 6793, 1997, 4360, 4456 and 8092.
@Suite("BGP codec")
struct BGPCodecTests {
    static let marker = [UInt8](repeating: 0xFF, count: 16)

    @Test func keepalive() throws {
        let bytes = BGPCodecTests.marker + [0x00, 0x13, 0x04]
        #expect(BGPMessage.keepalive.encoded() == bytes)
        #expect(try BGPMessage(decoding: bytes) == .keepalive)
    }

    static let open = BGPOpen(
        autonomousSystem: 65001, holdTime: 180, identifier: IPv4Address("1.1.1.1")!,
        capabilities: [.multiprotocol(.ipv4Unicast), .routeRefresh, .fourOctetAS(65001),
                       .gracefulRestart(BGPGracefulRestartCapability(
                           restarting: false, restartTime: 120,
                           families: [.init(family: .ipv4Unicast, forwardingPreserved: false)]))])

    static let openBytes = marker + hexBytes(
        "0035 01",  // length 53, OPEN
        "04 fde9 00b4 01010101 18",  // version 4, AS 65001, hold 180, identifier, parameters 24 bytes
        "02 16",  // capabilities parameter, 22 bytes
        "01 04 0001 00 01",  // multiprotocol IPv4 unicast
        "02 00",  // route refresh
        "41 04 0000fde9",  // four-octet AS 65001
        "40 06 0078 0001 01 00")  // graceful restart: 120 s, IPv4 unicast without F

    @Test func openWithCapabilities() throws {
        #expect(BGPMessage.open(BGPCodecTests.open).encoded() == BGPCodecTests.openBytes)
        #expect(try BGPMessage(decoding: BGPCodecTests.openBytes) == .open(BGPCodecTests.open))
    }

    static let update = BGPUpdate(
        withdrawnRoutes: [IPv4Prefix("172.16.0.0/12")!],
        attributes: BGPPathAttributes(
            origin: .igp, asPath: BGPASPath(sequence: [65002, 65001]), nextHop: IPv4Address("10.0.12.2")!,
            multiExitDiscriminator: 50, localPreference: 200, atomicAggregate: true,
            aggregator: BGPAggregator(autonomousSystem: 65001, address: IPv4Address("1.1.1.1")!),
            communities: [BGPCommunity(65001, 100), .noExport], originatorID: IPv4Address("2.2.2.2")!,
            clusterList: [IPv4Address("3.3.3.3")!], extendedCommunities: [.routeTarget(65001, 100)],
            largeCommunities: [BGPLargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 1)],
            unrecognized: [BGPUnrecognizedAttribute(typeCode: 99, partial: true, value: [0xDE, 0xAD])]),
        nlri: [IPv4Prefix("10.1.0.0/24")!])

    static let updateBytes = marker + hexBytes(
        "008b 02",  // length 139, UPDATE
        "0003 0c ac10",  // withdrawn routes: 172.16.0.0/12 in two octets
        "006d",  // 109 bytes of attributes
        "40 01 01 00",  // ORIGIN IGP
        "50 02 000a 02 02 0000fdea 0000fde9",  // AS_PATH, extended length as FRR writes it
        "40 03 04 0a000c02",  // NEXT_HOP
        "80 04 04 00000032",  // MED 50
        "40 05 04 000000c8",  // LOCAL_PREF 200
        "40 06 00",  // ATOMIC_AGGREGATE
        "c0 07 08 0000fde9 01010101",  // AGGREGATOR
        "c0 08 08 fde90064 ffffff01",  // COMMUNITIES 65001:100 no-export
        "80 09 04 02020202",  // ORIGINATOR_ID
        "80 0a 04 03030303",  // CLUSTER_LIST
        "c0 10 08 0002fde9 00000064",  // EXTENDED COMMUNITIES RT:65001:100
        "c0 20 0c 0000fde9 00000001 00000001",  // LARGE_COMMUNITY 65001:1:1
        "e0 63 02 dead",  // type 99, optional transitive partial
        "18 0a0100")  // NLRI 10.1.0.0/24

    @Test func updateWithEveryAttribute() throws {
        #expect(BGPMessage.update(BGPCodecTests.update).encoded() == BGPCodecTests.updateBytes)
        #expect(try BGPMessage(decoding: BGPCodecTests.updateBytes) == .update(BGPCodecTests.update))
        #expect(BGPCodecTests.update.wireLength() == 139)
    }

    @Test func notificationRouteRefreshAndEndOfRIB() throws {
        let cease = BGPNotification(code: BGPNotification.cease,
                                    subcode: BGPNotification.CeaseSubcode.administrativeShutdown)
        let fixtures: [(BGPMessage, [UInt8])] = [
            (.notification(cease), BGPCodecTests.marker + hexBytes("0015 03 06 02")),
            (.notification(BGPNotification(code: BGPNotification.openMessageError, subcode: 2, data: [0xFD, 0xEA])),
             BGPCodecTests.marker + hexBytes("0017 03 02 02 fdea")),
            (.routeRefresh(BGPRouteRefresh()), BGPCodecTests.marker + hexBytes("0017 05 0001 00 01")),
            (.update(.endOfRIB), BGPCodecTests.marker + hexBytes("0017 02 0000 0000")),
        ]
        for (message, bytes) in fixtures {
            #expect(message.encoded() == bytes)
            #expect(message.wireLength() == bytes.count)
            #expect(try BGPMessage(decoding: bytes) == message)
        }
        guard case .update(let eor) = try BGPMessage(decoding: fixtures[3].1) else { return }
        #expect(eor.isEndOfRIB)
    }
}

/// Two-octet AS sessions (RFC 6793 §4.2.2 and §4.2.3) and the UPDATE packer.
@Suite("BGP codec: two-octet AS and packing")
struct BGPTwoOctetAndPackingTests {
    static let update = BGPUpdate(
        attributes: BGPPathAttributes(
            asPath: BGPASPath(sequence: [65002, 4_200_000_001]), nextHop: IPv4Address("10.0.12.2")!,
            aggregator: BGPAggregator(autonomousSystem: 4_200_000_001, address: IPv4Address("1.1.1.1")!)),
        nlri: [IPv4Prefix("10.1.0.0/24")!])

    static let bytes = BGPCodecTests.marker + hexBytes(
        "0052 02 0000 0037",  // length 82, no withdrawn routes, 55 bytes of attributes
        "40 01 01 00",
        "50 02 0006 02 02 fdea 5ba0",  // AS_PATH 65002 AS_TRANS
        "40 03 04 0a000c02",
        "c0 07 06 5ba0 01010101",  // AGGREGATOR AS_TRANS
        "d0 11 000a 02 02 0000fdea fa56ea01",  // AS4_PATH 65002 4200000001
        "c0 12 08 fa56ea01 01010101",  // AS4_AGGREGATOR
        "18 0a0100")

    @Test func fourOctetNumbersTravelInAS4Attributes() throws {
        let options = BGPCodecOptions(fourOctetAS: false)
        let message = BGPMessage.update(BGPTwoOctetAndPackingTests.update)
        #expect(message.encoded(options: options) == BGPTwoOctetAndPackingTests.bytes)
        #expect(try BGPMessage(decoding: BGPTwoOctetAndPackingTests.bytes, options: options) == message)
    }

    /// An old speaker (AS 100) prepended itself to AS_PATH only; the merge keeps it in front of
    /// AS4_PATH. An AGGREGATOR that is not AS_TRANS means an old speaker aggregated: both AS4
    /// attributes are ignored.
    @Test func mergeAfterAnOldSpeaker() throws {
        let options = BGPCodecOptions(fourOctetAS: false)
        let prepended = BGPCodecTests.marker + hexBytes(
            "003c 02 0000 0023", "40 01 01 00", "40 02 08 02 03 0064 5ba0 00c8", "40 03 04 0a000c02",
            "c0 11 0a 02 02 00011170 000000c8", "08 0a")
        guard case .update(let update) = try BGPMessage(decoding: prepended, options: options) else { return }
        #expect(update.attributes?.asPath == BGPASPath(sequence: [100, 70000, 200]))

        let oldAggregator = BGPCodecTests.marker + hexBytes(
            "004e 02 0000 0035", "40 01 01 00", "40 02 06 02 02 0064 5ba0", "40 03 04 0a000c02",
            "c0 07 06 0064 01010101", "c0 11 0a 02 02 00000064 00011170", "c0 12 08 00011170 02020202", "08 0a")
        guard case .update(let old) = try BGPMessage(decoding: oldAggregator, options: options) else { return }
        #expect(old.attributes?.asPath == BGPASPath(sequence: [100, 23456]))
        #expect(old.attributes?.aggregator == BGPAggregator(autonomousSystem: 100, address: IPv4Address("1.1.1.1")!))
        // AS4_PATH longer than AS_PATH is ignored.
        let longer = BGPCodecTests.marker + hexBytes(
            "003c 02 0000 0023", "40 01 01 00", "40 02 04 02 01 5ba0", "40 03 04 0a000c02",
            "c0 11 0e 02 03 00000064 00011170 000000c8", "08 0a")
        guard case .update(let ignored) = try BGPMessage(decoding: longer, options: options) else { return }
        #expect(ignored.attributes?.asPath == BGPASPath(sequence: [23456]))
    }

    @Test func packerFillsMessagesAndKeepsOrder() throws {
        let prefixes = (0..<3000).map { (index: Int) -> IPv4Prefix in
            IPv4Prefix(IPv4Address(UInt32(0x0A00_0000 + index * 256)), length: UInt8(16 + index % 17))
        }
        let packer = BGPUpdatePacker()
        let attributes = BGPCodecTests.update.attributes!
        let announcements = try #require(packer.announcing(prefixes, with: attributes))
        let withdrawals = packer.withdrawing(prefixes)
        let cases: [([BGPUpdate], KeyPath<BGPUpdate, [IPv4Prefix]>)] = [
            (announcements, \BGPUpdate.nlri), (withdrawals, \BGPUpdate.withdrawnRoutes),
        ]
        for (updates, field) in cases {
            #expect(updates.flatMap { $0[keyPath: field] } == prefixes)
            for (index, update) in updates.enumerated() {
                let length = update.wireLength()
                #expect(length <= BGPMessage.maximumLength)
                // Full: the next prefix would not have fitted.
                if index + 1 < updates.count {
                    let next = updates[index + 1][keyPath: field][0]
                    #expect(length + 1 + (Int(next.length) + 7) / 8 > BGPMessage.maximumLength)
                }
                #expect(try BGPMessage(decoding: BGPMessage.update(update).encoded()) == .update(update))
            }
        }
        #expect(announcements.allSatisfy { $0.attributes == attributes && $0.withdrawnRoutes.isEmpty })
        #expect(packer.withdrawing([]).isEmpty)
        #expect(packer.announcing([], with: attributes)?.isEmpty == true)
        // Attributes that leave no room for a prefix.
        var huge = attributes
        huge.unrecognized = [BGPUnrecognizedAttribute(typeCode: 99, partial: false, value: [UInt8](repeating: 0, count: 4000))]
        #expect(packer.announcing(prefixes, with: huge) == nil)
        // A smaller limit gives more messages.
        #expect(BGPUpdatePacker(maximumLength: 1024).withdrawing(prefixes).count > withdrawals.count)
    }
}
