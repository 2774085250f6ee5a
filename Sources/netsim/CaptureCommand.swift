import ArgumentParser

/// `netsim capture start|stop|list`: packet captures written by a running daemon
/// (docs/capture.md, "Captures in a daemon").
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture the frames a running daemon carries to a pcapng or pcap file.",
        subcommands: [CaptureStartCommand.self, CaptureStopCommand.self, CaptureListCommand.self])
}
