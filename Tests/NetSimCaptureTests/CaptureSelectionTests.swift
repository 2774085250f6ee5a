import Testing
import NetSimCapture
import NetSimEngine
import NetSimWire

@Suite("Capture selection")
struct CaptureSelectionTests {
    private func names(_ filter: String?, in yaml: String = segmentYAML) throws -> [String] {
        let sim = try simulation(yaml)
        let parsed = try filter.map { try CaptureFilter.parse($0) } ?? CaptureFilter()
        return try CaptureSelection(parsed, in: sim).ports.map(\.description.name)
    }

    private func problems(_ filter: String) throws -> [String] {
        let sim = try simulation(segmentYAML)
        let parsed = try CaptureFilter.parse(filter)
        do {
            _ = try CaptureSelection(parsed, in: sim)
            return []
        } catch {
            return error.messages
        }
    }

    /// No place term: every cabled interface, in device then interface order; uncabled ones never.
    @Test func everyCabledInterfaceByDefault() throws {
        #expect(try names(nil) == ["r1:eth0", "r2:eth0", "r2:eth1", "r3:eth0", "h2:eth0"])
        #expect(try names("proto:icmp") == ["r1:eth0", "r2:eth0", "r2:eth1", "r3:eth0", "h2:eth0"])
    }

    /// Place terms add up (union), each interface once, always in topology order.
    @Test func placeTermsAddUp() throws {
        #expect(try names("device:r2") == ["r2:eth0", "r2:eth1"])
        #expect(try names("h2:eth0,r1:eth0") == ["r1:eth0", "h2:eth0"])
        #expect(try names("link:r3:eth0") == ["r1:eth0", "r2:eth0", "r3:eth0"])
        #expect(try names("link:h2:eth0,device:r2,interface:r2:eth0") == ["r2:eth0", "r2:eth1", "h2:eth0"])
    }

    /// Each interface is described by the far ends of its link.
    @Test func descriptionsNameThePeers() throws {
        let sim = try simulation(segmentYAML)
        let ports = try CaptureSelection(CaptureFilter.parse("device:r1,device:h2"), in: sim).ports
        #expect(ports.map(\.description) == [CaptureInterface(name: "r1:eth0", description: "to r2:eth0, r3:eth0"),
                                             CaptureInterface(name: "h2:eth0", description: "to r2:eth1")])
        #expect(ports.map(\.device) == [0, 3])
        let selection = try CaptureSelection(CaptureFilter.parse("device:r1,device:h2"), in: sim)
        #expect(selection.position(device: 3, interface: 0) == 1)
        #expect(selection.position(device: 1, interface: 0) == nil)
    }

    /// Names are checked against the topology; every problem is reported.
    @Test func unknownNamesAndUncabledInterfaces() throws {
        #expect(try problems("device:r9,r1:eth7,link:r4:eth0,r1:eth1,device:spare") == [
            "'device:r9': no device 'r9' (devices: r1, r2, r3, h2, spare)",
            "'interface:r1:eth7': r1 has no interface 'eth7' (interfaces: eth0, eth1)",
            "'link:r4:eth0': no device 'r4' (devices: r1, r2, r3, h2, spare)",
            "'interface:r1:eth1': r1:eth1 is not cabled to a link; nothing crosses it",
            "'device:spare': spare has no cabled interfaces",
        ])
    }

    @Test func protocolTermsKeepMatchingFrames() throws {
        let sim = try simulation(segmentYAML)
        let arp = EthernetFrame(destination: .broadcast, source: .zero,
                                payload: .arp(ARPPacket(operation: .request, senderMAC: .zero, senderIP: IPv4Address(0),
                                                        targetMAC: .zero, targetIP: IPv4Address(0))))
        func ipv4(_ payload: IPv4Payload) -> EthernetFrame {
            EthernetFrame(destination: .zero, source: .zero,
                          payload: .ipv4(IPv4Packet(source: IPv4Address(0), destination: IPv4Address(0), payload: payload)))
        }
        let icmp = ipv4(.icmp(.echoRequest(.init(identifier: 1, sequence: 1, dataLength: 56))))
        let udp = ipv4(.udp(UDPDatagram(sourcePort: 1, destinationPort: 33434, dataLength: 32)))
        let hello = OSPFHello(networkMask: IPv4Address(0xFFFF_FF00), helloInterval: 10, options: 2, priority: 1,
                              deadInterval: 40, designatedRouter: IPv4Address(0), backupDesignatedRouter: IPv4Address(0),
                              neighbors: [])
        let ospf = ipv4(.ospf(OSPFPacket(routerID: IPv4Address(1), areaID: IPv4Address(0), body: .hello(hello))))
        let bgp = ipv4(.tcp(TCPSegment(sourcePort: 40000, destinationPort: 179, sequenceNumber: 1,
                                       acknowledgmentNumber: 0, flags: .syn, window: 65535)))
        let web = ipv4(.tcp(TCPSegment(sourcePort: 80, destinationPort: 40000, sequenceNumber: 1,
                                       acknowledgmentNumber: 0, flags: .rst, window: 0)))
        let frames = [arp, icmp, udp, ospf, bgp, web]
        func kept(_ filter: String?) throws -> [Bool] {
            let selection = try CaptureSelection(filter.map { try CaptureFilter.parse($0) } ?? CaptureFilter(), in: sim)
            return frames.map(selection.accepts)
        }
        #expect(try kept(nil) == [true, true, true, true, true, true])
        #expect(try kept("proto:arp") == [true, false, false, false, false, false])
        #expect(try kept("proto:ipv4") == [false, true, true, true, true, true])
        #expect(try kept("proto:icmp,proto:udp") == [false, true, true, false, false, false])
        #expect(try kept("proto:udp,device:r1") == [false, false, true, false, false, false])
        #expect(try kept("proto:ospf") == [false, false, false, true, false, false])
        #expect(try kept("proto:tcp") == [false, false, false, false, true, true])
        #expect(try kept("proto:bgp") == [false, false, false, false, true, false])
    }
}
