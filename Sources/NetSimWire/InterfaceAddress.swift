/// An address configured on an interface, in CIDR form ("10.0.12.1/24"): the host address
/// together with the length of the subnet it sits on.
public struct InterfaceAddress: Hashable, Sendable, CustomStringConvertible {
    public let address: IPv4Address
    public let prefixLength: UInt8

    public init(_ address: IPv4Address, prefixLength: UInt8) {
        precondition(prefixLength <= 32, "prefix length above 32")
        self.address = address
        self.prefixLength = prefixLength
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(parts[0]),
              !parts[1].isEmpty, parts[1].count <= 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts[1].count == 2 && parts[1].first == "0"),
              let length = UInt8(parts[1]), length <= 32 else { return nil }
        self.init(address, prefixLength: length)
    }

    public var prefix: IPv4Prefix { IPv4Prefix(address, length: prefixLength) }

    /// True when the address is the network or broadcast address of a subnet that has host
    /// addresses to spare (/31 and /32 have none, RFC 3021).
    public var isNetworkOrBroadcast: Bool {
        prefixLength < 31 && (address == prefix.network || address == prefix.broadcast)
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
