import Foundation
import NetSimTopology
import Testing
@testable import NetSimGenerators

@Suite("TopologyYAMLWriter")
struct YAMLWriterTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    static let frrTopologies = examples.deletingLastPathComponent().appendingPathComponent("Tests/FRRDifferential/topologies")

    @Test("every example, loaded and written, loads again and writes the same text", arguments: [
        "ospf-broadcast.yaml", "ospf-failover.yaml", "ospf-multiarea.yaml", "ospf-triangle.yaml",
        "static-failover.yaml", "static-triangle.yaml", "switched-lan.yaml", "bgp-multi-as.yaml", "bgp-multi-as-seed.yaml",
    ])
    func roundTrip(example: String) throws {
        try roundTrip(path: Self.examples.appendingPathComponent(example).path)
    }

    @Test("the BGP topologies of the FRR differential suite (sessions, policies, reflection) survive a round trip",
          arguments: ["bgp-communities.yaml", "bgp-ebgp-chain.yaml", "bgp-ibgp-mesh-ospf.yaml", "bgp-policy-exits.yaml",
                      "bgp-redistribute-multipath.yaml", "bgp-route-reflectors.yaml", "bgp-sessions.yaml"])
    func bgpRoundTrip(file: String) throws {
        let original = try roundTrip(path: Self.frrTopologies.appendingPathComponent(file).path)
        let reloaded = try TopologyLoader.load(yaml: TopologyYAMLWriter.yaml(original), file: file).get()
        let routers = zip(original.devices, reloaded.devices)
        for (before, after) in routers {
            #expect(before.bgp?.neighbors.count == after.bgp?.neighbors.count)
            #expect(before.bgp?.networks == after.bgp?.networks)
            #expect(before.policies?.routeMaps.map(\.entries.count) == after.policies?.routeMaps.map(\.entries.count))
        }
        #expect(original.policies?.routeMaps.map(\.name) == reloaded.policies?.routeMaps.map(\.name))
        #expect(original.policies?.prefixLists.map(\.entries.count) == reloaded.policies?.prefixLists.map(\.entries.count))
    }

    @discardableResult
    private func roundTrip(path: String) throws -> TopologySpec {
        let example = (path as NSString).lastPathComponent
        let original = try TopologyLoader.load(path: path).get()
        let written = TopologyYAMLWriter.yaml(original)
        let reloaded = try TopologyLoader.load(yaml: written, file: example).get()
        #expect(TopologyYAMLWriter.yaml(reloaded) == written)
        #expect(reloaded.devices.count == original.devices.count)
        #expect(reloaded.links.count == original.links.count)
        #expect(reloaded.script.count == original.script.count)
        return original
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
