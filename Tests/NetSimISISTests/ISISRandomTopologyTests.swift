import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// Random level-2 topologies of point-to-point links and three-router LANs: after convergence
/// every router's route to every other router's loopback has the Floyd-Warshall distance and
/// exactly the first hops on shortest paths (ECMP, through pseudonodes on LANs), and nothing but
/// Hellos and the DIS's CSNPs is left on the wire.
@Suite("IS-IS on random topologies")
struct ISISRandomTopologyTests {
    /// A small deterministic generator (64-bit LCG), so a seed gives the same graph everywhere.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// A segment: its routers (two for a point-to-point link, three for a LAN) and one metric.
    struct Segment {
        var routers: [Int]
        var metric: UInt32
    }

    static func segments(seed: UInt64, count: Int, lans: Bool) -> [Segment] {
        var random = Generator(state: seed)
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) { order.swapAt(index, random.next(index + 1)) }
        var result: [Segment] = []
        // A spanning chain in random order, then extra links and LANs.
        for index in 1..<count { result.append(Segment(routers: [order[index - 1], order[index]],
                                                       metric: UInt32(1 + random.next(20)))) }
        for _ in 0..<count {
            var members = [random.next(count), random.next(count)]
            if lans && random.next(2) == 0 { members.append(random.next(count)) }
            guard Set(members).count == members.count,
                  !result.contains(where: { Set($0.routers) == Set(members) }) else { continue }
            result.append(Segment(routers: members, metric: UInt32(1 + random.next(20))))
        }
        return result
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func routesMatchShortestPaths(seed: UInt64) {
        let count = 6 + Int(seed % 5)
        let segments = Self.segments(seed: seed, count: count, lans: seed % 2 == 0)
        #expect(seed % 2 == 1 || segments.contains { $0.routers.count == 3 }, "seed \(seed) has no LAN")
        let fabric = ISISTestFabric()
        var circuits: [[ISISInterfaceConfiguration]] = Array(repeating: [], count: count)
        var addresses: [[Int: String]] = Array(repeating: [:], count: count)
        var ports: [[(router: Int, port: Int)]] = []
        for (number, segment) in segments.enumerated() {
            var members: [(router: Int, port: Int)] = []
            for (host, router) in segment.routers.enumerated() {
                let port = circuits[router].count
                circuits[router].append(segment.routers.count == 2 ? p2p(port, metric: segment.metric)
                                                                    : lan(port, metric: segment.metric))
                addresses[router][port] = "10.\(number / 256).\(number % 256).\(host + 1)/24"
                members.append((router, port))
            }
            ports.append(members)
        }
        for router in 0..<count {
            circuits[router].append(ISISInterfaceConfiguration(interface: 100, network: .pointToPoint, isLoopback: true))
            addresses[router][100] = "192.0.2.\(router + 1)/32"
            fabric.addRouter("r\(router)", configuration: isisConfig(UInt64(router + 1), level: .level2,
                                                                     name: "r\(router)", circuits: circuits[router]),
                             addresses: addresses[router])
        }
        for members in ports { fabric.connect(members.map { ("r\($0.router)", $0.port) }) }
        fabric.start()
        fabric.run(for: .seconds(120))

        let infinity = UInt32.max / 4
        var distance = Array(repeating: Array(repeating: infinity, count: count), count: count)
        for router in 0..<count { distance[router][router] = 0 }
        for segment in segments {
            for a in segment.routers { for b in segment.routers where a != b {
                distance[a][b] = min(distance[a][b], segment.metric)
            } }
        }
        for k in 0..<count { for i in 0..<count { for j in 0..<count {
            distance[i][j] = min(distance[i][j], distance[i][k] + distance[k][j])
        } } }
        for source in 0..<count {
            for target in 0..<count where target != source {
                let route = fabric["r\(source)"].route("192.0.2.\(target + 1)/32")
                #expect(route?.metric == distance[source][target], "seed \(seed): r\(source) to r\(target)")
                var expected: Set<String> = []
                for (number, segment) in segments.enumerated() where segment.routers.contains(source) {
                    for (host, near) in segment.routers.enumerated() where near != source
                        && segment.metric + distance[near][target] == distance[source][target] {
                        expected.insert("10.\(number / 256).\(number % 256).\(host + 1)")
                    }
                }
                #expect(Set(route?.nextHops.compactMap(\.address).map(\.description) ?? []) == expected,
                        "seed \(seed): r\(source) to r\(target)")
            }
            #expect(!fabric["r\(source)"].instance.isSettling, "seed \(seed): r\(source) still settling")
        }
        let late = fabric.sent.filter { $0.time > fabric.now - .seconds(30) }
        #expect(late.allSatisfy { entry in
            switch entry.pdu {
            case .pointToPointHello, .lanHello, .csnp: true
            default: false
            }
        }, "seed \(seed)")
    }
}
