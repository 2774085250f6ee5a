import NetSimEngine

/// `show arp` and `show mac address-table`: the layer-2 neighbour tables.
enum NeighborTableRenderer {
    static func renderARP(device: Device, simulation: Simulation, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["IP Address", "MAC Address", "State", "Age", "Interface"])
        var rows: [JSONValue] = []
        for entry in simulation.arpEntries(device: device.id) {
            let name = device.interfaces[entry.interface].name
            table.add([entry.address.description, entry.mac.description, "Resolved", "\(entry.age.wholeSeconds)", name])
            rows.append(.object(["address": .string(entry.address.description), "mac": .string(entry.mac.description),
                                 "state": .string("resolved"), "age_s": .integer(entry.age.wholeSeconds),
                                 "interface": .string(name)]))
        }
        for entry in simulation.arpPending(device: device.id) {
            let name = device.interfaces[entry.interface].name
            table.add([entry.address.description, "-", "Incomplete", "-", name])
            rows.append(.object(["address": .string(entry.address.description), "mac": .null,
                                 "state": .string("incomplete"), "age_s": .null, "interface": .string(name)]))
        }
        return CommandResult(text: table.text, json: .array(rows), wantsJSON: wantsJSON)
    }

    static func renderMACTable(device: Device, simulation: Simulation, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["VLAN", "MAC Address", "Port", "Age"])
        var rows: [JSONValue] = []
        for entry in simulation.macEntries(device: device.id) {
            let port = device.interfaces[entry.port].name
            table.add(["\(entry.vlan)", entry.mac.description, port, "\(entry.age.wholeSeconds)"])
            rows.append(.object(["vlan": .integer(entry.vlan), "mac": .string(entry.mac.description),
                                 "port": .string(port), "age_s": .integer(entry.age.wholeSeconds)]))
        }
        return CommandResult(text: table.text, json: .array(rows), wantsJSON: wantsJSON)
    }
}
