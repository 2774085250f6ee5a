import NetSimRouting
import NetSimWire

/// A neighbor heard on an interface, and the adjacency being built with it (RFC 2328 §10).
///
/// Neighbor state machine (§10.3):
/// ```
///   Down --Hello--> Init --2-WayReceived--> 2-Way (no adjacency wanted: stays)
///                                      \--> ExStart --NegotiationDone--> Exchange
///   Exchange --ExchangeDone--> Loading --LoadingDone--> Full   (Exchange → Full if nothing to request)
///   ExStart..Full --SeqNumberMismatch/BadLSReq--> ExStart;   any --1-Way--> Init
///   any --KillNbr/InactivityTimer/LLDown--> Down (removed)
/// ```
public struct OSPFNeighbor {
    public enum State: String, Sendable, DeclarationOrdered {
        case down = "Down"
        case initializing = "Init"
        case twoWay = "2-Way"
        case exchangeStart = "ExStart"
        case exchange = "Exchange"
        case loading = "Loading"
        case full = "Full"
    }

    public internal(set) var routerID: IPv4Address
    public let address: IPv4Address
    public internal(set) var state: State = .down
    public internal(set) var priority: UInt8
    public internal(set) var designatedRouter: IPv4Address = .zero
    public internal(set) var backupDesignatedRouter: IPv4Address = .zero
    public internal(set) var options: UInt8 = 0
    /// When the inactivity timer fires unless another Hello arrives.
    public internal(set) var deadline: SimTime = .zero

    // Database exchange (§10.6-10.8).
    var isMaster = false
    var ddSequence: UInt32 = 0
    var lastReceivedDescription: OSPFDatabaseDescription?
    var lastSentDescription: OSPFDatabaseDescription?
    /// LSA headers still to describe in DD packets.
    var summaryList: [LSAHeader] = []
    /// LSAs to request, in the order they were described.
    var requestList: [LSAKey] = []
    var requested: [LSAKey: LSAHeader] = [:]
    /// The requests sent and not yet answered.
    var pendingRequests: Set<LSAKey> = []
    /// LSAs flooded to this neighbor and not yet acknowledged, by the header of the instance
    /// flooded: enough to match an acknowledgement, while a retransmission sends the database's
    /// copy. Headers are plain data; keeping the LSAs would retain and release a body for every
    /// neighbor an LSA is flooded to and every acknowledgement.
    var retransmissionList: [LSAKey: LSAHeader] = [:]

    init(routerID: IPv4Address, address: IPv4Address, priority: UInt8) {
        self.routerID = routerID
        self.address = address
        self.priority = priority
    }

    /// True while a database exchange is under way (ExStart, Exchange or Loading).
    var isExchanging: Bool { state >= .exchangeStart && state < .full }

    mutating func clearAdjacencyLists() {
        summaryList = []
        requestList = []
        requested = [:]
        pendingRequests = []
        retransmissionList = [:]
        lastReceivedDescription = nil
        lastSentDescription = nil
    }

    mutating func removeRequest(_ key: LSAKey) {
        guard requested.removeValue(forKey: key) != nil else { return }
        requestList.removeAll { $0 == key }
        pendingRequests.remove(key)
    }
}
