import Testing
@testable import NetSimTopology

/// A file with many problems reports all of them at once, in file order, without follow-on noise.
@Suite struct MultipleErrorTests {
    typealias Support = TopologyTestSupport

    static let brokenFile = """
        name: broken
        devices:
          - name: r1
            type: router
            interfaces:
              - name: eth0
                ipp: 10.0.12.1/24
              - name: eth1
                ip: 10.0.13.300/24
                mpls: { ldp: true }
          - name: r2
            type: rotuer
            interfaces:
              - name: eth0
                ip: 10.0.12.2/24
          - name: h1
            type: host
            interfaces:
              - name: eth0
                ip: 10.0.1.10/24
                gateway: 10.0.2.1
          - name: h1
            type: host
        links:
          - endpoints: [r1:eth0, r2:eth0]
            mtu: 20
          - endpoints: [r1:eth9, h1:eth0]
        script:
          - at: converged
            device: r7
            command: show ip route
        """

    @Test func everyProblemIsReportedInFileOrder() {
        let diagnostics = Support.diagnostics(Self.brokenFile)
        let found = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found == [
            "7:9 unknown key 'ipp' in interface; expected one of: name, ip, gateway, vlan, trunk, shutdown, ospf, isis",
            "9:13 invalid CIDR '10.0.13.300/24' for 'ip': '10.0.13.300' is not an IPv4 address (300 is above 255)",
            "10:9 'mpls' is not supported yet in this netsim version",
            "12:11 unknown device type 'rotuer'; expected one of: router, host, switch",
            "21:18 gateway 10.0.2.1 of 'h1:eth0' is not inside its subnet 10.0.1.0/24",
            "22:11 duplicate device name 'h1'",
            "26:10 MTU 20 is out of range; expected 68...65535",
            "27:17 link endpoint 'r1:eth9': device 'r1' has no interface 'eth9'",
            "30:13 script step names unknown device 'r7'",
        ])
    }

    @Test func renderingListsEveryDiagnosticWithItsHint() throws {
        guard case let .failure(error) = TopologyLoader.load(yaml: Self.brokenFile, file: "broken.yaml") else {
            Issue.record("the broken file loaded")
            return
        }
        let lines = error.description.split(separator: "\n")
        #expect(lines.first.map(String.init) == "broken.yaml:7:9: error: unknown key 'ipp' in interface; expected "
                + "one of: name, ip, gateway, vlan, trunk, shutdown, ospf, isis")
        #expect(lines[1] == "  hint: did you mean 'ip'?")
        #expect(lines.filter { $0.hasPrefix("broken.yaml:") }.count == 9)
        #expect(lines.allSatisfy { $0.hasPrefix("broken.yaml:") || $0.hasPrefix("  hint: ") })
    }

    @Test func parserAloneReportsOnlySchemaProblems() throws {
        guard case let .failure(error) = TopologyParser.parse(yaml: Self.brokenFile, file: "b.yaml") else {
            Issue.record("the broken file parsed")
            return
        }
        #expect(error.diagnostics.count == 5)
        #expect(error.diagnostics.map(\.location.line) == [7, 9, 10, 12, 26])
    }

    @Test func unreadableDeviceTypeDoesNotCascade() {
        // r2's type is wrong: links to r2 still resolve, and no kind-specific rule guesses.
        let yaml = Support.topology(devices: """
              - {name: r1, type: router, interfaces: [{name: eth0, ip: 10.0.0.1/24}]}
              - {name: r2, type: hub, interfaces: [{name: eth0, ip: 10.0.0.2/24, gateway: 10.0.0.1, vlan: 3}]}
            """, links: Support.twoRoutersLink, script: "  - {at: converged, device: r2, command: x}")
        #expect(Support.messages(yaml) == ["unknown device type 'hub'; expected one of: router, host, switch"])
    }

    @Test func unreadableInterfaceDoesNotCascade() {
        let yaml = Support.topology(devices: """
              - {name: r1, type: router, interfaces: [{name: eth0, ip: 10.0.0.1/24}]}
              - {name: r2, type: router, interfaces: [{nmae: eth0, ip: 10.0.0.2/24}]}
            """, links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == [
            "missing required key 'name' in interface",
            "unknown key 'nmae' in interface; expected one of: name, ip, gateway, vlan, trunk, shutdown, ospf, isis",
        ])
    }

    @Test func unreadableDeviceListDoesNotAlsoSayEmpty() {
        #expect(Support.messages("name: t\ndevices: r1\n") == ["expected a list for 'devices', found 'r1'"])
        #expect(Support.messages("name: t\ndevices: [r1]\n") == [
            "expected a mapping (key: value lines) for a device, found 'r1'",
        ])
        #expect(Support.messages("name: t\n") == ["missing required key 'devices' in topology"])
    }
}
