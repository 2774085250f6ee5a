import NetSimGenerators
import NetSimWire

/// The routes an as-graph must converge to, computed from its relationships alone.
///
/// Each AS ranks the routes its neighbors offer by the class of the neighbor (customer over
/// peer over provider: the generated LOCAL_PREF), then AS-path length, then the neighbor's
/// router ID (`compare_routerid`; origin, MED, IGP metric and the rest are equal on every
/// path). Neighbors export their own and customer-learned routes to peers and providers, and
/// everything to customers. With no AS its own indirect provider these are the Gao-Rexford
/// conditions, under which the routing problem has no dispute wheel and so exactly one stable
/// solution (Griffin, Shepherd, Wilfong 2002): any converged BGP must pick the paths computed
/// here. They are found per destination in three sweeps, each in order of path length:
/// customer routes climb from the origin through providers; an AS without one takes the
/// shortest customer route a peer has; an AS with neither takes the shortest route any provider
/// has, and passes it on down to its own customers.
public struct GaoRexfordRoutes: Sendable {
    /// What the chosen route was learned from, best class first.
    public enum Learned: UInt8, Sendable, Comparable {
        case origin, customer, peer, provider

        public static func < (lhs: Learned, rhs: Learned) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One destination's outcome: each AS's next AS (-1 without a route; the origin names
    /// itself) and the class its route was learned from.
    public struct Outcome: Sendable {
        public var next: [Int32]
        public var learned: [Learned?]

        /// The ASes a route from `source` passes through, the origin last (empty at the origin,
        /// nil without a route).
        public func path(from source: Int) -> [Int]? {
            guard next[source] >= 0 else { return nil }
            var path: [Int] = []
            var here = source
            while Int(next[here]) != here {
                here = Int(next[here])
                path.append(here)
            }
            return path
        }
    }

    private let customers: [[Int32]]
    private let peers: [[Int32]]
    private let providers: [[Int32]]
    private let routerIDs: [IPv4Address]

    /// `routerIDs` are the ASes' BGP identifiers, in router order.
    public init(_ graph: ShapeGraph, routerIDs: [IPv4Address]) {
        var customers = [[Int32]](repeating: [], count: graph.routers.count)
        var peers = customers, providers = customers
        for link in graph.links {
            switch link.relationship {
            case .providerToCustomer:
                customers[link.a].append(Int32(link.b))
                providers[link.b].append(Int32(link.a))
            case .peerToPeer:
                peers[link.a].append(Int32(link.b))
                peers[link.b].append(Int32(link.a))
            case nil:
                break
            }
        }
        self.customers = customers
        self.peers = peers
        self.providers = providers
        self.routerIDs = routerIDs
    }

    public var count: Int { routerIDs.count }

    public func outcome(toward destination: Int) -> Outcome {
        var outcome = Outcome(next: [Int32](repeating: -1, count: count), learned: [Learned?](repeating: nil, count: count))
        var length = [Int](repeating: -1, count: count)
        var byLength: [[Int]] = [[destination]]
        outcome.next[destination] = Int32(destination)
        outcome.learned[destination] = .origin
        length[destination] = 0

        /// Settles every unsettled AS that one of `ases` (all at one length) offers a route
        /// along `edges`, the lowest router ID winning among equal offers; returns them sorted.
        func sweep(from ases: [Int], along edges: [[Int32]], as learned: Learned) -> [Int] {
            var chosen: [Int: Int] = [:]
            for here in ases {
                for there in edges[here].map(Int.init) where length[there] < 0 && !passes(outcome, here, through: there) {
                    if let best = chosen[there], routerIDs[best] < routerIDs[here] { continue }
                    chosen[there] = here
                }
            }
            let settled = chosen.keys.sorted()
            for there in settled {
                outcome.next[there] = Int32(chosen[there]!)
                outcome.learned[there] = learned
                length[there] = length[chosen[there]!] + 1
            }
            return settled
        }

        // Customer routes, climbing from the origin.
        var level = 0
        while level < byLength.count {
            let settled = sweep(from: byLength[level], along: providers, as: .customer)
            if !settled.isEmpty { byLength.append(settled) }
            level += 1
        }
        // Peer routes: only the origin's and customer routes cross a peering, once.
        let customerRouted = byLength
        for (level, ases) in customerRouted.enumerated() {
            let settled = sweep(from: ases, along: peers, as: .peer)
            guard !settled.isEmpty else { continue }
            while byLength.count <= level + 1 { byLength.append([]) }
            byLength[level + 1] += settled
        }
        // Provider routes, descending by length from everything settled so far.
        level = 0
        while level < byLength.count {
            let settled = sweep(from: byLength[level], along: customers, as: .provider)
            if !settled.isEmpty {
                while byLength.count <= level + 1 { byLength.append([]) }
                byLength[level + 1] += settled
            }
            level += 1
        }
        return outcome
    }

    /// Whether the route `here` holds passes through `as` (BGP's loop check would refuse it).
    private func passes(_ outcome: Outcome, _ here: Int, through other: Int) -> Bool {
        var at = here
        while Int(outcome.next[at]) != at {
            at = Int(outcome.next[at])
            if at == other { return true }
        }
        return at == other
    }
}
