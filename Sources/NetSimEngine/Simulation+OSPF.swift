import NetSimOSPF
import NetSimRouting
import NetSimWire

/// Hosting OSPFv2 instances: configuration before start, packet delivery, timers and route
/// installation. The protocol itself lives in NetSimOSPF.
extension Simulation {
    /// Runs OSPF on a router with the given configuration. Call before `start()`.
    public func enableOSPF(device: Int, configuration: OSPFConfiguration) {
        precondition(!started, "OSPF is enabled before the simulation starts")
        precondition(devices[device].kind == .router, "OSPF runs on routers only")
        devices[device].ospfConfiguration = configuration
    }
}

extension Simulation {
    /// An OSPF packet addressed to this device (or to AllSPFRouters/AllDRouters) arrived.
    func receiveOSPF(_ ospf: OSPFPacket, packet: IPv4Packet, device: Device, interface: Int?) {
        guard let interface, device.ospfConfiguration != nil else { return }
        _ = (ospf, packet, interface)
    }
}
