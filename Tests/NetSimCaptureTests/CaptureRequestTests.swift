import Foundation
import Testing
import NetSimCapture
import NetSimEngine
import NetSimWire

/// `CaptureRequest.open`, the one way `netsim run --pcap` and a daemon's captures start.
@Suite("Capture requests")
final class CaptureRequestTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-request-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    private func failure(_ request: CaptureRequest) throws -> CaptureRequestError? {
        let simulation = try staticTriangle()
        do throws(CaptureRequestError) {
            _ = try request.open(on: simulation, comment: nil, encode: headerOnlyBytes)
            return nil
        } catch {
            return error
        }
    }

    /// Every unknown name at once, as the filter part; nothing is created.
    @Test func aFilterTheSimulationRejects() throws {
        let error = try failure(CaptureRequest(path: path("out.pcapng"), filter: "device:r9,r1:eth7,proto:icmp"))
        #expect(error == CaptureRequestError(.filter, [
            "'device:r9': no device 'r9' (devices: r1, r2, r3, h1, h3)",
            "'interface:r1:eth7': r1 has no interface 'eth7' (interfaces: eth0, eth1, eth2)",
        ]))
        #expect(error?.description.hasPrefix("filter: 'device:r9': no device 'r9'") == true)
        #expect(try failure(CaptureRequest(path: path("out.pcapng"), filter: "proto:bogus"))?.field == .filter)
        #expect(try contents().isEmpty)
    }

    @Test func classicPcapWantsOneInterface() throws {
        let error = try failure(CaptureRequest(path: path("out.pcap"), format: .pcap, filter: "link:r1:eth0"))
        #expect(error == CaptureRequestError(.format, [
            "pcap holds exactly one interface, but the capture selects 2 (r1:eth0, r2:eth0); write pcapng, "
                + "or narrow the filter to one interface (e.g. interface:r1:eth0)",
        ]))
        #expect(try contents().isEmpty)
    }

    @Test func aDestinationThatCannotBeWritten() throws {
        let missing = path("no/such/dir/out.pcapng")
        #expect(try failure(CaptureRequest(path: missing))
                == CaptureRequestError(.file, ["cannot write \(missing): No such file or directory"]))
        #expect(try failure(CaptureRequest(path: directory.path))?.field == .file)
    }

    /// The header is in the temporary file at once; frames arrive through `record`; `finish`
    /// renames the file into place, byte for byte what the capture wrote.
    @Test func openThenFinish() throws {
        let sim = try staticTriangle()
        let request = CaptureRequest(path: path("out.pcapng"), filter: "h1:eth0,proto:icmp")
        let recording = try request.open(on: sim, comment: "test", encode: headerOnlyBytes)
        #expect(recording.request == request)
        let temporary = try contents()
        #expect(temporary.count == 1 && temporary[0].hasPrefix(".out.pcapng.tmp-"))
        try recording.file.flush()
        let header = PcapNGWriter(interfaces: [CaptureInterface(name: "h1:eth0", description: "to r1:eth2")],
                                  comment: "test").header()
        #expect(Array(try Data(contentsOf: directory.appendingPathComponent(temporary[0]))) == header)

        recording.capture.attach(to: sim)
        sim.start()
        _ = sim.run(until: .seconds(1), maxEvents: 1_000_000)
        let id = sim.startPing(device: 3, target: IPv4Address(10, 0, 3, 10), count: 2)
        _ = sim.run(until: .seconds(60), maxEvents: 1_000_000) { sim.isProbeFinished(id) }
        #expect(recording.capture.framesCaptured == 4)
        try recording.finish()
        #expect(try contents() == ["out.pcapng"])
        let written = Array(try Data(contentsOf: URL(fileURLWithPath: path("out.pcapng"))))
        #expect(written.prefix(header.count).elementsEqual(header))
        // Each Enhanced Packet Block: 32 bytes of header and fields, the frame padded to 100, 12 of epb_flags.
        #expect(written.count == header.count + 4 * (32 + 100 + 12))
    }
}
