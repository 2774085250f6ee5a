import NetSimWire

/// Names one TCP connection of a simulation. The device that owns the connection is part of
/// the value, so the engine finds it without a global table; numbers are handed out in order
/// per device and never reused in a run.
public struct TCPConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let device: Int
    public let number: UInt32

    init(device: Int, number: UInt32) {
        self.device = device
        self.number = number
    }

    /// One 64-bit value for adapters that keep opaque ids (the device in the high half).
    public var rawValue: UInt64 { UInt64(UInt32(truncatingIfNeeded: device)) << 32 | UInt64(number) }

    public static func < (lhs: TCPConnectionID, rhs: TCPConnectionID) -> Bool {
        (lhs.device, lhs.number) < (rhs.device, rhs.number)
    }

    public var description: String { "tcp#\(device).\(number)" }
}

/// The two ends of a connection, from the owning device's side.
public struct TCPEndpoints: Hashable, Sendable, CustomStringConvertible {
    public var localAddress: IPv4Address
    public var localPort: UInt16
    public var remoteAddress: IPv4Address
    public var remotePort: UInt16

    public init(localAddress: IPv4Address, localPort: UInt16, remoteAddress: IPv4Address, remotePort: UInt16) {
        self.localAddress = localAddress
        self.localPort = localPort
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }

    public var description: String { "\(localAddress):\(localPort) -> \(remoteAddress):\(remotePort)" }
}
