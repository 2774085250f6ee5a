import NetSimGenerators

/// One benchmark: a generated topology run from cold start to convergence.
public struct BenchScenario: Sendable, Equatable {
    public var name: String
    public var shape: TopologyShape
    public var options: GeneratorOptions
    /// Left out unless `--heavy` is given (minutes of wall time, gigabytes of memory).
    public var heavy: Bool

    public init(shape: TopologyShape, options: GeneratorOptions = GeneratorOptions(), heavy: Bool = false) {
        name = "ospf-\(shape)"
        self.shape = shape
        self.options = options
        self.heavy = heavy
    }

    /// The scenarios, in the order they run: OSPF grids, fat trees, a ring.
    public static let standard: [BenchScenario] = [
        BenchScenario(shape: .grid(rows: 10, columns: 10)),
        BenchScenario(shape: .grid(rows: 32, columns: 32)),
        BenchScenario(shape: .grid(rows: 100, columns: 100), heavy: true),
        BenchScenario(shape: .fatTree(k: 8)),
        BenchScenario(shape: .fatTree(k: 16)),
        BenchScenario(shape: .fatTree(k: 32), heavy: true),
        BenchScenario(shape: .ring(count: 1000)),
    ]

    /// A scenario by name: "ospf-grid-32x32" or "grid-32x32" for a standard one, and any shape
    /// name ("grid-3x3", "sp-core-40", "random-100-d4") for a one-off.
    public static func named(_ name: String) throws(GeneratorError) -> BenchScenario {
        let bare = name.hasPrefix("ospf-") ? String(name.dropFirst(5)) : name
        if let known = standard.first(where: { $0.name == "ospf-" + bare }) { return known }
        return BenchScenario(shape: try TopologyShape(name: bare))
    }
}
