import NetSimRouting

/// One line of the event log: what happened, when, and to whom.
public struct LogEntry: Sendable, Equatable {
    public enum Category: String, Sendable {
        case engine
        case interface
        case route
        case ospf
        case isis
        case bgp
        case command
    }

    public let time: SimTime
    public let category: Category
    public let device: String?
    public let message: String

    public init(time: SimTime, category: Category, device: String?, message: String) {
        self.time = time
        self.category = category
        self.device = device
        self.message = message
    }

    /// The seed's console style: "[t=20ms] Network converged".
    public var text: String {
        "[t=\(time)] " + (device.map { "\($0): " } ?? "") + message
    }
}
