import NetSimRouting
import NetSimWire

/// TCP's receiving side, RFC 9293 §3.10.7 "SEGMENT ARRIVES": demultiplexing, the RFC 2385
/// signature check, LISTEN and SYN-SENT processing, and for synchronized connections the
/// sequence check, RST (with RFC 5961's exact-match rule and challenge ACKs, as Linux), SYN,
/// ACK, data and FIN steps in the RFC's order. ICMP errors about sent segments are soft
/// errors except while connecting, as on Linux.
extension Simulation {
    func receiveTCP(_ segment: TCPSegment, packet: IPv4Packet, device: Device) {
        guard !packet.destination.isBroadcast, !packet.destination.isMulticast, !packet.source.isBroadcast,
              !packet.source.isMulticast, packet.source != .zero else { return }
        let stack = tcpStack(device)
        let endpoints = TCPEndpoints(localAddress: packet.destination, localPort: segment.destinationPort,
                                     remoteAddress: packet.source, remotePort: segment.sourcePort)
        if let id = stack.byEndpoints[endpoints], let connection = stack.connections[id] {
            guard tcpSignatureAcceptable(segment, packet: packet, key: connection.md5Key) else { return }
            connection.segmentsReceived += 1
            if connection.state == .synSent {
                tcpSynSentArrival(segment, connection: connection, device: device)
            } else {
                tcpSynchronizedArrival(segment, connection: connection, device: device)
            }
        } else if let listener = stack.listeners[segment.destinationPort] {
            guard tcpSignatureAcceptable(segment, packet: packet, key: listener.md5Keys[packet.source]) else { return }
            tcpListenArrival(segment, endpoints: endpoints, listener: listener, stack: stack, device: device)
        } else {
            tcpResetUnknown(segment, packet: packet, device: device)
        }
    }

    /// Linux's rule (tcp_inbound_md5_hash): with a key the segment must carry the right
    /// signature; without one it must carry none. Failures are dropped without an answer.
    private func tcpSignatureAcceptable(_ segment: TCPSegment, packet: IPv4Packet, key: [UInt8]?) -> Bool {
        guard let key else { return segment.md5Signature == nil }
        return segment.hasValidSignature(source: packet.source, destination: packet.destination, key: key)
    }

    /// §3.10.7.1: a segment for no connection and no listener earns a RST, unless it is one.
    private func tcpResetUnknown(_ segment: TCPSegment, packet: IPv4Packet, device: Device) {
        guard !segment.flags.contains(.rst) else { return }
        let reset: TCPSegment
        if segment.flags.contains(.ack) {
            reset = TCPSegment(sourcePort: segment.destinationPort, destinationPort: segment.sourcePort,
                               sequenceNumber: segment.acknowledgmentNumber, acknowledgmentNumber: 0, flags: .rst,
                               window: 0)
        } else {
            reset = TCPSegment(sourcePort: segment.destinationPort, destinationPort: segment.sourcePort,
                               sequenceNumber: 0,
                               acknowledgmentNumber: segment.sequenceNumber &+ UInt32(segment.sequenceLength),
                               flags: [.rst, .ack], window: 0)
        }
        let answer = IPv4Packet(source: packet.destination, destination: packet.source, ttl: Simulation.defaultTTL,
                                identification: device.allocateIPIdentification(), dontFragment: true,
                                payload: .tcp(reset))
        sendLocal(answer, device: device, trace: .empty)
    }

    /// §3.10.7.2: a SYN to a listener opens a connection in SYN-RECEIVED; an ACK is reset.
    private func tcpListenArrival(_ segment: TCPSegment, endpoints: TCPEndpoints, listener: TCPStack.Listener,
                                  stack: TCPStack, device: Device) {
        let flags = segment.flags
        if flags.contains(.rst) { return }
        if flags.contains(.ack) {
            tcpResetUnknown(segment, packet: IPv4Packet(source: endpoints.remoteAddress,
                                                        destination: endpoints.localAddress,
                                                        payload: .tcp(segment)), device: device)
            return
        }
        guard flags.contains(.syn) else { return }
        let connection = TCPConnection(id: stack.allocateID(), endpoints: endpoints, passive: true, state: .synReceived,
                                       application: listener.application, ttl: listener.ttl,
                                       md5Key: listener.md5Keys[endpoints.remoteAddress],
                                       iss: stack.initialSequenceNumber(),
                                       announcedMSS: tcpMSS(toward: endpoints.remoteAddress, device: device))
        connection.segmentsReceived = 1
        tcpTakePeerSyn(segment, connection: connection)
        stack.add(connection)
        connection.timedSegment = (connection.iss &+ 1, now)
        tcpSendSynAck(connection, device: device)
        tcpArm(connection, .retransmission, after: connection.rto.current)
    }

    /// The peer's initial sequence number, MSS and window from its SYN.
    private func tcpTakePeerSyn(_ segment: TCPSegment, connection: TCPConnection) {
        connection.irs = segment.sequenceNumber
        connection.rcvNxt = segment.sequenceNumber &+ 1
        connection.sndWnd = UInt32(segment.window)
        let peerMSS = segment.maximumSegmentSize ?? TCPConnection.defaultMSS
        connection.sendMSS = Int(min(peerMSS, connection.announcedMSS))
    }

    /// §3.10.7.3: SYN-SENT.
    private func tcpSynSentArrival(_ segment: TCPSegment, connection: TCPConnection, device: Device) {
        let flags = segment.flags
        let ack = segment.acknowledgmentNumber
        let ackAcceptable = flags.contains(.ack)
            && TCPSequence.lessThan(connection.iss, ack) && TCPSequence.lessOrEqual(ack, connection.sndNxt)
        if flags.contains(.ack) && !ackAcceptable {
            if !flags.contains(.rst) {
                tcpResetUnknown(segment, packet: IPv4Packet(source: connection.endpoints.remoteAddress,
                                                            destination: connection.endpoints.localAddress,
                                                            payload: .tcp(segment)), device: device)
            }
            return
        }
        if flags.contains(.rst) {
            if ackAcceptable { tcpDrop(connection, reason: .reset) }  // connection refused
            return
        }
        guard flags.contains(.syn) else { return }
        tcpTakePeerSyn(segment, connection: connection)
        if ackAcceptable {
            connection.sndUna = ack
            tcpAcknowledged(connection, upTo: ack)
            connection.state = .established
            tcpEstablished(connection, device: device, acknowledge: true)
        } else {
            // Simultaneous open: both SYNs crossed.
            connection.state = .synReceived
            tcpSendSynAck(connection, device: device)
        }
    }

    /// Timing and retries after new data (or the SYN) is acknowledged up to `ack`.
    private func tcpAcknowledged(_ connection: TCPConnection, upTo ack: UInt32) {
        if let timed = connection.timedSegment, TCPSequence.lessOrEqual(timed.end, ack) {
            connection.rto.sample(now - timed.sentAt)
            connection.timedSegment = nil
        }
        connection.retries = 0
        connection.softError = false
        if connection.hasUnacknowledged {
            tcpArm(connection, .retransmission, after: connection.rto.current)
        } else if connection.armedTimer == .retransmission {
            tcpDisarm(connection)
        }
    }

    /// The handshake completed: tell the application, then send what it queued, and the ACK of
    /// the peer's SYN when this side owes one (an active open).
    private func tcpEstablished(_ connection: TCPConnection, device: Device, acknowledge: Bool) {
        if acknowledge { connection.ackPending = true }
        if let application = connection.application {
            connection.announced = true
            application.tcpEstablished(connection.id, endpoints: connection.endpoints, passive: connection.passive)
        }
        guard devices[connection.id.device].tcp?.holds(connection) == true else { return }
        tcpPushData(connection, device: device)
        if connection.ackPending { tcpSendAck(connection, device: device) }
    }

    /// §3.10.7.4: every state after SYN-SENT.
    private func tcpSynchronizedArrival(_ segment: TCPSegment, connection: TCPConnection, device: Device) {
        guard connection.pendingCloseReason == nil, let stack = devices[connection.id.device].tcp else { return }
        let flags = segment.flags
        // First: is any of it in the receive window?
        let window = UInt32(TCPConnection.receiveWindow)
        func inWindow(_ sequence: UInt32) -> Bool {
            TCPSequence.lessOrEqual(connection.rcvNxt, sequence)
                && TCPSequence.lessThan(sequence, connection.rcvNxt &+ window)
        }
        let length = segment.sequenceLength
        let acceptable = length == 0 ? inWindow(segment.sequenceNumber)
            : inWindow(segment.sequenceNumber) || inWindow(segment.sequenceNumber &+ UInt32(length - 1))
        guard acceptable else {
            if !flags.contains(.rst) { tcpSendAck(connection, device: device) }
            return
        }
        // Second: RST, honoured only at exactly RCV.NXT (RFC 5961 §3.2); otherwise a challenge ACK.
        if flags.contains(.rst) {
            guard segment.sequenceNumber == connection.rcvNxt else {
                tcpSendAck(connection, device: device)
                return
            }
            if connection.state == .synReceived && connection.passive {
                stack.remove(connection)  // back to LISTEN: the application never heard of it
            } else {
                tcpDrop(connection, reason: .reset)
            }
            return
        }
        // Fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 §4.2).
        if flags.contains(.syn) {
            tcpSendAck(connection, device: device)
            return
        }
        // Fifth: the ACK field.
        guard flags.contains(.ack) else { return }
        let ack = segment.acknowledgmentNumber
        var handshakeDone = false
        if connection.state == .synReceived {
            guard TCPSequence.lessThan(connection.sndUna, ack), TCPSequence.lessOrEqual(ack, connection.sndNxt) else {
                tcpResetUnknown(segment, packet: IPv4Packet(source: connection.endpoints.remoteAddress,
                                                            destination: connection.endpoints.localAddress,
                                                            payload: .tcp(segment)), device: device)
                return
            }
            connection.state = .established
            handshakeDone = true
        }
        guard tcpProcessAck(segment, connection: connection, device: device) else { return }
        if handshakeDone {
            // Our SYN-ACK was acknowledged: the connection exists for the application now.
            tcpEstablished(connection, device: device, acknowledge: false)
            guard stack.holds(connection) else { return }
        }
        // Seventh: data, in order only (out-of-order data is dropped with a duplicate ACK).
        var fin = flags.contains(.fin)
        if !segment.payload.isEmpty {
            if connection.state.receivesData {
                let skip = Int(connection.rcvNxt &- segment.sequenceNumber)
                if TCPSequence.lessThan(connection.rcvNxt, segment.sequenceNumber) {
                    // Beyond a gap: keep it, and say at once what is missing (a duplicate ACK).
                    fin = false
                    connection.outOfOrder[segment.sequenceNumber] = segment.payload
                    tcpSendAck(connection, device: device)
                } else if skip < segment.payload.count {
                    var fresh = Array(segment.payload[skip...])
                    connection.rcvNxt = connection.rcvNxt &+ UInt32(fresh.count)
                    fresh += tcpTakeOutOfOrder(connection)
                    connection.bytesReceived += fresh.count
                    connection.ackPending = true
                    connection.application?.tcpReceived(fresh, on: connection.id)
                    guard stack.holds(connection) else { return }
                    if !connection.outOfOrder.isEmpty { fin = false }
                } else {
                    connection.ackPending = true
                }
            } else {
                fin = false
                connection.ackPending = true
            }
        }
        // Eighth: FIN, once everything before it has arrived.
        if fin && segment.sequenceNumber &+ UInt32(segment.payload.count) == connection.rcvNxt {
            connection.rcvNxt = connection.rcvNxt &+ 1
            connection.ackPending = true
            tcpFinReceived(connection, device: device)
            guard stack.holds(connection) else { return }
        } else if fin {
            connection.ackPending = true
        }
        tcpPushData(connection, device: device)
        if connection.ackPending { tcpSendAck(connection, device: device) }
    }

    /// The queued out-of-order data that now continues the stream at `rcvNxt`, which moves past it.
    private func tcpTakeOutOfOrder(_ connection: TCPConnection) -> [UInt8] {
        var bytes: [UInt8] = []
        var progressed = true
        while progressed && !connection.outOfOrder.isEmpty {
            progressed = false
            // Sorted by distance from rcvNxt, so the result never depends on Dictionary order.
            for sequence in connection.outOfOrder.keys.sorted(by: { $0 &- connection.rcvNxt < $1 &- connection.rcvNxt }) {
                guard let data = connection.outOfOrder[sequence] else { continue }
                let end = sequence &+ UInt32(data.count)
                if TCPSequence.lessOrEqual(end, connection.rcvNxt) {
                    connection.outOfOrder[sequence] = nil
                } else if TCPSequence.lessOrEqual(sequence, connection.rcvNxt) {
                    connection.outOfOrder[sequence] = nil
                    bytes += data[Int(connection.rcvNxt &- sequence)...]
                    connection.rcvNxt = end
                    progressed = true
                }
            }
        }
        return bytes
    }

    /// The ACK step for synchronized states. Returns false when the segment is to be dropped.
    private func tcpProcessAck(_ segment: TCPSegment, connection: TCPConnection, device: Device) -> Bool {
        let ack = segment.acknowledgmentNumber
        if TCPSequence.lessThan(connection.sndNxt, ack) {
            tcpSendAck(connection, device: device)  // acknowledges something not yet sent
            return false
        }
        if TCPSequence.lessThan(connection.sndUna, ack) {
            let finWasSent = connection.finSent
            var acked = Int(ack &- connection.sndUna)
            if connection.sndUna == connection.iss { acked -= 1 }  // the SYN
            let finAcked = finWasSent && ack == connection.sndNxt
            if finAcked { acked -= 1 }
            connection.sendBuffer.removeFirst(min(max(acked, 0), connection.sendBuffer.count))
            connection.sndUna = ack
            if finAcked { connection.sendBuffer.removeAll() }
            tcpAcknowledged(connection, upTo: ack)
            if let point = connection.recoveryPoint {
                if TCPSequence.lessThan(ack, point) {
                    tcpRetransmitFirst(connection, device: device)
                } else {
                    connection.recoveryPoint = nil
                }
            }
            if finAcked {
                switch connection.state {
                case .finWait1:
                    connection.state = .finWait2
                    tcpArm(connection, .timeWait, after: Simulation.tcpTimeWait)
                case .closing:
                    tcpEnterTimeWait(connection)
                case .lastAck:
                    devices[connection.id.device].tcp?.remove(connection)
                    return false
                default:
                    break
                }
            }
        }
        if TCPSequence.lessOrEqual(connection.sndUna, ack) { connection.sndWnd = UInt32(segment.window) }
        return true
    }

    /// The peer's FIN was received in order (§3.10.7.4, eighth step).
    private func tcpFinReceived(_ connection: TCPConnection, device: Device) {
        switch connection.state {
        case .synReceived, .established:
            connection.state = .closeWait
            if let application = connection.application, connection.announced {
                connection.application = nil
                application.tcpClosed(connection.id, reason: .remoteClosed)
            }
            // The application is done with it: close this side too (FIN after queued data).
            if devices[connection.id.device].tcp?.holds(connection) == true, connection.state == .closeWait {
                connection.application = nil
                connection.finQueued = true
                connection.state = .lastAck
            }
        case .finWait1:
            // Our FIN is not acknowledged yet (else we would be in FIN-WAIT-2): simultaneous close.
            connection.state = .closing
        case .finWait2:
            tcpEnterTimeWait(connection)
        case .timeWait:
            tcpArm(connection, .timeWait, after: Simulation.tcpTimeWait)
        case .synSent, .closeWait, .closing, .lastAck:
            break
        }
    }

    private func tcpEnterTimeWait(_ connection: TCPConnection) {
        connection.state = .timeWait
        tcpArm(connection, .timeWait, after: Simulation.tcpTimeWait)
    }

    /// An ICMP destination unreachable or time exceeded quoting one of our segments. While
    /// connecting it ends the attempt (`unreachable`); later it is a soft error, remembered
    /// for the report should the retransmissions run out (Linux's tcp_v4_err without IP_RECVERR).
    func tcpICMPError(quoted: QuotedDatagram, device: Device) {
        guard case let .tcp(sourcePort, destinationPort, sequence) = quoted.leadingPayload,
              let stack = device.tcp else { return }
        let endpoints = TCPEndpoints(localAddress: quoted.source, localPort: sourcePort,
                                     remoteAddress: quoted.destination, remotePort: destinationPort)
        guard let id = stack.byEndpoints[endpoints], let connection = stack.connections[id],
              TCPSequence.lessOrEqual(connection.sndUna, sequence), TCPSequence.lessThan(sequence, connection.sndNxt)
        else { return }
        tcpSoftError(connection)
    }

    /// A segment of ours could not be delivered (ARP gave up, an ICMP error came back).
    func tcpSoftError(_ connection: TCPConnection) {
        if connection.state == .synSent || (connection.state == .synReceived && !connection.passive) {
            tcpDrop(connection, reason: .unreachable)
        } else {
            connection.softError = true
        }
    }

    /// ARP gave up on a next hop with one of this device's own segments queued.
    func tcpUndeliverable(_ packet: IPv4Packet, device: Device) {
        guard case .tcp(let segment) = packet.payload, let stack = device.tcp else { return }
        let endpoints = TCPEndpoints(localAddress: packet.source, localPort: segment.sourcePort,
                                     remoteAddress: packet.destination, remotePort: segment.destinationPort)
        guard let id = stack.byEndpoints[endpoints], let connection = stack.connections[id] else { return }
        tcpSoftError(connection)
    }
}
