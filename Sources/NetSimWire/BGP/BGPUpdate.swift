/// An UPDATE message (RFC 4271 §4.3): withdrawn IPv4 prefixes, the path attributes shared by
/// the announced prefixes, and the announced prefixes (NLRI). An UPDATE with nothing in it is
/// the IPv4 unicast End-of-RIB marker (RFC 4724 §2).
public struct BGPUpdate: Hashable, Sendable {
    public var withdrawnRoutes: [IPv4Prefix]
    /// Present when `nlri` is non-empty; nil in an UPDATE that only withdraws.
    public var attributes: BGPPathAttributes?
    public var nlri: [IPv4Prefix]

    public init(withdrawnRoutes: [IPv4Prefix] = [], attributes: BGPPathAttributes? = nil, nlri: [IPv4Prefix] = []) {
        self.withdrawnRoutes = withdrawnRoutes
        self.attributes = attributes
        self.nlri = nlri
    }

    public static let endOfRIB = BGPUpdate()

    public var isEndOfRIB: Bool { withdrawnRoutes.isEmpty && attributes == nil && nlri.isEmpty }
}
