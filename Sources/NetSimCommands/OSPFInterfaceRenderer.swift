import NetSimEngine
import NetSimOSPF
import NetSimWire

/// `show ospf interface [<name>]`: one block per OSPF interface in FRR's layout (address and
/// area, network type and cost, state and priority, DR and BDR, timers, neighbor counts).
/// JSON: an array of `{name, up, address, area, network, cost, state, priority, mtu,
/// designated_router, backup_designated_router, timers, passive, neighbors, adjacent}`.
enum OSPFInterfaceRenderer {
    static func render(_ interfaces: [OSPFInterface], instance: OSPFInstance, device: Device,
                       wantsJSON: Bool) -> CommandResult {
        let blocks = interfaces.map { textBlock($0, instance: instance, device: device) }
        return CommandResult(text: blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n"),
                             json: .array(interfaces.map { json($0, instance: instance, device: device) }),
                             wantsJSON: wantsJSON)
    }

    private static func textBlock(_ interface: OSPFInterface, instance: OSPFInstance, device: Device) -> [String] {
        let settings = interface.configuration
        let network = settings.isLoopback ? "LOOPBACK" : settings.network == .pointToPoint ? "POINTOPOINT" : "BROADCAST"
        var lines = ["\(interface.name) is \(device.interfaces[interface.index].operUp ? "up" : "down")",
                     "  Internet Address \(interface.address), Area \(interface.area), MTU \(interface.mtu)",
                     "  Router ID \(instance.routerID), Network Type \(network), Cost: \(settings.cost)",
                     "  Transmit Delay is \(settings.transmitDelay) sec, State \(interface.state.rawValue), "
                         + "Priority \(settings.priority)"]
        if let dr = elected(interface.designatedRouter, on: interface, instance: instance) {
            lines.append("  Designated Router (ID) \(dr.routerID), Interface Address \(dr.address)")
        } else {
            lines.append("  No designated router on this network")
        }
        if let bdr = elected(interface.backupDesignatedRouter, on: interface, instance: instance) {
            lines.append("  Backup Designated Router (ID) \(bdr.routerID), Interface Address \(bdr.address)")
        } else {
            lines.append("  No backup designated router on this network")
        }
        lines.append("  Timer intervals configured, Hello \(settings.helloInterval)s, Dead \(settings.deadInterval)s, "
                     + "Wait \(settings.deadInterval)s, Retransmit \(settings.retransmitInterval)s")
        if settings.passive { lines.append("    No Hellos (Passive interface)") }
        let counts = neighborCounts(interface)
        lines.append("  Neighbor Count is \(counts.neighbors), Adjacent neighbor count is \(counts.adjacent)")
        return lines
    }

    /// The DR or BDR named by an interface address: its router ID where known ("-" when the
    /// address belongs to no neighbor heard), nil when there is none.
    private static func elected(_ address: IPv4Address, on interface: OSPFInterface,
                                instance: OSPFInstance) -> (routerID: String, address: IPv4Address)? {
        guard address != .zero else { return nil }
        let routerID = OSPFFormat.routerID(at: address, on: interface, instance: instance)
        return (routerID?.description ?? "-", address)
    }

    /// Neighbors heard (past Down) and those fully adjacent.
    static func neighborCounts(_ interface: OSPFInterface) -> (neighbors: Int, adjacent: Int) {
        let neighbors = interface.neighbors
        return (neighbors.filter { $0.state > .down }.count, neighbors.filter { $0.state == .full }.count)
    }

    private static func json(_ interface: OSPFInterface, instance: OSPFInstance, device: Device) -> JSONValue {
        let settings = interface.configuration
        func router(_ address: IPv4Address) -> JSONValue {
            guard address != .zero else { return .null }
            let routerID = OSPFFormat.routerID(at: address, on: interface, instance: instance)
            return .object(["router_id": .optional(routerID?.description), "address": .string(address.description)])
        }
        let counts = neighborCounts(interface)
        return .object([
            "name": .string(interface.name),
            "up": .bool(device.interfaces[interface.index].operUp),
            "address": .string(interface.address.description),
            "area": .string(interface.area.description),
            "network": .string(settings.isLoopback ? "loopback" : settings.network.rawValue),
            "cost": .integer(settings.cost),
            "state": .string(interface.state.rawValue),
            "priority": .integer(settings.priority),
            "mtu": .integer(interface.mtu),
            "designated_router": router(interface.designatedRouter),
            "backup_designated_router": router(interface.backupDesignatedRouter),
            "timers": .object([
                "hello_s": .integer(settings.helloInterval), "dead_s": .integer(settings.deadInterval),
                "wait_s": .integer(settings.deadInterval), "retransmit_s": .integer(settings.retransmitInterval),
                "transmit_delay_s": .integer(settings.transmitDelay),
            ]),
            "passive": .bool(settings.passive),
            "neighbors": .integer(counts.neighbors),
            "adjacent": .integer(counts.adjacent),
        ])
    }
}
