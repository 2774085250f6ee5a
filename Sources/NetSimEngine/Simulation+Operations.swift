import NetSimRouting
import NetSimWire

/// Changes an operator makes to a running network: interface administrative state and static
/// routes. Each takes effect at the current simulated time and the network reacts from there.
extension Simulation {
    public enum OperationError: Error, Equatable, CustomStringConvertible {
        case unknownInterface(device: String, interface: String, known: [String])
        case notRoutingDevice(String)
        case noSuchRoute(String)
        case invalidRoute(String)

        public var description: String {
            switch self {
            case let .unknownInterface(device, interface, known):
                "\(device) has no interface '\(interface)' (interfaces: \(known.joined(separator: ", ")))"
            case let .notRoutingDevice(device): "\(device) is a switch and has no routing table"
            case let .noSuchRoute(text): "no static route \(text)"
            case let .invalidRoute(text): text
            }
        }
    }

    public func interfaceIndex(device: Int, named name: String) throws(OperationError) -> Int {
        let owner = devices[device]
        guard let index = owner.interfaceIndex(named: name) else {
            throw .unknownInterface(device: owner.name, interface: name, known: owner.interfaces.map(\.name))
        }
        return index
    }

    /// Sets an interface administratively up or down. Returns false when it already was.
    @discardableResult
    public func setAdminState(device: Int, interface: Int, up: Bool) -> Bool {
        let owner = devices[device]
        guard owner.interfaces[interface].adminUp != up else { return false }
        owner.interfaces[interface].adminUp = up
        log(.interface, owner.name, "interface \(owner.interfaces[interface].name) " + (up ? "admin-up" : "admin-down"))
        // Operational state (and so routing) changes only for a cabled interface or a loopback.
        if let link = owner.interfaces[interface].link {
            refreshOperState(link: link)
        } else if owner.interfaces[interface].isLoopback {
            refreshOperState(device: device, interface: interface)
        }
        return true
    }

    /// Adds a static route (replacing one with the same prefix, gateway, interface and distance).
    public func addStaticRoute(device: Int, _ route: StaticRoute) throws(OperationError) {
        let owner = devices[device]
        guard owner.hasIPStack else { throw .notRoutingDevice(owner.name) }
        if let gateway = route.gateway, owner.ownsAddress(gateway) {
            throw .invalidRoute("gateway \(gateway) is an address of \(owner.name) itself")
        }
        owner.staticRoutes.removeAll { $0 == route }
        owner.staticRoutes.append(route)
        if started { reselectRoutes(owner) }
    }

    /// Removes static routes for a prefix: those through `gateway` only, when given. Returns how
    /// many were removed.
    @discardableResult
    public func removeStaticRoute(device: Int, prefix: IPv4Prefix, gateway: IPv4Address?) throws(OperationError) -> Int {
        let owner = devices[device]
        guard owner.hasIPStack else { throw .notRoutingDevice(owner.name) }
        let before = owner.staticRoutes.count
        owner.staticRoutes.removeAll { $0.prefix == prefix && (gateway == nil || $0.gateway == gateway) }
        let removed = before - owner.staticRoutes.count
        guard removed > 0 else { throw .noSuchRoute("\(prefix)" + (gateway.map { " via \($0)" } ?? "")) }
        if started { reselectRoutes(owner) }
        return removed
    }

    /// Live ARP entries of a device: address, MAC, interface index, age.
    public func arpEntries(device: Int) -> [(address: IPv4Address, mac: MACAddress, interface: Int, age: SimTime)] {
        devices[device].arp.liveEntries(now: now).map { ($0.0, $0.1.mac, $0.1.interface, now - $0.1.learnedAt) }
    }

    /// Live MAC table entries of a switch: VLAN, MAC, port index, age.
    public func macEntries(device: Int) -> [(vlan: UInt16, mac: MACAddress, port: Int, age: SimTime)] {
        devices[device].macTable.liveEntries(now: now).map { ($0.0.vlan, $0.0.mac, $0.1.port, now - $0.1.lastSeen) }
    }
}

extension Simulation {
    /// Addresses a device is still resolving, with the interface each is being asked on.
    public func arpPending(device: Int) -> [(address: IPv4Address, interface: Int)] {
        devices[device].arp.pending.map { ($0.key, $0.value.interface) }.sorted { $0.address < $1.address }
    }

    /// "device:interface" of every other endpoint on an interface's link.
    public func peers(device: Int, interface: Int) -> [String] {
        guard let link = devices[device].interfaces[interface].link else { return [] }
        return links[link].endpoints
            .filter { $0.device != device || $0.interface != interface }
            .map { "\(devices[$0.device].name):\(devices[$0.device].interfaces[$0.interface].name)" }
    }
}
