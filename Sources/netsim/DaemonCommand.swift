import ArgumentParser

/// `netsim daemon ...`: simulations that keep running in the background (docs/daemon.md).
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run simulations as background daemons and manage them.",
        subcommands: [DaemonStartCommand.self, DaemonListCommand.self, DaemonStatusCommand.self,
                      DaemonStopCommand.self, DaemonWorkerCommand.self])
}
