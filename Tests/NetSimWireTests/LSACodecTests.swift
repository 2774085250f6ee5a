import NetSimWire
import Testing

@Suite("LSA codec")
struct LSACodecTests {
    /// The router-LSA of `ChecksumTests`: 1.1.1.1 with a stub link to 10.0.1.0/24, metric 10.
    static let routerLSA = hexBytes("0000 0201 0101 0101 0101 0101 8000 0001 82b3 0024",
                                    "0000 0001 0a00 0100 ffff ff00 0300 000a")

    @Test func routerLSADecodes() throws {
        let lsa = try LSA(decoding: LSACodecTests.routerLSA)
        #expect(lsa.key == LSAKey(type: .router, linkStateID: IPv4Address(1, 1, 1, 1),
                                  advertisingRouter: IPv4Address(1, 1, 1, 1)))
        #expect(lsa.body == .router(RouterLSABody(isASBoundaryRouter: false, isAreaBorderRouter: false, links: [
            RouterLink(kind: .stub, linkID: IPv4Address(10, 0, 1, 0), linkData: IPv4Address(255, 255, 255, 0),
                       metric: 10),
        ])))
        #expect(lsa.encoded() == LSACodecTests.routerLSA)
        #expect(try LSAHeader(decoding: LSACodecTests.routerLSA.prefix(20)) == lsa.header)
        #expect(lsa.header.encoded() == Array(LSACodecTests.routerLSA.prefix(20)))
    }

    /// Every body type decodes to the LSA that was encoded.
    @Test(arguments: LSAType.allCases)
    func everyTypeRoundTrips(_ type: LSAType) throws {
        var generator = PacketGenerator(seed: UInt64(type.rawValue))
        var seen = 0
        while seen < 50 {
            let lsa = generator.lsa()
            guard lsa.key.type == type else { continue }
            seen += 1
            #expect(try LSA(decoding: lsa.encoded()) == lsa)
        }
    }

    @Test func fletcherChecksumIsVerified() {
        var bytes = LSACodecTests.routerLSA
        bytes[35] = 11  // metric 11
        #expect(decodingError { _ = try LSA(decoding: bytes) }
            == WireDecodingError(.badChecksum(stored: 0x82B3, computed: FletcherChecksum.lsaChecksum(of: bytes)),
                                 field: "LSA checksum", offset: 16))
        var aged = LSACodecTests.routerLSA
        aged[1] = 0x33  // the age is outside the checksum
        #expect((try? LSA(decoding: aged))?.header.age == 0x33)
    }

    /// Bits netsim does not keep are refused even under a valid checksum, since the LSA could not
    /// be re-encoded to the same checksum without them.
    @Test(arguments: [
        (3, UInt8(7), WireDecodingError(.unsupported(7), field: "LS type", offset: 3)),
        (19, UInt8(0x13), WireDecodingError(.badLength(0x13), field: "LSA length", offset: 18)),
        (19, UInt8(0x28), WireDecodingError(.truncated(needed: 20, available: 16), field: "router-LSA body",
                                            offset: 20)),
        (20, UInt8(0x10), WireDecodingError(.unsupported(0x10), field: "router-LSA flags", offset: 20)),
        (21, UInt8(0x01), WireDecodingError(.invalid(1), field: "router-LSA reserved byte", offset: 21)),
        (23, UInt8(0x02), WireDecodingError(.badLength(2), field: "router-LSA link count", offset: 22)),
        (32, UInt8(0x05), WireDecodingError(.invalid(5), field: "router-LSA link type", offset: 32)),
        (33, UInt8(0x01), WireDecodingError(.unsupported(1), field: "router-LSA TOS count", offset: 33)),
    ])
    func reservedAndUnmodelledBitsAreRefused(index: Int, value: UInt8, expected: WireDecodingError) {
        var bytes = LSACodecTests.routerLSA
        bytes[index] = value
        if index != 19 { ChecksumRepair.lsa(&bytes, at: 0) }
        #expect(decodingError { _ = try LSA(decoding: bytes) } == expected)
    }

    @Test func summaryAndExternalReservedBitsAreRefused() throws {
        let summary = LSA.make(options: 2, key: LSAKey(type: .summaryNetwork, linkStateID: IPv4Address(10, 9, 0, 0),
                                                       advertisingRouter: IPv4Address(2, 2, 2, 2)),
                               sequence: 5, body: .summary(SummaryLSABody(networkMask: IPv4Address(255, 255, 0, 0),
                                                                          metric: 0xFF_FFFF)))
        var bytes = summary.encoded()
        bytes[24] = 0x80
        ChecksumRepair.lsa(&bytes, at: 0)
        #expect(decodingError { _ = try LSA(decoding: bytes) }
            == WireDecodingError(.invalid(0x80), field: "summary-LSA reserved byte", offset: 24))
        let external = LSA.make(options: 2, key: LSAKey(type: .asExternal, linkStateID: IPv4Address(172, 16, 0, 0),
                                                        advertisingRouter: IPv4Address(3, 3, 3, 3)),
                                sequence: 5, body: .external(ExternalLSABody(
                                    networkMask: IPv4Address(255, 240, 0, 0), isType2: true, metric: 20)))
        var externalBytes = external.encoded()
        #expect(externalBytes[24] == 0x80)
        externalBytes[24] = 0x81
        ChecksumRepair.lsa(&externalBytes, at: 0)
        #expect(decodingError { _ = try LSA(decoding: externalBytes) }
            == WireDecodingError(.invalid(0x81), field: "AS-external-LSA TOS bits", offset: 24))
        // A TOS metric after the TOS-0 one makes the body longer than netsim's.
        var tos = external.encoded() + [0x08, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0]
        tos[19] += 12
        ChecksumRepair.lsa(&tos, at: 0)
        #expect(decodingError { _ = try LSA(decoding: tos) }
            == WireDecodingError(.trailingBytes(count: 12), field: "external-LSA body", offset: 36))
    }
}
