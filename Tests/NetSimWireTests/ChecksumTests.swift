import NetSimWire
import Testing

@Suite("Checksums")
struct ChecksumTests {
    /// RFC 1071 section 3's worked example: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the
    /// checksum is its complement 220d.
    @Test func rfc1071Example() {
        let data = hexBytes("0001 f203 f4f5 f6f7")
        #expect(InternetChecksum.of(data) == 0x220D)
        #expect(InternetChecksum.of(data + [0x22, 0x0D]) == 0)
    }

    /// Pieces are summed as one stream, even when a piece has an odd length.
    @Test func piecesSumAsOneStream() {
        let data = hexBytes("0001 f203 f4f5 f6f7 ab")
        var checksum = InternetChecksum()
        checksum.add(data[0..<3])
        checksum.add(data[3...])
        #expect(checksum.value == InternetChecksum.of(data))
        #expect(InternetChecksum.of([0xAB]) == ~UInt16(0xAB00))
    }

    /// The IPv4 header of Wikipedia's "IPv4 header checksum" article: 192.168.0.1 to
    /// 192.168.0.199, UDP, total length 0x73, DF, TTL 64, checksum b861.
    static let wikipediaHeader = hexBytes("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7")

    @Test func wikipediaIPv4HeaderChecksum() {
        var zeroed = ChecksumTests.wikipediaHeader
        zeroed[10] = 0
        zeroed[11] = 0
        #expect(InternetChecksum.of(zeroed) == 0xB861)
        #expect(InternetChecksum.of(ChecksumTests.wikipediaHeader) == 0)
    }

    /// The encoder writes that very header for the same fields (95 bytes of UDP after it).
    @Test func encoderWritesTheWikipediaHeader() {
        let packet = IPv4Packet(source: IPv4Address(192, 168, 0, 1), destination: IPv4Address(192, 168, 0, 199),
                                ttl: 64, identification: 0, dontFragment: true,
                                payload: .udp(UDPDatagram(sourcePort: 1, destinationPort: 2, dataLength: 87)))
        #expect(Array(packet.encoded().prefix(20)) == ChecksumTests.wikipediaHeader)
    }

    /// ISO 8473 annex C checks a Fletcher checksum by summing the data with the check bytes in
    /// place: both running sums must be 0 mod 255. That check is independent of how
    /// `FletcherChecksum` computes the bytes, and must hold for every LSA it makes.
    static func isoVerifies(_ lsa: [UInt8]) -> Bool {
        var c0 = 0, c1 = 0
        for byte in lsa.dropFirst(2) {
            c0 = (c0 + Int(byte)) % 255
            c1 = (c1 + c0) % 255
        }
        return c0 == 0 && c1 == 0
    }

    @Test func fletcherChecksumPassesTheISOCheck() {
        var generator = PacketGenerator(seed: 8473)
        for _ in 0..<500 {
            let bytes = generator.lsa().encoded()
            #expect(ChecksumTests.isoVerifies(bytes))
            #expect(FletcherChecksum.verifyLSA(bytes))
        }
    }

    /// The router-LSA of `LSACodecTests` (1.1.1.1, a stub link to 10.0.1.0/24 with metric 10):
    /// its checksum 82b3 was computed by hand with the RFC 905 formulas
    /// X = ((L - n) * C0 - C1) mod 255, Y = (-C0 - X) mod 255 (zero taken as 255), and
    /// `LSA.make` computes the same for the same contents.
    @Test func routerLSAChecksumMatchesHandComputation() throws {
        let bytes = LSACodecTests.routerLSA
        #expect(bytes[16] == 0x82 && bytes[17] == 0xB3)
        #expect(ChecksumTests.isoVerifies(bytes))
        let lsa = try LSA(decoding: bytes)
        let made = LSA.make(age: lsa.header.age, options: lsa.header.options, key: lsa.key,
                            sequence: lsa.header.sequence, body: lsa.body)
        #expect(made.header.checksum == 0x82B3)
        #expect(made.encoded() == bytes)
    }
}
