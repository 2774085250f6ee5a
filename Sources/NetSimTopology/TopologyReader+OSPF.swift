import NetSimOSPF
import NetSimWire
import Yams

/// Readers for the `ospf:` blocks of devices and interfaces. An empty block (`ospf:` with nothing
/// after it, or `ospf: {}`) turns OSPF on with every default.
extension TopologyReader {
    /// A device's `ospf:` block.
    mutating func readRouterOSPF(_ node: Node) -> OSPFRouterSpec? {
        if node.isNull { return OSPFRouterSpec(location: location(of: node)) }
        guard let fields = fields(of: node, as: .ospfRouter) else { return nil }
        var redistribute: [OSPFRedistribution] = []
        for item in fields["redistribute"].flatMap({ list($0, for: "redistribute") }) ?? [] {
            guard let entry = readRedistribution(item) else { continue }
            if redistribute.contains(where: { $0.source == entry.source }) {
                report("'\(entry.source.rawValue)' is redistributed twice", at: item,
                       hint: "list each source once")
            } else {
                redistribute.append(entry)
            }
        }
        var spec = OSPFRouterSpec(redistribute: redistribute, location: fields.location)
        spec.valueLocations = fields.valueLocations
        return spec
    }

    /// One `redistribute` entry: a source name, or `{source:, metric:, metric_type:}`.
    private mutating func readRedistribution(_ node: Node) -> OSPFRedistribution? {
        guard case .mapping = node else {
            let source: OSPFRedistribution.Source? = choice(node, for: "redistribute", what: "redistribution source")
            return source.map { OSPFRedistribution(source: $0) }
        }
        guard let fields = fields(of: node, as: .redistribution) else { return nil }
        let source: OSPFRedistribution.Source? = required("source", in: fields, of: .redistribution).flatMap {
            choice($0, for: "source", what: "redistribution source")
        }
        let metric = fields["metric"].flatMap { integer($0, for: "metric", in: 0...16_777_214, what: "metric") }
        let type = fields["metric_type"].flatMap { integer($0, for: "metric_type", in: 1...2, what: "metric type") }
        guard let source else { return nil }
        return OSPFRedistribution(source: source,
                                  metric: metric.map(UInt32.init) ?? OSPFRedistribution.defaultMetric,
                                  isType2: type != 1)
    }

    /// An interface's `ospf:` block.
    mutating func readInterfaceOSPF(_ node: Node) -> OSPFInterfaceSpec? {
        if node.isNull { return OSPFInterfaceSpec(location: location(of: node)) }
        if case .scalar(let scalar) = node {
            // `ospf: false` keeps the interface out of OSPF; `ospf: true` is an empty block.
            let enabled: Bool
            switch scalar.string.lowercased() {
            case "true", "yes", "on": enabled = true
            case "false", "no", "off": enabled = false
            default:
                report("expected a mapping (key: value lines) or true/false for an interface's 'ospf' block, "
                       + "found '\(scalar.string)'", at: node)
                return nil
            }
            var spec = OSPFInterfaceSpec(location: location(of: node))
            spec.excluded = !enabled
            return spec
        }
        guard let fields = fields(of: node, as: .ospfInterface) else { return nil }
        func seconds(_ key: String, _ what: String) -> Int? {
            fields[key].flatMap { integer($0, for: key, in: 1...65535, what: what) }
        }
        var spec = OSPFInterfaceSpec(location: fields.location)
        spec.area = fields["area"].flatMap { area($0) }
        spec.cost = fields["cost"].flatMap { integer($0, for: "cost", in: 1...65535, what: "cost") }.map(UInt16.init)
        spec.network = fields["network"].flatMap { choice($0, for: "network", what: "OSPF network type") }
        spec.priority = fields["priority"].flatMap { integer($0, for: "priority", in: 0...255, what: "priority") }
            .map(UInt8.init)
        spec.passive = fields["passive"].flatMap { bool($0, for: "passive") }
        spec.helloInterval = seconds("hello", "hello interval").map(UInt16.init)
        spec.deadInterval = seconds("dead", "dead interval").map(UInt32.init)
        spec.retransmitInterval = seconds("retransmit", "retransmit interval").map(UInt16.init)
        spec.valueLocations = fields.valueLocations
        return spec
    }

    /// An area ID: a number 0...4294967295 or a dotted quad; `1` and `0.0.0.1` are the same area.
    private mutating func area(_ node: Node) -> IPv4Address? {
        guard let text = string(node, for: "area") else { return nil }
        if let address = IPv4Address(text) { return address }
        if let number = UInt32(text) { return IPv4Address(number) }
        report("invalid OSPF area '\(text)'; expected a number 0...4294967295 or a dotted quad", at: node,
               hint: "e.g. area: 0 for the backbone, or area: 1 (the same as 0.0.0.1)")
        return nil
    }
}
