/// A 6-byte IS-IS system ID, held in the low 48 bits; printed as FRR and IOS print it
/// (`0000.0000.0001`).
public struct ISISSystemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value & 0xFFFF_FFFF_FFFF }

    /// Parses `xxxx.xxxx.xxxx` (twelve hex digits in three dotted groups of four).
    public init?(_ text: some StringProtocol) {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count == 3, groups.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }),
              let value = UInt64(groups.joined(), radix: 16) else { return nil }
        self.value = value
    }

    public static let wireLength = 6

    public var bytes: [UInt8] { (0..<6).map { UInt8(value >> (40 - 8 * UInt64($0)) & 0xFF) } }

    public var description: String {
        let hex = String(value, radix: 16)
        let digits = String(repeating: "0", count: 12 - hex.count) + hex
        let characters = Array(digits)
        return [0, 4, 8].map { String(characters[$0..<$0 + 4]) }.joined(separator: ".")
    }

    public static func < (lhs: ISISSystemID, rhs: ISISSystemID) -> Bool { lhs.value < rhs.value }

    /// See `FastHash`: system IDs key SPF vertices and adjacency lookups.
    public func _rawHashValue(seed: Int) -> Int { FastHash.mix(value, seed: seed) }
}

/// A system ID and a pseudonode number: a router (pseudonode 0) or the pseudonode a LAN's
/// designated IS stands in for — the "LAN ID" of LAN Hellos and the neighbor of IS reachability.
public struct ISISNodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var systemID: ISISSystemID
    public var pseudonode: UInt8

    public init(systemID: ISISSystemID, pseudonode: UInt8 = 0) {
        self.systemID = systemID
        self.pseudonode = pseudonode
    }

    public static let wireLength = 7
    public var isPseudonode: Bool { pseudonode != 0 }

    public var description: String { "\(systemID).\(ISISNodeID.hex(pseudonode))" }

    static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }

    public static func < (lhs: ISISNodeID, rhs: ISISNodeID) -> Bool {
        lhs.systemID != rhs.systemID ? lhs.systemID < rhs.systemID : lhs.pseudonode < rhs.pseudonode
    }

    /// See `FastHash`: node IDs key every SPF vertex.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(systemID.value << 8 | UInt64(pseudonode), seed: seed)
    }
}

/// An LSP's identity: the originating node and the fragment number (`0000.0000.0001.00-00`).
public struct ISISLSPID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var node: ISISNodeID
    public var fragment: UInt8

    public init(node: ISISNodeID, fragment: UInt8 = 0) {
        self.node = node
        self.fragment = fragment
    }

    public static let wireLength = 8
    /// The lowest and highest LSP IDs, the range of a complete CSNP.
    public static let first = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(0)), fragment: 0)
    public static let last = ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(0xFFFF_FFFF_FFFF), pseudonode: 0xFF),
                                       fragment: 0xFF)

    public var systemID: ISISSystemID { node.systemID }
    public var description: String { "\(node)-\(ISISNodeID.hex(fragment))" }

    public static func < (lhs: ISISLSPID, rhs: ISISLSPID) -> Bool {
        lhs.node != rhs.node ? lhs.node < rhs.node : lhs.fragment < rhs.fragment
    }

    /// See `FastHash`: LSP IDs key every database and every SRM and SSN flag set.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(node.systemID.value << 16 | UInt64(node.pseudonode) << 8 | UInt64(fragment), seed: seed)
    }
}

/// An area address: 1 to 13 bytes (the NET less its system ID and selector), printed in the
/// usual dotted form (`49.0001`).
public struct ISISAreaAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Nil unless 1...13 bytes.
    public init?(bytes: [UInt8]) {
        guard (1...13).contains(bytes.count) else { return nil }
        self.bytes = bytes
    }

    public var description: String {
        var text = ISISNodeID.hex(bytes[0])
        var index = 1
        while index < bytes.count {
            text += "." + bytes[index..<min(index + 2, bytes.count)].map { ISISNodeID.hex($0) }.joined()
            index += 2
        }
        return text
    }

    public static func < (lhs: ISISAreaAddress, rhs: ISISAreaAddress) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// A network entity title (`49.0001.0000.0000.0001.00`): area address, system ID and the
/// selector, which must be 00 for a router's NET.
public struct ISISNetworkEntityTitle: Hashable, Sendable, CustomStringConvertible {
    public var area: ISISAreaAddress
    public var systemID: ISISSystemID

    public init(area: ISISAreaAddress, systemID: ISISSystemID) {
        self.area = area
        self.systemID = systemID
    }

    /// Parses dotted hex: an odd first group of two digits (the AFI), then groups of four; the
    /// last byte is the selector (00) and the six bytes before it the system ID.
    public init?(_ text: some StringProtocol) {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 5, groups[0].count == 2, groups.last?.count == 2,
              groups.dropFirst().dropLast().allSatisfy({ $0.count == 4 }),
              groups.allSatisfy({ $0.allSatisfy(\.isHexDigit) }) else { return nil }
        var bytes: [UInt8] = []
        for group in groups {
            var characters = Substring(group)
            while !characters.isEmpty {
                guard let byte = UInt8(characters.prefix(2), radix: 16) else { return nil }
                bytes.append(byte)
                characters = characters.dropFirst(2)
            }
        }
        guard bytes.last == 0, bytes.count >= 8 else { return nil }
        let systemBytes = bytes[(bytes.count - 7)..<(bytes.count - 1)]
        guard let area = ISISAreaAddress(bytes: Array(bytes[..<(bytes.count - 7)])) else { return nil }
        self.area = area
        systemID = ISISSystemID(systemBytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    public var description: String { "\(area).\(systemID).00" }
}

/// The IS-IS levels: a router's type, a circuit's type, the level of a PDU.
public enum ISISLevel: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case level1 = 1
    case level2 = 2

    public var description: String { "L\(rawValue)" }
    public static func < (lhs: ISISLevel, rhs: ISISLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which levels a router or circuit runs: the two-bit circuit type / IS type field (1, 2, 3).
public enum ISISLevels: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case level1 = 1
    case level2 = 2
    case level1And2 = 3

    public func contains(_ level: ISISLevel) -> Bool { rawValue & UInt8(level.rawValue) != 0 }

    public var levels: [ISISLevel] { ISISLevel.allCases.filter(contains) }

    /// The levels both sets hold, nil when none.
    public func intersection(_ other: ISISLevels) -> ISISLevels? { ISISLevels(rawValue: rawValue & other.rawValue) }

    public var description: String {
        switch self {
        case .level1: "L1"
        case .level2: "L2"
        case .level1And2: "L1L2"
        }
    }
}
