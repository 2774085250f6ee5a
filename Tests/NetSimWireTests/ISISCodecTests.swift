import NetSimWire
import Testing

/// IS-IS PDUs in 802.3/LLC frames against bytes laid out by hand from ISO 10589 §9, RFC 5303
/// and RFC 5305, the LSP checksum computed independently (ISO 8473 annex C; both Fletcher sums
/// over LSP ID..end come to zero).
@Suite("IS-IS codec")
struct ISISCodecTests {
    /// r1's level-1 LSP: area 49.0001, IPv4, hostname "r1", 192.0.2.1/32 at metric 0.
    static let lspBytes: [UInt8] = [
        0x83, 0x1B, 0x01, 0x00, 0x12, 0x01, 0x00, 0x00,  // common header, type 18 (L1 LSP)
        0x00, 0x33, 0x04, 0xAF,  // PDU length 51, remaining lifetime 1199
        0, 0, 0, 0, 0, 1, 0, 0,  // LSP ID 0000.0000.0001.00-00
        0, 0, 0, 1, 0x1B, 0x9C, 0x01,  // sequence 1, checksum, flags: IS type 1
        0x01, 0x04, 0x03, 0x49, 0x00, 0x01,  // area addresses
        0x81, 0x01, 0xCC,  // protocols supported: IPv4
        0x89, 0x02, 0x72, 0x31,  // hostname "r1"
        0x87, 0x09, 0, 0, 0, 0, 0x20, 0xC0, 0x00, 0x02, 0x01,  // extended IP reachability
    ]

    static let lsp = ISISLSP.make(
        level: .level1, remainingLifetime: 1199,
        lspID: ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(1))), sequenceNumber: 1, isType: .level1,
        tlvs: [.areaAddresses([ISISAreaAddress(bytes: [0x49, 0x00, 0x01])!]), .protocolsSupported([0xCC]),
               .hostname("r1"),
               .extendedIPReachability([ISISExtendedPrefix(prefix: IPv4Prefix("192.0.2.1/32")!, metric: 0)])])

    @Test func lspMatchesTheHandLaidBytes() throws {
        #expect(ISISCodecTests.lsp.checksum == 0x1B9C)
        #expect(ISISPDU.lsp(ISISCodecTests.lsp).encoded() == ISISCodecTests.lspBytes)
        #expect(try ISISPDU(decoding: ISISCodecTests.lspBytes) == .lsp(ISISCodecTests.lsp))
    }

    @Test func aDamagedLSPFailsItsChecksum() throws {
        var bytes = ISISCodecTests.lspBytes
        bytes[50] ^= 0x01
        #expect(throws: WireDecodingError.self) { try ISISPDU(decoding: bytes) }
        // The remaining lifetime is outside the checksum.
        bytes = ISISCodecTests.lspBytes
        bytes[10] = 0x00
        guard case .lsp(let aged) = try ISISPDU(decoding: bytes) else { Issue.record("not an LSP"); return }
        #expect(aged.remainingLifetime == 0x00AF)
    }

    /// A point-to-point Hello to AllISs in an 802.3 frame with the OSI LLC header: circuit type
    /// L1L2, holding time 30, three-way state Up toward 0000.0000.0002.
    @Test func pointToPointHelloInAnLLCFrame() throws {
        let hello = ISISPointToPointHello(
            circuitType: .level1And2, sourceID: ISISSystemID(1), holdingTime: 30, localCircuitID: 0,
            tlvs: [.threeWayAdjacency(ISISThreeWayAdjacency(
                state: .up, extendedLocalCircuitID: 2,
                neighbor: .init(systemID: ISISSystemID(2), extendedCircuitID: 3)))])
        let frame = EthernetFrame(destination: ISISPDU.allISs, source: MACAddress(0x0200_0000_0100),
                                  payload: .isis(.pointToPointHello(hello)))
        let expected: [UInt8] = [
            0x09, 0x00, 0x2B, 0x00, 0x00, 0x05, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00,
            0x00, 0x28,  // 802.3 length: 3 + 37
            0xFE, 0xFE, 0x03,
            0x83, 0x14, 0x01, 0x00, 0x11, 0x01, 0x00, 0x00,  // header length 20, type 17
            0x03, 0, 0, 0, 0, 0, 1, 0x00, 0x1E, 0x00, 0x25, 0x00,  // circuit type, source, hold 30, length 37, circuit 0
            0xF0, 0x0F, 0x00, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3,  // TLV 240
        ] + [UInt8](repeating: 0, count: 6)  // padding to 60
        #expect(frame.encoded() == expected)
        #expect(frame.wireLength == 60)
        #expect(try EthernetFrame(decoding: expected) == frame)
    }

    @Test func refusesWhatItDoesNotModel() {
        // Authentication TLV 10 in a PSNP.
        let psnp: [UInt8] = [0x83, 0x11, 0x01, 0x00, 0x1A, 0x01, 0x00, 0x00, 0x00, 0x14,
                             0, 0, 0, 0, 0, 1, 0, 0x0A, 0x01, 0x00]
        #expect(throws: WireDecodingError(.unsupported(10), field: "IS-IS authentication TLV", offset: 17)) {
            try ISISPDU(decoding: psnp)
        }
        // An LLC header other than OSI's.
        var frame = EthernetFrame(destination: ISISPDU.allL1ISs, source: MACAddress(1),
                                  payload: .isis(.lsp(ISISCodecTests.lsp))).encoded()
        frame[14] = 0xAA
        #expect(throws: WireDecodingError.self) { try EthernetFrame(decoding: frame) }
    }

    @Test func tlvsArePackedToFit() {
        let prefixes = (0..<100).map { ISISExtendedPrefix(prefix: IPv4Prefix(IPv4Address(UInt32($0) << 8), length: 24),
                                                          metric: 10) }
        let tlvs = ISISTLV.packed(prefixes, size: \.wireLength) { .extendedIPReachability($0) }
        #expect(tlvs.allSatisfy { $0.valueLength <= 255 })
        #expect(tlvs.count == 4)  // 8 bytes each: 31 per TLV
        #expect(ISISTLV.padding(totalBytes: 600).reduce(0) { $0 + $1.wireLength } == 600)
        #expect(ISISTLV.padding(totalBytes: 258).reduce(0) { $0 + $1.wireLength } == 258)
    }

    @Test func identifiersPrintAsRoutersDo() {
        let net = ISISNetworkEntityTitle("49.0001.0000.0000.0002.00")
        #expect(net?.area.description == "49.0001")
        #expect(net?.systemID.description == "0000.0000.0002")
        #expect(ISISNetworkEntityTitle("49.0001.0000.0000.0002.01") == nil)
        #expect(ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(0x0001_0002), pseudonode: 1), fragment: 3)
            .description == "0000.0001.0002.01-03")
    }
}
