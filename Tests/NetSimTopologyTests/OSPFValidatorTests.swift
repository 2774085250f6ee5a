import NetSimWire
import Testing
@testable import NetSimTopology

/// The OSPF rules the validator enforces, each with where it points and its hint.
@Suite struct OSPFValidatorTests {
    typealias Support = TopologyTestSupport

    static func at(_ line: Int, _ column: Int) -> NetSimTopology.SourceLocation {
        SourceLocation(file: Support.file, line: line, column: column)
    }

    @Test func ospfOnAHostIsRejectedAtBothLevels() {
        let yaml = Support.topology(devices: """
              - name: h1
                type: host
                ospf: {}
                interfaces:
                  - { name: eth0, ip: 10.0.0.10/24, ospf: { area: 0 } }
            """)
        let diagnostics = Support.diagnostics(yaml)
        #expect(diagnostics.map(\.message) == [
            "'ospf' is only allowed on routers; 'h1' is a host",
            "'ospf' is only allowed on router interfaces; 'h1:eth0' belongs to a host",
        ])
        #expect(diagnostics.map(\.location) == [Self.at(5, 11), Self.at(7, 47)])
        #expect(diagnostics.allSatisfy {
            $0.hint == "a host reaches other subnets through its 'gateway'; run OSPF on the router it uses"
        })
    }

    @Test func ospfOnASwitchIsRejected() throws {
        let yaml = Support.topology(devices: """
              - name: sw1
                type: switch
                interfaces: [{ name: p1, ospf: {} }]
            """)
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "'ospf' is only allowed on router interfaces; 'sw1:p1' belongs to a switch")
        #expect(diagnostic.hint == "a switch only bridges frames; run OSPF on the routers attached to it")
    }

    @Test func ospfOnADeviceOfUnknownTypeIsNotJudged() {
        let yaml = Support.topology(devices: "  - { name: x1, type: hub, ospf: {} }")
        #expect(Support.messages(yaml) == ["unknown device type 'hub'; expected one of: router, host, switch"])
    }

    @Test func ospfBlockNeedsAnAddress() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                interfaces: [{ name: eth0, ip: 10.0.0.1/24, ospf: {} }, { name: eth2 }]
              - name: r2
                type: router
                interfaces: [{ name: eth1, ospf: { cost: 5 } }, { name: eth0, ip: 10.0.0.2/24 }]
            """)
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "OSPF needs an IP address on the interface; 'r2:eth1' has none")
        #expect(diagnostic.location == Self.at(8, 38))
        #expect(diagnostic.hint == "add 'ip:' to 'r2:eth1', or remove its 'ospf' block")
    }

    @Test func unreadableAddressIsReportedOnce() {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.300/24, ospf: {} }
            """)
        #expect(Support.messages(yaml) == [
            "invalid CIDR '10.0.0.300/24' for 'ip': '10.0.0.300' is not an IPv4 address (300 is above 255)",
        ])
    }

    @Test(arguments: [
        ("{ hello: 10, dead: 10 }", "dead interval 10 of 'r1:eth0' must be greater than its hello interval 10",
         "a neighbour is declared down after 'dead' seconds without a Hello; the default is 4 x hello (40)"),
        ("{ dead: 5 }", "dead interval 5 of 'r1:eth0' must be greater than its hello interval 10",
         "a neighbour is declared down after 'dead' seconds without a Hello; the default is 4 x hello (40)"),
        ("{ hello: 30, dead: 29 }", "dead interval 29 of 'r1:eth0' must be greater than its hello interval 30",
         "a neighbour is declared down after 'dead' seconds without a Hello; the default is 4 x hello (120)"),
    ])
    func deadMustExceedHello(block: String, message: String, hint: String) throws {
        let diagnostic = try Support.onlyDiagnostic(OSPFSchemaTests.routers(interfaceBlock: block))
        #expect(diagnostic.message == message)
        #expect(diagnostic.hint == hint)
        // At the `dead` value.
        let column = 15 + block.distance(from: block.startIndex, to: block.range(of: "dead: ")!.upperBound)
        #expect(diagnostic.location == Self.at(8, column))
    }

    @Test(arguments: ["{ dead: 11 }", "{ hello: 1, dead: 2 }", "{ hello: 65535 }", "{ hello: 40 }"])
    func soundTimersPass(block: String) {
        #expect(Support.messages(OSPFSchemaTests.routers(interfaceBlock: block)) == [])
    }

    @Test func repeatedRouterIDIsReportedOnTheSecondRouter() throws {
        let yaml = Support.topology(devices: """
              - { name: r1, type: router, router_id: 9.9.9.9, interfaces: [{ name: eth0, ip: 10.0.0.1/24, ospf: {} }] }
              - { name: r2, type: router, router_id: 9.9.9.9, interfaces: [{ name: eth0, ip: 10.0.0.2/24, ospf: {} }] }
            """, links: Support.twoRoutersLink)
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "OSPF router ID 9.9.9.9 of 'r2' is already used by 'r1'")
        #expect(diagnostic.location == Self.at(4, 42))
        #expect(diagnostic.hint == "each OSPF router needs its own router ID; 'r1' sets it at test.yaml:3:42")
    }

    @Test func derivedRouterIDCanCollideToo() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                router_id: 10.0.0.2
                interfaces: [{ name: eth0, ip: 10.0.0.1/24, ospf: {} }]
              - name: r2
                type: router
                interfaces: [{ name: eth0, ip: 10.0.0.2/24, ospf: {} }]
            """, links: Support.twoRoutersLink)
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "OSPF router ID 10.0.0.2 of 'r2' is already used by 'r1'")
        // r2 has no router_id: the diagnostic points at where it turns OSPF on.
        #expect(diagnostic.location == Self.at(9, 55))
        #expect(diagnostic.hint == "each OSPF router needs its own router ID; 'r1' sets it at test.yaml:5:16; "
            + "'r2' has no 'router_id' and so takes its highest interface address")
    }

    @Test func routerIDsOnlyMatterAmongOSPFRouters() {
        let yaml = Support.topology(devices: """
              - { name: r1, type: router, router_id: 9.9.9.9, interfaces: [{ name: eth0, ip: 10.0.0.1/24, ospf: {} }] }
              - { name: r2, type: router, router_id: 9.9.9.9, interfaces: [{ name: eth0, ip: 10.0.0.2/24 }] }
            """, links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == [])
    }

    @Test func ospfRouterWithoutAnyAddressHasNoRouterID() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                ospf: { redistribute: [static] }
            """)
        let diagnostic = try Support.onlyDiagnostic(yaml)
        #expect(diagnostic.message == "OSPF router 'r1' has no router ID")
        #expect(diagnostic.location == Self.at(5, 11))
        #expect(diagnostic.hint == "set 'router_id', or give one of its interfaces an IP address")
    }

    @Test func validatorWorksOnOSPFSpecsBuiltInCode() {
        let here = SourceLocation(file: "code", line: 1, column: 1)
        let device = { (name: String, address: String) in
            DeviceSpec(name: name, kind: .router, interfaces: [
                InterfaceSpec(name: "eth0", address: InterfaceAddress(address), ospf: OSPFInterfaceSpec(location: here),
                              location: here),
            ], location: here)
        }
        let spec = TopologySpec(name: "t", devices: [device("r1", "10.0.0.1/24"), device("r2", "10.0.0.1/24")],
                                links: [], script: [])
        // The duplicate address also makes the derived router IDs collide.
        #expect(TopologyValidator.validate(spec).map(\.message) == [
            "IP address 10.0.0.1 of 'r2:eth0' is already used by 'r1:eth0'",
            "OSPF router ID 10.0.0.1 of 'r2' is already used by 'r1'",
        ])
    }
}
