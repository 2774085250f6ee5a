import Foundation
import Testing
import NetSimDaemonClient
import NetSimEngine
import NetSimRouting
@testable import NetSimInteractive

@Suite("Daemon console backend")
struct DaemonConsoleBackendTests {
    private func event(_ json: String) throws -> DaemonEvent {
        try JSONDecoder().decode(DaemonEvent.self, from: Data(json.utf8))
    }

    @Test func daemonEventsBecomeLogEntries() throws {
        let adjacency = try event(#"{"seq":7,"time":"2026-11-21T22:00:00.000Z","sim_ms":21158,"category":"ospf","device":"r1","message":"OSPF neighbor 2.2.2.2 on eth0 down (interface down)"}"#)
        #expect(DaemonConsoleBackend.logEntry(adjacency) == LogEntry(
            time: .milliseconds(21158), category: .ospf, device: "r1",
            message: "OSPF neighbor 2.2.2.2 on eth0 down (interface down)"))
        let converged = try event(#"{"seq":8,"time":"2026-11-21T22:00:00.000Z","sim_ms":27208.5,"category":"engine","message":"Network reconverged"}"#)
        #expect(DaemonConsoleBackend.logEntry(converged)?.time == SimTime(nanoseconds: 27_208_500_000))
        #expect(DaemonConsoleBackend.logEntry(converged)?.device == nil)
        // The daemon's own events (started, stopping) are not engine log entries.
        let own = try event(#"{"seq":1,"time":"2026-11-21T22:00:00.000Z","sim_ms":0,"category":"daemon","message":"started"}"#)
        #expect(DaemonConsoleBackend.logEntry(own) == nil)
    }
}
