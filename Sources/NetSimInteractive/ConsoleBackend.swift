import NetSimEngine

/// What an interactive console needs from a running simulation: run a command line on a
/// device, and follow the simulation's events. `netsim attach` and the daemon browser use the
/// daemon's client; tests use an in-process simulation.
public protocol ConsoleBackend: Sendable {
    /// Runs one console command line on a device and returns when it has finished (a ping
    /// waits for its replies in simulated time). Throws only when the simulation cannot be
    /// reached; a command that fails is a reply with `succeeded` false.
    func execute(_ line: String, device: String) async throws -> CommandReply

    /// The simulation's events from now on, until the simulation stops.
    func events() async throws -> AsyncThrowingStream<LogEntry, any Error>
}

/// What a command printed, and whether it succeeded.
public struct CommandReply: Sendable, Equatable {
    public var output: String
    public var succeeded: Bool

    public init(output: String, succeeded: Bool) {
        self.output = output
        self.succeeded = succeeded
    }
}
