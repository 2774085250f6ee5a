import NetSimGenerators

/// One benchmark: a generated topology run from cold start to convergence.
public struct BenchScenario: Sendable, Equatable {
    public var name: String
    public var shape: TopologyShape
    public var options: GeneratorOptions
    /// Left out unless `--heavy` is given (minutes of wall time, gigabytes of memory).
    public var heavy: Bool

    public init(shape: TopologyShape, options: GeneratorOptions = GeneratorOptions(), heavy: Bool = false) {
        name = "\(options.routingProtocol.rawValue)-\(shape)"
        self.shape = shape
        self.options = options
        self.heavy = heavy
    }

    /// The scenarios, in the order they run: grids, fat trees and a ring, first with
    /// OSPF, then the same with IS-IS (level 2); then AS graphs running eBGP.
    public static let standard: [BenchScenario] = interiorGatewayScenarios + [
        BenchScenario(shape: .asGraph(count: 100), options: GeneratorOptions(routingProtocol: .bgp)),
        BenchScenario(shape: .asGraph(count: 1000), options: GeneratorOptions(routingProtocol: .bgp)),
        BenchScenario(shape: .asGraph(count: 2000), options: GeneratorOptions(routingProtocol: .bgp), heavy: true),
    ]

    private static let interiorGatewayScenarios = GeneratorOptions.RoutingProtocol.interiorGateway.flatMap { routing in
        let options = GeneratorOptions(routingProtocol: routing)
        return [
            BenchScenario(shape: .grid(rows: 10, columns: 10), options: options),
            BenchScenario(shape: .grid(rows: 32, columns: 32), options: options),
            BenchScenario(shape: .grid(rows: 100, columns: 100), options: options, heavy: true),
            BenchScenario(shape: .fatTree(k: 8), options: options),
            BenchScenario(shape: .fatTree(k: 16), options: options),
            BenchScenario(shape: .fatTree(k: 32), options: options, heavy: true),
            BenchScenario(shape: .ring(count: 1000), options: options),
        ]
    }

    /// A scenario by name: "ospf-grid-32x32" or "grid-32x32" (OSPF) or "isis-grid-32x32" for a
    /// standard one, and any shape name ("grid-3x3", "isis-sp-core-40", "random-100-d4") for a
    /// one-off; an as-graph ("as-graph-300" or "bgp-as-graph-300") runs BGP.
    public static func named(_ name: String) throws(GeneratorError) -> BenchScenario {
        var routing: GeneratorOptions.RoutingProtocol?
        var bare = name
        for candidate in GeneratorOptions.RoutingProtocol.allCases where name.hasPrefix(candidate.rawValue + "-") {
            routing = candidate
            bare = String(name.dropFirst(candidate.rawValue.count + 1))
        }
        let shape = try TopologyShape(name: bare)
        let chosen = routing ?? (shape.isASGraph ? .bgp : .ospf)
        if let known = standard.first(where: { $0.name == "\(chosen.rawValue)-\(bare)" }) { return known }
        return BenchScenario(shape: shape, options: GeneratorOptions(routingProtocol: chosen))
    }
}
