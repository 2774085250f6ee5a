/// One IS-IS TLV (ISO 10589 §9, RFC 1195, RFC 5305, RFC 5303) as netsim uses it. A TLV's value
/// holds at most 255 bytes; `ISISTLV.packed` splits long lists over as many TLVs as they need.
/// TLVs netsim does not model (authentication among them) are refused by the decoder.
public enum ISISTLV: Hashable, Sendable {
    /// 1: the area addresses of the sender.
    case areaAddresses([ISISAreaAddress])
    /// 2: IS neighbors with narrow (6-bit) metrics.
    case isReachability([ISISNarrowISReach])
    /// 6: the MAC addresses of the LAN neighbors the sender has heard Hellos from.
    case isNeighbors([MACAddress])
    /// 8: padding of `count` bytes (Hellos are padded to the largest frame the link carries).
    case padding(count: Int)
    /// 9: LSP entries of sequence number PDUs.
    case lspEntries([ISISLSPEntry])
    /// 22: IS neighbors with wide (24-bit) metrics.
    case extendedISReachability([ISISExtendedISReach])
    /// 128: IPv4 prefixes with narrow metrics.
    case ipInternalReachability([ISISNarrowPrefix])
    /// 129: the network layer protocols supported, by NLPID (0xCC is IPv4).
    case protocolsSupported([UInt8])
    /// 130: IPv4 prefixes from outside IS-IS, narrow metrics.
    case ipExternalReachability([ISISNarrowPrefix])
    /// 132: the sender's IPv4 interface addresses.
    case ipInterfaceAddresses([IPv4Address])
    /// 135: IPv4 prefixes with wide metrics and the up/down bit.
    case extendedIPReachability([ISISExtendedPrefix])
    /// 137: the sender's host name.
    case hostname(String)
    /// 240: the point-to-point three-way handshake.
    case threeWayAdjacency(ISISThreeWayAdjacency)

    public static let nlpidIPv4: UInt8 = 0xCC
    public static let maximumValueLength = 255

    public var type: UInt8 {
        switch self {
        case .areaAddresses: 1
        case .isReachability: 2
        case .isNeighbors: 6
        case .padding: 8
        case .lspEntries: 9
        case .extendedISReachability: 22
        case .ipInternalReachability: 128
        case .protocolsSupported: 129
        case .ipExternalReachability: 130
        case .ipInterfaceAddresses: 132
        case .extendedIPReachability: 135
        case .hostname: 137
        case .threeWayAdjacency: 240
        }
    }

    /// Bytes of the value (without the type and length bytes).
    public var valueLength: Int {
        switch self {
        case .areaAddresses(let areas): areas.reduce(0) { $0 + 1 + $1.bytes.count }
        case .isReachability(let entries): 1 + 11 * entries.count
        case .isNeighbors(let macs): 6 * macs.count
        case .padding(let count): count
        case .lspEntries(let entries): 16 * entries.count
        case .extendedISReachability(let entries): 11 * entries.count
        case .ipInternalReachability(let entries), .ipExternalReachability(let entries): 12 * entries.count
        case .protocolsSupported(let nlpids): nlpids.count
        case .ipInterfaceAddresses(let addresses): 4 * addresses.count
        case .extendedIPReachability(let entries): entries.reduce(0) { $0 + $1.wireLength }
        case .hostname(let name): name.utf8.count
        case .threeWayAdjacency(let adjacency): adjacency.wireLength
        }
    }

    /// Type, length and value.
    public var wireLength: Int { 2 + valueLength }
}

extension ISISTLV {
    /// `entries` as TLVs made by `make`, as few as fit: each value at most 255 bytes, an entry
    /// never split. `overhead` is the value's fixed part (the virtual flag of TLV 2).
    public static func packed<Entry>(_ entries: [Entry], overhead: Int = 0, size: (Entry) -> Int,
                                     make: ([Entry]) -> ISISTLV) -> [ISISTLV] {
        var result: [ISISTLV] = [], chunk: [Entry] = [], used = overhead
        for entry in entries {
            if used + size(entry) > maximumValueLength, !chunk.isEmpty {
                result.append(make(chunk))
                chunk = []
                used = overhead
            }
            chunk.append(entry)
            used += size(entry)
        }
        if !chunk.isEmpty { result.append(make(chunk)) }
        return result
    }

    /// Padding TLVs that make up `count` bytes in all (type and length bytes included); fewer
    /// than two bytes cannot be padded and are left out.
    public static func padding(totalBytes count: Int) -> [ISISTLV] {
        var left = count, result: [ISISTLV] = []
        while left >= 2 {
            let value = min(maximumValueLength, left - 2)
            // Leave no single byte behind.
            let take = left - 2 - value == 1 ? value - 1 : value
            result.append(.padding(count: take))
            left -= take + 2
        }
        return result
    }
}

/// An entry of TLV 2: a neighbor and its 6-bit default metric (the delay, expense and error
/// metrics are sent as "not supported").
public struct ISISNarrowISReach: Hashable, Sendable {
    public var neighbor: ISISNodeID
    public var metric: UInt8

    public static let maximumMetric: UInt8 = 63

    public init(neighbor: ISISNodeID, metric: UInt8) {
        self.neighbor = neighbor
        self.metric = metric
    }
}

/// An entry of TLV 22: a neighbor, a 24-bit metric and no sub-TLVs.
public struct ISISExtendedISReach: Hashable, Sendable {
    public var neighbor: ISISNodeID
    public var metric: UInt32

    /// RFC 5305 §3: the largest metric an SPF uses (0xFFFFFF keeps a link out of it).
    public static let maximumMetric: UInt32 = 0xFF_FFFE

    public init(neighbor: ISISNodeID, metric: UInt32) {
        self.neighbor = neighbor
        self.metric = metric
    }
}

/// An entry of TLVs 128 and 130: a prefix, its 6-bit metric and the up/down bit (RFC 5302 §2).
public struct ISISNarrowPrefix: Hashable, Sendable {
    public var prefix: IPv4Prefix
    public var metric: UInt8
    /// Set on prefixes leaked from level 2 into level 1.
    public var down: Bool

    public init(prefix: IPv4Prefix, metric: UInt8, down: Bool = false) {
        self.prefix = prefix
        self.metric = metric
        self.down = down
    }
}

/// An entry of TLV 135: a prefix with a 32-bit metric and the up/down bit, no sub-TLVs.
public struct ISISExtendedPrefix: Hashable, Sendable {
    public var prefix: IPv4Prefix
    public var metric: UInt32
    /// Set on prefixes leaked from level 2 into level 1 (RFC 5305 §4).
    public var down: Bool

    /// RFC 5305 §4: larger metrics are not to be used in SPF.
    public static let maximumMetric: UInt32 = 0xFE00_0000

    public init(prefix: IPv4Prefix, metric: UInt32, down: Bool = false) {
        self.prefix = prefix
        self.metric = metric
        self.down = down
    }

    /// Metric, control byte and the significant bytes of the prefix.
    public var wireLength: Int { 5 + (Int(prefix.length) + 7) / 8 }
}

/// An entry of TLV 9: the summary of one LSP in a CSNP or PSNP.
public struct ISISLSPEntry: Hashable, Sendable {
    public var remainingLifetime: UInt16
    public var lspID: ISISLSPID
    public var sequenceNumber: UInt32
    public var checksum: UInt16

    public init(remainingLifetime: UInt16, lspID: ISISLSPID, sequenceNumber: UInt32, checksum: UInt16) {
        self.remainingLifetime = remainingLifetime
        self.lspID = lspID
        self.sequenceNumber = sequenceNumber
        self.checksum = checksum
    }
}

/// TLV 240 (RFC 5303): the sender's view of a point-to-point adjacency. The value is 1 byte
/// (state), 5 (and the sender's extended circuit ID) or 15 (and the neighbor it heard: system ID
/// and extended circuit ID).
public struct ISISThreeWayAdjacency: Hashable, Sendable {
    public enum State: UInt8, Hashable, Sendable, CustomStringConvertible {
        case up = 0
        case initializing = 1
        case down = 2

        public var description: String {
            switch self {
            case .up: "Up"
            case .initializing: "Initializing"
            case .down: "Down"
            }
        }
    }

    public struct Neighbor: Hashable, Sendable {
        public var systemID: ISISSystemID
        public var extendedCircuitID: UInt32

        public init(systemID: ISISSystemID, extendedCircuitID: UInt32) {
            self.systemID = systemID
            self.extendedCircuitID = extendedCircuitID
        }
    }

    public var state: State
    public var extendedLocalCircuitID: UInt32?
    /// Only with `extendedLocalCircuitID`.
    public var neighbor: Neighbor?

    public init(state: State, extendedLocalCircuitID: UInt32? = nil, neighbor: Neighbor? = nil) {
        self.state = state
        self.extendedLocalCircuitID = extendedLocalCircuitID
        self.neighbor = extendedLocalCircuitID == nil ? nil : neighbor
    }

    public var wireLength: Int { extendedLocalCircuitID == nil ? 1 : neighbor == nil ? 5 : 15 }
}
