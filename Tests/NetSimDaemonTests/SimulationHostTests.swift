import NetSimCommands
import NetSimEngine
import NetSimRouting
import Testing
@testable import NetSimDaemon

@Suite struct SimulationHostTests {
    private func startedHost(speed: Double = 100) async throws -> (SimulationHost, DaemonEventLog) {
        let log = DaemonEventLog(file: nil)
        let host = SimulationHost(simulation: try exampleSimulation("ospf-triangle.yaml"),
                                  pace: .init(tick: .milliseconds(10), speed: speed), eventLog: log,
                                  captures: captures(log))
        let outcome = await host.start(limits: .init())
        guard case .success(let summary) = outcome else {
            Issue.record("did not converge: \(outcome)")
            return (host, log)
        }
        #expect(summary.convergedAt != nil)
        return (host, log)
    }

    @Test func commandsRunAgainstTheLiveSimulationOneAtATime() async throws {
        let (host, log) = try await startedHost()
        defer { host.stop() }
        let stream = log.subscribe(history: 0)
        let results = await withTaskGroup(of: SimulationHost.Executed.self) { group in
            for _ in 0..<20 { group.addTask { await host.execute("show ip route", device: "r1") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0.result.succeeded && $0.result.text.contains("10.0.23.0/24") })
        // Each command is logged.
        var commands = 0
        for await line in stream {
            if line.json.contains("\"category\":\"command\"") { commands += 1 }
            if commands == 20 { break }
        }
        #expect(commands == 20)
    }

    @Test func simulatedTimeFollowsTheWallClockTimesSpeed() async throws {
        let (host, _) = try await startedHost(speed: 100)
        defer { host.stop() }
        let first = await host.perform { $0.now }
        try await Task.sleep(for: .milliseconds(300))
        let second = await host.perform { $0.now }
        // 300 ms of wall time at speed 100 is 30 s of simulated time (less the loop's latency).
        #expect(second - first >= .seconds(25))
    }

    @Test func probesAnswerWhenTheyFinishInSimulatedTime() async throws {
        let (host, _) = try await startedHost(speed: 100)
        defer { host.stop() }
        let executed = await host.execute("ping 10.0.3.10 -c 3", device: "h1")
        #expect(executed.result.succeeded)
        #expect(executed.result.text.contains("3/3 packets received, 0% loss"))
        // Three echoes one second apart: at least two simulated seconds passed.
        #expect(executed.finished - executed.started >= .seconds(2))
    }

    @Test func stateChangesReachTheProtocolsAndTheLog() async throws {
        let (host, log) = try await startedHost(speed: 100)
        defer { host.stop() }
        let stream = log.subscribe(history: 0)
        let shutdown = await host.execute("interface shutdown eth0", device: "r1")
        #expect(shutdown.result.text == "Interface eth0 admin-down")
        let routes = await host.execute("show ip route", device: "r1")
        #expect(!routes.result.text.contains("10.0.12.0/24 is directly connected"))
        var sawRouteEvent = false
        for await line in stream where line.json.contains("\"category\":\"route\"") && line.json.contains("\"device\":\"r1\"") {
            sawRouteEvent = true
            break
        }
        #expect(sawRouteEvent)
    }

    @Test func aNetworkThatCannotConvergeIsReported() async throws {
        let log = DaemonEventLog(file: nil)
        let host = SimulationHost(simulation: try exampleSimulation("ospf-triangle.yaml"),
                                  pace: .init(tick: .milliseconds(10), speed: 1), eventLog: log,
                                  captures: captures(log))
        let outcome = await host.start(limits: .init(until: .seconds(5)))
        guard case .failure(let failure) = outcome else {
            Issue.record("converged within 5 s, which OSPF cannot")
            return
        }
        #expect(failure.description.contains("did not converge"))
        host.stop()
    }
}
