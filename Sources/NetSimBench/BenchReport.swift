import NetSimCommands
import NetSimRouting

/// How `netsim bench` prints results: a text table a row per scenario as it finishes, or one
/// JSON document at the end.
public enum BenchReport {
    private static let columns: [(title: String, width: Int)] = [
        ("scenario", 20), ("threads", 8), ("routers", 8), ("links", 7), ("generate", 9), ("build", 8), ("converge", 9),
        ("sim time", 9), ("events", 8), ("events/s", 9), ("peak RSS", 10), ("B/router", 10), ("floor", 8),
        ("conv/floor", 11), ("routes", 0),
    ]

    /// The machine the figures come from, for the first lines of a report.
    public static func machine(buildConfiguration: String, isolated: Bool) -> String {
        let processor = MemoryStatus.processor
        return "machine: \(processor?.model ?? "unknown processor"), \(processor?.count ?? 0) logical processors, "
            + "\(BenchFormat.bytes(MemoryStatus.machineBytes)) memory; \(buildConfiguration) build\n"
            + (isolated ? "each scenario runs in a fresh process; " : "all scenarios run in one process; ")
            + "peak RSS is that process's VmHWM (process-wide, reset before the scenario); B/router = peak RSS / routers"
    }

    public static var header: String { row(columns.map(\.title)) }

    public static func row(_ result: BenchResult) -> String {
        let converged: String
        switch result.outcome {
        case .converged(let time): converged = seconds(time)
        case .stopped(_, let time): converged = ">" + seconds(time)
        case .invalid: converged = "-"
        }
        let ratio = result.floorRatio.map(BenchFormat.ratio) ?? "-"
        return row([
            result.scenario, "\(result.threads)", "\(result.routers)", "\(result.links)", BenchFormat.seconds(result.generateSeconds),
            BenchFormat.seconds(result.buildSeconds), BenchFormat.seconds(result.convergeSeconds), converged,
            BenchFormat.count(Double(result.events)), result.eventsPerSecond.map { BenchFormat.count($0) } ?? "-",
            BenchFormat.bytes(result.peakResidentBytes), BenchFormat.bytes(result.bytesPerRouter),
            result.floorSeconds.map(BenchFormat.seconds) ?? "-", ratio, verdict(result),
        ])
    }

    /// "ok (9,900 routes)", or FAILED and why.
    public static func verdict(_ result: BenchResult) -> String {
        if let mismatch = result.threadMismatch { return "FAILED: \(mismatch)" }
        switch result.outcome {
        case .invalid(let reason): return "FAILED: \(reason)"
        case .stopped(let reason, let time): return "FAILED: stopped by the \(reason) at t=\(seconds(time)) simulated"
        case .converged:
            guard let check = result.check else { return "converged (routes not checked)" }
            if check.passed { return "ok (\(check.checked) routes)" }
            return "FAILED: \(check.failures) of \(check.checked) routes wrong, e.g. "
                + check.examples.joined(separator: "; ")
        }
    }

    public static func json(_ results: [BenchResult], buildConfiguration: String) -> JSONValue {
        let processor = MemoryStatus.processor
        return .object([
            "machine": .object([
                "processor": .optional(processor?.model), "logicalProcessors": .integer(processor?.count ?? 0),
                "memoryBytes": MemoryStatus.machineBytes.map { .integer($0) } ?? .null,
                "build": .string(buildConfiguration),
            ]),
            "scenarios": .array(results.map(json)),
        ])
    }

    private static func json(_ result: BenchResult) -> JSONValue {
        var fields: [String: JSONValue] = [
            "scenario": .string(result.scenario), "threads": .integer(result.threads),
            "parallelInstants": .integer(result.parallelInstants),
            "stateDigest": result.stateDigest.map { .string(String($0, radix: 16)) } ?? .null, "routers": .integer(result.routers), "links": .integer(result.links),
            "generateSeconds": .double(result.generateSeconds), "buildSeconds": .double(result.buildSeconds),
            "convergeSeconds": .double(result.convergeSeconds), "events": .integer(result.events),
            "eventsPerSecond": result.eventsPerSecond.map { .double($0) } ?? .null,
            "peakResidentBytes": result.peakResidentBytes.map { .integer($0) } ?? .null,
            "baselineResidentBytes": result.baselineResidentBytes.map { .integer($0) } ?? .null,
            "bytesPerRouter": result.bytesPerRouter.map { .integer($0) } ?? .null,
            "floorSeconds": result.floorSeconds.map { .double($0) } ?? .null,
            "floorRatio": result.floorRatio.map { .double($0) } ?? .null,
            "passed": .bool(result.passed), "verdict": .string(verdict(result)),
            "routesChecked": result.check.map { .integer($0.checked) } ?? .null,
            "routesWrong": result.check.map { .integer($0.failures) } ?? .null,
        ]
        switch result.outcome {
        case .converged(let time):
            fields["simulatedConvergenceMilliseconds"] = .double(Double(time.nanoseconds) / 1e6)
        case .stopped(_, let time):
            fields["stoppedAtSimulatedMilliseconds"] = .double(Double(time.nanoseconds) / 1e6)
        case .invalid:
            break
        }
        return .object(fields)
    }

    private static func seconds(_ time: SimTime) -> String { BenchFormat.seconds(Double(time.nanoseconds) / 1e9) }

    private static func row(_ cells: [String]) -> String {
        zip(cells, columns).map { cell, column in
            cell.count >= column.width ? cell + " " : cell + String(repeating: " ", count: column.width - cell.count)
        }.joined().trimmingTrailingSpaces()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
