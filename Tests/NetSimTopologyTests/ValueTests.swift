import NetSimEngine
import NetSimRouting
import NetSimWire
import Testing
@testable import NetSimTopology

/// Wrong types and out-of-range values, each reported at the value with what would be right.
@Suite struct ValueTests {
    typealias Support = TopologyTestSupport

    /// A host with one interface whose extra line is `line` (indented under the interface).
    static func host(interfaceLine line: String) -> String {
        Support.topology(devices: """
              - name: h1
                type: host
                interfaces:
                  - name: eth0
                    \(line)
            """)
    }

    /// Two routers and a link with `line` added to the link.
    static func link(_ line: String) -> String {
        Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink + "\n    \(line)")
    }

    @Test(arguments: [
        ("ip: 10.0.0.300/24", "invalid CIDR '10.0.0.300/24' for 'ip': '10.0.0.300' is not an IPv4 address (300 is above 255)"),
        ("ip: 10.0.0.1/33", "invalid CIDR '10.0.0.1/33' for 'ip': prefix length 33 is out of range; expected 0...32"),
        ("ip: 10.0.0.1", "invalid CIDR '10.0.0.1' for 'ip': expected an address with a prefix length, like 10.0.12.1/24"),
        ("ip: 10.0.0.1/x", "invalid CIDR '10.0.0.1/x' for 'ip': prefix length 'x' is not a number"),
        ("ip: 10.0.1/24", "invalid CIDR '10.0.1/24' for 'ip': '10.0.1' is not an IPv4 address (an IPv4 address has 4 numbers separated by dots, found 3)"),
        ("ip: [10.0.0.1/24]", "expected a string for 'ip', found a list"),
        ("ip:", "'ip' needs a value; expected a string"),
        ("gateway: 10.0.0.256", "invalid IPv4 address '10.0.0.256' for 'gateway': 256 is above 255"),
        ("gateway: 10.00.0.1", "invalid IPv4 address '10.00.0.1' for 'gateway': '00' has a leading zero"),
        ("gateway: ten.0.0.1", "invalid IPv4 address 'ten.0.0.1' for 'gateway': 'ten' is not a number"),
        ("vlan: 0", "VLAN 0 is out of range; expected 1...4094"),
        ("vlan: 4095", "VLAN 4095 is out of range; expected 1...4094"),
        ("vlan: ten", "expected a whole number 1...4094 for 'vlan', found 'ten'"),
        ("trunk: 10", "expected a list for 'trunk', found '10'"),
        ("trunk: []", "a trunk must carry at least one VLAN"),
        ("trunk: [10, 5000]", "VLAN 5000 is out of range; expected 1...4094"),
        ("trunk: [10, 10]", "VLAN 10 is listed twice in this trunk"),
        ("shutdown: maybe", "expected true or false for 'shutdown', found 'maybe'"),
        ("gateway: {a: b}", "expected a string for 'gateway', found a mapping"),
    ])
    func interfaceValues(line: String, message: String) {
        #expect(Support.messages(Self.host(interfaceLine: line)).contains(message),
                "\(Support.messages(Self.host(interfaceLine: line)))")
    }

    @Test func valueErrorPointsAtTheValue() throws {
        let diagnostic = try #require(Support.diagnostics(Self.host(interfaceLine: "ip: 10.0.0.1/33")).first)
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 7, column: 13))
    }

    @Test func bareAddressGetsAPrefixLengthHint() throws {
        let diagnostic = try #require(Support.diagnostics(Self.host(interfaceLine: "ip: 10.0.0.1")).first)
        #expect(diagnostic.hint == "add the prefix length, e.g. '10.0.0.1/24'")
    }

    @Test(arguments: [
        ("delay: -1ms", "'delay' must not be negative, found '-1ms'"),
        ("delay: -5", "'delay' must not be negative, found '-5'"),
        ("delay: soon", "invalid duration 'soon' for 'delay'"),
        ("delay: [1]", "expected a string for 'delay', found a list"),
        ("loss: 101", "loss 101 is out of range; expected a percentage 0...100"),
        ("loss: -0.5", "loss -0.5 is out of range; expected a percentage 0...100"),
        ("loss: \"150%\"", "loss 150% is out of range; expected a percentage 0...100"),
        ("loss: lots", "expected a loss percentage for 'loss', found 'lots'"),
        ("mtu: 67", "MTU 67 is out of range; expected 68...65535"),
        ("mtu: 65536", "MTU 65536 is out of range; expected 68...65535"),
        ("mtu: 1500.5", "expected a whole number 68...65535 for 'mtu', found '1500.5'"),
        ("endpoints: r1:eth0", "expected a list for 'endpoints', found 'r1:eth0'"),
    ])
    func linkValues(line: String, message: String) {
        let yaml = line.hasPrefix("endpoints")
            ? Support.topology(devices: Support.twoRouters, links: "  - \(line)")
            : Self.link(line)
        #expect(Support.messages(yaml).contains(message), "\(Support.messages(yaml))")
    }

    @Test func linkValuesAreParsed() throws {
        let yaml = Support.topology(devices: Support.twoRouters, links: """
              - endpoints: [r1:eth0, r2:eth0]
                delay: 250us
                loss: "0.5%"
                mtu: 9000
            """)
        let link = try #require(Support.spec(yaml).spec?.links.first, "\(Support.spec(yaml).errors)")
        #expect(link.delay == .microseconds(250))
        #expect(link.lossPercent == 0.5)
        #expect(link.mtu == 9000)
        for (text, expected) in [("2s", SimTime.seconds(2)), ("5", .milliseconds(5)), ("1.5ms", .microseconds(1500))] {
            let spec = Support.spec(Self.link("delay: \(text)")).spec
            #expect(spec?.links.first?.delay == expected, "\(text)")
        }
        #expect(Support.spec(Self.link("loss: 2")).spec?.links.first?.lossPercent == 2)
    }

    @Test(arguments: [
        ("[r1eth0, r2:eth0]", "invalid endpoint 'r1eth0'; expected 'device:interface'"),
        ("[r1:eth0:x, r2:eth0]", "invalid endpoint 'r1:eth0:x'; expected 'device:interface'"),
        ("[':eth0', r2:eth0]", "invalid endpoint ':eth0'; expected 'device:interface'"),
        ("[r1: eth0, r2:eth0]", "expected an endpoint 'device:interface', found a mapping"),
    ])
    func malformedEndpoints(endpoints: String, message: String) {
        let yaml = Support.topology(devices: Support.twoRouters, links: "  - endpoints: \(endpoints)")
        // Only the malformed endpoint is reported: no "fewer than 2 endpoints" on top.
        #expect(Support.messages(yaml) == [message])
    }

    @Test(arguments: [
        ("prefix: 10.0.0.1/8", "prefix '10.0.0.1/8' has host bits set; a route prefix must be a network address"),
        ("prefix: 10.0.0.0/40", "invalid CIDR '10.0.0.0/40' for 'prefix': prefix length 40 is out of range; expected 0...32"),
        ("via: 10.0.0.999", "invalid IPv4 address '10.0.0.999' for 'via': 999 is above 255"),
        ("distance: 0", "distance 0 is out of range; expected 1...255"),
        ("distance: 256", "distance 256 is out of range; expected 1...255"),
    ])
    func routeValues(field: String, message: String) {
        // The route sits on r2 (10.0.0.2), so its gateway is r1 across the link.
        var route = ["prefix: 10.0.0.0/8", "via: 10.0.0.1"]
        route.removeAll { $0.hasPrefix(field.prefix(while: { $0 != ":" })) }
        route.append(field)
        let yaml = Support.topology(devices: Support.twoRouters + "\n    routes:\n      - {\(route.joined(separator: ", "))}",
                                    links: Support.twoRoutersLink)
        #expect(Support.messages(yaml) == [message])
    }

    @Test func hostBitsHintSuggestsTheNetwork() throws {
        let yaml = Support.topology(devices: Support.twoRouters + "\n    routes: [{prefix: 10.1.2.3/16, via: 10.0.0.1}]",
                                    links: Support.twoRoutersLink)
        #expect(Support.diagnostics(yaml).first?.hint == "did you mean '10.1.0.0/16'?")
    }

    @Test func staticRoutesAreParsed() throws {
        let yaml = Support.topology(devices: Support.twoRouters + """

                routes:
                  - prefix: 0.0.0.0/0
                    via: 10.0.0.1
                    distance: 5
                  - {prefix: 192.168.0.0/16, interface: eth0}
            """, links: Support.twoRoutersLink)
        let routes = try #require(Support.spec(yaml).spec?.devices[1].staticRoutes, "\(Support.spec(yaml).errors)")
        #expect(routes.map(\.prefix) == [.defaultRoute, IPv4Prefix("192.168.0.0/16")!])
        #expect(routes.map(\.via) == [IPv4Address(10, 0, 0, 1), nil])
        #expect(routes.map(\.interface) == [nil, "eth0"])
        #expect(routes.map(\.distance) == [5, 1])
    }

    @Test(arguments: [
        ("soon", "invalid time 'soon' for 'at'"),
        ("converged - 5", "invalid time 'converged - 5' for 'at'; expected 'converged' or 'converged + <delay>'"),
        ("converged + fast", "invalid duration 'fast' for 'at'"),
        ("converged + -5ms", "'at' must not be negative, found '-5ms'"),
        ("-250ms", "'at' must not be negative, found '-250ms'"),
    ])
    func badScriptTimes(at: String, message: String) {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink,
                                    script: "  - {at: \(at), device: r1, command: show ip route}")
        #expect(Support.messages(yaml) == [message])
    }

    @Test func scriptTimesAreParsed() throws {
        let times: [(String, ScheduledTime)] = [
            ("converged", .afterConvergence(.zero)),
            ("converged + 100", .afterConvergence(.milliseconds(100))),
            ("converged + 2s", .afterConvergence(.seconds(2))),
            ("converged+2s", .afterConvergence(.seconds(2))),
            ("250ms", .absolute(.milliseconds(250))),
            ("2s", .absolute(.seconds(2))),
            ("40", .absolute(.milliseconds(40))),
        ]
        for (text, expected) in times {
            let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink,
                                        script: "  - {at: \(text), device: r1, command: show ip route}")
            #expect(Support.spec(yaml).spec?.script.first?.at == expected, "\(text)")
        }
    }

    @Test func missingRequiredKeysAreReported() {
        let yaml = """
            description: no name
            devices:
              - type: router
              - name: r2
              - {name: h1, type: host, interfaces: [{ip: 10.0.0.1/24}]}
            links:
              - delay: 1ms
            script:
              - {device: r2}
            """
        #expect(Support.messages(yaml) == [
            "missing required key 'name' in topology",
            "missing required key 'name' in device",
            "missing required key 'type' in device",
            "missing required key 'name' in interface",
            "missing required key 'endpoints' in link",
            "missing required key 'at' in script step",
            "missing required key 'command' in script step",
        ])
    }

    @Test func wrongContainerTypesAreReported() {
        let yaml = """
            name: t
            devices:
              - name: r1
                type: router
                interfaces: eth0
              - just a string
            links: {endpoints: [r1:eth0]}
            """
        #expect(Support.messages(yaml) == [
            "expected a list for 'interfaces', found 'eth0'",
            "expected a mapping (key: value lines) for a device, found 'just a string'",
            "expected a list for 'links', found a mapping",
        ])
    }

    @Test func unknownDeviceTypeSuggestsTheClosest() throws {
        let yaml = Support.topology(devices: "  - {name: r1, type: rotuer}")
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "unknown device type 'rotuer'; expected one of: router, host, switch")
        #expect(diagnostic.hint == "did you mean 'router'?")
    }

    @Test func emptyCommandIsReported() {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink,
                                    script: "  - {at: converged, device: r1, command: '  '}")
        #expect(Support.messages(yaml) == ["'command' must not be empty"])
    }
}
