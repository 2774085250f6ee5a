/// A shape's routers and cables before any addressing: what `TopologyShape.graph(seed:)`
/// returns and `TopologyGenerator` turns into a topology.
public struct ShapeGraph: Sendable, Equatable {
    /// Router names, in the order the topology lists them (a router's index is its position).
    public var routers: [String]
    /// Cables between two routers, by index, in the order the topology lists them.
    public var links: [Link]
    /// The routers that take hosts (`--hosts-per-edge`): every router of a grid, ring or random
    /// graph, the edge switches of a fat tree, the leaves, the PEs, every AS.
    public var edgeRouters: [Int]
    /// An as-graph's AS numbers, one per router; empty for the IGP shapes.
    public var autonomousSystems: [UInt32] = []

    public struct Link: Sendable, Equatable {
        public var a: Int
        public var b: Int
        /// What the cable means between two ASes (an as-graph); nil for the IGP shapes.
        public var relationship: ASRelationship?

        public init(_ a: Int, _ b: Int, relationship: ASRelationship? = nil) {
            self.a = a
            self.b = b
            self.relationship = relationship
        }
    }

    public init(routers: [String], links: [Link], edgeRouters: [Int], autonomousSystems: [UInt32] = []) {
        self.routers = routers
        self.links = links
        self.edgeRouters = edgeRouters
        self.autonomousSystems = autonomousSystems
    }
}
