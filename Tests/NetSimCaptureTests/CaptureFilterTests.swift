import Testing
import NetSimCapture

@Suite("Capture filter syntax")
struct CaptureFilterTests {
    @Test func everyKindOfTerm() throws {
        let filter = try CaptureFilter.parse("device:r1, interface:r2:eth0,r3:eth1 ,link:h1:eth0,proto:icmp,proto:ospf")
        #expect(filter.terms == [
            .device("r1"),
            .interface(device: "r2", interface: "eth0"),
            .interface(device: "r3", interface: "eth1"),
            .link(device: "h1", interface: "eth0"),
            .proto(.icmp),
            .proto(.ospf),
        ])
        #expect(filter.terms.map(\.description)
                == ["device:r1", "interface:r2:eth0", "interface:r3:eth1", "link:h1:eth0", "proto:icmp", "proto:ospf"])
    }

    @Test(arguments: CaptureProtocol.allCases) func everyProtocol(proto: CaptureProtocol) throws {
        #expect(try CaptureFilter.parse("proto:\(proto.rawValue)").terms == [.proto(proto)])
    }

    /// Every problem is reported at once, each naming its term.
    @Test func everyMalformedTermIsReported() {
        #expect(throws: CaptureFilterError([
            "'r1': not a filter term (terms are device:NAME, interface:DEVICE:IFACE (or DEVICE:IFACE), "
                + "link:DEVICE:IFACE, proto:arp|ipv4|icmp|udp|ospf|isis|tcp|bgp)",
            "term 2 is empty",
            "'proto:sctp': unknown protocol 'sctp' (protocols: arp, ipv4, icmp, udp, ospf, isis, tcp, bgp)",
            "'link:r1': expected link:DEVICE:IFACE, e.g. link:r1:eth0",
            "'interface:r1:eth0:x': expected interface:DEVICE:IFACE, e.g. interface:r1:eth0",
            "'device:': expected device:NAME, e.g. device:r1",
            "'a:b:c': not a filter term (terms are device:NAME, interface:DEVICE:IFACE (or DEVICE:IFACE), "
                + "link:DEVICE:IFACE, proto:arp|ipv4|icmp|udp|ospf|isis|tcp|bgp)",
            "':eth0': not a filter term (terms are device:NAME, interface:DEVICE:IFACE (or DEVICE:IFACE), "
                + "link:DEVICE:IFACE, proto:arp|ipv4|icmp|udp|ospf|isis|tcp|bgp)",
        ])) {
            try CaptureFilter.parse("r1,,proto:sctp,link:r1,interface:r1:eth0:x,device:,a:b:c,:eth0")
        }
    }

    @Test(arguments: ["", " ", ",", " , "]) func anEmptyFilterIsAnError(text: String) {
        #expect(throws: CaptureFilterError(["the filter is empty; terms are device:NAME, interface:DEVICE:IFACE "
                                            + "(or DEVICE:IFACE), link:DEVICE:IFACE, proto:arp|ipv4|icmp|udp|ospf|isis|tcp|bgp"])) {
            try CaptureFilter.parse(text)
        }
    }

    /// Keywords and protocol names are lower case; any other WORD:WORD is the interface shorthand
    /// (and names are checked against the topology later).
    @Test func keywordsAreCaseSensitive() throws {
        #expect(throws: CaptureFilterError.self) { try CaptureFilter.parse("proto:ICMP") }
        #expect(try CaptureFilter.parse("Device:r1").terms == [.interface(device: "Device", interface: "r1")])
    }
}
