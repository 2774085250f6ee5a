import NetSimEngine
import NetSimISIS
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// A place in a topology file, 1-based, for error messages: "file.yaml:12:7".
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A topology file after parsing: plain values in the seed schema, each remembering where it was
/// written. Produced by `TopologyParser`, checked by `TopologyValidator`, turned into a running
/// simulation by `SimulationBuilder`.
public struct TopologySpec: Sendable {
    public var name: String
    public var description: String?
    public var devices: [DeviceSpec]
    public var links: [LinkSpec]
    public var script: [ScriptStep]
    /// The top-level `policies:` block, visible to every router.
    public var policies: PolicyBlockSpec?
    /// The start of the document; where diagnostics about the topology as a whole point.
    public var location = SourceLocation(file: "<topology>", line: 1, column: 1)
    /// Where the value of each key was written (`interface.valueLocations["ip"]`), so diagnostics
    /// about one field can point at it rather than at the start of the whole entry. The same
    /// property on each element type; empty for specs built in code, where lookups fall back to
    /// `location`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(name: String, description: String? = nil, devices: [DeviceSpec], links: [LinkSpec],
                script: [ScriptStep]) {
        self.name = name
        self.description = description
        self.devices = devices
        self.links = links
        self.script = script
    }
}

public struct DeviceSpec: Sendable {
    public var name: String
    public var kind: DeviceKind
    public var routerID: IPv4Address?
    public var interfaces: [InterfaceSpec]
    /// Static routes from the device's `routes:` list.
    public var staticRoutes: [StaticRouteSpec]
    /// The device-level `ospf:` block.
    public var ospf: OSPFRouterSpec?
    /// The device-level `isis:` block.
    public var isis: ISISRouterSpec?
    /// The device-level `bgp:` block.
    public var bgp: BGPRouterSpec?
    /// The device's own `policies:` block, added to the top-level one.
    public var policies: PolicyBlockSpec?
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(name: String, kind: DeviceKind, routerID: IPv4Address? = nil, interfaces: [InterfaceSpec],
                staticRoutes: [StaticRouteSpec] = [], ospf: OSPFRouterSpec? = nil, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.routerID = routerID
        self.interfaces = interfaces
        self.staticRoutes = staticRoutes
        self.ospf = ospf
        self.location = location
    }
}

public struct InterfaceSpec: Sendable {
    public var name: String
    /// The CIDR address from `ip:`; nil for switch ports and unnumbered interfaces.
    public var address: InterfaceAddress?
    /// A host's default gateway from `gateway:`.
    public var gateway: IPv4Address?
    /// Switch ports only: the VLAN an access port belongs to (`vlan:`, default 1) or the VLANs a
    /// trunk port carries tagged (`trunk:`).
    public var switchport: SwitchportSpec?
    /// `shutdown: true` starts the interface administratively down.
    public var shutdown: Bool
    /// The interface's `ospf:` block.
    public var ospf: OSPFInterfaceSpec?
    /// The interface's `isis:` block.
    public var isis: ISISInterfaceSpec?
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(name: String, address: InterfaceAddress? = nil, gateway: IPv4Address? = nil,
                switchport: SwitchportSpec? = nil, shutdown: Bool = false, ospf: OSPFInterfaceSpec? = nil,
                location: SourceLocation) {
        self.name = name
        self.address = address
        self.gateway = gateway
        self.switchport = switchport
        self.shutdown = shutdown
        self.ospf = ospf
        self.location = location
    }
}

public enum SwitchportSpec: Sendable, Equatable {
    case access(vlan: UInt16)
    case trunk(vlans: [UInt16])
}

public struct StaticRouteSpec: Sendable {
    public var prefix: IPv4Prefix
    /// Gateway (`via:`); at least one of `via` and `interface` is given.
    public var via: IPv4Address?
    public var interface: String?
    public var distance: UInt8
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(prefix: IPv4Prefix, via: IPv4Address?, interface: String?, distance: UInt8 = 1,
                location: SourceLocation) {
        self.prefix = prefix
        self.via = via
        self.interface = interface
        self.distance = distance
        self.location = location
    }
}

public struct EndpointSpec: Sendable, Hashable, CustomStringConvertible {
    public var device: String
    public var interface: String
    public var location: SourceLocation

    public init(device: String, interface: String, location: SourceLocation) {
        self.device = device
        self.interface = interface
        self.location = location
    }

    public var description: String { "\(device):\(interface)" }
}

public struct LinkSpec: Sendable {
    /// Two endpoints make a point-to-point link; more make a shared broadcast segment.
    public var endpoints: [EndpointSpec]
    /// One-way propagation delay (`delay:`, default 1 ms).
    public var delay: SimTime
    /// Probability in percent that a frame is lost (`loss:`, default 0).
    public var lossPercent: Double
    /// Largest IP packet the link carries (`mtu:`, default 1500).
    public var mtu: Int
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public static let defaultDelay = SimTime.milliseconds(1)
    public static let defaultMTU = 1500

    public init(endpoints: [EndpointSpec], delay: SimTime = LinkSpec.defaultDelay, lossPercent: Double = 0,
                mtu: Int = LinkSpec.defaultMTU, location: SourceLocation) {
        self.endpoints = endpoints
        self.delay = delay
        self.lossPercent = lossPercent
        self.mtu = mtu
        self.location = location
    }
}

public struct ScriptStep: Sendable {
    public var at: ScheduledTime
    public var device: String
    public var command: String
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(at: ScheduledTime, device: String, command: String, location: SourceLocation) {
        self.at = at
        self.device = device
        self.command = command
        self.location = location
    }
}

/// A router's `ospf:` block: what it redistributes into OSPF. (Which interfaces run OSPF is
/// said on the interfaces; see `TopologySpec.ospfConfigurations()`.)
public struct OSPFRouterSpec: Sendable {
    /// `redistribute:` entries in the order written; each source at most once.
    public var redistribute: [OSPFRedistribution]
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(redistribute: [OSPFRedistribution] = [], location: SourceLocation) {
        self.redistribute = redistribute
        self.location = location
    }
}

/// An interface's `ospf:` block as written; nil fields take their defaults when the
/// configuration is built (`network` and `dead` depend on the link and on `hello`).
/// `OSPFInterfaceConfiguration` documents each setting.
public struct OSPFInterfaceSpec: Sendable {
    /// `area:`, as a 32-bit area ID; nil means area 0.
    public var area: IPv4Address?
    public var cost: UInt16?
    public var network: OSPFNetworkType?
    public var priority: UInt8?
    public var passive: Bool?
    /// `hello:`, `dead:` and `retransmit:`, in seconds.
    public var helloInterval: UInt16?
    public var deadInterval: UInt32?
    public var retransmitInterval: UInt16?
    /// `ospf: false`: the interface stays out of OSPF altogether (not even a passive stub), so
    /// its subnet reaches OSPF only through `redistribute connected`.
    public var excluded = false
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    /// A block with every key left out (`ospf: {}`); set the keys that were written.
    public init(location: SourceLocation) {
        self.location = location
    }
}
