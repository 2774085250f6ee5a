import NetSimRouting

/// A snapshot of one connection for the console and tests: state, ends, sequence variables
/// (RFC 9293 names) and counters.
public struct TCPConnectionInfo: Sendable, Equatable {
    public let id: TCPConnectionID
    public let state: TCPState
    public let endpoints: TCPEndpoints
    public let passive: Bool
    public let iss: UInt32
    public let irs: UInt32
    public let sndUna: UInt32
    public let sndNxt: UInt32
    public let rcvNxt: UInt32
    public let sendWindow: UInt32
    /// The largest data segment this side sends.
    public let mss: Int
    public let md5: Bool
    public let ttl: UInt8
    /// Bytes the application handed over that are not yet acknowledged.
    public let queuedBytes: Int
    public let segmentsSent: Int
    public let segmentsReceived: Int
    /// Data bytes (retransmissions included) sent and delivered in order.
    public let bytesSent: Int
    public let bytesReceived: Int
    public let retransmissions: Int
    public let retransmissionTimeout: SimTime
    public let smoothedRTT: SimTime?
}
