import ArgumentParser
import Foundation
import NetSimDaemon
import NetSimDaemonClient
import NetSimRouting
import NetSimTopology

/// The daemon process itself, started by `daemon start` (hidden from help).
struct DaemonWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run a daemon in this process (started by 'daemon start').",
        shouldDisplay: false)

    @Argument var name: String
    @Argument var topology: String
    @Option(name: .customLong("display-topology")) var displayTopology: String?
    @Option(name: .customLong("tick-interval"), transform: TimeArgument.parse) var tickInterval: SimTime
    @Option var speed: Double
    @Option var listen: String?
    @Option var seed: UInt64 = 1
    @Option(name: .customLong("stability-window"), transform: TimeArgument.parse) var stabilityWindow: SimTime
    @Option var threads: Int = 1

    func run() async throws {
        let spec: TopologySpec
        switch TopologyInput.load(topology) {
        case .success(let loaded): spec = loaded
        case .failure(let error):
            print(DaemonReadiness.failed(error.description).line)
            throw ExitCode(2)
        }
        let options = DaemonOptions(name: name, topology: displayTopology ?? topology, topologyPath: topology,
                                    tick: tickInterval, speed: speed, listen: listen, seed: seed,
                                    stabilityWindow: stabilityWindow, threads: max(1, threads), home: .fromEnvironment())
        let status = await DaemonWorker.run(options: options, spec: spec, encodeFrame: CaptureEncoder.frameBytes)
        if status != 0 { throw ExitCode(status) }
    }
}
