import NetSimCommands
import NetSimEngine
import NetSimISIS
import NetSimOSPF
import NetSimTopology

/// Writes a topology as YAML in the seed schema (docs/topology.md), keys always in the same
/// order: what `netsim generate` prints. Interfaces are one flow mapping a line, so a 10,000
/// router file stays readable; keys at their default value are left out.
public enum TopologyYAMLWriter {
    public static func yaml(_ spec: TopologySpec) -> String {
        var out = "name: \(scalar(spec.name))\n"
        if let description = spec.description { out += "description: \(quoted(description))\n" }
        if let policies = spec.policies { write(policies, indent: 0, to: &out) }
        out += "devices:\n"
        for device in spec.devices { write(device, to: &out) }
        if !spec.links.isEmpty {
            out += "links:\n"
            for link in spec.links { out += "  - " + flow(link) + "\n" }
        }
        if !spec.script.isEmpty {
            out += "script:\n"
            for step in spec.script {
                out += "  - { at: \(scalar(time(step.at))), device: \(scalar(step.device)), "
                    + "command: \(quoted(step.command)) }\n"
            }
        }
        return out
    }

    private static func write(_ device: DeviceSpec, to out: inout String) {
        out += "  - name: \(scalar(device.name))\n    type: \(device.kind.rawValue)\n"
        if let routerID = device.routerID { out += "    router_id: \(routerID)\n" }
        if let ospf = device.ospf {
            let entries = ospf.redistribute.map { entry in
                entry.metric == OSPFRedistribution.defaultMetric && entry.isType2
                    ? entry.source.rawValue
                    : "{ source: \(entry.source.rawValue), metric: \(entry.metric), metric_type: \(entry.isType2 ? 2 : 1) }"
            }
            out += entries.isEmpty ? "    ospf: {}\n" : "    ospf:\n      redistribute: [\(entries.joined(separator: ", "))]\n"
        }
        if let isis = device.isis { out += "    isis: " + flow(isis) + "\n" }
        if let bgp = device.bgp { write(bgp, to: &out) }
        if let policies = device.policies { write(policies, indent: 4, to: &out) }
        out += "    interfaces:\n"
        for interface in device.interfaces { out += "      - " + flow(interface) + "\n" }
        if !device.staticRoutes.isEmpty {
            out += "    routes:\n"
            for route in device.staticRoutes {
                var fields = ["prefix: \(route.prefix)"]
                if let via = route.via { fields.append("via: \(via)") }
                if let interface = route.interface { fields.append("interface: \(scalar(interface))") }
                if route.distance != 1 { fields.append("distance: \(route.distance)") }
                out += "      - { \(fields.joined(separator: ", ")) }\n"
            }
        }
    }

    private static func flow(_ interface: InterfaceSpec) -> String {
        var fields = ["name: \(scalar(interface.name))"]
        if let address = interface.address { fields.append("ip: \(address)") }
        if let gateway = interface.gateway { fields.append("gateway: \(gateway)") }
        switch interface.switchport {
        case .access(let vlan): fields.append("vlan: \(vlan)")
        case .trunk(let vlans): fields.append("trunk: [\(vlans.map(String.init).joined(separator: ", "))]")
        case nil: break
        }
        if interface.shutdown { fields.append("shutdown: true") }
        if let ospf = interface.ospf { fields.append("ospf: " + flow(ospf)) }
        if let isis = interface.isis { fields.append("isis: " + flow(isis)) }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    /// The router keys a generator sets (NET and level; the rest keep their defaults).
    private static func flow(_ isis: ISISRouterSpec) -> String {
        var fields: [String] = []
        if let net = isis.net { fields.append("net: \(quoted(net.description))") }
        if let level = isis.level { fields.append("level: \(level.rawValue)") }
        if let style = isis.metricStyle { fields.append("metric_style: \(style.rawValue)") }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    private static func flow(_ isis: ISISInterfaceSpec) -> String {
        var fields: [String] = []
        if let metric = isis.metric { fields.append("metric: \(metric)") }
        if let passive = isis.passive { fields.append("passive: \(passive)") }
        if let circuit = isis.circuit { fields.append("circuit: \(circuit.rawValue)") }
        if let network = isis.network { fields.append("network: \(network.rawValue)") }
        if let priority = isis.priority { fields.append("priority: \(priority)") }
        if let hello = isis.helloInterval { fields.append("hello: \(hello)") }
        if let hold = isis.holdTime { fields.append("hold: \(hold)") }
        return "{ \(fields.joined(separator: ", ")) }"
    }

    private static func flow(_ ospf: OSPFInterfaceSpec) -> String {
        guard !ospf.excluded else { return "false" }
        var fields: [String] = []
        if let area = ospf.area { fields.append("area: \(area.value)") }
        if let cost = ospf.cost { fields.append("cost: \(cost)") }
        if let network = ospf.network { fields.append("network: \(network.rawValue)") }
        if let priority = ospf.priority { fields.append("priority: \(priority)") }
        if let passive = ospf.passive { fields.append("passive: \(passive)") }
        if let hello = ospf.helloInterval { fields.append("hello: \(hello)") }
        if let dead = ospf.deadInterval { fields.append("dead: \(dead)") }
        if let retransmit = ospf.retransmitInterval { fields.append("retransmit: \(retransmit)") }
        return fields.isEmpty ? "{}" : "{ \(fields.joined(separator: ", ")) }"
    }

    private static func flow(_ link: LinkSpec) -> String {
        var fields = ["endpoints: [\(link.endpoints.map { scalar($0.description) }.joined(separator: ", "))]"]
        if link.delay != LinkSpec.defaultDelay { fields.append("delay: \(link.delay)") }
        if link.lossPercent != 0 { fields.append("loss: \(link.lossPercent)") }
        if link.mtu != LinkSpec.defaultMTU { fields.append("mtu: \(link.mtu)") }
        return fields.count == 1 ? fields[0] : "{ \(fields.joined(separator: ", ")) }"
    }

    private static func time(_ at: ScheduledTime) -> String {
        switch at {
        case .afterConvergence(let offset): offset == .zero ? "converged" : "converged + \(offset)"
        case .absolute(let time): "\(time)"
        }
    }

    /// A plain scalar when YAML reads it back as the same string, else a quoted one.
    static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII
            || ("0"..."9").contains($0) || "_./-:".unicodeScalars.contains($0) }
        let ambiguous = text.isEmpty || text.first == "-" || text.first == ":" || text.last == ":"
            || Double(text) != nil || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        return plain && !ambiguous ? text : quoted(text)
    }

    /// A double-quoted scalar. JSON's string escapes are a subset of YAML's, so the JSON
    /// renderer's quoting is reused.
    static func quoted(_ text: String) -> String {
        JSONValue.string(text).compact
    }
}
