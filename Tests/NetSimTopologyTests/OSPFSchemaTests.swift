import NetSimOSPF
import NetSimWire
import Testing
@testable import NetSimTopology

/// Reading the `ospf` blocks: every key, its range, and the schema's unknown-key diagnostics.
@Suite struct OSPFSchemaTests {
    typealias Support = TopologyTestSupport

    /// Two routers on one link; r1's eth0 gets `ospf: { block }`, r1 itself `ospf: { device }`.
    static func routers(interfaceBlock block: String, deviceBlock: String? = nil) -> String {
        Support.topology(devices: """
              - name: r1
                type: router\(deviceBlock.map { "\n    ospf: \($0)" } ?? "")
                interfaces:
                  - name: eth0
                    ip: 10.0.0.1/24
                    ospf: \(block)
              - name: r2
                type: router
                interfaces:
                  - name: eth0
                    ip: 10.0.0.2/24
            """, links: Support.twoRoutersLink)
    }

    static func interfaceBlock(_ block: String) throws -> OSPFInterfaceSpec {
        let (spec, errors) = Support.spec(routers(interfaceBlock: block))
        return try #require(spec?.devices[0].interfaces[0].ospf, "\(errors)")
    }

    static func deviceBlock(_ block: String) throws -> OSPFRouterSpec {
        let (spec, errors) = Support.spec(routers(interfaceBlock: "{}", deviceBlock: block))
        return try #require(spec?.devices[0].ospf, "\(errors)")
    }

    @Test func everyInterfaceKeyIsRead() throws {
        let block = try Self.interfaceBlock("""
            { area: 0.0.0.7, cost: 25, network: broadcast, priority: 0, passive: true, hello: 5, dead: 21, \
            retransmit: 3 }
            """)
        #expect(block.area == IPv4Address(0, 0, 0, 7))
        #expect(block.cost == 25)
        #expect(block.network == .broadcast)
        #expect(block.priority == 0)
        #expect(block.passive == true)
        #expect(block.helloInterval == 5)
        #expect(block.deadInterval == 21)
        #expect(block.retransmitInterval == 3)
        #expect(block.location == SourceLocation(file: Support.file, line: 8, column: 15))
        #expect(block.valueLocations["cost"] == SourceLocation(file: Support.file, line: 8, column: 38))
    }

    @Test func keysLeftOutStayUnset() throws {
        for text in ["{}", "", "{ area: 0 }"] {
            let block = try Self.interfaceBlock(text)
            #expect(block.cost == nil && block.network == nil && block.priority == nil && block.passive == nil)
            #expect(block.helloInterval == nil && block.deadInterval == nil && block.retransmitInterval == nil)
        }
    }

    @Test(arguments: [
        ("0", IPv4Address.zero), ("1", IPv4Address(0, 0, 0, 1)), ("0.0.0.1", IPv4Address(0, 0, 0, 1)),
        ("256", IPv4Address(0, 0, 1, 0)), ("4294967295", IPv4Address(255, 255, 255, 255)),
        ("10.1.2.3", IPv4Address(10, 1, 2, 3)),
    ])
    func areaIsANumberOrADottedQuad(text: String, area: IPv4Address) throws {
        #expect(try Self.interfaceBlock("{ area: \(text) }").area == area)
    }

    @Test(arguments: [
        ("area: 4294967296", "invalid OSPF area '4294967296'; expected a number 0...4294967295 or a dotted quad"),
        ("area: -1", "invalid OSPF area '-1'; expected a number 0...4294967295 or a dotted quad"),
        ("area: backbone", "invalid OSPF area 'backbone'; expected a number 0...4294967295 or a dotted quad"),
        ("area: 0.0.1", "invalid OSPF area '0.0.1'; expected a number 0...4294967295 or a dotted quad"),
        ("cost: 0", "cost 0 is out of range; expected 1...65535"),
        ("cost: 65536", "cost 65536 is out of range; expected 1...65535"),
        ("cost: ten", "expected a whole number 1...65535 for 'cost', found 'ten'"),
        ("network: p2p", "unknown OSPF network type 'p2p'; expected one of: point-to-point, broadcast"),
        ("priority: 256", "priority 256 is out of range; expected 0...255"),
        ("priority: -1", "priority -1 is out of range; expected 0...255"),
        ("passive: maybe", "expected true or false for 'passive', found 'maybe'"),
        ("hello: 0", "hello interval 0 is out of range; expected 1...65535"),
        ("dead: 65536", "dead interval 65536 is out of range; expected 1...65535"),
        ("retransmit: 0", "retransmit interval 0 is out of range; expected 1...65535"),
    ])
    func interfaceValuesAreChecked(entry: String, message: String) throws {
        let diagnostic = try Support.onlyDiagnostic(Self.routers(interfaceBlock: "{ \(entry) }"))
        #expect(diagnostic.message == message)
        // Each is reported at the value, after "ospf: { key: ".
        #expect(diagnostic.location.line == 8)
        #expect(diagnostic.location.column == 17 + entry.prefix { $0 != ":" }.count + 2)
    }

    @Test func misspeltNetworkTypeGetsASuggestion() throws {
        let diagnostic = try Support.onlyDiagnostic(Self.routers(interfaceBlock: "{ network: braodcast }"))
        #expect(diagnostic.hint == "did you mean 'broadcast'?")
    }

    @Test func redistributeTakesSourceNames() throws {
        let block = try Self.deviceBlock("{ redistribute: [connected, static] }")
        #expect(block.redistribute == [OSPFRedistribution(source: .connected), OSPFRedistribution(source: .static)])
        #expect(block.redistribute.allSatisfy { $0.metric == 20 && $0.isType2 })
    }

    @Test func redistributeTakesMappings() throws {
        let block = try Self.deviceBlock("""
            { redistribute: [{ source: connected, metric: 0, metric_type: 1 }, \
            { source: static, metric: 16777214, metric_type: 2 }] }
            """)
        #expect(block.redistribute == [
            OSPFRedistribution(source: .connected, metric: 0, isType2: false),
            OSPFRedistribution(source: .static, metric: 16_777_214, isType2: true),
        ])
        #expect(try Self.deviceBlock("{ redistribute: [{ source: static }] }").redistribute
            == [OSPFRedistribution(source: .static, metric: 20, isType2: true)])
    }

    @Test func emptyDeviceBlockIsAllowed() throws {
        #expect(try Self.deviceBlock("{}").redistribute.isEmpty)
        #expect(try Self.deviceBlock("").redistribute.isEmpty)
        #expect(try Self.deviceBlock("{ redistribute: [] }").redistribute.isEmpty)
    }

    @Test(arguments: [
        ("{ redistribute: [bgp] }", "unknown redistribution source 'bgp'; expected one of: connected, static", nil),
        ("{ redistribute: [conected] }", "unknown redistribution source 'conected'; expected one of: connected, static",
         "did you mean 'connected'?"),
        ("{ redistribute: connected }", "expected a list for 'redistribute', found 'connected'",
         "write one '- item' per line, or [a, b] on one line"),
        ("{ redistribute: [{ metric: 5 }] }", "missing required key 'source' in redistribute entry", nil),
        ("{ redistribute: [{ source: static, metric: 16777215 }] }",
         "metric 16777215 is out of range; expected 0...16777214", nil),
        ("{ redistribute: [{ source: static, metric_type: 3 }] }", "metric type 3 is out of range; expected 1...2",
         nil),
        ("{ redistribute: [static, { source: static, metric: 5 }] }", "'static' is redistributed twice",
         "list each source once"),
        ("{ redistribute: [{ source: static, metrc: 5 }] }",
         "unknown key 'metrc' in redistribute entry; expected one of: source, metric, metric_type",
         "did you mean 'metric'?"),
        ("{ redistibute: [static] }", "unknown key 'redistibute' in device ospf; expected one of: redistribute",
         "did you mean 'redistribute'?"),
        ("[connected]", "expected a mapping (key: value lines) for a device's 'ospf' block, found a list", nil),
    ] as [(String, String, String?)])
    func deviceBlockProblems(block: String, message: String, hint: String?) throws {
        let diagnostic = try Support.onlyDiagnostic(Self.routers(interfaceBlock: "{}", deviceBlock: block))
        #expect(diagnostic.message == message)
        #expect(diagnostic.hint == hint)
        #expect(diagnostic.location.line == 5)
    }

    @Test func unknownInterfaceKeyListsTheOSPFKeys() throws {
        let diagnostic = try Support.onlyDiagnostic(Self.routers(interfaceBlock: "{ area: 0, cots: 5 }"))
        #expect(diagnostic.message == "unknown key 'cots' in interface ospf; expected one of: area, cost, network, "
            + "priority, passive, hello, dead, retransmit")
        #expect(diagnostic.hint == "did you mean 'cost'?")
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 8, column: 26))
    }

    @Test func interfaceBlockMustBeAMappingOrABoolean() {
        #expect(Support.messages(Self.routers(interfaceBlock: "5")) == [
            "expected a mapping (key: value lines) or true/false for an interface's 'ospf' block, found '5'",
        ])
        #expect(Support.messages(Self.routers(interfaceBlock: "yes")) == [])
    }

    @Test func ospfIsNoLongerAnUnsupportedKeyButMPLSStillIs() {
        #expect(!TopologySchema.notYetSupportedKeys.contains("ospf"))
        #expect(TopologySchema.notYetSupportedKeys.contains("mpls"))
        #expect(TopologySchema.Context.device.allowedKeys.contains("ospf"))
        #expect(TopologySchema.Context.interface.allowedKeys.contains("ospf"))
    }

    @Test func ospfElsewhereIsAnUnknownKey() throws {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink + "\n    ospf: {}")
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "unknown key 'ospf' in link; expected one of: endpoints, delay, loss, mtu")
    }
}
