import Foundation
import NetSimEngine
import NetSimTopology
import NetSimWire
@testable import NetSimDaemon

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// examples/NAME built into a simulation.
func exampleSimulation(_ name: String) throws -> Simulation {
    let path = packageRoot.appendingPathComponent("examples").appendingPathComponent(name).path
    let spec = try TopologyLoader.load(path: path).get()
    return SimulationBuilder.build(spec, seed: 1, stabilityWindow: .seconds(1))
}

/// A simulation run until it converged.
func convergedExample(_ name: String) throws -> Simulation {
    let simulation = try exampleSimulation(name)
    simulation.start()
    _ = simulation.run(until: .seconds(600)) { simulation.convergedAt != nil }
    return simulation
}

/// The captures of a test host, with the wire codec as the netsim executable injects it.
func captures(_ log: DaemonEventLog) -> DaemonCaptures {
    DaemonCaptures(comment: "netsim test", eventLog: log, encode: { $0.encoded() })
}
