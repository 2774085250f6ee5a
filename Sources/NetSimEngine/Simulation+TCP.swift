import NetSimRouting
import NetSimWire

/// TCP on routers and hosts (RFC 9293), the transport of BGP: the application interface.
/// Segments are IPv4 packets sent through `sendLocal`, so routes, ARP, link delay and loss and
/// interface state act on them as on any packet. The state machine is in `Simulation+TCPInput`
/// (arriving segments) and `Simulation+TCPOutput` (sending, retransmission, timers); what is
/// modelled and what is not is in ADR 0018.
extension Simulation {
    /// Accepts connections to `port` on the device for `application`, with `ttl` on their packets.
    public func tcpListen(device: Int, port: UInt16, ttl: UInt8 = 64,
                          application: TCPApplication) {
        let stack = tcpStack(devices[device])
        let keys = stack.listeners[port]?.md5Keys ?? [:]
        stack.listeners[port] = TCPStack.Listener(application: application, md5Keys: keys, ttl: ttl)
    }

    /// Stops accepting on `port`; connections already accepted stay.
    public func tcpStopListening(device: Int, port: UInt16) {
        devices[device].tcp?.listeners[port] = nil
    }

    /// Sets (or with nil, removes) the RFC 2385 key a listener requires of segments from `peer`.
    /// Without a key the listener accepts only unsigned segments from that peer, as Linux does.
    /// The port must be listening already; keys stay when `tcpListen` is called again for it.
    public func tcpSetMD5Key(_ key: [UInt8]?, device: Int, port: UInt16, peer: IPv4Address) {
        devices[device].tcp?.listeners[port]?.md5Keys[peer] = key
    }

    /// Opens a connection to `remote:port` from `local` (default: the address of the interface
    /// the route to `remote` leaves by) and an ephemeral port. Returns at once; the outcome
    /// reaches `application` as `tcpEstablished` or `tcpClosed` (`.unreachable` right away, from
    /// the agenda, when there is no route, `remote` is this device's own address, or `local` is
    /// not one of its addresses).
    public func tcpConnect(device index: Int, to remote: IPv4Address, port: UInt16, from local: IPv4Address? = nil,
                           ttl: UInt8 = 64, md5Key: [UInt8]? = nil,
                           application: TCPApplication) -> TCPConnectionID {
        let device = devices[index]
        let stack = tcpStack(device)
        let id = stack.allocateID()
        let source = local ?? sourceAddress(toward: remote, device: device) ?? .zero
        // A connection to the device itself is not modelled: its segments would loop back inside
        // this call and reach the application before it holds the id (ADR 0018).
        let routed = !device.isLocalDestination(remote) && device.rib.fib.lookup(remote) != nil
        let usable = routed && source != .zero && device.isLocalDestination(source)
        let localPort = usable ? stack.ephemeralPort(local: source, remote: remote, remotePort: port) : nil
        let endpoints = TCPEndpoints(localAddress: source, localPort: localPort ?? 0, remoteAddress: remote,
                                     remotePort: port)
        let connection = TCPConnection(id: id, endpoints: endpoints, passive: false, state: .synSent,
                                       application: application, ttl: ttl, md5Key: md5Key,
                                       iss: stack.initialSequenceNumber(), announcedMSS: tcpMSS(toward: remote, device: device))
        guard usable, localPort != nil else {
            stack.connections[id] = connection
            tcpReportLater(connection, reason: .unreachable)
            return id
        }
        stack.add(connection)
        connection.timedSegment = (connection.iss &+ 1, now)
        if !tcpSendSyn(connection, device: device) {
            tcpReportLater(connection, reason: .unreachable)
            return id
        }
        tcpArm(connection, .retransmission, after: connection.rto.current)
        return id
    }

    /// Queues bytes for the peer; they leave as the peer's window allows, in segments of at most
    /// the MSS. Ignored once the application has closed the connection. Until they are
    /// acknowledged the network has not settled, unless `holdsConvergence` is false: periodic
    /// traffic that changes nothing (BGP KEEPALIVEs) would otherwise be in flight at every
    /// convergence check that falls in step with it.
    public func tcpSend(_ bytes: [UInt8], on id: TCPConnectionID, holdsConvergence: Bool = true) {
        guard let (connection, device) = tcpLookup(id), !connection.finQueued, connection.pendingCloseReason == nil,
              connection.application != nil, !bytes.isEmpty else { return }
        connection.sendBuffer.append(contentsOf: bytes)
        if holdsConvergence {
            connection.settlesAt = connection.dataStart &+ UInt32(truncatingIfNeeded: connection.sendBuffer.count)
        }
        if connection.state.isSynchronized { tcpPushData(connection, device: device) }
    }

    /// Closes this side: a FIN after everything queued (RFC 9293 §3.10.4). No callback follows.
    public func tcpClose(_ id: TCPConnectionID) {
        guard let (connection, device) = tcpLookup(id) else { return }
        connection.application = nil
        switch connection.state {
        case .synSent:
            devices[id.device].tcp?.remove(connection)
        case .synReceived, .established:
            connection.finQueued = true
            connection.state = .finWait1
            if connection.sndUna != connection.iss { tcpPushData(connection, device: device) }
        case .closeWait:
            connection.finQueued = true
            connection.state = .lastAck
            tcpPushData(connection, device: device)
        case .finWait1, .finWait2, .closing, .lastAck, .timeWait:
            break
        }
    }

    /// Aborts the connection: a RST to the peer where it knows of the connection, then nothing
    /// (RFC 9293 §3.10.5). No callback follows.
    public func tcpAbort(_ id: TCPConnectionID) {
        guard let (connection, device) = tcpLookup(id) else { return }
        connection.application = nil
        switch connection.state {
        case .synReceived, .established, .finWait1, .finWait2, .closeWait:
            if connection.pendingCloseReason == nil {
                tcpTransmit(connection, device: device, flags: [.rst, .ack], sequence: connection.sndNxt)
            }
        case .synSent, .closing, .lastAck, .timeWait:
            break
        }
        devices[id.device].tcp?.remove(connection)
    }

    /// Changes the TTL of the connection's later packets (an accepted BGP session's, say).
    public func tcpSetTTL(_ ttl: UInt8, on id: TCPConnectionID) {
        tcpLookup(id)?.0.ttl = ttl
    }

    /// The device's connections, in the order they were opened.
    public func tcpConnections(device: Int) -> [TCPConnectionInfo] {
        guard let stack = devices[device].tcp else { return [] }
        return stack.connections.values.filter { $0.pendingCloseReason == nil }.map(\.info).sorted { $0.id < $1.id }
    }

    public func tcpConnection(_ id: TCPConnectionID) -> TCPConnectionInfo? {
        guard let connection = tcpLookup(id)?.0, connection.pendingCloseReason == nil else { return nil }
        return connection.info
    }

    /// The listening ports of a device, ascending.
    public func tcpListeningPorts(device: Int) -> [UInt16] {
        devices[device].tcp?.listeners.keys.sorted() ?? []
    }

    // MARK: Internals shared by input and output

    func tcpStack(_ device: Device) -> TCPStack {
        if let stack = device.tcp { return stack }
        let stack = TCPStack(device: device.id, seed: seed)
        device.tcp = stack
        return stack
    }

    func tcpLookup(_ id: TCPConnectionID) -> (TCPConnection, Device)? {
        guard id.device >= 0, id.device < devices.count,
              let connection = devices[id.device].tcp?.connections[id] else { return nil }
        return (connection, devices[id.device])
    }

    /// The MSS to announce toward `remote`: the MTU of the link the route leaves by, less the
    /// 40 bytes of IPv4 and TCP headers (RFC 9293 §3.7.1).
    func tcpMSS(toward remote: IPv4Address, device: Device) -> UInt16 {
        guard let route = device.rib.fib.lookup(remote), let hop = route.nextHops.first,
              hop.interface >= 0, hop.interface < device.interfaces.count,
              let link = device.interfaces[hop.interface].link else { return TCPConnection.defaultMSS }
        return UInt16(clamping: max(links[link].mtu - 40, Int(TCPConnection.defaultMSS)))
    }

    /// Whether TCP is mid-way anywhere (ADR 0001): a passive handshake or a close in progress,
    /// data not yet acknowledged (unless sent as not holding convergence), a failure report due. ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2 and
    /// TIME-WAIT are quiet, and so is SYN-SENT: whether a connect in progress should hold
    /// convergence is the application's call (a BGP speaker holds it while a session it expects
    /// is forming, not while it keeps retrying a peer that never answers), since applications
    /// reconnect for ever to a peer that is down or refuses the MD5 signature (ADR 0018).
    func tcpBusy() -> Bool {
        devices.contains { device in
            device.tcp?.connections.values.contains { connection in
                switch connection.state {
                // A connect in progress is the application's to count (BGP's speaker holds
                // convergence while a session it expects is forming): a peer that never answers
                // would otherwise hold it for ever, since applications keep reconnecting.
                case .synSent: connection.pendingCloseReason != nil
                case .established, .closeWait, .finWait2, .timeWait:
                    connection.pendingCloseReason != nil || connection.awaitsSettlingAck
                        || (connection.finQueued && !connection.finSent)
                case .synReceived, .finWait1, .closing, .lastAck: true
                }
            } ?? false
        }
    }
}
