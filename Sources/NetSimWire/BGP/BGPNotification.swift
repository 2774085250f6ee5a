/// A NOTIFICATION message (RFC 4271 §4.5): the error that closes a session.
public struct BGPNotification: Hashable, Sendable, CustomStringConvertible {
    public var code: UInt8
    public var subcode: UInt8
    public var data: [UInt8]

    public init(code: UInt8, subcode: UInt8 = 0, data: [UInt8] = []) {
        self.code = code
        self.subcode = subcode
        self.data = data
    }

    /// Error codes (RFC 4271 §4.5, RFC 4486 for Cease subcodes).
    public static let messageHeaderError: UInt8 = 1
    public static let openMessageError: UInt8 = 2
    public static let updateMessageError: UInt8 = 3
    public static let holdTimerExpired: UInt8 = 4
    public static let finiteStateMachineError: UInt8 = 5
    public static let cease: UInt8 = 6
    public static let routeRefreshMessageError: UInt8 = 7

    public var codeName: String {
        switch code {
        case Self.messageHeaderError: "Message Header Error"
        case Self.openMessageError: "OPEN Message Error"
        case Self.updateMessageError: "UPDATE Message Error"
        case Self.holdTimerExpired: "Hold Timer Expired"
        case Self.finiteStateMachineError: "Finite State Machine Error"
        case Self.cease: "Cease"
        case Self.routeRefreshMessageError: "ROUTE-REFRESH Message Error"
        default: "Unknown error \(code)"
        }
    }

    public var description: String { subcode == 0 ? codeName : "\(codeName)/\(subcode)" }
}
