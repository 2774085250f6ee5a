import Foundation
import NetSimCapture
import NetSimCommands
import NetSimEngine
import Testing
@testable import NetSimDaemon

/// Captures in a live host: started and stopped through simulation-thread jobs, as the API does.
@Suite final class DaemonCapturesTests {
    private let directory: URL

    init() throws {
        directory = URL(fileURLWithPath: "/tmp/netsim-daemon-captures-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func startedHost() async throws -> (SimulationHost, DaemonEventLog) {
        let log = DaemonEventLog(file: nil)
        let host = SimulationHost(simulation: try exampleSimulation("ospf-triangle.yaml"),
                                  pace: .init(tick: .milliseconds(10), speed: 100), eventLog: log,
                                  captures: captures(log))
        guard case .success = await host.start(limits: .init()) else {
            Issue.record("did not converge")
            return (host, log)
        }
        return (host, log)
    }

    private func start(_ request: CaptureRequest, on host: SimulationHost) async -> Result<JSONValue, DaemonCaptures.StartError> {
        await host.perform { [captures = host.captures] in captures.start(request, in: $0) }
    }

    /// Two captures at once see the same frames where they overlap; stopping one leaves the
    /// other running; the frame observer goes once none runs.
    @Test func twoCapturesAtOnce() async throws {
        let (host, log) = try await startedHost()
        defer { host.stop() }
        let events = log.subscribe(history: 0)
        guard case .success(let all) = await start(CaptureRequest(path: path("all.pcapng")), on: host),
              case .success(let icmp) = await start(CaptureRequest(path: path("icmp.pcapng"), filter: "h1:eth0,proto:icmp"),
                                                    on: host) else {
            Issue.record("a capture did not start")
            return
        }
        #expect(all["id"] == .int(1) && icmp["id"] == .int(2))
        #expect(icmp["interfaces"] == .array([.object(["name": .string("h1:eth0"), "sent": .int(0), "received": .int(0),
                                                       "bytes": .int(0)])]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)  // both temporary files

        let ping = await host.execute("ping 10.0.3.10 -c 2", device: "h1")
        #expect(ping.result.succeeded)
        let stoppedView = await host.perform { [captures = host.captures] in captures.stop(2, in: $0) }
        let stopped = try #require(stoppedView)
        #expect(stopped["state"] == .string("written"))
        #expect(stopped["frames"] == .int(4))  // two echoes out, two replies in
        #expect(stopped["interfaces"] == .array([.object(["name": .string("h1:eth0"), "sent": .int(2),
                                                          "received": .int(2), "bytes": .int(4 * 98)])]))
        #expect(stopped["bytes"] == .int(4 * 98))
        #expect(FileManager.default.fileExists(atPath: path("icmp.pcapng")))

        let running = await host.perform { [captures = host.captures] _ in captures.list() }
        guard case .array(let list) = running, list.count == 1 else {
            Issue.record("expected one running capture: \(running.compact)")
            return
        }
        #expect(list[0]["id"] == .int(1) && list[0]["state"] == .string("running"))
        if case .int(let frames)? = list[0]["frames"] { #expect(frames > 4) }
        let observing = await host.perform { $0.frameObserver != nil }
        #expect(observing)
        let rest = await host.perform { [captures = host.captures] in captures.stopAll(in: $0) }
        #expect(rest.count == 1 && rest[0]["state"] == .string("written"))
        let stillObserving = await host.perform { $0.frameObserver != nil }
        #expect(!stillObserving)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["all.pcapng", "icmp.pcapng"])

        var messages: [String] = []
        for await line in events where line.json.contains("\"category\":\"capture\"") {
            messages.append(try JSONDecoder().decode(JSONValue.self, from: Data(line.json.utf8))["message"]?.stringValue ?? "")
            if messages.count == 4 { break }
        }
        #expect(messages[0] == "capture 1 started: 10 interfaces to \(path("all.pcapng")) (pcapng)")
        #expect(messages[1] == "capture 2 started: 1 interface to \(path("icmp.pcapng")) (pcapng, filter h1:eth0,proto:icmp)")
        #expect(messages[2] == "capture 2 stopped: captured 4 frames on 1 interface to \(path("icmp.pcapng"))")
        #expect(messages[3].hasPrefix("capture 1 stopped: captured "))
    }

    @Test func refusedCaptures() async throws {
        let (host, _) = try await startedHost()
        defer { host.stop() }
        guard case .failure(.invalid(let error)) = await start(CaptureRequest(path: path("x.pcapng"), filter: "device:r9"),
                                                               on: host) else {
            Issue.record("an unknown device was accepted")
            return
        }
        #expect(error.field == .filter && error.problems == ["'device:r9': no device 'r9' (devices: r1, r2, r3, h1, h3)"])
        guard case .success = await start(CaptureRequest(path: path("x.pcapng")), on: host),
              case .failure(.fileInUse(let busy, let id)) = await start(CaptureRequest(path: directory.path + "/./x.pcapng"),
                                                                        on: host) else {
            Issue.record("a second capture to the same file was accepted")
            return
        }
        #expect(busy == path("x.pcapng") && id == 1)
        // IDs are never reused.
        let first = await host.perform { [captures = host.captures] in captures.stop(1, in: $0) }
        let again = await host.perform { [captures = host.captures] in captures.stop(1, in: $0) }
        #expect(first != nil && again == nil)
        guard case .success(let next) = await start(CaptureRequest(path: path("x.pcapng")), on: host) else {
            Issue.record("the file is free again, but the capture did not start")
            return
        }
        #expect(next["id"] == .int(2))
    }

    /// A host that stops writes what its captures hold.
    @Test func stoppingTheHostFinishesItsCaptures() async throws {
        let (host, log) = try await startedHost()
        let events = log.subscribe(history: 0)
        guard case .success = await start(CaptureRequest(path: path("end.pcapng"), filter: "proto:ospf"), on: host) else {
            Issue.record("did not start")
            host.stop()
            return
        }
        try await Task.sleep(for: .milliseconds(200))  // 20 s of simulated time: Hellos
        host.stop()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path("end.pcapng")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["end.pcapng"])
        for await line in events where line.json.contains("\"category\":\"capture\"") && line.json.contains("stopped") {
            let message = try JSONDecoder().decode(JSONValue.self, from: Data(line.json.utf8))["message"]?.stringValue ?? ""
            let prefix = "capture 1 stopped (the daemon is stopping): captured "
            #expect(message.hasPrefix(prefix))
            // Hellos leave every interface every 10 s; each record is an Enhanced Packet Block of
            // at least 32 + 60 + 12 bytes after the header.
            let frames = Int(message.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            #expect(frames >= 1)
            #expect(bytes.count > frames * 104)
            break
        }
    }
}
