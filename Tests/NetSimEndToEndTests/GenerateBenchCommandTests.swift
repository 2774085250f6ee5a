import Foundation
import Testing

@Suite("netsim generate and netsim bench, end to end")
struct GenerateBenchCommandTests {
    private func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("netsim-e2e-\(UUID().uuidString)\(suffix)").path
    }

    @Test("generate -o writes a file that validate accepts and run converges")
    func generateValidateRun() throws {
        let path = temporaryPath(".yaml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let generated = try NetsimBinary.run(["generate", "fat-tree", "4", "--hosts-per-edge", "1",
                                              "--random-costs", "1-30", "--seed", "3", "-o", path])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.isEmpty)
        let validated = try NetsimBinary.run(["validate", path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("OK (28 devices, 40 links, 0 script steps)"))
        let run = try NetsimBinary.run(["run", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Network converged"))
    }

    @Test("generate prints to standard output, the same bytes every time")
    func generateStdout() throws {
        let first = try NetsimBinary.run(["generate", "random", "12", "--degree", "4", "--seed", "9"])
        let second = try NetsimBinary.run(["generate", "random", "12", "--degree", "4", "--seed", "9"])
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("name: random-12-d4\n"))
        #expect(first.stdout == second.stdout)
    }

    @Test("generate writes IS-IS on request and refuses bad sizes and protocols with status 2")
    func generateRefusals() throws {
        let isis = try NetsimBinary.run(["generate", "grid", "3x3", "--protocol", "isis"])
        #expect(isis.status == 0)
        #expect(isis.stdout.contains("isis: { net: \"49.0001.0000.0000.0009.00\", level: l2 }"))
        #expect(isis.stdout.contains("isis: { metric: 10 }"))
        let unknown = try NetsimBinary.run(["generate", "grid", "3x3", "--protocol", "rip"])
        #expect(unknown.status == 2)
        let size = try NetsimBinary.run(["generate", "fat-tree", "5"])
        #expect(size.status == 2)
        #expect(size.stderr.contains("even k"))
    }

    @Test("bench runs a tiny scenario: a row with ok, the machine, status 0")
    func benchText() throws {
        let output = try NetsimBinary.run(["bench", "--scenario", "grid-3x3", "--scenario", "ring-6"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("machine: "))
        let rows = output.stdout.split(separator: "\n").filter { $0.hasPrefix("ospf-") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("ok (") })
        #expect(output.stderr.contains("running to convergence"))
    }

    @Test("bench --format json is one document with the figures")
    func benchJSON() throws {
        let output = try NetsimBinary.run(["bench", "--scenario", "sp-core-8", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let scenarios = document?["scenarios"] as? [[String: Any]]
        #expect(scenarios?.count == 1)
        #expect(scenarios?.first?["scenario"] as? String == "ospf-sp-core-8")
        #expect(scenarios?.first?["passed"] as? Bool == true)
        #expect((scenarios?.first?["events"] as? Int ?? 0) > 0)
    }

    @Test("bench refuses an unknown scenario with status 2; --list names the standard ones")
    func benchScenarios() throws {
        let unknown = try NetsimBinary.run(["bench", "--scenario", "torus-3"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown scenario 'torus-3'"))
        let list = try NetsimBinary.run(["bench", "--list"])
        #expect(list.stdout.contains("ospf-grid-100x100 (heavy)"))
        #expect(list.stdout.contains("ospf-ring-1000\n"))
    }
}
