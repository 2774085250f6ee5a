import NetSimEngine
import NetSimGenerators
import NetSimRouting
import NetSimTopology

/// Runs one scenario: generate, validate, build, start and run to convergence (no script), then
/// the floor and the routing check. Memory is read from /proc (process-wide; the peak is reset
/// before each scenario, and the previous scenario's simulation is gone by then).
public enum BenchRunner {
    public struct Limits: Sendable {
        /// Wall seconds the run to convergence may take before it is stopped.
        public var wallSeconds: Double
        /// Resident memory at which the run is stopped.
        public var residentBytes: UInt64
        /// Simulated time at which an unconverged run gives up.
        public var simulatedUntil: SimTime
        /// Wall seconds between progress reports.
        public var progressEvery: Double

        public init(wallSeconds: Double = 900, residentBytes: UInt64 = 16 << 30, simulatedUntil: SimTime = .seconds(3600),
                    progressEvery: Double = 10) {
            self.wallSeconds = wallSeconds
            self.residentBytes = residentBytes
            self.simulatedUntil = simulatedUntil
            self.progressEvery = progressEvery
        }
    }

    /// Runs `scenario` with `threads` worker threads (`Simulation.workerThreads`).
    public static func run(_ scenario: BenchScenario, limits: Limits = Limits(), threads: Int = 1, checkRoutes: Bool = true,
                           progress: (String) -> Void = { _ in }) -> BenchResult {
        MemoryStatus.resetPeak()
        let baseline = MemoryStatus.residentBytes
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { mark = now }
            return (now - mark).seconds
        }
        let spec: TopologySpec
        do {
            spec = try TopologyGenerator.generate(scenario.shape, options: scenario.options)
        } catch {
            return BenchResult(scenario: scenario.name, outcome: .invalid(error.message))
        }
        let problems = TopologyValidator.validate(spec)
        guard problems.isEmpty else {
            return BenchResult(scenario: scenario.name, outcome: .invalid("generated topology does not validate: \(problems[0])"))
        }
        var result = BenchResult(scenario: scenario.name, routers: spec.devices.count { $0.kind == .router },
                                 links: spec.links.count, outcome: .invalid("not run"), generateSeconds: lap())
        result.baselineResidentBytes = baseline
        progress("\(scenario.name): \(result.routers) routers, \(result.links) links generated; building")
        let simulation = SimulationBuilder.build(spec)
        simulation.workerThreads = threads
        result.threads = threads
        result.buildSeconds = lap()
        progress("\(scenario.name): built; running to convergence")
        var stopReason: String?
        var countdown = 0
        var nextReport = limits.progressEvery
        simulation.start()
        let outcome = simulation.run(until: limits.simulatedUntil) {
            if simulation.convergedAt != nil { return true }
            countdown -= 1
            guard countdown <= 0 else { return false }
            countdown = 4096
            let elapsed = (clock.now - mark).seconds
            if elapsed >= nextReport {
                nextReport += limits.progressEvery
                progress("\(scenario.name): \(Int(elapsed))s wall, t=\(simulation.now) simulated, "
                         + "\(simulation.eventsProcessed) events, \(BenchFormat.bytes(MemoryStatus.residentBytes)) resident")
            }
            if elapsed >= limits.wallSeconds {
                stopReason = "wall-time limit of \(Int(limits.wallSeconds))s"
            } else if let resident = MemoryStatus.residentBytes, resident >= limits.residentBytes {
                stopReason = "memory limit of \(BenchFormat.bytes(limits.residentBytes))"
            }
            return stopReason != nil
        }
        result.convergeSeconds = lap()
        result.events = simulation.eventsProcessed
        result.parallelInstants = simulation.instantsRunInParallel
        result.peakResidentBytes = MemoryStatus.peakResidentBytes
        if let converged = simulation.convergedAt {
            result.outcome = .converged(converged)
            result.stateDigest = StateDigest.of(simulation)
        } else {
            let reason = stopReason ?? (outcome == .exhaustedEventBudget ? "event budget" : "reached t=\(limits.simulatedUntil)")
            result.outcome = .stopped(reason: reason, at: simulation.now)
        }
        progress("\(scenario.name): \(result.passed ? "converged" : "stopped") after \(BenchFormat.seconds(result.convergeSeconds)); "
                 + "computing the floor")
        let graph = FloorGraph(spec)
        _ = lap()
        let checksum = FloorSPF.allRoots(graph)
        result.floorSeconds = lap()
        precondition(checksum > 0 || graph.nodeCount < 2, "the floor computed nothing")
        if checkRoutes, case .converged = result.outcome {
            progress("\(scenario.name): checking every router's routes")
            if scenario.options.routingProtocol == .bgp, let shape = try? scenario.shape.graph(seed: scenario.options.seed) {
                result.check = BGPRoutingCheck.verify(simulation, spec: spec, graph: shape)
            } else {
                result.check = RoutingCheck.verify(simulation, graph: graph)
            }
        }
        return result
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
