import ArgumentParser

/// `netsim daemon ...`: simulations that keep running in the background (docs/daemon.md); with
/// no subcommand, the full-screen browser of daemons and devices (docs/attach.md).
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run simulations as background daemons and manage them; with no subcommand, browse them.",
        subcommands: [DaemonStartCommand.self, DaemonListCommand.self, DaemonStatusCommand.self,
                      DaemonStopCommand.self, DaemonWorkerCommand.self])

    func run() async throws { try await DaemonBrowserCommand.run() }
}
