import NetSimWire
import Testing

@Suite("Codec round trips")
struct CodecRoundTripTests {
    /// A name for each variant, to show that the random values cover them all.
    static func variant(of frame: EthernetFrame) -> String {
        if case .isis(let pdu) = frame.payload { return "IS-IS \(pdu.name)" }
        guard case .ipv4(let packet) = frame.payload else { return "arp" }
        switch packet.payload {
        case .udp: return "udp"
        case .tcp(let segment): return segment.options.isEmpty ? "tcp" : "tcp with options"
        case .icmp(let message):
            switch message {
            case .echoRequest: return "echo request"
            case .echoReply: return "echo reply"
            case .destinationUnreachable(let code, _): return "unreachable \(code.rawValue)"
            case .timeExceeded: return "time exceeded"
            }
        case .ospf(let ospf):
            guard case .linkStateUpdate(let lsas) = ospf.body else { return ospf.body.name }
            return lsas.isEmpty ? "LS Update" : "LS Update with \(lsas[0].key.type)"
        }
    }

    @Test func framesRoundTrip() throws {
        var generator = PacketGenerator(seed: 2328)
        var variants: Set<String> = []
        for _ in 0..<3000 {
            let frame = generator.frame()
            let bytes = frame.encoded()
            #expect(bytes.count == frame.wireLength)
            #expect(try EthernetFrame(decoding: bytes) == frame)
            variants.insert(CodecRoundTripTests.variant(of: frame))
        }
        let expected: Set<String> = Set(["arp", "udp", "tcp", "tcp with options", "echo request", "echo reply", "time exceeded"]
            + PacketGenerator.unreachableCodes.map { "unreachable \($0.rawValue)" }
            + ["Hello", "DB Description", "LS Request", "LS Update", "LS Ack"]
            + LSAType.allCases.map { "LS Update with \($0)" }
            + (["P2P IIH"] + ["L1", "L2"].flatMap { level in
                ["LAN IIH", "LSP", "CSNP", "PSNP"].map { "\(level) \($0)" }
            }).map { "IS-IS " + $0 })
        #expect(variants == expected)
    }

    @Test func innerValuesRoundTripOnTheirOwn() throws {
        var generator = PacketGenerator(seed: 791)
        for _ in 0..<1000 {
            let packet = generator.ipv4()
            #expect(packet.encoded().count == packet.totalLength)
            #expect(try IPv4Packet(decoding: packet.encoded()) == packet)
            switch packet.payload {
            case .icmp(let message):
                #expect(message.encoded().count == message.wireLength)
                #expect(try ICMPMessage(decoding: message.encoded()) == message)
            case .udp(let datagram):
                let bytes = datagram.encoded(source: packet.source, destination: packet.destination)
                #expect(bytes.count == datagram.wireLength)
                #expect(try UDPDatagram(decoding: bytes, source: packet.source, destination: packet.destination)
                    == datagram)
            case .tcp(let segment):
                let bytes = segment.encoded(source: packet.source, destination: packet.destination)
                #expect(bytes.count == segment.wireLength)
                #expect(try TCPSegment(decoding: bytes, source: packet.source, destination: packet.destination)
                    == segment)
            case .ospf(let ospf):
                #expect(ospf.encoded().count == ospf.wireLength)
                #expect(try OSPFPacket(decoding: ospf.encoded()) == ospf)
            }
            let pdu = generator.isisPDU()
            #expect(pdu.encoded().count == pdu.wireLength)
            #expect(try ISISPDU(decoding: pdu.encoded()) == pdu)
            let arp = generator.arp()
            #expect(try ARPPacket(decoding: arp.encoded()) == arp)
            let header = generator.lsaHeader()
            #expect(try LSAHeader(decoding: header.encoded()) == header)
        }
    }

    /// Encoding what was decoded gives back the bytes, padding aside.
    @Test func decodingThenEncodingGivesTheBytesBack() throws {
        var generator = PacketGenerator(seed: 826)
        for _ in 0..<500 {
            let bytes = generator.frame().encoded()
            #expect(try EthernetFrame(decoding: bytes).encoded() == bytes)
        }
    }
}
