import NetSimWire
import Testing

/// Damaged and random input must end in a `WireDecodingError`, never a trap. Each test runs
/// thousands of inputs from a fixed seed; a crash would take the test process down.
@Suite("Codec fuzzing")
struct CodecFuzzTests {
    /// Every decoder on the same bytes; none may trap.
    static func decodeEverything(_ bytes: [UInt8]) {
        _ = try? EthernetFrame(decoding: bytes)
        _ = try? IPv4Packet(decoding: bytes)
        _ = try? ICMPMessage(decoding: bytes)
        _ = try? UDPDatagram(decoding: bytes, source: .zero, destination: .broadcast)
        _ = try? ARPPacket(decoding: bytes)
        _ = try? OSPFPacket(decoding: bytes)
        _ = try? LSA(decoding: bytes)
        _ = try? LSAHeader(decoding: bytes)
        _ = try? ISISPDU(decoding: bytes)
        _ = try? BGPMessage(decoding: bytes)
    }

    /// The length of a frame before its padding.
    static func unpaddedLength(_ frame: EthernetFrame) -> Int {
        14 + (frame.vlan == nil ? 0 : 4) + frame.payload.wireLength
    }

    @Test func everyTruncationIsAnError() {
        var generator = PacketGenerator(seed: 1)
        for _ in 0..<150 {
            let frame = generator.frame()
            let bytes = frame.encoded()
            let needed = CodecFuzzTests.unpaddedLength(frame)
            for length in 0..<bytes.count {
                let result = Result { () throws(WireDecodingError) in try EthernetFrame(decoding: bytes.prefix(length)) }
                switch result {
                case .success(let decoded):
                    // Only padding may be cut.
                    #expect(length >= needed && decoded == frame)
                case .failure(let error):
                    #expect(length < needed)
                    if case .truncated = error.reason {} else { Issue.record("\(length) of \(bytes.count): \(error)") }
                }
            }
        }
    }

    /// The same for the values with a length of their own. (An ICMP message has none: an echo
    /// cut after a zero data byte keeps its checksum, so it is only run through the decoders.)
    @Test func everyTruncationOfAnInnerValueIsAnError() {
        var generator = PacketGenerator(seed: 2)
        for _ in 0..<150 {
            let packet = generator.ipv4()
            let udp = generator.udp()
            let cases: [([UInt8], ([UInt8]) throws -> Void)] = [
                (packet.encoded(), { _ = try IPv4Packet(decoding: $0) }),
                (udp.encoded(source: packet.source, destination: packet.destination), {
                    _ = try UDPDatagram(decoding: $0, source: packet.source, destination: packet.destination)
                }),
                (generator.ospf().encoded(), { _ = try OSPFPacket(decoding: $0) }),
                (generator.lsa().encoded(), { _ = try LSA(decoding: $0) }),
                (generator.arp().encoded(), { _ = try ARPPacket(decoding: $0) }),
                (generator.lsaHeader().encoded(), { _ = try LSAHeader(decoding: $0) }),
                (generator.isisPDU().encoded(), { _ = try ISISPDU(decoding: $0) }),
                (generator.icmp().encoded(), { _ in throw WireDecodingError(.badLength(0), field: "", offset: 0) }),
            ]
            for (bytes, decode) in cases {
                for length in 0..<bytes.count {
                    let prefix = Array(bytes.prefix(length))
                    #expect(throws: WireDecodingError.self) { try decode(prefix) }
                    CodecFuzzTests.decodeEverything(prefix)
                }
            }
        }
    }

    @Test func randomBytesNeverTrap() {
        var random = WireTestRandom(seed: 3)
        var generator = PacketGenerator(seed: 4)
        for round in 0..<10_000 {
            var bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round % 2 == 1 {
                // Keep a valid start so that the decoders get past the first checks.
                let valid = generator.frame().encoded()
                bytes = Array(valid.prefix(Int.random(in: 0...valid.count, using: &random))) + bytes
            }
            CodecFuzzTests.decodeEverything(bytes)
        }
    }

    /// Single-byte changes to valid frames. What still decodes must encode to something that
    /// decodes to the same value (the codec is stable on whatever it accepts).
    @Test func singleByteMutationsNeverTrap() throws {
        var random = WireTestRandom(seed: 5)
        var generator = PacketGenerator(seed: 6)
        var accepted = 0
        for _ in 0..<10_000 {
            var bytes = generator.frame().encoded()
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= UInt8.random(in: 1...255, using: &random)
            CodecFuzzTests.decodeEverything(bytes)
            if let frame = try? EthernetFrame(decoding: bytes) {
                accepted += 1
                #expect(try EthernetFrame(decoding: frame.encoded()) == frame)
            }
        }
        #expect(accepted > 0)
    }

    /// Mutations behind the checksums: the OSPF checksum (and the LSA's Fletcher checksum for a
    /// lone LSA) is repaired after the change, so the body decoders see the damage.
    @Test func mutationsBehindChecksumsNeverTrap() throws {
        var random = WireTestRandom(seed: 7)
        var generator = PacketGenerator(seed: 8)
        for _ in 0..<5000 {
            var ospf = generator.ospf().encoded()
            let index = Int.random(in: 0..<ospf.count, using: &random)
            ospf[index] ^= UInt8.random(in: 1...255, using: &random)
            if ospf.count >= 24 { ChecksumRepair.ospf(&ospf, at: 0) }
            if let packet = try? OSPFPacket(decoding: ospf) {
                #expect(try OSPFPacket(decoding: packet.encoded()) == packet)
            }
            var lsa = generator.lsa().encoded()
            let lsaIndex = Int.random(in: 0..<lsa.count, using: &random)
            lsa[lsaIndex] ^= UInt8.random(in: 1...255, using: &random)
            let length = Int(lsa[18]) << 8 | Int(lsa[19])
            if length >= 20 && length <= lsa.count { ChecksumRepair.lsa(&lsa, at: 0) }
            if let decoded = try? LSA(decoding: lsa) {
                #expect(decoded.encoded() == lsa)
            }
            var pdu = ISISPDU.lsp(generator.lsp()).encoded()
            let pduIndex = Int.random(in: 0..<pdu.count, using: &random)
            pdu[pduIndex] ^= UInt8.random(in: 1...255, using: &random)
            if pdu.count >= 27 { ChecksumRepair.isisLSP(&pdu) }
            if let decoded = try? ISISPDU(decoding: pdu) {
                #expect(try ISISPDU(decoding: decoded.encoded()) == decoded)
            }
        }
    }
}
