import NetSimEngine

/// What an interactive console needs from a running simulation: run a command line on a
/// device, what completion needs to know about a device, and the simulation's events.
/// `netsim attach` and the daemon browser use the daemon's client; tests use an in-process
/// simulation.
public protocol ConsoleBackend: Sendable {
    /// Runs one console command line on a device and returns when it has finished (a ping
    /// waits for its replies in simulated time). Throws only when the simulation cannot be
    /// reached; a command that fails is a reply with `succeeded` false.
    func execute(_ line: String, device: String) async throws -> ConsoleReply

    /// The device's interfaces, what lies beyond them, and its neighbors' addresses.
    func facts(of device: String) async throws -> DeviceFacts

    /// The simulation's events: the last `history` already logged, then each new one, until
    /// the simulation stops (the stream finishes) or the connection breaks (it throws).
    func events(history: Int) -> AsyncThrowingStream<LogEntry, any Error>
}

/// What a command printed, and whether it succeeded.
public struct ConsoleReply: Sendable, Equatable {
    public var output: String
    public var succeeded: Bool

    public init(output: String, succeeded: Bool) {
        self.output = output
        self.succeeded = succeeded
    }
}
