import NetSimEngine
import NetSimRouting

/// A console command scheduled in a run: at an absolute simulated time, or relative to the
/// moment the network converged.
public struct ScriptedCommand: Sendable, Equatable {
    public var at: ScheduledTime
    public var device: String
    public var command: String

    public init(at: ScheduledTime, device: String, command: String) {
        self.at = at
        self.device = device
        self.command = command
    }
}

/// The finished result of one scripted command.
public struct ScriptResult: Sendable, Equatable {
    public var device: String
    public var command: String
    public var startedAt: SimTime
    public var finishedAt: SimTime
    public var result: CommandResult
}

/// What a run reports as it goes: event-log lines and command results, in the order they happen.
public enum ScenarioEvent: Sendable, Equatable {
    case log(LogEntry)
    case command(ScriptResult)
}

/// Drives a simulation through a script, the way `netsim run` does.
///
/// ```
///   start --> waiting for convergence --converged--> running script --all done--> finished
///                    |                                      |
///                    +---- --until / event budget hit ------+--> failed (did not converge / finish)
/// ```
/// Commands due at the same time start in script order. A command that runs in simulated time
/// (ping, traceroute) is reported when it finishes, stamped with the time it started.
public final class ScenarioRunner {
    public struct Limits: Sendable {
        /// Simulated time at which an unfinished run gives up.
        public var until: SimTime
        /// Events at which an unfinished run gives up.
        public var maxEvents: UInt64

        public init(until: SimTime = .seconds(3600), maxEvents: UInt64 = 50_000_000) {
            self.until = until
            self.maxEvents = maxEvents
        }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case didNotConverge(at: SimTime, lastChange: SimTime, reason: String)
        case scriptDidNotFinish(at: SimTime, pending: [String], reason: String)

        public var description: String {
            switch self {
            case let .didNotConverge(at, lastChange, reason):
                "network did not converge by t=\(at) (\(reason); last state change at t=\(lastChange))"
            case let .scriptDidNotFinish(at, pending, reason):
                "script did not finish by t=\(at) (\(reason)); still waiting for: \(pending.joined(separator: "; "))"
            }
        }
    }

    public struct Summary: Sendable, Equatable {
        public var simulatedTime: SimTime
        public var convergedAt: SimTime?
        public var events: UInt64
        /// What IS-IS did, summed over its routers; nil when no router runs it.
        public var isis: ISISActivity?
        /// What BGP did, summed over its speakers; nil when no router runs it.
        public var bgp: BGPActivity?

        public init(simulatedTime: SimTime, convergedAt: SimTime?, events: UInt64, isis: ISISActivity? = nil,
                    bgp: BGPActivity? = nil) {
            self.simulatedTime = simulatedTime
            self.convergedAt = convergedAt
            self.events = events
            self.isis = isis
            self.bgp = bgp
        }
    }

    /// Sessions that reached Established (each end counts its own), routes originated (best
    /// local paths: networks and redistributed routes) and UPDATEs sent (End-of-RIB included),
    /// over every BGP speaker of a run.
    public struct BGPActivity: Sendable, Equatable {
        public var sessionsEstablished: Int
        public var routesOriginated: Int
        public var updatesSent: Int
    }

    /// Hellos and LSPs sent and SPF runs, over every IS-IS router of a run.
    public struct ISISActivity: Sendable, Equatable {
        public var hellos: Int
        public var lsps: Int
        public var spfRuns: Int
    }

    private let simulation: Simulation
    private let script: [ScriptedCommand]
    private let processor: CommandProcessor
    private let limits: Limits
    private var emit: (ScenarioEvent) -> Void = { _ in }
    private var tokenToStep: [Int: Int] = [:]
    private var done = Set<Int>()
    private var running: [(step: Int, started: SimTime, command: PendingCommand)] = []
    private var convergenceStepsScheduled = false

    public init(simulation: Simulation, script: [ScriptedCommand], processor: CommandProcessor = CommandProcessor(),
                limits: Limits = Limits()) {
        self.simulation = simulation
        self.script = script
        self.processor = processor
        self.limits = limits
    }

    /// Runs to the end of the script (or to convergence when the script is empty).
    public func run(emit: @escaping (ScenarioEvent) -> Void) -> Result<Summary, Failure> {
        self.emit = emit
        simulation.logHandler = { emit(.log($0)) }
        simulation.wakeUpHandler = { [unowned self] token in
            if let step = tokenToStep.removeValue(forKey: token) { startStep(step) }
        }
        simulation.probeCompletionHandler = { [unowned self] _ in collectFinished() }
        defer {
            simulation.logHandler = nil
            simulation.wakeUpHandler = nil
            simulation.probeCompletionHandler = nil
        }
        simulation.start()
        for (index, step) in script.enumerated() {
            if case .absolute(let time) = step.at { tokenToStep[simulation.scheduleWakeUp(at: time)] = index }
        }
        let needsConvergence = script.isEmpty || script.contains { if case .afterConvergence = $0.at { true } else { false } }
        let outcome = simulation.run(until: limits.until, maxEvents: limits.maxEvents) { [unowned self] in
            if let converged = simulation.convergedAt, !convergenceStepsScheduled {
                convergenceStepsScheduled = true
                for (index, step) in script.enumerated() {
                    if case .afterConvergence(let offset) = step.at {
                        tokenToStep[simulation.scheduleWakeUp(at: converged + offset)] = index
                    }
                }
            }
            return done.count == script.count && (!needsConvergence || simulation.convergedAt != nil)
        }
        let routers = simulation.devices.compactMap(\.isis)
        let isis = routers.isEmpty ? nil : ISISActivity(hellos: routers.reduce(0) { $0 + $1.hellosSent },
                                                         lsps: routers.reduce(0) { $0 + $1.lspsSent },
                                                         spfRuns: routers.reduce(0) { $0 + $1.spfRuns })
        let speakers = simulation.devices.compactMap(\.bgp)
        let bgp = speakers.isEmpty ? nil : BGPActivity(
            sessionsEstablished: speakers.reduce(0) { $0 + $1.peerViews.reduce(0) { $0 + $1.sessionsEstablished } },
            routesOriginated: speakers.reduce(0) { total, speaker in
                total + speaker.locRIBView.filter { $0.paths.contains { $0.best && $0.source.isLocal } }.count
            },
            updatesSent: speakers.reduce(0) { $0 + $1.peerViews.reduce(0) { $0 + ($1.messagesSent[.update] ?? 0) } })
        let summary = Summary(simulatedTime: simulation.now, convergedAt: simulation.convergedAt,
                              events: simulation.eventsProcessed, isis: isis, bgp: bgp)
        guard outcome != .stopped else { return .success(summary) }
        let reason = outcome == .exhaustedEventBudget
            ? "event budget of \(limits.maxEvents) exhausted" : "reached --until \(limits.until)"
        if needsConvergence && simulation.convergedAt == nil {
            return .failure(.didNotConverge(at: simulation.now, lastChange: simulation.lastStateChange, reason: reason))
        }
        let pending = script.indices.filter { !done.contains($0) }.map { "\(script[$0].device)> \(script[$0].command)" }
        return .failure(.scriptDidNotFinish(at: simulation.now, pending: pending, reason: reason))
    }

    private func startStep(_ index: Int) {
        let step = script[index]
        switch processor.start(step.command, device: step.device, in: simulation) {
        case .finished(let result):
            finish(index, started: simulation.now, result: result)
        case .running(let pending):
            running.append((index, simulation.now, pending))
            collectFinished()
        }
    }

    private func collectFinished() {
        while let position = running.firstIndex(where: { $0.command.isFinished(in: simulation) }) {
            let entry = running.remove(at: position)
            finish(entry.step, started: entry.started, result: entry.command.result(in: simulation))
        }
    }

    private func finish(_ index: Int, started: SimTime, result: CommandResult) {
        done.insert(index)
        emit(.command(ScriptResult(device: script[index].device, command: script[index].command, startedAt: started,
                                   finishedAt: simulation.now, result: result)))
    }
}
