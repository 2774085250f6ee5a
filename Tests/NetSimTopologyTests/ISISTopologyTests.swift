@testable import NetSimTopology
import NetSimISIS
import NetSimWire
import Testing

/// The `isis` blocks: reading, defaults, the circuits a router gets, and located errors.
@Suite("IS-IS in topology files")
struct ISISTopologyTests {
    typealias Support = TopologyTestSupport

    static func routers(_ r1Block: String, _ r1Interface: String = "isis: {}", r2Block: String = "isis: { net: \"49.0001.0000.0000.0002.00\" }",
                        switchToo: Bool = false) -> String {
        Support.topology(devices: """
              - name: r1
                type: router
                \(r1Block)
                interfaces:
                  - name: eth0
                    ip: 10.0.0.1/24
                    \(r1Interface)
                  - name: eth1
                    ip: 10.0.9.1/24
                  - name: lo
                    ip: 192.0.2.1/32
              - name: r2
                type: router
                \(r2Block)
                interfaces:
                  - name: eth0
                    ip: 10.0.0.2/24
                    isis: {}
            """, links: "  - endpoints: [r1:eth0, r2:eth0]")
    }

    @Test func defaultsAndCircuits() throws {
        let (spec, errors) = Support.spec(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", level: l1 }",
                                                       "isis: { metric: 20 }"))
        let configuration = try #require(spec?.isisConfigurations()["r1"], "\(errors)")
        #expect(configuration.systemID == ISISSystemID(1))
        #expect(configuration.areas.map(\.description) == ["49.0001"])
        #expect(configuration.level == .level1)
        #expect(configuration.metricStyle == .wide)
        #expect(configuration.hostname == "r1")
        // eth0 (its block) and lo (a loopback, passive, metric 0); eth1 has no block and is not in IS-IS.
        #expect(configuration.interfaces.map(\.interface) == [0, 2])
        let eth0 = configuration.interfaces[0], lo = configuration.interfaces[1]
        #expect(eth0.metric == 20 && eth0.network == .pointToPoint && eth0.circuit == .level1)
        #expect(eth0.priority == 64 && eth0.helloInterval == 10 && eth0.holdTime == 30 && !eth0.passive)
        #expect(lo.isLoopback && lo.passive && lo.metric == 0)
        #expect(spec?.isisConfigurations()["r2"]?.level == .level1And2)
    }

    @Test func everyKeyIsRead() throws {
        let (spec, errors) = Support.spec(Self.routers(
            "isis: { net: \"49.0001.0000.0000.0001.00\", level: l1l2, metric_style: narrow, leak_l2_to_l1: true, "
                + "overload: true }",
            "isis: { metric: 30, passive: true, circuit: l2, network: broadcast, priority: 100, hello: 3, hold: 9 }"))
        let configuration = try #require(spec?.isisConfigurations()["r1"], "\(errors)")
        #expect(configuration.metricStyle == .narrow && configuration.leakL2IntoL1 && configuration.overload)
        let eth0 = configuration.interfaces[0]
        #expect(eth0.metric == 30 && eth0.passive && eth0.circuit == .level2 && eth0.network == .broadcast)
        #expect(eth0.priority == 100 && eth0.helloInterval == 3 && eth0.holdTime == 9)
    }

    @Test func timersAreRead() throws {
        let (spec, errors) = Support.spec(Self.routers(
            "isis: { net: \"49.0001.0000.0000.0001.00\", lsp_lifetime: 3600, lsp_refresh: 3000, lsp_gen_interval: 1, "
                + "spf_interval: 2, csnp_interval: 5, psnp_interval: 1 }"))
        let timers = try #require(spec?.isisConfigurations()["r1"]?.timers, "\(errors)")
        #expect(timers.lspLifetime == .seconds(3600) && timers.lspRefresh == .seconds(3000))
        #expect(timers.lspGenerationInterval == .seconds(1) && timers.spfInterval == .seconds(2))
        #expect(timers.csnpInterval == .seconds(5) && timers.psnpInterval == .seconds(1))
        #expect(spec?.isisConfigurations()["r2"]?.timers == ISISTimers())
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", lsp_refresh: 1000 }")) == [
            "LSP refresh interval 1000 s of 'r1' must be at least 300 s below its LSP lifetime 1200 s",
        ])
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.01.00\" }")).first?
            .hasPrefix("invalid NET '49.0001.0000.0000.01.00'") == true)
        #expect(Support.messages(Self.routers("isis: { level: l1 }")) == ["missing required key 'net' in device isis"])
        #expect(Support.messages(Self.routers("router_id: 1.1.1.1")) == [
            "'r1:eth0' has an 'isis' block but router 'r1' has none",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0002.00\" }")) == [
            "IS-IS system ID 0000.0000.0002 of 'r2' is already used by 'r1'",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", metric_style: narrow }",
                                              "isis: { metric: 64 }")) == [
            "metric 64 of 'r1:eth0' does not fit narrow metrics (0...63)",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\" }",
                                              "isis: { hello: 10, hold: 10 }")) == [
            "hold time 10 of 'r1:eth0' must be greater than its hello interval 10",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", level: l1 }",
                                              "isis: { circuit: l2 }")) == [
            "circuit type l2 of 'r1:eth0' shares no level with router 'r1' (l1)",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", level: l2, "
                                              + "leak_l2_to_l1: true }")) == [
            "'leak_l2_to_l1' needs a level-1-2 router; 'r1' is l2",
        ])
        #expect(Support.messages(Self.routers("isis: { net: \"49.0001.0000.0000.0001.00\", level: l3 }")).first?
            .hasPrefix("unknown IS-IS level 'l3'") == true)
    }

    @Test func theSeedExampleLoadsVerbatim() throws {
        let (spec, errors) = Support.spec(try String(contentsOfFile: #filePath.replacingOccurrences(
            of: "Tests/NetSimTopologyTests/ISISTopologyTests.swift", with: "examples/isis-hierarchy.yaml"), encoding: .utf8))
        #expect(errors.isEmpty, "\(errors)")
        let configurations = spec?.isisConfigurations() ?? [:]
        #expect(configurations.keys.sorted() == ["r1", "r2", "r3"])
        #expect(configurations["r2"]?.interfaces.count == 3)
        #expect(configurations["r3"]?.areas.map(\.description) == ["49.0002"])
    }
}
