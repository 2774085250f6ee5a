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
        guard let interface, let instance = device.ospf else { return }
        instance.receive(ospf, source: packet.source, destination: packet.destination, interface: interface)
    }
}

extension Simulation {
    /// Creates and starts the OSPF process of every router configured for it, then reports
    /// each OSPF interface's operational state to it.
    func startOSPF() {
        for device in devices {
            guard let configuration = device.ospfConfiguration else { continue }
            let host = OSPFDeviceHost(simulation: self, device: device.id)
            var addresses: [Int: InterfaceAddress] = [:], mtus: [Int: Int] = [:]
            for (index, interface) in device.interfaces.enumerated() {
                addresses[index] = interface.address
                mtus[index] = interface.link.map { links[$0].mtu } ?? 1500
            }
            let instance = OSPFInstance(configuration: configuration, deviceName: device.name,
                                        interfaceNames: device.interfaces.map(\.name), addresses: addresses, mtus: mtus,
                                        host: host)
            device.ospfHost = host
            device.ospf = instance
            for settings in configuration.interfaces {
                instance.interfaceStateChanged(settings.interface, up: device.interfaces[settings.interface].operUp)
            }
            instance.start()
        }
    }

    /// Whether an OSPF router listens to a link-layer group address: AllSPFRouters and AllDRouters.
    func ospfAcceptsGroup(_ mac: MACAddress, device: Device) -> Bool {
        device.ospf != nil
            && (mac == .multicast(OSPFPacket.allSPFRouters) || mac == .multicast(OSPFPacket.allDRouters))
    }

    func isJoinedGroup(_ address: IPv4Address, device: Device) -> Bool {
        device.ospf != nil && (address == OSPFPacket.allSPFRouters || address == OSPFPacket.allDRouters)
    }

    /// Puts an OSPF packet on the wire: multicasts straight onto the link (TTL 1, as RFC 2328
    /// A.1 requires), unicasts through ARP on the given interface.
    func sendOSPF(_ ospf: OSPFPacket, device: Device, interface: Int, destination: IPv4Address) {
        guard let source = device.interfaces[interface].address?.address else { return }
        let packet = IPv4Packet(source: source, destination: destination, ttl: 1,
                                identification: device.allocateIPIdentification(), tos: 0xC0, payload: .ospf(ospf))
        var trace = PacketTrace.empty
        trace.record(device.id)
        if destination.isMulticast {
            transmit(EthernetFrame(destination: .multicast(destination), source: device.interfaces[interface].mac,
                                   payload: .ipv4(packet)),
                     device: device.id, interface: interface, trace: trace)
        } else {
            output(packet, device: device, interface: interface, nextHop: destination, trace: trace, originatedHere: true)
        }
    }

    func scheduleOSPFTimer(_ timer: OSPFTimer, token: UInt64, device: Int, at time: SimTime) {
        enqueue(.ospfTimer(device: device, timer: timer, token: token), at: max(time, now))
    }

    func ospfStateChanged() { noteStateChange() }

    /// Sends the LS Updates OSPF instances queued during the events (and operator actions) of the
    /// current instant, once nothing else is due at this time: everything an instance floods out
    /// of an interface in one instant leaves in the same packets, as from FRR's update queue.
    func sendQueuedUpdatesBeforeTimeMoves() {
        guard !devicesWithQueuedUpdates.isEmpty else { return }
        if let next = queue.nextTime, next <= now { return }
        sendQueuedUpdates()
    }

    func noteQueuedUpdates(device: Int) {
        if let recorder = EffectRecorder.current { return recorder.append(.queuedUpdates(device: device)) }
        devicesWithQueuedUpdates.append(device)
    }

    func sendQueuedUpdates() {
        if workerThreads > 1 && devicesWithQueuedUpdates.count > 1 && EffectRecorder.current == nil {
            sendQueuedUpdatesInParallel()
        }
        while let device = devicesWithQueuedUpdates.popLast() {
            devices[device].ospf?.sendQueuedUpdates()
        }
    }

    func logOSPF(_ message: String, device: Device) { log(.ospf, device.name, message) }
}

/// Connects one device's OSPF instance to the simulation.
final class OSPFDeviceHost: OSPFHost {
    /// `unowned(unsafe)`: the simulation owns the device that owns this host (ADR 0027).
    unowned(unsafe) let simulation: Simulation
    let device: Int

    init(simulation: Simulation, device: Int) {
        self.simulation = simulation
        self.device = device
    }

    var now: SimTime { simulation.now }

    func ospfSend(_ packet: OSPFPacket, interface: Int, destination: IPv4Address) {
        simulation.sendOSPF(packet, device: simulation.devices[device], interface: interface, destination: destination)
    }

    func ospfSchedule(_ timer: OSPFTimer, token: UInt64, at time: SimTime) {
        simulation.scheduleOSPFTimer(timer, token: token, device: device, at: time)
    }

    func ospfInstallRoutes(_ routes: [Route], replacing previous: [Route]) {
        simulation.installProtocolRoutes(routes, replacing: previous, source: .ospf, device: simulation.devices[device])
    }

    func ospfSelectedRoutes(of source: RouteSource) -> [Route] {
        simulation.devices[device].rib.fib.routes.filter { $0.source == source }
    }

    func ospfStateChanged() { simulation.ospfStateChanged() }

    func ospfQueuedUpdates() { simulation.noteQueuedUpdates(device: device) }

    func ospfLog(_ message: String) { simulation.logOSPF(message, device: simulation.devices[device]) }
}
