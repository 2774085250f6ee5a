import NetSimEngine
import NetSimISIS
import NetSimRouting
import NetSimWire

/// How the `isis` blocks of a topology become each router's `ISISConfiguration`: the circuits
/// (interfaces with an `isis` block, and every loopback, passive), the defaults and the network
/// type taken from the cabling. The validator checks what this relies on.
extension DeviceSpec {
    /// A router runs IS-IS when it has a device-level `isis` block.
    var runsISIS: Bool { kind == .router && isis != nil }
}

extension TopologySpec {
    /// The IS-IS configuration of every router that runs it, by device name, for a validated spec.
    func isisConfigurations() -> [String: ISISConfiguration] {
        let networks = pointToPointEndpoints()
        var configurations: [String: ISISConfiguration] = [:]
        for device in devices where device.runsISIS {
            guard let block = device.isis, let net = block.net else { continue }
            let level = block.level?.levels ?? .level1And2
            var circuits: [ISISInterfaceConfiguration] = []
            for (index, interface) in device.interfaces.enumerated() where interface.address != nil {
                let isLoopback = Interface.isLoopbackName(interface.name)
                guard interface.isis != nil || isLoopback else { continue }
                let settings = interface.isis ?? ISISInterfaceSpec(location: device.location)
                let network: ISISNetworkType = settings.network
                    ?? (networks.contains(interface.endpoint(of: device)) ? .pointToPoint : .broadcast)
                let hello = settings.helloInterval ?? ISISInterfaceConfiguration.defaultHelloInterval
                circuits.append(ISISInterfaceConfiguration(
                    interface: index, metric: settings.metric, passive: settings.passive ?? false,
                    circuit: settings.circuit?.levels ?? level, network: network,
                    priority: settings.priority ?? ISISInterfaceConfiguration.defaultPriority, helloInterval: hello,
                    holdTime: settings.holdTime, isLoopback: isLoopback))
            }
            configurations[device.name] = ISISConfiguration(
                systemID: net.systemID, areas: [net.area], level: level, hostname: device.name, interfaces: circuits,
                metricStyle: block.metricStyle ?? .wide, leakL2IntoL1: block.leakL2ToL1 ?? false,
                overload: block.overload ?? false, timers: block.timers)
        }
        return configurations
    }
}

extension ISISRouterSpec {
    /// The timers with the block's values in place of the defaults.
    var timers: ISISTimers {
        var timers = ISISTimers()
        func set(_ value: Int?, _ path: WritableKeyPath<ISISTimers, SimTime>) {
            if let value { timers[keyPath: path] = .seconds(Int64(value)) }
        }
        set(lspLifetime, \.lspLifetime)
        set(lspRefresh, \.lspRefresh)
        set(lspGenerationInterval, \.lspGenerationInterval)
        set(spfInterval, \.spfInterval)
        set(csnpInterval, \.csnpInterval)
        set(psnpInterval, \.psnpInterval)
        return timers
    }
}
