import NetSimISIS

/// `show isis interfaces`: one row per circuit — state, network type (loopbacks as such),
/// levels, metric, Up adjacencies, and on a LAN the DIS of each level ("-" while none).
/// JSON: `[{interface, state, network, levels, metric, passive, priority, hello_s, hold_s,
/// adjacencies, dis: {"1"?: lan_id, "2"?: lan_id}}]`.
enum ISISInterfaceRenderer {
    static func render(_ instance: ISISInstance, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["Interface", "State", "Type", "Level", "Metric", "Adjacencies", "DIS"])
        var rows: [JSONValue] = []
        for circuit in instance.circuits {
            let settings = circuit.configuration
            let type = settings.isLoopback ? "loopback" : circuit.isPointToPoint ? "point-to-point" : "broadcast"
            let adjacencies = circuit.levels.levels.flatMap { circuit.upAdjacencies($0) }.map(\.systemID)
            let count = Set(adjacencies).count
            var dis = "-"
            if circuit.isBroadcast && !settings.passive {
                dis = circuit.levels.levels.map { level in
                    "\(level): " + (circuit.designatedIS[level].map { ISISFormat.vertex($0, instance: instance) } ?? "-")
                }.joined(separator: ", ")
            }
            table.add([circuit.name, circuit.isUp ? "Up" : "Down", type + (settings.passive && !settings.isLoopback
                       ? " (passive)" : ""), circuit.levels.description, "\(settings.metric)",
                       settings.passive ? "passive" : "\(count)", dis])
            var disJSON: [String: JSONValue] = [:]
            for (level, lanID) in circuit.designatedIS { disJSON["\(level.rawValue)"] = .string(lanID.description) }
            rows.append(.object([
                "interface": .string(circuit.name),
                "state": .string(circuit.isUp ? "up" : "down"),
                "network": .string(settings.isLoopback ? "loopback" : settings.network.rawValue),
                "levels": .string(circuit.levels.description),
                "metric": .integer(settings.metric),
                "passive": .bool(settings.passive),
                "priority": .integer(settings.priority),
                "hello_s": .integer(settings.helloInterval),
                "hold_s": .integer(settings.holdTime),
                "adjacencies": .integer(count),
                "dis": .object(disJSON),
            ]))
        }
        return CommandResult(text: table.text, json: .array(rows), wantsJSON: wantsJSON)
    }
}
