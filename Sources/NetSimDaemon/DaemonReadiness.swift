import Foundation
import NetSimCommands

/// The one line a daemon worker writes to the launcher on its standard output before detaching:
/// `ready {...}` with what `daemon start` prints, or `error "..."` with why it could not start.
public enum DaemonReadiness: Sendable, Equatable {
    case ready(pid: Int32, convergedMilliseconds: Double, devices: Int, socket: String, listen: String?)
    case failed(String)

    public var line: String {
        switch self {
        case let .ready(pid, converged, devices, socket, listen):
            "ready " + JSONValue.object(["pid": .integer(pid), "converged_ms": .double(converged),
                                         "devices": .integer(devices), "socket": .string(socket),
                                         "listen": .optional(listen)]).compact
        case .failed(let message):
            "error " + JSONValue.string(message).compact
        }
    }

    /// Reads the last readiness line of what the worker printed; nil when there is none (it died).
    public static func parse(_ output: String) -> DaemonReadiness? {
        for line in output.split(separator: "\n").reversed() {
            if line.hasPrefix("ready "), let value = decode(line.dropFirst(6)),
               let pid = value["pid"].flatMap(number), let converged = value["converged_ms"].flatMap(number),
               let devices = value["devices"].flatMap(number), let socket = value["socket"]?.stringValue {
                return .ready(pid: Int32(pid), convergedMilliseconds: converged, devices: Int(devices), socket: socket,
                              listen: value["listen"]?.stringValue)
            }
            if line.hasPrefix("error "), let message = decode(line.dropFirst(6))?.stringValue {
                return .failed(message)
            }
        }
        return nil
    }

    private static func decode(_ text: Substring) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
