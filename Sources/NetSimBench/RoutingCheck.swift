import NetSimEngine
import NetSimOSPF
import NetSimWire

/// Whether a converged simulation really routes as it should: every router's OSPF routing table
/// (or the IS-IS routes it installed) has a route to every prefix any router announces, at the
/// cost the floor SPF computes (the cheapest of the announcing routers' distance plus the
/// interface cost). An IS-IS router's own prefixes are connected routes and are not checked.
/// Not timed.
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
            let device = simulation.device(named: name)
            let table: [IPv4Prefix: UInt32]
            if let ospf = device?.ospf {
                table = ospf.routingTable.networks.mapValues(\.cost)
            } else if let isis = device?.isis {
                table = Dictionary(isis.installedRoutes.map { ($0.prefix, $0.metric) }, uniquingKeysWith: min)
            } else {
                fail("\(name) runs neither OSPF nor IS-IS")
                continue
            }
            let checksOwnPrefixes = device?.ospf != nil
            spf.run(from: root)
            for (prefix, owners) in graph.prefixes {
                var expected = FloorSPF.unreachable
                for owner in owners where spf.distances[Int(owner.router)] != FloorSPF.unreachable {
                    expected = min(expected, spf.distances[Int(owner.router)] + owner.cost)
                }
                guard expected != FloorSPF.unreachable,
                      checksOwnPrefixes || !owners.contains(where: { Int($0.router) == root }) else { continue }
                outcome.checked += 1
                guard let cost = table[prefix] else {
                    fail("\(name) has no route to \(prefix)")
                    continue
                }
                if cost != expected { fail("\(name) reaches \(prefix) at cost \(cost), expected \(expected)") }
            }
        }
        return outcome
    }
}
