import NetSimWire
import Testing

@Suite("LSA instance comparison (RFC 2328 §13.1)")
struct LSARecencyTests {
    private func header(sequence: Int32 = LSAHeader.initialSequence, checksum: UInt16 = 0x1000, age: UInt16 = 10) -> LSAHeader {
        LSAHeader(age: age, options: 2, key: LSAKey(type: .router, linkStateID: IPv4Address(1, 1, 1, 1),
                                                      advertisingRouter: IPv4Address(1, 1, 1, 1)),
                  sequence: sequence, checksum: checksum, length: 24)
    }

    @Test func higherSequenceWinsEvenAcrossTheSignBoundary() {
        #expect(header(sequence: LSAHeader.initialSequence + 1).isNewer(than: header()))
        #expect(header(sequence: 5).isNewer(than: header(sequence: -5)))
        #expect(!header().isNewer(than: header(sequence: LSAHeader.initialSequence + 1)))
    }

    @Test func thenLargerChecksumThenMaxAgeThenMuchYounger() {
        #expect(header(checksum: 0x2000).isNewer(than: header(checksum: 0x1000)))
        #expect(header(age: LSAHeader.maxAge).isNewer(than: header(age: 100)))
        #expect(header(age: 10).isNewer(than: header(age: 1000)))
        #expect(header(age: 10).compareRecency(header(age: 800)) == .orderedSame)
    }
}
