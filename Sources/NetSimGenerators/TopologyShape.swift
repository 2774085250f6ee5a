/// The kinds of network `netsim generate` draws, with their size parameters. `graph(seed:)`
/// turns a shape into routers and the cables between them; `TopologyGenerator` addresses them.
public enum TopologyShape: Sendable, Equatable, CustomStringConvertible {
    /// `rows` x `columns` routers, each cabled to its right and lower neighbour.
    case grid(rows: Int, columns: Int)
    /// `count` routers in a cycle.
    case ring(count: Int)
    /// A k-ary fat tree (k even): (k/2)^2 core switches and k pods of k/2 aggregation and k/2
    /// edge switches, every one an L3 router.
    case fatTree(k: Int)
    /// Every leaf cabled to every spine.
    case leafSpine(spines: Int, leaves: Int)
    /// `count` routers on a random spanning tree plus random extra cables up to an average
    /// degree of `degree`; always connected.
    case random(count: Int, degree: Int)
    /// A service-provider core of `count` routers: P routers in a ring with chords across it
    /// (a full mesh when there are at most four) and PE routers, each dual-homed to two
    /// neighbouring P routers.
    case spCore(count: Int)
    /// `count` autonomous systems of one BGP router each: a tier-1 clique, transit ASes and
    /// stubs, with customer/provider and peer relationships (TopologyShape+ASGraph).
    case asGraph(count: Int)

    /// The name `netsim generate` and `netsim bench` use: "grid-10x10", "fat-tree-8".
    public var description: String {
        switch self {
        case let .grid(rows, columns): "grid-\(rows)x\(columns)"
        case let .ring(count): "ring-\(count)"
        case let .fatTree(k): "fat-tree-\(k)"
        case let .leafSpine(spines, leaves): "leaf-spine-\(spines)x\(leaves)"
        case let .random(count, degree): "random-\(count)-d\(degree)"
        case let .spCore(count): "sp-core-\(count)"
        case let .asGraph(count): "as-graph-\(count)"
        }
    }

    /// The routers and cables of this shape; `seed` matters to `random` and `asGraph` only.
    public func graph(seed: UInt64) throws(GeneratorError) -> ShapeGraph {
        switch self {
        case let .grid(rows, columns): try Self.grid(rows: rows, columns: columns)
        case let .ring(count): try Self.ring(count: count)
        case let .fatTree(k): try Self.fatTree(k: k)
        case let .leafSpine(spines, leaves): try Self.leafSpine(spines: spines, leaves: leaves)
        case let .random(count, degree): try Self.random(count: count, degree: degree, seed: seed)
        case let .spCore(count): try Self.spCore(count: count)
        case let .asGraph(count): try Self.asGraph(count: count, seed: seed)
        }
    }

    /// The largest shape the address plan holds is far beyond this; the cap keeps a typo from
    /// asking for billions of routers.
    /// Whether the shape's routers are ASes speaking BGP (the only protocol an as-graph runs).
    public var isASGraph: Bool {
        if case .asGraph = self { return true }
        return false
    }

    static let maximumRouters = 1_000_000

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(GeneratorError) {
        if !condition { throw GeneratorError(message()) }
    }
}
