import NetSimRouting
import NetSimWire

/// One level's SPF (ISO 10589 §7.2.6 / annex C.2) over its link-state database, with ECMP.
///
/// Vertices are routers and pseudonodes with a live fragment 0. A link is used only when both
/// ends list each other (the two-way check). The root's first hops come from its own Up
/// adjacencies, not from its LSP: a point-to-point neighbor directly, the members of one of its
/// LANs through the pseudonode. A router with the overload bit is reached but not passed through.
/// Each reached router's prefixes cost its distance plus the prefix's metric.
public struct ISISShortestPathTree: Sendable {
    /// A reached vertex: its distance, first hops and the vertices it was reached from.
    public struct Vertex: Sendable, Equatable {
        public var node: ISISNodeID
        public var distance: UInt64
        public var nextHops: [NextHop]
        public var parents: [ISISNodeID]
    }

    /// A first hop of the root: a point-to-point neighbor, or a LAN the root reaches through its pseudonode.
    public struct RootLink: Sendable {
        public enum Kind: Sendable {
            case neighbor(ISISSystemID, NextHop)
            /// A LAN's pseudonode and the next hop to each member by system ID.
            case pseudonode(ISISNodeID, [ISISSystemID: NextHop])
        }

        public var kind: Kind
        public var metric: UInt32

        public init(kind: Kind, metric: UInt32) {
            self.kind = kind
            self.metric = metric
        }
    }

    /// Reached vertices by node, the root included.
    public private(set) var vertices: [ISISNodeID: Vertex] = [:]
    /// Live LSPs of each vertex (fragments in order).
    let lsps: [ISISNodeID: [ISISLSP]]
    /// The IS links each vertex announces, read from its LSPs once per run.
    private let adjacency: [ISISNodeID: [(neighbor: ISISNodeID, metric: UInt32)]]
    public let root: ISISNodeID

    public init(database: ISISLinkStateDatabase, root: ISISSystemID, links: [RootLink], now: SimTime) {
        self.root = ISISNodeID(systemID: root)
        var fragments: [ISISNodeID: [ISISLSP]] = [:]
        for (id, entry) in database.entries where !entry.isPurged && entry.remainingLifetime(at: now) > 0 {
            fragments[id.node, default: []].append(entry.lsp)
        }
        var lsps: [ISISNodeID: [ISISLSP]] = [:]
        var adjacency: [ISISNodeID: [(neighbor: ISISNodeID, metric: UInt32)]] = [:]
        lsps.reserveCapacity(fragments.count)
        adjacency.reserveCapacity(fragments.count)
        for (node, unordered) in fragments {
            let ordered = unordered.count == 1 ? unordered : unordered.sorted { $0.lspID.fragment < $1.lspID.fragment }
            guard ordered[0].lspID.fragment == 0 else { continue }
            lsps[node] = ordered
            adjacency[node] = Self.links(in: ordered)
        }
        self.lsps = lsps
        self.adjacency = adjacency
        run(links)
    }

    /// The IS links in a vertex's LSPs (TLVs 22 and 2 over all its fragments).
    private static func links(in fragments: [ISISLSP]) -> [(neighbor: ISISNodeID, metric: UInt32)] {
        var links: [(neighbor: ISISNodeID, metric: UInt32)] = []
        for tlv in fragments.lazy.flatMap(\.tlvs) {
            switch tlv {
            case .extendedISReachability(let entries):
                for entry in entries where entry.metric <= ISISExtendedISReach.maximumMetric {
                    links.append((entry.neighbor, entry.metric))
                }
            case .isReachability(let entries):
                for entry in entries { links.append((entry.neighbor, UInt32(entry.metric))) }
            default: break
            }
        }
        return links
    }

    /// The IS links a vertex announces.
    func links(of node: ISISNodeID) -> [(neighbor: ISISNodeID, metric: UInt32)] {
        adjacency[node] ?? []
    }

    private func lists(_ node: ISISNodeID, _ target: ISISNodeID) -> Bool {
        adjacency[node]?.contains { $0.neighbor == target } ?? false
    }

    /// Fragment 0 of a vertex: its flags and area addresses.
    func header(of node: ISISNodeID) -> ISISLSP? { lsps[node]?.first }

    private mutating func run(_ rootLinks: [RootLink]) {
        var heap = MinHeap<Candidate>()
        var done: Set<ISISNodeID> = []
        var lanMembers: [ISISNodeID: [ISISSystemID: NextHop]] = [:]
        vertices[root] = Vertex(node: root, distance: 0, nextHops: [], parents: [])
        done.insert(root)
        for link in rootLinks {
            switch link.kind {
            case let .neighbor(system, hop):
                let node = ISISNodeID(systemID: system)
                guard lists(node, root) else { continue }
                relax(node, distance: UInt64(link.metric), hops: [hop], parent: root, heap: &heap)
            case let .pseudonode(node, members):
                guard lists(node, root) else { continue }
                lanMembers[node] = members
                relax(node, distance: UInt64(link.metric), hops: [], parent: root, heap: &heap)
            }
        }
        while let candidate = heap.popMin() {
            let node = candidate.node
            guard !done.contains(node), let vertex = vertices[node], vertex.distance == candidate.distance else { continue }
            done.insert(node)
            // A router in overload is a destination, not a transit (ISO 10589 §7.2.8.1).
            if !node.isPseudonode, header(of: node)?.overload == true { continue }
            for (neighbor, metric) in links(of: node) where neighbor != root && !done.contains(neighbor) {
                guard lists(neighbor, node) else { continue }
                var hops = vertex.nextHops
                if let members = lanMembers[node] {
                    guard let hop = members[neighbor.systemID], !neighbor.isPseudonode else { continue }
                    hops = [hop]
                }
                relax(neighbor, distance: vertex.distance + UInt64(metric), hops: hops, parent: node, heap: &heap)
            }
        }
    }

    private mutating func relax(_ node: ISISNodeID, distance: UInt64, hops: [NextHop], parent: ISISNodeID,
                                heap: inout MinHeap<Candidate>) {
        if let current = vertices[node] {
            if distance > current.distance { return }
            if distance == current.distance {
                if !hops.allSatisfy(current.nextHops.contains) {
                    vertices[node]!.nextHops = Array(Set(current.nextHops + hops)).sorted()
                }
                if !current.parents.contains(parent) { vertices[node]!.parents = (current.parents + [parent]).sorted() }
                return
            }
        }
        vertices[node] = Vertex(node: node, distance: distance, nextHops: hops.sorted(), parents: [parent])
        heap.insert(Candidate(distance: distance, node: node))
    }

    private struct Candidate: Comparable {
        var distance: UInt64
        var node: ISISNodeID

        /// At equal distance pseudonodes come first (as FRR's `isis_vertex_queue_tent_cmp`): a
        /// pseudonode reaches its members at cost 0, so a router must not be settled before an
        /// equal-cost pseudonode has offered it its own next hops.
        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            if lhs.distance != rhs.distance { return lhs.distance < rhs.distance }
            if lhs.node.isPseudonode != rhs.node.isPseudonode { return lhs.node.isPseudonode }
            return lhs.node < rhs.node
        }
    }

    /// Reached vertices other than the root, by distance then ID.
    public var reached: [Vertex] {
        vertices.values.filter { $0.node != root }.sorted { ($0.distance, $0.node) < ($1.distance, $1.node) }
    }

    /// The prefixes a vertex announces: prefix, metric and up/down bit.
    func prefixes(of node: ISISNodeID) -> [(prefix: IPv4Prefix, metric: UInt32, down: Bool)] {
        (lsps[node] ?? []).flatMap(\.tlvs).flatMap { tlv -> [(prefix: IPv4Prefix, metric: UInt32, down: Bool)] in
            switch tlv {
            case .extendedIPReachability(let entries):
                entries.filter { $0.metric <= ISISExtendedPrefix.maximumMetric }.map { ($0.prefix, $0.metric, $0.down) }
            case .ipInternalReachability(let entries), .ipExternalReachability(let entries):
                entries.map { ($0.prefix, UInt32($0.metric), $0.down) }
            default: []
            }
        }
    }
}
