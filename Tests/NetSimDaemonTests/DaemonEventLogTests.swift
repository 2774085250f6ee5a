import Foundation
import NetSimCommands
import NetSimDaemonClient
import Testing
@testable import NetSimDaemon

@Suite struct DaemonEventLogTests {
    @Test func writesOneJSONObjectPerLineThatClientsCanRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("daemon.log")
        let log = DaemonEventLog(file: file)
        log.record(time: .milliseconds(5), category: "ospf", device: "r1", message: "OSPF adjacency with 2.2.2.2 on eth0 Full")
        log.record(time: .milliseconds(7), category: "route", device: "r1", message: "route 10.0.0.0/24 added: C",
                   details: .object(["change": .string("added")]))
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let events = try lines.map { try JSONDecoder().decode(DaemonEvent.self, from: Data($0.utf8)) }
        #expect(events.map(\.sequence) == [1, 2])
        #expect(events[0].text == "[t=5ms] r1: OSPF adjacency with 2.2.2.2 on eth0 Full")
        #expect(events[1].details?["change"]?.stringValue == "added")
        #expect(events[0].time.hasSuffix("Z") && events[0].time.count == 24)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func subscribersGetHistoryThenNewEventsUntilClosed() async throws {
        let log = DaemonEventLog(file: nil, historyLimit: 3)
        for index in 1...5 { log.record(time: .zero, category: "engine", device: nil, message: "e\(index)") }
        let stream = log.subscribe(history: 2)
        log.record(time: .zero, category: "engine", device: nil, message: "e6")
        #expect(log.subscriberCount == 1)
        log.closeSubscriptions()
        var received: [UInt64] = []
        for await line in stream { received.append(line.sequence) }
        #expect(received == [4, 5, 6])
        #expect(log.subscriberCount == 0)
        // After closing, a new subscriber gets the history and an ended stream.
        var late: [UInt64] = []
        for await line in log.subscribe(history: 10) { late.append(line.sequence) }
        #expect(late == [4, 5, 6])
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(DaemonEventLog.timestamp(Date(timeIntervalSince1970: 1_795_000_000.042)) == "2026-11-18T11:06:40.042Z")
    }
}
