import Foundation
import Testing
import NetSimTestTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `netsim attach` and the `netsim daemon` browser in a real pseudo-terminal, against a real
/// daemon running the OSPF triangle: keys typed as a user types them, the screen read back.
@Suite("Interactive commands in a terminal", .serialized)
struct InteractiveCommandTests {
    private static let cooked = tcflag_t(ICANON | ECHO | ISIG)

    private func lastLine(_ screen: [String]) -> String { screen.last { !$0.isEmpty } ?? "" }

    /// Runs `body` with the OSPF triangle running as daemon `lab`, stopped afterwards.
    private func withTriangle(_ body: (DaemonSandbox) throws -> Void) throws {
        try DaemonSandbox.withSandbox { sandbox in
            let started = try sandbox.netsim("daemon", "start", "lab", NetsimBinary.example("ospf-triangle.yaml"))
            try #require(started.status == 0, "\(started.stderr)")
            try body(sandbox)
            _ = try sandbox.netsim("daemon", "stop", "lab")
        }
    }

    @Test func attachWithAbbreviationsCompletionHistoryAndNotices() throws {
        try withTriangle { sandbox in
            let pty = try PseudoTerminal(columns: 120, rows: 40)
            let before = pty.localModes
            try pty.run(["attach", "lab", "r1"], environment: sandbox.environment)
            #expect(pty.wait { lastLine($0) == "r1>" })
            #expect(pty.localModes & Self.cooked == 0)

            // An abbreviated command.
            pty.type("sh ip ro\r")
            #expect(pty.wait { $0.contains("O    10.0.3.0/24 [110/11] via 10.0.13.3, eth1") && lastLine($0) == "r1>" })

            // Tab through command, sub-commands and an argument.
            pty.type("sh\t")
            #expect(pty.wait { lastLine($0) == "r1> show" })
            pty.type("ip o\t")
            #expect(pty.wait { lastLine($0) == "r1> show ip ospf" })
            pty.type("n\t\r")
            #expect(pty.wait { screen in screen.contains { $0.hasPrefix("2.2.2.2") && $0.contains("Full/-") } })
            pty.type("int shut e\t")
            #expect(pty.wait { lastLine($0) == "r1> int shut eth" })
            pty.type("\t")
            #expect(pty.wait { $0.contains("eth0  eth1  eth2") })
            // '?' lists what can follow and keeps the line.
            pty.type("?")
            #expect(pty.wait { $0.contains { $0.hasPrefix("  interface shutdown <interface>") } })
            pty.type("0\r")
            // The notice arrives from the daemon's event stream.
            #expect(pty.wait { $0.contains("Interface eth0 admin-down") && $0.contains("[OSPF adjacency r1<->r2 torn down]") })

            // History: Up brings back the last command, twice Up the one before.
            pty.type("\u{1B}[A")
            #expect(pty.wait { lastLine($0) == "r1> int shut eth0" })
            pty.type("\u{1B}[A")
            #expect(pty.wait { lastLine($0) == "r1> show ip ospf neighbors" })
            pty.send([0x15])
            pty.type("int no shut eth0\r")
            #expect(pty.wait { $0.contains("Interface eth0 admin-up") })
            pty.type("exit\r")
            #expect(pty.waitForExit() == 0)
            #expect(pty.localModes == before)
            let history = try String(contentsOf: sandbox.paths("lab").directory.appendingPathComponent("history/r1"),
                                     encoding: .utf8)
            #expect(history == "sh ip ro\nshow ip ospf neighbors\nint shut eth0\nint no shut eth0\nexit\n")
        }
    }

    @Test func attachEndsWhenTheDaemonStops() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let started = try sandbox.netsim("daemon", "start", "lab", NetsimBinary.example("ospf-triangle.yaml"))
            try #require(started.status == 0, "\(started.stderr)")
            let pty = try PseudoTerminal()
            let before = pty.localModes
            try pty.run(["attach", "lab", "h1"], environment: sandbox.environment)
            #expect(pty.wait { lastLine($0) == "h1>" })
            pty.type("ping 10.0")
            #expect(try sandbox.netsim("daemon", "stop", "lab").status == 0)
            #expect(pty.waitForExit() == 1)
            #expect(pty.screen.contains("[the simulation stopped]"), "\(pty.screen)")
            #expect(pty.localModes == before)
        }
    }

    @Test func shellCompletionOfDaemonAndDeviceNames() throws {
        try withTriangle { sandbox in
            // What the completion scripts from `netsim --generate-completion-script` run on Tab.
            let daemons = try sandbox.netsim("---completion", "attach", "--", "positional@0", "2", "1", "netsim", "attach", "l")
            #expect(daemons.stdout.split(separator: "\n") == ["lab"])
            let devices = try sandbox.netsim("---completion", "attach", "--", "positional@1", "3", "0", "netsim", "attach", "lab", "")
            #expect(devices.stdout.split(separator: "\n") == ["r1", "r2", "r3", "h1", "h3"])
            let routers = try sandbox.netsim("---completion", "attach", "--", "positional@1", "3", "1", "netsim", "attach", "lab", "h")
            #expect(routers.stdout.split(separator: "\n") == ["h1", "h3"])
        }
    }

    @Test func attachRefusesWithoutATerminalOrDevice() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let missing = try sandbox.netsim("attach", "nothere", "r1")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no daemon named 'nothere' is running"))
            let started = try sandbox.netsim("daemon", "start", "lab", NetsimBinary.example("ospf-triangle.yaml"))
            try #require(started.status == 0)
            let device = try sandbox.netsim("attach", "lab", "r9")
            #expect(device.status == 1)
            #expect(device.stderr.contains("r9"))
            let pipe = try sandbox.netsim("attach", "lab", "r1")
            #expect(pipe.status == 2)
            #expect(pipe.stderr.contains("attach needs a terminal"))
            _ = try sandbox.netsim("daemon", "stop", "lab")
        }
    }

    @Test func browserNavigatesAttachesShowsTheLogAndRestoresTheTerminal() throws {
        try withTriangle { sandbox in
            let pty = try PseudoTerminal(columns: 80, rows: 24)
            let before = pty.localModes
            try pty.run(["daemon"], environment: sandbox.environment)
            #expect(pty.wait { $0.contains { $0.hasPrefix("┌─ Running Daemons") } && $0.contains { $0.hasPrefix("│ > lab  (PID ") } })
            pty.type("\r")
            #expect(pty.wait { $0.contains { $0.hasPrefix("│ > r1  (router)") } })
            pty.type("j")
            #expect(pty.wait { $0.contains { $0.hasPrefix("│ > r2  (router)") } })
            pty.type("l")
            #expect(pty.wait { $0.contains { $0.hasPrefix("┌─ lab: Log (live)") } && $0.contains { $0.contains("Network converged") } })
            pty.type("q")
            #expect(pty.wait { $0.contains { $0.hasPrefix("┌─ lab: Devices") } })
            // Enter attaches: the console on r2 takes the terminal, exit gives it back.
            pty.type("\r")
            #expect(pty.wait { lastLine($0) == "r2>" })
            pty.type("sh int\r")
            #expect(pty.wait { $0.contains { $0.hasPrefix("eth0") } })
            pty.type("exit\r")
            #expect(pty.wait { $0.contains { $0.hasPrefix("│ > r2  (router)") } })
            pty.type("q")
            #expect(pty.wait { $0.contains { $0.hasPrefix("┌─ Running Daemons") } })
            pty.type("q")
            #expect(pty.waitForExit() == 0)
            #expect(pty.localModes == before)
            #expect(pty.text.hasSuffix("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"))
        }
    }

    @Test func aKilledBrowserStillRestoresTheTerminal() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let pty = try PseudoTerminal(columns: 80, rows: 24)
            let before = pty.localModes
            try pty.run(["daemon"], environment: sandbox.environment)
            #expect(pty.wait { $0.contains { $0.hasPrefix("┌─ Running Daemons") } })
            #expect(pty.localModes & Self.cooked == 0)
            kill(pty.pid, SIGTERM)
            #expect(pty.waitForExit() == nil)
            #expect(pty.killedBy == SIGTERM)
            #expect(pty.localModes == before)
            #expect(pty.text.hasSuffix("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"))
        }
    }
}
