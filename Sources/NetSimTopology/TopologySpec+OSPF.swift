import NetSimEngine
import NetSimOSPF
import NetSimWire

/// How the `ospf` blocks of a topology become each router's `OSPFConfiguration`: the defaults,
/// the network type taken from the cabling, the passive stubs and the router ID. The validator
/// checks what this relies on; `SimulationBuilder` hands the result to the engine.
extension DeviceSpec {
    /// A router runs OSPF when it has a device-level `ospf` block or any interface `ospf` block
    /// other than `ospf: false`.
    var runsOSPF: Bool {
        kind == .router && (ospf != nil || interfaces.contains { $0.ospf.map { !$0.excluded } ?? false })
    }

    /// `router_id`, else the highest loopback address, else the highest interface address (how
    /// FRR's zebra picks a router ID); OSPF's, and BGP's unless its block names one.
    var protocolRouterID: IPv4Address? {
        let loopbacks = interfaces.filter { Interface.isLoopbackName($0.name) }
        return routerID ?? loopbacks.compactMap(\.address?.address).max() ?? interfaces.compactMap(\.address?.address).max()
    }
}

extension TopologySpec {
    /// The OSPF configuration of every router that runs OSPF, by device name, for a validated
    /// spec. Interfaces are numbered by their position in the device's list, as the engine
    /// numbers them.
    func ospfConfigurations() -> [String: OSPFConfiguration] {
        let networks = ospfNetworkTypes()
        var configurations: [String: OSPFConfiguration] = [:]
        for device in devices where device.runsOSPF {
            guard let routerID = device.protocolRouterID else { continue }
            var interfaces: [OSPFInterfaceConfiguration] = []
            // Without an address an interface is not in OSPF (with a block, that is an error).
            for (index, interface) in device.interfaces.enumerated()
            where interface.address != nil && interface.ospf?.excluded != true {
                let network = networks[interface.endpoint(of: device)] ?? .broadcast
                var settings = (interface.ospf ?? .passiveStub).configuration(interface: index, defaultNetwork: network)
                if Interface.isLoopbackName(interface.name) {
                    settings.isLoopback = true
                    settings.passive = true
                }
                interfaces.append(settings)
            }
            configurations[device.name] = OSPFConfiguration(routerID: routerID, interfaces: interfaces,
                                                            redistribute: device.ospf?.redistribute ?? [])
        }
        return configurations
    }

    /// The network type each cabled interface ("device:interface") defaults to: point-to-point
    /// on a link of exactly two endpoints neither of which is a switch, broadcast otherwise.
    private func ospfNetworkTypes() -> [String: OSPFNetworkType] {
        let pointToPoint = pointToPointEndpoints()
        var networks: [String: OSPFNetworkType] = [:]
        for link in links {
            for endpoint in link.endpoints {
                networks[endpoint.description] = pointToPoint.contains(endpoint.description) ? .pointToPoint : .broadcast
            }
        }
        return networks
    }

    /// The cabled interfaces ("device:interface") on a link of exactly two endpoints neither of
    /// which is a switch: where OSPF and IS-IS default to point-to-point.
    func pointToPointEndpoints() -> Set<String> {
        let kinds = Dictionary(devices.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var result: Set<String> = []
        for link in links where link.endpoints.count == 2 && link.endpoints.allSatisfy({ kinds[$0.device] != .switch }) {
            for endpoint in link.endpoints { result.insert(endpoint.description) }
        }
        return result
    }
}

extension InterfaceSpec {
    /// "device:interface", as link endpoints name it.
    func endpoint(of device: DeviceSpec) -> String { "\(device.name):\(name)" }
}

extension OSPFInterfaceSpec {
    /// What an addressed interface without an `ospf` block gets on an OSPF router: passive in
    /// area 0 with cost 1, so its subnet is announced but no adjacency is formed.
    static let passiveStub: OSPFInterfaceSpec = {
        var stub = OSPFInterfaceSpec(location: SourceLocation(file: "<default>", line: 1, column: 1))
        stub.cost = 1
        stub.passive = true
        return stub
    }()

    /// The hello interval in effect: the one written, or the default.
    var effectiveHelloInterval: UInt16 { helloInterval ?? OSPFInterfaceConfiguration.defaultHelloInterval }

    /// The block with its defaults filled in; `defaultNetwork` is what the cabling suggests.
    func configuration(interface: Int, defaultNetwork: OSPFNetworkType) -> OSPFInterfaceConfiguration {
        OSPFInterfaceConfiguration(
            interface: interface, area: area ?? .zero, cost: cost ?? OSPFInterfaceConfiguration.defaultCost,
            network: network ?? defaultNetwork, priority: priority ?? 1, passive: passive ?? false,
            helloInterval: effectiveHelloInterval, deadInterval: deadInterval,
            retransmitInterval: retransmitInterval ?? OSPFInterfaceConfiguration.defaultRetransmitInterval)
    }
}
