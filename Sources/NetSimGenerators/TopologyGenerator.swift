import NetSimEngine
import NetSimISIS
import NetSimTopology
import NetSimWire

/// Turns a shape and options into a topology in the seed schema: addresses from `AddressPlan`,
/// OSPF or IS-IS on every router-to-router interface with the chosen costs, and a LAN of hosts
/// behind each edge router when asked (for OSPF the LAN interface has no `ospf` block, so it is a
/// passive stub of cost 1; for IS-IS it is a passive circuit of metric 1). IS-IS routers are
/// level-2 only, in one area, 49.0001, with system IDs from their index. An as-graph runs eBGP
/// with Gao-Rexford policy instead (TopologyGenerator+BGP).
/// The same shape and options give the same topology, element for element.
public enum TopologyGenerator {
    public static func generate(_ shape: TopologyShape,
                                options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> TopologySpec {
        switch options.costs {
        case .fixed(0), .random(low: 0, high: _):
            throw GeneratorError("link costs are 1 to 65535")
        case let .random(low, high) where low > high:
            throw GeneratorError("--random-costs LO-HI needs LO <= HI")
        default: break
        }
        guard shape.isASGraph == (options.routingProtocol == .bgp) else {
            throw GeneratorError(shape.isASGraph ? "an as-graph runs BGP only"
                                 : "BGP needs the relationships of an as-graph; \(shape) runs OSPF or IS-IS")
        }
        let graph = try shape.graph(seed: options.seed)
        let hosts = options.hostsPerEdge
        let plan = try AddressPlan(linkPrefixLength: options.linkPrefixLength, hostsPerLAN: hosts)
        guard graph.links.count <= plan.linkCapacity else {
            throw GeneratorError("\(graph.links.count) links do not fit the /\(plan.linkPrefixLength) plan "
                                 + "(at most \(plan.linkCapacity))")
        }
        guard hosts == 0 || graph.edgeRouters.count <= plan.lanCapacity else {
            throw GeneratorError("\(graph.edgeRouters.count) LANs of \(hosts) hosts do not fit 10.128.0.0/9")
        }
        var costs = CostDrawer(options.costs, seed: options.seed)
        var interfaces = [[InterfaceSpec]](repeating: [], count: graph.routers.count)

        var links: [LinkSpec] = []
        links.reserveCapacity(graph.links.count + (hosts > 0 ? graph.edgeRouters.count : 0))
        for (index, link) in graph.links.enumerated() {
            let (low, high) = (min(link.a, link.b), max(link.a, link.b))
            let (lowAddress, highAddress) = plan.linkAddresses(index)
            let cost = costs.next()
            let ends = [(low, lowAddress), (high, highAddress)].map { router, address in
                let name = "eth\(interfaces[router].count)"
                interfaces[router].append(routed(name, address, cost: cost, options.routingProtocol))
                return EndpointSpec(device: graph.routers[router], interface: name, location: generated)
            }
            links.append(LinkSpec(endpoints: ends, location: generated))
        }
        if options.routingProtocol == .bgp && hosts == 0 {
            // Without LANs each AS announces a loopback holding its router ID.
            for index in graph.routers.indices {
                let loopback = InterfaceAddress(AddressPlan.routerID(index), prefixLength: 32)
                interfaces[index].append(InterfaceSpec(name: "lo0", address: loopback, location: generated))
            }
        }
        var hostDevices: [DeviceSpec] = []
        if hosts > 0 {
            for (lan, router) in graph.edgeRouters.enumerated() {
                let gateway = plan.lanAddress(lan, host: 0)
                var port = InterfaceSpec(name: "lan0", address: gateway, location: generated)
                if options.routingProtocol == .isis {
                    var isis = ISISInterfaceSpec(location: generated)
                    isis.metric = 1
                    isis.passive = true
                    port.isis = isis
                }
                interfaces[router].append(port)
                var ends = [EndpointSpec(device: graph.routers[router], interface: "lan0", location: generated)]
                for host in 0..<hosts {
                    let name = "\(graph.routers[router])_h\(host)"
                    let port = InterfaceSpec(name: "eth0", address: plan.lanAddress(lan, host: host + 1),
                                             gateway: gateway.address, location: generated)
                    hostDevices.append(DeviceSpec(name: name, kind: .host, interfaces: [port], location: generated))
                    ends.append(EndpointSpec(device: name, interface: "eth0", location: generated))
                }
                links.append(LinkSpec(endpoints: ends, location: generated))
            }
        }
        let neighbors = options.routingProtocol == .bgp ? bgpNeighbors(graph, plan: plan) : []
        let routers = graph.routers.enumerated().map { index, name in
            var device = DeviceSpec(name: name, kind: .router, routerID: AddressPlan.routerID(index),
                                    interfaces: interfaces[index], location: generated)
            switch options.routingProtocol {
            case .ospf: break
            case .isis: device.isis = isisRouter(index)
            case .bgp:
                // The loopback or the LAN: the prefix this AS announces.
                let announced = interfaces[index].first { $0.name == "lo0" || $0.name == "lan0" }?.address?.prefix
                device.bgp = bgpRouter(graph.autonomousSystems[index], announcing: announced, neighbors: neighbors[index])
            }
            return device
        }
        var spec = TopologySpec(name: shape.description, description: describe(shape, graph: graph, options),
                                devices: routers + hostDevices, links: links, script: [])
        if options.routingProtocol == .bgp { spec.policies = gaoRexfordPolicies }
        return spec
    }

    static let generated = SourceLocation(file: "<generated>", line: 1, column: 1)

    /// A router-to-router interface running the chosen protocol at `cost`.
    private static func routed(_ name: String, _ address: InterfaceAddress, cost: UInt16,
                               _ routingProtocol: GeneratorOptions.RoutingProtocol) -> InterfaceSpec {
        var interface = InterfaceSpec(name: name, address: address, location: generated)
        switch routingProtocol {
        case .ospf:
            var ospf = OSPFInterfaceSpec(location: generated)
            ospf.cost = cost
            interface.ospf = ospf
        case .isis:
            var isis = ISISInterfaceSpec(location: generated)
            isis.metric = UInt32(cost)
            interface.isis = isis
        case .bgp:
            break
        }
        return interface
    }

    /// Router `index` as a level-2 IS in area 49.0001, system ID index + 1.
    private static func isisRouter(_ index: Int) -> ISISRouterSpec {
        var isis = ISISRouterSpec(location: generated)
        isis.net = ISISNetworkEntityTitle(area: ISISAreaAddress(bytes: [0x49, 0x00, 0x01])!,
                                          systemID: ISISSystemID(UInt64(index + 1)))
        isis.level = .l2
        return isis
    }

    private static func describe(_ shape: TopologyShape, graph: ShapeGraph, _ options: GeneratorOptions) -> String {
        let costs = switch options.costs {
        case .fixed(let cost): "cost \(cost)"
        case let .random(low, high): "random costs \(low)-\(high)"
        }
        let name = switch options.routingProtocol {
        case .ospf: "OSPF, \(costs)"
        case .isis: "IS-IS level 2, \(costs)"
        case .bgp: describeASes(graph)
        }
        var text = "Generated by netsim: \(shape), \(name), /\(options.linkPrefixLength) links"
        if options.hostsPerEdge > 0 {
            text += ", \(options.hostsPerEdge) host\(options.hostsPerEdge == 1 ? "" : "s") per edge router"
        }
        if case .random = shape { text += ", seed \(options.seed)" } else if shape.isASGraph {
            text += ", seed \(options.seed)"
        } else if case .random = options.costs {
            text += ", seed \(options.seed)"
        }
        return text
    }
}

/// The cost of each link in turn.
private struct CostDrawer {
    private let costs: GeneratorOptions.Costs
    private var random: SeededRandom

    init(_ costs: GeneratorOptions.Costs, seed: UInt64) {
        self.costs = costs
        random = SeededRandom(seed: seed, stream: 1)
    }

    mutating func next() -> UInt16 {
        switch costs {
        case .fixed(let cost): cost
        case let .random(low, high): low + UInt16(random.next() % (UInt64(high - low) + 1))
        }
    }
}
