import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

/// Turns FIB changes into route events for the daemon's log.
///
/// The engine changes a FIB only while handling an event that also logs something about that
/// device (an SPF run, an interface going up or down) or during a console command on it, so the
/// tracker compares the FIBs of the devices marked since the last flush, using the routing
/// table's version counter to skip the unchanged ones. Changes are reported per prefix, in
/// prefix order: added, removed, or changed (with the old route).
struct RouteChangeTracker {
    struct Change: Equatable {
        enum Kind: String {
            case added, removed, changed
        }

        let device: String
        let kind: Kind
        let prefix: IPv4Prefix
        let route: String?
        let previous: String?

        var message: String {
            switch kind {
            case .added: "route \(prefix) added: \(route ?? "")"
            case .removed: "route \(prefix) removed (was \(previous ?? ""))"
            case .changed: "route \(prefix) changed: \(route ?? "") (was \(previous ?? ""))"
            }
        }

        var details: JSONValue {
            .object(["change": .string(kind.rawValue), "prefix": .string(prefix.description),
                     "route": .optional(route), "previous": .optional(previous)])
        }
    }

    private var known: [Int: (version: UInt64, routes: [IPv4Prefix: Route])] = [:]
    private var marked: Set<Int> = []

    /// Remembers every device's FIB as it is now (no events).
    mutating func snapshot(_ simulation: Simulation) {
        for device in simulation.devices { known[device.id] = (device.rib.version, table(device)) }
        marked = []
    }

    mutating func mark(_ deviceName: String?, in simulation: Simulation) {
        if let deviceName, let device = simulation.device(named: deviceName) { marked.insert(device.id) }
    }

    /// The changes of the marked devices since they were last looked at, devices in id order.
    mutating func flush(_ simulation: Simulation) -> [Change] {
        guard !marked.isEmpty else { return [] }
        let ids = marked.sorted()
        marked = []
        var changes: [Change] = []
        for id in ids {
            let device = simulation.devices[id]
            let before = known[id] ?? (0, [:])
            guard before.version != device.rib.version else { continue }
            let after = table(device)
            known[id] = (device.rib.version, after)
            for prefix in Set(before.routes.keys).union(after.keys).sorted() {
                let old = before.routes[prefix]
                let new = after[prefix]
                guard old != new else { continue }
                let kind: Change.Kind = old == nil ? .added : new == nil ? .removed : .changed
                changes.append(Change(device: device.name, kind: kind, prefix: prefix,
                                      route: new.map { describe($0, device) }, previous: old.map { describe($0, device) }))
            }
        }
        return changes
    }

    private func table(_ device: Device) -> [IPv4Prefix: Route] {
        Dictionary(device.rib.fib.routes.map { ($0.prefix, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// "O [110/20] via 10.0.12.2 eth0, via 10.0.13.3 eth1" or "C directly connected eth2".
    private func describe(_ route: Route, _ device: Device) -> String {
        let hops = route.nextHops.map { hop -> String in
            let name = device.interfaces.indices.contains(hop.interface) ? device.interfaces[hop.interface].name : "?"
            return hop.address.map { "via \($0) \(name)" } ?? "directly connected \(name)"
        }
        let cost = route.source == .connected ? "" : " [\(route.distance)/\(route.metric)]"
        return route.code + cost + " " + hops.joined(separator: ", ")
    }
}
