import NetSimCommands

/// What an attached console knows about its device for completion and notices: interface
/// names and the devices beyond them, and neighbor addresses.
public struct DeviceFacts: Sendable, Equatable {
    /// Interface names in the device's order.
    public var interfaces: [String]
    /// For each interface, the devices on its link (several on a shared segment).
    public var peers: [String: [String]]
    /// Neighbor addresses (ARP entries and OSPF neighbors), in display order.
    public var addresses: [String]

    public init(interfaces: [String] = [], peers: [String: [String]] = [:], addresses: [String] = []) {
        self.interfaces = interfaces
        self.peers = peers
        self.addresses = addresses
    }

    public var completionValues: CommandGrammar.CompletionValues {
        CommandGrammar.CompletionValues(interfaces: interfaces, addresses: addresses)
    }

    /// The one device beyond an interface, or nil (unknown interface, shared segment).
    public func peerName(_ interface: String) -> String? {
        guard let devices = peers[interface], devices.count == 1 else { return nil }
        return devices[0]
    }

    /// The devices named by link endpoints as `show interfaces` lists them ("r2:eth0"), each once.
    public static func devices(ofEndpoints endpoints: [String]) -> [String] {
        var devices: [String] = []
        for endpoint in endpoints {
            let device = String(endpoint.split(separator: ":").first ?? "")
            if !device.isEmpty, !devices.contains(device) { devices.append(device) }
        }
        return devices
    }
}
