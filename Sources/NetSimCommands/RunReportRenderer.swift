import NetSimEngine
import NetSimRouting

/// How `netsim run` prints: the event log and command results in the seed's console style as
/// they happen, or one JSON document at the end for machines.
public struct RunReportRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    public let format: Format
    private var results: [JSONValue] = []
    private var log: [JSONValue] = []

    public init(format: Format) { self.format = format }

    /// Text to print now for an event (nothing in JSON mode, which prints once at the end).
    public mutating func consume(_ event: ScenarioEvent) -> String? {
        switch (format, event) {
        case (.text, .log(let entry)):
            return entry.text
        case (.text, .command(let result)):
            return "\n[t=\(result.startedAt)] \(result.device)> \(result.command)\n\(result.result.text)"
        case (.json, .log(let entry)):
            log.append(.object(["time_ms": .double(entry.time.milliseconds), "category": .string(entry.category.rawValue),
                                "device": .optional(entry.device), "message": .string(entry.message)]))
            return nil
        case (.json, .command(let result)):
            results.append(.object([
                "device": .string(result.device),
                "command": .string(result.command),
                "time_ms": .double(result.startedAt.milliseconds),
                "finished_ms": .double(result.finishedAt.milliseconds),
                "succeeded": .bool(result.result.succeeded),
                "output": result.result.json,
                "text": .string(result.result.text),
            ]))
            return nil
        }
    }

    /// The closing line (text) or the whole document (JSON), with what a packet capture wrote
    /// when there was one. `wallSeconds` is the only figure that differs between identical runs.
    public func finish(topology: String, seed: UInt64, summary: ScenarioRunner.Summary, wallSeconds: Double,
                       failure: ScenarioRunner.Failure?, capture: CaptureSummary? = nil) -> String {
        let simulated = summary.simulatedTime
        let speedup = wallSeconds > 0 ? Int((simulated.seconds / wallSeconds).rounded()) : 0
        switch format {
        case .text:
            var lines: [String] = [""]
            if let failure { lines.append("Error: \(failure)") }
            let wall = String(Int((wallSeconds * 1000).rounded())).leftPadded(minimum: 4)
            let wallText = wall.dropLast(3) + "." + wall.suffix(3)
            lines.append("Simulation \(failure == nil ? "complete" : "stopped"): \(simulated) simulated, "
                         + "\(wallText)s real time (\(speedup)x speedup), \(summary.events) events")
            if let isis = summary.isis {
                lines.append("IS-IS events: \(isis.hellos) hellos, \(isis.lsps) LSPs, \(isis.spfRuns) SPF runs")
            }
            if let bgp = summary.bgp {
                func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
                lines.append("BGP events: \(count(bgp.sessionsEstablished, "session")) established (counted at each "
                             + "end), \(count(bgp.routesOriginated, "route")) originated, "
                             + "\(bgp.updatesSent) UPDATE\(bgp.updatesSent == 1 ? "" : "s") sent")
            }
            if let capture { lines.append(capture.text) }
            return lines.joined(separator: "\n")
        case .json:
            var summaryObject: [String: JSONValue] = [
                "simulated_ms": .double(simulated.milliseconds),
                "converged_ms": summary.convergedAt.map { .double($0.milliseconds) } ?? .null,
                "events": .integer(summary.events),
                "wall_seconds": .double(wallSeconds),
                "speedup": .integer(speedup),
            ]
            if let failure { summaryObject["error"] = .string(failure.description) }
            if let capture { summaryObject["capture"] = capture.json }
            if let isis = summary.isis {
                summaryObject["isis"] = .object(["hellos": .integer(isis.hellos), "lsps": .integer(isis.lsps),
                                                 "spf_runs": .integer(isis.spfRuns)])
            }
            if let bgp = summary.bgp {
                summaryObject["bgp"] = .object(["sessions_established": .integer(bgp.sessionsEstablished),
                                                "routes_originated": .integer(bgp.routesOriginated),
                                                "updates_sent": .integer(bgp.updatesSent)])
            }
            return JSONValue.object([
                "topology": .string(topology),
                "seed": .integer(seed),
                "log": .array(log),
                "results": .array(results),
                "summary": .object(summaryObject),
            ]).pretty
        }
    }
}

extension String {
    func leftPadded(minimum width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
