import NetSimRouting
import NetSimWire

/// TCP's sending side: segments onto the IP path, data within the peer's window, the
/// retransmission timer (RFC 6298) with Linux's retry limits, and the connection timers.
extension Simulation {
    /// Linux's net.ipv4.tcp_syn_retries: a connect gives up after 6 retransmitted SYNs (127 s).
    static let tcpSynRetries = 6
    /// Linux's net.ipv4.tcp_synack_retries: an unanswered SYN-ACK is retransmitted 5 times.
    static let tcpSynAckRetries = 5
    /// Linux's net.ipv4.tcp_retries2: 15 retransmissions of data (about 924 s from a 200 ms RTO).
    static let tcpDataRetries = 15
    /// 2*MSL for TIME-WAIT, and how long an orphaned FIN-WAIT-2 waits for the peer's FIN:
    /// Linux's TCP_TIMEWAIT_LEN and tcp_fin_timeout, both 60 s (RFC 9293 suggests MSL = 2 min).
    static let tcpTimeWait = SimTime.seconds(60)

    /// Puts one segment of the connection on the wire, signed when it has a key, acknowledging
    /// `rcvNxt` when `flags` has ACK. Returns false when the packet could not leave (no route,
    /// interface down): a soft error, as Linux records it, and the retransmission timer retries.
    @discardableResult
    func tcpTransmit(_ connection: TCPConnection, device: Device, flags: TCPFlags, sequence: UInt32,
                     payload: [UInt8] = [], options: [TCPOption] = []) -> Bool {
        let ends = connection.endpoints
        var segment = TCPSegment(sourcePort: ends.localPort, destinationPort: ends.remotePort, sequenceNumber: sequence,
                                 acknowledgmentNumber: flags.contains(.ack) ? connection.rcvNxt : 0, flags: flags,
                                 window: TCPConnection.receiveWindow, options: options, payload: payload)
        if let key = connection.md5Key {
            segment = segment.signed(source: ends.localAddress, destination: ends.remoteAddress, key: key)
        }
        if flags.contains(.ack) { connection.ackPending = false }
        connection.segmentsSent += 1
        connection.bytesSent += payload.count
        let packet = IPv4Packet(source: ends.localAddress, destination: ends.remoteAddress, ttl: connection.ttl,
                                identification: device.allocateIPIdentification(), dontFragment: true,
                                payload: .tcp(segment))
        guard sendLocal(packet, device: device, trace: .empty) == nil else {
            connection.softError = true
            return false
        }
        return true
    }

    /// The SYN of an active open (or its retransmission), announcing the MSS.
    @discardableResult
    func tcpSendSyn(_ connection: TCPConnection, device: Device) -> Bool {
        tcpTransmit(connection, device: device, flags: .syn, sequence: connection.iss,
                    options: [.maximumSegmentSize(connection.announcedMSS)])
    }

    func tcpSendSynAck(_ connection: TCPConnection, device: Device) {
        tcpTransmit(connection, device: device, flags: [.syn, .ack], sequence: connection.iss,
                    options: [.maximumSegmentSize(connection.announcedMSS)])
    }

    /// A bare acknowledgment of everything received in order.
    func tcpSendAck(_ connection: TCPConnection, device: Device) {
        tcpTransmit(connection, device: device, flags: .ack, sequence: connection.sndNxt)
    }

    /// Sends queued data the peer's window has room for, then the FIN once the application has
    /// closed and every byte has gone (on the last data segment when it fits).
    func tcpPushData(_ connection: TCPConnection, device: Device) {
        guard connection.pendingCloseReason == nil,
              [.established, .closeWait, .finWait1, .lastAck].contains(connection.state) else { return }
        let largest = max(1, connection.sendMSS - connection.dataOptionLength)
        while !connection.finSent {
            let offset = Int(connection.sndNxt &- connection.dataStart)
            let remaining = connection.sendBuffer.count - offset
            let room = Int(connection.sndWnd) - Int(connection.sndNxt &- connection.sndUna)
            let length = min(largest, remaining, max(room, 0))
            guard length > 0 || (remaining == 0 && connection.finQueued) else { break }
            let reachesEnd = offset + length == connection.sendBuffer.count
            let fin = connection.finQueued && reachesEnd
            var flags: TCPFlags = .ack
            if length > 0 && reachesEnd { flags.insert(.psh) }
            if fin { flags.insert(.fin) }
            let sequence = connection.sndNxt
            connection.sndNxt = sequence &+ UInt32(length) &+ (fin ? 1 : 0)
            if connection.timedSegment == nil && connection.recoveryPoint == nil {
                connection.timedSegment = (connection.sndNxt, now)
            }
            tcpTransmit(connection, device: device, flags: flags, sequence: sequence,
                        payload: Array(connection.sendBuffer[offset..<offset + length]))
            if connection.armedTimer != .retransmission {
                tcpArm(connection, .retransmission, after: connection.rto.current)
            }
        }
    }

    /// Sends the oldest unacknowledged segment again: the first MSS of data from `sndUna`, with
    /// the FIN when it reaches it, or the FIN alone.
    func tcpRetransmitFirst(_ connection: TCPConnection, device: Device) {
        let largest = max(1, connection.sendMSS - connection.dataOptionLength)
        let sentData = min(connection.sendBuffer.count, Int(connection.sndNxt &- connection.dataStart))
        let length = min(largest, sentData)
        let fin = connection.finSent && length == connection.sendBuffer.count
        guard length > 0 || fin else { return }
        var flags: TCPFlags = .ack
        if length > 0 && length == sentData { flags.insert(.psh) }
        if fin { flags.insert(.fin) }
        connection.retransmissions += 1
        tcpTransmit(connection, device: device, flags: flags, sequence: connection.sndUna,
                    payload: Array(connection.sendBuffer[0..<length]))
    }

    // MARK: Timers

    func tcpArm(_ connection: TCPConnection, _ timer: TCPTimer, after delay: SimTime) {
        connection.timerToken &+= 1
        connection.armedTimer = timer
        schedule(.tcpTimer(device: connection.id.device, connection: connection.id, timer: timer,
                           token: connection.timerToken), after: delay)
    }

    func tcpDisarm(_ connection: TCPConnection) {
        connection.timerToken &+= 1
        connection.armedTimer = nil
    }

    /// Ends the connection now and tells the application later, from the agenda.
    func tcpReportLater(_ connection: TCPConnection, reason: TCPCloseReason) {
        connection.pendingCloseReason = reason
        if let stack = devices[connection.id.device].tcp,
           stack.byEndpoints[connection.endpoints] == connection.id {
            stack.byEndpoints[connection.endpoints] = nil
        }
        tcpArm(connection, .report, after: .zero)
    }

    /// Forgets the connection and tells its application why, if it knows of it.
    func tcpDrop(_ connection: TCPConnection, reason: TCPCloseReason) {
        devices[connection.id.device].tcp?.remove(connection)
        guard connection.announced, let application = connection.application else { return }
        connection.application = nil
        application.tcpClosed(connection.id, reason: reason)
    }

    func tcpTimerFired(device: Int, connection id: TCPConnectionID, timer: TCPTimer, token: UInt64) {
        guard let connection = devices[device].tcp?.connections[id], connection.timerToken == token else { return }
        connection.armedTimer = nil
        switch timer {
        case .report:
            tcpDrop(connection, reason: connection.pendingCloseReason ?? .unreachable)
        case .timeWait:
            devices[device].tcp?.remove(connection)
        case .retransmission:
            tcpRetransmissionTimeout(connection, device: devices[device])
        }
    }

    /// RFC 6298 §5.4-5.6: retransmit the oldest segment, back off, restart the timer; give up
    /// after Linux's number of tries, reporting the soft error if one was seen (as Linux does).
    private func tcpRetransmissionTimeout(_ connection: TCPConnection, device: Device) {
        connection.retries += 1
        let limit = switch connection.state {
        case .synSent: Simulation.tcpSynRetries
        case .synReceived: Simulation.tcpSynAckRetries
        default: Simulation.tcpDataRetries
        }
        guard connection.retries <= limit else {
            tcpDrop(connection, reason: connection.softError ? .unreachable : .timedOut)
            return
        }
        connection.rto.backOff()
        connection.timedSegment = nil
        switch connection.state {
        case .synSent:
            connection.retransmissions += 1
            tcpSendSyn(connection, device: device)
        case .synReceived:
            connection.retransmissions += 1
            tcpSendSynAck(connection, device: device)
        default:
            connection.recoveryPoint = connection.sndNxt
            tcpRetransmitFirst(connection, device: device)
        }
        tcpArm(connection, .retransmission, after: connection.rto.current)
    }
}
