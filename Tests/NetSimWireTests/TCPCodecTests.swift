import NetSimWire
import Testing

@Suite("TCP codec and MD5")
struct TCPCodecTests {
    static let client = IPv4Address(10, 0, 12, 1)
    static let server = IPv4Address(10, 0, 12, 2)

    /// A SYN as netsim sends it to a BGP peer: MSS 1460, the fixed window.
    static let syn = TCPSegment(sourcePort: 40000, destinationPort: 179, sequenceNumber: 0x0102_0304,
                                acknowledgmentNumber: 0, flags: .syn, window: 65535,
                                options: [.maximumSegmentSize(1460)])
    /// Checksum over the pseudo-header 0a000c01 0a000c02 0006 0018, computed by hand.
    static let synBytes = hexBytes("9c40 00b3 0102 0304 0000 0000 6002 ffff cb2a 0000 0204 05b4")

    /// RFC 1321 appendix A.5.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func md5MatchesTheRFCTestSuite(message: String, digest: String) {
        #expect(MD5.digest(Array(message.utf8)) == hexBytes(digest))
        // The same digest when the message arrives in pieces across block boundaries.
        var pieces = MD5()
        for byte in message.utf8 { pieces.update(CollectionOfOne(byte)) }
        #expect(pieces.finalize() == hexBytes(digest))
    }

    @Test func synBytesAreHandComputed() throws {
        #expect(TCPCodecTests.syn.encoded(source: TCPCodecTests.client, destination: TCPCodecTests.server)
            == TCPCodecTests.synBytes)
        #expect(try TCPSegment(decoding: TCPCodecTests.synBytes, source: TCPCodecTests.client,
                               destination: TCPCodecTests.server) == TCPCodecTests.syn)
        #expect(TCPCodecTests.syn.headerLength == 24 && TCPCodecTests.syn.sequenceLength == 1)
    }

    @Test func dataSegmentInAnIPv4Packet() throws {
        let segment = TCPSegment(sourcePort: 40000, destinationPort: 179, sequenceNumber: 0x0102_0305,
                                 acknowledgmentNumber: 0xA0B0_C0D1, flags: [.psh, .ack], window: 65535,
                                 payload: Array("hello".utf8))
        let packet = IPv4Packet(source: TCPCodecTests.client, destination: TCPCodecTests.server, ttl: 1,
                                identification: 1, dontFragment: true, payload: .tcp(segment))
        let bytes = packet.encoded()
        #expect(bytes[9] == 6 && bytes.count == 45)
        #expect(Array(bytes[20...]) == hexBytes("9c40 00b3 0102 0305 a0b0 c0d1 5018 ffff 3d76 0000 6865 6c6c 6f"))
        #expect(try IPv4Packet(decoding: bytes) == packet)
        #expect(segment.sequenceLength == 5 && "\(segment.flags)" == "P.")
    }

    /// RFC 2385: the digest, computed independently, over pseudo-header, the fixed header with a
    /// zero checksum and data offset 11, and the key "secret"; NOP NOP MD5 then MSS, as Linux sends.
    @Test func md5SignedSynMatchesAnIndependentDigest() throws {
        let signed = TCPCodecTests.syn.signed(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                                              key: Array("secret".utf8))
        let digest = hexBytes("355c1eb880d34177a19f1f1e4ee6ae49")
        #expect(signed.options == [.noOperation, .noOperation, .md5Signature(digest), .maximumSegmentSize(1460)])
        let bytes = signed.encoded(source: TCPCodecTests.client, destination: TCPCodecTests.server)
        #expect(bytes == hexBytes("9c40 00b3 0102 0304 0000 0000 b002 ffff 92b6 0000 0101 1312",
                                  "355c 1eb8 80d3 4177 a19f 1f1e 4ee6 ae49 0204 05b4"))
        #expect(signed.hasValidSignature(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                                         key: Array("secret".utf8)))
        #expect(!signed.hasValidSignature(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                                          key: Array("secreT".utf8)))
        #expect(!TCPCodecTests.syn.hasValidSignature(source: TCPCodecTests.client,
                                                     destination: TCPCodecTests.server, key: Array("secret".utf8)))
        var tampered = signed
        tampered.window = 1024
        #expect(!tampered.hasValidSignature(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                                            key: Array("secret".utf8)))
        // Signing again replaces the digest in place.
        #expect(signed.signed(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                              key: Array("secret".utf8)) == signed)
    }

    @Test func optionsArePaddedWithEndOfList() throws {
        let segment = TCPSegment(sourcePort: 1, destinationPort: 2, sequenceNumber: 3, acknowledgmentNumber: 4,
                                 flags: .ack, window: 5, options: [.noOperation, .other(kind: 4, data: [])])
        let bytes = segment.encoded(source: TCPCodecTests.client, destination: TCPCodecTests.server)
        #expect(bytes.count == 24 && bytes[12] == 0x60 && Array(bytes[20...]) == [1, 4, 2, 0])
        #expect(try TCPSegment(decoding: bytes, source: TCPCodecTests.client, destination: TCPCodecTests.server)
            == segment)
    }

    @Test func checksumCoversThePseudoHeader() {
        // The right bytes between other addresses do not verify.
        #expect(throws: WireDecodingError.self) {
            try TCPSegment(decoding: TCPCodecTests.synBytes, source: TCPCodecTests.client,
                           destination: IPv4Address(10, 0, 12, 3))
        }
    }

    /// Damaged headers and options, each with the checksum repaired so the field check is what fails.
    @Test(arguments: [
        (12, UInt8(0x61), "TCP reserved bits"),
        (12, UInt8(0x40), "TCP data offset"),
        (12, UInt8(0x70), "TCP data offset"),
        (21, UInt8(0x03), "TCP MSS option length"),
        (21, UInt8(0x01), "TCP option length"),
        (21, UInt8(0x09), "TCP option length"),
    ])
    func malformedHeadersAreRejected(index: Int, value: UInt8, field: String) {
        var bytes = TCPCodecTests.synBytes
        bytes[index] = value
        TCPCodecTests.repairChecksum(&bytes)
        do {
            _ = try TCPSegment(decoding: bytes, source: TCPCodecTests.client, destination: TCPCodecTests.server)
            Issue.record("accepted a damaged \(field)")
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func paddingMustBeZerosShortOfAWord() {
        for options in [hexBytes("0204 05b4 0001 0000"), hexBytes("0204 05b4 0000 0000")] {
            var bytes = Array(TCPCodecTests.synBytes.prefix(20)) + options
            bytes[12] = 0x70
            TCPCodecTests.repairChecksum(&bytes)
            #expect(throws: WireDecodingError.self) {
                try TCPSegment(decoding: bytes, source: TCPCodecTests.client, destination: TCPCodecTests.server)
            }
        }
    }

    static func repairChecksum(_ bytes: inout [UInt8]) {
        bytes[16] = 0
        bytes[17] = 0
        var checksum = InternetChecksum()
        checksum.add(client.value)
        checksum.add(server.value)
        checksum.add(UInt16(6))
        checksum.add(UInt16(bytes.count))
        checksum.add(bytes)
        bytes[16] = UInt8(checksum.value >> 8)
        bytes[17] = UInt8(checksum.value & 0xFF)
    }

    /// An ICMP error about a segment quotes its ports and sequence number.
    @Test func quotedSegmentKeepsPortsAndSequence() throws {
        let packet = IPv4Packet(source: TCPCodecTests.client, destination: TCPCodecTests.server,
                                payload: .tcp(TCPCodecTests.syn))
        let quoted = QuotedDatagram(quoting: packet)
        #expect(quoted.leadingPayload == .tcp(sourcePort: 40000, destinationPort: 179, sequence: 0x0102_0304))
        let error = IPv4Packet(source: IPv4Address(10, 0, 12, 254), destination: TCPCodecTests.client,
                               payload: .icmp(.destinationUnreachable(code: .host, quoted: quoted)))
        let bytes = error.encoded()
        #expect(Array(bytes[48...]) == Array(packet.encoded()[20..<28]))
        #expect(try IPv4Packet(decoding: bytes) == error)
    }
}
