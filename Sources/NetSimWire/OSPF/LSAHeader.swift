/// The LSA types of OSPFv2 (RFC 2328 appendix A.4.1) that netsim originates and floods.
public enum LSAType: UInt8, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case router = 1
    case network = 2
    case summaryNetwork = 3
    case summaryASBR = 4
    case asExternal = 5

    public static func < (lhs: LSAType, rhs: LSAType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .router: "router"
        case .network: "network"
        case .summaryNetwork: "summary"
        case .summaryASBR: "asbr-summary"
        case .asExternal: "external"
        }
    }
}

/// What identifies an LSA in a link-state database: type, Link State ID and advertising router.
public struct LSAKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var type: LSAType
    public var linkStateID: IPv4Address
    public var advertisingRouter: IPv4Address

    public init(type: LSAType, linkStateID: IPv4Address, advertisingRouter: IPv4Address) {
        self.type = type
        self.linkStateID = linkStateID
        self.advertisingRouter = advertisingRouter
    }

    public static func < (lhs: LSAKey, rhs: LSAKey) -> Bool {
        (lhs.type.rawValue, lhs.linkStateID.value, lhs.advertisingRouter.value)
            < (rhs.type.rawValue, rhs.linkStateID.value, rhs.advertisingRouter.value)
    }

    public var description: String { "\(type) \(linkStateID) adv \(advertisingRouter)" }

    /// See `FastHash`: LSA keys index every database, retransmission list and update queue.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(UInt64(linkStateID.value) << 32 | UInt64(advertisingRouter.value), UInt64(type.rawValue), seed: seed)
    }
}

/// The 20-byte header every LSA starts with (RFC 2328 A.4.1). `age` is the age the LSA carried
/// when it was last put on the wire or stored; databases add the time since.
public struct LSAHeader: Hashable, Sendable {
    public var age: UInt16
    public var options: UInt8
    public var key: LSAKey
    public var sequence: Int32
    public var checksum: UInt16
    public var length: UInt16

    public init(age: UInt16, options: UInt8, key: LSAKey, sequence: Int32, checksum: UInt16, length: UInt16) {
        self.age = age
        self.options = options
        self.key = key
        self.sequence = sequence
        self.checksum = checksum
        self.length = length
    }

    public static let wireLength = 20

    /// Architectural constants of RFC 2328 appendix B that concern LSA instances.
    public static let maxAge: UInt16 = 3600
    public static let maxAgeDiff: UInt16 = 900
    public static let initialSequence: Int32 = Int32(bitPattern: 0x8000_0001)
    public static let maxSequence: Int32 = 0x7FFF_FFFF

    /// Which of two instances of the same LSA is more recent (RFC 2328 §13.1): higher sequence,
    /// then larger checksum, then MaxAge, then an age younger by more than MaxAgeDiff.
    public func isNewer(than other: LSAHeader) -> Bool { compareRecency(other) == .orderedDescending }

    public func compareRecency(_ other: LSAHeader) -> RecencyOrder {
        if sequence != other.sequence { return sequence > other.sequence ? .orderedDescending : .orderedAscending }
        if checksum != other.checksum { return checksum > other.checksum ? .orderedDescending : .orderedAscending }
        let selfMax = age >= LSAHeader.maxAge, otherMax = other.age >= LSAHeader.maxAge
        if selfMax != otherMax { return selfMax ? .orderedDescending : .orderedAscending }
        let difference = Int(age) - Int(other.age)
        if abs(difference) > Int(LSAHeader.maxAgeDiff) { return difference < 0 ? .orderedDescending : .orderedAscending }
        return .orderedSame
    }

    public enum RecencyOrder: Sendable { case orderedAscending, orderedSame, orderedDescending }
}
