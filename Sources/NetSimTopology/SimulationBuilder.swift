import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// Turns a validated topology into a simulation ready to start: devices with their interfaces,
/// links, static routes, each host's default gateway as a static default route, and OSPF and
/// IS-IS on the routers that run them.
public enum SimulationBuilder {
    public static func build(_ spec: TopologySpec, seed: UInt64 = 1,
                             stabilityWindow: SimTime = .seconds(1)) -> Simulation {
        let simulation = Simulation(seed: seed, stabilityWindow: stabilityWindow)
        var ids: [String: Int] = [:]
        for device in spec.devices {
            ids[device.name] = simulation.addDevice(
                name: device.name, kind: device.kind, routerID: device.routerID,
                interfaces: device.interfaces.map { interface in
                    (name: interface.name, address: interface.address, switchport: switchport(interface.switchport),
                     adminUp: !interface.shutdown)
                })
        }
        for link in spec.links {
            let endpoints = link.endpoints.compactMap { endpoint -> (device: Int, interface: Int)? in
                guard let device = ids[endpoint.device],
                      let interface = simulation.devices[device].interfaceIndex(named: endpoint.interface) else { return nil }
                return (device, interface)
            }
            precondition(endpoints.count == link.endpoints.count, "topology was not validated before building")
            simulation.addLink(endpoints, delay: link.delay, lossPercent: link.lossPercent, mtu: link.mtu)
        }
        for device in spec.devices {
            guard let id = ids[device.name], device.kind != .switch else { continue }
            for interface in device.interfaces {
                guard let gateway = interface.gateway else { continue }
                install(StaticRoute(prefix: .defaultRoute, gateway: gateway, interface: nil), on: id, in: simulation)
            }
            for route in device.staticRoutes {
                let interface = route.interface.flatMap { simulation.devices[id].interfaceIndex(named: $0) }
                install(StaticRoute(prefix: route.prefix, gateway: route.via, interface: interface,
                                    distance: route.distance), on: id, in: simulation)
            }
        }
        let ospf = spec.ospfConfigurations()
        for device in spec.devices where device.runsOSPF {
            guard let id = ids[device.name], let configuration = ospf[device.name] else {
                preconditionFailure("topology was not validated before building: OSPF router '\(device.name)'")
            }
            simulation.enableOSPF(device: id, configuration: configuration)
        }
        let isis = spec.isisConfigurations()
        for device in spec.devices where device.runsISIS {
            guard let id = ids[device.name], let configuration = isis[device.name] else {
                preconditionFailure("topology was not validated before building: IS-IS router '\(device.name)'")
            }
            simulation.enableISIS(device: id, configuration: configuration)
        }
        let bgp = spec.bgpConfigurations()
        for device in spec.devices where device.runsBGP {
            guard let id = ids[device.name], let configuration = bgp[device.name] else {
                preconditionFailure("topology was not validated before building: BGP router '\(device.name)'")
            }
            simulation.enableBGP(device: id, configuration: configuration)
        }
        return simulation
    }

    /// The validator rules out every route the engine would refuse, so a refusal here is a bug.
    private static func install(_ route: StaticRoute, on device: Int, in simulation: Simulation) {
        do {
            try simulation.addStaticRoute(device: device, route)
        } catch {
            preconditionFailure("topology was not validated before building: \(error)")
        }
    }

    private static func switchport(_ spec: SwitchportSpec?) -> Switchport? {
        switch spec {
        case .access(let vlan): .access(vlan: vlan)
        case .trunk(let vlans): .trunk(vlans: vlans)
        case nil: nil
        }
    }
}
