import NetSimWire
import Testing

@Suite("IPv4, UDP and ICMP codec")
struct IPv4CodecTests {
    /// A traceroute probe as netsim sends it: TTL 1, DF, UDP 50000 -> 33434 with 4 data bytes.
    static let probe = IPv4Packet(source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 3, 3), ttl: 1,
                                  identification: 7, dontFragment: true,
                                  payload: .udp(UDPDatagram(sourcePort: 50000, destinationPort: 33434,
                                                            dataLength: 4)))
    /// Checksums computed by hand; the UDP one over the pseudo-header 0a000001 0a000303 0011 000c.
    static let probeBytes = hexBytes(
        "4500 0020 0007 4000 0111 62c3 0a00 0001 0a00 0303",
        "c350 829a 000c a0e3 0001 0203")

    /// The first router's time exceeded for that probe: the quote is the probe's first 28 bytes.
    static let timeExceeded = IPv4Packet(source: IPv4Address(10, 0, 0, 254), destination: IPv4Address(10, 0, 0, 1),
                                         ttl: 64, identification: 9,
                                         payload: .icmp(.timeExceeded(quoted: QuotedDatagram(quoting: probe))))
    static let timeExceededBytes = hexBytes(
        "4500 0038 0009 0000 4001 65be 0a00 00fe 0a00 0001",
        "0b00 0e25 0000 0000",  // type 11 code 0, checksum 0e25, unused
        "4500 0020 0007 4000 0111 62c3 0a00 0001 0a00 0303 c350 829a 000c a0e3")

    @Test func udpProbeBytesAreHandComputed() throws {
        #expect(IPv4CodecTests.probe.encoded() == IPv4CodecTests.probeBytes)
        #expect(try IPv4Packet(decoding: IPv4CodecTests.probeBytes) == IPv4CodecTests.probe)
        let udp = UDPDatagram(sourcePort: 50000, destinationPort: 33434, dataLength: 4)
        let udpBytes = udp.encoded(source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 3, 3))
        #expect(udpBytes == Array(IPv4CodecTests.probeBytes[20...]))
        #expect(try UDPDatagram(decoding: udpBytes, source: IPv4Address(10, 0, 0, 1),
                                destination: IPv4Address(10, 0, 3, 3)) == udp)
    }

    @Test func timeExceededQuotesTheProbesFirst28Bytes() throws {
        let bytes = IPv4CodecTests.timeExceeded.encoded()
        #expect(bytes == IPv4CodecTests.timeExceededBytes)
        #expect(Array(bytes[28...]) == Array(IPv4CodecTests.probeBytes.prefix(28)))
        #expect(try IPv4Packet(decoding: bytes) == IPv4CodecTests.timeExceeded)
    }

    /// A quote of any netsim packet repeats its first 28 bytes, echo and UDP checksums included.
    @Test func quotesRepeatTheOriginalsBytes() {
        var generator = PacketGenerator(seed: 792)
        for _ in 0..<300 {
            let original = generator.ipv4()
            let error = ICMPMessage.destinationUnreachable(code: .host, quoted: QuotedDatagram(quoting: original))
            let quote = Array(error.encoded()[8...])
            if case .icmp(let message) = original.payload, message.isError { continue }  // quoted by type only
            #expect(quote == Array(original.encoded().prefix(28)))
        }
    }

    /// Echo data follows the documented pattern and decodes back to its length whatever it holds.
    @Test func echoDataIsAPatternReadBackAsALength() throws {
        let echo = ICMPMessage.echoReply(.init(identifier: 1, sequence: 2, dataLength: 300))
        var bytes = echo.encoded()
        #expect(Array(bytes[8...]) == (0..<300).map { UInt8(truncatingIfNeeded: $0) })
        bytes[100] = 0x55
        ChecksumRepair.icmp(&bytes, at: 0)
        #expect(try ICMPMessage(decoding: bytes) == echo)
    }

    @Test func headerChecksumIsVerified() {
        var bytes = IPv4CodecTests.probeBytes
        bytes[8] = 2  // TTL 2 without fixing the checksum
        #expect(decodingError { _ = try IPv4Packet(decoding: bytes) }
            == WireDecodingError(.badChecksum(stored: 0x62C3, computed: 0x61C3), field: "IPv4 header checksum",
                                 offset: 10))
    }

    @Test(arguments: [
        (0, UInt8(0x65), false, WireDecodingError(.invalid(6), field: "IPv4 header version", offset: 0)),
        (0, UInt8(0x46), false, WireDecodingError(.unsupported(6), field: "IPv4 header length (IHL)", offset: 0)),
        (0, UInt8(0x44), false, WireDecodingError(.invalid(4), field: "IPv4 header length (IHL)", offset: 0)),
        (6, UInt8(0x60), true, WireDecodingError(.unsupported(0x6000), field: "IPv4 header fragment (MF or offset)",
                                                 offset: 6)),
        (7, UInt8(0x01), true, WireDecodingError(.unsupported(0x4001), field: "IPv4 header fragment (MF or offset)",
                                                 offset: 6)),
        (6, UInt8(0xC0), true, WireDecodingError(.invalid(0xC000), field: "IPv4 header reserved flag", offset: 6)),
        (9, UInt8(0x2F), true, WireDecodingError(.unsupported(47), field: "IP protocol", offset: 9)),
        (3, UInt8(0x13), true, WireDecodingError(.badLength(0x13), field: "IPv4 total length", offset: 2)),
        (3, UInt8(0x21), true, WireDecodingError(.truncated(needed: 13, available: 12), field: "UDP datagram",
                                                 offset: 20)),
        (25, UInt8(0x0B), false, WireDecodingError(.badLength(11), field: "UDP length", offset: 24)),
        (27, UInt8(0xE4), false, WireDecodingError(.badChecksum(stored: 0xA0E4, computed: 0xA0E3),
                                                   field: "UDP checksum", offset: 26)),
    ])
    func headerFieldsAreChecked(index: Int, value: UInt8, repairChecksum: Bool, expected: WireDecodingError) {
        var bytes = IPv4CodecTests.probeBytes
        bytes[index] = value
        if repairChecksum { ChecksumRepair.ipv4Header(&bytes, at: 0) }
        #expect(decodingError { _ = try IPv4Packet(decoding: bytes) } == expected)
    }

    @Test func zeroUDPChecksumMeansNone() throws {
        var bytes = IPv4CodecTests.probeBytes
        bytes[26] = 0
        bytes[27] = 0
        #expect(try IPv4Packet(decoding: bytes) == IPv4CodecTests.probe)
    }

    @Test func bytesAfterTheTotalLengthAreRejectedOutsideEthernet() {
        #expect(decodingError { _ = try IPv4Packet(decoding: IPv4CodecTests.probeBytes + [0]) }
            == WireDecodingError(.trailingBytes(count: 1), field: "IPv4 packet", offset: 32))
    }

    @Test(arguments: [
        (20, UInt8(13), WireDecodingError(.unsupported(13), field: "ICMP type", offset: 20)),
        (21, UInt8(1), WireDecodingError(.unsupported(1), field: "ICMP time exceeded code", offset: 21)),
        (28, UInt8(0x46), WireDecodingError(.unsupported(6), field: "quoted IPv4 header length (IHL)", offset: 28)),
        (36, UInt8(0x02), WireDecodingError(.badChecksum(stored: 0x62C3, computed: 0x61C3),
                                            field: "quoted IPv4 header checksum", offset: 38)),
    ])
    func icmpFieldsAreChecked(index: Int, value: UInt8, expected: WireDecodingError) {
        var bytes = IPv4CodecTests.timeExceededBytes
        bytes[index] = value
        ChecksumRepair.icmp(&bytes, at: 20)
        #expect(decodingError { _ = try IPv4Packet(decoding: bytes) } == expected)
    }

    @Test func icmpChecksumAndQuoteLengthAreChecked() {
        var bytes = IPv4CodecTests.timeExceededBytes
        bytes[55] ^= 0xFF
        #expect(decodingError { _ = try IPv4Packet(decoding: bytes) }?.field == "ICMP checksum")
        // Quoting more than 8 payload bytes (as Linux does) is not modelled.
        var longer = IPv4CodecTests.timeExceededBytes + [0, 1, 2, 3]
        longer[3] += 4
        ChecksumRepair.ipv4Header(&longer, at: 0)
        ChecksumRepair.icmp(&longer, at: 20)
        #expect(decodingError { _ = try IPv4Packet(decoding: longer) }
            == WireDecodingError(.trailingBytes(count: 4), field: "ICMP quoted datagram", offset: 56))
    }
}
