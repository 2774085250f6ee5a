import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NetSimDaemonClient
import NetSimInteractive
import NetSimTerminal

/// `netsim daemon` with no subcommand: the full-screen browser (docs/attach.md). An attach
/// session runs as `netsim attach` in a child process on the same terminal.
enum DaemonBrowserCommand {
    static func run() async throws {
        let terminal = FullScreenTerminal()
        guard terminal.terminal.isInteractive else {
            FileHandle.standardError.write(Data("error: the daemon browser needs a terminal; see 'netsim daemon --help' for the subcommands\n".utf8))
            throw ExitCode(2)
        }
        let catalog = DaemonDirectoryCatalog(directory: DaemonDirectory(home: .fromEnvironment()))
        let browser = DaemonBrowser(catalog: catalog, terminal: terminal) { daemon, device in
            terminal.terminal.leaveRawMode()
            return await attachInChild(daemon: daemon, device: device)
        }
        await browser.run()
        terminal.terminal.leaveRawMode()
    }

    /// Runs `netsim attach` with this process's terminal; a message when it did not end well.
    /// Spawned directly rather than through `Process`, which puts the child in a process group
    /// of its own: a background group cannot read the terminal (EIO, or stopped by SIGTTIN).
    private static func attachInChild(daemon: String, device: String) async -> String? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let arguments = [executable, "attach", daemon, device]
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, executable, nil, nil, cArguments, environ)
        guard spawned == 0 else { return "cannot start netsim attach: \(String(cString: strerror(spawned)))" }
        let child = pid
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        let signal = status & 0x7F
        if signal != 0 { return "the session on \(device) died of signal \(signal)" }
        let code = (status >> 8) & 0xFF
        return code == 0 ? nil : "the session on \(device) ended with status \(code)"
    }
}

/// The browser's terminal: raw mode and the alternate screen while it has input.
final class FullScreenTerminal: BrowserTerminal, @unchecked Sendable {
    let terminal = Terminal()
    private let reader = TerminalInputReader()

    var output: any TerminalOutput { terminal }

    func startInput() -> AsyncStream<TerminalInput> {
        terminal.enterRawMode(alternateScreen: true)
        return reader.start()
    }

    func stopInput() { reader.stop() }
}
