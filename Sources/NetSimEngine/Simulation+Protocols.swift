import NetSimRouting
import NetSimWire

/// What the engine asks of every routing protocol it hosts together: starting them, whether any
/// is still settling, and which link-layer group addresses a device listens to.
extension Simulation {
    /// Creates and starts the protocol processes of every router configured for them.
    func startProtocols() {
        startOSPF()
        startISIS()
        startBGP()
    }

    /// True while some protocol is between stable states (see ADR 0001), TCP included: a
    /// handshake, a close or unacknowledged data means the network has not settled.
    func protocolsBusy() -> Bool {
        devices.contains { $0.ospf?.isSettling == true || $0.isis?.isSettling == true || $0.bgp?.isSettling == true }
            || tcpBusy()
    }

    /// A protocol's new routes (its `previous` ones being what it installed last). Interfaces
    /// and local routes are as they were at the last selection: only the prefixes whose routes
    /// changed are selected again (ADR 0016).
    func installProtocolRoutes(_ routes: [Route], replacing previous: [Route], source: RouteSource, device: Device) {
        device.rib.replaceCandidates(source: source, with: routes, replacing: previous)
        if device.rib.reselectChanged(interfaceUp: device.interfaceIsUp) { selectedRoutesChanged(device) }
    }

    /// Whether a device listens to a link-layer group address.
    func acceptsGroup(_ mac: MACAddress, device: Device) -> Bool {
        ospfAcceptsGroup(mac, device: device) || isisAcceptsGroup(mac, device: device)
    }
}
