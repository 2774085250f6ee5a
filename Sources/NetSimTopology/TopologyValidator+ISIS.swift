import NetSimEngine
import NetSimISIS
import NetSimRouting
import NetSimWire

/// IS-IS rules: only routers run it; an interface `isis` block needs the router's `isis` block
/// and an address; system IDs are unique; narrow metrics fit in 6 bits; the holding time
/// outlasts the hello interval; leaking needs a level-1-2 router.
extension TopologyValidator {
    mutating func checkISIS() {
        var systemIDs: [ISISSystemID: DeviceSpec] = [:]
        for device in spec.devices where !gaps.devicesWithUnknownKind.contains(device.name) {
            if device.kind == .router {
                checkISISRouter(device, systemIDs: &systemIDs)
            } else {
                checkNoRoutingBlock("isis", protocolName: "IS-IS", on: device)
            }
        }
    }

    private mutating func checkISISRouter(_ device: DeviceSpec, systemIDs: inout [ISISSystemID: DeviceSpec]) {
        guard let block = device.isis else {
            for interface in device.interfaces {
                guard let location = interface.valueLocations["isis"] else { continue }
                report("'\(interface.endpoint(of: device))' has an 'isis' block but router '\(device.name)' has none",
                       at: location, hint: "add 'isis: { net: \"49.0001.0000.0000.0001.00\" }' to '\(device.name)'")
            }
            return
        }
        let narrow = block.metricStyle == .narrow
        for interface in device.interfaces {
            guard let settings = interface.isis else { continue }
            let port = interface.endpoint(of: device)
            if interface.address == nil, interface.valueLocations["ip"] == nil {
                report("IS-IS needs an IP address on the interface; '\(port)' has none",
                       at: interface.valueLocations["isis"] ?? interface.location,
                       hint: "add 'ip:' to '\(port)', or remove its 'isis' block")
            }
            if narrow, let metric = settings.metric, metric > 63 {
                report("metric \(metric) of '\(port)' does not fit narrow metrics (0...63)",
                       at: settings.valueLocations["metric"] ?? settings.location,
                       hint: "use a metric up to 63, or remove 'metric_style: narrow' from '\(device.name)'")
            }
            let hello = settings.helloInterval ?? ISISInterfaceConfiguration.defaultHelloInterval
            if let hold = settings.holdTime, hold <= hello {
                report("hold time \(hold) of '\(port)' must be greater than its hello interval \(hello)",
                       at: settings.valueLocations["hold"] ?? settings.location,
                       hint: "a neighbor is dropped after 'hold' seconds without a Hello; the default is 3 x hello "
                           + "(\(3 * hello))")
            }
            if let circuit = settings.circuit, let level = block.level,
               circuit.levels.intersection(level.levels) == nil {
                report("circuit type \(circuit.rawValue) of '\(port)' shares no level with router '\(device.name)' "
                       + "(\(level.rawValue))", at: settings.valueLocations["circuit"] ?? settings.location,
                       hint: "a level-\(level == .l1 ? 1 : 2)-only router runs only that level on its circuits")
            }
        }
        if block.leakL2ToL1 == true, let level = block.level, level != .l1l2 {
            report("'leak_l2_to_l1' needs a level-1-2 router; '\(device.name)' is \(level.rawValue)",
                   at: block.valueLocations["leak_l2_to_l1"] ?? block.location,
                   hint: "only a router in both levels has level-2 routes to leak into level 1")
        }
        // FRR's rule: a refresh at least five minutes before the lifetime runs out.
        let timers = block.timers
        if timers.lspRefresh + .seconds(300) > timers.lspLifetime {
            report("LSP refresh interval \(timers.lspRefresh.wholeSeconds) s of '\(device.name)' must be at least 300 s "
                   + "below its LSP lifetime \(timers.lspLifetime.wholeSeconds) s",
                   at: block.valueLocations["lsp_refresh"] ?? block.valueLocations["lsp_lifetime"] ?? block.location,
                   hint: "LSPs must be refreshed well before they age out everywhere (defaults: 900 and 1200)")
        }
        guard let net = block.net else { return }
        if let first = systemIDs[net.systemID] {
            report("IS-IS system ID \(net.systemID) of '\(device.name)' is already used by '\(first.name)'",
                   at: block.valueLocations["net"] ?? block.location,
                   hint: "each IS-IS router needs its own system ID (the six bytes before the final .00 of its NET)")
        } else {
            systemIDs[net.systemID] = device
        }
    }
}
