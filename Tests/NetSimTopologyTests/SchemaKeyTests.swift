import Testing
@testable import NetSimTopology

/// Unknown keys at every level, and schema keys whose features are not implemented yet.
@Suite struct SchemaKeyTests {
    typealias Support = TopologyTestSupport

    @Test func unknownInterfaceKeyListsAllowedKeysAndSuggestsTheClosest() throws {
        let yaml = Support.topology(devices: """
              - name: h1
                type: host
                interfaces:
                  - name: eth0
                    ipp: 10.0.0.1/24
            """)
        let diagnostics = Support.diagnostics(yaml)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.message
            == "unknown key 'ipp' in interface; expected one of: name, ip, gateway, vlan, trunk, shutdown, ospf, isis")
        #expect(diagnostic.hint == "did you mean 'ip'?")
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 7, column: 9))
        #expect(diagnostic.description == """
            test.yaml:7:9: error: unknown key 'ipp' in interface; expected one of: name, ip, gateway, vlan, \
            trunk, shutdown, ospf, isis
              hint: did you mean 'ip'?
            """)
    }

    @Test(arguments: [
        ("nmae: t\ndevices: []\n", "unknown key 'nmae' in topology", "did you mean 'name'?"),
        ("name: t\ndevices:\n  - name: r1\n    tpye: router\n", "unknown key 'tpye' in device",
         "did you mean 'type'?"),
        ("name: t\ndevices: []\nlinks:\n  - endpoints: [a:b, c:d]\n    dealy: 1ms\n", "unknown key 'dealy' in link",
         "did you mean 'delay'?"),
        ("name: t\ndevices:\n  - {name: r1, type: router, routes: [{prefix: 0.0.0.0/0, vai: 10.0.0.1}]}\n",
         "unknown key 'vai' in static route", "did you mean 'via'?"),
        ("name: t\ndevices: []\nscript:\n  - {at: converged, device: r1, comand: x}\n",
         "unknown key 'comand' in script step", "did you mean 'command'?"),
    ])
    func unknownKeysAreReportedAtEveryLevel(yaml: String, message: String, hint: String) throws {
        let diagnostic = try #require(Support.diagnostics(yaml).first { $0.message.hasPrefix("unknown key") })
        #expect(diagnostic.message.hasPrefix(message + "; expected one of: "))
        #expect(diagnostic.hint == hint)
    }

    @Test func farFetchedKeyGetsNoSuggestion() throws {
        let diagnostic = try #require(Support.diagnostics("name: t\ndevices: []\ncolour: blue\n").first {
            $0.message.hasPrefix("unknown key")
        })
        #expect(diagnostic.message
            == "unknown key 'colour' in topology; expected one of: name, description, policies, devices, links, script")
        #expect(diagnostic.hint == nil)
    }

    @Test func everyNotYetSupportedKeyIsReportedWhereItIs() {
        for key in TopologySchema.notYetSupportedKeys {
            let yaml = Support.topology(devices: """
                  - name: r1
                    type: router
                    \(key): {}
                    interfaces:
                      - name: eth0
                        \(key): {}
                """) + "\(key): []\n"
            let diagnostics = Support.diagnostics(yaml)
            let expected = "'\(key)' is not supported yet in this netsim version"
            #expect(diagnostics.map(\.message) == [expected, expected, expected], "\(key)")
            #expect(diagnostics.map(\.location.line) == [5, 8, 9], "\(key)")
            #expect(diagnostics.map(\.location.column) == [5, 9, 1], "\(key)")
        }
    }

    @Test func topLevelPoliciesMustBeAMapping() {
        let yaml = Support.topology(devices: Support.twoRouters, links: Support.twoRoutersLink)
            + "policies:\n  - name: p1\n"
        #expect(Support.messages(yaml) == ["expected a mapping (key: value lines) for a 'policies' block, found a list"])
    }

    @Test func nonScalarKeyIsReported() {
        let messages = Support.messages("name: t\ndevices: []\n? [a, b]\n: c\n")
        #expect(messages.contains("expected a plain key in topology, found a list"))
    }
}
