import NetSimBGP
import NetSimEngine
import NetSimGenerators
import NetSimTopology
import NetSimWire

/// Whether a converged as-graph routes as its policy says it must: for every AS and every
/// prefix another AS announces, the best path in its BGP table has exactly the AS path of the
/// unique Gao-Rexford outcome (`GaoRexfordRoutes`), and the device forwards the prefix by that
/// BGP route (its FIB entry is BGP's, through the best path's next hop). The exact path implies
/// the weaker properties: loop-free, along real adjacencies, valley-free, and learned from the
/// best class of neighbor that had a route. Not timed.
public enum BGPRoutingCheck {
    public static func verify(_ simulation: Simulation, spec: TopologySpec, graph: ShapeGraph,
                              examplesKept: Int = 3) -> RoutingCheck.Outcome {
        var outcome = RoutingCheck.Outcome(checked: 0, failures: 0, examples: [])
        func fail(_ text: @autoclosure () -> String) {
            outcome.failures += 1
            if outcome.examples.count < examplesKept { outcome.examples.append(text()) }
        }
        let devices = Dictionary(spec.devices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let routerIDs = graph.routers.map { devices[$0]?.routerID ?? .zero }
        let announced = graph.routers.map { devices[$0]?.bgp?.networks.first }
        let speakers = graph.routers.map { simulation.device(named: $0) }
        let expected = GaoRexfordRoutes(graph, routerIDs: routerIDs)
        for (index, speaker) in speakers.enumerated() where speaker?.bgp == nil {
            fail("\(graph.routers[index]) runs no BGP")
        }
        for destination in graph.routers.indices {
            guard let prefix = announced[destination] else { continue }
            let routes = expected.outcome(toward: destination)
            for source in graph.routers.indices where source != destination {
                guard let device = speakers[source], let bgp = device.bgp, let path = routes.path(from: source) else { continue }
                let name = graph.routers[source]
                outcome.checked += 1
                guard let best = bgp.routeView(prefix)?.paths.first(where: \.best) else {
                    fail("\(name) has no BGP route to \(prefix)")
                    continue
                }
                let want = path.map { graph.autonomousSystems[$0] }
                let got = best.asPath.segments.flatMap { $0.kind == .sequence ? $0.numbers : [] }
                guard got == want, best.asPath.segments.count == 1 else {
                    fail("\(name) reaches \(prefix) over AS path \(best.asPath), the policy's outcome is "
                         + want.map(String.init).joined(separator: " "))
                    continue
                }
                guard let installed = device.rib.fib.route(for: prefix), installed.source == .bgp,
                      installed.nextHops.map(\.address) == [best.nextHop] else {
                    fail("\(name) does not forward \(prefix) by its best BGP path (next hop \(best.nextHop))")
                    continue
                }
            }
        }
        return outcome
    }
}
