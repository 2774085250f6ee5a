/// A community (RFC 1997): `AS:value`, or one of the well-known values.
public struct BGPCommunity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public init(_ high: UInt16, _ low: UInt16) {
        rawValue = UInt32(high) << 16 | UInt32(low)
    }

    public static let noExport = BGPCommunity(rawValue: 0xFFFF_FF01)
    public static let noAdvertise = BGPCommunity(rawValue: 0xFFFF_FF02)
    public static let noExportSubconfed = BGPCommunity(rawValue: 0xFFFF_FF03)
    /// RFC 3765.
    public static let noPeer = BGPCommunity(rawValue: 0xFFFF_FF04)

    private static let names: [(BGPCommunity, String)] = [
        (.noExport, "no-export"), (.noAdvertise, "no-advertise"), (.noExportSubconfed, "local-AS"),
        (.noPeer, "no-peer"),
    ]

    /// `65001:100`, or a well-known community's name as FRR spells it (`no-export`,
    /// `no-advertise`, `local-AS`, `no-peer`).
    public init?(_ text: some StringProtocol) {
        if let named = Self.names.first(where: { $0.1.lowercased() == text.lowercased() }) {
            self = named.0
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let high = UInt16(parts[0]), let low = UInt16(parts[1]) else { return nil }
        self.init(high, low)
    }

    public var description: String {
        if let named = Self.names.first(where: { $0.0 == self }) { return named.1 }
        return "\(rawValue >> 16):\(rawValue & 0xFFFF)"
    }

    public static func < (lhs: BGPCommunity, rhs: BGPCommunity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A large community (RFC 8092): `global:local1:local2`.
public struct BGPLargeCommunity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var globalAdministrator: UInt32
    public var localData1: UInt32
    public var localData2: UInt32

    public init(globalAdministrator: UInt32, localData1: UInt32, localData2: UInt32) {
        self.globalAdministrator = globalAdministrator
        self.localData1 = localData1
        self.localData2 = localData2
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { UInt32($0) }
        guard parts.count == 3, let global = parts[0], let first = parts[1], let second = parts[2] else { return nil }
        self.init(globalAdministrator: global, localData1: first, localData2: second)
    }

    public var description: String { "\(globalAdministrator):\(localData1):\(localData2)" }

    public static func < (lhs: BGPLargeCommunity, rhs: BGPLargeCommunity) -> Bool {
        (lhs.globalAdministrator, lhs.localData1, lhs.localData2)
            < (rhs.globalAdministrator, rhs.localData1, rhs.localData2)
    }
}

/// An extended community (RFC 4360): eight octets, the first one or two saying what it is.
/// Route targets and sites of origin read and print in the usual `RT:65001:100` form.
public struct BGPExtendedCommunity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Type 0x00 (two-octet AS specific), sub-type 0x02: a route target `AS:value`.
    public static func routeTarget(_ autonomousSystem: UInt16, _ value: UInt32) -> BGPExtendedCommunity {
        BGPExtendedCommunity(rawValue: 0x0002 << 48 | UInt64(autonomousSystem) << 32 | UInt64(value))
    }

    /// Type 0x00, sub-type 0x03: a site of origin `AS:value`.
    public static func siteOfOrigin(_ autonomousSystem: UInt16, _ value: UInt32) -> BGPExtendedCommunity {
        BGPExtendedCommunity(rawValue: 0x0003 << 48 | UInt64(autonomousSystem) << 32 | UInt64(value))
    }

    /// `RT:AS:value` or `SoO:AS:value` (two-octet AS forms).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let asn = UInt16(parts[1]), let value = UInt32(parts[2]) else { return nil }
        switch parts[0].lowercased() {
        case "rt": self = .routeTarget(asn, value)
        case "soo": self = .siteOfOrigin(asn, value)
        default: return nil
        }
    }

    public var description: String {
        let typeAndSubtype = rawValue >> 48
        let asn = (rawValue >> 32) & 0xFFFF
        let value = rawValue & 0xFFFF_FFFF
        switch typeAndSubtype {
        case 0x0002: return "RT:\(asn):\(value)"
        case 0x0003: return "SoO:\(asn):\(value)"
        default:
            let hex = String(rawValue, radix: 16)
            return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    public static func < (lhs: BGPExtendedCommunity, rhs: BGPExtendedCommunity) -> Bool { lhs.rawValue < rhs.rawValue }
}
