import Foundation
import Testing
import NetSimInteractive
import NetSimTerminal
import NetSimTestTerminal

/// Two daemons (one stale) whose devices and log come from the OSPF triangle.
private final class FakeCatalog: DaemonCatalog, @unchecked Sendable {
    let backend: SimulationBackend
    var listings = [
        DaemonListing(name: "lab", pid: 4242, uptime: "2h 15m", topology: "examples/ospf-triangle.yaml", isRunning: true),
        DaemonListing(name: "old", pid: 17, uptime: nil, topology: "old.yaml", isRunning: false),
    ]

    init() throws { backend = try SimulationBackend(example: "ospf-triangle.yaml") }

    func daemons() -> [DaemonListing] { listings }

    func devices(of daemon: String) async throws -> [DeviceListing] {
        [("r1", "router"), ("r2", "router"), ("r3", "router"), ("h1", "host"), ("h3", "host")]
            .map { DeviceListing(name: $0.0, kind: $0.1) }
    }

    func backend(for daemon: String) throws -> any ConsoleBackend { backend }
}

private final class FakeBrowserTerminal: BrowserTerminal, @unchecked Sendable {
    let recording = RecordingOutput(size: TerminalSize(columns: 64, rows: 16))
    var output: any TerminalOutput { recording }
    func startInput() -> AsyncStream<TerminalInput> { AsyncStream { $0.finish() } }
    func stopInput() {}

    /// The screen as the last frame left it.
    var screen: [String] {
        let frames = recording.text.components(separatedBy: "\u{1B}[H")
        return TerminalEmulator.render(frames.last ?? "")
    }
}

private actor Attachments {
    var calls: [String] = []
    func record(_ call: String) { calls.append(call) }
}

@Suite("Daemon browser")
struct DaemonBrowserTests {
    private func key(_ text: String) -> BrowserInput { .terminal(.bytes(Array(text.utf8))) }

    @Test func daemonsThenDevicesThenAttach() async throws {
        let catalog = try FakeCatalog()
        let terminal = FakeBrowserTerminal()
        let attachments = Attachments()
        let browser = DaemonBrowser(catalog: catalog, terminal: terminal) { daemon, device in
            await attachments.record("\(daemon)/\(device)")
            return nil
        }
        browser.start()
        #expect(terminal.screen[0].hasPrefix("┌─ Running Daemons ──"))
        #expect(terminal.screen[2] == "│ > lab  (PID 4242, 2h 15m)                                    │")
        #expect(terminal.screen[3].hasPrefix("│     examples/ospf-triangle.yaml"))
        #expect(terminal.screen[5].hasPrefix("│   old  (stale, PID 17)"))
        #expect(terminal.screen[15] == " Up/Down: Navigate  Enter: Select  l: Logs  q: Quit")

        // A stale daemon cannot be opened; the reason shows above the frame's edge.
        #expect(await browser.process(key("\u{1B}[B\r")) == .continue)
        #expect(terminal.screen[13].hasPrefix("│ old is not running"))
        #expect(await browser.process(key("k\r")) == .continue)
        #expect(terminal.screen[0].hasPrefix("┌─ lab: Devices ──"))
        #expect(terminal.screen[2].hasPrefix("│ > r1  (router)"))
        #expect(terminal.screen[6].hasPrefix("│   h3  (host)"))
        #expect(terminal.screen[15] == " Up/Down: Navigate  Enter: Select  l: Logs  q: Back")

        #expect(await browser.process(key("jj")) == .continue)
        #expect(terminal.screen[4].hasPrefix("│ > r3  (router)"))
        #expect(await browser.process(key("\r")) == .attached)
        #expect(await attachments.calls == ["lab/r3"])
        // Back on the device list after the session, drawn again in full.
        #expect(terminal.screen[4].hasPrefix("│ > r3  (router)"))
        #expect(await browser.process(key("q")) == .continue)
        #expect(terminal.screen[0].hasPrefix("┌─ Running Daemons"))
        #expect(await browser.process(key("q")) == .quit)
    }

    @Test func theLogViewerFollowsTheDaemonsEvents() async throws {
        let catalog = try FakeCatalog()
        let terminal = FakeBrowserTerminal()
        let browser = DaemonBrowser(catalog: catalog, terminal: terminal) { _, _ in nil }
        browser.start()
        _ = await browser.process(key("l"))
        #expect(terminal.screen[0].hasPrefix("┌─ lab: Log (live) ──"))
        // The in-process backend has no log before its first command; run one to make some.
        _ = try await catalog.backend.execute("interface shutdown eth0", device: "r1")
        // (the backend replays past events: open the log again to see them)
        _ = await browser.process(key("q"))
        _ = await browser.process(key("l"))
        // The first view's end comes first (it ended before it was closed and is ignored).
        var lines = 0
        var ends = 0
        while ends < 2, let input = await browser.nextQueuedInput() {
            _ = await browser.process(input)
            if case .logEnded = input { ends += 1 } else { lines += 1 }
        }
        #expect(lines >= 3)
        let screen = terminal.screen
        #expect(screen.contains { $0.contains("r1: interface eth0 admin-down") })
        #expect(screen.contains { $0.contains("r1: OSPF neighbor 2.2.2.2 on eth0 down") })
        #expect(screen.contains { $0.contains("[lab stopped]") })
        #expect(terminal.screen[15] == " Up/Down/PgUp/PgDn: Scroll  End: Follow  q: Back")
        _ = await browser.process(key("\u{1B}[A"))
        #expect(terminal.screen[0].hasPrefix("┌─ lab: Log (1 lines back)"))
        _ = await browser.process(key("\u{1B}[F"))
        #expect(terminal.screen[0].hasPrefix("┌─ lab: Log (live)"))
        _ = await browser.process(key("q"))
        #expect(terminal.screen[0].hasPrefix("┌─ Running Daemons"))
    }

    @Test func theListFollowsTheDirectoryAndKeepsTheSelection() async throws {
        let catalog = try FakeCatalog()
        let terminal = FakeBrowserTerminal()
        let browser = DaemonBrowser(catalog: catalog, terminal: terminal) { _, _ in nil }
        browser.start()
        _ = await browser.process(key("j"))
        #expect(browser.state.selectedDaemon?.name == "old")
        catalog.listings.insert(DaemonListing(name: "core", pid: 9, uptime: "3s", topology: "core.yaml", isRunning: true),
                                at: 0)
        _ = await browser.process(.tick)
        #expect(browser.state.selectedDaemon?.name == "old")
        #expect(terminal.screen[2].hasPrefix("│   core  (PID 9, 3s)"))
        catalog.listings = []
        _ = await browser.process(.tick)
        #expect(terminal.screen[2].hasPrefix("│ No daemons. Start one with: netsim daemon start"))
        #expect(await browser.process(key("\r")) == .continue)
        #expect(await browser.process(.terminal(.closed)) == .quit)
    }
}

@Suite("Browser view")
struct BrowserViewTests {
    @Test func everyScreenDrawsAtAnySize() {
        var state = BrowserState()
        state.daemons = [DaemonListing(name: "lab", pid: 1, uptime: "1s", topology: "a.yaml", isRunning: true)]
        state.status = "a message"
        var screens = [state]
        _ = state.handle(.enter, page: 1)
        state.devices = [DeviceListing(name: "r1", kind: "router")]
        screens.append(state)
        _ = state.handle(.character("l"), page: 1)
        for line in 0..<50 { state.appendLog("line \(line)") }
        screens.append(state)
        for screen in screens {
            for (columns, rows) in [(1, 1), (2, 2), (10, 3), (20, 5), (200, 60)] {
                let size = TerminalSize(columns: columns, rows: rows)
                let drawn = BrowserView.render(screen, size: size)
                #expect(drawn.lines.count == rows)
                #expect(drawn.lines.allSatisfy { $0.count <= columns })
            }
        }
    }

    @Test func longListsScrollToTheSelection() {
        var state = BrowserState()
        state.daemons = (0..<10).map {
            DaemonListing(name: "d\($0)", pid: Int32($0), uptime: "1s", topology: nil, isRunning: true)
        }
        for _ in 0..<7 { _ = state.handle(.down, page: 5) }
        let screen = BrowserView.render(state, size: TerminalSize(columns: 40, rows: 12))
        #expect(screen.lines.contains { $0.hasPrefix("│ > d7  (PID 7, 1s)") })
        #expect(!screen.lines.contains { $0.hasPrefix("│   d0") })
        #expect(screen.style(row: screen.lines.firstIndex { $0.hasPrefix("│ > d7") }!, column: 2) == .reverse)
    }
}
