import NetSimWire

/// One port of a device. Administrative state is what the operator set; operational state is
/// whether frames can actually pass (admin up, cabled, carrier present). A loopback is never
/// cabled and is operationally up whenever it is administratively up.
public struct Interface: Sendable {
    public let name: String
    /// `lo` or `lo` followed by digits (`lo0`, `lo1`): a virtual interface, as Linux's `lo`.
    public let isLoopback: Bool
    public let mac: MACAddress
    public var address: InterfaceAddress?
    /// Switch ports only: access VLAN or trunk VLAN list.
    public var switchport: Switchport?
    public internal(set) var adminUp: Bool
    public internal(set) var operUp: Bool = false
    /// The link this interface is cabled to, if any.
    public internal(set) var link: Int?
    public internal(set) var counters = InterfaceCounters()

    public init(name: String, mac: MACAddress, address: InterfaceAddress?, switchport: Switchport? = nil,
                adminUp: Bool = true) {
        self.name = name
        self.isLoopback = Interface.isLoopbackName(name)
        self.mac = mac
        self.address = address
        self.switchport = switchport
        self.adminUp = adminUp
    }

    /// Whether an interface of this name is a loopback: `lo`, or `lo` followed by digits.
    public static func isLoopbackName(_ name: String) -> Bool {
        guard name.hasPrefix("lo") else { return false }
        return name.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }
}

public enum Switchport: Sendable, Equatable {
    case access(vlan: UInt16)
    case trunk(vlans: [UInt16])

    func carries(_ vlan: UInt16) -> Bool {
        switch self {
        case .access(let own): own == vlan
        case .trunk(let vlans): vlans.contains(vlan)
        }
    }
}

public struct InterfaceCounters: Sendable, Equatable {
    public var framesIn: UInt64 = 0
    public var framesOut: UInt64 = 0
    public var bytesIn: UInt64 = 0
    public var bytesOut: UInt64 = 0
    public var drops: UInt64 = 0
}
