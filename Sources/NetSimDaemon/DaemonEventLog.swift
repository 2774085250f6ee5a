import Foundation
import NetSimCommands
import NetSimEngine
import NetSimRouting

/// Every event of a daemon: appended to `daemon.log` as one JSON object per line, kept in a short
/// history, and handed to each `GET /v1/events` subscriber. Called from the simulation's thread
/// and from the server's; a lock keeps the sequence numbers, the file and the fan-out in order.
final class DaemonEventLog: @unchecked Sendable {
    /// One recorded event, already rendered as its JSON line.
    struct Line: Sendable {
        let sequence: UInt64
        let json: String
    }

    private let lock = NSLock()
    private let file: FileHandle?
    private var sequence: UInt64 = 0
    private var history: [Line] = []
    private let historyLimit: Int
    private var subscribers: [Int: AsyncStream<Line>.Continuation] = [:]
    private var nextSubscriber = 0
    private var closed = false
    /// The latest simulated time recorded, for events from outside the simulation.
    private var latestTime = SimTime.zero

    init(file url: URL?, historyLimit: Int = 1000) {
        if let url {
            if !FileManager.default.fileExists(atPath: url.path) {
                _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            file = try? FileHandle(forWritingTo: url)
            _ = try? file?.seekToEnd()
        } else {
            file = nil
        }
        self.historyLimit = historyLimit
    }

    /// Records an event now (wall clock) at simulated time `time`.
    func record(time: SimTime, category: String, device: String?, message: String, details: JSONValue? = nil) {
        lock.withLock {
            sequence += 1
            latestTime = max(latestTime, time)
            var object: [String: JSONValue] = [
                "seq": .integer(sequence),
                "time": .string(Self.timestamp(Date())),
                "sim_ms": .double(time.milliseconds),
                "category": .string(category),
                "device": .optional(device),
                "message": .string(message),
            ]
            if let details { object["details"] = details }
            let line = Line(sequence: sequence, json: JSONValue.object(object).compact)
            // A full disk must not take the daemon down: the event still reaches subscribers.
            try? file?.write(contentsOf: Data((line.json + "\n").utf8))
            history.append(line)
            if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
            for continuation in subscribers.values { continuation.yield(line) }
        }
    }

    /// Records an event of the daemon itself (starting, ready, stopping) at the latest simulated time.
    func recordDaemon(_ message: String) {
        let time = lock.withLock { latestTime }
        record(time: time, category: "daemon", device: nil, message: message)
    }

    func record(_ entry: LogEntry) {
        record(time: entry.time, category: entry.category.rawValue, device: entry.device, message: entry.message)
    }

    /// The last `history` events, then every new one until the log closes or the consumer stops.
    func subscribe(history count: Int) -> AsyncStream<Line> {
        let (stream, continuation) = AsyncStream<Line>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        lock.withLock {
            for line in history.suffix(max(0, count)) { continuation.yield(line) }
            guard !closed else {
                continuation.finish()
                return
            }
            let id = nextSubscriber
            nextSubscriber += 1
            subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.lock.withLock { _ = self?.subscribers.removeValue(forKey: id) }
            }
        }
        return stream
    }

    var subscriberCount: Int { lock.withLock { subscribers.count } }

    /// Ends every subscription (the daemon is stopping); later events still reach the file.
    func closeSubscriptions() {
        let ending = lock.withLock {
            closed = true
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in ending { continuation.finish() }
    }

    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = time_t(milliseconds / 1000)
        var parts = tm()
        var copy = seconds
        gmtime_r(&copy, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = String(milliseconds % 1000)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(String(repeating: "0", count: 3 - fraction.count) + fraction)Z"
    }
}
