import NetSimRouting
import NetSimWire

/// Putting frames on links, taking them off, and the operational state of interfaces.
extension Simulation {
    /// Sends a frame out of an interface to every other endpoint of its link.
    func transmit(_ frame: EthernetFrame, device: Int, interface: Int, trace: PacketTrace) {
        let owner = devices[device]
        guard owner.interfaces[interface].operUp, let linkID = owner.interfaces[interface].link else {
            owner.interfaces[interface].counters.drops += 1
            return
        }
        owner.interfaces[interface].counters.framesOut += 1
        owner.interfaces[interface].counters.bytesOut += UInt64(frame.wireLength)
        observe(CapturedFrame(time: now, device: device, interface: interface, direction: .outbound, frame: frame))
        if let recorder = EffectRecorder.current {
            recorder.append(.carry(frame, link: linkID, device: device, interface: interface, trace: trace))
        } else {
            carry(frame, link: linkID, device: device, interface: interface, trace: trace)
        }
    }

    /// The link's half of sending a frame: loss, the link's counters, arrival at every other
    /// endpoint after the link's delay.
    func carry(_ frame: EthernetFrame, link linkID: Int, device: Int, interface: Int, trace: PacketTrace) {
        let link = links[linkID]
        for endpoint in link.endpoints where endpoint.device != device || endpoint.interface != interface {
            if link.lossPercent > 0 && linkRandom[linkID].nextUnit() * 100 < link.lossPercent {
                links[linkID].framesLost += 1
                continue
            }
            links[linkID].framesCarried += 1
            schedule(.frameArrival(frame, device: endpoint.device, interface: endpoint.interface, trace: trace),
                     after: link.delay)
        }
    }

    func receive(_ frame: EthernetFrame, device id: Int, interface: Int, trace: PacketTrace) {
        let device = devices[id]
        guard device.interfaces[interface].operUp else { return }
        device.interfaces[interface].counters.framesIn += 1
        device.interfaces[interface].counters.bytesIn += UInt64(frame.wireLength)
        observe(CapturedFrame(time: now, device: id, interface: interface, direction: .inbound, frame: frame))
        if device.kind == .switch {
            bridge(frame, device: device, port: interface, trace: trace)
        } else {
            receiveFrame(frame, device: device, interface: interface, trace: trace)
        }
    }

    /// An interface passes traffic when it is administratively up, cabled, and, on a
    /// point-to-point link, the far end is administratively up too (carrier present). A
    /// loopback needs only to be administratively up.
    func computeOperUp(device: Int, interface: Int) -> Bool {
        let port = devices[device].interfaces[interface]
        if port.isLoopback { return port.adminUp }
        guard port.adminUp, let linkID = port.link else { return false }
        let link = links[linkID]
        guard link.isPointToPoint else { return true }
        return link.endpoints.allSatisfy { devices[$0.device].interfaces[$0.interface].adminUp }
    }

    /// Re-evaluates the operational state of every interface on a link after something changed.
    func refreshOperState(link linkID: Int) {
        for endpoint in links[linkID].endpoints {
            refreshOperState(device: endpoint.device, interface: endpoint.interface)
        }
    }

    /// Re-evaluates one interface's operational state and tells everything that depends on it.
    func refreshOperState(device deviceID: Int, interface: Int) {
        let device = devices[deviceID]
        let wasUp = device.interfaces[interface].operUp
        let isUp = computeOperUp(device: deviceID, interface: interface)
        guard wasUp != isUp else { return }
        device.interfaces[interface].operUp = isUp
        let name = device.interfaces[interface].name
        log(.interface, device.name, "interface \(name) " + (isUp ? "up" : "down"))
        if !isUp {
            device.arp.flush(interface: interface)
            device.macTable.flush(port: interface)
        }
        if device.hasIPStack { reselectRoutes(device) }
        device.ospf?.interfaceStateChanged(interface, up: isUp)
        device.isis?.interfaceStateChanged(interface, up: isUp)
        noteStateChange()
    }

    /// Recomputes a device's selected routes, noting a state change when its FIB changed.
    func reselectRoutes(_ device: Device) {
        device.refreshLocalRoutes()
        if device.rib.reselect(interfaceUp: device.interfaceIsUp) { selectedRoutesChanged(device) }
    }

    /// What follows a FIB change: convergence restarts and redistributing protocols look again.
    func selectedRoutesChanged(_ device: Device) {
        noteStateChange()
        device.ospf?.redistributedRoutesChanged()
        bgpRoutingTableChanged(device)
    }
}
