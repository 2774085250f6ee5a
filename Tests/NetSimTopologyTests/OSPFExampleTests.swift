import Foundation
import NetSimOSPF
import Testing
@testable import NetSimTopology

/// The OSPF examples shipped in examples/.
@Suite struct OSPFExampleTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static func load(_ name: String) throws -> TopologySpec {
        try TopologyLoader.load(path: examples.appendingPathComponent(name).path).get()
    }

    @Test(arguments: ["ospf-triangle.yaml", "ospf-broadcast.yaml", "ospf-multiarea.yaml"])
    func exampleValidates(name: String) throws {
        let spec = try Self.load(name)
        #expect(!spec.ospfConfigurations().isEmpty)
        #expect(!spec.script.isEmpty)
    }

    @Test func triangleIsTheSeedsQuickStartVerbatim() throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent("ospf-triangle.yaml"), encoding: .utf8)
        #expect(text == SeedTopologies.ospfTriangle)
    }

    @Test func broadcastSegmentElectsR4AndR3() throws {
        let configurations = try Self.load("ospf-broadcast.yaml").ospfConfigurations()
        let segment = ["r1", "r2", "r3", "r4"].map { configurations[$0]?.interfaces.first }
        #expect(segment.map { $0?.network } == Array(repeating: .broadcast, count: 4))
        #expect(segment.map { $0?.priority } == [1, 1, 50, 100])
        #expect(segment.map { $0?.passive } == [false, false, false, false])
    }

    @Test func multiAreaHasTwoBorderRoutersAndAnExternalSource() throws {
        let configurations = try Self.load("ospf-multiarea.yaml").ospfConfigurations()
        func areas(_ router: String) -> [UInt32]? { configurations[router]?.interfaces.map(\.area.value) }
        #expect(areas("r1") == [0, 2])
        #expect(areas("r2") == [0, 1])
        #expect(areas("r3") == [1, 1])
        #expect(areas("r4") == [2, 2])
        #expect(configurations["r4"]?.redistribute == [OSPFRedistribution(source: .static)])
        #expect(configurations.values.allSatisfy { $0.interfaces.allSatisfy { !$0.passive || $0.cost == 10 } })
    }
}
