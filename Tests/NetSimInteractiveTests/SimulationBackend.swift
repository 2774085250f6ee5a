import Foundation
import NetSimCommands
import NetSimEngine
import NetSimInteractive
import NetSimRouting
import NetSimTopology

/// A console backend over a simulation in this process: commands run through the same
/// `CommandProcessor` as the daemon's, probes advance simulated time until they finish, and
/// log entries are kept for the test to hand to the session when it chooses (`takeEvents`),
/// which keeps the order of keystrokes and notices deterministic.
final class SimulationBackend: ConsoleBackend, @unchecked Sendable {
    private let lock = NSLock()
    private let simulation: Simulation
    private let processor = CommandProcessor()
    private var logged: [LogEntry] = []
    private(set) var executed: [String] = []

    /// The example topology, run to convergence.
    init(example name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let spec = try TopologyLoader.load(path: root.appendingPathComponent("examples/\(name)").path).get()
        simulation = SimulationBuilder.build(spec)
        simulation.start()
        _ = simulation.run(until: .seconds(120)) { self.simulation.convergedAt != nil }
        simulation.logHandler = { [unowned self] entry in logged.append(entry) }
    }

    func execute(_ line: String, device: String) async throws -> ConsoleReply {
        lock.withLock {
            executed.append(line)
            switch processor.start(line, device: device, in: simulation) {
            case .finished(let result):
                return ConsoleReply(output: result.output, succeeded: result.succeeded)
            case .running(let pending):
                _ = simulation.run(until: simulation.now + .seconds(120)) { pending.isFinished(in: simulation) }
                let result = pending.result(in: simulation)
                return ConsoleReply(output: result.output, succeeded: result.succeeded)
            }
        }
    }

    func facts(of device: String) async throws -> DeviceFacts {
        lock.withLock {
            var facts = DeviceFacts()
            for row in rows("show interfaces --json", device) {
                guard case .string(let name)? = row["name"] else { continue }
                facts.interfaces.append(name)
                if case .array(let peers)? = row["peers"] {
                    facts.peers[name] = DeviceFacts.devices(ofEndpoints: peers.compactMap {
                        if case .string(let text) = $0 { text } else { nil }
                    })
                }
            }
            for row in rows("show arp --json", device) + rows("show ip ospf neighbors --json", device) {
                if case .string(let address)? = row["address"], !facts.addresses.contains(address) {
                    facts.addresses.append(address)
                }
            }
            return facts
        }
    }

    func events(history: Int) -> AsyncThrowingStream<LogEntry, any Error> {
        let past = lock.withLock { Array(logged.suffix(history)) }
        return AsyncThrowingStream { continuation in
            for entry in past { continuation.yield(entry) }
            continuation.finish()
        }
    }

    /// Moves simulated time on (protocols react to what commands changed).
    func advance(by time: SimTime) {
        lock.withLock { _ = simulation.run(until: simulation.now + time) }
    }

    /// The log entries since the last call.
    func takeEvents() -> [LogEntry] {
        lock.withLock {
            defer { logged = [] }
            return logged
        }
    }

    private func rows(_ command: String, _ device: String) -> [[String: JSONValue]] {
        guard case .finished(let result) = processor.start(command, device: device, in: simulation), result.succeeded,
              case .array(let items) = result.json else { return [] }
        return items.compactMap { if case .object(let members) = $0 { members } else { nil } }
    }
}
