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

    @Argument(help: "The daemon's name.", completion: .custom { _, _, prefix in AttachCommand.daemonNames(prefix) })
    var name: String

    @Argument(help: "The device to log in to.",
              completion: .custom { words, index, prefix in AttachCommand.deviceNames(words, index, prefix) })
    var device: String

    /// Shell completion of the first argument: running daemons.
    static func daemonNames(_ prefix: String) -> [String] {
        DaemonDirectory(home: .fromEnvironment()).entries()
            .filter { $0.state == .running && $0.name.hasPrefix(prefix) }.map(\.name)
    }

    /// Shell completion of the second argument: the devices of the daemon named before it.
    static func deviceNames(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard index >= 1, index - 1 < words.count,
              let devices = try? DaemonClient.named(words[index - 1]).devices() else { return [] }
        return devices.map(\.name).filter { $0.hasPrefix(prefix) }
    }

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
