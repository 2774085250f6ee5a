/// Why a client could not do what it was asked. The descriptions are the messages users see.
public enum DaemonClientError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case notRunning(String)
    case stale(name: String, pid: Int32)
    case alreadyRunning(name: String, pid: Int32)
    case connection(String)
    case protocolError(String)
    /// The daemon answered with an error status; `message` is its JSON error.
    case api(status: Int, message: String)
    /// A capture the daemon would not start (HTTP 400): the request's `field` (filter, format or
    /// file) and every problem with it, as `netsim run --pcap` reports them.
    case invalidCapture(field: String, problems: [String])

    public var description: String {
        switch self {
        case .invalidName(let name):
            "'\(name)' is not a valid daemon name (use letters, digits, '.', '_' and '-', at most 64, not starting with '.')"
        case .notRunning(let name):
            "no daemon named '\(name)' is running (start one with: netsim daemon start \(name) TOPOLOGY.yaml)"
        case let .stale(name, pid):
            "daemon '\(name)' is not running (PID \(pid) is gone; 'netsim daemon list --clean' removes its files)"
        case let .alreadyRunning(name, pid):
            "a daemon named '\(name)' is already running (PID \(pid)); stop it first or choose another name"
        case .connection(let text): text
        case .protocolError(let text): "unexpected reply from the daemon: \(text)"
        case let .api(status, message): "\(message) (HTTP \(status))"
        case let .invalidCapture(field, problems): problems.map { "\(field): \($0)" }.joined(separator: "\n")
        }
    }
}
