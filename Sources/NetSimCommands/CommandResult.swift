import NetSimEngine

/// What a command produced: text for people, the same content as JSON for machines, and
/// whether it succeeded (the exit status of `netsim exec`).
public struct CommandResult: Sendable, Equatable {
    public var text: String
    public var json: JSONValue
    public var succeeded: Bool
    /// The user asked for `--json`.
    public var wantsJSON: Bool

    public init(text: String, json: JSONValue, succeeded: Bool = true, wantsJSON: Bool = false) {
        self.text = text
        self.json = json
        self.succeeded = succeeded
        self.wantsJSON = wantsJSON
    }

    public static func failure(_ error: CommandError, wantsJSON: Bool = false) -> CommandResult {
        CommandResult(text: "% " + error.message, json: .object(["error": .string(error.message)]), succeeded: false,
                      wantsJSON: wantsJSON)
    }

    /// What to print: the JSON when it was asked for, the text otherwise.
    public var output: String { wantsJSON ? json.compact : text }
}

/// A command that keeps running in simulated time (ping, traceroute). The driver advances the
/// simulation until `isFinished` and then collects the result.
public struct PendingCommand: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case ping
        case traceroute
    }

    let kind: Kind
    public let probe: Int
    let wantsJSON: Bool

    public func isFinished(in simulation: Simulation) -> Bool { simulation.isProbeFinished(probe) }

    public func result(in simulation: Simulation) -> CommandResult {
        switch kind {
        case .ping:
            guard let report = simulation.pingReport(probe) else { break }
            return PingRenderer.render(report, wantsJSON: wantsJSON)
        case .traceroute:
            guard let report = simulation.tracerouteReport(probe) else { break }
            return TracerouteRenderer.render(report, wantsJSON: wantsJSON)
        }
        return .failure(CommandError("probe \(probe) has no report"), wantsJSON: wantsJSON)
    }
}

/// How a command started: finished at once, or running in simulated time.
public enum CommandStart: Sendable, Equatable {
    case finished(CommandResult)
    case running(PendingCommand)
}
