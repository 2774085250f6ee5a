import NetSimISIS
import NetSimRouting
import NetSimWire

/// Hosting IS-IS instances: configuration before start, delivery of LLC frames, timers and route
/// installation. The protocol itself lives in NetSimISIS.
extension Simulation {
    /// Runs IS-IS on a router with the given configuration. Call before `start()`.
    public func enableISIS(device: Int, configuration: ISISConfiguration) {
        precondition(!started, "IS-IS is enabled before the simulation starts")
        precondition(devices[device].kind == .router, "IS-IS runs on routers only")
        devices[device].isisConfiguration = configuration
    }
}

extension Simulation {
    /// Creates and starts the IS-IS process of every router configured for it, then reports each
    /// circuit's operational state to it.
    func startISIS() {
        for device in devices {
            guard let configuration = device.isisConfiguration else { continue }
            let host = ISISDeviceHost(simulation: self, device: device.id)
            var addresses: [Int: InterfaceAddress] = [:], macs: [Int: MACAddress] = [:], mtus: [Int: Int] = [:]
            for (index, interface) in device.interfaces.enumerated() {
                addresses[index] = interface.address
                macs[index] = interface.mac
                mtus[index] = interface.link.map { links[$0].mtu } ?? 1500
            }
            let instance = ISISInstance(configuration: configuration, deviceName: device.name,
                                        interfaceNames: device.interfaces.map(\.name), addresses: addresses, macs: macs,
                                        mtus: mtus, host: host)
            device.isisHost = host
            device.isis = instance
            for settings in configuration.interfaces {
                instance.interfaceStateChanged(settings.interface, up: device.interfaces[settings.interface].operUp)
            }
            instance.start()
        }
    }

    /// An IS-IS PDU arrived in an LLC frame.
    func receiveISIS(_ pdu: ISISPDU, source: MACAddress, device: Device, interface: Int) {
        device.isis?.receive(pdu, source: source, interface: interface)
    }

    /// IS-IS routers listen to AllL1ISs, AllL2ISs and AllISs.
    func isisAcceptsGroup(_ mac: MACAddress, device: Device) -> Bool {
        device.isis != nil && (mac == ISISPDU.allL1ISs || mac == ISISPDU.allL2ISs || mac == ISISPDU.allISs)
    }

    /// Puts an IS-IS PDU straight onto the link in an 802.3/LLC frame (IS-IS has no IP header).
    func sendISIS(_ pdu: ISISPDU, device: Device, interface: Int, destination: MACAddress) {
        var trace = PacketTrace.empty
        trace.record(device.id)
        transmit(EthernetFrame(destination: destination, source: device.interfaces[interface].mac, payload: .isis(pdu)),
                 device: device.id, interface: interface, trace: trace)
    }

    func scheduleISISTimer(_ timer: ISISTimer, token: UInt64, device: Int, at time: SimTime) {
        enqueue(.isisTimer(device: device, timer: timer, token: token), at: max(time, now))
    }

    func logISIS(_ message: String, device: Device) { log(.isis, device.name, message) }
}

/// Connects one device's IS-IS instance to the simulation.
final class ISISDeviceHost: ISISHost {
    /// `unowned(unsafe)`: the simulation owns the device that owns this host (ADR 0027).
    unowned(unsafe) let simulation: Simulation
    let device: Int

    init(simulation: Simulation, device: Int) {
        self.simulation = simulation
        self.device = device
    }

    var now: SimTime { simulation.now }

    func isisSend(_ pdu: ISISPDU, interface: Int, destination: MACAddress) {
        simulation.sendISIS(pdu, device: simulation.devices[device], interface: interface, destination: destination)
    }

    func isisSchedule(_ timer: ISISTimer, token: UInt64, at time: SimTime) {
        simulation.scheduleISISTimer(timer, token: token, device: device, at: time)
    }

    func isisInstallRoutes(_ routes: [Route], replacing previous: [Route]) {
        simulation.installProtocolRoutes(routes, replacing: previous, source: .isis, device: simulation.devices[device])
    }

    func isisStateChanged() { simulation.noteStateChange() }

    func isisLog(_ message: String) { simulation.logISIS(message, device: simulation.devices[device]) }
}
