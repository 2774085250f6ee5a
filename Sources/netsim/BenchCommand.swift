import ArgumentParser
import Foundation
import NetSimBench
import NetSimGenerators

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the OSPF, IS-IS and BGP scale benchmarks: wall time and memory to converge generated topologies.",
        discussion: "Each scenario is generated, built and run to convergence without a script, in a fresh process; "
            + "the row shows wall times (build apart from convergence), simulated convergence time, events, peak "
            + "resident memory, the floor (one Dijkstra from every router) and a check of every router's routes. "
            + "See BENCHMARKS.md.")

    @Option(name: .customLong("scenario"), help: ArgumentHelp(
        "Run only this scenario (repeatable): a standard name such as grid-32x32 or fat-tree-16, or any shape "
            + "name (grid-3x3, ring-50, sp-core-40, random-100-d4, as-graph-300).", valueName: "name"))
    var scenarios: [String] = []

    @Flag(help: "Add the heavy scenarios (grid 100x100, fat tree k=32, as-graph 2000).")
    var heavy = false

    @Option(help: "Output format: text (a row per scenario as it finishes) or json (one document at the end).")
    var format: BenchFormatChoice = .text

    @Option(name: .customLong("time-limit"), help: "Stop a scenario's run after this many wall seconds.")
    var timeLimit: Double = 900

    @Option(name: .customLong("memory-limit"), help: "Stop a scenario's run when resident memory reaches this many GiB.")
    var memoryLimit: Double = 16

    @Flag(name: .customLong("no-check"), help: "Skip the check of every router's routes after convergence.")
    var noCheck = false

    @Option(name: .customLong("threads"), help: ArgumentHelp(
        "Worker threads for the run (repeatable: each scenario runs once per count, and every count must end "
            + "with the same routes, events and convergence time). Default: one per processor.", valueName: "n"))
    var threads: [Int] = []

    @Flag(help: "List the standard scenarios and exit.")
    var list = false

    @Flag(name: .customLong("in-process"),
          help: "Run every scenario in this process instead of one fresh process each (peak memory then carries over).")
    var inProcess = false

    /// Set on the worker processes the bench starts: run the scenarios here and print each
    /// result as one JSON line.
    @Flag(name: .customLong("worker"), help: .hidden)
    var worker = false

    enum BenchFormatChoice: String, ExpressibleByArgument {
        case text, json
    }

    func validate() throws {
        if threads.contains(where: { $0 < 1 }) { throw ValidationError("--threads must be at least 1") }
    }

    private var threadCounts: [Int] {
        threads.isEmpty ? [ProcessInfo.processInfo.activeProcessorCount] : threads
    }

    func run() throws {
        if list {
            for scenario in BenchScenario.standard { print(scenario.name + (scenario.heavy ? " (heavy)" : "")) }
            return
        }
        let selected: [BenchScenario]
        do {
            selected = scenarios.isEmpty
                ? BenchScenario.standard.filter { heavy || !$0.heavy }
                : try scenarios.map { name throws(GeneratorError) in try BenchScenario.named(name) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        #if DEBUG
        let configuration = "debug (figures are not representative: use swift build -c release)"
        #else
        let configuration = "release"
        #endif
        let limits = BenchRunner.Limits(wallSeconds: timeLimit, residentBytes: UInt64(memoryLimit * 1_073_741_824))
        if worker {
            for scenario in selected {
                let result = BenchRunner.run(scenario, limits: limits, threads: threadCounts[0], checkRoutes: !noCheck,
                                             progress: Self.progress)
                Self.emit(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            }
            return
        }
        let text = format == .text
        if text {
            Self.emit(BenchReport.machine(buildConfiguration: configuration, isolated: !inProcess))
            Self.emit(BenchReport.header)
        }
        var results: [BenchResult] = []
        for scenario in selected {
            var first: BenchResult?
            for count in threadCounts {
                var result = inProcess
                    ? BenchRunner.run(scenario, limits: limits, threads: count, checkRoutes: !noCheck, progress: Self.progress)
                    : runInWorker(scenario, threads: count)
                if let first, let expected = first.stateDigest, let digest = result.stateDigest, digest != expected {
                    result.threadMismatch = "\(count) threads ended differently from \(first.threads) "
                        + "(state digest \(String(digest, radix: 16)), expected \(String(expected, radix: 16)))"
                }
                first = first ?? result
                results.append(result)
                if text { Self.emit(BenchReport.row(result)) }
            }
        }
        if !text { Self.emit(BenchReport.json(results, buildConfiguration: configuration).pretty) }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    /// Runs one scenario in a fresh `netsim bench --worker` process, so that its peak memory is
    /// its own; the worker's progress goes straight to standard error.
    private func runInWorker(_ scenario: BenchScenario, threads: Int) -> BenchResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "--worker", "--scenario", scenario.name, "--time-limit", "\(timeLimit)",
                             "--memory-limit", "\(memoryLimit)", "--threads", "\(threads)"] + (noCheck ? ["--no-check"] : [])
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return BenchResult(scenario: scenario.name, outcome: .invalid("cannot start a worker: \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try? JSONDecoder().decode(BenchResult.self, from: data) else {
            let how = process.terminationReason == .uncaughtSignal ? "was killed by signal" : "exited with status"
            return BenchResult(scenario: scenario.name,
                               outcome: .invalid("the worker process \(how) \(process.terminationStatus)"))
        }
        return result
    }

    private static func progress(_ message: String) {
        FileHandle.standardError.write(Data("  [\(message)]\n".utf8))
    }

    /// Writes a line at once (unbuffered), so each row shows as its scenario finishes.
    private static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
