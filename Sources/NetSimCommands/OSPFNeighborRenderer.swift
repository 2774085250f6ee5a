import NetSimOSPF
import NetSimRouting

/// `show ospf neighbors`: FRR's table, one row per neighbor, interfaces in configuration order
/// and neighbors by address. The state carries the neighbor's role on broadcast segments
/// ("Full/DR", "2-Way/DROther") and "-" on point-to-point links ("Full/-"); the dead time
/// counts down to the moment the neighbor is declared down unless another Hello arrives.
/// JSON: `[{neighbor_id, interface, state, role, priority, address, dead_time_ms}]`.
enum OSPFNeighborRenderer {
    static func render(_ instance: OSPFInstance, now: SimTime, wantsJSON: Bool) -> CommandResult {
        var table = TextTable(["Neighbor ID", "Pri", "State", "Dead Time", "Address", "Interface"])
        var rows: [JSONValue] = []
        for interface in instance.interfaces {
            for neighbor in interface.neighbors {
                let role = OSPFFormat.role(of: neighbor, on: interface)
                let remaining = neighbor.deadline - now
                table.add([neighbor.routerID.description, "\(neighbor.priority)",
                           neighbor.state.rawValue + "/" + (role ?? "-"), OSPFFormat.seconds(remaining),
                           neighbor.address.description, interface.name])
                rows.append(.object([
                    "neighbor_id": .string(neighbor.routerID.description),
                    "interface": .string(interface.name),
                    "state": .string(neighbor.state.rawValue),
                    "role": .optional(role),
                    "priority": .integer(neighbor.priority),
                    "address": .string(neighbor.address.description),
                    "dead_time_ms": .double(max(0, remaining.milliseconds)),
                ]))
            }
        }
        return CommandResult(text: table.text, json: .array(rows), wantsJSON: wantsJSON)
    }
}
