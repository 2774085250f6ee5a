import NetSimEngine
import NetSimWire
import Testing
@testable import NetSimTopology

/// Semantic checks: each error class on its own, through the loader (so with locations).
@Suite struct ValidatorTests {
    typealias Support = TopologyTestSupport

    @Test func soundTopologyHasNoDiagnostics() {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == [])
    }

    @Test func emptyDeviceList() throws {
        let diagnostic = try #require(Support.diagnostics("name: t\ndevices: []\n").first)
        #expect(diagnostic.message == "the topology has no devices")
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 2, column: 10))
    }

    @Test func duplicateDeviceNames() throws {
        let yaml = Support.topology(devices: Support.twoRouters + "\n  - {name: r1, type: host}",
                                    links: Support.twoRoutersLink)
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "duplicate device name 'r1'")
        #expect(diagnostic.location.line == 13)
        #expect(diagnostic.hint == "first defined at test.yaml:3:11")
    }

    @Test func duplicateInterfaceNames() {
        let yaml = Support.topology(devices: "  - {name: r1, type: router, interfaces: [{name: eth0}, {name: eth0}]}")
        #expect(Support.messages(yaml) == ["duplicate interface name 'eth0' in device 'r1'"])
    }

    @Test func duplicateAddressesAcrossTheTopology() throws {
        let yaml = Support.topology(devices: Support.twoRouters
            + "\n  - {name: h1, type: host, interfaces: [{name: eth0, ip: 10.0.0.1/24}]}",
            links: Support.twoRoutersLink)
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "IP address 10.0.0.1 of 'h1:eth0' is already used by 'r1:eth0'")
        #expect(diagnostic.hint == "first assigned at test.yaml:7:13")
    }

    @Test func endpointNamingUnknownDevice() throws {
        let yaml = Support.topology(devices: Support.twoRouters, links: "  - endpoints: [r1:eth0, r9:eth0]")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "link endpoint 'r9:eth0': no device named 'r9'")
        #expect(diagnostic.hint == "did you mean 'r1'?")
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 14, column: 26))
    }

    @Test func endpointNamingUndeclaredInterface() throws {
        let yaml = Support.topology(devices: Support.twoRouters, links: "  - endpoints: [r1:eth0, r2:eth2]")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "link endpoint 'r2:eth2': device 'r2' has no interface 'eth2'")
        #expect(diagnostic.hint == "'r2' declares interfaces eth0; declare 'eth2' under 'r2' or fix the endpoint")
    }

    @Test func interfaceUsedByTwoLinks() throws {
        let yaml = Support.topology(devices: Support.twoRouters + """

              - name: r3
                type: router
                interfaces: [{name: eth0, ip: 10.0.0.3/24}]
            """, links: Support.twoRoutersLink + "\n  - endpoints: [r1:eth0, r3:eth0]")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "interface 'r1:eth0' is used by two links")
        #expect(diagnostic.hint?.hasPrefix("the other link is at test.yaml:17:5") == true)
    }

    @Test func linkWithFewerThanTwoEndpoints() {
        let one = Support.topology(devices: Support.twoRouters, links: "  - endpoints: [r1:eth0]")
        #expect(Support.messages(one) == ["a link needs at least 2 endpoints, found 1"])
        let none = Support.topology(devices: Support.twoRouters, links: "  - endpoints: []")
        #expect(Support.messages(none) == ["a link needs at least 2 endpoints, found 0"])
    }

    @Test func sameInterfaceTwiceInOneLink() {
        let yaml = Support.topology(devices: Support.twoRouters, links: "  - endpoints: [r1:eth0, r2:eth0, r1:eth0]")
        #expect(Support.messages(yaml) == ["link lists 'r1:eth0' twice"])
    }

    @Test func endpointsOnDifferentSubnets() throws {
        let devices = Support.twoRouters.replacingLast("10.0.0.2/24", with: "10.0.1.2/24")
        let yaml = Support.topology(devices: devices, links: Support.twoRoutersLink)
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message
            == "link endpoints 'r1:eth0' (10.0.0.1/24) and 'r2:eth0' (10.0.1.2/24) are on different subnets")
        #expect(diagnostic.hint == "interfaces on one link must share a subnet; 10.0.0.0/24 vs 10.0.1.0/24")
    }

    @Test func differentPrefixLengthsAreDifferentSubnets() {
        let devices = Support.twoRouters.replacingLast("10.0.0.2/24", with: "10.0.0.2/25")
        let yaml = Support.topology(devices: devices, links: Support.twoRoutersLink)
        #expect(Support.messages(yaml).count == 1)
    }

    @Test func gatewayOutsideTheSubnet() throws {
        let yaml = Support.topology(devices: "  - {name: h1, type: host, interfaces: [{name: eth0, ip: 10.0.1.10/24, gateway: 10.0.2.1}]}")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "gateway 10.0.2.1 of 'h1:eth0' is not inside its subnet 10.0.1.0/24")
        #expect(diagnostic.location.column == 81)
    }

    @Test func switchPortAddressIsReportedOnceNotAlsoAsASubnetMismatch() {
        let yaml = Support.topology(devices: """
              - {name: r1, type: router, interfaces: [{name: eth0, ip: 10.0.0.1/24}]}
              - {name: sw1, type: switch, interfaces: [{name: p1, ip: 192.168.0.1/24}]}
            """, links: "  - endpoints: [r1:eth0, sw1:p1]")
        #expect(Support.messages(yaml) == [
            "switch port 'sw1:p1' must not have an IP address; a switch only bridges frames",
        ])
    }

    @Test func gatewayThatIsTheInterfaceItself() {
        let yaml = Support.topology(devices: "  - {name: h1, type: host, interfaces: [{name: eth0, ip: 10.0.1.10/24, gateway: 10.0.1.10}]}")
        #expect(Support.messages(yaml) == ["gateway 10.0.1.10 of 'h1:eth0' is the interface's own address"])
    }

    @Test func gatewayOnlyOnHosts() throws {
        let yaml = Support.topology(devices: "  - {name: r1, type: router, interfaces: [{name: eth0, ip: 10.0.1.1/24, gateway: 10.0.1.2}]}")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "'gateway' is only allowed on hosts; 'r1:eth0' belongs to a router")
        #expect(diagnostic.hint?.contains("static routes") == true)
    }

    @Test(arguments: [
        ("10.0.1.0/24", "10.0.1.0/24 is the network address of 10.0.1.0/24 and cannot be used on 'h1:eth0'"),
        ("10.0.1.255/24", "10.0.1.255/24 is the broadcast address of 10.0.1.0/24 and cannot be used on 'h1:eth0'"),
    ])
    func networkAndBroadcastAddresses(address: String, message: String) throws {
        let yaml = Support.topology(devices: "  - {name: h1, type: host, interfaces: [{name: eth0, ip: \(address)}]}")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == message)
        #expect(diagnostic.hint == "host addresses in 10.0.1.0/24 run from 10.0.1.1 to 10.0.1.254")
    }

    @Test func pointToPointAndHostPrefixesMayUseAnyAddress() {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                interfaces:
                  - {name: eth0, ip: 10.0.0.0/31}
                  - {name: lo, ip: 192.0.2.0/32}
              - {name: r2, type: router, interfaces: [{name: eth0, ip: 10.0.0.1/31}]}
            """, links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == [])
    }

    @Test func switchPortsCarryNoIP() {
        let yaml = Support.topology(devices: "  - {name: sw1, type: switch, interfaces: [{name: p1, ip: 10.0.0.5/24, gateway: 10.0.0.1}]}")
        #expect(Support.messages(yaml) == [
            "switch port 'sw1:p1' must not have an IP address; a switch only bridges frames",
            "switch port 'sw1:p1' must not have a gateway; a switch only bridges frames",
        ])
    }

    @Test func vlanAndTrunkOnlyOnSwitchPorts() {
        let yaml = Support.topology(devices: """
              - {name: h1, type: host, interfaces: [{name: eth0, vlan: 10}]}
              - {name: r1, type: router, interfaces: [{name: eth0, trunk: [10, 20]}]}
              - {name: sw1, type: switch, interfaces: [{name: p1, vlan: 10}, {name: p2, trunk: [10, 20]}]}
            """)
        #expect(Support.messages(yaml) == [
            "'vlan' is only allowed on switch ports; 'h1:eth0' belongs to a host",
            "'trunk' is only allowed on switch ports; 'r1:eth0' belongs to a router",
        ])
    }

    @Test func switchportsAreParsed() throws {
        let yaml = Support.topology(devices: "  - {name: sw1, type: switch, interfaces: [{name: p1, vlan: 10}, {name: p2, trunk: [10, 20]}, {name: p3}]}")
        let ports = try #require(Support.spec(yaml).spec?.devices[0].interfaces)
        #expect(ports.map(\.switchport) == [.access(vlan: 10), .trunk(vlans: [10, 20]), nil])
    }

    @Test func accessAndTrunkTogether() {
        let yaml = Support.topology(devices: "  - {name: sw1, type: switch, interfaces: [{name: p1, vlan: 10, trunk: [20]}]}")
        #expect(Support.messages(yaml) == ["an interface is either an access port ('vlan') or a trunk ('trunk'), not both"])
    }

    @Test func staticRouteNeedsViaOrInterface() {
        let yaml = Support.topology(devices: Support.twoRouters + "\n    routes: [{prefix: 10.9.0.0/16}]",
                                    links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == ["static route to 10.9.0.0/16 on 'r2' needs 'via' or 'interface'"])
    }

    @Test func staticRouteInterfaceMustExist() throws {
        let yaml = Support.topology(devices: Support.twoRouters + "\n    routes: [{prefix: 10.9.0.0/16, interface: eth7}]",
                                    links: Support.twoRoutersLink)
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "static route to 10.9.0.0/16: device 'r2' has no interface 'eth7'")
        #expect(diagnostic.hint == "'r2' declares interfaces eth0")
    }

    @Test func staticRoutesNotOnSwitches() {
        let yaml = Support.topology(devices: "  - {name: sw1, type: switch, routes: [{prefix: 0.0.0.0/0, via: 10.0.0.1}]}")
        #expect(Support.messages(yaml) == ["static routes are not allowed on switch 'sw1'; a switch has no IP stack"])
    }

    @Test func routerIDOnlyOnRouters() {
        let yaml = Support.topology(devices: """
              - {name: h1, type: host, router_id: 1.1.1.1}
              - {name: sw1, type: switch, router_id: 2.2.2.2}
              - {name: r1, type: router, router_id: 3.3.3.3}
            """)
        #expect(Support.messages(yaml) == [
            "'router_id' is only allowed on routers; 'h1' is a host",
            "'router_id' is only allowed on routers; 'sw1' is a switch",
        ])
    }

    @Test func scriptStepNamingUnknownDevice() throws {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink,
                                    script: "  - {at: converged, device: r3, command: show ip route}")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "script step names unknown device 'r3'")
        #expect(diagnostic.hint == "did you mean 'r1'?")
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 16, column: 29))
    }

    @Test(arguments: ["r 1", "r:1", "r\t1", ""])
    func deviceNamesMustBeUsable(name: String) {
        let yaml = Support.topology(devices: "  - {name: \"\(name)\", type: host}")
        let expected = name.isEmpty
            ? "device name must not be empty"
            : "invalid device name '\(name)': names must not contain whitespace or ':'"
        #expect(Support.messages(yaml) == [expected])
    }

    @Test func interfaceNamesMustBeUsable() {
        let yaml = Support.topology(devices: "  - {name: h1, type: host, interfaces: [{name: 'eth 0'}]}")
        #expect(Support.messages(yaml) == ["invalid interface name 'eth 0': names must not contain whitespace or ':'"])
    }

    @Test func validatorWorksOnSpecsBuiltInCode() {
        let here = SourceLocation(file: "code", line: 1, column: 1)
        let spec = TopologySpec(name: "t", devices: [
            DeviceSpec(name: "r1", kind: .router, interfaces: [InterfaceSpec(name: "eth0", location: here)],
                       location: here),
        ], links: [
            LinkSpec(endpoints: [EndpointSpec(device: "r1", interface: "eth0", location: here),
                                 EndpointSpec(device: "r1", interface: "eth1", location: here)], location: here),
        ], script: [])
        #expect(TopologyValidator.validate(spec).map(\.message) == [
            "link endpoint 'r1:eth1': device 'r1' has no interface 'eth1'",
        ])
    }
}

extension String {
    /// The string with the last occurrence of `target` replaced.
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard let range = ranges(of: target).last else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}

@Suite("Static route gateways")
struct StaticRouteGatewayTests {
    @Test("a static route through the device's own address is rejected at the 'via' value")
    func gatewayOnItself() {
        let yaml = """
            name: t
            devices:
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24 }
                routes:
                  - { prefix: 10.9.0.0/16, via: 10.0.0.1 }
            """
        guard case .failure(let error) = TopologyLoader.load(yaml: yaml, file: "t.yaml") else {
            Issue.record("expected a diagnostic")
            return
        }
        #expect(error.diagnostics.map(\.description).contains { $0.hasPrefix(
            "t.yaml:8:37: error: static route to 10.9.0.0/16: gateway 10.0.0.1 is an address of 'r1' itself") })
    }
}
