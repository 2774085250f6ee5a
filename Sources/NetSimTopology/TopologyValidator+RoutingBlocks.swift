import NetSimEngine

/// Rules every routing protocol's blocks share.
extension TopologyValidator {
    /// Hosts and switches do not route, so a protocol block (`key`) on them or their ports is a mistake.
    mutating func checkNoRoutingBlock(_ key: String, protocolName: String, on device: DeviceSpec) {
        let kind = device.kind.rawValue
        let hint = device.kind == .host
            ? "a host reaches other subnets through its 'gateway'; run \(protocolName) on the router it uses"
            : "a switch only bridges frames; run \(protocolName) on the routers attached to it"
        if let location = device.valueLocations[key] {
            report("'\(key)' is only allowed on routers; '\(device.name)' is a \(kind)", at: location, hint: hint)
        }
        for interface in device.interfaces {
            guard let location = interface.valueLocations[key] else { continue }
            report("'\(key)' is only allowed on router interfaces; '\(interface.endpoint(of: device))' belongs to a "
                   + "\(kind)", at: location, hint: hint)
        }
    }
}
