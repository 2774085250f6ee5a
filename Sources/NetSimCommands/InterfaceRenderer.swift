import NetSimEngine

/// `show interfaces` (a table) and `show interfaces <name>` (detail with counters).
enum InterfaceRenderer {
    static func render(device: Device, simulation: Simulation, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["Interface", "IP Address", "MAC Address", "Admin", "Status"])
        for interface in device.interfaces {
            table.add([interface.name, address(interface), interface.mac.description,
                       interface.adminUp ? "up" : "down", interface.operUp ? "up" : "down"])
        }
        let rows = JSONValue.array(device.interfaces.indices.map { json(device: device, interface: $0, simulation: simulation) })
        return CommandResult(text: table.text, json: rows, wantsJSON: wantsJSON)
    }

    static func renderDetail(device: Device, interface index: Int, simulation: Simulation, wantsJSON: Bool) -> CommandResult {
        let interface = device.interfaces[index]
        let state = interface.adminUp ? (interface.operUp ? "up" : "down") : "administratively down"
        var lines = ["\(interface.name) is \(state), line protocol is \(interface.operUp ? "up" : "down")",
                     "  Hardware is Ethernet, address is \(interface.mac)"]
        if let address = interface.address { lines.append("  Internet address is \(address)") }
        if let switchport = interface.switchport {
            switch switchport {
            case .access(let vlan): lines.append("  Switchport: access, VLAN \(vlan)")
            case .trunk(let vlans): lines.append("  Switchport: trunk, VLANs \(vlans.map(String.init).joined(separator: ","))")
            }
        }
        if let link = interface.link {
            let peers = simulation.peers(device: device.id, interface: index)
            let medium = simulation.links[link]
            lines.append("  MTU \(medium.mtu) bytes, delay \(medium.delay), loss \(JSONValue.format(medium.lossPercent))%")
            lines.append("  Connected to \(peers.joined(separator: ", "))" + (medium.isPointToPoint ? "" : " (shared segment)"))
        } else {
            lines.append("  Not connected")
        }
        let counters = interface.counters
        lines.append("  \(counters.framesIn) frames input, \(counters.bytesIn) bytes")
        lines.append("  \(counters.framesOut) frames output, \(counters.bytesOut) bytes, \(counters.drops) drops")
        return CommandResult(text: lines.joined(separator: "\n"),
                             json: json(device: device, interface: index, simulation: simulation), wantsJSON: wantsJSON)
    }

    private static func address(_ interface: Interface) -> String {
        if let address = interface.address { return address.description }
        switch interface.switchport {
        case .access(let vlan): return "vlan \(vlan)"
        case .trunk: return "trunk"
        case nil: return "unassigned"
        }
    }

    static func json(device: Device, interface index: Int, simulation: Simulation) -> JSONValue {
        let interface = device.interfaces[index]
        var object: [String: JSONValue] = [
            "name": .string(interface.name),
            "ip": .optional(interface.address?.description),
            "mac": .string(interface.mac.description),
            "admin": .string(interface.adminUp ? "up" : "down"),
            "status": .string(interface.operUp ? "up" : "down"),
            "peers": .array(simulation.peers(device: device.id, interface: index).map { .string($0) }),
            "counters": .object([
                "frames_in": .integer(interface.counters.framesIn), "frames_out": .integer(interface.counters.framesOut),
                "bytes_in": .integer(interface.counters.bytesIn), "bytes_out": .integer(interface.counters.bytesOut),
                "drops": .integer(interface.counters.drops),
            ]),
        ]
        if let link = interface.link { object["mtu"] = .integer(simulation.links[link].mtu) }
        switch interface.switchport {
        case .access(let vlan): object["vlan"] = .integer(vlan)
        case .trunk(let vlans): object["trunk_vlans"] = .array(vlans.map { .integer($0) })
        case nil: break
        }
        return .object(object)
    }
}
