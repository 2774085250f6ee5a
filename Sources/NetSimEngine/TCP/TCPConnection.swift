import NetSimRouting
import NetSimWire

/// One connection's transmission control block (RFC 9293 §3.3.1): the send and receive
/// sequence variables, the send buffer, the retransmission state and counters. The engine's
/// `Simulation+TCP*` extensions run the state machine (see `TCPState`) over it.
final class TCPConnection {
    let id: TCPConnectionID
    let endpoints: TCPEndpoints
    let passive: Bool
    var state: TCPState
    /// Who hears about this connection; nil once the application closed or aborted it.
    var application: TCPApplication?
    var ttl: UInt8
    /// The RFC 2385 key every segment is signed with and every arriving segment must carry.
    let md5Key: [UInt8]?

    // Send sequence space: iss ≤ sndUna ≤ sndNxt; sendBuffer[0] is the byte at sequence
    // `dataStart` (sndUna once the SYN is acknowledged).
    let iss: UInt32
    var sndUna: UInt32
    var sndNxt: UInt32
    var sndWnd: UInt32 = 0
    var sendBuffer: [UInt8] = []
    /// The application closed: a FIN follows the last queued byte.
    var finQueued = false
    /// The MSS this side announced (its path's MTU less 40) and the one data segments obey
    /// (the smaller of it and the peer's, 536 when the peer announced none).
    let announcedMSS: UInt16
    var sendMSS: Int

    // Receive sequence space.
    var irs: UInt32 = 0
    var rcvNxt: UInt32 = 0
    /// An acknowledgment is owed; sent with the next segment or on its own once input is done.
    var ackPending = false
    /// Data that arrived beyond a gap, by sequence number, delivered once the gap fills (as
    /// Linux's out-of-order queue; a FIN beyond a gap is not kept and comes again).
    var outOfOrder: [UInt32: [UInt8]] = [:]

    // Retransmission.
    var rto = TCPRetransmissionTimeout()
    /// Expiries of the retransmission timer since the last new acknowledgment.
    var retries = 0
    /// The one segment being timed for an RTT sample (never a retransmitted one: Karn).
    var timedSegment: (end: UInt32, sentAt: SimTime)?
    /// After a timeout, the highest sequence sent before it: partial acknowledgments below it
    /// retransmit the next segment (the receiver drops out-of-order data).
    var recoveryPoint: UInt32?
    /// An ICMP error or route failure seen since the last acknowledgment (Linux's soft error),
    /// reported instead of `timedOut` if the retransmissions run out.
    var softError = false
    /// Why the connection ends, kept until a deferred `tcpClosed` is delivered.
    var pendingCloseReason: TCPCloseReason?
    /// Invalidates armed timer events: only the event carrying the current token acts.
    var timerToken: UInt64 = 0
    /// The timer whose event is pending, if any.
    var armedTimer: TCPTimer?
    /// The application knows of the connection: it opened it, or was told it is established.
    var announced: Bool

    // Counters for the console.
    var segmentsSent = 0
    var segmentsReceived = 0
    var bytesSent = 0
    var bytesReceived = 0
    var retransmissions = 0

    init(id: TCPConnectionID, endpoints: TCPEndpoints, passive: Bool, state: TCPState, application: TCPApplication?,
         ttl: UInt8, md5Key: [UInt8]?, iss: UInt32, announcedMSS: UInt16) {
        self.id = id
        self.endpoints = endpoints
        self.passive = passive
        self.state = state
        self.application = application
        self.ttl = ttl
        self.md5Key = md5Key
        self.iss = iss
        announced = !passive
        sndUna = iss
        sndNxt = iss &+ 1
        self.announcedMSS = announcedMSS
        sendMSS = Int(TCPConnection.defaultMSS)
    }

    /// RFC 9293 §3.7.1: the MSS to assume when the peer announces none.
    static let defaultMSS: UInt16 = 536
    /// The fixed receive window: applications take delivered bytes at once, so it never shrinks.
    static let receiveWindow: UInt16 = 65535
    /// Bytes of options on every segment after the SYN: the MD5 option and its two NOPs.
    var dataOptionLength: Int { md5Key == nil ? 0 : 20 }

    /// The sequence number of the FIN (one past the last queued byte), once the application closed.
    var finSequence: UInt32? {
        finQueued ? dataStart &+ UInt32(truncatingIfNeeded: sendBuffer.count) : nil
    }

    /// The sequence number of sendBuffer[0]: one past the SYN until the SYN is acknowledged.
    var dataStart: UInt32 { sndUna == iss ? iss &+ 1 : sndUna }

    /// Our FIN has left. In FIN-WAIT-2 and TIME-WAIT it has even been acknowledged, and
    /// `finSequence`, counted from `sndUna`, no longer points at it.
    var finSent: Bool {
        if state == .finWait2 || state == .timeWait { return true }
        return finSequence.map { TCPSequence.lessThan($0, sndNxt) } ?? false
    }

    /// Something sent is not yet acknowledged.
    var hasUnacknowledged: Bool { sndUna != sndNxt }

    /// One past the last byte an application asked to see acknowledged before the network counts
    /// as settled (`tcpSend(_:on:holdsConvergence:)`); nil when nothing such was ever sent.
    var settlesAt: UInt32?

    /// Bytes that hold convergence are still unacknowledged.
    var awaitsSettlingAck: Bool { settlesAt.map { TCPSequence.lessThan(sndUna, $0) } ?? false }

    var info: TCPConnectionInfo {
        TCPConnectionInfo(id: id, state: state, endpoints: endpoints, passive: passive, iss: iss, irs: irs,
                          sndUna: sndUna, sndNxt: sndNxt, rcvNxt: rcvNxt, sendWindow: sndWnd, mss: sendMSS,
                          md5: md5Key != nil, ttl: ttl, queuedBytes: sendBuffer.count, segmentsSent: segmentsSent,
                          segmentsReceived: segmentsReceived, bytesSent: bytesSent, bytesReceived: bytesReceived,
                          retransmissions: retransmissions, retransmissionTimeout: rto.current,
                          smoothedRTT: rto.smoothedRTT)
    }
}

/// Comparisons in the 32-bit sequence space, which wraps (RFC 9293 §3.4).
enum TCPSequence {
    static func lessThan(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) < 0 }
    static func lessOrEqual(_ a: UInt32, _ b: UInt32) -> Bool { Int32(bitPattern: a &- b) <= 0 }
}
