import Testing
@testable import NetSimGenerators

@Suite("Shapes from command-line words and scenario names")
struct ShapeParsingTests {
    @Test("the words of netsim generate")
    func words() throws {
        #expect(try TopologyShape(kind: "grid", parameters: ["10x12"]) == .grid(rows: 10, columns: 12))
        #expect(try TopologyShape(kind: "ring", parameters: ["1000"]) == .ring(count: 1000))
        #expect(try TopologyShape(kind: "fat-tree", parameters: ["8"]) == .fatTree(k: 8))
        #expect(try TopologyShape(kind: "leaf-spine", parameters: ["4", "16"]) == .leafSpine(spines: 4, leaves: 16))
        #expect(try TopologyShape(kind: "leaf-spine", parameters: ["4x16"]) == .leafSpine(spines: 4, leaves: 16))
        #expect(try TopologyShape(kind: "random", parameters: ["100"], degree: 4) == .random(count: 100, degree: 4))
        #expect(try TopologyShape(kind: "sp-core", parameters: ["40"]) == .spCore(count: 40))
    }

    @Test("names round-trip through description", arguments: [
        TopologyShape.grid(rows: 3, columns: 4), .ring(count: 6), .fatTree(k: 16), .leafSpine(spines: 2, leaves: 8),
        .random(count: 10, degree: 3), .random(count: 10, degree: 5), .spCore(count: 8),
    ])
    func names(shape: TopologyShape) throws {
        #expect(try TopologyShape(name: shape.description) == shape)
    }

    @Test("a random name without a degree takes the default")
    func randomDefault() throws {
        #expect(try TopologyShape(name: "random-100") == .random(count: 100, degree: TopologyShape.defaultRandomDegree))
    }

    @Test("bad words are refused with a usage hint")
    func refusals() {
        let cases: [(String, [String], String)] = [
            ("grid", ["10"], "usage: grid RxC"), ("grid", ["10xa"], "positive whole numbers"),
            ("ring", ["-3"], "positive whole numbers"), ("torus", ["3"], "unknown kind 'torus'"),
            ("leaf-spine", ["4"], "usage: leaf-spine"),
        ]
        for (kind, parameters, message) in cases {
            #expect(throws: GeneratorError.self) { try TopologyShape(kind: kind, parameters: parameters) }
            do {
                _ = try TopologyShape(kind: kind, parameters: parameters)
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
        #expect(throws: GeneratorError.self) { try TopologyShape(name: "mesh-5") }
    }
}
