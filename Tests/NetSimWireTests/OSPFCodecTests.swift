import NetSimWire
import Testing

@Suite("OSPF codec")
struct OSPFCodecTests {
    /// A Hello from 1.1.1.1 in area 0 on 10.0.12.0/24 (DR 10.0.12.2, BDR 10.0.12.1, one neighbor
    /// 2.2.2.2), bytes and checksums (OSPF ca91, IP c19b) computed by hand.
    static let hello = EthernetFrame(
        destination: .multicast(OSPFPacket.allSPFRouters), source: .local(device: 1, port: 0),
        payload: .ipv4(IPv4Packet(
            source: IPv4Address(10, 0, 12, 1), destination: OSPFPacket.allSPFRouters, ttl: 1, identification: 0x100,
            tos: 0xC0,
            payload: .ospf(OSPFPacket(
                routerID: IPv4Address(1, 1, 1, 1), areaID: .zero,
                body: .hello(OSPFHello(networkMask: IPv4Address(255, 255, 255, 0), helloInterval: 10, options: 2,
                                       priority: 1, deadInterval: 40, designatedRouter: IPv4Address(10, 0, 12, 2),
                                       backupDesignatedRouter: IPv4Address(10, 0, 12, 1),
                                       neighbors: [IPv4Address(2, 2, 2, 2)])))))))
    static let helloBytes = hexBytes(
        "0100 5e00 0005 0200 0000 0100 0800",
        "45c0 0044 0100 0000 0159 c19b 0a00 0c01 e000 0005",
        "0201 0030 0101 0101 0000 0000 ca91 0000 0000 0000 0000 0000",  // header, AuType 0
        "ffff ff00 000a 0201 0000 0028 0a00 0c02 0a00 0c01 0202 0202")

    @Test func helloBytesAreHandComputed() throws {
        #expect(OSPFCodecTests.hello.encoded() == OSPFCodecTests.helloBytes)
        #expect(try EthernetFrame(decoding: OSPFCodecTests.helloBytes) == OSPFCodecTests.hello)
    }

    /// Real OSPFv2 packets between two routers in area 0.0.0.1, as tcpdump printed them (the
    /// capture behind gopacket's OSPF layer tests): IP and OSPF checksums from the routers
    /// themselves, and in the update seven LSAs with their Fletcher checksums. Each decodes
    /// and encodes back to the very same bytes.
    static let capturedHello = hexBytes(
        "0100 5e00 0005 00e0 18b1 0cad 0800 45c0 0040 0812 0000 0159 65dd c0a8 aa08 e000",
        "0005 0201 002c c0a8 aa08 0000 0001 273b 0000 0000 0000 0000 0000 ffff ff00 000a",
        "0201 0000 0028 c0a8 aa08 0000 0000")
    static let capturedDatabaseDescription = hexBytes(
        "0060 0881 7a70 00e0 18b1 0cad 0800 45c0 0034 2be5 0000 0159 b770 c0a8 aa08 c0a8",
        "aa02 0202 0020 c0a8 aa08 0000 0001 a052 0000 0000 0000 0000 0000 05dc 0207 4177",
        "a97e")
    static let capturedRequest = hexBytes(
        "00e0 18b1 0cad 0060 0881 7a70 0800 45c0 0038 88c6 0000 0159 5a8b c0a8 aa02 c0a8",
        "aa08 0203 0024 c0a8 aa03 0000 0001 bdc7 0000 0000 0000 0000 0000 0000 0001 c0a8",
        "aa08 c0a8 aa08")
    static let capturedUpdate = hexBytes(
        "0100 5e00 0006 0060 0881 7a70 0800 45c0 0138 3025 0000 0159 3cd7 c0a8 aa02 e000",
        "0006 0204 0124 c0a8 aa03 0000 0001 366b 0000 0000 0000 0000 0000 0000 0007 0002",
        "0201 c0a8 aa03 c0a8 aa03 8000 0001 3a9c 0030 0200 0002 c0a8 aa00 ffff ff00 0300",
        "000a c0a8 aa00 ffff ff00 0300 000a 0003 0205 50d4 1000 c0a8 aa02 8000 0001 2a49",
        "0024 ffff ffff 8000 0014 0000 0000 0000 0000 0003 0205 9479 ab00 c0a8 aa02 8000",
        "0001 34a5 0024 ffff ff00 8000 0014 c0a8 aa01 0000 0000 0003 0205 c082 7800 c0a8",
        "aa02 8000 0001 d319 0024 ffff ff00 8000 0014 0000 0000 0000 0000 0003 0205 c0a8",
        "0000 c0a8 aa02 8000 0001 3708 0024 ffff ff00 8000 0014 0000 0000 0000 0000 0003",
        "0205 c0a8 0100 c0a8 aa02 8000 0001 2c12 0024 ffff ff00 8000 0014 0000 0000 0000",
        "0000 0003 0205 c0a8 ac00 c0a8 aa02 8000 0001 3341 0024 ffff ff00 8000 0014 c0a8",
        "aa0a 0000 0000")
    static let capturedAck = hexBytes(
        "0060 0881 7a70 00e0 18b1 0cad 0800 45c0 0040 2bea 0000 0159 b75f c0a8 aa08 c0a8",
        "aa02 0205 002c c0a8 aa08 0000 0001 e2f4 0000 0000 0000 0000 0000 0e10 0201 c0a8",
        "aa02 c0a8 aa02 8000 0001 4a8e 0030")

    static func ospf(_ frame: EthernetFrame) -> OSPFPacket? {
        guard case .ipv4(let packet) = frame.payload, case .ospf(let ospf) = packet.payload else { return nil }
        return ospf
    }

    @Test(arguments: [capturedHello, capturedDatabaseDescription, capturedRequest, capturedUpdate, capturedAck])
    func capturedPacketsRoundTripByteForByte(_ bytes: [UInt8]) throws {
        let frame = try EthernetFrame(decoding: bytes)
        #expect(frame.encoded() == bytes)
        #expect(frame.wireLength == bytes.count)
    }

    @Test func capturedPacketsDecodeToTheFieldsTcpdumpShows() throws {
        let hello = try #require(OSPFCodecTests.ospf(try EthernetFrame(decoding: OSPFCodecTests.capturedHello)))
        #expect(hello.routerID == IPv4Address(192, 168, 170, 8))
        #expect(hello.areaID == IPv4Address(0, 0, 0, 1))
        #expect(hello.body == .hello(OSPFHello(networkMask: IPv4Address(255, 255, 255, 0), helloInterval: 10,
                                               options: 2, priority: 1, deadInterval: 40,
                                               designatedRouter: IPv4Address(192, 168, 170, 8),
                                               backupDesignatedRouter: .zero, neighbors: [])))
        let dd = try #require(OSPFCodecTests.ospf(try EthernetFrame(decoding: OSPFCodecTests.capturedDatabaseDescription)))
        #expect(dd.body == .databaseDescription(OSPFDatabaseDescription(
            interfaceMTU: 1500, options: 2, isInit: true, hasMore: true, isMaster: true, sequence: 1_098_361_214,
            headers: [])))
        let request = try #require(OSPFCodecTests.ospf(try EthernetFrame(decoding: OSPFCodecTests.capturedRequest)))
        #expect(request.body == .linkStateRequest([LSAKey(type: .router, linkStateID: IPv4Address(192, 168, 170, 8),
                                                          advertisingRouter: IPv4Address(192, 168, 170, 8))]))
        let update = try #require(OSPFCodecTests.ospf(try EthernetFrame(decoding: OSPFCodecTests.capturedUpdate)))
        guard case .linkStateUpdate(let lsas) = update.body else {
            Issue.record("not an update")
            return
        }
        #expect(lsas.map(\.header.checksum) == [0x3A9C, 0x2A49, 0x34A5, 0xD319, 0x3708, 0x2C12, 0x3341])
        #expect(lsas[0].body == .router(RouterLSABody(isASBoundaryRouter: true, isAreaBorderRouter: false, links: [
            RouterLink(kind: .stub, linkID: IPv4Address(192, 168, 170, 0), linkData: IPv4Address(255, 255, 255, 0),
                       metric: 10),
            RouterLink(kind: .stub, linkID: IPv4Address(192, 168, 170, 0), linkData: IPv4Address(255, 255, 255, 0),
                       metric: 10),
        ])))
        #expect(lsas[2].body == .external(ExternalLSABody(networkMask: IPv4Address(255, 255, 255, 0), isType2: true,
                                                          metric: 20,
                                                          forwardingAddress: IPv4Address(192, 168, 170, 1))))
        // netsim's own encoder computes the routers' Fletcher checksums for the same contents.
        for lsa in lsas {
            #expect(LSA.make(age: lsa.header.age, options: lsa.header.options, key: lsa.key,
                             sequence: lsa.header.sequence, body: lsa.body) == lsa)
        }
        let ack = try #require(OSPFCodecTests.ospf(try EthernetFrame(decoding: OSPFCodecTests.capturedAck)))
        #expect(ack.body == .linkStateAck([LSAHeader(
            age: 3600, options: 2, key: LSAKey(type: .router, linkStateID: IPv4Address(192, 168, 170, 2),
                                               advertisingRouter: IPv4Address(192, 168, 170, 2)),
            sequence: LSAHeader.initialSequence, checksum: 0x4A8E, length: 48)]))
    }

    /// Offsets in the OSPF packet of the hand-computed Hello, which starts at frame offset 34.
    static let ospfStart = 34

    @Test(arguments: [
        (0, UInt8(3), WireDecodingError(.unsupported(3), field: "OSPF version", offset: 34)),
        (1, UInt8(6), WireDecodingError(.unsupported(6), field: "OSPF packet type", offset: 35)),
        (1, UInt8(2), WireDecodingError(.badLength(16), field: "Database Description length", offset: 66)),
        (1, UInt8(4), WireDecodingError(.badLength(0xFFFF_FF00), field: "LS Update LSA count", offset: 58)),
        (1, UInt8(5), WireDecodingError(.badLength(24), field: "LS Acknowledgment length", offset: 58)),
        (1, UInt8(3), WireDecodingError(.unsupported(0xFFFF_FF00), field: "LS type", offset: 58)),
        (3, UInt8(0x17), WireDecodingError(.badLength(0x17), field: "OSPF packet length", offset: 36)),
        (3, UInt8(0x2F), WireDecodingError(.badLength(3), field: "OSPF Hello neighbor list length", offset: 78)),
        (3, UInt8(0x34), WireDecodingError(.truncated(needed: 48, available: 44), field: "OSPF packet", offset: 38)),
        (15, UInt8(1), WireDecodingError(.unsupported(1), field: "OSPF AuType", offset: 48)),
    ])
    func headerFieldsAreChecked(index: Int, value: UInt8, expected: WireDecodingError) {
        var bytes = OSPFCodecTests.helloBytes
        bytes[OSPFCodecTests.ospfStart + index] = value
        ChecksumRepair.ospf(&bytes, at: OSPFCodecTests.ospfStart)
        #expect(decodingError { _ = try EthernetFrame(decoding: bytes) } == expected)
    }

    @Test func checksumIsVerifiedButAuthenticationBytesAreNot() throws {
        var bytes = OSPFCodecTests.helloBytes
        bytes[OSPFCodecTests.ospfStart + 44] = 0x03  // a neighbor byte
        #expect(decodingError { _ = try EthernetFrame(decoding: bytes) }
            == WireDecodingError(.badChecksum(stored: 0xCA91, computed: 0xC991), field: "OSPF checksum", offset: 46))
        var authenticated = OSPFCodecTests.helloBytes
        authenticated[OSPFCodecTests.ospfStart + 20] = 0x5A  // outside the checksum, ignored with AuType 0
        #expect(try EthernetFrame(decoding: authenticated) == OSPFCodecTests.hello)
    }

    @Test func bytesAfterTheOSPFLengthAreRejected() {
        var bytes = OSPFCodecTests.helloBytes + [0, 0, 0, 0]
        bytes[17] += 4  // IP total length
        ChecksumRepair.ipv4Header(&bytes, at: 14)
        #expect(decodingError { _ = try EthernetFrame(decoding: bytes) }
            == WireDecodingError(.trailingBytes(count: 4), field: "OSPF packet", offset: 82))
    }
}
