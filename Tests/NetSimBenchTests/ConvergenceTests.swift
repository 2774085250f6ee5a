import NetSimGenerators
import Testing
@testable import NetSimBench

@Suite("Small generated networks converge with every route right")
struct ConvergenceTests {
    @Test("each kind converges, and every router reaches every prefix at the floor's cost", arguments: [
        BenchScenario(shape: .grid(rows: 3, columns: 3)),
        BenchScenario(shape: .fatTree(k: 4)),
        BenchScenario(shape: .ring(count: 6)),
        BenchScenario(shape: .random(count: 10, degree: 3)),
        BenchScenario(shape: .spCore(count: 8)),
        BenchScenario(shape: .leafSpine(spines: 2, leaves: 3), options: GeneratorOptions(hostsPerEdge: 2)),
        BenchScenario(shape: .grid(rows: 2, columns: 3), options: GeneratorOptions(linkPrefixLength: 30)),
        BenchScenario(shape: .grid(rows: 3, columns: 3), options: GeneratorOptions(routingProtocol: .isis)),
        BenchScenario(shape: .fatTree(k: 4), options: GeneratorOptions(routingProtocol: .isis)),
        BenchScenario(shape: .leafSpine(spines: 2, leaves: 3), options: GeneratorOptions(routingProtocol: .isis,
                                                                                      hostsPerEdge: 2)),
        // eBGP: every AS's best path must be the unique Gao-Rexford outcome (BGPRoutingCheck).
        BenchScenario(shape: .asGraph(count: 25), options: GeneratorOptions(routingProtocol: .bgp)),
        BenchScenario(shape: .asGraph(count: 12), options: GeneratorOptions(routingProtocol: .bgp, hostsPerEdge: 1,
                                                                             linkPrefixLength: 30, seed: 3)),
    ])
    func converges(scenario: BenchScenario) throws {
        let result = BenchRunner.run(scenario)
        guard case .converged = result.outcome else {
            Issue.record("\(scenario.name): \(BenchReport.verdict(result))")
            return
        }
        let check = try #require(result.check)
        #expect(check.passed, "\(check.examples)")
        let graph = FloorGraph(try TopologyGenerator.generate(scenario.shape, options: scenario.options))
        // IS-IS routers' and ASes' own prefixes are connected routes, not checked.
        let own = graph.prefixes.map(\.owners.count).reduce(0, +)
        let expected = graph.nodeCount * graph.prefixes.count - (scenario.options.routingProtocol == .ospf ? 0 : own)
        #expect(check.checked == expected)
        #expect(result.events > 0)
        #expect(result.floorSeconds != nil)
    }

    @Test("the floor SPF agrees with OSPF's metrics on a grid with random costs (ECMP and all)", arguments: [1, 2, 3])
    func floorAgreesWithOSPF(seed: UInt64) throws {
        let scenario = BenchScenario(shape: .grid(rows: 4, columns: 5),
                                     options: GeneratorOptions(costs: .random(low: 1, high: 20), hostsPerEdge: 1, seed: seed))
        let result = BenchRunner.run(scenario)
        let check = try #require(result.check)
        #expect(check.passed, "\(check.examples)")
        #expect(check.checked == 20 * (31 + 20))
    }

    @Test("runs with 1 and 2 threads end with the same state digest; another network gives another")
    func digestAcrossThreads() throws {
        let scenario = BenchScenario(shape: .grid(rows: 4, columns: 4),
                                     options: GeneratorOptions(costs: .random(low: 1, high: 20), seed: 4))
        let one = BenchRunner.run(scenario, threads: 1)
        let two = BenchRunner.run(scenario, threads: 2)
        #expect(one.threads == 1 && two.threads == 2)
        let digest = try #require(one.stateDigest)
        #expect(two.stateDigest == digest)
        #expect(one.events == two.events && one.outcome == two.outcome)
        let other = BenchRunner.run(BenchScenario(shape: .grid(rows: 4, columns: 4),
                                                  options: GeneratorOptions(costs: .random(low: 1, high: 20), seed: 5)))
        #expect(other.stateDigest != digest)
    }

    @Test("the floor SPF agrees with IS-IS's metrics on a grid with random costs", arguments: [1, 2])
    func floorAgreesWithISIS(seed: UInt64) throws {
        let scenario = BenchScenario(shape: .grid(rows: 4, columns: 5),
                                     options: GeneratorOptions(routingProtocol: .isis, costs: .random(low: 1, high: 20),
                                                               hostsPerEdge: 1, seed: seed))
        let result = BenchRunner.run(scenario)
        let check = try #require(result.check)
        #expect(check.passed, "\(check.examples)")
        // 20 routers x 51 prefixes, less each router's own (31 links have two owners, 20 LANs one).
        #expect(check.checked == 20 * 51 - (31 * 2 + 20))
    }

    @Test("a run stopped by its wall-time limit is reported as FAILED with where it stopped")
    func stopped() {
        let limits = BenchRunner.Limits(wallSeconds: 0, progressEvery: 0)
        var messages: [String] = []
        let result = BenchRunner.run(BenchScenario(shape: .grid(rows: 3, columns: 3)), limits: limits) { messages.append($0) }
        #expect(!result.passed)
        #expect(BenchReport.verdict(result).hasPrefix("FAILED: stopped by the wall-time limit of 0s at t="))
        #expect(result.check == nil)
        #expect(messages.contains { $0.contains("events") })
    }
}
