import Foundation

/// What a daemon was started with, written to `daemon.json` once it is ready. `daemon list` reads
/// it without talking to the daemon.
public struct DaemonRecord: Codable, Sendable, Equatable {
    public var name: String
    public var pid: Int32
    /// The topology path as given to `daemon start`.
    public var topology: String
    /// The same path made absolute.
    public var topologyPath: String
    /// Seconds since 1970 when the daemon started.
    public var startedAt: Double
    public var tickMilliseconds: Double
    public var speed: Double
    /// "127.0.0.1:PORT" when a TCP listener was asked for.
    public var listen: String?

    public init(name: String, pid: Int32, topology: String, topologyPath: String, startedAt: Double,
                tickMilliseconds: Double, speed: Double, listen: String?) {
        self.name = name
        self.pid = pid
        self.topology = topology
        self.topologyPath = topologyPath
        self.startedAt = startedAt
        self.tickMilliseconds = tickMilliseconds
        self.speed = speed
        self.listen = listen
    }

    enum CodingKeys: String, CodingKey {
        case name, pid, topology, speed, listen
        case topologyPath = "topology_path"
        case startedAt = "started_at"
        case tickMilliseconds = "tick_ms"
    }

    public static func read(_ url: URL) -> DaemonRecord? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(DaemonRecord.self, from: data)
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// How long the daemon has been up, in whole seconds.
    public func uptime(now: Date = Date()) -> Int {
        max(0, Int(now.timeIntervalSince1970 - startedAt))
    }
}

/// Durations the way `daemon list` ("2h 15m", "45m 12s") and `daemon status` ("2h 15m 30s") print them.
public enum UptimeFormat {
    public static func short(_ seconds: Int) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }

    public static func long(_ seconds: Int) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        if hours > 0 { return "\(hours)h \(minutes)m \(rest)s" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }
}
