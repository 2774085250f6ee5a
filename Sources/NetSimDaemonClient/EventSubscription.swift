import Foundation
import NetSimCommands

/// An open `GET /v1/events` stream: server-sent events, each `data:` line one `DaemonEvent`.
/// `next()` blocks until an event arrives; `cancel()` from another thread ends it.
public final class EventSubscription: @unchecked Sendable {
    private var exchange: HTTPExchange
    private var pending: [UInt8] = []
    private var dataLines: [String] = []
    private let lock = NSLock()
    private var cancelled = false

    init(exchange: HTTPExchange) { self.exchange = exchange }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// The next event, or nil when the daemon ended the stream (it stopped).
    public func next() throws(DaemonClientError) -> DaemonEvent? {
        while true {
            while let newline = pending.firstIndex(of: 0x0A) {
                var line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if line.hasSuffix("\r") { line.removeLast() }
                if line.isEmpty {
                    guard !dataLines.isEmpty else { continue }
                    let data = dataLines.joined(separator: "\n")
                    dataLines = []
                    do {
                        return try JSONDecoder().decode(DaemonEvent.self, from: Data(data.utf8))
                    } catch {
                        throw .protocolError("bad event '\(data)': \(error)")
                    }
                }
                if line.hasPrefix("data:") {
                    dataLines.append(String(line.dropFirst(5).drop { $0 == " " }))
                }
                // Comments (": keep-alive") and id: lines need nothing.
            }
            guard let bytes = try exchange.nextBodyBytes() else { return nil }
            pending += bytes
        }
    }

    public func cancel() {
        lock.withLock { cancelled = true }
        exchange.stream.shutdownBoth()
    }
}
