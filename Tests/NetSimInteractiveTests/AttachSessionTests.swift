import Foundation
import Testing
import NetSimEngine
import NetSimRouting
import NetSimInteractive
import NetSimTerminal

@Suite("Attach session")
struct AttachSessionTests {
    private let up = "\u{1B}[A"

    private func run(_ steps: [ScriptStep], device: String = "r1", backend: SimulationBackend,
                     history: History = History()) async -> (AttachSession.Ending, RecordingOutput, AttachSession) {
        let output = RecordingOutput()
        let session = AttachSession(device: device, backend: backend, output: output, history: history)
        let ending = await session.run(scriptedInputs(steps, backend: backend), banner: "Connected to \(device).")
        return (ending, output, session)
    }

    @Test func abbreviatedCommandsRunOnTheDevice() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (ending, output, _) = await run([.type("sh ip ro\r"), .type("exit\r")], backend: backend)
        #expect(ending == .exit)
        #expect(backend.executed == ["sh ip ro"])
        let screen = output.screen
        #expect(screen.first == "Connected to r1.")
        #expect(screen.contains("r1> sh ip ro"))
        #expect(screen.contains("O    10.0.3.0/24 [110/11] via 10.0.13.3, eth1"))
        #expect(screen.contains("r1> exit"))
    }

    @Test func tabCompletesCommandsSubcommandsAndInterfaces() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([
            .type("sh\t"), .type("ip o\t"), .type("n\t"), .type("\r"),
            .type("int shut \t"), .type("\t"), .bytes([0x15]),
            .type("int shut e\t"), .type("1\r"),
        ], backend: backend)
        #expect(backend.executed == ["show ip ospf neighbors ", "int shut eth1"])
        let screen = output.screen
        #expect(screen.contains("r1> show ip ospf neighbors"))
        // Several interfaces: the word grows to what they share, then a second Tab lists them
        // in columns under the line, which is drawn again.
        let list = try #require(screen.firstIndex(of: "eth0  eth1  eth2"))
        #expect(screen[list - 1] == "r1> int shut eth")
        #expect(screen.contains("r1> int shut eth1"))
        #expect(screen.contains("Interface eth1 admin-down"))
    }

    @Test func ambiguousWordsAreListed() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([.type("sh i\t")], backend: backend)
        #expect(output.screen.contains("interfaces  ip          isis"))
        #expect(output.screen[output.screen.count - 2] == "r1> sh i")
        #expect(backend.executed.isEmpty)
    }

    @Test func questionMarkListsWhatCanFollow() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([.type("sh ip ro?"), .type(" ?"), .type("x?")], backend: backend)
        let screen = output.screen
        #expect(screen.contains("r1> sh ip ro?"))
        #expect(screen.contains { $0.hasPrefix("  show ip route [--json]") && $0.hasSuffix("routing table") })
        #expect(screen.contains { $0.hasPrefix("  show ip route <address|prefix> [--json]") })
        #expect(screen.contains("  <cr>"))
        #expect(screen.contains("% unknown word 'x' after 'sh ip ro'; expected one of: <address|prefix>"))
        #expect(screen[screen.count - 2] == "r1> sh ip ro x")
        #expect(backend.executed.isEmpty)
    }

    @Test func historyComesBackWithTheArrowKeysAndIsSaved() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-attach-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("history")
        let (_, _, session) = await run([
            .type("sh arp\r"), .type("sh int\r"),
            // Up twice: the older command; the escape sequence arrives split across reads.
            .type(up), .bytes([0x1B]), .type("[A"), .type("\r"),
        ], backend: backend, history: History.load(from: file))
        #expect(backend.executed == ["sh arp", "sh int", "sh arp"])
        #expect(session.history.entries == ["sh arp", "sh int", "sh arp"])
        #expect(History.load(from: file).entries == ["sh arp", "sh int", "sh arp"])
    }

    @Test func noticesAppearAboveTheLineBeingTyped() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([
            .type("int shut eth0\r"), .deliverEvents,
            .type("sh ip"), .advance(.seconds(15)), .deliverEvents,
            .type(" ro\r"),
        ], backend: backend)
        let screen = output.screen
        let shut = try #require(screen.firstIndex(of: "Interface eth0 admin-down"))
        #expect(screen[shut + 1] == "[interface eth0 down]")
        #expect(screen[shut + 2] == "[OSPF adjacency r1<->r2 torn down]")
        #expect(screen[shut + 3].hasPrefix("[Network reconverged (last change at t="))
        // The line being typed survived the notices and ran whole.
        #expect(backend.executed == ["int shut eth0", "sh ip ro"])
        #expect(screen.contains("r1> sh ip ro"))
        #expect(!screen.contains("r1> sh ip"))
        let route = try #require(screen.firstIndex(of: "O    10.0.23.0/24 [110/20] via 10.0.13.3, eth1"))
        #expect(!screen[route + 1].contains("via 10.0.12.2"))
    }

    @Test func adjacencyComingBackIsAnnounced() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([
            .type("int shut eth0\r"), .advance(.seconds(5)),
            .type("int no shut eth0\r"), .advance(.seconds(30)), .deliverEvents,
        ], backend: backend)
        #expect(output.screen.contains("[interface eth0 up]"))
        #expect(output.screen.contains("[OSPF adjacency r1<->r2 established]"))
    }

    @Test func editingKeysAndCtrlC() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (ending, output, _) = await run([
            .type("sh ip bogus"), .bytes([0x03]),
            .type("arp sh"), .bytes([0x01]), .type("\u{1B}[1;5C"), .bytes([0x0B]), .bytes([0x05]),
            .bytes([0x17]), .type("sh arp\r"),
            .bytes([0x04]),
        ], backend: backend)
        #expect(ending == .endOfInput)
        #expect(output.screen.contains("r1> sh ip bogus^C"))
        #expect(backend.executed == ["sh arp"])
    }

    @Test func failedCommandsPrintTheirError() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (_, output, _) = await run([.type("sh bogus\r")], backend: backend)
        #expect(output.screen.contains("% unknown word 'bogus' after 'sh'; expected one of: arp, bgp, interfaces, ip, isis, mac, ospf"))
    }

    @Test func theSessionEndsWhenTheSimulationStops() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (ending, output, _) = await run([.type("sh a"), .endOfEvents("daemon stopped")], backend: backend)
        #expect(ending == .simulationLost("daemon stopped"))
        #expect(output.screen.contains("[daemon stopped]"))
    }

    @Test func aLoneEscapeIsIgnoredAfterAPause() async throws {
        let backend = try SimulationBackend(example: "ospf-triangle.yaml")
        let (ending, output, _) = await run([.type("sh"), .bytes([0x1B]), .pause, .type(" arp\r")], backend: backend)
        #expect(ending == .terminalClosed)
        #expect(backend.executed == ["sh arp"])
        #expect(output.screen.contains("r1> sh arp"))
    }
}

@Suite("Console notices")
struct ConsoleNoticeTests {
    private func notice(_ category: LogEntry.Category, _ device: String?, _ message: String) -> String? {
        ConsoleNotice.notice(for: LogEntry(time: .zero, category: category, device: device, message: message),
                             device: "r1", peerName: { $0 == "eth0" ? "r2" : nil })
    }

    @Test func adjacencyAndInterfaceChangesOfTheDevice() {
        #expect(notice(.ospf, "r1", "OSPF adjacency with 2.2.2.2 on eth0 Full") == "[OSPF adjacency r1<->r2 established]")
        #expect(notice(.ospf, "r1", "OSPF adjacency with 4.4.4.4 on eth3 down (Full -> Init)")
                == "[OSPF adjacency r1<->4.4.4.4 torn down]")
        #expect(notice(.ospf, "r1", "OSPF neighbor 2.2.2.2 on eth0 down (dead timer)") == "[OSPF adjacency r1<->r2 torn down]")
        #expect(notice(.isis, "r1", "IS-IS L2 adjacency with r2 on eth0 Up") == "[IS-IS L2 adjacency r1<->r2 established]")
        #expect(notice(.isis, "r1", "IS-IS L1L2 adjacency with r7 on eth4 Down (hold time expired)")
                == "[IS-IS L1L2 adjacency r1<->r7 torn down]")
        #expect(notice(.isis, "r1", "IS-IS L1 DIS on eth1 is this router (LAN ID r1.01)") == nil)
        #expect(notice(.bgp, "r1", "BGP: neighbor 10.0.12.2 Established (AS 65002, hold 180s)")
                == "[BGP session with 10.0.12.2 AS 65002 established]")
        #expect(notice(.bgp, "r1", "BGP: neighbor 10.0.12.2 connection #4 closed in Established: hold timer expired")
                == "[BGP session with 10.0.12.2 down: hold timer expired]")
        #expect(notice(.interface, "r1", "interface eth0 down") == "[interface eth0 down]")
        #expect(notice(.engine, nil, "Network reconverged (last change at t=5s)") == "[Network reconverged (last change at t=5s)]")
    }

    @Test func otherEventsStayInTheLog() {
        #expect(notice(.ospf, "r2", "OSPF adjacency with 1.1.1.1 on eth0 Full") == nil)
        #expect(notice(.ospf, "r1", "OSPF SPF run 3: 5 routes, changed") == nil)
        #expect(notice(.ospf, "r1", "OSPF flooding router-LSA 1.1.1.1 (area 0.0.0.0) seq 0x80000002") == nil)
        #expect(notice(.interface, "r1", "interface eth0 admin-down") == nil)
        #expect(notice(.route, "r1", "route 10.0.0.0/24 added") == nil)
        // A collision's losing connection and routine BGP lines are not session changes.
        #expect(notice(.bgp, "r1", "BGP: neighbor 10.0.12.2 connection #1 closed in OpenSent: connection collision "
                       + "resolved (peer's connection kept)") == nil)
        #expect(notice(.bgp, "r1", "BGP: End-of-RIB from 10.0.12.2") == nil)
        #expect(notice(.engine, nil, "Network initialized: 5 devices, 5 links") == nil)
    }
}

@Suite("Attach inputs")
struct AttachInputsTests {
    @Test func eventsThenTheirEndThenTheTerminalsEnd() async {
        let (terminal, keys) = AsyncStream<TerminalInput>.makeStream()
        let entry = LogEntry(time: .milliseconds(5), category: .interface, device: "r1", message: "interface eth0 down")
        let events = AsyncThrowingStream<LogEntry, any Error> { continuation in
            continuation.yield(entry)
            continuation.finish()
        }
        var iterator = AttachSession.inputs(terminal: terminal, events: events).makeAsyncIterator()
        #expect(await iterator.next() == .event(entry))
        #expect(await iterator.next() == .eventsEnded("the simulation stopped"))
        keys.yield(.bytes([0x61]))
        #expect(await iterator.next() == .terminal(.bytes([0x61])))
        keys.finish()
        #expect(await iterator.next() == nil)
    }
}
