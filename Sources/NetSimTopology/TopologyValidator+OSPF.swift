import NetSimEngine
import NetSimOSPF
import NetSimWire

/// OSPF rules: only routers run it, an interface in OSPF has an address, timers make sense, and
/// every OSPF router has a router ID of its own.
extension TopologyValidator {
    mutating func checkOSPF() {
        /// The first OSPF router to use each router ID.
        var routerIDs: [IPv4Address: DeviceSpec] = [:]
        for device in spec.devices where !gaps.devicesWithUnknownKind.contains(device.name) {
            if device.kind == .router {
                checkOSPFRouter(device, routerIDs: &routerIDs)
            } else {
                checkNoRoutingBlock("ospf", protocolName: "OSPF", on: device)
            }
        }
    }

    private mutating func checkOSPFRouter(_ device: DeviceSpec, routerIDs: inout [IPv4Address: DeviceSpec]) {
        guard device.runsOSPF else { return }
        for interface in device.interfaces {
            guard let block = interface.ospf, !block.excluded else { continue }
            let port = interface.endpoint(of: device)
            // An `ip` that did not parse has been reported; "needs an address" would repeat it.
            if interface.address == nil, interface.valueLocations["ip"] == nil {
                report("OSPF needs an IP address on the interface; '\(port)' has none",
                       at: interface.valueLocations["ospf"] ?? interface.location,
                       hint: "add 'ip:' to '\(port)', or remove its 'ospf' block")
            }
            let hello = block.effectiveHelloInterval
            if let dead = block.deadInterval, dead <= UInt32(hello) {
                report("dead interval \(dead) of '\(port)' must be greater than its hello interval \(hello)",
                       at: block.valueLocations["dead"] ?? block.location,
                       hint: "a neighbour is declared down after 'dead' seconds without a Hello; "
                           + "the default is 4 x hello (\(4 * UInt32(hello)))")
            }
        }
        checkOSPFRouterID(of: device, routerIDs: &routerIDs)
    }

    /// The router ID is `router_id` or the highest interface address; it must exist and be unique
    /// among OSPF routers.
    private mutating func checkOSPFRouterID(of device: DeviceSpec, routerIDs: inout [IPv4Address: DeviceSpec]) {
        // With `router_id` or an address unreadable, the ID worked out here would be a guess.
        let derived = device.routerID == nil
        if derived, device.valueLocations["router_id"] != nil
            || gaps.devicesWithIncompleteInterfaces.contains(device.name)
            || device.interfaces.contains(where: { $0.address == nil && $0.valueLocations["ip"] != nil }) {
            return
        }
        guard let routerID = device.protocolRouterID else {
            report("OSPF router '\(device.name)' has no router ID", at: Self.ospfLocation(of: device),
                   hint: "set 'router_id', or give one of its interfaces an IP address")
            return
        }
        guard let first = routerIDs[routerID] else {
            routerIDs[routerID] = device
            return
        }
        var hint = "each OSPF router needs its own router ID; '\(first.name)' \(Self.routerIDSource(of: first))"
        if derived {
            hint += "; '\(device.name)' has no 'router_id' and so takes its highest interface address"
        }
        report("OSPF router ID \(routerID) of '\(device.name)' is already used by '\(first.name)'",
               at: device.valueLocations["router_id"] ?? Self.ospfLocation(of: device), hint: hint)
    }

    /// Where a router's OSPF is switched on: its `ospf` block, else its first interface block.
    private static func ospfLocation(of device: DeviceSpec) -> SourceLocation {
        device.valueLocations["ospf"]
            ?? device.interfaces.lazy.compactMap { $0.valueLocations["ospf"] }.first
            ?? device.location
    }

    /// "sets it at file:line:col", or how it came by it, for hints about a repeated router ID.
    private static func routerIDSource(of device: DeviceSpec) -> String {
        guard device.routerID != nil else {
            return "has no 'router_id' and takes it from its highest interface address"
        }
        return "sets it at \(device.valueLocations["router_id"] ?? device.location)"
    }
}
