import Foundation
import NetSimWire
import NetSimCapture
import Testing

@Suite("netsim run --pcap, end to end")
final class CaptureCommandTests {
    private let directory: URL
    private let triangle = NetsimBinary.example("static-triangle.yaml")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(name)))) }

    private func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.path) }

    // MARK: Option errors (exit 2, nothing runs, nothing written)

    @Test func filterErrorsAreReportedBeforeAnythingRuns() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap", path("out.pcapng"),
                                           "--pcap-filter", "device:r9,r1:eth7,proto:sctp,link:h1:eth0"])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == """
            error: --pcap-filter: 'proto:sctp': unknown protocol 'sctp' (protocols: arp, ipv4, icmp, udp, ospf, isis, tcp, bgp)

            """)
        let names = try NetsimBinary.run(["run", triangle, "--pcap", path("out.pcapng"),
                                          "--pcap-filter", "device:r9,r1:eth7,link:h1:eth0"])
        #expect(names.status == 2)
        #expect(names.stderr == """
            error: --pcap-filter: 'device:r9': no device 'r9' (devices: r1, r2, r3, h1, h3)
            error: --pcap-filter: 'interface:r1:eth7': r1 has no interface 'eth7' (interfaces: eth0, eth1, eth2)

            """)
        #expect(try files().isEmpty)
    }

    @Test func classicPcapNeedsExactlyOneInterface() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap", path("out.pcap"), "--pcap-format", "pcap",
                                           "--pcap-filter", "link:r1:eth0"])
        #expect(output.status == 2)
        #expect(output.stderr == "error: --pcap-format pcap holds exactly one interface, but the capture selects 2 "
                + "(r1:eth0, r2:eth0); write pcapng, or narrow the filter to one interface (e.g. interface:r1:eth0)\n")
        #expect(try files().isEmpty)
    }

    @Test func captureOptionsNeedAFile() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap-filter", "device:r1"])
        #expect(output.status == 2)
        #expect(output.stderr == "error: --pcap-format and --pcap-filter need --pcap FILE\n")
    }

    // MARK: Captures

    /// Every cabled interface of the triangle, each named in its IDB, nanosecond timestamps in
    /// order, every frame once leaving and once arriving (no loss in this topology).
    @Test
    func capturesEveryInterfaceByDefault() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap", path("out.pcapng")])
        #expect(output.status == 0, "\(output.stderr)")
        let file = try PcapNGFile(try bytes("out.pcapng"))
        #expect(file.interfaces.map(\.name) == ["r1:eth0", "r1:eth1", "r1:eth2", "r2:eth0", "r2:eth1", "r3:eth0",
                                                "r3:eth1", "r3:eth2", "h1:eth0", "h3:eth0"])
        #expect(file.interfaces[0].description == "to r2:eth0")
        #expect(file.interfaces.allSatisfy { $0.linkType == 1 && $0.timestampResolution == 9 })
        #expect(file.application == "netsim")
        #expect(file.comment == "netsim run static-triangle, seed 1")
        let lastLine = output.stdout.split(separator: "\n").last.map(String.init)
        #expect(lastLine == "Captured \(file.packets.count) frames on 10 interfaces to \(path("out.pcapng"))")
        #expect(!file.packets.isEmpty)
        #expect(zip(file.packets, file.packets.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        #expect(file.packets.allSatisfy { $0.data.count >= 60 && $0.data.count == $0.originalLength })
        let outbound = file.packets.filter { $0.flags == 2 }
        let inbound = file.packets.filter { $0.flags == 1 }
        #expect(outbound.count == inbound.count)
        #expect(outbound.count + inbound.count == file.packets.count)
        #expect(try files() == ["out.pcapng"])
    }

    /// Same topology and seed: the same bytes.
    @Test
    func capturesAreDeterministic() throws {
        for name in ["a.pcapng", "b.pcapng"] {
            #expect(try NetsimBinary.run(["run", triangle, "--pcap", path(name)]).status == 0)
        }
        #expect(try bytes("a.pcapng") == (try bytes("b.pcapng")))
    }

    /// A link and a protocol: only IPv4 frames, seen leaving one end and arriving at the other.
    @Test
    func filterNarrowsTheCapture() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap", path("icmp.pcapng"),
                                           "--pcap-filter", "link:r1:eth1,proto:icmp"])
        #expect(output.status == 0, "\(output.stderr)")
        let file = try PcapNGFile(try bytes("icmp.pcapng"))
        #expect(file.interfaces.map(\.name) == ["r1:eth1", "r3:eth0"])
        #expect(!file.packets.isEmpty)
        #expect(file.packets.allSatisfy { Array($0.data[12..<14]) == [0x08, 0x00] })
        let r1Out = file.packets.filter { $0.interface == 0 && $0.flags == 2 }.map(\.data)
        let r3In = file.packets.filter { $0.interface == 1 && $0.flags == 1 }.map(\.data)
        #expect(r1Out == r3In)
        #expect(output.stdout.hasSuffix("Captured \(file.packets.count) frames on 2 interfaces to \(path("icmp.pcapng"))\n"))
    }

    /// The seed's IS-IS hierarchy with `proto:isis`: every frame is an 802.3/LLC IS-IS PDU to
    /// AllISs that the codec reads back (LSP checksums verified), of every kind the run sends.
    @Test
    func isisFramesDecodeAsIsis() throws {
        let output = try NetsimBinary.run(["run", NetsimBinary.example("isis-hierarchy.yaml"), "--pcap",
                                           path("isis.pcapng"), "--pcap-filter", "proto:isis"])
        #expect(output.status == 0, "\(output.stderr)")
        let file = try PcapNGFile(try bytes("isis.pcapng"))
        var kinds: Set<String> = []
        for packet in file.packets {
            let frame = try EthernetFrame(decoding: packet.data)
            guard case .isis(let pdu) = frame.payload else {
                Issue.record("not IS-IS: \(frame)")
                continue
            }
            #expect(frame.destination == ISISPDU.allISs)
            #expect(Array(packet.data[14..<17]) == [0xFE, 0xFE, 0x03])
            kinds.insert(pdu.name)
        }
        #expect(kinds == ["P2P IIH", "L1 LSP", "L2 LSP", "L1 CSNP", "L2 CSNP", "L1 PSNP", "L2 PSNP"])
    }

    @Test
    func classicPcapOfOneInterface() throws {
        let output = try NetsimBinary.run(["run", triangle, "--pcap", path("h1.pcap"), "--pcap-format", "pcap",
                                           "--pcap-filter", "h1:eth0"])
        #expect(output.status == 0, "\(output.stderr)")
        let file = try PcapFile(try bytes("h1.pcap"))
        #expect(file.linkType == 1)
        #expect(file.snapLength == 262_144)
        #expect(!file.records.isEmpty)
        #expect(output.stdout.hasSuffix("Captured \(file.records.count) frames on 1 interface to \(path("h1.pcap"))\n"))
    }

    @Test
    func jsonSummaryNamesTheCapture() throws {
        let output = try NetsimBinary.run(["run", triangle, "--format", "json", "--pcap", path("out.pcapng"),
                                           "--pcap-filter", "device:h1"])
        #expect(output.status == 0, "\(output.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let capture = try #require(summary["capture"] as? [String: Any])
        let file = try PcapNGFile(try bytes("out.pcapng"))
        #expect(capture["file"] as? String == path("out.pcapng"))
        #expect(capture["format"] as? String == "pcapng")
        #expect(capture["frames"] as? Int == file.packets.count)
        #expect(capture["interfaces"] as? Int == 1)
    }

    /// A run that stops early still leaves a complete capture of what happened.
    @Test
    func aStoppedRunStillWritesItsCapture() throws {
        let output = try NetsimBinary.run(["run", triangle, "--until", "500ms", "--pcap", path("early.pcapng")])
        #expect(output.status == 1)
        let file = try PcapNGFile(try bytes("early.pcapng"))
        #expect(file.interfaces.count == 10)
        #expect(output.stdout.hasSuffix("Captured \(file.packets.count) frames on 10 interfaces to \(path("early.pcapng"))\n"))
    }

    @Test
    func anUnwritableDestinationIsRefusedBeforeTheRun() throws {
        let missing = path("no/such/dir/out.pcapng")
        let output = try NetsimBinary.run(["run", triangle, "--pcap", missing])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == "error: --pcap: cannot write \(missing): No such file or directory\n")
    }

    // MARK: The test reader itself

    /// The reader understands what the writers produce, independently of the binary.
    @Test func readersReadTheWriters() throws {
        let writer = PcapNGWriter(interfaces: [CaptureInterface(name: "r1:eth0", description: "to r2:eth0"),
                                               CaptureInterface(name: "r2:eth0")], comment: "c")
        let packets = [CapturePacket(interface: 1, timestamp: 5_000_000_001, direction: .inbound, bytes: Array(0..<61)),
                       CapturePacket(interface: 0, timestamp: 5_000_000_002, direction: .outbound, bytes: Array(0..<64))]
        let file = try PcapNGFile(writer.header() + packets.flatMap(writer.record))
        #expect(file.comment == "c")
        #expect(file.interfaces == [
            .init(linkType: 1, snapLength: 0, name: "r1:eth0", description: "to r2:eth0", timestampResolution: 9),
            .init(linkType: 1, snapLength: 0, name: "r2:eth0", description: nil, timestampResolution: 9),
        ])
        #expect(file.packets == [
            .init(interface: 1, timestamp: 5_000_000_001, originalLength: 61, flags: 1, data: Array(0..<61)),
            .init(interface: 0, timestamp: 5_000_000_002, originalLength: 64, flags: 2, data: Array(0..<64)),
        ])
        let pcap = try PcapFile(PcapWriter().header() + packets.map { PcapWriter().record(.init(
            interface: 0, timestamp: $0.timestamp, direction: nil, bytes: $0.bytes)) }.joined())
        #expect(pcap.records.map(\.timestamp) == [5_000_000_001, 5_000_000_002])
        #expect(pcap.records.map(\.data) == packets.map(\.bytes))
        var truncated = writer.header()
        truncated.removeLast()
        #expect(throws: MalformedCapture.self) { try PcapNGFile(truncated) }
    }
}
