import ArgumentParser
import Foundation
import NetSimCommands
import NetSimRouting
import NetSimTopology

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a topology, run its script and print the event log and command output.")

    @Argument(help: "The topology YAML file.")
    var file: String

    @Option(help: "Seed for every random choice in the run (link loss).")
    var seed: UInt64 = 1

    @Option(help: "Give up at this simulated time if the run has not finished (e.g. 10s, 5m).",
            transform: TimeArgument.parse)
    var until: SimTime = .seconds(3600)

    @Option(name: .customLong("max-events"), help: "Give up after this many events.")
    var maxEvents: UInt64 = 50_000_000

    @Option(name: .customLong("stability-window"),
            help: "How long routing, adjacency and interface state must stay unchanged to count as converged.",
            transform: TimeArgument.parse)
    var stabilityWindow: SimTime = .seconds(1)

    @Option(help: "Output format: text (console style) or json (one document).")
    var format: RunReportRenderer.Format = .text

    @OptionGroup var threads: ThreadsOption

    @OptionGroup(title: "Packet capture")
    var capture: CaptureOptions

    func run() throws {
        let spec: TopologySpec
        switch TopologyInput.load(file) {
        case .success(let loaded): spec = loaded
        case .failure(let error):
            TopologyInput.report(error)
            throw ExitCode(2)
        }
        let simulation = SimulationBuilder.build(spec, seed: seed, stabilityWindow: stabilityWindow)
        simulation.workerThreads = threads.count
        let recording = try capture.start(on: simulation, comment: "netsim run \(spec.name), seed \(seed)")
        let runner = ScenarioRunner(simulation: simulation, script: TopologyInput.scriptedCommands(spec),
                                    limits: .init(until: until, maxEvents: maxEvents))
        var renderer = RunReportRenderer(format: format)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = runner.run { event in
            if let text = renderer.consume(event) { print(text) }
        }
        let elapsed = started.duration(to: clock.now)
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // A run that stops early still leaves a complete capture: it shows why it did not finish.
        let captured = recording?.finishWithSummary()
        let summary: ScenarioRunner.Summary
        let failure: ScenarioRunner.Failure?
        switch outcome {
        case .success(let finished):
            (summary, failure) = (finished, nil)
        case .failure(let stopped):
            summary = ScenarioRunner.Summary(simulatedTime: simulation.now, convergedAt: simulation.convergedAt,
                                             events: simulation.eventsProcessed)
            failure = stopped
        }
        print(renderer.finish(topology: spec.name, seed: seed, summary: summary, wallSeconds: wallSeconds,
                              failure: failure, capture: try? captured?.get()))
        if case .failure(let error) = captured {
            FileHandle.standardError.write(Data("error: --pcap: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if failure != nil { throw ExitCode(1) }
    }
}

extension RunReportRenderer.Format: ExpressibleByArgument {}

enum TimeArgument {
    static func parse(_ text: String) throws -> SimTime {
        guard let time = SimTime(parsing: text) else {
            throw ValidationError("'\(text)' is not a duration (examples: 500ms, 2s, 5m)")
        }
        return time
    }
}
