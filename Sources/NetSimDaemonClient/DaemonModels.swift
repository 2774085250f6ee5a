import NetSimCommands
import NetSimRouting

/// `GET /v1/status`: the daemon, its clock and its devices.
public struct DaemonStatus: Decodable, Sendable, Equatable {
    public struct DeviceEntry: Decodable, Sendable, Equatable {
        public var name: String
        public var kind: String
    }

    public var name: String
    public var pid: Int32
    public var topology: String
    public var topologyPath: String
    public var startedAt: Double
    public var uptimeSeconds: Int
    public var tickMilliseconds: Double
    public var speed: Double
    public var simulatedMilliseconds: Double
    public var convergedAtMilliseconds: Double?
    public var events: UInt64
    public var listen: String?
    public var devices: [DeviceEntry]

    enum CodingKeys: String, CodingKey {
        case name, pid, topology, speed, events, listen, devices
        case topologyPath = "topology_path"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_s"
        case tickMilliseconds = "tick_ms"
        case simulatedMilliseconds = "sim_ms"
        case convergedAtMilliseconds = "converged_ms"
    }
}

/// One device in `GET /v1/devices`: what completion needs without a second request.
public struct DeviceSummary: Decodable, Sendable, Equatable {
    public var name: String
    public var kind: String
    public var interfaces: [String]
}

/// `GET /v1/devices/{device}`: the console's own `--json` output of `show interfaces`,
/// `show ip ospf neighbor` and `show arp` (null where the device has no such table).
public struct DeviceDetail: Decodable, Sendable, Equatable {
    public var name: String
    public var kind: String
    public var routerID: String?
    public var interfaces: JSONValue
    public var ospfNeighbors: JSONValue
    public var arp: JSONValue

    enum CodingKeys: String, CodingKey {
        case name, kind, interfaces, arp
        case routerID = "router_id"
        case ospfNeighbors = "ospf_neighbors"
    }

    /// Interface names, in the device's order.
    public var interfaceNames: [String] {
        guard case .array(let items) = interfaces else { return [] }
        return items.compactMap { $0["name"]?.stringValue }
    }

    /// For each interface, the "device:interface" endpoints at the other end of its link.
    public var interfacePeers: [String: [String]] {
        guard case .array(let items) = interfaces else { return [:] }
        var peers: [String: [String]] = [:]
        for item in items {
            guard let name = item["name"]?.stringValue, case .array(let ends)? = item["peers"] else { continue }
            peers[name] = ends.compactMap(\.stringValue)
        }
        return peers
    }

    /// Addresses of OSPF neighbors and ARP entries, sorted, for completing arguments.
    public var neighborAddresses: [String] {
        var found = Set<String>()
        for table in [ospfNeighbors, arp] {
            guard case .array(let items) = table else { continue }
            for item in items {
                if let address = item["address"]?.stringValue { found.insert(address) }
            }
        }
        return found.sorted()
    }
}

/// `POST /v1/commands`: what a console command printed and its JSON form.
public struct CommandReply: Decodable, Sendable, Equatable {
    public var device: String
    public var command: String
    public var succeeded: Bool
    /// The console text (an error starts with "% ").
    public var text: String
    /// The same content as JSON (an error is `{"error": ...}`).
    public var json: JSONValue
    /// The command line itself asked for JSON (a trailing `--json`).
    public var wantsJSON: Bool
    /// What the console prints: `json` rendered compactly when `wantsJSON`, `text` otherwise.
    public var output: String
    public var startedMilliseconds: Double
    public var finishedMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case device, command, succeeded, text, json, output
        case wantsJSON = "wants_json"
        case startedMilliseconds = "started_ms"
        case finishedMilliseconds = "finished_ms"
    }
}

/// One line of `daemon.log` and one server-sent event of `GET /v1/events`.
public struct DaemonEvent: Decodable, Sendable, Equatable {
    /// Numbers events from 1 in the order they happened.
    public var sequence: UInt64
    /// Wall-clock time, ISO 8601 with milliseconds (UTC).
    public var time: String
    public var simulatedMilliseconds: Double
    /// engine, interface, ospf, isis, route, command or daemon.
    public var category: String
    public var device: String?
    public var message: String
    /// Structured extras of route and command events.
    public var details: JSONValue?

    enum CodingKeys: String, CodingKey {
        case time, category, device, message, details
        case sequence = "seq"
        case simulatedMilliseconds = "sim_ms"
    }

    /// "[t=21058ms] r1: message", as `netsim run` prints its log.
    public var text: String {
        "[t=\(SimTime(nanoseconds: Int64((simulatedMilliseconds * 1_000_000).rounded())))] " + (device.map { "\($0): " } ?? "") + message
    }
}
