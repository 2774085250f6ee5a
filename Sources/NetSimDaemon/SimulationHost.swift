import Foundation
import NetSimCommands
import NetSimEngine
import NetSimRouting

/// The one owner of a daemon's `Simulation`: a dedicated thread that runs it and serves every
/// request in turn, so any number of concurrent clients get serialised access.
///
/// ```
///   converging --converged--> live ------------------------------ stop() --> stopped
///   (as fast as it can,       each tick, or at once when a job arrives:
///    like netsim run)           1. advance simulated time to match the wall clock (x speed)
///       |                       2. run queued jobs (commands, reads) one at a time
///       +--did not converge-->  3. hand finished probes (ping, traceroute) their replies
///          stopped              4. flush running packet captures
///                             on stop: stop every capture (files renamed into place)
/// ```
/// Simulated time follows the wall clock from the moment of convergence: t_sim = t_converged +
/// speed × wall time since. Events are run when their time has come, at worst one tick late;
/// a command sees the network as it is at the moment it arrives. Probes run in that same
/// simulated time (ADR 0011), so a 5-echo ping answers after about 4 s / speed.
final class SimulationHost: @unchecked Sendable {
    struct Pace: Sendable {
        var tick: SimTime
        var speed: Double
    }

    /// A finished console command with the simulated times it started and ended.
    struct Executed: Sendable {
        var result: CommandResult
        var started: SimTime
        var finished: SimTime
    }

    typealias Job = @Sendable (Simulation) -> Void

    let pace: Pace
    /// The daemon's packet captures; touched only on the simulation thread (in `perform` jobs).
    let captures: DaemonCaptures
    private let eventLog: DaemonEventLog
    private let processor = CommandProcessor()

    // Shared with the other threads, under `condition`.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopRequested = false
    private var threadStarted = false
    private var threadFinished = false

    // Touched only by the simulation thread (and by `init` before it starts).
    private let simulation: Simulation
    private var tracker = RouteChangeTracker()
    private var anchor: (wall: ContinuousClock.Instant, simulated: SimTime)?
    private var waiting: [(command: PendingCommand, line: String, device: String, started: SimTime,
                           reply: @Sendable (Executed) -> Void)] = []
    private let clock = ContinuousClock()

    /// The most events, and the most wall time, one pass runs before looking at queued jobs
    /// again, so a simulation that falls behind the wall clock still answers its clients within
    /// about a pass's time, however much each event costs (a full packet capture makes events
    /// several times dearer).
    private let eventsPerPass: UInt64 = 200_000
    private let wallTimePerPass: Duration = .milliseconds(100)

    init(simulation: Simulation, pace: Pace, eventLog: DaemonEventLog, captures: DaemonCaptures) {
        self.simulation = simulation
        self.pace = pace
        self.eventLog = eventLog
        self.captures = captures
    }

    // MARK: Life cycle

    /// Starts the thread: runs the simulation to convergence (within `limits`), reports how that
    /// went, and on success keeps it running live until `stop()`.
    func start(limits: ScenarioRunner.Limits) async -> Result<ScenarioRunner.Summary, ScenarioRunner.Failure> {
        condition.withLock { threadStarted = true }
        return await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                let outcome = converge(limits: limits)
                continuation.resume(returning: outcome)
                if case .success = outcome { runLive() }
                condition.withLock {
                    threadFinished = true
                    condition.broadcast()
                }
            }
            thread.name = "netsim-simulation"
            thread.start()
        }
    }

    /// Ends the live loop after the job in hand; commands still waiting for a probe get an error.
    /// Returns once the thread has finished.
    func stop() {
        condition.withLock {
            stopRequested = true
            condition.broadcast()
            while threadStarted && !threadFinished { condition.wait() }
        }
    }

    // MARK: Requests (any thread)

    /// Runs `body` on the simulation thread between events and returns its result.
    func perform<T: Sendable>(_ body: @escaping @Sendable (Simulation) -> T) async -> T {
        await withCheckedContinuation { continuation in
            enqueue { simulation in continuation.resume(returning: body(simulation)) }
        }
    }

    /// Runs a console command on a device; probes answer when they finish in simulated time.
    func execute(_ line: String, device: String) async -> Executed {
        await withCheckedContinuation { continuation in
            enqueue { [self] simulation in
                startCommand(line, device: device, in: simulation) { continuation.resume(returning: $0) }
            }
        }
    }

    fileprivate func enqueue(_ job: @escaping Job) {
        // The servers stop before the host does, so no job arrives after the thread has ended.
        condition.withLock {
            jobs.append(job)
            condition.broadcast()
        }
    }

    // MARK: The simulation thread

    private func converge(limits: ScenarioRunner.Limits) -> Result<ScenarioRunner.Summary, ScenarioRunner.Failure> {
        let runner = ScenarioRunner(simulation: simulation, script: [], processor: processor, limits: limits)
        let outcome = runner.run { [eventLog] event in
            if case .log(let entry) = event { eventLog.record(entry) }
        }
        tracker.snapshot(simulation)
        simulation.logHandler = { [unowned self] entry in
            eventLog.record(entry)
            tracker.mark(entry.device, in: simulation)
        }
        anchor = (clock.now, simulation.now)
        return outcome
    }

    private func runLive() {
        var behind = false
        var passStarted = clock.now
        while true {
            // Wake one tick after the last pass began (at once if it took longer), so the time a
            // pass spends running events is not added to the wait.
            let elapsed = passStarted.duration(to: clock.now)
            let wait = pace.tick.seconds - (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            let (batch, stopping) = condition.withLock {
                if jobs.isEmpty && !stopRequested && !behind && wait > 0 {
                    _ = condition.wait(until: Date().addingTimeInterval(wait))
                }
                defer { jobs = [] }
                return (jobs, stopRequested)
            }
            if stopping {
                failWaiting()
                for job in batch { job(simulation) }
                // A daemon that stops leaves complete capture files, as a finished run does.
                _ = captures.stopAll(in: simulation, reason: "the daemon is stopping")
                return
            }
            passStarted = clock.now
            behind = advance()
            for job in batch {
                job(simulation)
                // What the job set off at this instant (an SPF after a shutdown) runs at once.
                _ = runEvents(until: simulation.now)
            }
            collectFinishedProbes()
            captures.flush()
        }
    }

    /// The simulated time the wall clock says it is.
    private var wallTarget: SimTime {
        guard let anchor else { return simulation.now }
        let elapsed = anchor.wall.duration(to: clock.now)
        let nanoseconds = (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9)
            * pace.speed
        return max(simulation.now, anchor.simulated + SimTime(nanoseconds: Int64(nanoseconds)))
    }

    /// Runs the events due by the wall clock; true when the pass's budget ran out first.
    private func advance() -> Bool {
        runEvents(until: wallTarget)
    }

    /// Runs the events due by `target`; true when the pass ended first (event or time budget).
    private func runEvents(until target: SimTime) -> Bool {
        let passEnd = clock.now.advanced(by: wallTimePerPass)
        var events = 0
        let outcome = simulation.run(until: target, maxEvents: eventsPerPass) { [unowned self] in
            reportRouteChanges()
            events &+= 1
            // Reading the clock costs more than a cheap event: look every 64 events.
            return events % 64 == 0 && clock.now >= passEnd
        }
        reportRouteChanges()
        collectFinishedProbes()
        return outcome != .reachedDeadline
    }

    private func reportRouteChanges() {
        for change in tracker.flush(simulation) {
            eventLog.record(time: simulation.now, category: "route", device: change.device, message: change.message,
                            details: change.details)
        }
    }

    private func startCommand(_ line: String, device: String, in simulation: Simulation,
                              reply: @escaping @Sendable (Executed) -> Void) {
        let started = simulation.now
        switch processor.start(line, device: device, in: simulation) {
        case .finished(let result):
            tracker.mark(device, in: simulation)
            finishCommand(line, device: device, result: result, started: started, reply: reply)
        case .running(let pending):
            waiting.append((pending, line, device, started, reply))
        }
    }

    private func collectFinishedProbes() {
        while let index = waiting.firstIndex(where: { $0.command.isFinished(in: simulation) }) {
            let entry = waiting.remove(at: index)
            finishCommand(entry.line, device: entry.device, result: entry.command.result(in: simulation),
                          started: entry.started, reply: entry.reply)
        }
    }

    private func finishCommand(_ line: String, device: String, result: CommandResult, started: SimTime,
                               reply: @Sendable (Executed) -> Void) {
        reportRouteChanges()
        let error = result.succeeded ? nil : result.json["error"]?.stringValue
        eventLog.record(time: simulation.now, category: "command", device: device,
                        message: "command '\(line)'" + (error.map { " failed: \($0)" } ?? ""),
                        details: .object(["command": .string(line), "succeeded": .bool(result.succeeded),
                                          "started_ms": .double(started.milliseconds)]))
        reply(Executed(result: result, started: started, finished: simulation.now))
    }

    fileprivate func failWaiting() {
        for entry in waiting {
            entry.reply(Executed(result: .failure(CommandError("the daemon is stopping")), started: entry.started,
                                 finished: simulation.now))
        }
        waiting = []
    }
}

extension SimulationHost {
    /// Fails every command still waiting for a probe (the daemon is stopping).
    func abandonWaitingCommands() {
        enqueue { [self] _ in failWaiting() }
    }
}
