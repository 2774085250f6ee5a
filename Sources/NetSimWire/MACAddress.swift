/// A 48-bit IEEE MAC address, held in the low bits of a UInt64.
public struct MACAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value & 0xFFFF_FFFF_FFFF }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var result: UInt64 = 0
        for part in parts {
            guard part.count == 2, part.allSatisfy(\.isHexDigit), let byte = UInt8(part, radix: 16) else { return nil }
            result = result << 8 | UInt64(byte)
        }
        value = result
    }

    public static let broadcast = MACAddress(0xFFFF_FFFF_FFFF)
    public static let zero = MACAddress(0)

    /// A locally administered unicast address derived from a device and port number, so that
    /// the same topology always yields the same addresses: 02:00:00:00:01:00 is device 1, port 0
    /// (device numbers up to 2^24; port numbers above 255 spill into the second octet).
    public static func local(device: Int, port: Int) -> MACAddress {
        MACAddress(0x0200_0000_0000 | UInt64(port >> 8 & 0xFF) << 32 | UInt64(device & 0xFF_FFFF) << 8
                   | UInt64(port & 0xFF))
    }

    /// The Ethernet group address of an IPv4 multicast group (RFC 1112 §6.4): 01:00:5e plus the
    /// group's low 23 bits.
    public static func multicast(_ group: IPv4Address) -> MACAddress {
        MACAddress(0x0100_5E00_0000 | UInt64(group.value & 0x7F_FFFF))
    }

    public var isBroadcast: Bool { self == .broadcast }
    /// Group (multicast or broadcast) addresses have the least significant bit of the first octet set.
    public var isGroup: Bool { value >> 40 & 1 == 1 }

    public var bytes: [UInt8] { (0..<6).map { UInt8(value >> (40 - 8 * UInt64($0)) & 0xFF) } }

    public var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.value < rhs.value }
}
