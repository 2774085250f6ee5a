import NetSimEngine
import NetSimRouting

/// Traceroute output in the Linux layout: one line per TTL, the answering address when it
/// changes, the round-trip time of each probe, `*` for no answer, `!H`-style annotations.
/// JSON: `{target, source, max_ttl, reached, hops: [{ttl, probes: [{address, rtt_ms, annotation}]}]}`.
enum TracerouteRenderer {
    static func render(_ report: TracerouteReport, wantsJSON: Bool) -> CommandResult {
        var lines = ["traceroute to \(report.target) from \(report.source?.description ?? "-"), \(report.maxTTL) hops max"]
        var hops: [JSONValue] = []
        for hop in report.hops {
            var line = (hop.ttl < 10 ? " " : "") + "\(hop.ttl) "
            var lastAddress: String?
            var probes: [JSONValue] = []
            for probe in hop.probes {
                if let failure = probe.failure {
                    line += " (\(failure))"
                    probes.append(.object(["address": .null, "rtt_ms": .null, "error": .string(failure)]))
                    continue
                }
                guard let from = probe.from, let rtt = probe.rttNanoseconds else {
                    line += " *"
                    probes.append(.object(["address": .null, "rtt_ms": .null]))
                    continue
                }
                if lastAddress != from.description {
                    line += " \(from)"
                    lastAddress = from.description
                }
                line += "  \(SimTime.format(milliseconds: rtt)) ms"
                if let annotation = probe.annotation { line += " \(annotation)" }
                var object: [String: JSONValue] = ["address": .string(from.description), "rtt_ms": .double(Double(rtt) / 1e6)]
                if let annotation = probe.annotation { object["annotation"] = .string(annotation) }
                probes.append(.object(object))
            }
            lines.append(line)
            hops.append(.object(["ttl": .integer(hop.ttl), "probes": .array(probes)]))
        }
        if !report.reached { lines.append("Destination \(report.target) not reached") }
        let json = JSONValue.object([
            "target": .string(report.target.description),
            "source": .optional(report.source?.description),
            "max_ttl": .integer(report.maxTTL),
            "reached": .bool(report.reached),
            "hops": .array(hops),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, succeeded: report.reached, wantsJSON: wantsJSON)
    }
}
