import NetSimRouting

/// What one scenario measured. Wall times are seconds of this process's clock; figures the run
/// did not reach (a scenario stopped before convergence) are nil.
public struct BenchResult: Sendable, Equatable, Codable {
    public enum Outcome: Sendable, Equatable {
        /// Converged at this simulated time.
        case converged(SimTime)
        /// Stopped before converging: why, and the simulated time reached.
        case stopped(reason: String, at: SimTime)
        /// The scenario could not be generated or built.
        case invalid(String)
    }

    public var scenario: String
    /// `Simulation.workerThreads` of the run.
    public var threads: Int = 1
    public var routers: Int
    public var links: Int
    public var outcome: Outcome
    /// Generating the topology and validating it.
    public var generateSeconds: Double
    /// `SimulationBuilder.build`: devices, links, OSPF configuration.
    public var buildSeconds: Double
    /// From `start()` to the moment the network counts as converged (or the run stopped).
    public var convergeSeconds: Double
    public var events: UInt64
    /// VmHWM after the run, reset before the scenario started (process-wide).
    public var peakResidentBytes: UInt64?
    /// VmRSS when the scenario started: what the process held before generating anything.
    public var baselineResidentBytes: UInt64?
    /// One Dijkstra from every router over the topology.
    public var floorSeconds: Double?
    public var check: RoutingCheck.Outcome?
    /// Instants whose device events ran on more than one thread (`Simulation.instantsRunInParallel`).
    public var parallelInstants: UInt64 = 0
    /// `StateDigest` of the converged run.
    public var stateDigest: UInt64?
    /// Set when a run of the same scenario with another thread count ended differently.
    public var threadMismatch: String?

    public init(scenario: String, routers: Int = 0, links: Int = 0, outcome: Outcome, generateSeconds: Double = 0,
                buildSeconds: Double = 0, convergeSeconds: Double = 0, events: UInt64 = 0,
                peakResidentBytes: UInt64? = nil, floorSeconds: Double? = nil, check: RoutingCheck.Outcome? = nil) {
        self.scenario = scenario
        self.routers = routers
        self.links = links
        self.outcome = outcome
        self.generateSeconds = generateSeconds
        self.buildSeconds = buildSeconds
        self.convergeSeconds = convergeSeconds
        self.events = events
        self.peakResidentBytes = peakResidentBytes
        self.floorSeconds = floorSeconds
        self.check = check
    }

    public var eventsPerSecond: Double? { convergeSeconds > 0 ? Double(events) / convergeSeconds : nil }

    public var bytesPerRouter: UInt64? {
        guard let peak = peakResidentBytes, routers > 0 else { return nil }
        return peak / UInt64(routers)
    }

    /// Convergence wall time over the floor: how many all-roots Dijkstras the run costs.
    public var floorRatio: Double? {
        guard let floor = floorSeconds, floor > 0, case .converged = outcome else { return nil }
        return convergeSeconds / floor
    }

    /// Converged, and the routing check (when it ran) passed.
    public var passed: Bool {
        guard case .converged = outcome, threadMismatch == nil else { return false }
        return check?.passed ?? true
    }
}
