import Foundation
import NetSimCommands

/// What an attached console knows about its device for completion and notices: interface
/// names and the devices beyond them, and neighbor addresses. Learnt through the console's own
/// JSON commands (`show interfaces`, `show arp`, `show ip ospf neighbors`), so any backend that
/// runs commands provides it.
public struct DeviceFacts: Sendable, Equatable {
    /// Interface names in the device's order.
    public var interfaces: [String]
    /// For each interface, the devices on its link (several on a shared segment).
    public var peers: [String: [String]]
    /// Neighbor addresses: ARP entries, then OSPF neighbors not already listed.
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

    /// The facts of `device`, asked of the backend. A command the device does not support
    /// (`show arp` on a switch, OSPF where it does not run) contributes nothing.
    public static func load(device: String, from backend: any ConsoleBackend) async throws -> DeviceFacts {
        var facts = DeviceFacts()
        for row in try await rows("show interfaces --json", device: device, backend: backend) {
            guard let name = row["name"] as? String else { continue }
            facts.interfaces.append(name)
            let endpoints = (row["peers"] as? [String]) ?? []
            // Peers are "device:interface"; one device may appear once per interface on a segment.
            var devices: [String] = []
            for endpoint in endpoints {
                let device = String(endpoint.split(separator: ":").first ?? "")
                if !device.isEmpty, !devices.contains(device) { devices.append(device) }
            }
            facts.peers[name] = devices
        }
        var addresses: [String] = []
        for row in try await rows("show arp --json", device: device, backend: backend) {
            if let address = row["address"] as? String { addresses.append(address) }
        }
        for row in try await rows("show ip ospf neighbors --json", device: device, backend: backend) {
            if let address = row["address"] as? String { addresses.append(address) }
        }
        var seen = Set<String>()
        facts.addresses = addresses.filter { seen.insert($0).inserted }
        return facts
    }

    private static func rows(_ command: String, device: String,
                             backend: any ConsoleBackend) async throws -> [[String: Any]] {
        let reply = try await backend.execute(command, device: device)
        guard reply.succeeded,
              let parsed = try? JSONSerialization.jsonObject(with: Data(reply.output.utf8)) else { return [] }
        return (parsed as? [[String: Any]]) ?? []
    }
}
