import NetSimWire
import Testing

@Suite("LSA Fletcher checksum")
struct FletcherChecksumTests {
    /// The stored checksum verifies, any flipped bit in the body breaks it, and the age is excluded.
    @Test func routerLSAChecksumIsValidAndVerifies() {
        let lsa = LSA.make(options: 0x02,
                           key: LSAKey(type: .router, linkStateID: IPv4Address(1, 1, 1, 1),
                                       advertisingRouter: IPv4Address(1, 1, 1, 1)),
                           sequence: LSAHeader.initialSequence,
                           body: .router(RouterLSABody(isASBoundaryRouter: false, isAreaBorderRouter: false, links: [
                               RouterLink(kind: .stub, linkID: IPv4Address(10, 0, 1, 0),
                                          linkData: IPv4Address(255, 255, 255, 0), metric: 10),
                           ])))
        let bytes = lsa.encoded()
        #expect(bytes.count == Int(lsa.header.length))
        #expect(lsa.header.length == 36)
        #expect(FletcherChecksum.verifyLSA(bytes))
        var corrupted = bytes
        corrupted[30] ^= 0x01
        #expect(!FletcherChecksum.verifyLSA(corrupted))
        // The age field is outside the checksum.
        var aged = bytes
        aged[1] = 0x33
        #expect(FletcherChecksum.verifyLSA(aged))
    }
}
