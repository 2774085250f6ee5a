import NetSimEngine
import NetSimTopology
import NetSimWire

/// The routers of a topology as a weighted directed graph in compressed adjacency form (the
/// neighbours of node n are `targets[offsets[n] ..< offsets[n + 1]]`), plus the prefixes each
/// router announces with their cost. The input of the floor SPF and of `RoutingCheck`.
///
/// Nodes are the routers in topology order. A cable between routers whose interfaces run OSPF
/// or IS-IS (not passive) is an edge each way, weighted by the sending interface's cost or
/// metric (the rule both protocols apply); a segment of several routers joins each pair.
/// Prefixes are those of every addressed router interface the protocol covers: the interface
/// cost, 1 for an OSPF passive stub without an `ospf` block; the IS-IS metric (0 for a loopback
/// without one). A BGP router (an as-graph's AS) has an edge of weight 1 over each cable and
/// announces its `networks`.
public struct FloorGraph: Sendable {
    public let names: [String]
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: [UInt32]
    /// Each announced prefix with the routers announcing it and the cost each adds.
    public let prefixes: [(prefix: IPv4Prefix, owners: [(router: Int32, cost: UInt32)])]

    public var nodeCount: Int { names.count }
    public var edgeCount: Int { targets.count }

    public init(_ spec: TopologySpec) {
        var index: [String: Int32] = [:]
        var names: [String] = []
        for device in spec.devices where device.kind == .router {
            index[device.name] = Int32(names.count)
            names.append(device.name)
        }
        // Each router interface that OSPF covers, with its cost.
        var costs: [String: UInt32] = [:]
        var owners: [IPv4Prefix: [(router: Int32, cost: UInt32)]] = [:]
        for device in spec.devices where device.kind == .router {
            let node = index[device.name]!
            if device.isis != nil {
                for interface in device.interfaces {
                    guard let address = interface.address else { continue }
                    let loopback = Interface.isLoopbackName(interface.name)
                    guard let isis = interface.isis ?? (loopback ? ISISInterfaceSpec(location: device.location) : nil)
                    else { continue }
                    let metric = isis.metric ?? (loopback ? 0 : 10)
                    if !(isis.passive ?? false) && !loopback { costs["\(device.name):\(interface.name)"] = metric }
                    owners[address.prefix, default: []].append((node, metric))
                }
                continue
            }
            if let bgp = device.bgp {
                // An AS of an as-graph: every cable is one hop; the prefixes are its `networks`.
                for interface in device.interfaces where interface.address != nil && !Interface.isLoopbackName(interface.name) {
                    costs["\(device.name):\(interface.name)"] = 1
                }
                for prefix in bgp.networks { owners[prefix, default: []].append((node, 0)) }
                continue
            }
            let runsOSPF = device.ospf != nil || device.interfaces.contains { $0.ospf.map { !$0.excluded } ?? false }
            guard runsOSPF else { continue }
            for interface in device.interfaces where interface.ospf?.excluded != true {
                guard let address = interface.address else { continue }
                let cost = UInt32(interface.ospf.map { $0.cost ?? 10 } ?? 1)
                if interface.ospf != nil { costs["\(device.name):\(interface.name)"] = cost }
                owners[address.prefix, default: []].append((node, cost))
            }
        }
        var edges: [(from: Int32, to: Int32, weight: UInt32)] = []
        for link in spec.links {
            let ends = link.endpoints.compactMap { end -> (node: Int32, cost: UInt32)? in
                guard let node = index[end.device], let cost = costs[end.description] else { return nil }
                return (node, cost)
            }
            for from in ends {
                for to in ends where to.node != from.node { edges.append((from.node, to.node, from.cost)) }
            }
        }
        edges.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        var offsets = [Int32](repeating: 0, count: names.count + 1)
        for edge in edges { offsets[Int(edge.from) + 1] += 1 }
        for node in 0..<names.count { offsets[node + 1] += offsets[node] }
        self.names = names
        self.offsets = offsets
        targets = edges.map(\.to)
        weights = edges.map(\.weight)
        prefixes = owners.keys.sorted().map { ($0, owners[$0]!) }
    }
}
