import NetSimEngine
import NetSimRouting

/// Ping output: one line per probe in the style of Linux ping, the seed's summary line
/// ("Ping 10.0.3.10: 5/5 packets received, 0% loss") and the path the packets took. JSON:
/// `{target, source, sent, received, loss_percent, rtts_ms, path, probes}`.
enum PingRenderer {
    static func render(_ report: PingReport, wantsJSON: Bool) -> CommandResult {
        var lines = ["PING \(report.target) from \(report.source?.description ?? "-"): \(report.dataLength) data bytes"]
        var rtts: [Int64] = []
        var probes: [JSONValue] = []
        for (index, outcome) in report.outcomes.enumerated() {
            let sequence = index + 1
            switch outcome {
            case let .reply(from, ttl, rtt):
                rtts.append(rtt)
                lines.append("\(report.dataLength + 8) bytes from \(from): icmp_seq=\(sequence) ttl=\(ttl) time=\(milliseconds(rtt)) ms")
                probes.append(.object(["seq": .integer(sequence), "result": .string("reply"), "from": .string(from.description),
                                       "ttl": .integer(ttl), "rtt_ms": .double(Double(rtt) / 1e6)]))
            case let .error(from, message):
                lines.append("From \(from) icmp_seq=\(sequence) \(message)")
                probes.append(.object(["seq": .integer(sequence), "result": .string("error"), "from": .string(from.description),
                                       "message": .string(message)]))
            case let .notSent(reason):
                lines.append("icmp_seq=\(sequence) not sent: \(reason)")
                probes.append(.object(["seq": .integer(sequence), "result": .string("not_sent"), "reason": .string(reason)]))
            case .timeout:
                lines.append("Request timeout for icmp_seq=\(sequence)")
                probes.append(.object(["seq": .integer(sequence), "result": .string("timeout")]))
            }
        }
        lines.append("Ping \(report.target): \(report.received)/\(report.sent) packets received, \(report.lossPercent)% loss")
        if !report.path.isEmpty { lines.append("Round-trip path: " + report.path.joined(separator: " -> ")) }
        if let low = rtts.min(), let high = rtts.max() {
            let average = rtts.reduce(0, +) / Int64(rtts.count)
            lines.append("rtt min/avg/max = \(milliseconds(low))/\(milliseconds(average))/\(milliseconds(high)) ms")
        }
        let json = JSONValue.object([
            "target": .string(report.target.description),
            "source": .optional(report.source?.description),
            "sent": .integer(report.sent),
            "received": .integer(report.received),
            "loss_percent": .integer(report.lossPercent),
            "rtts_ms": .array(rtts.map { .double(Double($0) / 1e6) }),
            "path": .array(report.path.map { .string($0) }),
            "probes": .array(probes),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, succeeded: report.received > 0,
                             wantsJSON: wantsJSON)
    }

    static func milliseconds(_ nanoseconds: Int64) -> String { SimTime.format(milliseconds: nanoseconds) }
}
