import NetSimEngine
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
/// sources: [{router_id, distance}]} | null, distances: {connected, static, ospf?}}`.
enum ProtocolsRenderer {
    static func render(device: Device, wantsJSON: Bool) -> CommandResult {
        var sources: [RouteSource] = [.connected, .static]
        var lines: [String] = []
        var ospfJSON = JSONValue.null
        if let instance = device.ospf {
            sources.append(.ospf)
            (lines, ospfJSON) = ospf(instance)
        } else {
            lines.append("No dynamic routing protocol is running on \(device.name); "
                         + "only connected and static routing is active")
        }
        let distances = sources.map { "\($0) \($0.defaultDistance)" }.joined(separator: ", ")
        lines += ["", "Administrative distances: \(distances)"]
        let json = JSONValue.object([
            "ospf": ospfJSON,
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
}
