import NetSimRouting

/// How an outcome crosses from a worker process to `netsim bench` (`BenchResult` and the
/// routing check's outcome are synthesised around it).
extension BenchResult.Outcome: Codable {
    private enum Keys: String, CodingKey {
        case kind, simulatedNanoseconds, reason
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let time = SimTime(nanoseconds: try container.decodeIfPresent(Int64.self, forKey: .simulatedNanoseconds) ?? 0)
        let reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        switch try container.decode(String.self, forKey: .kind) {
        case "converged": self = .converged(time)
        case "stopped": self = .stopped(reason: reason, at: time)
        default: self = .invalid(reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .converged(let time):
            try container.encode("converged", forKey: .kind)
            try container.encode(time.nanoseconds, forKey: .simulatedNanoseconds)
        case let .stopped(reason, time):
            try container.encode("stopped", forKey: .kind)
            try container.encode(time.nanoseconds, forKey: .simulatedNanoseconds)
            try container.encode(reason, forKey: .reason)
        case .invalid(let reason):
            try container.encode("invalid", forKey: .kind)
            try container.encode(reason, forKey: .reason)
        }
    }
}
