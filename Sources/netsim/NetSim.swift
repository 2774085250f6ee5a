import ArgumentParser

@main
struct NetSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netsim",
        abstract: "A deterministic network simulator: routers, hosts and switches from a YAML topology.",
        subcommands: [RunCommand.self, ValidateCommand.self, GenerateCommand.self, BenchCommand.self,
                      DaemonCommand.self, ExecCommand.self, AttachCommand.self, CaptureCommand.self])
}
