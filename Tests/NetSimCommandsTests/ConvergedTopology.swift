import NetSimCommands
import NetSimEngine
import NetSimTopology
import Testing

/// A topology loaded from YAML (through the real front end), built and run until the network
/// converged: for the protocol console tests, whose networks are easier to write as YAML.
func convergedSimulation(_ yaml: String, file: String) throws -> Simulation {
    let spec = try TopologyLoader.load(yaml: yaml, file: file).get()
    let sim = SimulationBuilder.build(spec)
    sim.start()
    _ = sim.run(until: .seconds(3600), maxEvents: commandEventBudget) { sim.convergedAt != nil }
    #expect(sim.convergedAt != nil)
    return sim
}
