import NetSimEngine
import NetSimWire

/// Per-device rules: what each kind of device may configure, interface addressing, and static
/// routes.
extension TopologyValidator {
    mutating func checkDevice(_ device: DeviceSpec) {
        // With its type unreadable, a device's kind is a placeholder; kind rules would guess.
        let kind: DeviceKind? = gaps.devicesWithUnknownKind.contains(device.name) ? nil : device.kind
        if let kind, kind != .router, device.routerID != nil {
            report("'router_id' is only allowed on routers; '\(device.name)' is a \(kind.rawValue)",
                   at: device.valueLocations["router_id"] ?? device.location)
        }
        if kind == .switch, !device.staticRoutes.isEmpty {
            report("static routes are not allowed on switch '\(device.name)'; a switch has no IP stack",
                   at: device.valueLocations["routes"] ?? device.location)
        }
        for interface in device.interfaces {
            if let kind { checkKindRules(interface, of: device, kind: kind) }
            checkAddressing(interface, of: device, kind: kind)
        }
        for route in device.staticRoutes {
            checkRoute(route, of: device)
        }
    }

    /// Switch ports bridge and carry VLANs; host and router interfaces carry IP.
    private mutating func checkKindRules(_ interface: InterfaceSpec, of device: DeviceSpec, kind: DeviceKind) {
        let port = "'\(device.name):\(interface.name)'"
        func at(_ key: String) -> SourceLocation { interface.valueLocations[key] ?? interface.location }
        switch kind {
        case .switch:
            if Interface.isLoopbackName(interface.name) {
                report("switch port \(port) has a loopback's name; a switch has no IP stack and no loopback",
                       at: interface.location, hint: "name switch ports e.g. eth0, port1")
            }
            if interface.address != nil {
                report("switch port \(port) must not have an IP address; a switch only bridges frames", at: at("ip"),
                       hint: "put addresses on the hosts and routers attached to the switch")
            }
            if interface.gateway != nil {
                report("switch port \(port) must not have a gateway; a switch only bridges frames",
                       at: at("gateway"))
            }
        case .host, .router:
            if kind == .router, interface.gateway != nil {
                report("'gateway' is only allowed on hosts; \(port) belongs to a router", at: at("gateway"),
                       hint: "routers use static routes, e.g. routes: [{prefix: 0.0.0.0/0, via: 10.0.0.1}]")
            }
            switch interface.switchport {
            case .access:
                report("'vlan' is only allowed on switch ports; \(port) belongs to a \(kind.rawValue)", at: at("vlan"))
            case .trunk:
                report("'trunk' is only allowed on switch ports; \(port) belongs to a \(kind.rawValue)",
                       at: at("trunk"))
            case nil:
                break
            }
        }
    }

    /// The interface address is a usable host address and a host's gateway is on its subnet.
    private mutating func checkAddressing(_ interface: InterfaceSpec, of device: DeviceSpec, kind: DeviceKind?) {
        guard let address = interface.address else { return }
        let port = "'\(device.name):\(interface.name)'"
        let subnet = address.prefix
        if address.isNetworkOrBroadcast {
            let role = address.address == subnet.network ? "network" : "broadcast"
            let first = IPv4Address(subnet.network.value + 1), last = IPv4Address(subnet.broadcast.value - 1)
            report("\(address) is the \(role) address of \(subnet) and cannot be used on \(port)",
                   at: interface.valueLocations["ip"] ?? interface.location,
                   hint: "host addresses in \(subnet) run from \(first) to \(last)")
        }
        // Only a host's gateway is meaningful; other kinds have been told not to have one.
        guard kind == .host, let gateway = interface.gateway else { return }
        let location = interface.valueLocations["gateway"] ?? interface.location
        if !subnet.contains(gateway) {
            report("gateway \(gateway) of \(port) is not inside its subnet \(subnet)", at: location,
                   hint: "a gateway must be directly reachable: use an address in \(subnet)")
        } else if gateway == address.address {
            report("gateway \(gateway) of \(port) is the interface's own address", at: location,
                   hint: "use the address of the router on \(subnet)")
        }
    }

    /// A static route has somewhere to go, its gateway is another device, and an interface it
    /// names exists.
    private mutating func checkRoute(_ route: StaticRouteSpec, of device: DeviceSpec) {
        if route.via == nil && route.interface == nil {
            report("static route to \(route.prefix) on '\(device.name)' needs 'via' or 'interface'",
                   at: route.location, hint: "e.g. {prefix: \(route.prefix), via: 10.0.0.1}")
        }
        if let via = route.via, device.interfaces.contains(where: { $0.address?.address == via }) {
            report("static route to \(route.prefix): gateway \(via) is an address of '\(device.name)' itself",
                   at: route.valueLocations["via"] ?? route.location,
                   hint: "use the address of the neighbouring router on that subnet")
        }
        guard let name = route.interface, !gaps.devicesWithIncompleteInterfaces.contains(device.name),
              !device.interfaces.contains(where: { $0.name == name }) else { return }
        report("static route to \(route.prefix): device '\(device.name)' has no interface '\(name)'",
               at: route.valueLocations["interface"] ?? route.location, hint: Self.declaredInterfaces(of: device))
    }

    /// "'r3' declares interfaces eth0, eth1", for hints about missing interfaces.
    static func declaredInterfaces(of device: DeviceSpec) -> String {
        device.interfaces.isEmpty
            ? "'\(device.name)' declares no interfaces"
            : "'\(device.name)' declares interfaces \(device.interfaces.map(\.name).joined(separator: ", "))"
    }
}
