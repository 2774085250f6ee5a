import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Event ordering")
struct EventOrderingTests {
    @Test func sameTimeEventsRunInInsertionOrder() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        var handled: [Int] = []
        var times: [SimTime] = []
        sim.wakeUpHandler = { token in
            handled.append(token)
            times.append(sim.now)
        }
        // Tokens are handed out 1, 2, 3, ... in scheduling order.
        let a = sim.scheduleWakeUp(at: .milliseconds(5))
        let b = sim.scheduleWakeUp(at: .milliseconds(5))
        let c = sim.scheduleWakeUp(at: .milliseconds(3))
        let d = sim.scheduleWakeUp(at: .milliseconds(5))
        #expect([a, b, c, d] == [1, 2, 3, 4])
        sim.advance(to: .milliseconds(10))
        #expect(handled == [c, a, b, d])
        #expect(times == [.milliseconds(3), .milliseconds(5), .milliseconds(5), .milliseconds(5)])
    }

    @Test func wakeUpInThePastRunsNow() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        sim.advance(to: .milliseconds(50))
        var at: SimTime?
        sim.wakeUpHandler = { _ in at = sim.now }
        sim.scheduleWakeUp(at: .milliseconds(10))
        sim.advance(to: .milliseconds(60))
        #expect(at == .milliseconds(50))
    }

    @Test func eventsScheduledWhileHandlingAtTheSameTimeRunAfterTheOthers() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        var handled: [Int] = []
        var spawned = 0
        sim.wakeUpHandler = { token in
            handled.append(token)
            if token == 1 { spawned = sim.scheduleWakeUp(at: sim.now) }
        }
        sim.scheduleWakeUp(at: .milliseconds(1))
        sim.scheduleWakeUp(at: .milliseconds(1))
        sim.advance(to: .milliseconds(1))
        #expect(handled == [1, 2, spawned])
        #expect(spawned == 3)
    }

    /// Two runs of the same network and seed produce the same log, line for line.
    @Test func runsRepeatExactly() throws {
        func run() throws -> [String] {
            let line = try LineNetwork(coreLoss: 30)
            let log = LogRecorder(line.sim)
            line.converge()
            let ping = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 10)
            line.sim.finish(probe: ping)
            line.sim.setAdminState(device: line.r1, interface: 1, up: false)
            line.sim.advance(to: line.sim.now + .seconds(2))
            let report = try #require(line.sim.pingReport(ping))
            return log.lines + report.outcomes.map { "\($0)" }
        }
        #expect(try run() == run())
    }
}

@Suite("run(until:) bounds")
struct SimulationRunBoundsTests {
    @Test func deadlineIsInclusiveAndTheClockEndsThere() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        #expect(sim.run(until: .milliseconds(999), maxEvents: testEventBudget) == .reachedDeadline)
        #expect(sim.now == .milliseconds(999))
        #expect(sim.convergedAt == nil)
        #expect(sim.nextEventTime == .seconds(1))
        #expect(sim.run(until: .seconds(1), maxEvents: testEventBudget) == .reachedDeadline)
        #expect(sim.convergedAt == .seconds(1))
        // Nothing left: the clock still moves to the deadline.
        #expect(sim.nextEventTime == nil)
        #expect(sim.run(until: .seconds(30), maxEvents: testEventBudget) == .reachedDeadline)
        #expect(sim.now == .seconds(30))
        #expect(sim.eventsProcessed == 1)
    }

    @Test func eventBudgetStopsTheRun() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        var handled: [Int] = []
        sim.wakeUpHandler = { handled.append($0) }
        for ms in 1...5 { sim.scheduleWakeUp(at: .milliseconds(Int64(ms))) }
        #expect(sim.run(until: .seconds(10), maxEvents: 3) == .exhaustedEventBudget)
        #expect(handled == [1, 2, 3])
        #expect(sim.eventsProcessed == 3)
        #expect(sim.now == .milliseconds(3))
        // The budget counts from the call, not from the start of the simulation.
        #expect(sim.run(until: .seconds(10), maxEvents: 1) == .exhaustedEventBudget)
        #expect(handled == [1, 2, 3, 4])
        #expect(sim.run(until: .seconds(10), maxEvents: 0) == .exhaustedEventBudget)
        #expect(handled == [1, 2, 3, 4])
    }

    @Test func stopConditionIsCheckedBeforeEveryEvent() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        var handled: [Int] = []
        sim.wakeUpHandler = { handled.append($0) }
        for ms in 1...5 { sim.scheduleWakeUp(at: .milliseconds(Int64(ms))) }
        #expect(sim.run(until: .seconds(10), maxEvents: testEventBudget) { handled.count == 2 } == .stopped)
        #expect(handled == [1, 2])
        #expect(sim.now == .milliseconds(2))
        #expect(sim.run(until: .seconds(10), maxEvents: testEventBudget) { true } == .stopped)
        #expect(sim.eventsProcessed == 2)
    }

    @Test func stepProcessesOneEvent() {
        let sim = Simulation(seed: 1, stabilityWindow: .milliseconds(7))
        sim.start()
        #expect(sim.step())
        #expect(sim.now == .milliseconds(7))
        #expect(sim.convergedAt == .milliseconds(7))
        #expect(!sim.step())
    }

    /// Regression: `run(until:)` with the default budget (`maxEvents: .max`) used to compute its
    /// end as `eventsProcessed &+ maxEvents`, which wrapped to `eventsProcessed - 1` once one event
    /// had been processed, so every later call returned `.exhaustedEventBudget` at once.
    @Test func defaultBudgetKeepsWorkingAfterTheFirstEvent() {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.start()
        var handled: [Int] = []
        sim.wakeUpHandler = { handled.append($0) }
        sim.scheduleWakeUp(at: .milliseconds(1))
        sim.scheduleWakeUp(at: .milliseconds(2))
        #expect(sim.run(until: .milliseconds(1)) == .reachedDeadline)  // eventsProcessed was 0: fine
        #expect(sim.run(until: .milliseconds(2)) == .reachedDeadline)
        #expect(handled == [1, 2])
    }
}
