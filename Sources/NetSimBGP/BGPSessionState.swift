/// The states of the RFC 4271 §8 finite state machine, as `show bgp summary` names them.
public enum BGPSessionState: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case idle
    case connect
    case active
    case openSent
    case openConfirm
    case established

    public static func < (lhs: BGPSessionState, rhs: BGPSessionState) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .idle: "Idle"
        case .connect: "Connect"
        case .active: "Active"
        case .openSent: "OpenSent"
        case .openConfirm: "OpenConfirm"
        case .established: "Established"
        }
    }
}
