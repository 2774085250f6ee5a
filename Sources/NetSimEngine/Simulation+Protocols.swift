import NetSimWire

/// What the engine asks of every routing protocol it hosts together: starting them, whether any
/// is still settling, and which link-layer group addresses a device listens to.
extension Simulation {
    /// Creates and starts the protocol processes of every router configured for them.
    func startProtocols() {
        startOSPF()
        startISIS()
    }

    /// True while some protocol is between stable states (see ADR 0001).
    func protocolsBusy() -> Bool {
        devices.contains { $0.ospf?.isSettling == true || $0.isis?.isSettling == true }
    }

    /// Whether a device listens to a link-layer group address.
    func acceptsGroup(_ mac: MACAddress, device: Device) -> Bool {
        ospfAcceptsGroup(mac, device: device) || isisAcceptsGroup(mac, device: device)
    }
}
