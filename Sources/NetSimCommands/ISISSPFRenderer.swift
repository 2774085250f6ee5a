import NetSimEngine
import NetSimISIS

/// `show isis spf`: each level's shortest-path tree from the last run — every vertex reached
/// (routers by hostname, pseudonodes as "name.NN") with its distance, first hops and parents.
/// JSON: `{runs, last_run_ms, levels: [{level, vertices: [{vertex, metric, next_hops:
/// [{address, interface}], parents}]}]}`.
enum ISISSPFRenderer {
    static func render(_ instance: ISISInstance, device: Device, wantsJSON: Bool) -> CommandResult {
        var blocks: [String] = []
        var levels: [JSONValue] = []
        for level in instance.levels {
            var table = TextTable(["Vertex", "Metric", "Next Hop", "Interface", "Parent"])
            var vertices: [JSONValue] = []
            for node in instance.spfResults[level] ?? [] {
                let name = ISISFormat.vertex(node.node, instance: instance)
                let parents = node.parents.map { ISISFormat.vertex($0, instance: instance) }.joined(separator: ",")
                let hops = node.nextHops.isEmpty ? [nil] : node.nextHops.map(Optional.init)
                for (index, hop) in hops.enumerated() {
                    table.add([index == 0 ? name : "", index == 0 ? "\(node.metric)" : "",
                               hop?.address?.description ?? "-",
                               hop.map { device.interfaces[$0.interface].name } ?? "-", index == 0 ? parents : ""])
                }
                vertices.append(.object([
                    "vertex": .string(name),
                    "metric": .integer(node.metric),
                    "next_hops": .array(node.nextHops.map { hop in
                        .object(["address": .optional(hop.address?.description),
                                 "interface": .string(device.interfaces[hop.interface].name)])
                    }),
                    "parents": .array(node.parents.map { .string(ISISFormat.vertex($0, instance: instance)) }),
                ]))
            }
            blocks.append("IS-IS Level-\(level.rawValue) SPF tree from \(instance.configuration.hostname):\n" + table.text)
            levels.append(.object(["level": .integer(level.rawValue), "vertices": .array(vertices)]))
        }
        blocks.append("SPF runs: \(instance.spfRuns)"
                      + (instance.lastSPFAt.map { ", last at \($0)" } ?? ""))
        let json = JSONValue.object([
            "runs": .integer(instance.spfRuns),
            "last_run_ms": instance.lastSPFAt.map { .double($0.milliseconds) } ?? .null,
            "levels": .array(levels),
        ])
        return CommandResult(text: blocks.joined(separator: "\n\n"), json: json, wantsJSON: wantsJSON)
    }
}
