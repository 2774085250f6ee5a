import NetSimEngine
import NetSimISIS

/// `show isis route`: the routes each level's SPF produced (before the choice between levels
/// and against other sources), prefix order, with metric, next hops and, for a prefix that came
/// down from level 2, the routers that leaked it.
/// JSON: `[{level, prefix, metric, down, next_hops: [{address, interface}], origins}]`.
enum ISISRouteRenderer {
    static func render(_ instance: ISISInstance, device: Device, wantsJSON: Bool) -> CommandResult {
        var blocks: [String] = []
        var rows: [JSONValue] = []
        for level in instance.levels {
            var table = TextTable(["Prefix", "Metric", "Next Hop", "Interface", "Origin"])
            let routes = (instance.levelRoutes[level] ?? [:]).values.sorted { $0.prefix < $1.prefix }
            for route in routes {
                let origin = route.origins.map(instance.displayName).joined(separator: ",") + (route.down ? " (leaked)" : "")
                for (index, hop) in route.nextHops.enumerated() {
                    table.add([index == 0 ? route.prefix.description : "", index == 0 ? "\(route.metric)" : "",
                               hop.address?.description ?? "-", device.interfaces[hop.interface].name,
                               index == 0 ? origin : ""])
                }
                rows.append(.object([
                    "level": .integer(level.rawValue),
                    "prefix": .string(route.prefix.description),
                    "metric": .integer(route.metric),
                    "down": .bool(route.down),
                    "next_hops": .array(route.nextHops.map { hop in
                        .object(["address": .optional(hop.address?.description),
                                 "interface": .string(device.interfaces[hop.interface].name)])
                    }),
                    "origins": .array(route.origins.map { .string(instance.displayName($0)) }),
                ]))
            }
            blocks.append("IS-IS Level-\(level.rawValue) routes:\n" + table.text)
        }
        return CommandResult(text: blocks.joined(separator: "\n\n"), json: .array(rows), wantsJSON: wantsJSON)
    }
}
