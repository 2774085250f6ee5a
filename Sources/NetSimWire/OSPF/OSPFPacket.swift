/// An OSPFv2 packet (RFC 2328 A.3): the common header's router and area IDs and one of the five
/// bodies. Authentication is null (type 0); the codec computes the header checksum.
public struct OSPFPacket: Hashable, Sendable {
    public var routerID: IPv4Address
    public var areaID: IPv4Address
    public var body: OSPFPacketBody

    public init(routerID: IPv4Address, areaID: IPv4Address, body: OSPFPacketBody) {
        self.routerID = routerID
        self.areaID = areaID
        self.body = body
    }

    public static let headerLength = 24
    /// IP protocol number 89.
    public static let ipProtocol: UInt8 = 89
    /// AllSPFRouters and AllDRouters (RFC 2328 A.1).
    public static let allSPFRouters = IPv4Address(224, 0, 0, 5)
    public static let allDRouters = IPv4Address(224, 0, 0, 6)

    public var wireLength: Int { OSPFPacket.headerLength + body.wireLength }
}

public enum OSPFPacketBody: Hashable, Sendable {
    case hello(OSPFHello)
    case databaseDescription(OSPFDatabaseDescription)
    case linkStateRequest([LSAKey])
    case linkStateUpdate([LSA])
    case linkStateAck([LSAHeader])

    /// The type number in the OSPF header (1-5).
    public var typeNumber: UInt8 {
        switch self {
        case .hello: 1
        case .databaseDescription: 2
        case .linkStateRequest: 3
        case .linkStateUpdate: 4
        case .linkStateAck: 5
        }
    }

    public var name: String {
        switch self {
        case .hello: "Hello"
        case .databaseDescription: "DB Description"
        case .linkStateRequest: "LS Request"
        case .linkStateUpdate: "LS Update"
        case .linkStateAck: "LS Ack"
        }
    }

    public var wireLength: Int {
        switch self {
        case .hello(let hello): 20 + 4 * hello.neighbors.count
        case .databaseDescription(let dd): 8 + LSAHeader.wireLength * dd.headers.count
        case .linkStateRequest(let keys): 12 * keys.count
        case .linkStateUpdate(let lsas): 4 + lsas.reduce(0) { $0 + Int($1.header.length) }
        case .linkStateAck(let headers): LSAHeader.wireLength * headers.count
        }
    }
}

/// The Hello packet (A.3.2).
public struct OSPFHello: Hashable, Sendable {
    public var networkMask: IPv4Address
    public var helloInterval: UInt16
    public var options: UInt8
    public var priority: UInt8
    public var deadInterval: UInt32
    public var designatedRouter: IPv4Address
    public var backupDesignatedRouter: IPv4Address
    /// Router IDs of every neighbor heard on the interface within the dead interval.
    public var neighbors: [IPv4Address]

    public init(networkMask: IPv4Address, helloInterval: UInt16, options: UInt8, priority: UInt8,
                deadInterval: UInt32, designatedRouter: IPv4Address, backupDesignatedRouter: IPv4Address,
                neighbors: [IPv4Address]) {
        self.networkMask = networkMask
        self.helloInterval = helloInterval
        self.options = options
        self.priority = priority
        self.deadInterval = deadInterval
        self.designatedRouter = designatedRouter
        self.backupDesignatedRouter = backupDesignatedRouter
        self.neighbors = neighbors
    }
}

/// The Database Description packet (A.3.3).
public struct OSPFDatabaseDescription: Hashable, Sendable {
    public var interfaceMTU: UInt16
    public var options: UInt8
    public var isInit: Bool
    public var hasMore: Bool
    public var isMaster: Bool
    public var sequence: UInt32
    public var headers: [LSAHeader]

    public init(interfaceMTU: UInt16, options: UInt8, isInit: Bool, hasMore: Bool, isMaster: Bool,
                sequence: UInt32, headers: [LSAHeader]) {
        self.interfaceMTU = interfaceMTU
        self.options = options
        self.isInit = isInit
        self.hasMore = hasMore
        self.isMaster = isMaster
        self.sequence = sequence
        self.headers = headers
    }
}

/// The Options field bits netsim uses (A.2): E (external routing capability).
public enum OSPFOptions {
    public static let externalRouting: UInt8 = 0x02
}
