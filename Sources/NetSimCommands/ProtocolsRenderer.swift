import NetSimEngine
import NetSimISIS
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// `show ip protocols`: the routing protocols a device runs. For OSPF: router ID, areas with
/// their interface counts, ABR/ASBR role, redistribution, SPF runs, the networks it routes
/// for, passive interfaces, where its routes come from (the fully adjacent neighbors, at
/// distance 110) and the distances of every route source. Without OSPF it says that only
/// connected and static routing is active.
/// JSON: `{ospf: {router_id, areas: [{area, interfaces}], abr, asbr, redistribute: [{source,
/// metric, metric_type}], spf_runs, last_spf_ms, networks: [{prefix, area}], passive_interfaces,
/// sources: [{router_id, distance}]} | null, isis: {system_id, areas, level, metric_style,
/// leak_l2_to_l1, circuits: [{interface, levels, passive}], spf_runs, sources: [{system_id,
/// distance}]} | null, distances: {connected, static, ospf?, isis?}}`. For IS-IS: system ID,
/// areas, level, metric style, leaking, the circuits and the Up neighbors as sources at 115.
enum ProtocolsRenderer {
    static func render(device: Device, wantsJSON: Bool) -> CommandResult {
        var sources: [RouteSource] = [.connected, .static]
        var lines: [String] = []
        var ospfJSON = JSONValue.null, isisJSON = JSONValue.null
        if let instance = device.ospf {
            sources.append(.ospf)
            (lines, ospfJSON) = ospf(instance)
        }
        if let instance = device.isis {
            sources.append(.isis)
            let (isisLines, json) = isis(instance)
            lines += (lines.isEmpty ? [] : [""]) + isisLines
            isisJSON = json
        }
        if lines.isEmpty {
            lines.append("No dynamic routing protocol is running on \(device.name); "
                         + "only connected and static routing is active")
        }
        let distances = sources.map { "\($0) \($0.defaultDistance)" }.joined(separator: ", ")
        lines += ["", "Administrative distances: \(distances)"]
        let json = JSONValue.object([
            "ospf": ospfJSON,
            "isis": isisJSON,
            "distances": .object(Dictionary(uniqueKeysWithValues: sources.map {
                ($0.description, JSONValue.integer($0.defaultDistance))
            })),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }

    private static func ospf(_ instance: OSPFInstance) -> ([String], JSONValue) {
        let abr = instance.isAreaBorderRouter, asbr = instance.configuration.isASBoundaryRouter
        var lines = ["Routing Protocol is \"ospf\"",
                     "  Router ID \(instance.routerID)",
                     "  It is \(abr ? "an" : "not an") area border router and \(asbr ? "an" : "not an") "
                         + "autonomous system boundary router"]
        let areaCounts = instance.areaIDs.map { area in (area, instance.interfaces.filter { $0.area == area }.count) }
        lines.append("  Number of areas in this router is \(areaCounts.count):")
        lines += areaCounts.map { "    \($0.0) (\($0.1) interface\($0.1 == 1 ? "" : "s"))" }
        let redistribute = instance.configuration.redistribute
        if redistribute.isEmpty {
            lines.append("  Redistributing: nothing")
        } else {
            lines.append("  Redistributing: " + redistribute.map {
                "\($0.source.rawValue) (metric \($0.metric), type \($0.isType2 ? 2 : 1))"
            }.joined(separator: ", "))
        }
        lines.append("  " + OSPFFormat.spfHistory(instance))
        lines.append("  Routing for Networks:")
        lines += instance.interfaces.map { "    \($0.address.prefix) area \($0.area)" }
        let passive = instance.interfaces.filter(\.configuration.passive).map(\.name)
        if !passive.isEmpty {
            lines.append("  Passive Interface(s):")
            lines += passive.map { "    \($0)" }
        }
        let gateways = Set(instance.interfaces.flatMap { interface in
            interface.neighbors.filter { $0.state == .full }.map(\.routerID)
        }).sorted()
        lines.append("  Routing Information Sources:")
        var table = TextTable(["Gateway", "Distance"])
        for gateway in gateways { table.add([gateway.description, "\(RouteSource.ospf.defaultDistance)"]) }
        lines += table.text.split(separator: "\n").map { "    " + $0 }
        let json = JSONValue.object([
            "router_id": .string(instance.routerID.description),
            "areas": .array(areaCounts.map { .object(["area": .string($0.0.description), "interfaces": .integer($0.1)]) }),
            "abr": .bool(abr),
            "asbr": .bool(asbr),
            "redistribute": .array(redistribute.map {
                .object(["source": .string($0.source.rawValue), "metric": .integer($0.metric),
                         "metric_type": .integer($0.isType2 ? 2 : 1)])
            }),
            "spf_runs": .integer(instance.spfRuns),
            "last_spf_ms": instance.lastSPFAt.map { .double($0.milliseconds) } ?? .null,
            "networks": .array(instance.interfaces.map {
                .object(["prefix": .string($0.address.prefix.description), "area": .string($0.area.description)])
            }),
            "passive_interfaces": .array(passive.map { .string($0) }),
            "sources": .array(gateways.map {
                .object(["router_id": .string($0.description), "distance": .integer(RouteSource.ospf.defaultDistance)])
            }),
        ])
        return (lines, json)
    }

    private static func isis(_ instance: ISISInstance) -> ([String], JSONValue) {
        let configuration = instance.configuration
        var lines = ["Routing Protocol is \"isis\"",
                     "  System ID \(instance.systemID), area \(configuration.areas.map(\.description).joined(separator: " "))",
                     "  IS type \(configuration.level), \(configuration.metricStyle.rawValue) metrics"
                         + (configuration.leakL2IntoL1 ? ", leaking level 2 into level 1" : ""),
                     "  SPF algorithm executed \(instance.spfRuns) times"
                         + (instance.lastSPFAt.map { ", last at t=\($0)" } ?? ""),
                     "  Routing for Interfaces:"]
        lines += instance.circuits.map { "    \($0.name) (\($0.levels)\($0.configuration.passive ? ", passive" : ""))" }
        let sources = Set(instance.circuits.flatMap { circuit in
            circuit.levels.levels.flatMap { circuit.upAdjacencies($0) }.map(\.systemID)
        }).sorted()
        lines.append("  Routing Information Sources:")
        var table = TextTable(["Gateway", "Distance"])
        for source in sources {
            table.add([instance.displayName(source), "\(RouteSource.isis.defaultDistance)"])
        }
        lines += table.text.split(separator: "\n").map { "    " + $0 }
        let json = JSONValue.object([
            "system_id": .string(instance.systemID.description),
            "areas": .array(configuration.areas.map { .string($0.description) }),
            "level": .string(configuration.level.description),
            "metric_style": .string(configuration.metricStyle.rawValue),
            "leak_l2_to_l1": .bool(configuration.leakL2IntoL1),
            "circuits": .array(instance.circuits.map {
                .object(["interface": .string($0.name), "levels": .string($0.levels.description),
                         "passive": .bool($0.configuration.passive)])
            }),
            "spf_runs": .integer(instance.spfRuns),
            "sources": .array(sources.map {
                .object(["system_id": .string($0.description), "distance": .integer(RouteSource.isis.defaultDistance)])
            }),
        ])
        return (lines, json)
    }
}
