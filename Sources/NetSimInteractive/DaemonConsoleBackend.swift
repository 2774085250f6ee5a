import Foundation
import NetSimDaemonClient
import NetSimEngine
import NetSimRouting

/// `ConsoleBackend` over a daemon's HTTP API: commands through `POST /v1/commands`, facts from
/// `GET /v1/devices/{device}`, events from `GET /v1/events`. The client's calls block, so each
/// runs on a thread of its own rather than holding one of the few cooperative threads.
public struct DaemonConsoleBackend: ConsoleBackend {
    public let client: DaemonClient

    public init(client: DaemonClient) { self.client = client }

    public func execute(_ line: String, device: String) async throws -> ConsoleReply {
        let client = client
        let reply = try await DaemonConsoleBackend.offThread { try client.execute(device: device, command: line) }
        return ConsoleReply(output: reply.output, succeeded: reply.succeeded)
    }

    public func facts(of device: String) async throws -> DeviceFacts {
        let client = client
        let detail = try await DaemonConsoleBackend.offThread { try client.device(device) }
        var facts = DeviceFacts(interfaces: detail.interfaceNames, addresses: detail.neighborAddresses)
        if case .array(let interfaces) = detail.interfaces {
            for interface in interfaces {
                guard let name = interface["name"]?.stringValue, case .array(let peers)? = interface["peers"] else { continue }
                facts.peers[name] = DeviceFacts.devices(ofEndpoints: peers.compactMap(\.stringValue))
            }
        }
        return facts
    }

    public func events(history: Int) -> AsyncThrowingStream<LogEntry, any Error> {
        let source = client.events(history: history)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in source {
                        if let entry = DaemonConsoleBackend.logEntry(event) { continuation.yield(entry) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The event as a log entry; nil for categories the engine does not log (the daemon's own).
    static func logEntry(_ event: DaemonEvent) -> LogEntry? {
        guard let category = LogEntry.Category(rawValue: event.category) else { return nil }
        let time = SimTime(nanoseconds: Int64((event.simulatedMilliseconds * 1_000_000).rounded()))
        return LogEntry(time: time, category: category, device: event.device, message: event.message)
    }

    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
