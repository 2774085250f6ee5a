import NetSimISIS
import NetSimWire
import Yams

/// Readers for the `isis:` blocks of devices and interfaces. An empty interface block
/// (`isis: {}`) puts the interface in IS-IS with every default.
extension TopologyReader {
    /// A device's `isis:` block.
    mutating func readRouterISIS(_ node: Node) -> ISISRouterSpec? {
        if node.isNull {
            report("a device's 'isis' block needs 'net', the router's network entity title", at: node,
                   hint: "e.g. isis: { net: \"49.0001.0000.0000.0001.00\", level: l1l2 }")
            return ISISRouterSpec(location: location(of: node))
        }
        guard let fields = fields(of: node, as: .isisRouter) else { return nil }
        var spec = ISISRouterSpec(location: fields.location)
        if let netNode = required("net", in: fields, of: .isisRouter), let text = string(netNode, for: "net") {
            spec.net = ISISNetworkEntityTitle(text)
            if spec.net == nil {
                report("invalid NET '\(text)'; expected an area, a six-byte system ID and the selector 00 in dotted "
                       + "hex", at: netNode, hint: "e.g. net: \"49.0001.0000.0000.0001.00\"")
            }
        }
        spec.level = fields["level"].flatMap { choice($0, for: "level", what: "IS-IS level") }
        spec.metricStyle = fields["metric_style"].flatMap { choice($0, for: "metric_style", what: "metric style") }
        spec.leakL2ToL1 = fields["leak_l2_to_l1"].flatMap { bool($0, for: "leak_l2_to_l1") }
        spec.overload = fields["overload"].flatMap { bool($0, for: "overload") }
        func seconds(_ key: String, _ range: ClosedRange<Int>, _ what: String) -> Int? {
            fields[key].flatMap { integer($0, for: key, in: range, what: what) }
        }
        spec.lspLifetime = seconds("lsp_lifetime", 350...65535, "LSP lifetime")
        spec.lspRefresh = seconds("lsp_refresh", 1...65235, "LSP refresh interval")
        spec.lspGenerationInterval = seconds("lsp_gen_interval", 1...120, "LSP generation interval")
        spec.spfInterval = seconds("spf_interval", 1...120, "SPF interval")
        spec.csnpInterval = seconds("csnp_interval", 1...600, "CSNP interval")
        spec.psnpInterval = seconds("psnp_interval", 1...120, "PSNP interval")
        spec.valueLocations = fields.valueLocations
        return spec
    }

    /// An interface's `isis:` block.
    mutating func readInterfaceISIS(_ node: Node) -> ISISInterfaceSpec? {
        if node.isNull { return ISISInterfaceSpec(location: location(of: node)) }
        guard let fields = fields(of: node, as: .isisInterface) else { return nil }
        var spec = ISISInterfaceSpec(location: fields.location)
        spec.metric = fields["metric"].flatMap { integer($0, for: "metric", in: 0...16_777_215, what: "metric") }
            .map(UInt32.init)
        spec.passive = fields["passive"].flatMap { bool($0, for: "passive") }
        spec.circuit = fields["circuit"].flatMap { choice($0, for: "circuit", what: "IS-IS circuit type") }
        spec.network = fields["network"].flatMap { choice($0, for: "network", what: "IS-IS network type") }
        spec.priority = fields["priority"].flatMap { integer($0, for: "priority", in: 0...127, what: "priority") }
            .map(UInt8.init)
        spec.helloInterval = fields["hello"].flatMap { integer($0, for: "hello", in: 1...600, what: "hello interval") }
            .map(UInt16.init)
        spec.holdTime = fields["hold"].flatMap { integer($0, for: "hold", in: 1...65535, what: "hold time") }
            .map(UInt16.init)
        spec.valueLocations = fields.valueLocations
        return spec
    }
}
