import Foundation
import NetSimEngine
import NetSimRouting
import NetSimTopology
import NetSimWire
import Testing
@testable import NetSimGenerators

/// Runs with one worker thread and with several must agree exactly (ADR 0024): every log line,
/// every frame a capture sees (time, place, direction, bytes), the event count, the convergence
/// time, every router's selected routes and every link's counters, across OSPF, IS-IS, BGP over
/// TCP, lossy links, an operator's change mid-run and a ping (which runs events one by one).
@Suite("Parallel instants: any number of threads gives the one-thread run")
struct ParallelRunTests {
    /// Everything a run shows, in the order it showed it.
    struct Observed: Equatable {
        var log: [LogEntry] = []
        var frames: [CapturedFrame] = []
        var events: UInt64 = 0
        var convergedAt: SimTime?
        var routes: [[String]] = []
        var linkCounters: [[UInt64]] = []
        var ping: PingReport?
    }

    static func spec(_ shape: TopologyShape, _ options: GeneratorOptions, loss: Double = 0) throws -> TopologySpec {
        var spec = try TopologyGenerator.generate(shape, options: options)
        if loss > 0 {
            for index in spec.links.indices where index % 3 == 0 { spec.links[index].lossPercent = loss }
        }
        #expect(TopologyValidator.validate(spec).isEmpty)
        return spec
    }

    /// A topology file of the repository, by its path from the repository's root.
    static func file(_ relativePath: String) throws -> TopologySpec {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../\(relativePath)").standardized.path
        return try TopologyLoader.load(path: path).get()
    }

    /// Runs to convergence, shuts the first link's first interface, runs to reconvergence and
    /// pings across the network (when it has at least two routers with addresses).
    static func observe(_ spec: TopologySpec, threads: Int, seed: UInt64 = 7) -> (Observed, parallel: UInt64) {
        var seen = Observed()
        let simulation = SimulationBuilder.build(spec, seed: seed)
        simulation.workerThreads = threads
        simulation.logHandler = { seen.log.append($0) }
        simulation.frameObserver = { seen.frames.append($0) }
        simulation.start()
        _ = simulation.run(until: .seconds(300)) { simulation.convergedAt != nil }
        let first = spec.links[0].endpoints[0]
        let device = simulation.device(named: first.device)!
        simulation.setAdminState(device: device.id, interface: device.interfaceIndex(named: first.interface)!, up: false)
        _ = simulation.run(until: simulation.now + .seconds(120))
        let endpoints = simulation.devices.filter(\.hasIPStack)
        if let from = endpoints.first, let target = endpoints.last?.interfaces.compactMap(\.address).last?.address {
            let session = simulation.startPing(device: from.id, target: target, count: 3)
            _ = simulation.run(until: simulation.now + .seconds(30)) { simulation.isProbeFinished(session) }
            seen.ping = simulation.pingReport(session)
        }
        seen.events = simulation.eventsProcessed
        seen.convergedAt = simulation.convergedAt
        seen.routes = simulation.devices.map { device in
            device.rib.fib.routes.map { "\($0.prefix) \($0.source) \($0.distance)/\($0.metric) \($0.nextHops)" }
        }
        seen.linkCounters = simulation.links.map { [$0.framesCarried, $0.framesLost] }
        return (seen, simulation.instantsRunInParallel)
    }

    static func expectSameRuns(_ spec: TopologySpec, threads: [Int] = [2, 3, 8]) {
        let (serial, serialParallel) = observe(spec, threads: 1)
        #expect(serialParallel == 0)
        #expect(serial.convergedAt != nil)
        #expect(serial.ping != nil)
        for count in threads {
            let (run, parallel) = observe(spec, threads: count)
            // The parallel path must actually have been taken for the comparison to mean anything.
            #expect(parallel > 0, "\(count) threads never ran an instant in parallel")
            #expect(Self.firstDifference(run.log, serial.log) == nil, "\(count) threads: the event log differs")
            #expect(Self.firstDifference(run.frames, serial.frames) == nil, "\(count) threads: the frames differ")
            #expect(run.events == serial.events)
            #expect(run.convergedAt == serial.convergedAt)
            #expect(run.routes == serial.routes, "\(count) threads: the routing tables differ")
            #expect(run.linkCounters == serial.linkCounters)
            #expect(run.ping == serial.ping)
        }
    }

    /// Where two sequences first part, briefly (the whole of a long log would bury it).
    static func firstDifference<Element: Equatable>(_ run: [Element], _ serial: [Element]) -> String? {
        guard run != serial else { return nil }
        let index = zip(run, serial).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(run.count, serial.count)
        let got = index < run.count ? "\(run[index])" : "nothing"
        let expected = index < serial.count ? "\(serial[index])" : "nothing"
        return "#\(index) of \(serial.count): \(got), one thread: \(expected)"
    }

    @Test("OSPF grid with hosts and random costs")
    func ospfGrid() throws {
        Self.expectSameRuns(try Self.spec(.grid(rows: 4, columns: 5),
                                          GeneratorOptions(costs: .random(low: 1, high: 20), hostsPerEdge: 1, seed: 3)))
    }

    @Test("IS-IS fat tree with equal-cost paths")
    func isisFatTree() throws {
        Self.expectSameRuns(try Self.spec(.fatTree(k: 4), GeneratorOptions(routingProtocol: .isis)))
    }

    @Test("OSPF over lossy links: loss draws come in the one-thread order")
    func lossyLinks() throws {
        let spec = try Self.spec(.random(count: 12, degree: 3), GeneratorOptions(seed: 5), loss: 10)
        Self.expectSameRuns(spec)
    }

    @Test("BGP over TCP across three autonomous systems with policies")
    func bgp() throws {
        Self.expectSameRuns(try Self.file("examples/bgp-multi-as.yaml"))
    }

    @Test("OSPF on segments through switches, with a designated router election")
    func switchedSegments() throws {
        Self.expectSameRuns(try Self.file("Tests/FRRDifferential/topologies/ospf-broadcast.yaml"))
    }
}
