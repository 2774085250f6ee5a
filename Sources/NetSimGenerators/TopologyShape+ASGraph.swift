import NetSimEngine

/// An Internet-like graph of autonomous systems, one router each.
///
/// ASes come in three tiers, in router order: a tier-1 clique (the integer cube root of N, at
/// least three, every pair peering), transit ASes (15% of the rest) and stubs (the remainder).
/// Each AS after the clique picks its providers among the earlier ASes that sell transit,
/// with probability proportional to their degree plus one (preferential attachment, so degrees
/// follow a power law): a transit AS one or two, a stub one (60%), two (30%) or three (10%).
/// A transit AS then peers with up to two earlier transit ASes it is not cabled to yet, picked
/// uniformly. Providers always come earlier in router order, so no AS is its own indirect
/// provider. Router i (from 0) is `as<i+1>` in AS 4200000000 + i + 1, the private four-octet
/// range of RFC 6996.
extension TopologyShape {
    public static let firstAutonomousSystem: UInt32 = 4_200_000_000

    /// The number of tier-1 and of transit ASes among `count`.
    public static func asGraphTiers(count: Int) -> (tier1: Int, transit: Int) {
        var root = 1
        while (root + 1) * (root + 1) * (root + 1) <= count { root += 1 }
        let tier1 = min(count, max(3, root))
        return (tier1, (count - tier1) * 3 / 20)
    }

    static func asGraph(count: Int, seed: UInt64) throws(GeneratorError) -> ShapeGraph {
        try require(count >= 2 && count <= maximumRouters, "an as-graph needs 2 to \(maximumRouters) ASes")
        let (tier1, transit) = asGraphTiers(count: count)
        var random = SeededRandom(seed: seed, stream: 2)
        var degree = [Int](repeating: 0, count: count)
        var links: [ShapeGraph.Link] = []
        var cabled = Set<Int>()
        func key(_ a: Int, _ b: Int) -> Int { min(a, b) * count + max(a, b) }
        func cable(_ link: ShapeGraph.Link) {
            links.append(link)
            cabled.insert(key(link.a, link.b))
            degree[link.a] += 1
            degree[link.b] += 1
        }
        for a in 0..<tier1 {
            for b in (a + 1)..<tier1 { cable(.init(a, b, relationship: .peerToPeer)) }
        }
        let sellers = tier1 + transit
        for customer in tier1..<count {
            let isTransit = customer < sellers
            let draw = random.next() % 10
            let wanted = isTransit ? (draw < 5 ? 1 : 2) : (draw < 6 ? 1 : draw < 9 ? 2 : 3)
            let candidates = 0..<min(customer, sellers)
            for _ in 0..<min(wanted, candidates.count) {
                // Preferential attachment over the sellers not yet chosen.
                var total = 0
                for provider in candidates where !cabled.contains(key(provider, customer)) { total += degree[provider] + 1 }
                var pick = Int(random.next() % UInt64(total))
                for provider in candidates where !cabled.contains(key(provider, customer)) {
                    pick -= degree[provider] + 1
                    if pick < 0 {
                        cable(.init(provider, customer, relationship: .providerToCustomer))
                        break
                    }
                }
            }
            guard isTransit else { continue }
            let peers = Int(random.next() % 3)
            for _ in 0..<peers {
                let open = (tier1..<customer).filter { !cabled.contains(key($0, customer)) }
                guard !open.isEmpty else { break }
                let peer = open[Int(random.next() % UInt64(open.count))]
                cable(.init(peer, customer, relationship: .peerToPeer))
            }
        }
        return ShapeGraph(routers: (0..<count).map { "as\($0 + 1)" }, links: links, edgeRouters: Array(0..<count),
                          autonomousSystems: (0..<count).map { firstAutonomousSystem + UInt32($0 + 1) })
    }
}
