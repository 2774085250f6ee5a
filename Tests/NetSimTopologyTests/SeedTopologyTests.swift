import NetSimRouting
import NetSimWire
import Testing
@testable import NetSimTopology

/// The example topologies from the seed pages.
@Suite struct SeedTopologyTests {
    typealias Support = TopologyTestSupport

    @Test func ospfTriangleParsesExceptForItsOSPFBlocks() {
        let yaml = SeedTopologies.ospfTriangle
        let diagnostics = Support.diagnostics(yaml)
        // The file is fine apart from asking for OSPF, which is reported once per block, at the
        // `ospf` key, and nothing else is.
        let expectedLines = SeedTopologies.lines(of: "ospf:", in: yaml)
        #expect(expectedLines.count == 6)
        #expect(diagnostics.map(\.location.line) == expectedLines)
        #expect(diagnostics.allSatisfy { $0.message == "'ospf' is not supported yet in this netsim version" })
        #expect(diagnostics.allSatisfy { $0.location.column == 9 && $0.location.file == Support.file })
    }

    @Test func ospfTriangleWithoutProtocolBlocksLoads() throws {
        let (loaded, errors) = Support.spec(SeedTopologies.withoutProtocolBlocks(SeedTopologies.ospfTriangle))
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
    }

    @Test func locationsPointAtTheSource() throws {
        let yaml = SeedTopologies.withoutProtocolBlocks(SeedTopologies.ospfTriangle)
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
        let yaml = SeedTopologies.withoutProtocolBlocks(SeedTopologies.ospfTriangleMissingInterface)
        let diagnostics = Support.diagnostics(yaml)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostic.message == "link endpoint 'r3:eth2': device 'r3' has no interface 'eth2'")
        #expect(diagnostic.hint?.contains("'r3' declares interfaces eth0, eth1") == true)
        let line = SeedTopologies.lines(of: "[r3:eth2, h3:eth0]", in: yaml)[0]
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: line, column: 17))
    }

    @Test func page001TriangleWithItsOSPFBlocksStillNamesR3Eth2() {
        // Unsupported protocol blocks must not hide the real error.
        let messages = Support.messages(SeedTopologies.ospfTriangleMissingInterface)
        #expect(messages.contains("link endpoint 'r3:eth2': device 'r3' has no interface 'eth2'"))
        #expect(messages.filter { $0.contains("'ospf' is not supported yet") }.count == 7)
        #expect(messages.count == 8)
    }
}
