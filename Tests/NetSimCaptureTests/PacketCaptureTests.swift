import Testing
import NetSimCapture
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Packet capture")
struct PacketCaptureTests {
    /// Runs the static triangle to convergence and pings h3 from h1 twice, capturing through
    /// `filter` into memory. Device ids: r1 0, r2 1, r3 2, h1 3, h3 4.
    private func capture(_ filter: String?, format: CaptureFormat = .pcapng, seed: UInt64 = 1,
                         encode: @escaping (EthernetFrame) -> [UInt8] = headerOnlyBytes)
        throws -> (capture: PacketCapture, bytes: [UInt8]) {
        let sim = try staticTriangle(seed: seed)
        let selection = try CaptureSelection(filter.map { try CaptureFilter.parse($0) } ?? CaptureFilter(), in: sim)
        let output = MemoryCaptureOutput()
        let capture = PacketCapture(selection: selection, format: format, comment: "test", output: output,
                                    encode: encode)
        capture.attach(to: sim)
        pingTwice(sim)
        return (capture, output.bytes)
    }

    private func pingTwice(_ sim: Simulation) {
        sim.start()
        _ = sim.run(until: .seconds(1), maxEvents: 1_000_000)
        let id = sim.startPing(device: 3, target: IPv4Address(10, 0, 3, 10), count: 2)
        _ = sim.run(until: .seconds(60), maxEvents: 1_000_000) { sim.isProbeFinished(id) }
    }

    /// The file is the writer's header, then one record per frame the tap reported on a selected
    /// interface, in the order reported, with the interface's position as its pcapng ID.
    @Test func recordsEveryObservedFrameOnTheSelectedInterfaces() throws {
        let (capture, bytes) = try capture("device:r1,h3:eth0")
        let sim = try staticTriangle()
        var observed: [CapturedFrame] = []
        sim.frameObserver = { observed.append($0) }
        pingTwice(sim)
        let selection = capture.selection
        let writer = PcapNGWriter(interfaces: selection.ports.map(\.description), comment: "test")
        let kept = observed.compactMap { frame in
            selection.position(device: frame.device, interface: frame.interface).map {
                CapturePacket(interface: $0, timestamp: UInt64(frame.time.nanoseconds), direction: frame.direction,
                              bytes: headerOnlyBytes(frame.frame))
            }
        }
        #expect(selection.ports.map(\.description.name) == ["r1:eth0", "r1:eth1", "r1:eth2", "h3:eth0"])
        #expect(bytes == writer.header() + kept.flatMap(writer.record))
        #expect(capture.framesCaptured == kept.count)
        #expect(kept.count < observed.count)
        #expect(Set(kept.map(\.interface)) == [1, 2, 3])  // nothing crosses r1-r2 on this path
        #expect(capture.writeError == nil)
    }

    /// Classic pcap on one interface, ICMP only: two echo requests leave r1 towards r3 and two
    /// replies come back, 1 ms per link. The first echo leaves at 1005 ms (ARP h1-r1, then r1-r3)
    /// and returns at 1011 ms (ARP r3-h3 on the way); the second goes at 2001 and is back at 2005.
    @Test func classicPcapOfOneInterface() throws {
        let (capture, bytes) = try capture("r1:eth1,proto:icmp", format: .pcap)
        #expect(capture.framesCaptured == 4)
        #expect(Array(bytes.prefix(24)) == PcapWriter().header())
        var times: [UInt64] = []
        var offset = 24
        while offset < bytes.count {
            let field = { (at: Int) in
                bytes[offset + at..<offset + at + 4].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            }
            times.append(field(0) * 1_000_000_000 + field(4))
            #expect(field(8) == 98)  // 14 + 20 + 8 + 56
            offset += 16 + Int(field(8))
        }
        #expect(offset == bytes.count)
        #expect(times == [1_005_000_000, 1_011_000_000, 2_001_000_000, 2_005_000_000].map(UInt64.init))
    }

    /// Same topology and seed, same bytes; a loss-free topology does not even depend on the seed.
    @Test func deterministic() throws {
        let first = try capture(nil).bytes
        #expect(first == (try capture(nil).bytes))
        #expect(first == (try capture(nil, seed: 99).bytes))
    }

    /// Per-interface counts add up to the totals, and a frame crossing a cable is counted once
    /// leaving one end and once arriving at the other.
    @Test func countsPerInterface() throws {
        let (capture, bytes) = try capture("link:r1:eth1,h1:eth0")
        let names = capture.selection.ports.map(\.description.name)
        #expect(names == ["r1:eth1", "r3:eth0", "h1:eth0"])
        let counts = capture.portCounts
        #expect(counts.map { $0.sent + $0.received }.reduce(0, +) == capture.framesCaptured)
        #expect(counts.map(\.bytes).reduce(0, +) == capture.bytesCaptured)
        #expect(counts[0].sent == counts[1].received && counts[0].received == counts[1].sent)
        #expect(counts[0].bytes == counts[1].bytes)
        // Two echoes and their replies (98 bytes each) and h1's ARP exchange with r1 (60 each).
        #expect(counts[2] == PacketCapture.PortCount(sent: 3, received: 3, bytes: 4 * 98 + 2 * 60))
        #expect(bytes.count > capture.bytesCaptured)
    }

    /// Only frames the protocol terms keep reach the encoder.
    @Test func theEncoderSeesOnlyKeptFrames() throws {
        var encoded: [EthernetFrame] = []
        let (capture, _) = try capture("proto:arp") { frame in
            encoded.append(frame)
            return headerOnlyBytes(frame)
        }
        #expect(!encoded.isEmpty)
        #expect(encoded.count == capture.framesCaptured)
        #expect(encoded.allSatisfy { if case .arp = $0.payload { true } else { false } })
    }

    /// After the output fails, nothing more is written or counted, and the error is kept.
    @Test func aFailingOutputStopsTheCapture() throws {
        final class FailingOutput: CaptureOutput {
            struct Full: Error {}
            var writes = 0
            func write(_ bytes: [UInt8]) throws {
                writes += 1
                if writes > 3 { throw Full() }
            }
        }
        let sim = try staticTriangle()
        let output = FailingOutput()
        let capture = PacketCapture(selection: try CaptureSelection(CaptureFilter(), in: sim), format: .pcapng,
                                    output: output, encode: headerOnlyBytes)
        capture.attach(to: sim)
        pingTwice(sim)
        #expect(capture.framesCaptured == 2)  // the header, two records, then the failure
        #expect(output.writes == 4)
        #expect(capture.writeError is FailingOutput.Full)
    }
}
