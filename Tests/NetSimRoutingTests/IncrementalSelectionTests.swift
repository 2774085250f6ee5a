import Testing
import NetSimRouting
import NetSimWire

/// `replaceCandidates(source:with:replacing:)` touches only what differs and `reselectChanged`
/// selects only those prefixes; after any sequence of replacements the result must equal a full selection of a
/// table built from scratch with the same candidates.
@Suite("RoutingTable incremental selection")
struct IncrementalSelectionTests {
    /// A small deterministic generator (xorshift), so every run draws the same rounds.
    private struct Draw {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    /// Routes of one source over a pool of 12 prefixes (some overlapping, for recursion through
    /// a shorter prefix), with random metrics, distances and next hops on interfaces 0-3.
    private func routes(_ source: RouteSource, _ draw: inout Draw) -> [Route] {
        var result: [Route] = []
        for index in 0..<12 where draw.next(3) != 0 {
            let prefix = index < 8 ? IPv4Prefix(IPv4Address(10, 0, UInt8(index), 0), length: 24)
                                   : IPv4Prefix(IPv4Address(10, UInt8(index), 0, 0), length: 16)
            var hops = [NextHop(address: IPv4Address(10, 9, 0, UInt8(1 + draw.next(4))), interface: draw.next(4))]
            if source == .static && draw.next(3) == 0 {
                // A gateway-only static that resolves recursively through the others.
                hops = [NextHop(address: IPv4Address(10, 0, UInt8(draw.next(8)), 7), interface: NextHop.unresolvedInterface)]
            }
            let distance = source == .static ? UInt8(1 + draw.next(2) * 150) : source.defaultDistance
            result.append(Route(prefix: prefix, source: source, distance: distance, metric: UInt32(draw.next(3)),
                                nextHops: hops))
        }
        return result
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func incrementalEqualsFullSelection(seed: UInt64) {
        var draw = Draw(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        let up: (Int) -> Bool = { $0 != 3 }
        var rib = RoutingTable()
        var current: [RouteSource: [Route]] = [:]
        for round in 0..<40 {
            let source: RouteSource = [.connected, .static, .ospf][draw.next(3)]
            let new = routes(source, &draw)
            rib.replaceCandidates(source: source, with: new, replacing: current[source] ?? [])
            current[source] = new
            if round == 0 { rib.reselect(interfaceUp: up) } else { rib.reselectChanged(interfaceUp: up) }
            var fresh = RoutingTable()
            for (source, routes) in current.sorted(by: { $0.key < $1.key }) {
                fresh.replaceCandidates(source: source, with: routes)
            }
            fresh.reselect(interfaceUp: up)
            #expect(rib.fib.routes == fresh.fib.routes, "seed \(seed) round \(round)")
            #expect(rib.allCandidates == fresh.allCandidates, "seed \(seed) round \(round)")
        }
    }

    @Test func replacingWithTheSameRoutesChangesNothing() {
        var rib = RoutingTable()
        let route = Route(prefix: IPv4Prefix(IPv4Address(10, 1, 0, 0), length: 16), source: .ospf, metric: 20,
                          nextHops: [NextHop(address: IPv4Address(10, 0, 0, 2), interface: 0)])
        rib.replaceCandidates(source: .ospf, with: [route], replacing: [])
        #expect(rib.reselectChanged { _ in true })
        let version = rib.version
        rib.replaceCandidates(source: .ospf, with: [route], replacing: [route])
        #expect(!rib.reselectChanged { _ in true })
        #expect(rib.version == version)
        rib.replaceCandidates(source: .ospf, with: [], replacing: [route])
        #expect(rib.reselectChanged { _ in true })
        #expect(rib.fib.count == 0)
    }
}
