import Testing
@testable import NetSimGenerators

@Suite("Generator shapes: routers and cables")
struct ShapeTests {
    @Test("grid RxC: R*C routers, R*(C-1)+C*(R-1) links, named r<row>_<column>",
          arguments: [(1, 2), (3, 3), (4, 7), (32, 32), (100, 100)])
    func grid(rows: Int, columns: Int) throws {
        let graph = try TopologyShape.grid(rows: rows, columns: columns).graph(seed: 1)
        #expect(graph.routers.count == rows * columns)
        #expect(graph.links.count == rows * (columns - 1) + columns * (rows - 1))
        #expect(graph.routers.first == "r0_0")
        #expect(graph.routers.last == "r\(rows - 1)_\(columns - 1)")
        #expect(Self.isConnected(graph))
    }

    @Test("fat tree k: 5k²/4 switches, k³/2 links, (k/2)² cores, every switch of degree k but the edge", arguments: [2, 4, 8, 16, 32])
    func fatTree(k: Int) throws {
        let graph = try TopologyShape.fatTree(k: k).graph(seed: 1)
        #expect(graph.routers.count == 5 * k * k / 4)
        #expect(graph.links.count == k * k * k / 2)
        #expect(graph.routers.filter { $0.hasPrefix("core") }.count == k * k / 4)
        #expect(graph.edgeRouters.count == k * k / 2)
        var degree = [Int](repeating: 0, count: graph.routers.count)
        for link in graph.links {
            degree[link.a] += 1
            degree[link.b] += 1
        }
        for (index, name) in graph.routers.enumerated() {
            #expect(degree[index] == (name.hasPrefix("edge") ? k / 2 : k), "\(name)")
        }
        #expect(Self.isConnected(graph))
    }

    @Test("ring N: N routers, N links", arguments: [3, 6, 1000])
    func ring(count: Int) throws {
        let graph = try TopologyShape.ring(count: count).graph(seed: 1)
        #expect(graph.routers.count == count)
        #expect(graph.links.count == count)
        #expect(Self.isConnected(graph))
    }

    @Test("leaf-spine S L: every leaf to every spine; the leaves are the edge")
    func leafSpine() throws {
        let graph = try TopologyShape.leafSpine(spines: 4, leaves: 16).graph(seed: 1)
        #expect(graph.routers.count == 20)
        #expect(graph.links.count == 64)
        #expect(graph.edgeRouters.map { graph.routers[$0] } == (0..<16).map { "leaf\($0)" })
    }

    @Test("sp-core N: P routers meshed or in a chorded ring, every PE dual-homed to two P routers", arguments: [4, 8, 40, 400])
    func spCore(count: Int) throws {
        let graph = try TopologyShape.spCore(count: count).graph(seed: 1)
        #expect(graph.routers.count == count)
        let cores = graph.routers.filter { $0.hasPrefix("p") && !$0.hasPrefix("pe") }.count
        #expect(cores == max(3, count / 4))
        for pe in graph.edgeRouters {
            let uplinks = graph.links.filter { $0.a == pe || $0.b == pe }
            #expect(uplinks.count == 2)
            #expect(Set(uplinks.map { $0.a == pe ? $0.b : $0.a }).count == 2)
            #expect(uplinks.allSatisfy { ($0.a == pe ? $0.b : $0.a) < cores })
        }
        #expect(Self.isConnected(graph))
    }

    @Test("random N: connected, no duplicate or looped cable, average degree as asked, seeded",
          arguments: [(10, 3), (50, 2), (200, 5), (2, 1)])
    func random(count: Int, degree: Int) throws {
        let graph = try TopologyShape.random(count: count, degree: degree).graph(seed: 7)
        #expect(graph.links.count == max(count - 1, count * degree / 2))
        #expect(graph.links.allSatisfy { $0.a != $0.b })
        #expect(Set(graph.links.map { [min($0.a, $0.b), max($0.a, $0.b)] }).count == graph.links.count)
        #expect(Self.isConnected(graph))
        #expect(try TopologyShape.random(count: count, degree: degree).graph(seed: 7) == graph)
        if count > 5 { #expect(try TopologyShape.random(count: count, degree: degree).graph(seed: 8) != graph) }
    }

    @Test("sizes that make no network are refused with a reason")
    func refusals() {
        for shape: TopologyShape in [.grid(rows: 1, columns: 1), .ring(count: 2), .fatTree(k: 3), .fatTree(k: 0),
                                     .leafSpine(spines: 0, leaves: 3), .random(count: 5, degree: 5),
                                     .spCore(count: 3), .grid(rows: 10_000, columns: 10_000)] {
            #expect(throws: GeneratorError.self, "\(shape)") { try shape.graph(seed: 1) }
        }
    }

    static func isConnected(_ graph: ShapeGraph) -> Bool {
        var neighbours = [[Int]](repeating: [], count: graph.routers.count)
        for link in graph.links {
            neighbours[link.a].append(link.b)
            neighbours[link.b].append(link.a)
        }
        var seen = [Bool](repeating: false, count: graph.routers.count)
        var stack = [0]
        seen[0] = true
        while let node = stack.popLast() {
            for next in neighbours[node] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen.allSatisfy { $0 }
    }
}
