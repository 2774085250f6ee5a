/// A link-state advertisement: its header and the body its type defines (RFC 2328 A.4).
/// Bodies are immutable values; a database and every retransmission list share one copy.
/// `LSABody` is `indirect`: each body lives in one immutable box that every copy of the LSA
/// shares (in every router's database, retransmission list and packet, across routers too),
/// so copying an LSA is a header and one reference, whatever its type.
/// `LSA.make` fills in the length and the Fletcher checksum from the encoded bytes.
public struct LSA: Hashable, Sendable {
    public var header: LSAHeader
    public var body: LSABody

    public init(header: LSAHeader, body: LSABody) {
        self.header = header
        self.body = body
    }

    /// Builds an LSA with its length and checksum computed from its encoding.
    public static func make(age: UInt16 = 0, options: UInt8, key: LSAKey, sequence: Int32, body: LSABody) -> LSA {
        var lsa = LSA(header: LSAHeader(age: age, options: options, key: key, sequence: sequence, checksum: 0,
                                        length: 0), body: body)
        lsa.header.length = UInt16(LSAHeader.wireLength + body.wireLength)
        lsa.header.checksum = FletcherChecksum.lsaChecksum(of: lsa.encoded())
        return lsa
    }

    public var key: LSAKey { header.key }
}

public indirect enum LSABody: Hashable, Sendable {
    case router(RouterLSABody)
    case network(NetworkLSABody)
    /// Types 3 and 4 share a layout; the header's type tells them apart.
    case summary(SummaryLSABody)
    case external(ExternalLSABody)

    public var wireLength: Int {
        switch self {
        case .router(let body): 4 + 12 * body.links.count
        case .network(let body): 4 + 4 * body.attachedRouters.count
        case .summary: 8
        case .external: 16
        }
    }
}

/// Router-LSA body (A.4.2): the V/E/B flags and one entry per link.
public struct RouterLSABody: Hashable, Sendable {
    public var isVirtualLinkEndpoint: Bool
    public var isASBoundaryRouter: Bool
    public var isAreaBorderRouter: Bool
    public var links: [RouterLink]

    public init(isVirtualLinkEndpoint: Bool = false, isASBoundaryRouter: Bool, isAreaBorderRouter: Bool,
                links: [RouterLink]) {
        self.isVirtualLinkEndpoint = isVirtualLinkEndpoint
        self.isASBoundaryRouter = isASBoundaryRouter
        self.isAreaBorderRouter = isAreaBorderRouter
        self.links = links
    }

    public var flags: UInt8 {
        (isVirtualLinkEndpoint ? 0x04 : 0) | (isASBoundaryRouter ? 0x02 : 0) | (isAreaBorderRouter ? 0x01 : 0)
    }
}

public struct RouterLink: Hashable, Sendable {
    public enum Kind: UInt8, Sendable, Hashable {
        case pointToPoint = 1
        case transit = 2
        case stub = 3
        case virtual = 4
    }

    public var kind: Kind
    /// Neighbor router ID (p2p), DR interface address (transit) or network number (stub).
    public var linkID: IPv4Address
    /// Own interface address (p2p, transit) or network mask (stub).
    public var linkData: IPv4Address
    public var metric: UInt16

    public init(kind: Kind, linkID: IPv4Address, linkData: IPv4Address, metric: UInt16) {
        self.kind = kind
        self.linkID = linkID
        self.linkData = linkData
        self.metric = metric
    }
}

/// Network-LSA body (A.4.3): the segment's mask and the routers fully adjacent to its DR.
public struct NetworkLSABody: Hashable, Sendable {
    public var networkMask: IPv4Address
    public var attachedRouters: [IPv4Address]

    public init(networkMask: IPv4Address, attachedRouters: [IPv4Address]) {
        self.networkMask = networkMask
        self.attachedRouters = attachedRouters
    }
}

/// Summary-LSA body (A.4.4), types 3 and 4: a mask (zero for type 4) and a 24-bit metric.
public struct SummaryLSABody: Hashable, Sendable {
    public var networkMask: IPv4Address
    public var metric: UInt32

    public init(networkMask: IPv4Address, metric: UInt32) {
        self.networkMask = networkMask
        self.metric = metric
    }
}

/// AS-external-LSA body (A.4.5) with the single TOS-0 metric.
public struct ExternalLSABody: Hashable, Sendable {
    public var networkMask: IPv4Address
    /// True for a type-2 metric (E2), false for type 1 (E1).
    public var isType2: Bool
    public var metric: UInt32
    public var forwardingAddress: IPv4Address
    public var routeTag: UInt32

    public init(networkMask: IPv4Address, isType2: Bool, metric: UInt32, forwardingAddress: IPv4Address = .zero,
                routeTag: UInt32 = 0) {
        self.networkMask = networkMask
        self.isType2 = isType2
        self.metric = metric
        self.forwardingAddress = forwardingAddress
        self.routeTag = routeTag
    }
}

/// The 24-bit "infinite" metric of summary and external LSAs.
public let ospfLSInfinity: UInt32 = 0xFF_FFFF
