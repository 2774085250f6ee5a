import ArgumentParser
import Foundation
import NetSimDaemonClient
import NetSimInteractive
import NetSimTerminal

struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Open an interactive console on a device of a running daemon.",
        discussion: """
            Line editing, history (Up/Down), Tab completion, '?' help and abbreviated commands, with \
            the simulation's events shown as they happen; 'exit' or Ctrl-D leaves (docs/attach.md). \
            Needs a terminal; scripts use 'netsim exec'.
            """)

    @Argument(help: "The daemon's name.")
    var name: String

    @Argument(help: "The device to log in to.")
    var device: String

    func run() async throws {
        let home = DaemonHome.fromEnvironment()
        let client: DaemonClient
        let paths: DaemonPaths
        do {
            client = try DaemonClient.named(name, home: home)
            paths = try home.paths(for: name)
            _ = try client.device(device)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        let terminal = Terminal()
        guard terminal.isInteractive else {
            FileHandle.standardError.write(Data("error: attach needs a terminal; scripts use 'netsim exec \(name) \(device) COMMAND'\n".utf8))
            throw ExitCode(2)
        }
        let history = History.load(from: paths.directory.appendingPathComponent("history", isDirectory: true)
            .appendingPathComponent(device))
        let ending = await AttachSession.attach(terminal: terminal, backend: DaemonConsoleBackend(client: client),
                                                daemon: name, device: device, history: history)
        if case .simulationLost = ending { throw ExitCode(1) }
    }
}
