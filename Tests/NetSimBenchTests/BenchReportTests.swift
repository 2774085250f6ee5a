import NetSimGenerators
import NetSimCommands
import NetSimRouting
import Testing
@testable import NetSimBench

@Suite("Bench report rendering")
struct BenchReportTests {
    static let sample = BenchResult(
        scenario: "ospf-grid-10x10", routers: 100, links: 180, outcome: .converged(.milliseconds(21_060)),
        generateSeconds: 0.002, buildSeconds: 0.004, convergeSeconds: 0.5, events: 90_000,
        peakResidentBytes: 50 << 20, floorSeconds: 0.001,
        check: RoutingCheck.Outcome(checked: 18_000, failures: 0, examples: []))

    @Test("a text row carries every figure, aligned under the header")
    func textRow() {
        let row = BenchReport.row(Self.sample)
        for figure in ["ospf-grid-10x10", "100", "180", "2.0ms", "4.0ms", "500.0ms", "21.06s", "90.0k", "180.0k",
                       "50 MiB", "512.0 KiB", "1.0ms", "500x", "ok (18000 routes)"] {
            #expect(row.contains(figure), "\(figure) in \(row)")
        }
        #expect(BenchReport.header.hasPrefix("scenario"))
        #expect(row.range(of: "21.06s")?.lowerBound.utf16Offset(in: row)
                == BenchReport.header.range(of: "sim time")?.lowerBound.utf16Offset(in: BenchReport.header))
    }

    @Test("failures say why")
    func failures() {
        var wrong = Self.sample
        wrong.check = RoutingCheck.Outcome(checked: 10, failures: 1, examples: ["r1 has no route to 10.0.0.4/31"])
        #expect(BenchReport.verdict(wrong) == "FAILED: 1 of 10 routes wrong, e.g. r1 has no route to 10.0.0.4/31")
        #expect(!wrong.passed)
        var stopped = Self.sample
        stopped.outcome = .stopped(reason: "memory limit of 16.00 GiB", at: .seconds(12))
        #expect(BenchReport.verdict(stopped) == "FAILED: stopped by the memory limit of 16.00 GiB at t=12.00s simulated")
        #expect(stopped.floorRatio == nil)
    }

    @Test("JSON carries the raw figures")
    func json() throws {
        let document = BenchReport.json([Self.sample], buildConfiguration: "release")
        guard case .object(let top) = document, case .array(let scenarios)? = top["scenarios"],
              case .object(let first)? = scenarios.first else {
            Issue.record("unexpected shape: \(document.compact)")
            return
        }
        #expect(first["routers"] == .int(100))
        #expect(first["bytesPerRouter"] == .int(Int64((50 << 20) / 100)))
        #expect(first["simulatedConvergenceMilliseconds"] == .double(21_060))
        #expect(first["passed"] == .bool(true))
        #expect(first["floorRatio"] == .double(500))
    }

    @Test("memory figures come from /proc on Linux")
    func memory() {
        #if os(Linux)
        #expect((MemoryStatus.peakResidentBytes ?? 0) > 1 << 20)
        #expect((MemoryStatus.residentBytes ?? 0) > 1 << 20)
        #expect(MemoryStatus.resetPeak())
        #expect(MemoryStatus.processor != nil)
        #endif
    }

    @Test("standard scenarios by name, one-off shapes by shape name, unknown names refused")
    func scenarios() throws {
        let shapes = ["grid-10x10", "grid-32x32", "grid-100x100", "fat-tree-8", "fat-tree-16", "fat-tree-32", "ring-1000"]
        #expect(BenchScenario.standard.map(\.name) == shapes.map { "ospf-" + $0 } + shapes.map { "isis-" + $0 }
            + ["bgp-as-graph-100", "bgp-as-graph-1000", "bgp-as-graph-2000"])
        #expect(BenchScenario.standard.filter(\.heavy).map(\.name) == [
            "ospf-grid-100x100", "ospf-fat-tree-32", "isis-grid-100x100", "isis-fat-tree-32", "bgp-as-graph-2000",
        ])
        #expect(try BenchScenario.named("grid-100x100").heavy)
        #expect(try BenchScenario.named("grid-100x100").options.routingProtocol == .ospf)
        #expect(try BenchScenario.named("isis-fat-tree-8").options.routingProtocol == .isis)
        #expect(try BenchScenario.named("ospf-grid-3x3").shape == .grid(rows: 3, columns: 3))
        let oneOff = try BenchScenario.named("isis-ring-5")
        #expect(oneOff.name == "isis-ring-5" && oneOff.options.routingProtocol == .isis)
        #expect(throws: (any Error).self) { try BenchScenario.named("moebius-3") }
        // An as-graph runs BGP, named with or without the protocol.
        #expect(try BenchScenario.named("as-graph-1000") == BenchScenario.named("bgp-as-graph-1000"))
        #expect(try BenchScenario.named("as-graph-30").options.routingProtocol == .bgp)
        #expect(throws: GeneratorError.self) { try BenchRunnerProbe.generate("ospf-as-graph-30") }
    }
}

/// Generates a named scenario's topology, as the runner does.
private enum BenchRunnerProbe {
    static func generate(_ name: String) throws {
        let scenario = try BenchScenario.named(name)
        _ = try TopologyGenerator.generate(scenario.shape, options: scenario.options)
    }
}
