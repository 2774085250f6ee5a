import Foundation
import NetSimTopology
import Testing
@testable import NetSimGenerators

@Suite("TopologyYAMLWriter")
struct YAMLWriterTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    @Test("every example, loaded and written, loads again and writes the same text", arguments: [
        "ospf-broadcast.yaml", "ospf-failover.yaml", "ospf-multiarea.yaml", "ospf-triangle.yaml",
        "static-failover.yaml", "static-triangle.yaml", "switched-lan.yaml",
    ])
    func roundTrip(example: String) throws {
        let original = try TopologyLoader.load(path: Self.examples.appendingPathComponent(example).path).get()
        let written = TopologyYAMLWriter.yaml(original)
        let reloaded = try TopologyLoader.load(yaml: written, file: example).get()
        #expect(TopologyYAMLWriter.yaml(reloaded) == written)
        #expect(reloaded.devices.count == original.devices.count)
        #expect(reloaded.links.count == original.links.count)
        #expect(reloaded.script.count == original.script.count)
    }

    @Test("strings YAML would read as something else are quoted")
    func quoting() {
        #expect(TopologyYAMLWriter.scalar("r1") == "r1")
        #expect(TopologyYAMLWriter.scalar("r1:eth0") == "r1:eth0")
        #expect(TopologyYAMLWriter.scalar("10") == "\"10\"")
        #expect(TopologyYAMLWriter.scalar("yes") == "\"yes\"")
        #expect(TopologyYAMLWriter.scalar("a b") == "\"a b\"")
        #expect(TopologyYAMLWriter.quoted("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"")
    }
}
