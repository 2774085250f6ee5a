/// One BGP-4 message (RFC 4271 §4) as a value. Sessions exchange these; the codec
/// (`BGPMessage+Codec`) puts them on a TCP stream behind the 16-byte marker, the length and the
/// type, and reads them back.
public enum BGPMessage: Hashable, Sendable {
    case open(BGPOpen)
    case update(BGPUpdate)
    case notification(BGPNotification)
    case keepalive
    /// RFC 2918.
    case routeRefresh(BGPRouteRefresh)

    /// The well-known TCP port of BGP.
    public static let port: UInt16 = 179
    /// Marker, length and type.
    public static let headerLength = 19
    /// The largest message without the extended-message capability (RFC 4271 §4).
    public static let maximumLength = 4096

    public var type: BGPMessageType {
        switch self {
        case .open: .open
        case .update: .update
        case .notification: .notification
        case .keepalive: .keepalive
        case .routeRefresh: .routeRefresh
        }
    }
}

/// The type octet of the message header.
public enum BGPMessageType: UInt8, Hashable, Sendable, CaseIterable {
    case open = 1
    case update = 2
    case notification = 3
    case keepalive = 4
    case routeRefresh = 5
}
