/// A ROUTE-REFRESH message (RFC 2918; the subtype is RFC 7313's, 0 for a plain request).
public struct BGPRouteRefresh: Hashable, Sendable {
    public var family: BGPAddressFamily
    public var subtype: UInt8

    public init(family: BGPAddressFamily = .ipv4Unicast, subtype: UInt8 = 0) {
        self.family = family
        self.subtype = subtype
    }
}
