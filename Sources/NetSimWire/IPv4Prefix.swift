/// An IPv4 network prefix: a network address with its host bits cleared, and a length 0...32.
public struct IPv4Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let network: IPv4Address
    public let length: UInt8

    /// Builds a prefix, clearing any host bits of `address`.
    public init(_ address: IPv4Address, length: UInt8) {
        precondition(length <= 32, "prefix length above 32")
        self.length = length
        network = IPv4Address(address.value & IPv4Prefix.mask(length))
    }

    /// Parses "10.0.0.0/24". Host bits must be clear unless `allowHostBits` is set.
    public init?(_ text: some StringProtocol, allowHostBits: Bool = false) {
        guard let cidr = InterfaceAddress(text) else { return nil }
        if !allowHostBits && cidr.address != cidr.prefix.network { return nil }
        self = cidr.prefix
    }

    /// Builds a prefix from an address and a dotted netmask as OSPF carries them; the length is
    /// the count of leading one bits of the mask.
    public init(masking address: IPv4Address, mask: IPv4Address) {
        self.init(address, length: UInt8((~mask.value).leadingZeroBitCount))
    }

    public static let defaultRoute = IPv4Prefix(.zero, length: 0)

    public static func mask(_ length: UInt8) -> UInt32 {
        length == 0 ? 0 : UInt32.max << (32 - UInt32(length))
    }

    public var mask: UInt32 { IPv4Prefix.mask(length) }
    public var netmask: IPv4Address { IPv4Address(mask) }
    public var broadcast: IPv4Address { IPv4Address(network.value | ~mask) }

    public func contains(_ address: IPv4Address) -> Bool {
        address.value & mask == network.value
    }

    public func contains(_ other: IPv4Prefix) -> Bool {
        other.length >= length && contains(other.network)
    }

    public func overlaps(_ other: IPv4Prefix) -> Bool {
        contains(other) || other.contains(self)
    }

    public var description: String { "\(network)/\(length)" }

    /// See `FastHash`: prefixes key every routing table, and an SPF run looks up each one.
    public func _rawHashValue(seed: Int) -> Int {
        FastHash.mix(UInt64(network.value) << 8 | UInt64(length), seed: seed)
    }

    /// Numeric order: by network address, then shorter prefixes first (as routers list tables).
    @inlinable
    public static func < (lhs: IPv4Prefix, rhs: IPv4Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }
}
