import NetSimWire
import Testing

/// A real session: two FRR 8.4.4 bgpd (AS 65001 router ID 1.1.1.1, AS 4200000002 router ID
/// 2.2.2.2 with graceful restart) in network namespaces over a veth pair, captured with dumpcap
/// on 10.0.12.1's side and read out with `tshark -T fields -e tcp.payload`. r1 announces two
/// networks and an aggregate through a route-map that sets MED 50, communities, a large and an
/// extended community; the session ends with `neighbor 10.0.12.2 shutdown` (a Cease with
/// RFC 8538's Hard Reset, as both ends advertised the N bit).
@Suite("BGP codec on FRR's bytes")
struct BGPFRRCaptureTests {
    /// The TCP payloads 10.0.12.2 sent, one string list per segment, in order.
    static let fromR2: [[UInt8]] = [
        hexBytes(
            "ffffffffffffffffffffffffffffffff006201045ba0001e020202024502060104000100010202800002020200020246",
            "0002064104fa56ea02020206000206450400010101020649040272320002084006c07800010100020947070001018000",
            "0000"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff001304"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff0036020000001c40010100500200060201fa56ea024003040a000c0280040400",
            "0000000cac10ffffffffffffffffffffffffffffffff00170200000000"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff001304"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff001304"),
    ]

    /// The TCP payloads 10.0.12.1 sent, one string list per segment, in order.
    static let fromR1: [[UInt8]] = [
        hexBytes(
            "ffffffffffffffffffffffffffffffff005e0104fde9001e010101014102060104000100010202800002020200020246",
            "00020641040000fde9020206000206450400010101020649040272310002044002c0780209470700010180000000ffff",
            "ffffffffffffffffffffffffffff001304"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff00170200000000"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff0069020000004f400101005002000602010000fde94003040a000c0180040400",
            "000032400600c007080000fde901010101c00808fde90064ffffff01c0200c0000fde90000000100000001c010080002",
            "fde900000064100a01ffffffffffffffffffffffffffffffff005f0200000045400101005002000a02020000fde9fa56",
            "ea024003040a000c0180040400000032c00808fde90064ffffff01c0200c0000fde90000000100000001c010080002fd",
            "e9000000640cac10ffffffffffffffffffffffffffffffff005d0200000041400101005002000602010000fde9400304",
            "0a000c0180040400000032c00808fde90064ffffff01c0200c0000fde90000000100000001c010080002fde900000064",
            "19c0000200"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff001304"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff001304"),
        hexBytes(
            "ffffffffffffffffffffffffffffffff00170306090602"),
    ]
    static func framed(_ segments: [[UInt8]]) throws -> [(message: BGPMessage, bytes: [UInt8])] {
        var framer = BGPMessageFramer()
        var messages: [BGPMessage] = []
        for segment in segments {
            framer.append(segment)
            while let message = try framer.next() { messages.append(message) }
        }
        #expect(framer.bufferedByteCount == 0)
        // The bytes of each message, cut by its length field.
        let stream = segments.flatMap { $0 }
        var offset = 0
        var pieces: [[UInt8]] = []
        while offset < stream.count {
            let length = Int(stream[offset + 16]) << 8 | Int(stream[offset + 17])
            pieces.append(Array(stream[offset..<offset + length]))
            offset += length
        }
        #expect(pieces.count == messages.count)
        return Array(zip(messages, pieces))
    }

    static let r1 = IPv4Address("10.0.12.1")!
    static let r2 = IPv4Address("10.0.12.2")!
    static let ipv4GR = BGPGracefulRestartCapability.Family(family: .ipv4Unicast, forwardingPreserved: false)

    /// FRR's capabilities, each in a parameter of its own: multiprotocol, the old Cisco route
    /// refresh (128), route refresh, enhanced route refresh, four-octet AS, extended message (6),
    /// ADD-PATH (69), FQDN (73), graceful restart, long-lived graceful restart (71).
    static func open(_ asn: UInt32, identifier: String, hostname: UInt8, restart: [BGPGracefulRestartCapability.Family])
        -> BGPOpen
    {
        let capabilities: [BGPCapability] = [
            .multiprotocol(.ipv4Unicast), .other(code: 128, value: []), .routeRefresh, .enhancedRouteRefresh,
            .fourOctetAS(asn), .other(code: 6, value: []), .other(code: 69, value: [0, 1, 1, 1]),
            .other(code: 73, value: [2, 0x72, hostname, 0]),
            .gracefulRestart(BGPGracefulRestartCapability(restarting: true, notificationSupport: true, restartTime: 120,
                                                          families: restart)),
            .other(code: 71, value: [0, 1, 1, 0x80, 0, 0, 0]),
        ]
        return BGPOpen(myAutonomousSystem: asn > 0xFFFF ? BGPOpen.asTrans : UInt16(asn), holdTime: 30,
                       identifier: IPv4Address(identifier)!, optionalParameters: capabilities.map { .capabilities([$0]) })
    }

    @Test func r2Stream() throws {
        let messages = try BGPFRRCaptureTests.framed(BGPFRRCaptureTests.fromR2)
        let expected: [BGPMessage] = [
            .open(BGPFRRCaptureTests.open(4_200_000_002, identifier: "2.2.2.2", hostname: 0x32,
                                          restart: [BGPFRRCaptureTests.ipv4GR])),
            .keepalive,
            .update(BGPUpdate(attributes: BGPPathAttributes(asPath: BGPASPath(sequence: [4_200_000_002]),
                                                            nextHop: BGPFRRCaptureTests.r2, multiExitDiscriminator: 0),
                              nlri: [IPv4Prefix("172.16.0.0/12")!])),
            .update(.endOfRIB), .keepalive, .keepalive,
        ]
        #expect(messages.map(\.message) == expected)
        // netsim writes FRR's bytes back exactly.
        for (message, bytes) in messages { #expect(message.encoded() == bytes) }
        guard case .open(let open) = messages[0].message else { return }
        #expect(open.autonomousSystem == 4_200_000_002)
    }

    @Test func r1Stream() throws {
        let messages = try BGPFRRCaptureTests.framed(BGPFRRCaptureTests.fromR1)
        func announced(_ prefix: String, path: [UInt32], aggregate: Bool = false) -> BGPMessage {
            .update(BGPUpdate(attributes: BGPPathAttributes(
                asPath: BGPASPath(sequence: path), nextHop: BGPFRRCaptureTests.r1, multiExitDiscriminator: 50,
                atomicAggregate: aggregate,
                aggregator: aggregate ? BGPAggregator(autonomousSystem: 65001, address: IPv4Address("1.1.1.1")!) : nil,
                communities: [BGPCommunity(65001, 100), .noExport], extendedCommunities: [.routeTarget(65001, 100)],
                largeCommunities: [BGPLargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 1)]),
                nlri: [IPv4Prefix(prefix)!]))
        }
        let expected: [BGPMessage] = [
            .open(BGPFRRCaptureTests.open(65001, identifier: "1.1.1.1", hostname: 0x31, restart: [])),
            .keepalive, .update(.endOfRIB),
            announced("10.1.0.0/16", path: [65001], aggregate: true),
            announced("172.16.0.0/12", path: [65001, 4_200_000_002]),
            announced("192.0.2.0/25", path: [65001]),
            .keepalive, .keepalive,
            .notification(BGPNotification(code: BGPNotification.cease, subcode: BGPNotification.CeaseSubcode.hardReset,
                                          data: [BGPNotification.cease, BGPNotification.CeaseSubcode.administrativeShutdown])),
        ]
        #expect(messages.map(\.message) == expected)
        for (message, bytes) in messages {
            guard case .update(let update) = message, update.attributes != nil else {
                #expect(message.encoded() == bytes)
                continue
            }
            // FRR writes LARGE_COMMUNITY (32) before EXTENDED COMMUNITIES (16); netsim keeps
            // the ascending order RFC 4271 §5 asks senders for. The attributes are the same.
            let encoded = message.encoded()
            #expect(encoded.count == bytes.count)
            let theirs = BGPTestBytes.attributes(in: bytes).map { [$0.flags, $0.type] + $0.value }
            let ours = BGPTestBytes.attributes(in: encoded).map { [$0.flags, $0.type] + $0.value }
            #expect(ours == theirs.sorted { $0[1] < $1[1] })
            #expect(theirs.map { $0[1] }.suffix(2) == [32, 16])
        }
    }
}
