import Foundation
import Testing

@Suite("netsim validate, end to end")
struct ValidateCommandTests {
    private func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("netsim-e2e-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a valid example is accepted")
    func validExample() throws {
        let output = try NetsimBinary.run(["validate", NetsimBinary.example("static-triangle.yaml")])
        #expect(output.status == 0)
        #expect(output.stdout.contains("OK (5 devices, 5 links, 4 script steps)"))
    }

    @Test("an undeclared interface in a link is rejected with status 2, naming it and its location")
    func undeclaredInterface() throws {
        let path = try write("""
            name: t
            devices:
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24 }
              - name: r3
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.3/24 }
            links:
              - endpoints: [r1:eth0, r3:eth2]
            """)
        let output = try NetsimBinary.run(["validate", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path):12:"))
        #expect(output.stderr.contains("r3:eth2"))
        #expect(output.stderr.contains("device 'r3' has no interface 'eth2'"))
    }

    @Test("a script command the console does not understand is reported before the run")
    func badScriptCommand() throws {
        let path = try write("""
            name: t
            devices:
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24 }
            script:
              - at: converged
                device: r1
                command: show ip rooute
            """)
        let output = try NetsimBinary.run(["run", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path):8:"))
        #expect(output.stderr.contains("unknown word 'rooute'"))
        #expect(output.stdout.isEmpty)
    }

    @Test("protocol blocks that are not implemented are refused, not ignored")
    func unsupportedProtocol() throws {
        let path = try write("""
            name: t
            devices:
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24, mpls: { ldp: true } }
            """)
        let output = try NetsimBinary.run(["validate", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("'mpls' is not supported yet"))
    }

    @Test("a missing file is a clear error")
    func missingFile() throws {
        let output = try NetsimBinary.run(["validate", "/nonexistent/topology.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/topology.yaml"))
    }
}
