import NetSimRouting
import NetSimWire
import Testing
@testable import NetSimTopology

/// The example topologies from the seed pages.
@Suite struct SeedTopologyTests {
    typealias Support = TopologyTestSupport

    @Test func ospfTriangleLoads() throws {
        let (loaded, errors) = Support.spec(SeedTopologies.ospfTriangle)
        let spec = try #require(loaded, "\(errors)")
        #expect(spec.name == "ospf-triangle")
        #expect(spec.description == "Three OSPF routers in a triangle with hosts")
        #expect(spec.devices.map(\.name) == ["r1", "r2", "r3", "h1", "h3"])
        #expect(spec.devices.map(\.kind) == [.router, .router, .router, .host, .host])
        #expect(spec.devices[0].routerID == IPv4Address(1, 1, 1, 1))
        #expect(spec.devices[0].interfaces.map(\.name) == ["eth0", "eth1", "eth2"])
        #expect(spec.devices[0].interfaces[0].address == InterfaceAddress(IPv4Address(10, 0, 12, 1), prefixLength: 24))
        #expect(spec.devices[3].interfaces[0].gateway == IPv4Address(10, 0, 1, 1))
        #expect(spec.links.count == 5)
        #expect(spec.links[4].endpoints.map(\.description) == ["r3:eth2", "h3:eth0"])
        #expect(spec.links.allSatisfy { $0.delay == LinkSpec.defaultDelay && $0.mtu == 1500 && $0.lossPercent == 0 })
        #expect(spec.script.map(\.at) == [.afterConvergence(.zero), .afterConvergence(.milliseconds(100))])
        #expect(spec.script.map(\.device) == ["r1", "h1"])
        #expect(spec.script[1].command == "ping 10.0.3.10")
        let blocks = spec.devices.flatMap(\.interfaces).compactMap(\.ospf)
        #expect(blocks.count == 6)
        #expect(blocks.allSatisfy { $0.area == .zero && $0.cost == 10 && $0.network == nil && $0.passive == nil })
        #expect(spec.devices.allSatisfy { $0.ospf == nil })
    }

    @Test func locationsPointAtTheSource() throws {
        let yaml = SeedTopologies.ospfTriangle
        let spec = try #require(Support.spec(yaml).spec)
        let r1 = spec.devices[0]
        #expect(r1.location == SourceLocation(file: Support.file, line: 5, column: 5))
        #expect(r1.valueLocations["router_id"] == SourceLocation(file: Support.file, line: 7, column: 16))
        #expect(r1.interfaces[0].valueLocations["ip"] == SourceLocation(file: Support.file, line: 10, column: 13))
        let firstLinkLine = SeedTopologies.lines(of: "endpoints:", in: yaml)[0]
        #expect(spec.links[0].endpoints[1].location == SourceLocation(file: Support.file, line: firstLinkLine,
                                                                       column: 26))
    }

    @Test func page001TriangleIsRejectedNamingR3Eth2() throws {
        let yaml = SeedTopologies.ospfTriangleMissingInterface
        let diagnostics = Support.diagnostics(yaml)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostic.message == "link endpoint 'r3:eth2': device 'r3' has no interface 'eth2'")
        #expect(diagnostic.hint?.contains("'r3' declares interfaces eth0, eth1") == true)
        let line = SeedTopologies.lines(of: "[r3:eth2, h3:eth0]", in: yaml)[0]
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: line, column: 17))
    }
}
