/// A shape's routers and cables before any addressing: what `TopologyShape.graph(seed:)`
/// returns and `TopologyGenerator` turns into a topology.
public struct ShapeGraph: Sendable, Equatable {
    /// Router names, in the order the topology lists them (a router's index is its position).
    public var routers: [String]
    /// Cables between two routers, by index, in the order the topology lists them.
    public var links: [Link]
    /// The routers that take hosts (`--hosts-per-edge`): every router of a grid, ring or random
    /// graph, the edge switches of a fat tree, the leaves, the PEs.
    public var edgeRouters: [Int]

    public struct Link: Sendable, Equatable {
        public var a: Int
        public var b: Int

        public init(_ a: Int, _ b: Int) {
            self.a = a
            self.b = b
        }
    }

    public init(routers: [String], links: [Link], edgeRouters: [Int]) {
        self.routers = routers
        self.links = links
        self.edgeRouters = edgeRouters
    }
}
