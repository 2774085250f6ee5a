import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// Random level-1/level-2 hierarchies: two or three areas of level-1 routers behind one or two
/// L1L2 routers, joined by a level-2 backbone (with level-2-only routers of an area of their
/// own). Packets walked hop by hop through the routers' tables reach every loopback from every
/// router without a loop: level-1 routers through the ATT-bit default route, level-2 routers
/// through the level-1 prefixes L1L2 routers carry into level 2.
@Suite("IS-IS on random hierarchies")
struct ISISRandomHierarchyTests {
    @Test(arguments: [11, 12, 13, 14, 15, 16])
    func everyLoopbackIsReachableWithoutLoops(seed: UInt64) {
        var random = ISISRandomTopologyTests.Generator(state: seed)
        struct Node {
            var area: UInt8
            var level: ISISLevels
        }
        var nodes: [Node] = []
        let areas = 2 + random.next(2)
        for area in 1...areas {
            for _ in 0..<(2 + random.next(2)) { nodes.append(Node(area: UInt8(area), level: .level1)) }
            for _ in 0..<(1 + random.next(2)) { nodes.append(Node(area: UInt8(area), level: .level1And2)) }
        }
        for _ in 0..<random.next(3) { nodes.append(Node(area: 99, level: .level2)) }
        var links: [(Int, Int, UInt32)] = []
        func join(_ members: [Int], extra: Int) {
            var order = members
            for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.next(index + 1)) }
            for index in 1..<order.count { links.append((order[index - 1], order[index], UInt32(1 + random.next(20)))) }
            for _ in 0..<extra {
                let a = members[random.next(members.count)], b = members[random.next(members.count)]
                if a != b && !links.contains(where: { Set([$0.0, $0.1]) == Set([a, b]) }) {
                    links.append((a, b, UInt32(1 + random.next(20))))
                }
            }
        }
        for area in 1...areas {
            join(nodes.indices.filter { nodes[$0].area == UInt8(area) }, extra: 2)
        }
        join(nodes.indices.filter { nodes[$0].level != .level1 }, extra: 2)

        let fabric = ISISTestFabric()
        var circuits: [[ISISInterfaceConfiguration]] = Array(repeating: [], count: nodes.count)
        var addresses: [[Int: String]] = Array(repeating: [:], count: nodes.count)
        var owner: [IPv4Address: Int] = [:]
        var cables: [(Int, Int, Int, Int)] = []
        for (number, (a, b, metric)) in links.enumerated() {
            let portA = circuits[a].count, portB = circuits[b].count
            circuits[a].append(p2p(portA, metric: metric))
            circuits[b].append(p2p(portB, metric: metric))
            addresses[a][portA] = "10.\(number / 256).\(number % 256).1/24"
            addresses[b][portB] = "10.\(number / 256).\(number % 256).2/24"
            owner[IPv4Address("10.\(number / 256).\(number % 256).1")!] = a
            owner[IPv4Address("10.\(number / 256).\(number % 256).2")!] = b
            cables.append((a, portA, b, portB))
        }
        for (index, node) in nodes.enumerated() {
            circuits[index].append(ISISInterfaceConfiguration(interface: 100, network: .pointToPoint, isLoopback: true))
            addresses[index][100] = "192.0.2.\(index + 1)/32"
            fabric.addRouter("r\(index)", configuration: isisConfig(UInt64(index + 1), area: [0x49, 0, node.area],
                                                                    level: node.level, name: "r\(index)",
                                                                    circuits: circuits[index]),
                             addresses: addresses[index])
        }
        for (a, portA, b, portB) in cables { fabric.connect([("r\(a)", portA), ("r\(b)", portB)]) }
        fabric.start()
        fabric.run(for: .seconds(180))

        for source in nodes.indices {
            for target in nodes.indices where target != source {
                let destination = IPv4Address("192.0.2.\(target + 1)")!
                var at = source, path = [source]
                while at != target && path.count <= nodes.count {
                    let route = fabric["r\(at)"].routes.filter { $0.prefix.contains(destination) }
                        .max { $0.prefix.length < $1.prefix.length }
                    guard let hop = route?.nextHops.first?.address, let next = owner[hop] else { break }
                    at = next
                    path.append(at)
                }
                #expect(at == target, "seed \(seed): r\(source) to r\(target) stopped at r\(at), path \(path)")
            }
        }
    }
}
