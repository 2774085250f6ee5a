import NetSimGenerators
import NetSimTopology
import Testing
@testable import NetSimBench

@Suite("The floor: graph and Dijkstra")
struct FloorSPFTests {
    @Test("distances on a ring with one expensive link go the long way round")
    func ring() throws {
        var spec = try TopologyGenerator.generate(.ring(count: 5))
        // r0-r1 is link 0: make r0's side expensive; r1's side stays 10.
        spec.devices[0].interfaces[0].ospf?.cost = 100
        let graph = FloorGraph(spec)
        #expect(graph.nodeCount == 5)
        #expect(graph.edgeCount == 10)
        var spf = FloorSPF(graph)
        spf.run(from: 0)
        #expect(spf.distances == [0, 40, 30, 20, 10])
        spf.run(from: 1)
        #expect(spf.distances == [10, 0, 10, 20, 20])
    }

    @Test("prefixes: each link /31 announced by both ends, each LAN by its router at cost 1")
    func prefixes() throws {
        let graph = FloorGraph(try TopologyGenerator.generate(.grid(rows: 2, columns: 2),
                                                              options: GeneratorOptions(hostsPerEdge: 1)))
        #expect(graph.prefixes.count == 4 + 4)
        #expect(graph.prefixes.filter { $0.owners.count == 2 }.count == 4)
        #expect(graph.prefixes.filter { $0.owners.count == 1 }.allSatisfy { $0.owners[0].cost == 1 })
    }

    @Test("the all-roots checksum is the sum of every distance")
    func checksum() throws {
        let graph = FloorGraph(try TopologyGenerator.generate(.grid(rows: 1, columns: 3)))
        // 0-1-2 at cost 10: 10+20 + 10+10 + 20+10.
        #expect(FloorSPF.allRoots(graph) == 80)
    }

    @Test("a disconnected router stays unreachable")
    func unreachable() throws {
        var spec = try TopologyGenerator.generate(.grid(rows: 1, columns: 3))
        spec.links.removeLast()
        var spf = FloorSPF(FloorGraph(spec))
        spf.run(from: 0)
        #expect(spf.distances == [0, 10, FloorSPF.unreachable])
    }
}
