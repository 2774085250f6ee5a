import NetSimEngine
import NetSimWire
import Yams

/// Readers for each kind of entry in a topology file. An entry whose identity (its name, a
/// route's prefix, ...) cannot be read is dropped after its other fields have been checked, so
/// their errors are reported too.
extension TopologyReader {
    /// The whole document; nil when the root is not a mapping.
    mutating func readTopology(_ root: Node) -> TopologySpec? {
        guard let fields = fields(of: root, as: .topology) else { return nil }
        let name = required("name", in: fields, of: .topology).flatMap { string($0, for: "name") }
        let description = fields["description"].flatMap { string($0, for: "description") }
        let policies = fields["policies"].flatMap { readPolicies($0) }

        var devices: [DeviceSpec] = []
        if let node = required("devices", in: fields, of: .topology), let items = list(node, for: "devices") {
            devices = items.compactMap { readDevice($0) }
            // Entries were there but none could be read: "no devices" would be misleading.
            if devices.isEmpty && !items.isEmpty { gaps.devicesUnreadable = true }
        } else {
            gaps.devicesUnreadable = true
        }
        var links: [LinkSpec] = []
        if let node = fields["links"], let items = list(node, for: "links") {
            for item in items {
                if let link = readLink(item, index: links.count) { links.append(link) }
            }
        }
        let script = fields["script"].flatMap { list($0, for: "script") }?.compactMap { readScriptStep($0) } ?? []

        var spec = TopologySpec(name: name ?? "", description: description, devices: devices, links: links,
                                script: script)
        spec.policies = policies
        spec.location = fields.location
        spec.valueLocations = fields.valueLocations
        return spec
    }

    mutating func readDevice(_ node: Node) -> DeviceSpec? {
        guard let fields = fields(of: node, as: .device) else { return nil }
        let name = required("name", in: fields, of: .device).flatMap { string($0, for: "name") }
        let kind: DeviceKind? = required("type", in: fields, of: .device).flatMap {
            choice($0, for: "type", what: "device type")
        }
        let routerID = fields["router_id"].flatMap { ipv4($0, for: "router_id") }

        var interfaces: [InterfaceSpec] = []
        var interfacesComplete = true
        if let node = fields["interfaces"] {
            if let items = list(node, for: "interfaces") {
                for item in items {
                    if let interface = readInterface(item) {
                        interfaces.append(interface)
                    } else {
                        interfacesComplete = false
                    }
                }
            } else {
                interfacesComplete = false
            }
        }
        let routes = fields["routes"].flatMap { list($0, for: "routes") }?.compactMap { readRoute($0) } ?? []
        let ospf = fields["ospf"].flatMap { readRouterOSPF($0) }
        let isis = fields["isis"].flatMap { readRouterISIS($0) }
        let bgp = fields["bgp"].flatMap { readRouterBGP($0) }
        let policies = fields["policies"].flatMap { readPolicies($0) }

        guard let name else { return nil }
        if !interfacesComplete { gaps.devicesWithIncompleteInterfaces.insert(name) }
        if kind == nil { gaps.devicesWithUnknownKind.insert(name) }
        // A device of unknown kind stays as a placeholder router; see `ParseGaps`.
        var device = DeviceSpec(name: name, kind: kind ?? .router, routerID: routerID, interfaces: interfaces,
                                staticRoutes: routes, ospf: ospf, location: fields.location)
        device.isis = isis
        device.bgp = bgp
        device.policies = policies
        device.valueLocations = fields.valueLocations
        return device
    }

    mutating func readInterface(_ node: Node) -> InterfaceSpec? {
        guard let fields = fields(of: node, as: .interface) else { return nil }
        let name = required("name", in: fields, of: .interface).flatMap { string($0, for: "name") }
        let address = fields["ip"].flatMap { interfaceAddress($0, for: "ip") }
        let gateway = fields["gateway"].flatMap { ipv4($0, for: "gateway") }
        let shutdown = fields["shutdown"].flatMap { bool($0, for: "shutdown") } ?? false
        let ospf = fields["ospf"].flatMap { readInterfaceOSPF($0) }
        let isis = fields["isis"].flatMap { readInterfaceISIS($0) }

        var switchport: SwitchportSpec?
        if let vlan = fields["vlan"].flatMap({ integer($0, for: "vlan", in: 1...4094, what: "VLAN") }) {
            switchport = .access(vlan: UInt16(vlan))
        }
        if let trunkNode = fields["trunk"] {
            if fields["vlan"] != nil {
                report("an interface is either an access port ('vlan') or a trunk ('trunk'), not both",
                       at: trunkNode)
            } else if let vlans = trunkVLANs(trunkNode) {
                switchport = .trunk(vlans: vlans)
            }
        }

        guard let name else { return nil }
        var interface = InterfaceSpec(name: name, address: address, gateway: gateway, switchport: switchport,
                                      shutdown: shutdown, ospf: ospf, location: fields.location)
        interface.isis = isis
        interface.valueLocations = fields.valueLocations
        return interface
    }

    private mutating func trunkVLANs(_ node: Node) -> [UInt16]? {
        guard let items = list(node, for: "trunk") else { return nil }
        if items.isEmpty {
            report("a trunk must carry at least one VLAN", at: node, hint: "e.g. trunk: [10, 20]")
            return nil
        }
        var vlans: [UInt16] = []
        for item in items {
            guard let vlan = integer(item, for: "trunk", in: 1...4094, what: "VLAN") else { continue }
            if vlans.contains(UInt16(vlan)) {
                report("VLAN \(vlan) is listed twice in this trunk", at: item)
            } else {
                vlans.append(UInt16(vlan))
            }
        }
        return vlans
    }

    mutating func readRoute(_ node: Node) -> StaticRouteSpec? {
        guard let fields = fields(of: node, as: .route) else { return nil }
        let prefix = required("prefix", in: fields, of: .route).flatMap { routePrefix($0, for: "prefix") }
        let via = fields["via"].flatMap { ipv4($0, for: "via") }
        let interface = fields["interface"].flatMap { string($0, for: "interface") }
        let distance = fields["distance"].flatMap { integer($0, for: "distance", in: 1...255, what: "distance") }

        // A route whose `via` did not parse is dropped too, lest it read as having no next hop.
        guard let prefix, fields["via"] == nil || via != nil else { return nil }
        var route = StaticRouteSpec(prefix: prefix, via: via, interface: interface,
                                    distance: UInt8(distance ?? 1), location: fields.location)
        route.valueLocations = fields.valueLocations
        return route
    }

    /// A link; `index` is the position it will take in `spec.links`, for `ParseGaps`.
    mutating func readLink(_ node: Node, index: Int) -> LinkSpec? {
        guard let fields = fields(of: node, as: .link) else { return nil }
        var endpoints: [EndpointSpec] = []
        var endpointsComplete = true
        if let node = required("endpoints", in: fields, of: .link), let items = list(node, for: "endpoints") {
            for item in items {
                if let endpoint = readEndpoint(item) {
                    endpoints.append(endpoint)
                } else {
                    endpointsComplete = false
                }
            }
        } else {
            endpointsComplete = false
        }
        let delay = fields["delay"].flatMap { duration($0, for: "delay") }
        let loss = fields["loss"].flatMap { lossPercent($0, for: "loss") }
        let mtu = fields["mtu"].flatMap { integer($0, for: "mtu", in: 68...65535, what: "MTU") }

        if !endpointsComplete { gaps.linksWithUnreadableEndpoints.insert(index) }
        var link = LinkSpec(endpoints: endpoints, delay: delay ?? LinkSpec.defaultDelay, lossPercent: loss ?? 0,
                            mtu: mtu ?? LinkSpec.defaultMTU, location: fields.location)
        link.valueLocations = fields.valueLocations
        return link
    }

    /// "device:interface".
    private mutating func readEndpoint(_ node: Node) -> EndpointSpec? {
        if case let .mapping(mapping) = node, mapping.count == 1 {
            // `[r1: eth0]` is YAML for a one-entry mapping, not the string "r1: eth0".
            report("expected an endpoint 'device:interface', found a mapping", at: node,
                   hint: "write endpoints without a space after the colon, e.g. r1:eth0")
            return nil
        }
        guard let text = string(node, for: "endpoints") else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            report("invalid endpoint '\(text)'; expected 'device:interface'", at: node, hint: "e.g. r1:eth0")
            return nil
        }
        return EndpointSpec(device: String(parts[0]), interface: String(parts[1]), location: location(of: node))
    }

    mutating func readScriptStep(_ node: Node) -> ScriptStep? {
        guard let fields = fields(of: node, as: .scriptStep) else { return nil }
        let time = required("at", in: fields, of: .scriptStep).flatMap { scriptTime($0, for: "at") }
        let device = required("device", in: fields, of: .scriptStep).flatMap { string($0, for: "device") }
        var command = required("command", in: fields, of: .scriptStep).flatMap { string($0, for: "command") }
        if let text = command, text.strippingBlanks().isEmpty {
            report("'command' must not be empty", at: fields.location(of: "command"))
            command = nil
        }

        guard let time, let device, let command else { return nil }
        var step = ScriptStep(at: time, device: device, command: command, location: fields.location)
        step.valueLocations = fields.valueLocations
        return step
    }
}
