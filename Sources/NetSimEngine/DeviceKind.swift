/// What a device is: a router forwards IP between its interfaces, a host only sends and receives,
/// a switch bridges Ethernet frames between its ports and has no IP stack of its own.
public enum DeviceKind: String, Sendable, CaseIterable {
    case router
    case host
    case `switch`
}
