import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("ScenarioRunner")
struct ScenarioRunnerTests {
    private enum Seen: Equatable {
        case log(String)
        case command(device: String, command: String, started: SimTime, finished: SimTime, succeeded: Bool)
    }

    private func run(_ sim: Simulation, _ script: [ScriptedCommand], limits: ScenarioRunner.Limits = .init())
        -> (Result<ScenarioRunner.Summary, ScenarioRunner.Failure>, [Seen], [ScriptResult]) {
        var seen: [Seen] = []
        var results: [ScriptResult] = []
        let outcome = ScenarioRunner(simulation: sim, script: script, limits: limits).run { event in
            switch event {
            case .log(let entry):
                seen.append(.log(entry.text))
            case .command(let result):
                results.append(result)
                seen.append(.command(device: result.device, command: result.command, started: result.startedAt,
                                     finished: result.finishedAt, succeeded: result.result.succeeded))
            }
        }
        return (outcome, seen, results)
    }

    /// The ping is first in the script but takes simulated time: its probes leave at 1 s and 2 s,
    /// the second returns 6 ms later (caches warm), so it is reported at 2006 ms, after the show
    /// command that started at the same moment, and stamped with its start time, 1000 ms.
    @Test func resultsComeInCompletionOrderStampedWithStartTime() throws {
        let sim = staticTriangle()
        let (outcome, seen, results) = run(sim, [
            ScriptedCommand(at: .afterConvergence(.zero), device: "h1", command: "ping 10.0.3.10 -c 2"),
            ScriptedCommand(at: .afterConvergence(.zero), device: "r1", command: "show ip route"),
            ScriptedCommand(at: .absolute(.milliseconds(500)), device: "r1", command: "show arp"),
        ])
        #expect(try outcome.get() == ScenarioRunner.Summary(simulatedTime: .milliseconds(2006),
                                                             convergedAt: .seconds(1), events: sim.eventsProcessed))
        #expect(seen == [
            .log("[t=0ms] Network initialized: 5 devices, 5 links"),
            .command(device: "r1", command: "show arp", started: .milliseconds(500), finished: .milliseconds(500), succeeded: true),
            .log("[t=1000ms] Network converged"),
            .command(device: "r1", command: "show ip route", started: .seconds(1), finished: .seconds(1), succeeded: true),
            .command(device: "h1", command: "ping 10.0.3.10 -c 2", started: .seconds(1), finished: .milliseconds(2006),
                     succeeded: true),
        ])
        #expect(results.last?.result.text.hasSuffix("rtt min/avg/max = 6/9/12 ms") == true)
        // The runner hands the simulation back without its handlers.
        #expect(sim.logHandler == nil && sim.wakeUpHandler == nil && sim.probeCompletionHandler == nil)
    }

    @Test func sameTimeCommandsStartInScriptOrder() throws {
        let sim = staticTriangle()
        let (outcome, _, results) = run(sim, [
            ScriptedCommand(at: .absolute(.milliseconds(300)), device: "r1", command: "int shut eth0"),
            ScriptedCommand(at: .absolute(.milliseconds(300)), device: "r1", command: "show interfaces eth0 --json"),
        ])
        _ = try outcome.get()
        #expect(results.map(\.command) == ["int shut eth0", "show interfaces eth0 --json"])
        #expect(members(results[1].result.json)?["admin"] == .string("down"))
        // A script of absolute times only does not wait for convergence; the shutdown at 300 ms
        // also means the network could not have converged before 1300 ms.
        #expect(sim.now == .milliseconds(300))
        #expect(sim.convergedAt == nil)
    }

    @Test func emptyScriptRunsToConvergence() throws {
        let sim = staticTriangle(window: .milliseconds(400))
        let (outcome, seen, _) = run(sim, [])
        // Nothing but the convergence check happens.
        #expect(try outcome.get() == ScenarioRunner.Summary(simulatedTime: .milliseconds(400),
                                                             convergedAt: .milliseconds(400), events: 1))
        #expect(seen == [.log("[t=0ms] Network initialized: 5 devices, 5 links"), .log("[t=400ms] Network converged")])
    }

    /// The stability window (5 s) cannot close before --until (2 s).
    @Test func windowLongerThanUntilDoesNotConverge() {
        let sim = staticTriangle(window: .seconds(5))
        let (outcome, seen, _) = run(sim, [ScriptedCommand(at: .afterConvergence(.zero), device: "r1", command: "show ip route")],
                                     limits: .init(until: .seconds(2)))
        let expected = ScenarioRunner.Failure.didNotConverge(at: .seconds(2), lastChange: .zero, reason: "reached --until 2000ms")
        #expect(outcome == .failure(expected))
        #expect(expected.description == "network did not converge by t=2000ms (reached --until 2000ms; last state change at t=0ms)")
        #expect(seen == [.log("[t=0ms] Network initialized: 5 devices, 5 links")])
    }

    @Test func eventBudgetStopsTheRun() {
        let sim = staticTriangle()
        let (outcome, _, _) = run(sim, [], limits: .init(maxEvents: 0))
        #expect(outcome == .failure(.didNotConverge(at: .zero, lastChange: .zero, reason: "event budget of 0 exhausted")))
    }

    @Test func scriptThatCannotFinishNamesWhatIsPending() {
        let sim = staticTriangle()
        let (outcome, _, results) = run(sim, [
            ScriptedCommand(at: .absolute(.seconds(1)), device: "r1", command: "show arp"),
            ScriptedCommand(at: .absolute(.seconds(10)), device: "r2", command: "show arp"),
        ], limits: .init(until: .seconds(5)))
        let expected = ScenarioRunner.Failure.scriptDidNotFinish(at: .seconds(5), pending: ["r2> show arp"],
                                                                  reason: "reached --until 5000ms")
        #expect(outcome == .failure(expected))
        #expect(expected.description == "script did not finish by t=5000ms (reached --until 5000ms); still waiting for: r2> show arp")
        #expect(results.map(\.device) == ["r1"])
    }

    @Test func failedCommandsAreResultsToo() throws {
        let sim = staticTriangle()
        let (outcome, seen, _) = run(sim, [ScriptedCommand(at: .afterConvergence(.milliseconds(100)), device: "r1",
                                                           command: "show bogus")])
        _ = try outcome.get()
        #expect(seen.last == .command(device: "r1", command: "show bogus", started: .milliseconds(1100),
                                      finished: .milliseconds(1100), succeeded: false))
    }
}
