import NetSimISIS
import NetSimRouting

/// `show isis neighbors`: one row per adjacency in the seed's layout — system ID, interface,
/// state, level and the holding time left in whole seconds. Circuits in configuration order;
/// on a LAN, level 1 before level 2.
/// JSON: `[{system_id, hostname, interface, state, level, holdtime_ms, snpa, addresses}]`.
enum ISISNeighborRenderer {
    static func render(_ instance: ISISInstance, now: SimTime, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["System ID", "Interface", "State", "Level", "Holdtime"])
        var rows: [JSONValue] = []
        for circuit in instance.circuits {
            for (level, adjacency) in circuit.allAdjacencies {
                let levels = level?.description ?? adjacency.levels.description
                let remaining = max(.zero, adjacency.expiresAt - now)
                table.add([adjacency.systemID.description, circuit.name, adjacency.state.rawValue, levels,
                           "\(remaining.wholeSeconds)s"])
                rows.append(.object([
                    "system_id": .string(adjacency.systemID.description),
                    "hostname": .optional(instance.hostname(of: adjacency.systemID)),
                    "interface": .string(circuit.name),
                    "state": .string(adjacency.state.rawValue),
                    "level": .string(levels),
                    "holdtime_ms": .double(remaining.milliseconds),
                    "snpa": .string(adjacency.mac.description),
                    "addresses": .array(adjacency.addresses.map { .string($0.description) }),
                ]))
            }
        }
        return CommandResult(text: table.text, json: .array(rows), wantsJSON: wantsJSON)
    }
}
