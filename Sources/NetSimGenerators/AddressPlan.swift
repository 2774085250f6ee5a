import NetSimWire

/// Where generated addresses come from, all computed from an index so that any size is
/// addressed in one pass:
/// - link i: the i-th /31 (or /30) of 10.0.0.0/9; its lower-numbered router takes the first
///   address (2^22 links at /31, 2^21 at /30);
/// - the LAN behind edge router j: the j-th block of 10.128.0.0/9, sized for its hosts (a /30
///   for one host, a /24 for up to 253); the router takes the first address, hosts the next;
/// - router i: router ID 1.0.0.0 + i + 1 (r0 is 1.0.0.1), up to 2^24 routers.
public struct AddressPlan: Sendable {
    public let linkPrefixLength: UInt8
    public let lanPrefixLength: UInt8

    static let linkBase: UInt32 = 0x0A00_0000
    static let lanBase: UInt32 = 0x0A80_0000
    static let blockSpan: UInt64 = 1 << 23

    public init(linkPrefixLength: UInt8, hostsPerLAN: Int) throws(GeneratorError) {
        guard linkPrefixLength == 31 || linkPrefixLength == 30 else {
            throw GeneratorError("links are addressed /31 or /30, not /\(linkPrefixLength)")
        }
        guard (0...253).contains(hostsPerLAN) else { throw GeneratorError("--hosts-per-edge must be 0 to 253") }
        self.linkPrefixLength = linkPrefixLength
        // Room for the network, the router, the hosts and the broadcast address.
        var length: UInt8 = 30
        while (1 << (32 - Int(length))) < hostsPerLAN + 3 { length -= 1 }
        lanPrefixLength = length
    }

    public var linkCapacity: Int { Int(Self.blockSpan >> (32 - UInt64(linkPrefixLength))) }
    public var lanCapacity: Int { Int(Self.blockSpan >> (32 - UInt64(lanPrefixLength))) }

    /// The two ends of link `index`: the lower router's address, then the higher's.
    public func linkAddresses(_ index: Int) -> (InterfaceAddress, InterfaceAddress) {
        let size = UInt32(1) << (32 - UInt32(linkPrefixLength))
        let network = Self.linkBase + UInt32(index) * size
        let first = linkPrefixLength == 31 ? network : network + 1
        return (InterfaceAddress(IPv4Address(first), prefixLength: linkPrefixLength),
                InterfaceAddress(IPv4Address(first + 1), prefixLength: linkPrefixLength))
    }

    /// Address `host` of LAN `index`: 0 is the router (the hosts' gateway), 1... the hosts.
    public func lanAddress(_ index: Int, host: Int) -> InterfaceAddress {
        let size = UInt32(1) << (32 - UInt32(lanPrefixLength))
        return InterfaceAddress(IPv4Address(Self.lanBase + UInt32(index) * size + 1 + UInt32(host)),
                                prefixLength: lanPrefixLength)
    }

    public static func routerID(_ index: Int) -> IPv4Address {
        IPv4Address(0x0100_0000 + UInt32(index) + 1)
    }
}
