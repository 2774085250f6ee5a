import NetSimEngine
import NetSimWire

/// Link rules: endpoints name declared interfaces, each interface is cabled at most once,
/// loopbacks are never cabled, and the addresses on one link share a subnet.
extension TopologyValidator {
    mutating func checkLinks() {
        /// Which link (by location) already uses each "device:interface".
        var cabled: [String: SourceLocation] = [:]
        for (index, link) in spec.links.enumerated() {
            if link.endpoints.count < 2, !gaps.linksWithUnreadableEndpoints.contains(index) {
                report("a link needs at least 2 endpoints, found \(link.endpoints.count)",
                       at: link.valueLocations["endpoints"] ?? link.location,
                       hint: "e.g. endpoints: [r1:eth0, r2:eth0]")
            }
            var seen: Set<String> = []
            var addressed: [(endpoint: EndpointSpec, address: InterfaceAddress)] = []
            for endpoint in link.endpoints {
                let name = endpoint.description
                guard seen.insert(name).inserted else {
                    report("link lists '\(name)' twice", at: endpoint.location)
                    continue
                }
                guard let interface = resolve(endpoint) else { continue }
                if Interface.isLoopbackName(interface.name) {
                    report("link endpoint '\(name)' is a loopback, which cannot be cabled", at: endpoint.location,
                           hint: "interfaces named lo or lo<digits> are virtual; give the link another interface")
                    continue
                }
                if let other = cabled[name] {
                    report("interface '\(name)' is used by two links", at: endpoint.location,
                           hint: "the other link is at \(other); to join more than two interfaces, "
                               + "list them all in one link's endpoints")
                } else {
                    cabled[name] = link.location
                }
                // A switch port's address is already an error; comparing it would only repeat it.
                if let address = interface.address, devicesByName[endpoint.device]?.kind != .switch {
                    addressed.append((endpoint, address))
                }
            }
            checkSubnets(addressed)
        }
    }

    /// The interface an endpoint names, or nil after reporting why there is none. Stays quiet
    /// when the device's interfaces could not all be parsed (the error is already reported).
    private mutating func resolve(_ endpoint: EndpointSpec) -> InterfaceSpec? {
        guard let device = devicesByName[endpoint.device] else {
            let names = spec.devices.map(\.name)
            report("link endpoint '\(endpoint)': no device named '\(endpoint.device)'", at: endpoint.location,
                   hint: SpellingSuggestion.hint(for: endpoint.device, among: names)
                       ?? "devices are: \(names.joined(separator: ", "))")
            return nil
        }
        if let interface = device.interfaces.first(where: { $0.name == endpoint.interface }) { return interface }
        if !gaps.devicesWithIncompleteInterfaces.contains(device.name) {
            // No "did you mean": a missing interface is more often undeclared than misspelt
            // (r3:eth2 is one edit from eth1 but means a different port).
            report("link endpoint '\(endpoint)': device '\(device.name)' has no interface '\(endpoint.interface)'",
                   at: endpoint.location,
                   hint: Self.declaredInterfaces(of: device)
                       + "; declare '\(endpoint.interface)' under '\(device.name)' or fix the endpoint")
        }
        return nil
    }

    /// Every addressed endpoint of a link is on the subnet of the first one.
    private mutating func checkSubnets(_ addressed: [(endpoint: EndpointSpec, address: InterfaceAddress)]) {
        guard let (firstEndpoint, firstAddress) = addressed.first else { return }
        for (endpoint, address) in addressed.dropFirst() where address.prefix != firstAddress.prefix {
            report("link endpoints '\(firstEndpoint)' (\(firstAddress)) and '\(endpoint)' (\(address)) are on "
                   + "different subnets", at: endpoint.location,
                   hint: "interfaces on one link must share a subnet; \(firstAddress.prefix) vs \(address.prefix)")
        }
    }
}
