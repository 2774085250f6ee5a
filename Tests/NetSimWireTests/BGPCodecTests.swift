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
