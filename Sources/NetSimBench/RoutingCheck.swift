import NetSimEngine
import NetSimOSPF
import NetSimWire

/// Whether a converged simulation really routes as it should: every router's OSPF routing table
/// has a route to every prefix any router announces, at the cost the floor SPF computes
/// (the cheapest of the announcing routers' distance plus the interface cost). Not timed.
public enum RoutingCheck {
    public struct Outcome: Sendable, Equatable, Codable {
        /// Routes checked (routers x prefixes).
        public var checked: Int
        /// Routes missing or at the wrong cost.
        public var failures: Int
        /// The first few failures, for the report.
        public var examples: [String]

        public var passed: Bool { failures == 0 }
    }

    public static func verify(_ simulation: Simulation, graph: FloorGraph, examplesKept: Int = 3) -> Outcome {
        var outcome = Outcome(checked: 0, failures: 0, examples: [])
        func fail(_ text: @autoclosure () -> String) {
            outcome.failures += 1
            if outcome.examples.count < examplesKept { outcome.examples.append(text()) }
        }
        var spf = FloorSPF(graph)
        for root in 0..<graph.nodeCount {
            let name = graph.names[root]
            guard let table = simulation.device(named: name)?.ospf?.routingTable.networks else {
                fail("\(name) runs no OSPF")
                continue
            }
            spf.run(from: root)
            for (prefix, owners) in graph.prefixes {
                var expected = FloorSPF.unreachable
                for owner in owners where spf.distances[Int(owner.router)] != FloorSPF.unreachable {
                    expected = min(expected, spf.distances[Int(owner.router)] + owner.cost)
                }
                guard expected != FloorSPF.unreachable else { continue }
                outcome.checked += 1
                guard let path = table[prefix] else {
                    fail("\(name) has no route to \(prefix)")
                    continue
                }
                if path.cost != expected { fail("\(name) reaches \(prefix) at cost \(path.cost), expected \(expected)") }
            }
        }
        return outcome
    }
}
