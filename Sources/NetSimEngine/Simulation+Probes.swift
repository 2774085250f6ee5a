import NetSimRouting
import NetSimWire

/// Ping and traceroute as the console runs them: sessions that send probes over the simulated
/// network and collect what comes back.
extension Simulation {
    /// Starts a ping from a device; returns the session id. Poll `pingReport` or wait for
    /// `probeCompletionHandler`.
    public func startPing(device: Int, target: IPv4Address, count: Int = 5, dataLength: Int = 56,
                          interval: SimTime = .seconds(1), timeout: SimTime = .seconds(2)) -> Int {
        let session = ProbeSession(id: probes.count, device: device, target: target,
                                   kind: .ping(count: max(1, count), dataLength: dataLength, interval: interval),
                                   identifier: devices[device].allocateIdentifier(), timeout: timeout)
        probes.append(session)
        unfinishedProbes += 1
        queue.schedule(.probeSend(session: session.id), at: now)
        return session.id
    }

    /// Starts a traceroute from a device; returns the session id.
    public func startTraceroute(device: Int, target: IPv4Address, maxTTL: Int = 30, probesPerHop: Int = 3,
                                timeout: SimTime = .seconds(5)) -> Int {
        let session = ProbeSession(id: probes.count, device: device, target: target,
                                   kind: .traceroute(maxTTL: max(1, maxTTL), probesPerHop: max(1, probesPerHop)),
                                   identifier: devices[device].allocateIdentifier(), timeout: timeout)
        probes.append(session)
        unfinishedProbes += 1
        queue.schedule(.probeSend(session: session.id), at: now)
        return session.id
    }

    public func isProbeFinished(_ id: Int) -> Bool { probes[id].finished }

    public func pingReport(_ id: Int) -> PingReport? {
        let session = probes[id]
        guard case .ping(_, let dataLength, _) = session.kind else { return nil }
        return PingReport(target: session.target, source: session.source, dataLength: dataLength,
                          outcomes: session.outcomes.map { $0 ?? .timeout },
                          path: (session.path ?? []).map { devices[$0].name })
    }

    public func tracerouteReport(_ id: Int) -> TracerouteReport? {
        let session = probes[id]
        guard case .traceroute(let maxTTL, _) = session.kind else { return nil }
        return TracerouteReport(target: session.target, source: session.source, maxTTL: maxTTL,
                                hops: session.hops, reached: session.reached)
    }

    // MARK: Sending

    func probeSend(_ id: Int) {
        let session = probes[id]
        guard !session.finished else { return }
        let device = devices[session.device]
        let index = session.sentAt.count
        session.sentAt.append(now)
        session.outcomes.append(nil)
        if session.source == nil { session.source = sourceAddress(toward: session.target, device: device) }
        let packet: IPv4Packet
        switch session.kind {
        case .ping(let count, let dataLength, let interval):
            let echo = ICMPMessage.Echo(identifier: session.identifier, sequence: UInt16(truncatingIfNeeded: index + 1),
                                        dataLength: dataLength)
            packet = IPv4Packet(source: session.source ?? .zero, destination: session.target, ttl: Simulation.defaultTTL,
                                identification: device.allocateIPIdentification(), dontFragment: true,
                                payload: .icmp(.echoRequest(echo)))
            if index + 1 < count { schedule(.probeSend(session: id), after: interval) }
        case .traceroute:
            let ttl = index / session.probesPerHop + 1
            if index % session.probesPerHop == 0 { session.hops.append(TracerouteHop(ttl: ttl, probes: [])) }
            let udp = UDPDatagram(sourcePort: session.udpSourcePort,
                                  destinationPort: ProbeSession.tracerouteBasePort &+ UInt16(truncatingIfNeeded: index),
                                  dataLength: 32)
            packet = IPv4Packet(source: session.source ?? .zero, destination: session.target, ttl: UInt8(clamping: ttl),
                                identification: device.allocateIPIdentification(), dontFragment: true, payload: .udp(udp))
        }
        if session.source == nil {
            record(session, probe: index, outcome: .notSent(reason: "no route to \(session.target)"))
        } else if let failure = sendLocal(packet, device: device, trace: .empty) {
            record(session, probe: index, outcome: .notSent(reason: failure))
        } else {
            schedule(.probeTimeout(session: id, probe: index), after: session.timeout)
        }
    }

    func probeTimedOut(_ id: Int, probe: Int) {
        let session = probes[id]
        guard !session.finished, session.outcomes[probe] == nil else { return }
        record(session, probe: probe, outcome: .timeout)
    }

    // MARK: Answers

    func probeEchoReply(_ echo: ICMPMessage.Echo, packet: IPv4Packet, device: Device, trace: PacketTrace) {
        guard let session = activeSession(device: device.id, identifier: echo.identifier),
              case .ping = session.kind else { return }
        let probe = Int(echo.sequence) - 1
        guard probe >= 0, probe < session.outcomes.count, session.outcomes[probe] == nil else { return }
        if session.path == nil { session.path = trace.devices }
        record(session, probe: probe, outcome: .reply(from: packet.source, ttl: packet.ttl,
                                                      rttNanoseconds: (now - session.sentAt[probe]).nanoseconds))
    }

    func probeICMPError(_ message: ICMPMessage, from sender: IPv4Address, quoted: QuotedDatagram, device: Device,
                        trace: PacketTrace) {
        guard let (session, probe) = match(quoted.leadingPayload, device: device.id) else { return }
        switch session.kind {
        case .ping:
            let text: String
            switch message {
            case .destinationUnreachable(let code, _): text = code.text
            default: text = "time to live exceeded"
            }
            record(session, probe: probe, outcome: .error(from: sender, message: text))
        case .traceroute:
            var annotation: String?
            if case .destinationUnreachable(let code, _) = message {
                switch code {
                case .port: session.reached = sender == session.target || device.isLocalDestination(session.target)
                case .network: annotation = "!N"
                case .host: annotation = "!H"
                case .protocol: annotation = "!P"
                case .fragmentationNeeded: annotation = "!F"
                case .administrativelyProhibited: annotation = "!X"
                }
                session.stopAfterHop = true
            }
            recordHop(session, probe: probe, answer: .init(from: sender, rttNanoseconds: (now - session.sentAt[probe]).nanoseconds,
                                                           annotation: annotation, failure: nil))
            record(session, probe: probe, outcome: .error(from: sender, message: annotation ?? ""))
        }
    }

    /// A locally originated probe was dropped before leaving (ARP gave up).
    func probeUndeliverable(_ packet: IPv4Packet, device: Device, reason: String) {
        let leading = QuotedDatagram(quoting: packet).leadingPayload
        guard let (session, probe) = match(leading, device: device.id) else { return }
        record(session, probe: probe, outcome: .notSent(reason: reason))
    }

    private func activeSession(device: Int, identifier: UInt16) -> ProbeSession? {
        probes.last { !$0.finished && $0.device == device && $0.identifier == identifier }
    }

    private func match(_ leading: QuotedDatagram.LeadingPayload, device: Int) -> (ProbeSession, Int)? {
        switch leading {
        case let .echo(type, identifier, sequence):
            guard type == 8, let session = activeSession(device: device, identifier: identifier),
                  case .ping = session.kind else { return nil }
            let probe = Int(sequence) - 1
            guard probe >= 0, probe < session.outcomes.count, session.outcomes[probe] == nil else { return nil }
            return (session, probe)
        case let .udp(sourcePort, destinationPort, _):
            guard let session = probes.last(where: {
                !$0.finished && $0.device == device && $0.udpSourcePort == sourcePort
                    && { if case .traceroute = $0.kind { true } else { false } }($0)
            }) else { return nil }
            let probe = Int(destinationPort &- ProbeSession.tracerouteBasePort)
            guard probe >= 0, probe < session.outcomes.count, session.outcomes[probe] == nil else { return nil }
            return (session, probe)
        case .tcp, .other:
            return nil
        }
    }

    // MARK: Bookkeeping

    private func recordHop(_ session: ProbeSession, probe: Int, answer: TracerouteHop.Probe) {
        let hop = probe / session.probesPerHop
        guard hop < session.hops.count else { return }
        session.hops[hop].probes.append(answer)
    }

    private func record(_ session: ProbeSession, probe: Int, outcome: ProbeOutcome) {
        guard session.outcomes[probe] == nil else { return }
        session.outcomes[probe] = outcome
        switch session.kind {
        case .ping(let count, _, _):
            if session.outcomes.count == count && session.outcomes.allSatisfy({ $0 != nil }) { finish(session) }
        case .traceroute(let maxTTL, let perHop):
            switch outcome {
            case .timeout: recordHop(session, probe: probe, answer: .init(from: nil, rttNanoseconds: nil, annotation: nil, failure: nil))
            case .notSent(let reason):
                recordHop(session, probe: probe, answer: .init(from: nil, rttNanoseconds: nil, annotation: nil, failure: reason))
                session.stopAfterHop = true
            case .reply, .error: break
            }
            let endOfHop = (probe + 1) % perHop == 0
            let ttl = probe / perHop + 1
            if endOfHop && (session.reached || session.stopAfterHop || ttl >= maxTTL) {
                finish(session)
            } else {
                queue.schedule(.probeSend(session: session.id), at: now)
            }
        }
    }

    private func finish(_ session: ProbeSession) {
        guard !session.finished else { return }
        session.finished = true
        unfinishedProbes -= 1
        probeCompletionHandler?(session.id)
    }
}
